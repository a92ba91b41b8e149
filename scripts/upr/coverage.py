"""What the platform has, and has not yet, of each State's recommendations.

For every State and cycle: how many recommendations are imported and from which
sources, or — for a review that has taken place (its session started on or before
``today``) — that they are not imported yet, with where to find them (OHCHR's UPR page
of the State, which links each review's thematic list, and the UHRI search) and the
one line that imports them. The recommendations index shows the same per cycle:
States with data out of the 193 Member States.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

UHRI_SEARCH = "https://uhri.ohchr.org/en/search-human-rights-recommendations"
IMPORT_LINE = "upr import recommendations export-full-en.json"


def ohchr_country_page(iso2: str) -> str:
    """OHCHR's UPR page of a State (documents and thematic list of every review)."""
    return f"https://www.ohchr.org/en/hr-bodies/upr/{iso2.lower()}-index"


@dataclass
class CycleCoverage:
    cycle: int
    sessions: list[int] = field(default_factory=list)
    count: int = 0
    responses: Counter = field(default_factory=Counter)
    sources: list[str] = field(default_factory=list)   # source labels, highest precedence first
    reviewed: bool = False                             # the review has taken place

    @property
    def missing(self) -> bool:
        """Reviewed, but no recommendation imported."""
        return self.reviewed and not self.count


def _sessions(calendar) -> dict:
    """Every session with the States a source lists or the calendar infers (sessions 50
    and 51 have no source for their States: :meth:`upr.sessions.Calendar.schedule`)."""
    if calendar is None:
        return {}
    return calendar.schedule() if hasattr(calendar, "schedule") else calendar.sessions


def held_sessions(calendar, today: dt.date) -> set[int]:
    """Sessions that have started on or before ``today`` (by their start date, or by
    their year when only that is known), and every earlier session."""
    sessions = _sessions(calendar)
    if not sessions:
        return set()
    last = 0
    for s in sessions.values():
        if s.start is not None and s.start.first <= today:
            last = max(last, s.number)
        elif s.start is None and s.year is not None and s.year < today.year:
            last = max(last, s.number)
    return set(range(1, last + 1))


def for_state(content, iso3: str, today: dt.date) -> list[CycleCoverage]:
    """One entry per cycle in which the State was (or is scheduled to be) reviewed or
    has recommendations, oldest first."""
    from .importers.store import FAMILIES, family
    iso3 = iso3.upper()
    corpus = content.kinds.get("recommendations")
    calendar = content.kinds.get("sessions")
    held = held_sessions(calendar, today)
    out: dict[int, CycleCoverage] = {}
    if calendar is not None:
        for s in sorted(_sessions(calendar).values(), key=lambda s: s.number):
            if iso3 in s.states:
                c = out.setdefault(s.cycle, CycleCoverage(s.cycle))
                c.sessions.append(s.number)
                c.reviewed = c.reviewed or s.number in held
    for rec in (corpus.by_state.get(iso3, []) if corpus is not None else []):
        c = out.setdefault(rec.cycle, CycleCoverage(rec.cycle))
        c.count += 1
        c.reviewed = True
        c.responses[rec.response] += 1
        if rec.session not in c.sessions:
            c.sessions.append(rec.session)
        for label in rec.datasets:
            if label not in c.sources:
                c.sources.append(label)
    for c in out.values():
        c.sessions.sort()
        c.sources.sort(key=lambda d: (FAMILIES.index(family(d)) if family(d) in FAMILIES else len(FAMILIES), d))
    return [out[k] for k in sorted(out)]


def by_cycle(content, today: dt.date) -> list[tuple[int, int, int, int]]:
    """``(cycle, recommendations, States with data, Member States reviewed so far)`` per
    cycle, for the recommendations index."""
    corpus = content.kinds.get("recommendations")
    calendar = content.kinds.get("sessions")
    states = content.kinds.get("states") or {}
    members = {k for k, v in states.items() if not getattr(v, "is_observer", False)} if isinstance(states, dict) else set()
    held = held_sessions(calendar, today)
    recs = Counter()
    with_data: dict[int, set[str]] = {}
    for rec in (corpus if corpus is not None else []):
        recs[rec.cycle] += 1
        with_data.setdefault(rec.cycle, set()).add(rec.state_under_review)
    reviewed: dict[int, set[str]] = {}
    if calendar is not None:
        for s in _sessions(calendar).values():
            if s.number in held:
                reviewed.setdefault(s.cycle, set()).update(c for c in s.states if not members or c in members)
    cycles = sorted(set(recs) | set(reviewed))
    return [(c, recs[c], len(with_data.get(c, ())), len(reviewed.get(c, set()) | with_data.get(c, set())))
            for c in cycles]
