"""Case 41: OHCHR deadlines are 12:00 Geneva time, written four ways (no offset, an offset, UTC,
no seconds). The case's input (tests/cases/41-…, byte for byte) is placed where the platform
keeps deadlines: each ``due`` value, exactly as written, becomes a deadline in a
``states/sessions.yml`` fixture. Every one must load as an aware Europe/Zurich instant; sorting
and "is it past?" must not raise; reminders and feeds show Geneva time with that day's offset."""
from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import icalendar
import pytest

from calendar_fixture import make_repo
from conftest import CASES
from test_calendar_ics import second_parser
from upr import calendar as feeds
from upr import geneva
from upr.commands.remind import reminders
from upr.config import Settings
from upr.content import Content
from upr.sessions import FuzzyDate, load
from upr.yamlio import read_yaml_file

CASE = CASES / "41-deadlines-naive-aware-datetimes" / "input" / "data" / "calendar" / "deadlines.yaml"
UTC = dt.timezone.utc
# expected.md, "Correct behaviour": id -> (normalised, UTC)
TABLE = {
    "nor-midterm-stakeholders": ("2025-03-14T12:00:00+01:00", dt.datetime(2025, 3, 14, 11, 0, tzinfo=UTC)),
    "fji-stakeholder-submission": ("2025-03-31T12:00:00+02:00", dt.datetime(2025, 3, 31, 10, 0, tzinfo=UTC)),
    "ken-stakeholder-submission": ("2025-07-14T12:00:00+02:00", dt.datetime(2025, 7, 14, 10, 0, tzinfo=UTC)),
    "chl-pre-session": ("2025-10-13T12:00:00+02:00", dt.datetime(2025, 10, 13, 10, 0, tzinfo=UTC)),
}


def case_entries() -> list[tuple[str, str, int]]:
    """(id, the ``due`` value exactly as the case file writes it, its line)."""
    data, problems = read_yaml_file(CASE, "deadlines.yaml")
    assert problems == []
    lines = CASE.read_bytes().decode("utf-8").split("\n")
    out = []
    for entry in data:
        line = entry.lines["due"]
        written = re.match(r"^\s*due: (.*)$", lines[line - 1]).group(1)
        out.append((entry["id"], written, line))
    return out


def calendar_text(values: list[str], key: str = "stakeholder_deadline") -> str:
    """One session per value (sessions 1, 2 …; cycle 1, so the 14-session pattern does not apply),
    the value written unquoted, as in the case file."""
    out = ['updated: "2025-01-01"', "sessions:"]
    for i, value in enumerate(values, 1):
        out += [f"  - session: {i}", "    cycle: 1", f"    {key}:", f"      date: {value}", "      precision: day"]
    return "\n".join(out) + "\n"


@pytest.fixture()
def case_calendar(tmp_path):
    entries = case_entries()
    root = make_repo(tmp_path, calendar_text([written for _, written, _ in entries]))
    cal, problems = load(Settings(root=root))
    assert [p.format() for p in problems] == []
    deadlines = {entry[0]: cal.sessions[i].stakeholder_deadline for i, entry in enumerate(entries, 1)}
    return root, cal, deadlines


def test_the_case_file_is_kept_byte_for_byte_and_as_written():
    assert [(i, w, l) for i, w, l in case_entries()] == [
        ("nor-midterm-stakeholders", "2025-03-14 12:00:00", 5),
        ("fji-stakeholder-submission", "2025-03-31T12:00:00+02:00", 8),
        ("ken-stakeholder-submission", "2025-07-14T10:00:00Z", 11),
        ("chl-pre-session", "2025-10-13 12:00", 14)]


def test_every_spelling_loads_as_the_same_aware_geneva_instant(case_calendar):
    _, _, deadlines = case_calendar
    for key, (normalised, utc) in TABLE.items():
        d = deadlines[key]
        assert d.at.tzinfo == ZoneInfo("Europe/Zurich"), key
        assert d.at.isoformat() == normalised and d.at == utc, key
        assert d.value == normalised[:10] and d.precision == "day"


