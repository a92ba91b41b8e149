"""The CSO mid-term report (issue 15, item 5): where a State stands, half-way to its
next review, on every recommendation of one cycle, as NGOs found it.

:func:`build` gathers, theme by theme (a recommendation's first theme, as in
:mod:`upr.briefing`), each recommendation of the cycle with its response, its
latest public assessment (status, date, who assessed, sources, narrative) and its
history (the older public assessments, newest first). The caller passes the public
view of the follow-up (:attr:`upr.followup.FollowUp.public`): confidential
assessments never come in. :func:`upr.reports.midterm_docx` writes it as Word;
``upr report midterm`` and the site (every State and cycle with a public
assessment) offer it.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .briefing import theme_of
from .followup import STATUSES, Assessment, FollowUp
from .recommendations import RESPONSES, Recommendation

NOT_ASSESSED = "not assessed"


@dataclass
class Entry:
    rec: Recommendation
    latest: Assessment | None
    history: list[Assessment]  # older public assessments, newest first


@dataclass
class Report:
    state: str
    cycle: int
    themes: list[tuple[str, list[Entry]]]

    @property
    def entries(self) -> list[Entry]:
        return [e for _, entries in self.themes for e in entries]

    @property
    def sessions(self) -> list[int]:
        return sorted({e.rec.session for e in self.entries})

    @property
    def assessments(self) -> list[Assessment]:
        """Every public assessment the report carries, each once, oldest first."""
        seen: dict[str, Assessment] = {}
        for e in self.entries:
            for a in ([e.latest] if e.latest else []) + e.history:
                seen.setdefault(a.path, a)
        return sorted(seen.values(), key=lambda a: (a.date, a.path))

    def status_counts(self) -> list[tuple[str, int]]:
        count = Counter(e.latest.status if e.latest else NOT_ASSESSED for e in self.entries)
        return [(s, count[s]) for s in (*STATUSES, NOT_ASSESSED) if count[s]]

    def response_counts(self) -> list[tuple[str, int]]:
        count = Counter(e.rec.response for e in self.entries)
        return [(r, count[r]) for r in RESPONSES if count[r]]


def build(corpus, followup: FollowUp, iso3: str, cycle: int) -> Report:
    """The report for ``iso3``'s recommendations of ``cycle`` (in report order within a
    theme; themes in order of first appearance, as OHCHR's lists run)."""
    recs = [r for r in corpus.by_state.get(iso3, []) if r.cycle == cycle]
    themes: dict[str, list[Entry]] = {}
    for rec in sorted(recs, key=lambda r: r.sort_key):
        history = followup.history(rec.id)
        themes.setdefault(theme_of(rec), []).append(
            Entry(rec, history[0] if history else None, history[1:]))
    return Report(iso3, cycle, list(themes.items()))


def has_assessments(recs: list[Recommendation], followup: FollowUp) -> bool:
    """True when at least one of ``recs`` has a public assessment: the site offers the
    report for those States and cycles."""
    return any(followup.current(r.id) for r in recs)
