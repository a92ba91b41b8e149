"""The UPR Working Group session calendar: ``states/sessions.yml``.

One entry per Working Group (WG) session 1–54 with its cycle, dates, the States
under Review (ISO 3166 alpha-3, in review order when known), the stakeholder and
national-report deadlines, the HRC session of adoption and the sources of every
value. The file is created once by ``upr import calendar`` from
``data/real/_compiled/upr_wg_sessions_1-54.csv`` and then edited by hand.

Dates carry their precision, because the sources do (DOMAIN.md, _compiled/README.md)::

    start: {date: "2025-01-20", precision: day}          # exact day
    start: {date: "2016-01", precision: month}           # the source gives only the month
    start: {date: "2026-05-04", precision: approximate}  # a planning date, "around then"

A deadline may carry its time, Geneva time (OHCHR deadlines are 12:00 noon in Geneva)::

    stakeholder_deadline: {date: "2026-10-08 12:00", precision: day}   # Geneva wall-clock time
    stakeholder_deadline: {date: "2026-10-08T10:00:00Z", precision: day}  # or with an offset

and is then kept as an aware ``Europe/Zurich`` instant (:mod:`upr.geneva`, case 41).

A value nobody has found a source for is absent from the file: *unknown*. The file is
never filled from the 14-session pattern. What the pattern says is *computed* by
:mod:`upr.projection` into :meth:`Calendar.schedule`, every computed value marked
(``FuzzyDate.basis`` / ``Session.basis``: ``projected`` or ``inferred``) and labelled as
such wherever it is shown. A sourced value written in the file always replaces it.

A session that departs from the pattern (a State reviewed in another slot, a source that
lists fewer States) says so in ``pattern_departure`` (what departs, why, the source); the
check then accepts that departure and warns only about departures nobody explained.
"""
from __future__ import annotations

import calendar as _cal
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from . import geneva
from .i18n import N_, format_day, format_month, format_range, t
from .problems import ERROR, WARNING, Problem
from .schema import validate
from .states import known_state
from .suggest import with_state_codes
from .yamlio import LineDict, LineList, read_yaml_file

PRECISIONS = ("day", "month", "approximate")
ORDERS = ("review", "alphabetical", "hrc_adoption", "as_listed", "unknown")
CYCLE_FIRST_SESSION = {1: 1, 2: 13, 3: 27, 4: 41, 5: 55}
PATTERN_STEP = 14  # from cycle 2 on, session n and n+14 review the same States
DEFAULT_LOCALE = "en"  # a site language (en/fr/es); dates are formatted by upr.i18n (Babel)

