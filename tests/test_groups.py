"""Country groups: content, checks against the calendar, scaffolding, CODEOWNERS, pages (issue 5)."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, run_upr
from upr import codeowners, groups
from upr.config import Settings, settings
from upr.content import load_content


@pytest.fixture(scope="module")
def content(site_root):
    return load_content(settings(site_root, TODAY))


def test_example_groups_load_with_their_values(content):
    assert sorted(content.groups) == ["bhr-55", "ecu-55", "syr-54", "tgo-54"]
    tgo = content.groups["tgo-54"]
    assert (tgo.state, tgo.session, tgo.cycle, tgo.status) == ("TGO", 54, 4, "submitted")
    assert tgo.submission.sent == "2026-06-19" and tgo.submission.summary_symbol == "A/HRC/WG.6/54/TGO/3"
    assert [m.confidential for m in tgo.members] == [False, False, False, True]
    assert all(m.organisation.startswith("Example NGO") for g in content.groups.values() for m in g.members)
    assert content.groups["bhr-55"].projected and content.groups["bhr-55"].cycle == 5
    assert [p.format() for p in content.problems if p.path.startswith(("groups/", ".github/"))] == []


def test_deadlines_come_from_the_calendar(content):
    tgo = content.groups["tgo-54"]
    by_key = {d.key: d for d in tgo.deadlines}
    assert by_key["stakeholder_deadline"].date == dt.date(2026, 6, 25)
    assert not by_key["stakeholder_deadline"].approximate
    assert by_key["start"].date == dt.date(2027, 1, 19) and by_key["start"].approximate
    assert by_key["start"].days_left(TODAY) == 50
    assert by_key["hrc_adoption_date"].date == dt.date(2027, 5, 31)  # month precision: its last day
    # session 55 is not published yet: its dates are the projected ones, and say so
    projected = content.groups["bhr-55"].deadlines
    assert projected and all(d.source.basis == "projected" and "projected" in d.when for d in projected)


def test_events_for_group_all_day_deadlines_and_geneva_briefings(content):
    events = groups.events_for_group(content.groups["tgo-54"])
    deadline = next(e for e in events if e["uid"] == "tgo-54-stakeholder_deadline@upr-platform")
    assert deadline["all_day"] and deadline["start"] == dt.date(2026, 6, 25)
    assert deadline["end"] == dt.date(2026, 6, 26)  # ICS all-day DTEND is exclusive (case 24)
    briefing = next(e for e in events if e["uid"] == "tgo-54-briefing-2026-12-15-pre-session@upr-platform")
    assert briefing["start"].isoformat() == "2026-12-15T14:00:00+01:00"
    assert str(briefing["start"].tzinfo) == "Europe/Zurich"
    online = next(e for e in events if "missions-online" in e["uid"])
    assert "Kara" not in online["description"]  # the confidential speaker is left out
    assert "Example NGO Lomé Human Rights Forum" in online["description"]


def test_public_view_and_private_values(content):
    tgo = content.groups["tgo-54"]
    view = groups.public_view(tgo)
    assert [c.organisation for c in view.contacts] == ["Example NGO Lomé Human Rights Forum"]
    assert tgo.contacts[0].email == "tgo54-coordination@example.org" and view.contacts[0].email is None
    assert "Example NGO Kara Defenders Collective" not in [m.organisation for m in view.members]
    assert len(tgo.members) == 4  # the model itself is unchanged
    secret = groups.private_values(content)
    assert {"Example NGO Kara Defenders Collective", "Example Contact Kara Defender",
            "kara-defenders@example.org", "example-kara-liaison", "tgo54-coordination@example.org",
            "Example NGO Aleppo Detainees Families Group"} <= secret
    assert "Example NGO Lomé Human Rights Forum" not in secret
    assert "liaison with defenders in the north" not in secret  # a role does not identify anyone


def _write_group(root: Path, slug: str, text: str) -> None:
    folder = root / "groups" / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.md").write_text(text, encoding="utf-8")


def test_every_mistake_is_reported_with_its_line(tmp_path):
    _write_group(tmp_path, "tgo-54", """---
