"""ICS (iCalendar, RFC 5545) feeds of the UPR calendar, written with the icalendar library.

Feeds: all sessions (``calendar/upr-sessions.ics``), one per State (``states/<iso3>.ics``),
one per country group (``groups/<slug>.ics``). Events:

* a Working Group session, a State's review, a deadline, an HRC adoption: all-day,
  ``DTEND`` exclusive (the day after the last day; case 24);
* pre-session briefings and group meetings (from :func:`upr.groups.events_for_group`):
  timed, in Geneva time (``TZID=Europe/Zurich`` with its ``VTIMEZONE``);
* the voluntary mid-term report: indicative, about 2.5 years (30 months) after adoption.

Honest precision: a month-only or approximate date is never exported as a fake exact
day. The event then covers the whole month(s) it may fall in, and its summary and
description say "month only" / "approx." / "indicative".

Projections (:mod:`upr.projection`: the next cycle's months and deadlines, States inferred
for a session no source lists) are events with ``STATUS:TENTATIVE`` whose summary says
"projected: not yet published by OHCHR". They keep the UID the sourced event will have,
so a calendar app replaces the tentative event when the sourced date arrives.

A deadline whose source gives the time (``2026-10-08 12:00``, Geneva time) is a timed
event at that instant, ``DTSTART;TZID=Europe/Zurich`` with its ``VTIMEZONE`` (case 41);
other deadlines are all-day.

Byte-identical rebuilds: UIDs are built from session numbers and ISO3 codes only
(``upr-wg-48@upr-platform``, ``upr-wg-48-svn-review@upr-platform``), events are sorted
by UID, and ``DTSTAMP``/``SEQUENCE`` come from the calendar's ``updated`` date, never
from the clock. Text escaping and line folding are icalendar's. Every text from content
goes through :func:`upr.characters.one_line` (names, titles, places: a bare CR or a line
break there would end the ICS line and start a property of its own; a folded YAML title
ends in a line break) or :func:`upr.characters.clean` (descriptions, where line breaks
are text and icalendar escapes them as ``\n``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable

import icalendar

from .characters import clean, one_line
from .sessions import Calendar, FuzzyDate, Session, _add_months, basis_label

DOMAIN = "upr-platform"
PRODID = "-//UPR Platform//UPR calendar//EN"
GENEVA = "Europe/Zurich"
MIDTERM_MONTHS = 30  # DOMAIN.md: voluntary mid-term report about 2-2.5 years after adoption
FIRST_SESSION = dt.date(2008, 4, 7)  # WG 1 opened; SEQUENCE counts days from here to 'updated'
SESSIONS_FEED = "calendar/upr-sessions.ics"


@dataclass
class Event:
    """One VEVENT. All-day when ``start`` is a date (then ``end`` is exclusive);
    timed when both are aware datetimes (``end`` None: an instant, such as a deadline at
    12:00 Geneva time). ``precision`` is day, month, approximate or indicative (anything
    but day is said in the summary); ``basis`` is '' for sourced, ``projected`` or
    ``inferred`` for computed values (then ``STATUS:TENTATIVE``)."""

    uid: str
    summary: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime | None
    description: str = ""
    url: str = ""
    location: str = ""
    precision: str = "day"
    categories: list[str] = field(default_factory=list)
    basis: str = ""
    busy: bool = True

    @property
    def status(self) -> str:
        return "TENTATIVE" if self.basis else ""


def _bounds(value: FuzzyDate) -> tuple[dt.date, dt.date]:
    """Inclusive first and last day a date may be: an approximate day counts as its month."""
    if value.precision == "approximate":
        return FuzzyDate(value.value[:7], "month").first, FuzzyDate(value.value[:7], "month").last
    return value.first, value.last


def _qualifier(values: Iterable[FuzzyDate | None]) -> str:
    precisions = {v.precision for v in values if v is not None}
    if "approximate" in precisions:
        return "approximate"
    if "month" in precisions:
        return "month"
    return "day"


_SUFFIX = {"day": "", "month": " (month only, exact dates unknown)", "approximate": " (approx.)",
           "indicative": " (indicative)"}
_EXPLAIN = {"month": "The source gives only the month; the event covers the whole month.",
            "approximate": "The date is approximate (planning date); the event covers the whole month.",
            "indicative": "Indicative date only, not an official deadline."}


_PROJECTION = ("Projected: not yet published by OHCHR. Computed from the 14-session pattern of the UPR "
               "calendar; the event covers the whole month(s) it may fall in. "
               "Check the OHCHR UPR pages before relying on it.")
_INFERRED = "Inferred: no source lists this yet; computed from the 14-session pattern of the UPR calendar."


def span(uid: str, summary: str, start: FuzzyDate, end: FuzzyDate | None = None, description: str = "",
         url: str = "", categories: list[str] | None = None, precision: str | None = None,
         basis: str = "") -> Event:
    """An all-day event from ``start`` to ``end`` inclusive (``end`` None: one day or one month),
    or, for a deadline whose source gives the time, a timed event at that Geneva instant.
    ``basis`` (or a computed ``start``/``end``) makes it TENTATIVE and says so in the summary."""
    basis = basis or start.basis or (end.basis if end is not None else "")
    if start.at is not None and end is None and not basis:
        return Event(uid=uid, summary=summary, start=start.at, end=None, description=description, url=url,
                     categories=list(categories or []), busy=False)
    first, last = _bounds(start)
    if end is not None:
        last = max(last, _bounds(end)[1])
    kind = precision or _qualifier((start, end))
    explain = {"projected": _PROJECTION, "inferred": _INFERRED}.get(basis, "") or _EXPLAIN.get(kind, "")
    text = "\n\n".join(x for x in (description, explain) if x)
    suffix = f" ({basis_label(basis)})" if basis else _SUFFIX[kind]
    return Event(uid=uid, summary=summary + suffix, start=first, end=last + dt.timedelta(days=1),
                 description=text, url=url, precision=kind, categories=list(categories or []), basis=basis)


def _uid(*parts: Any) -> str:
    return "-".join(str(p).lower() for p in parts) + f"@{DOMAIN}"


def _session_url(base_url: str, number: int) -> str:
    return f"{base_url.rstrip('/')}/sessions/{number}/" if base_url else ""


def session_events(session: Session, base_url: str = "") -> list[Event]:
    """The WG session itself, its deadlines and its HRC adoption (when dated)."""
    n = session.number
    url = _session_url(base_url, n)
    events = []
    if session.start:
        count = f"{len(session.states)} States under Review" if session.states else "States not listed yet"
        if session.states_basis:
            count += (f" ({session.states_basis}: the States of session {session.projected_from}, "
                      "not yet listed by a source)")
        events.append(span(_uid("upr-wg", n), f"UPR Working Group, session {n}", session.start, session.end,
                           f"Cycle {session.cycle}. {count}.", url, ["UPR Working Group"]))
    for key, label in (("stakeholder_deadline", "stakeholder submissions deadline"),
                       ("national_report_deadline", "national reports deadline")):
        value = getattr(session, key)
        if value:
            note = f"Source note: {value.note}." if value.note else ""
            hint = ("OHCHR deadlines are usually 12:00 Geneva time; late submissions are not considered."
                    if key == "stakeholder_deadline" else "")
            events.append(span(_uid("upr-wg", n, key.replace("_", "-")), f"UPR {n}: {label}", value, None,
                               " ".join(x for x in (hint, note) if x), url, ["UPR deadline"]))
    if session.hrc_adoption_date:
        events.append(span(_uid("upr-wg", n, "hrc-adoption"),
                           f"UPR {n}: outcomes adopted at the Human Rights Council"
                           + (f" (HRC {session.hrc_session})" if session.hrc_session else ""),
                           session.hrc_adoption_date, None, session.hrc_adoption_note, url, ["HRC"]))
    return events


def state_events(calendar: Calendar, iso3: str, name: str, base_url: str = "",
                 sessions: Iterable[int] | None = None) -> list[Event]:
    """A State's reviews (each spanning its WG session), their deadlines, HRC adoptions and
    indicative mid-term reports. ``sessions`` limits them to some session numbers."""
    code = iso3.upper()
    wanted = set(sessions) if sessions is not None else None
    events = []
    for s in sorted(calendar.schedule().values(), key=lambda s: s.number):
        if code not in s.states or (wanted is not None and s.number not in wanted):
            continue
        url = _session_url(base_url, s.number)
        symbol = f"National report: A/HRC/WG.6/{s.number}/{code}/1."
        # a review in a session whose States are computed is itself a projection
        states_basis = s.states_basis
        why = (f" {name} is listed because session {s.projected_from} reviewed it "
               f"(States return every 14 sessions)." if states_basis else "")
        if s.start:
            events.append(span(_uid("upr-wg", s.number, code, "review"),
                               f"UPR review of {name} (Working Group session {s.number})", s.start, s.end,
                               f"Cycle {s.cycle}. The review takes place during the session; {symbol}{why}", url,
                               ["UPR review"], basis=states_basis))
        for key, label in (("stakeholder_deadline", "stakeholder submissions due"),
                           ("national_report_deadline", "national report due")):
            value = getattr(s, key)
            if value:
                note = f"Source note: {value.note}." if value.note else ""
                events.append(span(_uid("upr-wg", s.number, code, key.replace("_", "-")),
                                   f"UPR {s.number} {name}: {label}", value, None,
                                   " ".join(x for x in (note, why.strip()) if x), url, ["UPR deadline"],
                                   basis=states_basis))
        if s.hrc_adoption_date:
            events.append(span(_uid("upr-wg", s.number, code, "hrc-adoption"),
                               f"UPR {s.number} {name}: outcome adopted at the Human Rights Council", s.hrc_adoption_date,
                               None, s.hrc_adoption_note, url, ["HRC"]))
            mid = _add_months(_bounds(s.hrc_adoption_date)[0], MIDTERM_MONTHS)
            events.append(span(_uid("upr-wg", s.number, code, "midterm"),
                               f"{name}: voluntary mid-term report", FuzzyDate(mid.isoformat()[:7], "month"), None,
                               "Mid-term reports are voluntary, about 2–2.5 years after adoption.", url,
                               ["UPR mid-term"], precision="indicative"))
    return events


def from_group_dict(item: dict) -> Event:
    """An :class:`Event` from a dict of :func:`upr.groups.events_for_group`."""
    return Event(uid=item["uid"], summary=item["summary"], start=item["start"], end=item["end"],
                 description=item.get("description") or "", url=item.get("url") or "",
                 location=item.get("location") or "")


def stamp_of(calendar: Calendar) -> tuple[dt.datetime, int]:
    """(DTSTAMP, SEQUENCE) from the calendar's ``updated`` day: the same data gives the same
    bytes, and a later ``updated`` gives a higher SEQUENCE, so calendar apps take the change."""
    day = calendar.updated or FIRST_SESSION
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc), max(0, (day - FIRST_SESSION).days)


def to_ics(events: Iterable[Event], name: str, stamp: dt.datetime, sequence: int = 0,
           description: str = "") -> bytes:
    """Serialise events (sorted by UID, duplicates dropped) into one VCALENDAR."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", one_line(name))
    if description:
        cal.add("x-wr-caldesc", clean(description))
    cal.add("x-wr-timezone", GENEVA)
    seen = set()
    for e in sorted(events, key=lambda e: e.uid):
        if e.uid in seen:
            continue
        seen.add(e.uid)
        ev = icalendar.Event()
        ev.add("uid", one_line(e.uid))
        ev.add("dtstamp", stamp)
        ev.add("sequence", sequence)
        ev.add("summary", one_line(e.summary))
        ev.add("dtstart", e.start)
        if e.end is not None:  # a timed event without DTEND ends when it starts (RFC 5545 3.6.1)
            ev.add("dtend", e.end)
        if (isinstance(e.start, dt.date) and not isinstance(e.start, dt.datetime)) or not e.busy:
            ev.add("transp", "TRANSPARENT")  # a deadline or a session does not make anyone busy
        if e.status:
            ev.add("status", e.status)
        if e.description:
            ev.add("description", clean(e.description))
        if e.location:
            ev.add("location", one_line(e.location))
        if e.url:
            ev.add("url", one_line(e.url))
        if e.categories:
            ev.add("categories", [one_line(c) for c in e.categories])
        if e.precision != "day":
            ev.add("x-upr-precision", e.precision)
        if e.basis:
            ev.add("x-upr-basis", one_line(e.basis))
        cal.add_component(ev)
    cal.add_missing_timezones()  # VTIMEZONE for Europe/Zurich when a timed event uses it
    return cal.to_ical()