_DATE_FORM = r"^[0-9]{4}-[0-9]{2}(-[0-9]{2}([T ].*)?)?$"  # the time part is read by upr.geneva
_DAY_OR_MONTH = re.compile(r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$")
_ISO3 = r"^[A-Z]{3}$"

BASIS_LABELS = {"projected": N_("projected: not yet published by OHCHR"),
                "inferred": N_("inferred: not yet found in a source")}


def basis_label(basis: str, locale: str = "en") -> str:
    """``projected: not yet published by OHCHR`` (or ``inferred: …``) in ``locale``; '' when sourced."""
    return t(BASIS_LABELS[basis], locale) if basis in BASIS_LABELS else ""


def cycle_of(session: int) -> int:
    """UPR cycle of a WG session number: 1–12 → 1, 13–26 → 2, 27–40 → 3, 41–54 → 4, then 14 a
    cycle (DOMAIN.md). The one definition: groups, recommendations and importers use it.
    Raises ValueError for a session below 1."""
    if session < 1:
        raise ValueError(f"session must be 1 or more, got {session}")
    if session <= 12:
        return 1
    return 2 + (session - 13) // PATTERN_STEP


# ---------------------------------------------------------------- schema

_DATED = {
    "type": "object",
    "description": "a date and how precise the source is about it",
    "required": ["date", "precision"],
    "additionalProperties": False,
    "properties": {
        "date": {"type": "string", "pattern": _DATE_FORM,
                 "description": "YYYY-MM-DD, or YYYY-MM when the precision is month; a deadline may add "
                                "the time the source gives, in Geneva time: YYYY-MM-DD HH:MM",
                 "examples": ["2025-01-20", "2016-01", "2026-10-08 12:00"]},
        "precision": {"enum": list(PRECISIONS),
                      "description": "day = exact day from the source; month = only the month is known; "
                                     "approximate = a planning date, around then (shown as 'May 2026, approx.')",
                      "examples": ["day"]},
        "note": {"type": "string", "description": "what the source says about this date",
                 "examples": ["provisional", "extended deadline"]},
    },
}

_CODES = {"type": "array", "uniqueItems": True, "minItems": 1,
          "items": {"type": "string", "pattern": _ISO3, "description": "upper-case ISO 3166 alpha-3 code",
                    "examples": ["USA"]}}
_DEPARTURE = {
    "type": "object",
    "description": "why this session does not review the same States as the session 14 earlier (from cycle 2 "
                   "on, States return every 14 sessions): which States depart, why, and the source. The check "
                   "accepts the departures written here and warns about any other",
    "required": ["note", "sources"],
    "anyOf": [{"required": ["added"]}, {"required": ["missing"]}],
    "additionalProperties": False,
    "properties": {
        "added": {**_CODES, "description": "States reviewed in this session but not in the session 14 earlier",
                  "examples": [["USA"]]},
        "missing": {**_CODES, "description": "States of the session 14 earlier that this session does not review",
                    "examples": [["SDN"]]},
        "note": {"type": "string", "minLength": 10, "description": "what departs and why, as the sources say it",
                 "examples": ["The United States' review, due in session 50, was moved to session 53"]},
        "sources": {"type": "array", "minItems": 1,
                    "items": {"type": "string", "pattern": r"^(https?://|github:|sources/)\S+$",
                              "description": "a URL (https://…), a github: path or a file under sources/ in "
                                             "this repository",
                              "examples": ["https://upr-info.org/en/news/47th-upr-working-group-key-highlights"]},
                    "description": "where the departure is documented",
                    "examples": [["sources/_compiled/README.md"]]},
    },
}

SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "UPR Working Group session calendar (states/sessions.yml)",
    "type": "object",
    "required": ["sessions"],
    "additionalProperties": False,
    "properties": {
        "updated": {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                    "description": "the day this calendar was last checked against its sources; calendar "
                                   "feeds use it as their time stamp, so change it when you change a date",
                    "examples": ["2026-11-30"]},
        "sessions": {
            "type": "array",
            "description": "one entry per Working Group session, in session order",
            "items": {
                "type": "object",
                "required": ["session", "cycle"],
                "additionalProperties": False,
                "properties": {
                    "session": {"type": "integer", "minimum": 1, "maximum": 99,
                                "description": "the Working Group session number", "examples": [48]},
                    "cycle": {"type": "integer", "minimum": 1, "maximum": 9,
                              "description": "UPR cycle: sessions 1–12 are cycle 1, 13–26 cycle 2, "
                                             "27–40 cycle 3, 41–54 cycle 4", "examples": [4]},
                    "number_inferred": {"type": "boolean",
                                        "description": "true when no source states the session number and it "
                                                       "was inferred (explain in notes)", "examples": [True]},
                    "year": {"type": "integer", "minimum": 2008, "maximum": 2100,
                             "description": "the year of the session (shown when the dates are unknown)",
                             "examples": [2025]},
                    "start": {**_DATED, "description": "first day of the session"},
                    "end": {**_DATED, "description": "last day of the session (inclusive)"},
                    "states": {"type": "array", "uniqueItems": True,
                               "description": "States under Review, as upper-case ISO 3166 alpha-3 codes, "
                                              "in the order of review when known",
                               "items": {"type": "string", "pattern": _ISO3,
                                         "description": "upper-case ISO 3166 alpha-3 code",
                                         "examples": ["SVN"]},
                               "examples": [["ITA", "SLV", "GMB"]]},
                    "order": {"enum": list(ORDERS),
                              "description": "what the order of 'states' means: review (official order of "
                                             "review), alphabetical, hrc_adoption (order of adoption at the HRC), "
                                             "as_listed (as a source listed them), unknown",
                              "examples": ["review"]},
                    "stakeholder_deadline": {**_DATED, "description": "deadline for stakeholder submissions "
                                                                      "to OHCHR"},
                    "national_report_deadline": {**_DATED, "description": "deadline for the State's national "
                                                                          "report"},
                    "addenda_deadlines": {"type": "array", "items": _DATED,
                                          "description": "deadlines for the State's addendum (responses to "
                                                         "recommendations), when the sources give them",
                                          "examples": [[{"date": "2022-12-12", "precision": "day"}]]},
                    "hrc_adoption": {
                        "type": "object", "additionalProperties": False,
                        "description": "the Human Rights Council session that adopts the outcomes",
                        "properties": {
                            "hrc_session": {"type": "integer", "minimum": 1,
                                            "description": "HRC session number", "examples": [59]},
                            "date": _DATED["properties"]["date"],
                            "precision": _DATED["properties"]["precision"],
                            "note": {"type": "string", "description": "what the source says",
                                     "examples": ["adoptions 23-24 June 2016"]},
                        },
                    },
                    "notes": {"type": "string", "description": "caveats: inferred values, disagreements "
                                                               "between sources", "examples": ["ILGA lists 13 States"]},
                    "pattern_departure": _DEPARTURE,
                    "sources": {"type": "array", "items": {"type": "string", "description": "a URL or a "
                                                           "github: path", "examples": ["https://upr-info.org/"]},
                                "description": "where the values of this entry come from",
                                "examples": [["https://www.ohchr.org/en/hr-bodies/upr/upr-main"]]},
                },
            },
        },
    },
}