state: TGO
session: 53
cycle: 3
status: writing
contacts:
  - organisation: Example NGO One
    role: coordinator
members:
  - organisation: Example NGO One
languages: [en, de]
---
""")
    _, problems = groups.load(Settings(root=tmp_path), None)
    text = "\n".join(p.format() for p in problems)
    assert "groups/tgo-54/index.md:5: status must be one of: forming, drafting, submitted, published, following up" in text
    assert "groups/tgo-54/index.md:7: required field 'channel' is missing in contacts[1]" in text
    assert "groups/tgo-54/index.md:11: languages[2] must be one of" in text
    assert len(problems) == 3


def test_folder_name_and_cycle_must_match(tmp_path):
    _write_group(tmp_path, "tgo-53", """---
state: TGO
session: 54
cycle: 3
status: forming
contacts:
  - organisation: Example NGO One
    role: coordinator
    channel: https://example.org
members:
  - organisation: Example NGO One
languages: [en]
---
""")
    _, problems = groups.load(Settings(root=tmp_path), None)
    text = "\n".join(p.format() for p in problems)
    assert ("groups/tgo-53/index.md:2: folder 'tgo-53' does not match state TGO and session 54 — "
            "name the folder groups/tgo-54/ or correct state and session") in text


def test_state_must_be_reviewed_in_the_session(content):
    tgo = content.groups["tgo-54"]
    wrong = groups.Group(**{**tgo.__dict__, "state": "FRA", "slug": "fra-54"})
    problems = groups._check_session(wrong, content.sessions)
    assert "FRA is not reviewed in session 54" in problems[0].message
    assert "TGO, SYR, VEN" in problems[0].fix
    projected = groups.Group(**{**content.groups["bhr-55"].__dict__, "state": "FRA"})
    problems = groups._check_session(projected, content.sessions)
    assert "not reviewed in session 55 (projected from session 41)" in problems[0].message
    assert groups._check_session(content.groups["bhr-55"], content.sessions) == []


def test_codeowners_is_generated_and_stale_check_fails(content, tmp_path):
    written = content.settings.root / ".github" / "CODEOWNERS"  # by `upr codeowners` in the fixture root
    text = codeowners.render(content.groups, written.read_text(encoding="utf-8"))
    assert "/groups/tgo-54/ @example-tgo-coordinator\n" in text
    assert "example-kara-liaison" not in text  # confidential contact
    assert "/groups/ecu-55/" not in text  # no public GitHub handle
    assert written.read_text(encoding="utf-8") == text
    assert codeowners.check(content) == []

    class Stale:
        settings = Settings(root=tmp_path)
        groups = content.groups
    (tmp_path / ".github").mkdir()
    target = tmp_path / ".github" / "CODEOWNERS"
    target.write_text(text.replace("@example-tgo-coordinator", "@someone"))
    problem, = codeowners.check(Stale)
    assert problem.format() == (
        ".github/CODEOWNERS:1: CODEOWNERS is out of date with the groups' contacts "
        "(+ /groups/tgo-54/ @example-tgo-coordinator; - /groups/tgo-54/ @someone) — run upr codeowners and "
        "commit the file (on main, the workflow codeowners.yml proposes it as a pull request by itself)")


def test_codeowners_keeps_hand_written_rules(content):
    hand = "* @upr-platform/maintainers\n/.github/ @upr-platform/infrastructure\n"
    text = codeowners.render(content.groups, hand)  # a file without the marker: all kept
    assert text.startswith(hand + codeowners.MARKER)
    stale = text.replace("/groups/syr-54/ @example-syr-coordinator\n", "")
    again = codeowners.render(content.groups, stale)
    assert again == text and again.startswith(hand)


def test_a_new_group_with_a_github_handle_is_valid_without_touching_codeowners(tmp_path):
    """Issue 14: no contributor edits .github/. `upr check` says nothing about CODEOWNERS
    (a workflow on main regenerates it); `upr codeowners --check` still tells maintainers."""
    _write_group(tmp_path, "tgo-54", VALID_INDEX.replace("    channel: https://example.org/one\n",
                                                         "    channel: https://example.org/one\n"
                                                         "    github: example-one\n"))
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "CODEOWNERS").write_text(codeowners.DEFAULT_HAND_PART + codeowners.MARKER,
                                                    encoding="utf-8")
    content = load_content(Settings(root=tmp_path))
    assert [p for p in content.problems if "CODEOWNERS" in p.path + p.message] == []
    env = {"UPR_ROOT": str(tmp_path)}
    result = run_upr("codeowners", "--check", env=env)
    assert result.returncode == 1
    assert "(+ /groups/tgo-54/ @example-one)" in result.stdout
    assert run_upr("codeowners", env=env).returncode == 0
    assert (tmp_path / ".github" / "CODEOWNERS").read_text(encoding="utf-8").endswith(
        codeowners.MARKER + "/groups/tgo-54/ @example-one\n")
    assert run_upr("codeowners", "--check", env=env).returncode == 0


@pytest.fixture()
def scratch_repo(tmp_path, site_root):
    """A copy of the fixture root's States and calendar, without groups."""
    (tmp_path / "states").mkdir()
    for path in (site_root / "states").glob("*.md"):
        shutil.copy(path, tmp_path / "states" / path.name)
    shutil.copy(site_root / "states" / "sessions.yml", tmp_path / "states" / "sessions.yml")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_new_group_creates_a_valid_group_checked_against_the_calendar(scratch_repo):
    env = {"UPR_ROOT": str(scratch_repo)}
    made = run_upr("new", "group", "--state", "isl", "--session", "54", "--with-submission", env=env)
    assert made.returncode == 0, made.stderr
    s = Settings(root=scratch_repo)
    loaded, problems = groups.load(s, None)
    assert [p.format() for p in problems] == []
    isl = loaded["isl-54"]
    assert (isl.state, isl.session, isl.cycle, isl.status, isl.projected) == ("ISL", 54, 4, "forming", False)
    assert "Iceland" in (scratch_repo / "groups" / "isl-54" / "submission.md").read_text(encoding="utf-8")
    again = run_upr("new", "group", "--state", "ISL", "--session", "54", env=env)
    assert again.returncode == 1 and "already exists" in again.stderr
    wrong = run_upr("new", "group", "--state", "FRA", "--session", "54", env=env)
    assert wrong.returncode == 1 and "FRA is not reviewed in session 54" in wrong.stderr
    projected = run_upr("new", "group", "--state", "IND", "--session", "55", env=env)
    assert projected.returncode == 0, projected.stderr
    ind = groups.load(s, None)[0]["ind-55"]
    assert ind.projected and ind.cycle == 5


