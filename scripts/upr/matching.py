"""Which recommendations ask for the same thing in other words, for the advocacy
features (issue 15, items 2 and 4): a thin layer over :mod:`upr.similarity`.

* :func:`closest`: for each text of a coalition's joint submission, the Working
  Group's recommendations of that review that take it up (:mod:`upr.outcome`);
  :func:`upr.similarity.similar` with :data:`SUBMISSION_THRESHOLD`;
* :func:`raised_again`: for each recommendation a State under Review received, the
  recommendations of later cycles that ask for it again (:mod:`upr.briefing`): the
  "asked before" links of the follow-up tables read the other way round
  (:attr:`upr.similarity.Repeats.later`, threshold :data:`upr.similarity.THRESHOLD`),
  so the briefing and the follow-up tables always agree.

The score is upr.similarity's: cosine of TF-IDF vectors of character n-grams, IDF
fitted on the texts compared (one review and one submission; one State's
recommendations), rounded to 2 decimals; deterministic.

:data:`SUBMISSION_THRESHOLD` 0.30, chosen on real texts (tests/fixtures/advocacy):
a coalition's 15 recommendations (11 paraphrasing real recommendations Slovenia
received at session 48, 4 on subjects no State raised) against the 254 of that
review, 40 pairs labelled by hand as asking for the same (tests/test_outcome.py).
At 0.30: precision 0.94 (31 of 33 pairs found are right), recall 0.78 (31 of 40),
and every one of the 15 is rightly taken up or not. At 0.25: precision 0.94,
recall 0.85, but the 4 texts no State took up reach 0.21, too close; at 0.35:
0.97 and 0.70. Wrong pairs: a child rights ombudsman against the Human Rights
Ombudsman's independence and funding (0.49, 0.33). A coalition's texts are longer and
more specific than the Working Group's, so the threshold is lower than the 0.45 of
repeats between Working Group recommendations.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from . import similarity
from .recommendations import Recommendation

SUBMISSION_THRESHOLD = 0.30
REPEAT_THRESHOLD = similarity.THRESHOLD


@dataclass(frozen=True)
class Match:
    """A recommendation and how close it is to what it was compared with (0–1)."""

    rec: Recommendation
    score: float


def _order(matches: Iterable[Match]) -> list[Match]:
    return sorted(matches, key=lambda m: (-m.score, m.rec.sort_key))


def closest(texts: Sequence[str], candidates: Sequence[Recommendation],
            threshold: float = SUBMISSION_THRESHOLD) -> list[list[Match]]:
    """For each of ``texts``, the ``candidates`` scoring ``threshold`` or more, best first."""
    return [_order(Match(rec, score) for rec, score in row)
            for row in similarity.similar(texts, candidates, threshold)]


def raised_again(recs: Sequence[Recommendation], repeats: "similarity.Repeats | None" = None
                 ) -> dict[str, list[Match]]:
    """``{id: later recommendations asking for the same}`` for recommendations to ONE
    State under Review, best first; IDs with none are left out. ``repeats``: the
    build's :func:`upr.similarity.for_content` (shared with the follow-up tables and
    cached); without it, this State's are computed."""
    by_id = {r.id: r for r in recs}
    if repeats is None:
        repeats = similarity.Repeats()
        repeats.add(by_id, similarity.earlier_matches(list(recs)))
        repeats.finish()
    out = {}
    for rid in by_id:
        found = [Match(by_id[m.id], m.score) for m in repeats.later.get(rid, ()) if m.id in by_id]
        if found:
            out[rid] = _order(found)
    return out
