"""What the 14-session pattern says about the sessions no source covers yet.

From cycle 2 on, the same group of States returns every 14 sessions (DOMAIN.md;
``sources/_compiled/README.md``), and the Working Group meets three times a year
(Jan/Feb, Apr/May, Oct/Nov). :func:`build` uses that to compute, never to store:

* **inferred States** for a session whose States no source lists (sessions 50 and 51): the
  States of the session 14 earlier;
* **the projected next rotation**: for the 14 sessions after the last one whose States a
  source lists (today 55–68, cycle 5), the States of the session 14 earlier, a projected
  month for the session and projected stakeholder and national-report deadlines.

Both leave out a State that a source already places in another session of the same cycle
(the United States, moved to session 53, is not inferred into session 50).

How dates are projected (:class:`Measures` keeps the figures; the calendar page prints them):

* the *measured rotation* is the 14 sessions up to the last one whose States a source lists,
  the sessions the projection repeats (today sessions 41–54, cycle 4);
* **slot**: sessions follow each other in the three yearly slots, so session ``n`` falls in the
  slot of sessions ``n-3``, ``n-6`` …: its year is that of the latest such session with a sourced
  start, plus one per three sessions; its first day is the median (month, day) of the exact
  starts of that slot in the measured rotation (today: 21 January, 29 April, 5 November);
* each kind of value (States, the session's month, each deadline) is computed only after the last
  session a source gives it for: a past session without a published deadline gets none;
* **length**: the median number of days from first to last day of the exact sessions (11);
* **deadlines**: the median number of days between the exact start and the exact deadline of the
  sessions of the measured rotation that have both (today sessions 41–44: stakeholder
  submissions 208 days before the session, national reports 91 days before), rounded down;
* projected dates are *months* (``precision: month``, ``basis: projected``): the median is not a
  day anyone published.

A sourced value written in ``states/sessions.yml`` always wins: it is used as it is and the
projection of that value disappears (a sourced start date also moves the projected deadlines,
which are counted from it). Projections are only labels on pages and TENTATIVE events in feeds.
"""
from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass, field, replace

from .sessions import PATTERN_STEP, Calendar, FuzzyDate, Session, cycle_of

FIRST_PATTERN_SESSION = 13  # the pattern holds from cycle 2 on
SLOTS = 3                   # Working Group sessions a year
DEADLINES = ("stakeholder_deadline", "national_report_deadline")
_REFERENCE_YEAR = 2001      # a common year, to turn (month, day) into a day of the year


@dataclass(frozen=True)
class Measure:
    """A median in days and the sessions it was measured on."""

    days: int
    sessions: tuple[int, ...]


@dataclass(frozen=True)
class Measures:
    """The figures a projection is computed from (see the module docstring)."""

    window: tuple[int, int]                                   # measured rotation: first and last session
    slots: dict[int, tuple[int, int, tuple[int, ...]]]        # n % 3 -> (month, day, sessions measured)
    length: Measure | None                                    # first to last day of a session
    offsets: dict[str, Measure] = field(default_factory=dict)  # deadline key -> days before the start
    last_sourced_states: int = 0                              # the last session whose States a source lists
    horizon: int = 0                                          # the last projected session


@dataclass
class Projection:
    schedule: dict[int, Session]
    measures: Measures | None


def _sourced_start(s: Session | None) -> bool:
    return s is not None and s.start is not None and not s.start.computed


def _median(values: list[int]) -> int:
    return math.floor(statistics.median(values))


def measure(sessions: dict[int, Session], last_states: int) -> Measures:
    """The medians of the measured rotation: the 14 sessions up to the last one whose States a
    source lists (the sessions the projection repeats)."""
    first = max(1, last_states - PATTERN_STEP + 1)
    window = [sessions[n] for n in range(first, last_states + 1) if n in sessions]
    exact = [s for s in window if s.start is not None and s.start.exact]
    slots = {}
    for r in range(SLOTS):
        days = [s.start.first.replace(year=_REFERENCE_YEAR).timetuple().tm_yday
                for s in exact if s.number % SLOTS == r and not (s.start.first.month == 2 and s.start.first.day == 29)]
        if days:
            day = dt.date(_REFERENCE_YEAR, 1, 1) + dt.timedelta(days=_median(days) - 1)
            slots[r] = (day.month, day.day, tuple(s.number for s in exact if s.number % SLOTS == r))
    spans = [(s.number, (s.end.first - s.start.first).days) for s in exact if s.end is not None and s.end.exact]
    length = Measure(_median([d for _, d in spans]), tuple(n for n, _ in spans)) if spans else None
    offsets = {}
    for key in DEADLINES:
        pairs = [(s.number, (s.start.first - getattr(s, key).first).days) for s in exact
                 if getattr(s, key) is not None and getattr(s, key).precision == "day"]
        if pairs:
            offsets[key] = Measure(_median([d for _, d in pairs]), tuple(n for n, _ in pairs))
    return Measures(window=(first, last_states), slots=slots, length=length, offsets=offsets,
                    last_sourced_states=last_states, horizon=last_states + PATTERN_STEP)