# ---------------------------------------------------------------- models

@dataclass(frozen=True)
class FuzzyDate:
    """A date as precise as its source. ``value`` is ``YYYY-MM-DD`` or ``YYYY-MM`` (the day in
    Geneva); ``precision`` one of :data:`PRECISIONS`; ``first``/``last`` bound the days it may be.
    ``at`` is the instant, aware in Europe/Zurich, when the source gives a time (case 41).
    ``basis`` is '' for a value from a source, ``projected``/``inferred`` for a computed one
    (:mod:`upr.projection`); its :meth:`label` then says so."""

    value: str
    precision: str
    note: str = ""
    at: dt.datetime | None = None
    basis: str = ""

    @property
    def first(self) -> dt.date:
        if len(self.value) == 7:
            return dt.date.fromisoformat(self.value + "-01")
        return dt.date.fromisoformat(self.value)

    @property
    def last(self) -> dt.date:
        if len(self.value) == 7:
            y, m = int(self.value[:4]), int(self.value[5:7])
            return dt.date(y, m, _cal.monthrange(y, m)[1])
        return dt.date.fromisoformat(self.value)

    @property
    def exact(self) -> bool:
        return self.precision == "day" and not self.basis

    @property
    def computed(self) -> bool:
        return bool(self.basis)

    def plain_label(self, locale: str = DEFAULT_LOCALE) -> str:
        """The date alone: ``20 January 2025``, ``14 March 2025, 12:00 Geneva time (CET, UTC+01:00)``,
        ``January 2016 (month only)``, ``May 2026, approx.``; a computed month: ``October 2026``."""
        if self.precision == "day":
            day = format_day(self.first, locale)
            return f"{day}, {geneva.describe(self.at, locale)}" if self.at else day
        month = format_month(self.first, locale)
        if self.basis:
            return month
        if self.precision == "approximate":
            return f"{month}, {t('approx.', locale)}"
        return f"{month} ({t('month only', locale)})"

    def label(self, locale: str = DEFAULT_LOCALE) -> str:
        """:meth:`plain_label`, followed by ``(projected: not yet published by OHCHR)`` for a
        computed value: a projection is never shown as if it were sourced."""
        text = self.plain_label(locale)
        return f"{text} ({basis_label(self.basis, locale)})" if self.basis else text

    def days_from(self, today: dt.date) -> int:
        """Days from ``today`` to this date (its last possible day when not exact)."""
        return (self.last - today).days

    def instant(self) -> dt.datetime:
        """When this deadline passes, as an aware Geneva instant: its time when the source
        gives one, otherwise the end of its (last possible) day in Geneva."""
        if self.at is not None:
            return self.at
        return geneva.start_of_day(self.last + dt.timedelta(days=1))

    def is_past(self, now: dt.datetime) -> bool:
        """Whether the deadline has passed at the aware instant ``now`` (a naive ``now`` is
        Geneva wall-clock time: never compared as UTC)."""
        return geneva.as_geneva(now) >= self.instant()


@dataclass
class PatternDeparture:
    """Why a session does not review the same States as the session 14 earlier."""

    added: list[str]
    missing: list[str]
    note: str
    sources: list[str]
    line: int


