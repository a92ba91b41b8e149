"""A lobby briefing for a review (issue 15, item 2): what was asked before, by whom,
with what result.

For a State under Review and one of its reviews (its next or current one, see
:func:`next_review`, or a country group's), :func:`build` gathers every
recommendation the State received in the reviews before it, grouped by theme,
each with

* the recommending States and the State under Review's response;
* the latest *public* NGO assessment (:attr:`upr.followup.FollowUp.public`: the
  caller passes the public view; confidential assessments never come in);
* whether it was raised again: later recommendations to the same State asking for
  the same in other words (:func:`upr.matching.raised_again`: the follow-up tables'
  "asked before" read the other way round), up to and including the review itself
  once its recommendations are imported.

A recommendation sits under its first theme (as OHCHR's thematic lists and the
matrix export place it). OHCHR's cycle-2 theme codes are dropped (``B31 Equality &
non-discrimination`` is ``Equality & non-discrimination``, as in cycles 3–4), so
that the cycles meet under one heading; UPR Info's cycle-1 issues keep their names.
Themes come in order of how many recommendations they hold, then by name.

:func:`build` computes; :mod:`upr.reports` writes the Word and Excel files and
:mod:`upr.pages.briefings` the pages.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from . import matching
from .followup import Assessment, FollowUp
from .recommendations import RESPONSES, Recommendation
from .sessions import PATTERN_STEP, cycle_of

NO_THEME = "Themes not coded in the source"
_CODE = re.compile(r"^[A-Z][0-9]{1,2}\s+(?=\S)")


def theme_of(rec: Recommendation) -> str:
    """The theme a recommendation is listed under: its first, without OHCHR's code."""
    return _CODE.sub("", rec.issues[0]) if rec.issues else NO_THEME


@dataclass(frozen=True)
class Review:
    """One review of a State: ``projected`` when the calendar does not list it yet and
    the session comes from the 14-session pattern; ``session_info`` is the calendar's
    Session (None when projected)."""

    state: str
    session: int
    cycle: int
    projected: bool = False
    session_info: object = None


def _over(session, today: dt.date) -> bool:
    last = session.end or session.start
    if last is not None:
        return last.last < today
    year = getattr(session, "year", None)
    return year is not None and year < today.year


def next_review(calendar, iso3: str, today: dt.date) -> Review | None:
    """The State's review not over on ``today`` (the current or next one), from the
    calendar's schedule (sourced sessions, and the States and dates upr.projection
    infers or projects from the 14-session pattern); else the session 14 after its last
    review. ``projected`` unless a source lists the State in that session. None when the
    calendar has no review of the State."""
    sourced = getattr(calendar, "sessions", None) or {}
    schedule = calendar.schedule() if hasattr(calendar, "schedule") else sourced
    mine = sorted((s for s in schedule.values() if iso3 in s.states), key=lambda s: s.number)
    # a session without dates is over when a later one is (sessions come in number order)
    held = max((n for n, s in schedule.items() if _over(s, today)), default=0)
    for s in mine:
        if s.number > held and not _over(s, today):
            listed = s.number in sourced and iso3 in sourced[s.number].states
            return Review(iso3, s.number, s.cycle, not listed, s)
    if not mine:
        return None
    number = mine[-1].number + PATTERN_STEP
    while number <= held:  # held without listing the State
        number += PATTERN_STEP
    return Review(iso3, number, cycle_of(number), True, schedule.get(number))


def review_of_session(calendar, iso3: str, session: int, projected: bool = False) -> Review:
    """The review of ``iso3`` at ``session`` (a country group's)."""
    sourced = (getattr(calendar, "sessions", None) or {}).get(session)
    schedule = calendar.schedule() if hasattr(calendar, "schedule") else {}
    listed = sourced is not None and iso3 in sourced.states
    return Review(iso3, session, cycle_of(session), projected or not listed, schedule.get(session, sourced))


@dataclass
class Row:
    """One earlier recommendation: its latest public assessment, how many there are,
    and the later recommendations that ask for it again (best first)."""

    rec: Recommendation
    theme: str
    assessment: Assessment | None = None
    assessments: int = 0
    again: list[matching.Match] = field(default_factory=list)

    @property
    def again_cycles(self) -> list[int]:
        return sorted({m.rec.cycle for m in self.again})


@dataclass
class Theme:
    name: str
    rows: list[Row]

    @property
    def recommending_states(self) -> Counter:
        return Counter(code for r in self.rows for code in r.rec.recommending_states)

    @property
    def responses(self) -> Counter:
        return Counter(r.rec.response for r in self.rows)

    @property
    def cycles(self) -> list[int]:
        return sorted({r.rec.cycle for r in self.rows})

    @property
    def assessed(self) -> int:
        return sum(1 for r in self.rows if r.assessment)

    @property
    def raised_again(self) -> int:
        return sum(1 for r in self.rows if r.again)


@dataclass
class StateSummary:
    """What one recommending State asked the State under Review before."""

    code: str
    recommendations: int = 0
    responses: Counter = field(default_factory=Counter)
    themes: Counter = field(default_factory=Counter)


@dataclass
class Briefing:
    """The briefing for ``review``; ``for_state`` set when it keeps only the
    recommendations one recommending State made (a sheet for a meeting with its mission)."""

    review: Review
    themes: list[Theme]
    for_state: str | None = None

    @property
    def state(self) -> str:
        return self.review.state

    @property
    def rows(self) -> list[Row]:
        return [r for t in self.themes for r in t.rows]

    @property
    def cycles(self) -> list[int]:
        return sorted({r.rec.cycle for r in self.rows})

    @property
    def responses(self) -> Counter:
        return Counter(r.rec.response for r in self.rows)

    def response_summary(self) -> list[tuple[str, int]]:
        return [(x, self.responses[x]) for x in RESPONSES if self.responses[x]]

    def recommending_states(self) -> list[StateSummary]:
        """Every State that recommended before, most recommendations first, then code."""
        out: dict[str, StateSummary] = {}
        for row in self.rows:
            for code in row.rec.recommending_states:
                s = out.setdefault(code, StateSummary(code))
                s.recommendations += 1
                s.responses[row.rec.response] += 1
                s.themes[row.theme] += 1
        return sorted(out.values(), key=lambda s: (-s.recommendations, s.code))


def build(corpus, followup: FollowUp, review: Review, for_state: str | None = None,
          repeats=None) -> Briefing:
    """The briefing for ``review``. ``followup`` must be the public view; ``repeats`` the
    build's :func:`upr.similarity.for_content` when there is one (else the State's
    repeats are computed)."""
    recs = corpus.by_state.get(review.state, []) if corpus is not None else []
    earlier = [r for r in recs if r.session < review.session and r.cycle < review.cycle]
    if for_state:
        earlier = [r for r in earlier if for_state in r.recommending_states]
    again = matching.raised_again(recs, repeats) if earlier else {}
    by_theme: dict[str, list[Row]] = {}
    for rec in sorted(earlier, key=lambda r: r.sort_key):
        theme = theme_of(rec)
        by_theme.setdefault(theme, []).append(Row(
            rec, theme, followup.current(rec.id), len(followup.by_recommendation.get(rec.id, ())),
            again.get(rec.id, [])))
    themes = [Theme(name, rows) for name, rows in by_theme.items()]
    themes.sort(key=lambda t: (-len(t.rows), t.name.casefold(), t.name))
    return Briefing(review, themes, for_state)
