"""The session calendar (states/sessions.yml): model, checks, importer, pages.

Tests read the frozen snapshot ``tests/fixtures/calendar/sessions.yml`` (real data of
1 December 2026), written into ``tmp_path`` with a tiny set of States, never the live file."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from calendar_fixture import SNAPSHOT, make_repo, snapshot_with
from conftest import ROOT, run_upr, source_data
from upr.config import Settings
from upr.content import Content
from upr import sessions as sessions_module
from upr.sessions import FuzzyDate, cycle_of


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    return make_repo(tmp_path_factory.mktemp("calendar"))


@pytest.fixture(scope="module")
def calendar(repo):
    cal, problems = sessions_module.load(Settings(root=repo))
    assert [p.format() for p in problems if p.severity == "error"] == []
    return cal


def test_every_session_1_to_54_is_read_with_its_cycle(calendar):
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
    assert calendar.sessions[33].start is None and calendar.sessions[33].year == 2019
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


def _pattern_problems(root, text):
    (root / "states" / "sessions.yml").write_text(text, encoding="utf-8")
    settings = Settings(root=root)
    cal, problems = sessions_module.load(settings)
    states = {code: 1 for s in cal.sessions.values() for code in s.states}  # every listed State exists
    return cal, problems + sessions_module.cross_check(Content(settings=settings,
                                                               kinds={"states": states, "sessions": cal}))


def test_explained_departures_give_no_warning_and_a_new_one_still_warns(tmp_path):
    """Issue 14: the eight standing warnings are settled in the data (pattern_departure with its
    source); a departure nobody explained still warns, on the session's line, with the fix."""
    root = make_repo(tmp_path)
    cal, problems = _pattern_problems(root, SNAPSHOT.read_text(encoding="utf-8"))
    assert [p.format() for p in problems] == []
    explained = sorted(n for n, s in cal.sessions.items() if s.departure)
    assert explained == [28, 29, 31, 39, 40, 42, 53, 54]
    assert cal.sessions[53].departure.added == ["USA"] and cal.sessions[53].departure.missing == []
    assert cal.sessions[42].departure.added == ["LKA", "PAK", "PER"] and cal.sessions[42].departure.missing == ["UKR"]
    assert all(s.departure.sources for s in cal.sessions.values() if s.departure)

    # a new, unexplained departure: Namibia moves from session 52 to session 53
    moved = in_session(in_session(SNAPSHOT.read_text(encoding="utf-8"), 52, "      - NAM\n", ""),
                       53, "      - USA\n", "      - USA\n      - NAM\n")
    cal, problems = _pattern_problems(root, moved)
    warned = {int(p.message.split()[1]): p for p in problems}
    assert sorted(warned) == [52, 53] and {p.severity for p in problems} == {"warning"}, [p.format() for p in problems]
    assert warned[53].line == cal.sessions[53].line
    assert warned[53].message.endswith("not in session 39: NAM")  # USA is explained: not repeated
    assert "pattern_departure: {added: [NAM], note:" in warned[53].fix
    assert "missing from session 52: NAM" in warned[52].message and "missing: [NAM]" in warned[52].fix


def in_session(text: str, number: int, old: str, new: str) -> str:
    """``text`` with the first ``old`` inside the entry of session ``number`` replaced."""
    start = text.index(f"  - session: {number}\n")
    at = text.index(old, start)
    assert at < text.find("\n  - session: ", start + 5) or f"  - session: {number + 1}\n" not in text
    return text[:at] + new + text[at + len(old):]