@dataclass
class Session:
    """One Working Group session. Unknown values are None (or empty lists).

    In :meth:`Calendar.schedule`, a session may also carry computed values: ``basis`` maps
    each computed field (``states``, ``start``, ``end``, ``stakeholder_deadline``,
    ``national_report_deadline``) to ``projected`` or ``inferred``; ``projected_from`` is the
    session 14 earlier whose States were taken; ``left_out`` the States of that session that a
    source places in another session of this cycle (State -> that session)."""

    number: int
    cycle: int
    start: FuzzyDate | None = None
    end: FuzzyDate | None = None
    year: int | None = None
    states: list[str] = field(default_factory=list)
    order: str = "unknown"
    number_inferred: bool = False
    stakeholder_deadline: FuzzyDate | None = None
    national_report_deadline: FuzzyDate | None = None
    addenda_deadlines: list[FuzzyDate] = field(default_factory=list)
    hrc_session: int | None = None
    hrc_adoption_date: FuzzyDate | None = None
    hrc_adoption_note: str = ""
    notes: str = ""
    sources: list[str] = field(default_factory=list)
    line: int = 0
    state_lines: list[int] = field(default_factory=list)
    departure: PatternDeparture | None = None
    basis: dict[str, str] = field(default_factory=dict)
    projected_from: int | None = None
    left_out: dict[str, int] = field(default_factory=dict)
    in_file: bool = True

    @property
    def order_is_review_order(self) -> bool:
        return self.order == "review"

    @property
    def states_basis(self) -> str:
        """'' when the States come from a source, else ``projected`` or ``inferred``."""
        return self.basis.get("states", "")

    @property
    def computed(self) -> bool:
        """True when any value of this session is computed rather than sourced."""
        return bool(self.basis)

    @property
    def hrc_adoption(self) -> str:
        """``HRC 59``, ``HRC 49 (28 Feb - 1 Apr 2022)``, ``September 2026 (month only)`` or ``""``."""
        parts = []
        if self.hrc_session:
            parts.append(f"HRC {self.hrc_session}")
        if self.hrc_adoption_date and not self.hrc_adoption_note:
            parts.append(self.hrc_adoption_date.label())
        if self.hrc_adoption_note:
            parts.append(f"({self.hrc_adoption_note})")
        return " ".join(parts)

    def dates_label(self, locale: str = DEFAULT_LOCALE) -> str:
        """Dates for people: ``20–31 January 2025``, ``January–February 2016 (month only)``,
        ``May 2026, approx.``, ``April–May 2027 (projected: not yet published by OHCHR)`` or
        ``unknown`` (with the year when only that is known)."""
        s, e = self.start, self.end
        if s is None:
            unknown = t("unknown", locale)
            return f"{unknown} ({self.year})" if self.year else unknown
        if e is None:
            if s.exact:
                return t("from {day} (end date unknown)", locale).format(day=s.plain_label(locale))
            return s.label(locale)
        basis = s.basis or e.basis
        if s.exact and e.exact:
            return format_range(s.first, e.first, locale)
        if s.precision == e.precision == "month":
            qualifier = basis_label(basis, locale) if basis else t("month only", locale)
            if s.value == e.value:
                return f"{format_month(s.first, locale)} ({qualifier})"
            a = format_month(s.first, locale)
            b = format_month(e.first, locale)
            if s.first.year == e.first.year:
                from babel.dates import format_date
                from .i18n import locale as babel_locale
                a = format_date(s.first, "LLLL", locale=babel_locale(locale))
            return f"{a}–{b} ({qualifier})"
        return f"{s.label(locale)} – {e.label(locale)}"

    def has_dates(self) -> bool:
        return self.start is not None


@dataclass
class Review:
    """One review of one State: what a State page shows."""

    session: int
    cycle: int
    dates_label: str
    symbols: dict[str, str]
    session_url: str


@dataclass
class Deadline:
    """An open deadline of one session. ``kind`` is ``stakeholder`` or ``national_report``."""

    session: Session
    kind: str
    date: FuzzyDate

    LABELS = {"stakeholder": N_("stakeholder submissions"), "national_report": N_("national report")}

    @property
    def label(self) -> str:
        return self.LABELS[self.kind]

    @property
    def projected(self) -> bool:
        return self.date.computed

    def days_left(self, today: dt.date) -> int:
        """Days to the deadline; to the first day it may be when the date is computed, so a
        projection never promises more time than there may be."""
        if self.date.computed:
            return (self.date.first - today).days
        return self.date.days_from(today)