def test_sorting_and_the_past_check_compare_instants(case_calendar):
    _, cal, deadlines = case_calendar
    untimed = FuzzyDate("2025-05-01", "day")  # a deadline without a time sorts with them too
    ordered = sorted([*deadlines.items(), ("untimed", untimed)], key=lambda kv: kv[1].instant())
    assert [k for k, _ in ordered] == ["nor-midterm-stakeholders", "fji-stakeholder-submission", "untimed",
                                       "ken-stakeholder-submission", "chl-pre-session"]
    norway = deadlines["nor-midterm-stakeholders"]
    assert norway.is_past(dt.datetime(2025, 3, 14, 11, 30, tzinfo=UTC))  # 12:30 in Geneva
    assert not norway.is_past(dt.datetime(2025, 3, 14, 10, 59, tzinfo=UTC))
    # a naive "now" is Geneva wall-clock time, never UTC: 11:30 in Geneva is before noon
    assert not norway.is_past(dt.datetime(2025, 3, 14, 11, 30))
    assert untimed.is_past(dt.datetime(2025, 5, 1, 22, 0, tzinfo=UTC))  # midnight in Geneva (CEST)
    assert not untimed.is_past(dt.datetime(2025, 5, 1, 21, 59, tzinfo=UTC))


def test_labels_show_geneva_time_with_the_offset_of_that_day(case_calendar):
    _, _, d = case_calendar
    assert d["nor-midterm-stakeholders"].label() == "14 March 2025, 12:00 Geneva time (CET, UTC+01:00)"
    assert d["fji-stakeholder-submission"].label() == "31 March 2025, 12:00 Geneva time (CEST, UTC+02:00)"
    assert d["ken-stakeholder-submission"].label() == "14 July 2025, 12:00 Geneva time (CEST, UTC+02:00)"
    assert d["chl-pre-session"].label("fr") == "13 octobre 2025, 12:00 heure de Genève (CEST, UTC+02:00)"
    assert d["chl-pre-session"].label("es") == "13 de octubre de 2025, 12:00 hora de Ginebra (CEST, UTC+02:00)"


def test_reminders_use_geneva_time_not_the_runner_clock(case_calendar):
    root, cal, _ = case_calendar
    groups = {f"g-{i}": SimpleNamespace(slug=f"g-{i}", state="NOR", session=i, status="drafting")
              for i in range(1, 5)}
    for s in cal.sessions.values():
        s.states = ["NOR"]
    content = Content(settings=Settings(root=root), kinds={"sessions": cal, "groups": groups, "states": {}})
    day = dt.date(2025, 3, 14)
    before = reminders(content, day, [30, 7], now=dt.datetime(2025, 3, 14, 10, 59, tzinfo=UTC))
    assert [(r["group"], r["days_left"], r["at"]) for r in before] == [
        ("g-1", 0, "2025-03-14T12:00:00+01:00"), ("g-2", 17, "2025-03-31T12:00:00+02:00")]
    assert before[0]["title"] == ("Reminder: stakeholder submissions for NOR (UPR 1) due 14 March 2025, 12:00 "
                                  "Geneva time (CET, UTC+01:00) — group g-1")
    assert "**14 March 2025, 12:00 Geneva time (CET, UTC+01:00)**: today." in before[0]["body"]
    assert "That is 11:00 UTC." in before[0]["body"] and "usually" not in before[0]["body"]
    assert "(CEST, UTC+02:00)" in before[1]["title"] and "That is 10:00 UTC." in before[1]["body"]
    # at 11:30 UTC (12:30 in Geneva) Norway's deadline has passed: no reminder any more
    after = reminders(content, day, [30, 7], now=dt.datetime(2025, 3, 14, 11, 30, tzinfo=UTC))
    assert [r["group"] for r in after] == ["g-2"]


