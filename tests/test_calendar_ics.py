"""ICS feeds (issue 4): all-day DTEND exclusive (case 24), honest precision, stable bytes,
parsed by icalendar and by a second, independent parser (``ics``)."""
from __future__ import annotations

import datetime as dt
import random
import zoneinfo

import icalendar
import ics as ics_parser
import pytest

from calendar_fixture import make_repo
from conftest import CASES, ROOT
from upr import calendar as feeds
from upr.config import Settings
from upr.sessions import Calendar, FuzzyDate, load
from upr.yamlio import read_yaml_file


@pytest.fixture(scope="module")
def cal(tmp_path_factory) -> Calendar:
    """The frozen calendar snapshot (tests/fixtures/calendar/sessions.yml), not the live file."""
    calendar, problems = load(Settings(root=make_repo(tmp_path_factory.mktemp("ics"))))
    assert [p.format() for p in problems] == []
    return calendar


def second_parser(text: str) -> ics_parser.Calendar:
    """The independent ``ics`` parser. Its TatSu grammar recurses once per content line: the
    sessions feed (about 110 events since the projected cycle) needs more than Python's
    default 1,000 frames. Not our bug; the limit is restored afterwards."""
    import sys
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20000))
    try:
        return ics_parser.Calendar(text)
    finally:
        sys.setrecursionlimit(limit)


def events_by_uid(raw: bytes) -> dict[str, icalendar.Event]:
    parsed = icalendar.Calendar.from_ical(raw)
    return {str(e["UID"]): e for e in parsed.walk("VEVENT")}


def test_session_48_event_covers_20_to_31_january_2025_inclusive(cal):
    raw = feeds.sessions_feed(cal, "https://example.org/upr/")
    event = events_by_uid(raw)["upr-wg-48@upr-platform"]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start, end) == (dt.date(2025, 1, 20), dt.date(2025, 2, 1))  # DTEND exclusive
    assert (end - dt.timedelta(days=1)) == dt.date(2025, 1, 31)
    assert b"DTSTART;VALUE=DATE:20250120" in raw and b"DTEND;VALUE=DATE:20250201" in raw
    assert str(event["URL"]) == "https://example.org/upr/sessions/48/"
    # the independent parser agrees
    other = {e.uid: e for e in second_parser(raw.decode("utf-8")).events}
    e48 = other["upr-wg-48@upr-platform"]
    assert e48.all_day and e48.begin.date() == dt.date(2025, 1, 20)
    assert e48.end.date() == dt.date(2025, 2, 1)


def test_case_24_all_day_dtend_is_exclusive():
    data, problems = read_yaml_file(CASES / "24-ics-all-day-dtend-exclusive" / "input" / "data" / "calendar" /
                                    "sessions.yaml")
    assert problems == []
    events = [feeds.span(f"{row['id']}@upr-platform", row["title"], FuzzyDate(row["start"], "day"),
                         FuzzyDate(row["end"], "day")) for row in data]
    raw = feeds.to_ics(events, "case 24", dt.datetime(2026, 11, 30, tzinfo=dt.timezone.utc))
    by_uid = events_by_uid(raw)
    wg = by_uid["upr-wg-47@upr-platform"]
    assert wg.decoded("DTEND") - wg.decoded("DTSTART") == dt.timedelta(days=12)
    assert wg.decoded("DTEND") == dt.date(2024, 11, 16)
    day = by_uid["hrc-58-upr-adoption-day@upr-platform"]
    assert (day.decoded("DTSTART"), day.decoded("DTEND")) == (dt.date(2025, 3, 20), dt.date(2025, 3, 21))
    assert b"SUMMARY:UPR Working Group\\, 47th session" in raw  # text escaped


def test_month_only_and_approximate_dates_are_not_fake_days(cal):
    by_uid = events_by_uid(feeds.sessions_feed(cal))
    s24 = by_uid["upr-wg-24@upr-platform"]
    assert (s24.decoded("DTSTART"), s24.decoded("DTEND")) == (dt.date(2016, 1, 1), dt.date(2016, 3, 1))
    assert "month only" in str(s24["SUMMARY"]) and str(s24["X-UPR-PRECISION"]) == "month"
    s52 = by_uid["upr-wg-52@upr-platform"]
    assert (s52.decoded("DTSTART"), s52.decoded("DTEND")) == (dt.date(2026, 5, 1), dt.date(2026, 6, 1))
    assert "approx." in str(s52["SUMMARY"])
    assert "upr-wg-30@upr-platform" not in by_uid  # unknown dates: no event at all