@dataclass(frozen=True)
class ProjectedFrom:
    """For :meth:`Calendar.projected`: the session the States of a projected session repeat
    (``number``, 14 earlier) and the States it gives (``states``)."""

    number: int
    states: list[str]


def symbols_for(session: int, iso3: str) -> dict[str, str]:
    """The three OHCHR document symbols of a review: ``A/HRC/WG.6/{session}/{ISO3}/1|2|3``."""
    base = f"A/HRC/WG.6/{session}/{iso3.upper()}"
    return {"national_report": f"{base}/1", "compilation": f"{base}/2", "stakeholder_summary": f"{base}/3"}


def _not_over(s: Session, today: dt.date) -> bool:
    return s.start is not None and (s.end or s.start).last >= today


@dataclass
class Calendar:
    """All sessions, by number. ``sessions`` holds what ``states/sessions.yml`` says (sourced
    values only); :meth:`schedule` adds the computed ones. ``updated`` is the day the file
    was last checked."""

    sessions: dict[int, Session] = field(default_factory=dict)
    updated: dt.date | None = None
    path: str = "states/sessions.yml"
    _computed: Any = field(default=None, repr=False, compare=False)

    def _projection(self):
        if self._computed is None:
            from .projection import build
            self._computed = build(self)
        return self._computed

    def schedule(self) -> dict[int, Session]:
        """Every session, sourced values as written and computed ones added: States inferred
        for a session no source lists (50, 51) and the next cycle projected (see
        :mod:`upr.projection`). Pages and feeds show this; checks use :attr:`sessions`."""
        return self._projection().schedule

    def measures(self):
        """What the projection measured (:class:`upr.projection.Measures`), or None."""
        return self._projection().measures

    def reviews_for(self, iso3: str) -> list[Review]:
        """Every review of the State ``iso3`` (upper-case) that a source lists, oldest first."""
        iso3 = iso3.upper()
        return [Review(session=s.number, cycle=s.cycle, dates_label=s.dates_label(),
                       symbols=symbols_for(s.number, iso3), session_url=f"../../sessions/{s.number}/")
                for s in sorted(self.sessions.values(), key=lambda s: s.number) if iso3 in s.states]

    def next_sessions(self, today: dt.date, months: int | None = None, projected: bool = False) -> list[Session]:
        """Sessions not yet over on ``today`` (dated ones only), soonest first; with
        ``months``, only those starting within that many months; with ``projected``, from
        :meth:`schedule` (computed dates included, each marked)."""
        limit = _add_months(today, months) if months else None
        pool = self.schedule() if projected else self.sessions
        out = [s for s in pool.values()
               if _not_over(s, today) and (limit is None or s.start.first <= limit)]
        return sorted(out, key=lambda s: (s.start.first, s.number))

    def open_deadlines(self, today: dt.date, projected: bool = False) -> list[Deadline]:
        """Stakeholder and national-report deadlines on or after ``today``, soonest first.
        With ``projected``, the computed deadlines of :meth:`schedule` only (each one marked):
        pages show them apart from the sourced ones."""
        pool = self.schedule() if projected else self.sessions
        out = []
        for s in pool.values():
            for kind in ("stakeholder", "national_report"):
                d = getattr(s, f"{kind}_deadline")
                if d is not None and d.last >= today and d.computed == projected:
                    out.append(Deadline(s, kind, d))
        return sorted(out, key=lambda d: (d.date.first, d.session.number, d.kind))

    def next_review(self, iso3: str, today: dt.date) -> Session | None:
        """The first session of :meth:`schedule` that reviews ``iso3`` and is not over on
        ``today`` (a session without dates counts as over once a later session has started)."""
        code = iso3.upper()
        schedule = self.schedule()
        started = [n for n, s in schedule.items() if s.start is not None and s.start.first <= today]
        latest_started = max(started, default=0)
        for n in sorted(schedule):
            s = schedule[n]
            if code not in s.states:
                continue
            if s.start is not None:
                if _not_over(s, today):
                    return s
            elif n > latest_started:
                return s
        return None

    def session_of(self, iso3: str, cycle: int) -> Session | None:
        for s in self.sessions.values():
            if s.cycle == cycle and iso3.upper() in s.states:
                return s
        return None

    def projected(self) -> list[tuple[int, ProjectedFrom]]:
        """``(session number, ProjectedFrom)`` for the sessions of :meth:`schedule` whose States
        are projected from the 14-session pattern, in session order (the country-groups page
        uses it). Projections are never stored: pages label them 'projected'."""
        return [(n, ProjectedFrom(s.projected_from, list(s.states)))
                for n, s in sorted(self.schedule().items())
                if s.states_basis == "projected" and s.projected_from is not None]


