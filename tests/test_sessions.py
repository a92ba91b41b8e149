"""The session calendar (states/sessions.yml): model, checks, importer, pages."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from conftest import ROOT, run_upr, source_data
from upr.config import Settings
from upr.content import Content
from upr import sessions as sessions_module
from upr.sessions import FuzzyDate, cycle_of


@pytest.fixture(scope="module")
def calendar():
    cal, problems = sessions_module.load(Settings(root=ROOT))
    assert [p.format() for p in problems if p.severity == "error"] == []
    return cal


def test_every_session_1_to_54_is_present_with_its_cycle(calendar):
    assert sorted(calendar.sessions) == list(range(1, 55))
    assert {n: s.cycle for n, s in calendar.sessions.items() if n in (12, 13, 26, 27, 40, 41, 54)} == \
        {12: 1, 13: 2, 26: 2, 27: 3, 40: 3, 41: 4, 54: 4}


def test_session_48_reviews_slovenia_20_to_31_january_2025(calendar):
    s = calendar.sessions[48]
    assert "SVN" in s.states and len(s.states) == 14
    assert s.states[:3] == ["ITA", "SLV", "GMB"] and s.order_is_review_order
    assert s.start == FuzzyDate("2025-01-20", "day") and s.end == FuzzyDate("2025-01-31", "day")
    assert s.dates_label() == "20–31 January 2025"


def test_session_30_has_no_dates_and_no_states(calendar):
    s = calendar.sessions[30]
    assert s.start is None and s.end is None and s.states == []
    assert s.dates_label().startswith("unknown")


def test_precision_is_kept_month_approximate_inferred(calendar):
    s24 = calendar.sessions[24]
    assert (s24.start.precision, s24.start.value, s24.end.value) == ("month", "2016-01", "2016-02")
    assert s24.dates_label() == "January–February 2016 (month only)"
    s52 = calendar.sessions[52]
    assert s52.start == FuzzyDate("2026-05-04", "approximate") and s52.end is None
    assert s52.dates_label() == "May 2026, approx."
    assert calendar.sessions[39].number_inferred and not calendar.sessions[38].number_inferred
    assert calendar.sessions[39].start is None
    # two stakeholder deadlines in the source: the earliest is kept, the other is in the note
    s13 = calendar.sessions[13].stakeholder_deadline
    assert s13.value == "2011-11-21" and "2011-11-28" in s13.note


def test_reviews_for_slovenia_with_document_symbols(calendar):
    reviews = calendar.reviews_for("svn")
    assert [r.session for r in reviews] == [7, 20, 34, 48]
    last = reviews[-1]
    assert last.cycle == 4 and last.dates_label == "20–31 January 2025"
    assert last.symbols == {"national_report": "A/HRC/WG.6/48/SVN/1", "compilation": "A/HRC/WG.6/48/SVN/2",
                            "stakeholder_summary": "A/HRC/WG.6/48/SVN/3"}
    assert last.session_url == "../../sessions/48/"


def test_next_sessions_and_open_deadlines(calendar):
    assert [s.number for s in calendar.next_sessions(dt.date(2026, 11, 30))] == [54]
    assert calendar.open_deadlines(dt.date(2026, 11, 30)) == []
    opened = calendar.open_deadlines(dt.date(2026, 5, 1))
    assert [(d.session.number, d.kind, d.date.value) for d in opened] == [
        (54, "stakeholder", "2026-06-25"), (53, "national_report", "2026-08-03"),
        (54, "national_report", "2026-10-01")]
    assert opened[0].days_left(dt.date(2026, 5, 1)) == 55


def test_cycles_follow_session_numbers():
    assert [cycle_of(n) for n in (1, 12, 13, 26, 27, 40, 41, 54, 55)] == [1, 1, 2, 2, 3, 3, 4, 4, 5]


BROKEN = """\
updated: "2026-11-30"
sessions:
  - session: 34
    cycle: 3
    states:
      - SVN
      - ITA
  - session: 48
    cycle: 3
    start: {date: "2025-02-30", precision: day}
    end: {date: "2025-01-31", precision: day}
    states:
      - XYZ
      - SVN
  - session: 49
    cycle: 4
    start: {date: "2025-05-09", precision: day}
    end: {date: "2025-04-28", precision: day}
    states:
      - SVN
    order: random