def sessions_feed(calendar: Calendar, base_url: str = "") -> bytes:
    stamp, seq = stamp_of(calendar)
    events = [e for s in calendar.schedule().values() for e in session_events(s, base_url)]
    return to_ics(events, "UPR Working Group sessions", stamp, seq,
                  "Universal Periodic Review: Working Group sessions and deadlines (UPR Platform)")


def state_feed(calendar: Calendar, iso3: str, name: str, base_url: str = "") -> bytes:
    stamp, seq = stamp_of(calendar)
    return to_ics(state_events(calendar, iso3, name, base_url), f"UPR: {name}", stamp, seq,
                  f"Universal Periodic Review of {name}: reviews, deadlines, adoption (UPR Platform)")


def group_feed(calendar: Calendar, title: str, events: list[Event]) -> bytes:
    """A country group's feed from a list of events (the group's own hook decides which)."""
    stamp, seq = stamp_of(calendar)
    return to_ics(events, f"UPR country group: {title}", stamp, seq)


def events_for_group(group: Any, calendar: Calendar, name: str, base_url: str = "") -> list[Event]:
    """The group's State in its session (review, deadlines, adoption, mid-term) plus its
    public briefings and meetings from :func:`upr.groups.events_for_group` (timed, Geneva time)."""
    events = state_events(calendar, group.state, name, base_url, sessions=[group.session])
    from .groups import events_for_group as group_hook  # here: groups imports this module
    own = group_hook(group)
    # the group's deadline dicts repeat the calendar's: keep only its timed events
    events += [from_group_dict(x) for x in own if not x.get("all_day")]
    return events
