"""Geneva time: OHCHR deadlines are 12:00 noon, Geneva time (case 41).

A deadline in ``states/sessions.yml`` is a day (``date: "2026-10-08"``) or, when the source
gives the hour, an instant. The instant is always kept as an *aware* datetime in
``Europe/Zurich`` (Geneva has no zone of its own in the tz database), whatever way it was
written, so that comparing, sorting and "is it past?" never mix naive and aware values
and never depend on the clock of the machine (GitHub's runners are on UTC).

Accepted spellings of a time (the rule is documented in CONTRIBUTING.md and in the comment
block of ``states/sessions.yml``):

* ``2025-03-14 12:00`` or ``2025-03-14 12:00:00`` (also with ``T``): **Geneva wall-clock
  time** — the way OHCHR writes its deadlines;
* ``2025-03-31T12:00:00+02:00`` (an offset) or ``2025-07-14T10:00:00Z`` (UTC): converted to
  Geneva time.

Anything else that starts with a date (``2025-03-14 12h00``, ``2025-03-14 noon``) is refused
with the exact form to write. :func:`describe` gives the time as people read it:
``12:00 Geneva time (CET, UTC+01:00)`` in winter, ``(CEST, UTC+02:00)`` in summer.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

GENEVA = ZoneInfo("Europe/Zurich")
ZONE_NAME = "Europe/Zurich"

_DAY = r"(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})"
_TIME = r"(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?"
_ZONE = r"(?P<zone>Z|[+-][0-9]{2}:?[0-9]{2})?"
INSTANT = re.compile(rf"^{_DAY}[T ]{_TIME}{_ZONE}$")
# A value that starts with a day and goes on: a time was meant (for the message).
HAS_TIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ].")
# '12h00', '12.00', '12:00', '9:30' somewhere after the day: to suggest the right form.
_LOOSE_TIME = re.compile(r"(?<![0-9])([0-9]{1,2})\s*[:h.]\s*([0-9]{2})(?![0-9])")



@dataclass(frozen=True)
class Parsed:
    """What :func:`parse` made of a value: the Geneva day (``YYYY-MM-DD``) and the aware
    instant, or ``error``/``fix`` when the value cannot be read."""

    day: str = ""
    at: dt.datetime | None = None
    error: str = ""
    fix: str = ""
    warning: str = ""  # the value is read, but may not say what was meant (an offset that is not Geneva's)


def example_form(day: str, hour: int = 12, minute: int = 0) -> str:
    """The documented form of a Geneva-time deadline: ``2025-10-13 12:00``."""
    return f"{day} {hour:02d}:{minute:02d}"


def _suggest(text: str, day: str) -> str:
    m = _LOOSE_TIME.search(text[len(day):])
    if m and int(m.group(1)) < 24 and int(m.group(2)) < 60:
        return example_form(day, int(m.group(1)), int(m.group(2)))
    return example_form(day)


def _offset(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def offset_form(form: str) -> str:
    """``2025-10-13 12:00`` -> ``2025-10-13T12:00:00+02:00`` (Geneva's offset on that day)."""
    try:
        local = dt.datetime.fromisoformat(form).replace(tzinfo=GENEVA)
    except ValueError:
        return ""
    return f"{form[:10]}T{form[11:]}:00{_offset(local.utcoffset())}"


def parse(text: str) -> Parsed:
    """Read a date-and-time value (see the module docstring). A value without an offset is
    Geneva wall-clock time; one with an offset or ``Z`` is converted to Geneva time."""
    m = INSTANT.match(text)
    day = text[:10]
    if not m:
        form = _suggest(text, day)
        other = offset_form(form)
        return Parsed(error=f"'{text}' is not a date and time this calendar can read",
                      fix=f"write \"{form}\" (Geneva time, 24-hour clock)"
                          + (f", or with its UTC offset \"{other}\"" if other else ""))
    try:
        naive = dt.datetime(int(day[:4]), int(day[5:7]), int(day[8:10]), int(m["hour"]), int(m["minute"]),
                            int(m["second"] or 0))
    except ValueError:
        return Parsed(error=f"'{text}' is not a real date and time",
                      fix="write an existing day and a time from 00:00 to 23:59, e.g. "
                          f"\"{example_form('2025-10-13')}\"")
    zone = m["zone"]
    if zone is None:
        at = naive.replace(tzinfo=GENEVA)
        # A wall-clock time skipped by the spring change (02:00-03:00 on the last Sunday of
        # March) does not exist in Geneva: zoneinfo would silently move it.
        back = at.astimezone(dt.timezone.utc).astimezone(GENEVA)
        if back.replace(tzinfo=None) != naive:
            return Parsed(error=f"{text} does not exist in Geneva time (the clocks go forward that night)",
                          fix="write the time as the source gives it, with its UTC offset, e.g. "
                              f"\"{day}T03:00:00+02:00\"")
        return Parsed(day=day, at=at)
    if zone == "Z":
        offset = dt.timezone.utc
    else:
        sign = 1 if zone[0] == "+" else -1
        digits = zone[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 14 or minutes > 59:
            return Parsed(error=f"'{text}' has an impossible UTC offset ({zone})",
                          fix=f"write the Geneva time without an offset: \"{example_form(day)}\"")
        offset = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
    at = naive.replace(tzinfo=offset).astimezone(GENEVA)
    warning = ""
    if zone != "Z" and at.utcoffset() != offset.utcoffset(None):
        # "+02:00" in winter: the instant is clear, but the writer probably meant Geneva's noon
        warning = (f"'{text}' has the offset {zone}, but Geneva is at UTC{_offset(at.utcoffset())} that day: "
                   f"it is read as {at:%H:%M} Geneva time")
    return Parsed(day=at.date().isoformat(), at=at, warning=warning)


def as_geneva(value: dt.datetime) -> dt.datetime:
    """An aware datetime in Geneva time; a naive one is taken as Geneva wall-clock time
    (the documented rule), never as UTC or as the machine's local time."""
    if value.tzinfo is None:
        return value.replace(tzinfo=GENEVA)
    return value.astimezone(GENEVA)


def start_of_day(day: dt.date) -> dt.datetime:
    """Midnight in Geneva at the start of ``day`` (aware)."""
    return dt.datetime.combine(day, dt.time(0), GENEVA)


def now() -> dt.datetime:
    """The current instant, in Geneva time."""
    return dt.datetime.now(GENEVA)


def offset_text(at: dt.datetime) -> str:
    """``CET, UTC+01:00`` / ``CEST, UTC+02:00``."""
    local = as_geneva(at)
    return f"{local.tzname()}, UTC{_offset(local.utcoffset() or dt.timedelta(0))}"


def describe(at: dt.datetime, lang: str = "en") -> str:
    """``12:00 Geneva time (CET, UTC+01:00)`` (the time only; the day is formatted by the caller)."""
    from .i18n import t
    local = as_geneva(at)
    return f"{local:%H:%M} {t('Geneva time', lang)} ({offset_text(local)})"