def test_pages_index_groups_and_call_to_form_one(built_site):
    text = (built_site / "groups" / "index.html").read_text(encoding="utf-8")
    assert "Session 54" in text and "Session 55 (projected" in text
    assert "tgo-54/" in text and "bhr-55/" in text
    assert "No group yet" in text and "Venezuela" in text and "Iceland" in text
    page = (built_site / "groups" / "tgo-54" / "index.html").read_text(encoding="utf-8")
    assert "in 50 days" in page  # Working Group session 54 opens 19 January 2027
    assert "Example NGO Women Lawyers of the Plateaux" in page
    assert "1 further member organisation asked not to be named" in page
    assert "Pre-session briefing on Togo" in page and "14:00–14:45 Geneva time" in page
    assert 'href="../../states/tgo/"' in page and 'href="submission/"' in page
    assert 'href="../../states/tgo/cycle-2/"' in page  # the State's latest follow-up table
    assert 'href="submission.docx"' in page and 'href="../tgo-54.ics"' in page
    assert (built_site / "groups" / "tgo-54" / "submission.docx").read_bytes()[:2] == b"PK"
    draft = (built_site / "groups" / "tgo-54" / "submission" / "index.html").read_text(encoding="utf-8")
    assert "14. The coalition recommends that Togo:" in draft.replace("14\\.", "14.")