def _add_months(day: dt.date, months: int) -> dt.date:
    m = day.month - 1 + months
    y, m = day.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(day.day, _cal.monthrange(y, m)[1]))


# ---------------------------------------------------------------- loading

class _Reader:
    """Turns one validated-ish session entry into a :class:`Session`, collecting problems."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []

    def err(self, line: int, message: str, fix: str, severity: str = ERROR) -> None:
        self.problems.append(Problem(self.path, line, message, fix, severity))

    def dated(self, raw: Any, where: str, line: int, timed: bool = False) -> FuzzyDate | None:
        """A :class:`FuzzyDate` from ``{date, precision[, note]}``. With ``timed`` (deadlines),
        the date may carry a time, read by :func:`upr.geneva.parse` into an aware Geneva
        instant; elsewhere a time is refused with the form to write."""
        if not isinstance(raw, dict):
            return None  # the schema reports the shape
        value, precision = raw.get("date"), raw.get("precision")
        vline = raw.lines.get("date", line) if isinstance(raw, LineDict) else line
        if not isinstance(value, str) or not re.match(_DATE_FORM, value) or precision not in PRECISIONS:
            return None
        at = None
        if not _DAY_OR_MONTH.match(value):  # a time follows the day
            day = value[:10]
            if not timed:
                self.err(vline, f"{where} is a day, without a time: '{value}'",
                         f"write date: \"{day}\" (only deadlines carry a time)")
                return None
            parsed = geneva.parse(value)
            if parsed.error:
                self.err(vline, f"{where}: {parsed.error}", parsed.fix)
                return None
            if parsed.warning:
                self.err(vline, f"{where}: {parsed.warning}",
                         f"if the source says {parsed.at:%H:%M} Geneva time, write it without an offset: "
                         f"\"{geneva.example_form(parsed.day, parsed.at.hour, parsed.at.minute)}\"; if it says "
                         f"another Geneva time, write that one", WARNING)
            if precision != "day":
                self.err(vline, f"{where} gives a time ('{value}') but has precision {precision}",
                         "write precision: day (a time goes with an exact day), or remove the time")
                return None
            value, at = parsed.day, parsed.at
        if precision == "month" and len(value) != 7:
            self.err(vline, f"{where} has precision month but gives a day: '{value}'",
                     f"write date: \"{value[:7]}\" with precision: month, or precision: day if the day is sourced")
            return None
        if precision == "day" and len(value) != 10:
            self.err(vline, f"{where} has precision day but gives no day: '{value}'",
                     "write the full date YYYY-MM-DD, or precision: month if only the month is known")
            return None
        try:
            fd = FuzzyDate(value, precision, str(raw.get("note") or ""), at)
            fd.first, fd.last  # noqa: B018 - validates the calendar date
        except ValueError:
            self.err(vline, f"{where} is not a real date: '{value}'",
                     "write an existing date as YYYY-MM-DD (e.g. 2025-02-28; months have 28–31 days)")
            return None
        return fd

    def departure(self, raw: Any, line: int) -> PatternDeparture | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("note"), str):
            return None  # the schema reports the shape
        codes = lambda key: [c for c in raw.get(key) or [] if isinstance(c, str) and re.match(_ISO3, c)]  # noqa: E731
        return PatternDeparture(added=codes("added"), missing=codes("missing"), note=raw["note"],
                                sources=[str(x) for x in raw.get("sources") or [] if isinstance(x, str)], line=line)

    def session(self, raw: LineDict) -> Session | None:
        number, cycle = raw.get("session"), raw.get("cycle")
        if not isinstance(number, int) or isinstance(number, bool):
            return None
        line = raw.lines.get("session", raw.line)
        if isinstance(cycle, int) and not isinstance(cycle, bool) and cycle != cycle_of(number):
            self.err(raw.lines.get("cycle", line),
                     f"session {number} belongs to cycle {cycle_of(number)}, not cycle {cycle}",
                     f"write cycle: {cycle_of(number)} (sessions 1–12: cycle 1, 13–26: 2, 27–40: 3, 41–54: 4)")
        s = Session(number=number, cycle=cycle_of(number), line=line)
        for key in ("start", "end", "stakeholder_deadline", "national_report_deadline"):
            if key in raw:
                setattr(s, key, self.dated(raw[key], f"session {number} {key.replace('_', ' ')}",
                                           raw.lines.get(key, line), timed=key.endswith("_deadline")))
        for i, item in enumerate(raw.get("addenda_deadlines") or []):
            lines = getattr(raw.get("addenda_deadlines"), "lines", [])
            fd = self.dated(item, f"session {number} addenda deadline {i + 1}",
                            lines[i] if i < len(lines) else line, timed=True)
            if fd:
                s.addenda_deadlines.append(fd)
        if s.start and s.end and s.start.first > s.end.last:
            self.err(raw["end"].lines.get("date", raw.lines["end"]),
                     f"session {number} ends ({s.end.value}) before it starts ({s.start.value})",
                     "check both dates: 'end' is the last day of the session, on or after 'start'")
        if s.end and "start" not in raw:
            self.err(raw.lines["end"], f"session {number} has an end date but no start date",
                     "add start: {date: \"YYYY-MM-DD\", precision: day}, or remove end")
        if isinstance(raw.get("year"), int):
            s.year = raw["year"]
        states = raw.get("states")
        if isinstance(states, list):
            lines = getattr(states, "lines", [])
            seen: dict[str, int] = {}
            for i, code in enumerate(states):
                cline = lines[i] if i < len(lines) else line
                if not isinstance(code, str) or not re.match(_ISO3, code):
                    continue  # the schema reports the form
                if code in seen:
                    continue  # uniqueItems reports it
                seen[code] = cline
                s.states.append(code)
                s.state_lines.append(cline)
        if raw.get("order") in ORDERS:
            s.order = raw["order"]
        s.number_inferred = raw.get("number_inferred") is True
        hrc = raw.get("hrc_adoption")
        if isinstance(hrc, dict):
            if isinstance(hrc.get("hrc_session"), int):
                s.hrc_session = hrc["hrc_session"]
            if "date" in hrc:
                s.hrc_adoption_date = self.dated(hrc, f"session {number} HRC adoption date",
                                                 raw.lines.get("hrc_adoption", line))
            s.hrc_adoption_note = str(hrc.get("note") or "")
        s.notes = str(raw.get("notes") or "")
        if "pattern_departure" in raw:
            s.departure = self.departure(raw["pattern_departure"], raw.lines.get("pattern_departure", line))
        s.sources = [str(x) for x in raw.get("sources") or [] if isinstance(x, str)]
        return s


def load(settings, content=None) -> tuple[Calendar, list[Problem]]:
    """Read and check ``states/sessions.yml``.

    Returns ``(Calendar, problems)``; never raises on bad content. A missing file gives an
    empty calendar (run ``upr import calendar``). Problems name ``states/sessions.yml:LINE``.
    """
    path = settings.sessions_file
    shown = settings.rel(path)
    if not path.is_file():
        return Calendar(path=shown), []
    data, problems = read_yaml_file(path, shown)
    cal = Calendar(path=shown)
    if data is None:
        return cal, problems
    if not isinstance(data, LineDict):
        return cal, problems + [Problem(shown, 1, "the calendar must start with 'sessions:'",
                                        "write 'sessions:' on the first line, then one '- session: N' entry per session")]
    problems += validate(data, SCHEMA, shown)
    if isinstance(data.get("updated"), str):
        try:
            cal.updated = dt.date.fromisoformat(data["updated"])
        except ValueError:
            problems.append(Problem(shown, data.lines["updated"], f"updated is not a real date: '{data['updated']}'",
                                    "write the day you last checked the calendar, as YYYY-MM-DD"))
    reader = _Reader(shown)
    entries = data.get("sessions")
    for raw in entries if isinstance(entries, LineList) else []:
        if not isinstance(raw, LineDict):
            continue
        s = reader.session(raw)
        if s is None:
            continue
        if s.number in cal.sessions:
            reader.err(s.line, f"session {s.number} is listed twice (first on line {cal.sessions[s.number].line})",
                       "keep one entry per session and merge the two")
            continue
        cal.sessions[s.number] = s
    states = (getattr(content, "kinds", None) or {}).get("states")
    return cal, with_state_codes(problems + reader.problems, states)  # 'Haiti' -> write - HTI (Haiti)


def cross_check(content) -> list[Problem]:
    """Checks against the States: every listed State exists; a State is reviewed at most once
    per cycle; a WARNING when a session deviates from the 14-session pattern (cycle 2 on)
    without a ``pattern_departure`` that explains it."""
    cal: Calendar | None = content.kinds.get("sessions")
    if not cal or not cal.sessions:
        return []
    states = content.kinds.get("states") or {}
    problems: list[Problem] = []
    path = cal.path
    seen: dict[tuple[int, str], tuple[int, int]] = {}
    for s in sorted(cal.sessions.values(), key=lambda s: s.number):
        for code, line in zip(s.states, s.state_lines):
            # With no State files yet (a fresh repository) there is nothing to check against.
            if states and not known_state(states, code):
                problems.append(Problem(path, line, f"session {s.number} lists '{code}', which is not a State "
                                                    f"of this site (no states/{code.lower()}.md)",
                                        "write the State's upper-case ISO 3166 alpha-3 code, e.g. SVN for Slovenia"))
            key = (s.cycle, code)
            if key in seen:
                first_session, first_line = seen[key]
                problems.append(Problem(path, line, f"{code} is reviewed twice in cycle {s.cycle}: in session "
                                                    f"{first_session} (line {first_line}) and session {s.number}",
                                        "a State is reviewed once per cycle: remove it from one of the two sessions"))
            else:
                seen[key] = (s.number, line)
    for s in sorted(cal.sessions.values(), key=lambda s: s.number):
        problems += _pattern_problems(s, cal.sessions.get(s.number - PATTERN_STEP), path)
    return problems


def _pattern_problems(s: Session, prev: Session | None, path: str) -> list[Problem]:
    """A WARNING for each departure from the 14-session pattern that ``pattern_departure``
    does not explain, and for an explanation that no longer matches the States listed."""
    declared = s.departure
    where = declared.line if declared else s.line
    comparable = s.number - PATTERN_STEP >= 13 and prev is not None and bool(s.states) and bool(prev.states)
    if not comparable:
        if declared is None:
            return []
        return [Problem(path, where, f"session {s.number} has a pattern_departure, but it cannot be compared with "
                                     f"session {s.number - PATTERN_STEP} (the pattern holds from cycle 2 on, and "
                                     "both sessions need their States listed)",
                        "remove pattern_departure, or list the States of both sessions", WARNING)]
    added = sorted(set(s.states) - set(prev.states))
    missing = sorted(set(prev.states) - set(s.states))
    explained_added = set(declared.added) if declared else set()
    explained_missing = set(declared.missing) if declared else set()
    out = []
    new_added = [c for c in added if c not in explained_added]
    new_missing = [c for c in missing if c not in explained_missing]
    if new_added or new_missing:
        what = "; ".join(x for x in (f"not in session {prev.number}: {', '.join(new_added)}" if new_added else "",
                                     f"missing from session {s.number}: {', '.join(new_missing)}"
                                     if new_missing else "") if x)
        keys = ", ".join(f"{key}: [{', '.join(codes)}]" for key, codes in (("added", new_added),
                                                                         ("missing", new_missing)) if codes)
        out.append(Problem(
            path, s.line, f"session {s.number} does not review the same States as session {prev.number} "
                          f"(from cycle 2 on, States return every {PATTERN_STEP} sessions): {what}",
            "check the States against the source; if the source says so, explain it in the session's entry: "
            f"pattern_departure: {{{keys}, note: \"what departs and why\", sources: [<the URL that says so>]}}",
            WARNING))
    stale = [f"added lists {c}, but session {prev.number} reviews it too or session {s.number} does not"
             for c in sorted(explained_added - set(added))]
    stale += [f"missing lists {c}, but session {s.number} reviews it or session {prev.number} does not"
              for c in sorted(explained_missing - set(missing))]
    if declared and not added and not missing:
        stale = [f"session {s.number} now reviews the same States as session {prev.number}"]
    if stale:
        out.append(Problem(path, where, f"session {s.number} pattern_departure no longer matches the States: "
                                        + "; ".join(stale),
                           "update added/missing to what departs, or remove pattern_departure", WARNING))
    return out