def test_a_departure_explanation_must_match_and_carry_its_source(tmp_path):
    root = make_repo(tmp_path)
    text = SNAPSHOT.read_text(encoding="utf-8")
    # the explanation of session 53 lists a State that does not depart; one of 54 is removed
    stale = text.replace("      added: [USA]\n", "      added: [USA, IRL]\n", 1)
    start = stale.index("  - session: 54\n")
    block = stale.index("    pattern_departure:\n", start)
    end = stale.index("\n    sources:\n", block) + 1  # the session's own sources, not the departure's
    stale = stale[:block] + stale[end:]
    cal, problems = _pattern_problems(root, stale)
    out = sorted(p.format() for p in problems)
    assert len(out) == 2, out
    assert any(f"states/sessions.yml:{cal.sessions[53].departure.line}: warning: session 53 pattern_departure no "
               "longer matches the States: added lists IRL" in o for o in out), out
    assert any(o.startswith(f"states/sessions.yml:{cal.sessions[54].line}: warning: session 54 does not review "
                            "the same States as session 40") and "MMR, UKR" in o for o in out), out
    # no source: an error naming the line of the departure
    unsourced = text.replace("""      sources:
        - https://www.devdiscourse.com/""", """      sourcez:
        - https://www.devdiscourse.com/""", 1)
    _, problems = _pattern_problems(root, unsourced)
    errors = [p.format() for p in problems if p.severity == "error"]
    assert len(errors) == 2 and any("required field 'sources' is missing" in e for e in errors), errors
    # the placeholder of the suggested fix is not a source: it is refused
    placeholder = text.replace("""        - https://www.devdiscourse.com/article/law-order/3691215-""",
                               """        - <the URL that says so>
        - https://www.devdiscourse.com/article/law-order/3691215-""", 1)
    cal, problems = _pattern_problems(root, placeholder)
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1 and "has the wrong form: '<the URL that says so>'" in errors[0].message
    assert errors[0].line == placeholder[:placeholder.index("<the URL")].count("\n") + 1  # that source's line


def test_the_check_command_reports_an_unexplained_departure_with_file_and_line(tmp_path):
    root = make_repo(tmp_path, snapshot_with(replace=("      added: [USA]\n", "      added: [IRL]\n")))
    result = run_upr("check", env={"UPR_ROOT": str(root)})
    lines = [l for l in result.stdout.splitlines() if "sessions.yml" in l and "warning" in l]
    cal, _ = sessions_module.load(Settings(root=root))
    assert any(l.startswith(f"states/sessions.yml:{cal.sessions[53].line}: warning: session 53 does not review "
                            "the same States as session 39") and "not in session 39: USA" in l for l in lines), lines


def test_import_refuses_to_overwrite_and_merge_fills_only_empty_values(tmp_path, site_root):
    root = tmp_path / "repo"
    shutil.copytree(site_root / "states", root / "states", ignore=shutil.ignore_patterns("followup", "recommendations"))
    shutil.copy(SNAPSHOT, root / "states" / "sessions.yml")
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


def test_calendar_page_markdown_for_another_today(calendar, repo):
    from types import SimpleNamespace
    from upr.pages.calendar import calendar_page
    content = Content(settings=Settings(root=repo), kinds={"sessions": calendar, "states": {}})
    ctx = SimpleNamespace(settings=content.settings, content=content, today=dt.date(2026, 5, 1), lang="en")
    text = calendar_page(ctx, calendar)
    section = text.split("{#open-deadlines}")[1].split("### ")[0].split("## ")[0]
    rows = [r for r in section.splitlines() if r.startswith("| Stakeholder") or r.startswith("| National")]
    assert [r.rstrip(" |").split(" | ")[3:5] for r in rows] == [["25 June 2026", "in 55 days"],
                                                   ["3 August 2026", "in 94 days"],
                                                   ["October 2026, approx.", "in about 153 days"]]
    upcoming = text.split("{#next-sessions}")[1].split("## ")[0]
    assert "**[52](../sessions/52.md)** (next) | May 2026, approx." in upcoming


def _group(slug, state, session, status):
    from types import SimpleNamespace
    return SimpleNamespace(slug=slug, state=state, session=session, status=status, title=slug)