"""


def test_broken_calendar_reports_every_problem_with_its_line(tmp_path):
    (tmp_path / "states").mkdir()
    (tmp_path / "states" / "sessions.yml").write_text(BROKEN, encoding="utf-8")
    settings = Settings(root=tmp_path)
    cal, problems = sessions_module.load(settings)
    content = Content(settings=settings, kinds={"states": {"SVN": 1, "ITA": 1}, "sessions": cal})
    problems += sessions_module.cross_check(content)
    messages = sorted(p.format() for p in problems if p.severity == "error")
    text = "\n".join(messages)
    assert "states/sessions.yml:9: session 48 belongs to cycle 4, not cycle 3" in text
    assert "states/sessions.yml:10: session 48 start is not a real date: '2025-02-30'" in text
    assert "states/sessions.yml:18: session 49 ends (2025-04-28) before it starts (2025-05-09)" in text
    assert "states/sessions.yml:13: session 48 lists 'XYZ', which is not a State" in text
    assert "states/sessions.yml:20: SVN is reviewed twice in cycle 4: in session 48 (line 14) and session 49" in text
    assert "states/sessions.yml:21: order must be one of" in text.replace("sessions[3].", "")
    assert all(" — " in m for m in messages)  # every message says what to write instead
    assert len(messages) == 6, text


def test_pattern_deviations_are_warnings_not_errors(calendar):
    from upr import states as states_module
    settings = Settings(root=ROOT)
    states, _ = states_module.load(settings)
    problems = sessions_module.cross_check(Content(settings=settings, kinds={"states": states, "sessions": calendar}))
    assert [p.format() for p in problems if p.severity == "error"] == []
    warned = sorted(int(p.message.split()[1]) for p in problems)
    assert warned == [28, 29, 31, 39, 40, 42, 53, 54]
    # Session 31 leaves out Israel, which session 17 reviewed (the source says so): a warning.
    result = run_upr("check")
    line = calendar.sessions[31].line
    assert f"states/sessions.yml:{line}: warning: session 31 does not review the same States as session 17" \
        in result.stdout
    assert [l for l in result.stdout.splitlines() if "sessions.yml" in l and "warning" not in l] == []


def test_import_refuses_to_overwrite_and_merge_fills_only_empty_values(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "states", root / "states", ignore=shutil.ignore_patterns("followup", "recommendations"))
    (root / "mkdocs.yml").write_text("site_name: t\n")
    (root / "scripts" / "upr").mkdir(parents=True)
    env = {"UPR_ROOT": str(root)}
    target = root / "states" / "sessions.yml"
    edited = target.read_text(encoding="utf-8").replace(
        "      date: '2025-01-20'\n      precision: day\n", "      date: '2025-01-21'\n      precision: day\n", 1)
    edited = edited.replace("  - session: 30\n    cycle: 3\n    year: 2018\n", "  - session: 30\n    cycle: 3\n")
    target.write_text(edited, encoding="utf-8")
    refused = run_upr("import", "calendar", "--from", str(source_data()), env=env)
    assert refused.returncode == 1 and "already exists" in refused.stderr
    assert target.read_text(encoding="utf-8") == edited
    merged = run_upr("import", "calendar", "--from", str(source_data()), "--merge", env=env)
    assert merged.returncode == 0, merged.stderr
    assert merged.stdout.strip().splitlines() == ["states/sessions.yml: session 30: fill year"]
    after = target.read_text(encoding="utf-8")
    assert "2025-01-21" in after  # the hand edit stays
    cal, _ = sessions_module.load(Settings(root=root))
    assert cal.sessions[30].year == 2018 and cal.sessions[48].start.value == "2025-01-21"


def test_built_session_48_page(built_site):
    html = (built_site / "sessions" / "48" / "index.html").read_text(encoding="utf-8")
    assert "20–31 January 2025" in html
    assert "Slovenia" in html and 'href="../../states/svn/"' in html
    assert "A/HRC/WG.6/48/SVN/1" in html
    calendar_html = (built_site / "calendar" / "index.html").read_text(encoding="utf-8")
    assert "May 2026, approx." in calendar_html
    assert "January–February 2016 (month only)" in calendar_html


def test_calendar_page_markdown_for_another_today(calendar):
    from types import SimpleNamespace
    from upr.pages.calendar import calendar_page
    content = Content(settings=Settings(root=ROOT), kinds={"sessions": calendar, "states": {}})
    ctx = SimpleNamespace(settings=content.settings, content=content, today=dt.date(2026, 5, 1), lang="en")
    text = calendar_page(ctx, calendar)
    section = text.split("{#open-deadlines}")[1].split("## ")[0]
    rows = [r for r in section.splitlines() if r.startswith("| Stakeholder") or r.startswith("| National")]
    assert [r.rstrip(" |").split(" | ")[3:5] for r in rows] == [["25 June 2026", "in 55 days"],
                                                   ["3 August 2026", "in 94 days"],
                                                   ["October 2026, approx.", "in about 153 days"]]
    upcoming = text.split("{#next-sessions}")[1].split("## ")[0]
    assert "**[52](../sessions/52.md)** (next) | May 2026, approx." in upcoming


def _group(slug, state, session, status):
    from types import SimpleNamespace
    return SimpleNamespace(slug=slug, state=state, session=session, status=status, title=slug)


def test_reminders_30_and_7_days_before_each_deadline(calendar):
    from upr.commands.remind import reminders
    groups = {"tgo-54": _group("tgo-54", "TGO", 54, "drafting"), "syr-54": _group("syr-54", "SYR", 54, "submitted"),
              "bhr-55": _group("bhr-55", "BHR", 55, "forming")}
    content = Content(settings=Settings(root=ROOT), kinds={"sessions": calendar, "groups": groups, "states": {}})
    due = reminders(content, dt.date(2026, 6, 1), [30, 7])
    # Togo's group has not submitted yet: stakeholder deadline 25 June 2026 is 24 days away
    assert [(r["group"], r["kind"], r["days_left"], r["threshold"]) for r in due] == [
        ("tgo-54", "stakeholder_deadline", 24, 30)]
    assert due[0]["title"] == "Reminder: stakeholder submissions for TGO (UPR 54) due 25 June 2026 — group tgo-54"
    assert "12:00 Geneva time" in due[0]["body"]
    assert [r["threshold"] for r in reminders(content, dt.date(2026, 6, 20), [30, 7])] == [7]
    assert reminders(content, dt.date(2026, 6, 26), [30, 7]) == []  # past
    # national report 2026-10-01 is approximate: both groups get it, counted from its first day
    late = reminders(content, dt.date(2026, 9, 10), [30, 7])
    assert [(r["group"], r["kind"], r["days_left"]) for r in late] == [
        ("syr-54", "national_report_deadline", 21), ("tgo-54", "national_report_deadline", 21)]
    assert "approximate" in late[0]["body"]


def test_remind_command_writes_json(tmp_path):
    out = tmp_path / "reminders.json"
    result = run_upr("remind", "--days", "30,7", "--today", "2026-09-10", "--output", str(out))
    assert result.returncode == 0, result.stderr
    import json
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["today"] == "2026-09-10" and data["days"] == [7, 30]
    assert {r["group"] for r in data["reminders"]} == {"syr-54", "tgo-54"}
    assert result.stdout.splitlines()[0].startswith("Reminder: national report for Syrian Arab Republic (UPR 54)")


def test_calendar_page_without_a_calendar(tmp_path):
    from types import SimpleNamespace
    from upr.pages import calendar as page
    written = {}
    content = Content(settings=Settings(root=tmp_path), kinds={"sessions": sessions_module.Calendar()})
    ctx = SimpleNamespace(settings=content.settings, content=content, today=dt.date(2026, 11, 30), lang="en",
                          write=lambda rel, data: written.__setitem__(rel, data))
    page.generate(ctx)
    assert list(written) == ["calendar/index.md"] and "upr import calendar" in written["calendar/index.md"]


def test_calendar_import_names_file_and_line_of_every_bad_row(tmp_path):
    """Unknown or observer States and unreadable cells are problems at table:line
    (the physical line, after a quoted cell spanning two lines), never a traceback."""
    from upr.commands.import_calendar import build_entries
    from upr.names import default_index
    from upr.config import settings as make_settings
    table = tmp_path / "t.csv"
    table.write_text(
        "session,cycle,year,wg_start,wg_end,wg_month,states_listed,notes,hrc_adoption\n"
        '98,5,2030,2030-01-05,2030-01-16,,Norway,"a note\nover two lines",HRC 60\n'
        "99,5,2030,,,,Atlantis; Holy See,,next spring\n", encoding="utf-8")
    index = default_index(make_settings(ROOT))
    entries, problems = build_entries(table, index, "t.csv")
    out = [p.format() for p in problems]
    assert [e["session"] for e in entries] == [98]
    assert entries[0]["states"] == ["NOR"]
    assert any(o.startswith("t.csv:4: session 99: unknown State 'Atlantis'") for o in out), out
    assert any(o.startswith("t.csv:4: session 99: 'Holy See' cannot be a State under review") for o in out), out
    assert any(o.startswith("t.csv:4: cannot read this row: not an HRC session: 'next spring'") for o in out), out
