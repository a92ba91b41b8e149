"""Which recommendations ask for the same thing in other words (issue 15, items 2 and 4).

Two questions, one measure:

* :func:`closest`: for each text of a coalition's joint submission, the Working
  Group's recommendations of that review that take it up (:mod:`upr.outcome`);
* :func:`raised_again`: for each recommendation a State under Review received,
  the recommendations of later cycles that ask for it again (:mod:`upr.briefing`).

The measure is the cosine of TF-IDF vectors of words (scikit-learn's
``TfidfVectorizer``: English stop words left out, sublinear term frequency), so
that the words that make a recommendation specific ("statelessness", "Roma",
"defamation") weigh more than the words every recommendation has ("continue",
"efforts", "ensure"). The vocabulary and its weights are fitted on the texts
compared and nothing else (one review and one submission; one State's
recommendations), so a result does not change when another State's data is
imported. Scores are rounded to 3 decimals and ties are broken by recommendation
order: the same data always gives the same matches.

Interim: ``upr.similarity`` (issue 15, item 3, built in another branch) will
find "the closest recommendations with a score" for the whole platform, with a
threshold chosen on a hand-labelled sample. When it lands, these two functions
call it and keep their signatures; nothing else changes.

Thresholds, chosen on real texts (tests/fixtures/advocacy/, Slovenia, session 48):

* :data:`SUBMISSION_THRESHOLD` 0.25: a coalition's 15 recommendations (11 paraphrasing
  real recommendations Slovenia received at session 48, 4 on subjects no State raised)
  against the 254 of that review, 40 pairs labelled by hand as asking for the same
  (tests/test_outcome.py). At 0.25: precision 0.97 (32 of 33 pairs found are right),
  recall 0.80 (32 of 40), and every one of the 15 is rightly taken up or not (the
  4 not taken up score at most 0.17). At 0.30: precision 0.96, recall 0.62; at 0.20:
  0.95 and 0.88 but two wrong pairs. The wrong pair is a child rights ombudsman against
  "the independence of the Office of the Human Rights Ombudsman" (0.37).
* :data:`REPEAT_THRESHOLD` 0.45: Slovenia's cycle-4 recommendations against their
  closest cycle-3 recommendation, read by hand in bands of 0.1: at 0.45 and above
  nearly all pairs ask for the same thing; between 0.30 and 0.45 most share only the
  theme ("hate speech" against "the criminal justice system").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from .recommendations import Recommendation

SUBMISSION_THRESHOLD = 0.25
REPEAT_THRESHOLD = 0.45


@dataclass(frozen=True)
class Match:
    """A recommendation and how close it is to what it was compared with (0–1)."""

    rec: Recommendation
    score: float


def _vectors(texts: Sequence[str]):
    """TF-IDF rows (L2-normalised) of ``texts``, or None when they have no word in common use."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        return TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    except ValueError:  # only stop words, digits or punctuation in every text
        return None


def _order(matches: Iterable[Match]) -> list[Match]:
    return sorted(matches, key=lambda m: (-m.score, m.rec.sort_key))


def closest(texts: Sequence[str], candidates: Sequence[Recommendation],
            threshold: float = SUBMISSION_THRESHOLD) -> list[list[Match]]:
    """For each of ``texts``, the ``candidates`` scoring ``threshold`` or more, best first."""
    if not texts:
        return []
    if not candidates:
        return [[] for _ in texts]
    matrix = _vectors([*texts, *(r.text for r in candidates)])
    if matrix is None:
        return [[] for _ in texts]
    scores = (matrix[: len(texts)] @ matrix[len(texts):].T).toarray()
    out = []
    for row in scores:
        found = (Match(rec, round(float(s), 3)) for rec, s in zip(candidates, row))
        out.append(_order(m for m in found if m.score >= threshold))
    return out


def raised_again(recs: Sequence[Recommendation], threshold: float = REPEAT_THRESHOLD
                 ) -> dict[str, list[Match]]:
    """``{id: later recommendations asking for the same}`` for recommendations to ONE
    State under Review: a recommendation of a later cycle scoring ``threshold`` or more
    (best first). IDs with none are left out."""
    ordered = sorted(recs, key=lambda r: r.sort_key)
    if len({r.cycle for r in ordered}) < 2:
        return {}
    matrix = _vectors([r.text for r in ordered])
    if matrix is None:
        return {}
    out: dict[str, list[Match]] = {}
    similar = (matrix @ matrix.T).tocoo()
    for i, j, s in zip(similar.row, similar.col, similar.data):
        score = round(float(s), 3)
        if score >= threshold and ordered[j].cycle > ordered[i].cycle:
            out.setdefault(ordered[i].id, []).append(Match(ordered[j], score))
    return {rid: _order(found) for rid, found in out.items()}