def test_timed_deadlines_are_timed_events_in_geneva_time(case_calendar, monkeypatch):
    import colorama
    monkeypatch.setattr(colorama, "init", lambda *a, **k: None)
    _, cal, _ = case_calendar
    raw = feeds.sessions_feed(cal)
    text = raw.decode("utf-8")
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Zurich" in text
    assert "DTSTART;TZID=Europe/Zurich:20250314T120000" in text
    assert "DTSTART;TZID=Europe/Zurich:20250714T120000" in text
    event = next(e for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")
                 if str(e["UID"]) == "upr-wg-1-stakeholder-deadline@upr-platform")
    assert "DTEND" not in event and event.decoded("DTSTART") == dt.datetime(2025, 3, 14, 11, 0, tzinfo=UTC)
    assert str(event["TRANSP"]) == "TRANSPARENT"
    parsed = {e.uid: e for e in second_parser(text).events}
    assert parsed["upr-wg-3-stakeholder-deadline@upr-platform"].begin.to("UTC").hour == 10  # 12:00 CEST


@pytest.mark.parametrize("value, message, fix", [
    ("2025-10-13 12h00", "'2025-10-13 12h00' is not a date and time this calendar can read",
     'write "2025-10-13 12:00" (Geneva time, 24-hour clock), or with its UTC offset "2025-10-13T12:00:00+02:00"'),
    ('"2025-03-14 noon"', "'2025-03-14 noon' is not a date and time this calendar can read",
     'write "2025-03-14 12:00" (Geneva time, 24-hour clock), or with its UTC offset "2025-03-14T12:00:00+01:00"'),
    ("2025-02-30 12:00", "'2025-02-30 12:00' is not a real date and time", "write an existing day"),
    ("2025-03-30 02:30", "2025-03-30 02:30 does not exist in Geneva time", "with its UTC offset"),
])
def test_a_time_that_cannot_be_read_is_refused_with_file_line_and_the_form_to_write(tmp_path, value, message, fix):
    root = make_repo(tmp_path, calendar_text(["2025-03-14", value]))
    _, problems = load(Settings(root=root))
    out = [p.format() for p in problems]
    assert len(out) == 1, out
    assert out[0].startswith(f"states/sessions.yml:11: session 2 stakeholder deadline: {message}"), out
    assert fix in out[0]


def test_a_time_goes_with_a_deadline_and_an_exact_day(tmp_path):
    text = calendar_text(["2025-03-14 12:00"], key="start") + calendar_text(["2025-03-14 12:00"]).split(
        "sessions:\n")[1].replace("session: 1", "session: 2").replace("precision: day", "precision: month")
    root = make_repo(tmp_path, text)
    _, problems = load(Settings(root=root))
    out = sorted((p.format() for p in problems), key=lambda text: int(text.split(":")[1]))
    assert out == [
        "states/sessions.yml:6: session 1 start is a day, without a time: '2025-03-14 12:00' — write date: "
        "\"2025-03-14\" (only deadlines carry a time)",
        "states/sessions.yml:11: session 2 stakeholder deadline gives a time ('2025-03-14 12:00') but has precision "
        "month — write precision: day (a time goes with an exact day), or remove the time"]


def test_an_offset_that_is_not_genevas_is_read_but_warned_about(tmp_path):
    root = make_repo(tmp_path, calendar_text(["2025-03-14T12:00:00+02:00"]))
    cal, problems = load(Settings(root=root))
    assert cal.sessions[1].stakeholder_deadline.at.isoformat() == "2025-03-14T11:00:00+01:00"
    assert [p.format() for p in problems] == [
        "states/sessions.yml:6: warning: session 1 stakeholder deadline: '2025-03-14T12:00:00+02:00' has the offset "
        "+02:00, but Geneva is at UTC+01:00 that day: it is read as 11:00 Geneva time — if the source says 11:00 "
        "Geneva time, write it without an offset: \"2025-03-14 11:00\"; if it says another Geneva time, write that one"]


def test_datetimes_from_elsewhere_are_made_aware_in_geneva():
    naive = dt.datetime(2025, 3, 14, 12, 0)
    assert geneva.as_geneva(naive).isoformat() == "2025-03-14T12:00:00+01:00"  # never read as UTC
    assert geneva.as_geneva(dt.datetime(2025, 7, 14, 10, 0, tzinfo=UTC)).isoformat() == "2025-07-14T12:00:00+02:00"
    assert geneva.describe(dt.datetime(2025, 7, 14, 10, 0, tzinfo=UTC)) == "12:00 Geneva time (CEST, UTC+02:00)"