VALID_INDEX = """---
state: TGO
session: 54
status: drafting
contacts:
  - organisation: Example NGO One
    role: coordinator
    channel: https://example.org/one
members:
  - organisation: Example NGO One
  - organisation: Example NGO Secret Ally
    confidential: true
languages: [fr]
---
"""


def test_briefing_mistakes_are_reported(tmp_path):
    _write_group(tmp_path, "tgo-54", VALID_INDEX)
    briefings = tmp_path / "groups" / "tgo-54" / "briefings"
    briefings.mkdir()
    (briefings / "a.md").write_text("---\ntitle: Briefing on Togo\ndate: \"2026-12-15\"\nstart: \"15:00\"\n"
                                    "end: \"14:00\"\nplace: Geneva\nspeakers:\n  - organisation: Example NGO One\n---\n",
                                    encoding="utf-8")
    (briefings / "b.md").write_text("---\ntitle: Briefing on Togo\ndate: \"2026-12-15\"\nstart: 14:00\n"
                                    "end: \"14:30\"\nspeakers:\n  - organisation: Example NGO One\n---\n",
                                    encoding="utf-8")
    loaded, problems = groups.load(Settings(root=tmp_path), None)
    text = "\n".join(p.format() for p in problems)
    assert ("groups/tgo-54/briefings/a.md:5: the briefing ends (14:00) before it starts (15:00) — "
            "write an end time after the start time") in text
    assert ("groups/tgo-54/briefings/b.md:6: the briefing has no place and no online link — add a line  "
            "place: Palais des Nations, Geneva  or  online: https://…  (or both)") in text
    assert "b.md:4" not in text  # an unquoted 14:00 stays the text 14:00 (strict loader), not 840
    assert len(problems) == 2
    assert loaded["tgo-54"].briefings == []


def test_upr_check_treats_a_leaking_draft_as_an_error_and_form_problems_as_warnings(tmp_path):
    _write_group(tmp_path, "tgo-54", VALID_INDEX)
    (tmp_path / "groups" / "tgo-54" / "submission.md").write_text(
        "---\ntitle: Joint submission on Togo\nstate: TGO\n---\n\n## Coalition\n\n- Example NGO One\n\n"
        "## Facts\n\nUnnumbered paragraph naming Example NGO Secret Ally.\n", encoding="utf-8")
    s = Settings(root=tmp_path)
    loaded, _ = groups.load(s, None)
    problems = groups._check_draft(loaded["tgo-54"], s)
    by_message = {p.message: p.severity for p in problems}
    assert by_message["the draft names a confidential member"] == "error"
    assert by_message["paragraph is not numbered"] == "warning"
    assert by_message["there is no recommendations section"] == "warning"


def test_group_pages_in_french_and_spanish(built_site):
    fr = (built_site / "fr" / "groups" / "tgo-54" / "index.html").read_text(encoding="utf-8")
    assert "dans 50 jours" in fr and "contribution envoyée au HCDH" in fr and "12 novembre 2026" in fr
    es = (built_site / "es" / "groups" / "index.html").read_text(encoding="utf-8")
    assert "República Árabe Siria" in es and "Todavía sin grupo" in es


