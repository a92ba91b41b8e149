"""From the joint submission to the outcome (issue 15, item 4).

A country group lists the recommendations of its joint submission in its
``index.md`` (``submission.recommendations``, see :mod:`upr.groups`). Once the
Working Group's recommendations of the group's review (its State under Review
and session) are imported, each is matched to them with :func:`upr.matching.closest`
(upr.similarity's score, threshold :data:`upr.matching.SUBMISSION_THRESHOLD`): the ones
scoring at or above it were *taken up*, by the recommending States of those
recommendations, and the State under Review's response is theirs.

This module only computes (:func:`of_group`); the group page and the News include
(:mod:`upr.pages.groups`) write it. Only public data goes in: the submission's
recommendations are published on the group page by design, the Working Group's
recommendations are public documents.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from . import matching
from .groups import Group, SubmissionRecommendation
from .recommendations import RESPONSES, Recommendation


@dataclass
class Item:
    """One recommendation of the submission and the Working Group's recommendations that take it up."""

    rec: SubmissionRecommendation
    matches: list[matching.Match] = field(default_factory=list)

    @property
    def taken_up(self) -> bool:
        return bool(self.matches)

    @property
    def recommending_states(self) -> list[str]:
        """ISO3 codes of the States that took it up, in order of the best match first."""
        return list(dict.fromkeys(code for m in self.matches for code in m.rec.recommending_states))

    @property
    def responses(self) -> Counter:
        return Counter(m.rec.response for m in self.matches)


@dataclass
class Outcome:
    """What came of a group's submission. ``imported`` is False while the review's
    recommendations are not in the corpus (before the review, or not imported yet):
    then no item has matches."""

    group: Group
    imported: bool
    review_size: int
    items: list[Item]
    threshold: float = matching.SUBMISSION_THRESHOLD

    @property
    def taken_up(self) -> list[Item]:
        return [i for i in self.items if i.taken_up]

    @property
    def recommending_states(self) -> list[str]:
        """Every State that took up at least one, by how many it took up, then code."""
        count = Counter(code for i in self.items for code in i.recommending_states)
        return sorted(count, key=lambda c: (-count[c], c))

    @property
    def matched(self) -> list[Recommendation]:
        """The review's recommendations that take up at least one, in report order."""
        seen = {m.rec.id: m.rec for i in self.items for m in i.matches}
        return sorted(seen.values(), key=lambda r: r.sort_key)

    @property
    def responses(self) -> Counter:
        """Responses of :attr:`matched` (supported / noted …)."""
        return Counter(r.response for r in self.matched)

    def response_summary(self) -> list[tuple[str, int]]:
        return [(x, self.responses[x]) for x in RESPONSES if self.responses[x]]


def review_recommendations(corpus, state: str, session: int) -> list[Recommendation]:
    """The Working Group's recommendations of one review, in report order."""
    recs = (getattr(corpus, "by_state", None) or {}).get(state, [])
    return [r for r in recs if r.session == session]


def of_group(group: Group, corpus) -> Outcome | None:
    """The outcome of ``group``'s submission, or None when it lists no recommendations."""
    mine = group.submission.recommendations
    if not mine:
        return None
    review = review_recommendations(corpus, group.state, group.session)
    found = matching.closest([r.text for r in mine], review) if review else [[] for _ in mine]
    return Outcome(group, bool(review), len(review), [Item(r, m) for r, m in zip(mine, found)])