def test_reminders_30_and_7_days_before_each_deadline(calendar, repo):
    from upr.commands.remind import reminders
    groups = {"tgo-54": _group("tgo-54", "TGO", 54, "drafting"), "syr-54": _group("syr-54", "SYR", 54, "submitted"),
              "bhr-55": _group("bhr-55", "BHR", 55, "forming")}
    content = Content(settings=Settings(root=repo), kinds={"sessions": calendar, "groups": groups, "states": {}})
    due = reminders(content, dt.date(2026, 6, 1), [30, 7])
    # Togo's group has not submitted yet: stakeholder deadline 25 June 2026 is 24 days away
    assert [(r["group"], r["kind"], r["days_left"], r["threshold"]) for r in due] == [
        ("tgo-54", "stakeholder_deadline", 24, 30)]
    assert due[0]["title"] == "Reminder: stakeholder submissions for TGO (UPR 54) due 25 June 2026 — group tgo-54"
    assert "12:00 Geneva time" in due[0]["body"] and due[0]["basis"] == "" and due[0]["at"] is None
    assert [r["threshold"] for r in reminders(content, dt.date(2026, 6, 20), [30, 7])] == [7]
    assert reminders(content, dt.date(2026, 6, 26), [30, 7]) == []  # past
    # national report 2026-10-01 is approximate: both groups get it, counted from its first day
    # (and the session-55 group its projected stakeholder deadline, October 2026, from 1 October)
    late = reminders(content, dt.date(2026, 9, 10), [30, 7])
    assert [(r["group"], r["kind"], r["days_left"]) for r in late] == [
        ("bhr-55", "stakeholder_deadline", 21), ("syr-54", "national_report_deadline", 21),
        ("tgo-54", "national_report_deadline", 21)]
    assert "approximate" in late[1]["body"] and "projected" in late[0]["title"]
    # session 55 is projected: its group is reminded of the projected national report (January
    # 2027), counted from the first day of the month, and told it is a projection
    projected = reminders(content, dt.date(2026, 12, 2), [30, 7])
    assert [(r["group"], r["kind"], r["date"], r["basis"], r["days_left"]) for r in projected] == [
        ("bhr-55", "national_report_deadline", "2027-01", "projected", 30)]
    assert projected[0]["title"] == ("Reminder: national report for BHR (UPR 55) due January 2027 (projected: not "
                                     "yet published by OHCHR) — group bhr-55")
    assert "OHCHR has not published it yet" in projected[0]["body"]


GROUP = """---
state: {state}
session: {session}
{projected}status: {status}
contacts:
  - organisation: Example NGO Test Coordination
    role: coordinator
    channel: https://example.org/contact
members:
  - organisation: Example NGO Test Coordination
languages:
  - en
{sent}---

# Plan
"""


def add_group(root, state: str, session: int, status: str = "forming", projected: bool = False, sent: str = ""):
    folder = root / "groups" / f"{state.lower()}-{session}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.md").write_text(GROUP.format(state=state, session=session, status=status,
                                                  projected="projected: true\n" if projected else "",
                                                  sent=f'submission:\n  sent: "{sent}"\n' if sent else ""),
                                     encoding="utf-8")


def test_remind_command_writes_json(tmp_path):
    root = make_repo(tmp_path)
    add_group(root, "TGO", 54, "drafting")
    add_group(root, "BHR", 55, projected=True)
    out = tmp_path / "reminders.json"
    result = run_upr("remind", "--days", "30,7", "--today", "2026-09-10", "--output", str(out),
                     env={"UPR_ROOT": str(root)})
    assert result.returncode == 0, result.stderr
    import json
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["today"] == "2026-09-10" and data["days"] == [7, 30]
    assert [(r["group"], r["kind"], r["basis"]) for r in data["reminders"]] == [
        ("bhr-55", "stakeholder_deadline", "projected"), ("tgo-54", "national_report_deadline", "")]
    assert result.stdout.splitlines()[0] == ("Reminder: stakeholder submissions for Bahrain (UPR 55) due October 2026 "
                                             "(projected: not yet published by OHCHR) — group bhr-55")
    assert result.stdout.splitlines()[1].startswith("Reminder: national report for Togo (UPR 54)")


def test_calendar_page_without_a_calendar(tmp_path):
    from types import SimpleNamespace
    from upr.pages import calendar as page
    written = {}
    content = Content(settings=Settings(root=tmp_path), kinds={"sessions": sessions_module.Calendar()})
    ctx = SimpleNamespace(settings=content.settings, content=content, today=dt.date(2026, 11, 30), lang="en",
                          write=lambda rel, data: written.__setitem__(rel, data))
    page.generate(ctx)
    assert list(written) == ["calendar/index.md"] and "upr import calendar" in written["calendar/index.md"]


def test_calendar_import_names_file_and_line_of_every_bad_row(tmp_path, site_root):
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
    index = default_index(make_settings(site_root))
    entries, problems = build_entries(table, index, "t.csv")
    out = [p.format() for p in problems]
    assert [e["session"] for e in entries] == [98]
    assert entries[0]["states"] == ["NOR"]
    assert any(o.startswith("t.csv:4: session 99: unknown State 'Atlantis'") for o in out), out
    assert any(o.startswith("t.csv:4: session 99: 'Holy See' cannot be a State under review") for o in out), out
    assert any(o.startswith("t.csv:4: cannot read this row: not an HRC session: 'next spring'") for o in out), out