def _month(day: dt.date) -> FuzzyDate:
    return FuzzyDate(day.isoformat()[:7], "month", basis="projected")


def _slot_day(n: int, sessions: dict[int, Session], measures: Measures) -> dt.date | None:
    """The projected first day of session ``n`` (see the module docstring), or None."""
    anchors = [m for m in sessions if m < n and (n - m) % SLOTS == 0
               and (_sourced_start(sessions[m]) or sessions[m].year)]
    if not anchors:
        return None
    m = max(anchors)
    anchor = sessions[m]
    year = (anchor.start.first.year if _sourced_start(anchor) else anchor.year) + (n - m) // SLOTS
    slot = measures.slots.get(n % SLOTS)
    if slot is not None:
        month, day = slot[0], slot[1]
    elif _sourced_start(anchor):
        month, day = anchor.start.first.month, anchor.start.first.day
    else:
        return None
    return dt.date(year, month, day)


def _with_states(s: Session, base: Session, taken: dict[str, int], basis: str) -> Session:
    states = [c for c in base.states if c not in taken]
    left_out = {c: taken[c] for c in base.states if c in taken}
    return replace(s, states=states, state_lines=[], order="unknown", left_out=left_out,
                   projected_from=base.number, basis={**s.basis, "states": basis})


def _with_dates(s: Session, sessions: dict[int, Session], measures: Measures, frontier: dict[str, int]) -> Session:
    basis = dict(s.basis)
    changes: dict = {}
    if s.start is not None:
        first = s.start.first
    elif s.number <= frontier["start"]:
        return s  # a session before the last sourced start: its dates are unknown, not projected
    else:
        first = _slot_day(s.number, sessions, measures)
        if first is None:
            return s
        changes["start"] = _month(first)
        basis["start"] = "projected"
        if s.end is None and measures.length is not None:
            changes["end"] = _month(first + dt.timedelta(days=measures.length.days))
            basis["end"] = "projected"
        if s.year is None:
            changes["year"] = first.year
    for key in DEADLINES:
        offset = measures.offsets.get(key)
        if getattr(s, key) is None and offset is not None and s.number > frontier[key]:
            changes[key] = _month(first - dt.timedelta(days=offset.days))
            basis[key] = "projected"
    return replace(s, **changes, basis=basis) if changes else s


def _last(sourced: dict[int, Session], has) -> int:
    return max((n for n, s in sourced.items() if has(s)), default=0)


def build(calendar: Calendar) -> Projection:
    """The schedule (sourced sessions with the computed values added) and the measures.

    Each kind of value is computed after the last session a source gives it for, up to the
    horizon (14 sessions after the last sourced list of States): States (earlier sessions
    without a list get *inferred* States), the session's month, and each deadline. So a
    past session without a published deadline never gets a projected one."""
    sourced = calendar.sessions
    schedule: dict[int, Session] = dict(sourced)
    last_states = _last(sourced, lambda s: bool(s.states))
    if not last_states:
        return Projection(schedule, None)
    horizon = last_states + PATTERN_STEP
    taken: dict[int, dict[str, int]] = {}
    for n, s in sorted(sourced.items()):
        for code in s.states:
            taken.setdefault(s.cycle, {}).setdefault(code, n)
    for n in range(FIRST_PATTERN_SESSION + PATTERN_STEP, horizon + 1):
        s = schedule.get(n)
        if s is None and n <= last_states:
            continue  # a session the file does not list at all: nothing to infer it onto
        s = s or Session(number=n, cycle=cycle_of(n), in_file=False)
        base = schedule.get(n - PATTERN_STEP)
        if not s.states and base is not None and base.states:
            s = _with_states(s, base, taken.get(s.cycle, {}), "inferred" if n <= last_states else "projected")
        schedule[n] = s
    measures = measure(sourced, last_states)
    frontier = {"start": _last(sourced, _sourced_start)}
    for key in DEADLINES:
        frontier[key] = _last(sourced, lambda s, key=key: getattr(s, key) is not None)
    for n in range(min(frontier.values()) + 1, horizon + 1):
        if n in schedule:
            schedule[n] = _with_dates(schedule[n], sourced, measures, frontier)
    return Projection(dict(sorted(schedule.items())), measures)
