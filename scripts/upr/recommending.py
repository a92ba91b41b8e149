"""Recommending States: what each State recommended, to whom, in which cycle, on which
themes, and how each recommendation was received (issue 15, item 1).

Computed from the corpus (:class:`upr.recommendations.Corpus`); the pages are written by
:mod:`upr.pages.recommending`, the downloads by :mod:`upr.exports`.

How a recommendation counts (the same rule as UPR Info's database, which has one row
per recommending State, so the counts equal that export):

* a recommendation made jointly by several States (one text, ``recommending_states``
  ``FRA;LTU``) counts once for EACH of them: France made it, and so did Lithuania;
* an OHCHR thematic-list paragraph that merges the texts of several States (Slovenia,
  session 20: "Complete the process of ratification … (Ukraine); Increase efforts towards
  ratification … (Slovakia)") counts once for each State it names;
* a recommendation whose source does not say who made it (UPR Info's ``(Unknown)``)
  counts for nobody;
* a row the export repeats word for word (same review, recommending State, text and
  response: 4 of UPR Info's 61,014 rows) is one recommendation, as the importer stores it.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .recommendations import RESPONSES, Recommendation


@dataclass
class Made:
    """The recommendations one State made in one cycle, in (session, State under Review,
    ID) order, with their counts."""

    iso3: str
    cycle: int
    recs: list[Recommendation] = field(default_factory=list)

    @property
    def responses(self) -> Counter:
        return Counter(r.response for r in self.recs)

    @property
    def states_under_review(self) -> Counter:
        return Counter(r.state_under_review for r in self.recs)

    @property
    def themes(self) -> Counter:
        return Counter(t for r in self.recs for t in r.issues)

    @property
    def joint(self) -> int:
        """How many were made together with other States."""
        return sum(1 for r in self.recs if len(r.recommending_states) > 1)

    def response_counts(self) -> list[tuple[str, int]]:
        counts = self.responses
        return [(x, counts[x]) for x in RESPONSES if counts[x]]


def made_by(corpus) -> dict[str, dict[int, Made]]:
    """Recommending State (ISO3) -> cycle -> :class:`Made`, for every State that made at
    least one recommendation in the corpus."""
    out: dict[str, dict[int, Made]] = {}
    for rec in corpus:
        for iso3 in dict.fromkeys(rec.recommending_states):  # a State named twice counts once
            per = out.setdefault(iso3, {})
            per.setdefault(rec.cycle, Made(iso3, rec.cycle)).recs.append(rec)
    for per in out.values():
        for made in per.values():
            made.recs.sort(key=lambda r: (r.session, r.state_under_review, r.sort_key))
    return {k: dict(sorted(v.items())) for k, v in sorted(out.items())}


def all_made(per_cycle: dict[int, Made]) -> list[Recommendation]:
    """Every recommendation of one recommending State, cycle by cycle (for its download)."""
    return [r for made in per_cycle.values() for r in made.recs]
