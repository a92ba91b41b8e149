"""The calendar beyond January 2027 (issue 12, item 6): cycle 5 projected from the 14-session
rule, States inferred for sessions 50 and 51, every computed value labelled, and a sourced
value always replacing the projection. On the frozen calendar snapshot in ``tmp_path``."""
from __future__ import annotations

import datetime as dt
from collections import Counter

import icalendar
import ics as ics_parser
import pytest

from calendar_fixture import SITE, REPO, context, make_repo, snapshot_with
from upr import calendar as feeds
from upr import groups as groups_module
from upr.config import Settings
from upr.pages import calendar as pages
from upr.projection import Measure
from upr.sessions import FuzzyDate, load

TODAY = dt.date(2026, 12, 1)
PROJECTED = "projected: not yet published by OHCHR"


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    return make_repo(tmp_path_factory.mktemp("projection"))


@pytest.fixture(scope="module")
def cal(repo):
    calendar, problems = load(Settings(root=repo))
    assert [p.format() for p in problems] == []
    return calendar


def events_by_uid(raw: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")}


# ------------------------------------------------------------------ what is measured

def test_offsets_and_slots_are_measured_on_the_cycle_4_sessions(cal):
    m = cal.measures()
    assert m.window == (41, 54) and m.last_sourced_states == 54 and m.horizon == 68
    # 41: 221 days, 42: 193, 43: 202, 44: 215 -> median 208.5, rounded down; 45 (month only) and
    # 52-54 (approximate starts) are not measured; 46-51 have no deadline in the sources
    assert m.offsets["stakeholder_deadline"] == Measure(208, (41, 42, 43, 44))
    assert m.offsets["national_report_deadline"] == Measure(91, (41, 42, 43, 44))  # 91, 105, 84, 91
    # the three yearly slots: the median first day of the exact starts of each slot
    assert m.slots == {0: (1, 21, (42, 48)), 1: (4, 29, (43, 46, 49)), 2: (11, 5, (41, 44, 47, 50))}
    assert m.length.days == 11


# ------------------------------------------------------------------ cycle 5

def test_cycle_5_repeats_cycle_4_and_reviews_every_state_once(cal):
    schedule = cal.schedule()
    assert sorted(n for n in schedule if n > 54) == list(range(55, 69))
    assert schedule[55].states == cal.sessions[41].states and schedule[55].projected_from == 41
    assert schedule[55].states_basis == "projected" and not schedule[55].in_file
    assert schedule[68].states == cal.sessions[54].states  # Myanmar and Ukraine, in session 54's slot
    assert "USA" in schedule[67].states and "USA" not in schedule[64].states
    reviewed = Counter(code for n in range(55, 69) for code in schedule[n].states)
    assert len(reviewed) == 193 and set(reviewed.values()) == {1}
    assert 55 not in cal.sessions  # projections are never stored among the sourced sessions


def test_projected_months_and_deadlines_are_labelled(cal):
    s55 = cal.schedule()[55]
    assert (s55.start, s55.end) == (FuzzyDate("2027-04", "month", basis="projected"),
                                    FuzzyDate("2027-05", "month", basis="projected"))
    # 29 April 2027 - 208 days = 3 October 2026; - 91 days = 28 January 2027
    assert s55.stakeholder_deadline == FuzzyDate("2026-10", "month", basis="projected")
    assert s55.national_report_deadline == FuzzyDate("2027-01", "month", basis="projected")
    assert s55.dates_label() == f"April–May 2027 ({PROJECTED})"
    assert s55.national_report_deadline.label() == f"January 2027 ({PROJECTED})"
    assert s55.national_report_deadline.label("fr") == "janvier 2027 (projection : pas encore publié par le HCDH)"
    assert s55.national_report_deadline.label("es") == "enero de 2027 (proyección: aún no publicado por el ACNUDH)"
    labels = {n: cal.schedule()[n].dates_label() for n in (56, 57, 68)}
    assert labels == {56: f"November 2027 ({PROJECTED})", 57: f"January–February 2028 ({PROJECTED})",
                      68: f"November 2031 ({PROJECTED})"}


def test_sessions_50_and_51_get_inferred_states(cal):
    schedule = cal.schedule()
    s50, s51 = schedule[50], schedule[51]
    assert cal.sessions[50].states == [] and cal.sessions[51].states == []  # the file is unchanged
    assert s50.states_basis == "inferred" and s50.projected_from == 36
    # the United States, reviewed in session 36, is in session 53 by a source: not inferred into 50
    assert s50.states == [c for c in cal.sessions[36].states if c != "USA"] and s50.left_out == {"USA": 53}
    assert s51.states == [c for c in cal.sessions[37].states if c != "MMR"] and s51.left_out == {"MMR": 54}
    assert s50.start == cal.sessions[50].start and "start" not in s50.basis  # sourced dates stay sourced


def test_next_review_and_open_deadlines_on_1_december_2026(cal):
    assert cal.open_deadlines(TODAY) == []  # no deadline published by OHCHR is open
    projected = cal.open_deadlines(TODAY, projected=True)
    first = projected[0]
    assert (first.session.number, first.kind, first.date.value, first.projected) == (55, "national_report", "2027-01",
                                                                                      True)
    assert first.days_left(TODAY) == 31  # to the first day it may be
    stakeholder = next(d for d in projected if d.kind == "stakeholder")
    assert (stakeholder.session.number, stakeholder.date.value) == (56, "2027-04")
    assert cal.next_review("BHR", TODAY).number == 55
    assert cal.next_review("TGO", TODAY).number == 54
    assert cal.next_review("USA", TODAY).number == 67  # session 53 (November 2026) is over


# ------------------------------------------------------------------ a sourced value wins

SOURCED_55 = """\
  - session: 55
    cycle: 5
    start: {date: "2027-05-03", precision: day}
    states:
      - BHR
      - ECU
      - CZE
    sources:
      - https://example.org/a-source-for-session-55
"""


def test_a_sourced_value_replaces_the_projection(tmp_path):
    root = make_repo(tmp_path, snapshot_with(SOURCED_55))
    cal, problems = load(Settings(root=root))
    assert [p.format() for p in problems] == []
    s55 = cal.schedule()[55]
    assert s55.start == FuzzyDate("2027-05-03", "day") and "start" not in s55.basis
    assert s55.end is None  # never projected from a sourced start: unknown until a source gives it
    # the projected deadlines now count from the sourced start (3 May 2027), with the medians of the
    # rotation 42-55 that the projection now repeats: - 202 days / - 91 days
    assert s55.stakeholder_deadline == FuzzyDate("2026-10", "month", basis="projected")
    assert s55.national_report_deadline == FuzzyDate("2027-02", "month", basis="projected")
    assert s55.states == ["BHR", "ECU", "CZE"] and s55.states_basis == ""
    # Czechia, sourced in 55, is left out of the projected session 56; Tunisia is in no session of cycle 5
    s56 = cal.schedule()[56]
    assert "CZE" not in s56.states and s56.left_out == {"CZE": 55}
    assert not any("TUN" in cal.schedule()[n].states for n in range(55, 69))
    # the sourced start is the slot's new anchor: session 58 is projected a year after it
    assert cal.schedule()[58].start.value == "2028-04"
    # the feeds: session 55's own event is no longer tentative, its deadlines still are
    events = events_by_uid(feeds.sessions_feed(cal))
    assert "STATUS" not in events["upr-wg-55@upr-platform"]
    assert events["upr-wg-55@upr-platform"].decoded("DTSTART") == dt.date(2027, 5, 3)
    assert str(events["upr-wg-55-stakeholder-deadline@upr-platform"]["STATUS"]) == "TENTATIVE"
    # and a sourced deadline replaces its projection too
    root2 = make_repo(tmp_path / "again", snapshot_with(SOURCED_55.replace(
        "    states:", '    stakeholder_deadline: {date: "2026-10-15 12:00", precision: day}\n    states:')))
    cal2, _ = load(Settings(root=root2))
    d = cal2.schedule()[55].stakeholder_deadline
    assert (d.value, d.basis, d.at.isoformat()) == ("2026-10-15", "", "2026-10-15T12:00:00+02:00")


# ------------------------------------------------------------------ pages (en, fr, es)

def test_calendar_page_shows_the_next_projected_deadline(repo):
    ctx = context(repo, TODAY)
    text = pages.calendar_page(ctx, ctx.content.sessions)
    deadlines = text.split("{#open-deadlines}")[1].split("\n## ")[0]
    assert "No deadline published by OHCHR is open in the calendar on 1 December 2026." in deadlines
    assert "No open deadline is known" not in deadlines
    assert ("**Next projected stakeholder deadline:** April 2027 *(projected: not yet published by OHCHR)*, "
            "session [56](../sessions/56.md).") in deadlines
    rows = [r for r in deadlines.splitlines() if r.startswith("| National") or r.startswith("| Stakeholder")]
    assert rows[0].startswith("| National report | [55](../sessions/55.md) | [Bahrain](../states/bhr.md)")
    assert rows[0].endswith("| January 2027 *(projected: not yet published by OHCHR)* | in about 31 days |")
    projected = text.split("{#projected}")[1]
    assert "sessions 55–68" in text.split("{#projected}")[0].splitlines()[-1]
    assert "208 days before the session and the national report 91 days before" in projected
    assert "the medians of sessions 41, 42, 43, 44" in projected
    assert f"{REPO}/issues/new?template=5-correct-a-date.yml" in text
    rows = [r for r in projected.splitlines() if r.startswith("| [")]
    assert len(rows) == 14 and all(PROJECTED in r for r in rows)


@pytest.mark.parametrize("lang, heading, label, passed", [
    ("en", "## Next review", "April–May 2027 *(projected: not yet published by OHCHR)*",
     "probably passed: check OHCHR"),
    ("fr", "## Prochain examen", "avril–mai 2027 *(projection : pas encore publié par le HCDH)*",
     "probablement passée : vérifiez auprès du HCDH"),
    ("es", "## Próximo examen", "abril–mayo de 2027 *(proyección: aún no publicado por el ACNUDH)*",
     "probablemente vencido: consulte al ACNUDH"),
])
def test_a_session_55_state_page_shows_its_projected_review(repo, lang, heading, label, passed):
    ctx = context(repo, TODAY, lang)
    text = pages.state_timeline(ctx, "BHR")
    lines = text.splitlines()
    assert lines[0] == heading
    assert "[55](../sessions/55.md)" in lines[2] and lines[2].endswith(label)
    rows = [l for l in lines if l.startswith("| ") and not l.startswith("| What") and "---" not in l
            and not l.startswith("| Étape") and not l.startswith("| Etapa")]
    assert len(rows) == 3
    assert passed in rows[0]  # the projected stakeholder deadline (October 2026)
    assert "2027" in rows[1] and rows[1].count("*(") == 1  # national report, January 2027, projected
    assert "41" in text  # why Bahrain is listed: session 41 reviewed it
    assert "no open deadline" not in text.lower()
    assert f"{SITE.replace('https://', 'webcal://')}" in text


def test_session_pages_of_projected_and_inferred_sessions(repo):
    ctx = context(repo, TODAY)
    schedule = ctx.content.sessions.schedule()
    page55 = pages.session_page(ctx, schedule[55])
    assert '!!! warning "Projected: not yet published by OHCHR"' in page55
    assert "14 States, projected: the States of session [41](../sessions/41.md)" in page55
    page50 = pages.session_page(ctx, schedule[50])
    assert "13 States, inferred: the States of session [36](../sessions/36.md)" in page50
    assert "Left out: [United States of America](../states/usa.md) (session [53](../sessions/53.md))" in page50
    page53 = pages.session_page(ctx, schedule[53])
    assert "## Why this session departs from the pattern" in page53 and "rescheduled" in page53


# ------------------------------------------------------------------ country groups

def test_a_projected_group_keeps_validating_and_gets_the_projected_dates(repo):
    from types import SimpleNamespace
    cal = context(repo, TODAY).content.sessions
    group = SimpleNamespace(path="groups/bhr-55/index.md", state="BHR", session=55, projected=True,
                            lines={"state": 2, "session": 3})
    assert groups_module._check_session(group, cal) == []
    wrong = SimpleNamespace(**{**group.__dict__, "state": "FRA"})
    problems = groups_module._check_session(wrong, cal)
    assert problems[0].message == "FRA is not reviewed in session 55 (projected from session 41)"
    deadlines = {d.key: d for d in groups_module.deadlines_from_calendar(group, cal)}
    assert sorted(deadlines) == ["national_report_deadline", "stakeholder_deadline", "start"]
    assert deadlines["national_report_deadline"].date == dt.date(2027, 1, 1)  # its first possible day
    assert deadlines["national_report_deadline"].when == f"January 2027 ({PROJECTED})"
    assert all(d.approximate for d in deadlines.values())
    # a group for session 64 (projected from the inferred session 50) cannot be for the United States
    usa = SimpleNamespace(**{**group.__dict__, "state": "USA", "session": 64})
    assert "USA is not reviewed in session 64" in groups_module._check_session(usa, cal)[0].message


# ------------------------------------------------------------------ feeds

def test_projected_events_are_tentative_in_every_feed(cal, monkeypatch):
    import colorama
    monkeypatch.setattr(colorama, "init", lambda *a, **k: None)  # see test_calendar_ics
    sessions = feeds.sessions_feed(cal, SITE)
    by_uid = events_by_uid(sessions)
    wg55 = by_uid["upr-wg-55@upr-platform"]
    assert str(wg55["STATUS"]) == "TENTATIVE" and str(wg55["X-UPR-BASIS"]) == "projected"
    assert PROJECTED in str(wg55["SUMMARY"])
    assert (wg55.decoded("DTSTART"), wg55.decoded("DTEND")) == (dt.date(2027, 4, 1), dt.date(2027, 6, 1))
    deadline = by_uid["upr-wg-55-stakeholder-deadline@upr-platform"]
    assert str(deadline["STATUS"]) == "TENTATIVE"
    assert (deadline.decoded("DTSTART"), deadline.decoded("DTEND")) == (dt.date(2026, 10, 1), dt.date(2026, 11, 1))
    assert "STATUS" not in by_uid["upr-wg-48@upr-platform"]  # sourced events are not tentative
    assert sum(1 for e in by_uid.values() if "STATUS" in e) == 14 * 3  # 55-68: session and two deadlines
    # the per-State feed: Bahrain's projected review and deadlines
    state = events_by_uid(feeds.state_feed(cal, "BHR", "Bahrain", SITE))
    review = state["upr-wg-55-bhr-review@upr-platform"]
    assert str(review["STATUS"]) == "TENTATIVE" and "session 41 reviewed it" in str(review["DESCRIPTION"])
    assert str(state["upr-wg-55-bhr-national-report-deadline@upr-platform"]["STATUS"]) == "TENTATIVE"
    assert "STATUS" not in state["upr-wg-41-bhr-review@upr-platform"]
    # the per-group feed
    from types import SimpleNamespace
    group = SimpleNamespace(state="BHR", session=55, slug="bhr-55", briefings=[], deadlines=[], contacts=[],
                            members=[])
    monkeypatch.setattr(groups_module, "events_for_group", lambda g: [])
    raw = feeds.group_feed(cal, "Bahrain country group", feeds.events_for_group(group, cal, "Bahrain", SITE))
    grouped = events_by_uid(raw)
    assert {str(e["STATUS"]) for e in grouped.values()} == {"TENTATIVE"} and len(grouped) == 3
    # a second, independent parser reads the tentative events too
    parsed = {e.uid: e for e in ics_parser.Calendar(raw.decode("utf-8")).events}
    assert parsed["upr-wg-55-bhr-review@upr-platform"].status == "TENTATIVE"


# ------------------------------------------------------------------ the real site

@pytest.mark.build
def test_built_state_pages_label_a_projected_next_review_in_three_languages(built_site):
    """On the real site (built on 30 November 2026), State pages whose next review is projected
    say so, with its month and deadlines, in English, French and Spanish; the feeds carry it as
    tentative."""
    from conftest import text_of
    labels = {"": PROJECTED, "fr/": "projection : pas encore publié par le HCDH",
              "es/": "proyección: aún no publicado por el ACNUDH"}
    heading = {"": "Next review", "fr/": "Prochain examen", "es/": "Próximo examen"}
    shown = {}
    for lang, label in labels.items():
        pages_with = []
        for page in sorted((built_site / lang / "states").glob("*/index.html")):
            body = text_of(page)
            if heading[lang] not in body:
                continue
            review = body.split(heading[lang])[-1].split("Subscribe")[0]
            if label in review:
                pages_with.append(page.parent.name)
        shown[lang] = set(pages_with)
    assert shown[""] and shown[""] == shown["fr/"] == shown["es/"]
    code = sorted(shown[""])[0]
    feed = icalendar.Calendar.from_ical((built_site / "states" / f"{code}.ics").read_bytes())
    assert any(str(e.get("STATUS", "")) == "TENTATIVE" for e in feed.walk("VEVENT"))