def test_a_group_with_other_errors_still_gets_its_state_checked_against_the_session(content, tmp_path):
    """All problems in one run (found by a newcomer): a wrong status must not hide
    that the State is not reviewed in that session."""
    _write_group(tmp_path, "fra-54", """---
state: FRA
session: 54
status: active
contacts:
  - organisation: Example NGO One
    role: coordinator
    channel: https://example.org
members:
  - organisation: Example NGO One
languages: [en]
---
""")
    _, problems = groups.load(Settings(root=tmp_path), content)
    text = "\n".join(p.format() for p in problems)
    assert "groups/fra-54/index.md:4: status must be one of" in text
    assert "groups/fra-54/index.md:2: FRA is not reviewed in session 54" in text


def test_an_impossible_sent_date_is_a_problem_not_a_crash(tmp_path):
    _write_group(tmp_path, "tgo-54", """---
state: TGO
session: 54
status: submitted
contacts:
  - organisation: Example NGO One
    role: coordinator
    channel: https://example.org
members:
  - organisation: Example NGO One
languages: [en]
submission:
  sent: "2025-02-30"
---
""")
    loaded, problems = groups.load(Settings(root=tmp_path), None)
    assert loaded == {}
    assert [p.format() for p in problems] == [
        "groups/tgo-54/index.md:13: submission.sent '2025-02-30' is not a real date — "
        "write the day the submission was sent as YYYY-MM-DD, e.g. \"2026-03-15\""]


def test_a_briefing_link_cannot_break_out_of_its_autolink():
    from upr.schema import validate
    schema = groups.BRIEFING_SCHEMA
    bad = {"online": 'https://a"><img/src=x/onerror=alert(1)>'}
    assert any(p.message.startswith("online has the wrong form") for p in validate(bad, schema, "b.md"))
    assert not any("online" in p.message for p in validate({"online": "https://meet.example.org/upr?x=1"}, schema, "b.md"))


def test_a_missing_briefing_report_names_the_report_line(content, tmp_path):
    _write_group(tmp_path, "tgo-54", VALID_INDEX)
    briefings = tmp_path / "groups" / "tgo-54" / "briefings"
    briefings.mkdir()
    (briefings / "c.md").write_text("---\ntitle: Briefing on Togo\ndate: \"2026-10-15\"\nstart: \"10:00\"\n"
                                    "end: \"11:00\"\nplace: Geneva\nreport: news/posts/nowhere.md\n"
                                    "speakers:\n  - organisation: Example NGO One\n---\n", encoding="utf-8")
    loaded, problems = groups.load(Settings(root=tmp_path), None)
    assert problems == []
    out = [p.format() for p in groups._check_reports(loaded["tgo-54"].briefings, Settings(root=tmp_path))]
    assert out == ["groups/tgo-54/briefings/c.md:7: the report docs/news/posts/nowhere.md does not exist — "
                   "write the News post first (docs/news/posts/), or remove the report line"]


def test_an_invalid_group_still_gets_its_briefing_reports_checked(tmp_path):
    """The briefings' own problems come in the same run as the index's (issue of a newcomer's trial)."""
    _write_group(tmp_path, "tgo-54", VALID_INDEX.replace("state: TGO", "state: Togo"))
    briefings = tmp_path / "groups" / "tgo-54" / "briefings"
    briefings.mkdir()
    (briefings / "c.md").write_text("---\ntitle: Briefing on Togo\ndate: \"2026-10-15\"\nstart: \"10:00\"\n"
                                    "end: \"11:00\"\nplace: Geneva\nreport: news/posts/nowhere.md\n"
                                    "speakers:\n  - organisation: Example NGO One\n---\n", encoding="utf-8")
    loaded, problems = groups.load(Settings(root=tmp_path), None)
    assert loaded == {}
    assert [p.format() for p in problems] == [
        "groups/tgo-54/index.md:2: state has the wrong form: 'Togo' — ISO 3166 alpha-3 code of the State under "
        "Review, in capitals (e.g. \"TGO\")",
        "groups/tgo-54/briefings/c.md:7: the report docs/news/posts/nowhere.md does not exist — "
        "write the News post first (docs/news/posts/), or remove the report line"]