def test_feeds_are_byte_identical_across_builds_and_reordering(cal):
    first = feeds.sessions_feed(cal)
    items = list(cal.sessions.items())
    random.Random(4).shuffle(items)
    shuffled = Calendar(sessions=dict(items), updated=cal.updated, path=cal.path)
    assert feeds.sessions_feed(shuffled) == first
    assert feeds.state_feed(cal, "SVN", "Slovenia") == feeds.state_feed(shuffled, "SVN", "Slovenia")
    text = first.decode("utf-8")
    assert "DTSTAMP:20261201T000000Z" in text  # from 'updated', not the clock
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))  # folded


def test_state_feed_has_reviews_deadlines_and_indicative_midterm(cal):
    by_uid = events_by_uid(feeds.state_feed(cal, "NAM", "Namibia"))
    assert {"upr-wg-24-nam-review@upr-platform", "upr-wg-38-nam-review@upr-platform",
            "upr-wg-52-nam-review@upr-platform", "upr-wg-52-nam-stakeholder-deadline@upr-platform"} <= set(by_uid)
    deadline = by_uid["upr-wg-52-nam-stakeholder-deadline@upr-platform"]
    assert deadline.decoded("DTSTART") == dt.date(2025, 10, 10)
    # HRC 48 adoption, September 2021 (month only): mid-term about 30 months later, labelled indicative
    mid = by_uid["upr-wg-38-nam-midterm@upr-platform"]
    assert mid.decoded("DTSTART") == dt.date(2024, 3, 1) and "indicative" in str(mid["SUMMARY"])


def test_timed_meeting_in_geneva_time_has_its_vtimezone(cal):
    geneva = zoneinfo.ZoneInfo("Europe/Zurich")
    meeting = {"uid": "tgo-54-briefing-pre-session@upr-platform", "summary": "Pre-session briefing; Togo, UPR 54",
               "start": dt.datetime(2026, 12, 10, 14, 0, tzinfo=geneva),
               "end": dt.datetime(2026, 12, 10, 15, 30, tzinfo=geneva), "all_day": False,
               "location": "Palais des Nations, Room XXIV", "description": "x" * 200}
    events = feeds.state_events(cal, "TGO", "Togo", sessions=[54]) + [feeds.from_group_dict(meeting)]
    raw = feeds.group_feed(cal, "Togo country group", events)
    text = raw.decode("utf-8")
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Zurich" in text
    assert "DTSTART;TZID=Europe/Zurich:20261210T140000" in text
    assert "SUMMARY:Pre-session briefing\\; Togo\\, UPR 54" in text
    parsed = second_parser(text)
    timed = next(e for e in parsed.events if e.uid.startswith("tgo-54-briefing"))
    assert timed.begin.to("UTC").hour == 13  # 14:00 in Geneva in December is 13:00 UTC


def test_every_state_feed_parses_with_both_parsers(cal, monkeypatch):
    # TatSu (the ics package's parser) calls colorama.init() on every parse, wrapping stdout
    # once more each time: after ~200 parses that overflows the stack. Not our bug.
    import colorama
    monkeypatch.setattr(colorama, "init", lambda *a, **k: None)
    codes = sorted({code for s in cal.schedule().values() for code in s.states})
    assert len(codes) == 193  # every State the snapshot lists, projected sessions included
    total = 0
    for code in codes:
        raw = feeds.state_feed(cal, code, code)
        n_ical = len(icalendar.Calendar.from_ical(raw).walk("VEVENT"))
        n_ics = len(second_parser(raw.decode("utf-8")).events)
        assert n_ical == n_ics, code
        total += n_ical
    assert total > 500


@pytest.mark.build
def test_built_feeds_are_the_generated_bytes_and_parse(built_site, site_root, monkeypatch):
    import colorama
    monkeypatch.setattr(colorama, "init", lambda *a, **k: None)  # see test_every_state_feed_parses…
    live, _ = load(Settings(root=site_root))  # the calendar the test site was built from
    built = (built_site / "calendar" / "upr-sessions.ics").read_bytes()
    # a second generation gives the same bytes as the build (and no post-build step touched them)
    assert built == feeds.sessions_feed(live, "https://upr-platform.github.io/upr-platform/")
    tentative = [e for e in icalendar.Calendar.from_ical(built).walk("VEVENT") if "STATUS" in e]
    assert tentative and {str(e["STATUS"]) for e in tentative} == {"TENTATIVE"}
    assert (built_site / "fr" / "calendar" / "upr-sessions.ics").is_file()
    svn = (built_site / "states" / "svn.ics").read_bytes()
    uids = {e.uid for e in second_parser(svn.decode("utf-8")).events}
    assert {"upr-wg-48-svn-review@upr-platform", "upr-wg-34-svn-review@upr-platform"} <= uids
    assert set(events_by_uid(svn)) == uids
