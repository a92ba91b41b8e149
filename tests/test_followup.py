"""Hand-written follow-up assessments (states/followup/<iso3>/*.md): loading,
history, and every problem ``upr check`` must report (issue 3, item 4)."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from conftest import CASES, ROOT, TODAY

from upr import followup, recommendations
from upr.config import settings
from upr.content import Content

FIXTURE = ROOT / "tests" / "fixtures" / "followup"

GOOD = """---
recommendations:
  - SVN-48-140.7
  - SVN-48-140.10
status: partially implemented
date: "2026-03-20"
assessed_by: svn-coalition
sources:
  - A/HRC/59/15/Add.1
  - https://www.gov.si/en/
---

A bill was tabled.
"""


def make_root(tmp_path: Path, files: dict[str, str]) -> Path:
    """A repository root holding the fixture corpus (SVN, AUT) and the given follow-up files."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    for rel, text in files.items():
        target = root / "states" / "followup" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    return root


def load_all(root: Path) -> tuple[followup.FollowUp, list]:
    s = settings(root, TODAY)
    content = Content(settings=s)
    corpus, problems = recommendations.load(s, content)
    assert not problems, [p.format() for p in problems]
    content.kinds["recommendations"] = corpus
    model, problems = followup.load(s, content)
    content.kinds["followup"] = model
    return model, problems + followup.cross_check(content)


def formatted(problems) -> list[str]:
    return [p.format() for p in problems]


def test_valid_assessment_is_loaded_with_its_fields(tmp_path):
    model, problems = load_all(make_root(tmp_path, {"svn/2026-03-20-op-icescr.md": GOOD}))
    assert problems == []
    [a] = model.assessments
    assert a.state == "SVN"
    assert a.recommendations == ["SVN-48-140.7", "SVN-48-140.10"]
    assert a.status == "partially implemented"
    assert a.date == dt.date(2026, 3, 20)
    assert a.sources == ["A/HRC/59/15/Add.1", "https://www.gov.si/en/"]
    assert a.body == "A bill was tabled."
    assert a.anchor == "assessment-2026-03-20-op-icescr"
    assert model.current("SVN-48-140.10") is a
    assert model.current("SVN-48-140.11") is None


def test_a_new_assessment_keeps_the_older_one_as_history(tmp_path):
    older = GOOD.replace("partially implemented", "not implemented").replace("2026-03-20", "2025-10-01")
    newer = GOOD.replace("2026-03-20", "2026-06-15").replace("partially implemented", "implemented")
    model, problems = load_all(make_root(tmp_path, {
        # file order is not date order: the date field decides which one is current
        "svn/2026-06-15-b.md": newer, "svn/2025-10-01-z.md": older}))
    assert problems == []
    history = model.history("SVN-48-140.7")
    assert [(a.date.isoformat(), a.status) for a in history] == [
        ("2026-06-15", "implemented"), ("2025-10-01", "not implemented")]
    assert model.current("SVN-48-140.7").status == "implemented"
    assert [a.slug for a in model.for_state("svn")] == ["2026-06-15-b", "2025-10-01-z"]


def test_confidential_assessments_never_reach_the_public_view(tmp_path):
    secret = GOOD.replace("sources:", "confidential: true\nsources:").replace("2026-03-20", "2026-04-01")
    model, problems = load_all(make_root(tmp_path, {
        "svn/2026-03-20-a.md": GOOD, "svn/2026-04-01-secret.md": secret}))
    assert problems == []
    assert model.current("SVN-48-140.7").slug == "2026-04-01-secret"
    public = model.public
    assert [a.slug for a in public.assessments] == ["2026-03-20-a"]
    assert public.current("SVN-48-140.7").slug == "2026-03-20-a"


def test_every_problem_of_a_file_is_reported_with_its_line(tmp_path):
    bad = """---
recommendations:
  - SVN-48-140.7
  - SVN-48-999.1
  - AUT-20-u170ef9dd
status: done
date: "2026-02-30"
assessed_by: svn-coalition
sources:
  - see the newspaper
colour: red
---

Text.
"""
    model, problems = load_all(make_root(tmp_path, {"svn/2026-02-30-bad.md": bad}))
    text = "\n".join(formatted(problems))
    assert model.assessments == []
    p = "states/followup/svn/2026-02-30-bad.md"
    assert f"{p}:6: status must be one of: not implemented, partially implemented, implemented, unclear; got 'done'" in text
    assert f"{p}:7: date '2026-02-30' does not exist in the calendar" in text
    assert f"{p}:10: sources[1] has the wrong form: 'see the newspaper'" in text
    assert f"{p}:11: unknown field 'colour'" in text
    # IDs are checked even though the file has other errors: every problem in one run
    assert f"{p}:4: recommendation 'SVN-48-999.1' does not exist" in text
    assert f"{p}:5: recommendation 'AUT-20-u170ef9dd' was made to AUT" in text
    assert len([x for x in problems if x.severity == "error"]) == 6


def test_unknown_and_foreign_ids_are_errors_naming_the_line(tmp_path):
    text = GOOD.replace("  - SVN-48-140.10\n", "  - SVN-48-140.70\n  - AUT-20-u170ef9dd\n")
    model, problems = load_all(make_root(tmp_path, {"svn/2026-03-20-ids.md": text}))
    out = formatted(problems)
    p = "states/followup/svn/2026-03-20-ids.md"
    assert any(o.startswith(f"{p}:4: recommendation 'SVN-48-140.70' does not exist — ") and "SVN-48-140.7" in o
               for o in out), out
    assert f"{p}:5: recommendation 'AUT-20-u170ef9dd' was made to AUT, but this file is in the folder of SVN " \
           "— move the assessment to states/followup/aut/ or correct the ID" in out
    assert len(out) == 2


def test_future_date_wrong_place_and_wrong_name(tmp_path):
    future = GOOD.replace("2026-03-20", "2027-01-05")
    root = make_root(tmp_path, {
        "svn/2027-01-05-future.md": future,
        "2026-03-20-no-folder.md": GOOD,
        "svn/Roma Housing.md": GOOD,
        "svn/2026-01-01-renamed.md": GOOD,
    })
    model, problems = load_all(root)
    out = "\n".join(formatted(problems))
    assert "states/followup/svn/2027-01-05-future.md:6: date 2027-01-05 is in the future (today is 2026-11-30)" in out
    assert "states/followup/2026-03-20-no-folder.md: an assessment must be in the folder of its State under Review" in out
    assert "states/followup/svn/Roma Housing.md: file name 'Roma Housing.md' has the wrong form" in out
    assert ("states/followup/svn/2026-01-01-renamed.md:6: warning: the file name starts with 2026-01-01 "
            "but date is 2026-03-20") in out
    # the renamed file has only a warning: it is kept
    assert [a.slug for a in model.assessments] == ["2026-01-01-renamed"]


def test_single_id_instead_of_list_and_unquoted_date(tmp_path):
    text = GOOD.replace("recommendations:\n  - SVN-48-140.7\n  - SVN-48-140.10\n",
                        "recommendations: SVN-48-140.7\n").replace('"2026-03-20"', "2026-03-20")
    model, problems = load_all(make_root(tmp_path, {"svn/2026-03-20-x.md": text}))
    out = formatted(problems)
    assert any(o.startswith("states/followup/svn/2026-03-20-x.md:2: recommendations must be a list") for o in out), out
    # the strict loader keeps an unquoted date as the text typed: accepted
    assert not any(":5:" in o for o in out), out


def test_case_07_duplicate_status_is_reported_on_both_lines(tmp_path):
    """Case 07: a second `status:` must not silently win (byte-exact input, adapted folder)."""
    raw = (CASES / "07-duplicate-keys" / "input" / "content" / "recommendations" / "norway" / "115-10.md").read_text("utf-8")
    model, problems = load_all(make_root(tmp_path, {"nor/2024-03-15-case-07.md": raw}))
    out = "\n".join(formatted(problems))
    p = "states/followup/nor/2024-03-15-case-07.md"
    assert f"{p}:9: duplicate key 'status' (first defined on line 6)" in out
    assert f"{p}:10: duplicate key 'status_updated' (first defined on line 7)" in out
    assert model.assessments == []


def test_assessed_by_that_looks_like_a_group_must_be_a_group(tmp_path):
    root = make_root(tmp_path, {"svn/2026-03-20-a.md": GOOD.replace("svn-coalition", "svn-48"),
                                "svn/2026-03-20-b.md": GOOD.replace("svn-coalition", "svn-47"),
                                "svn/2026-03-20-c.md": GOOD.replace("svn-coalition", "Amnesty International Slovenia")})
    s = settings(root, TODAY)
    content = Content(settings=s)
    content.kinds["groups"] = {"svn-48": object()}
    content.kinds["recommendations"], _ = recommendations.load(s, content)
    content.kinds["followup"], problems = followup.load(s, content)
    out = formatted(problems + followup.cross_check(content))
    assert out == ["states/followup/svn/2026-03-20-b.md:7: warning: there is no country group 'svn-47' in groups/ "
                   "— write the group's folder name (e.g. svn-48), or your organisation's name in full"]


def test_upr_check_reports_every_followup_problem_of_the_site_fixture(tmp_path, site_root):
    """Through the CLI, on a copy of the fixture content root with one bad assessment added."""
    from conftest import copy_site_root, run_upr
    root = copy_site_root(site_root, tmp_path / "repo")
    (root / "states" / "followup" / "svn" / "2026-04-01-bad.md").write_text(
        "---\nrecommendations:\n  - SVN-48-140.7\n  - SVN-48-140.700\n  - FRA-2-u00000000\nstatus: implemented\n"
        'date: "2026-04-01"\nassessed_by: Example coalition\nsources:\n  - A/HRC/59/15/Add.1\n---\n\nText.\n',
        encoding="utf-8")
    (root / "states" / "followup" / "svn" / "2026-04-02-worse.md").write_text(
        "---\nrecommendations:\n  - SVN-48-140.7\nstatus: Implemented\ndate: 2026-04-31\n"
        "assessed_by: Example coalition\nsources:\n  - A/HRC/59/15/Add.1\n---\n\nText.\n", encoding="utf-8")
    result = run_upr("check", env={"UPR_ROOT": str(root)})
    assert result.returncode == 1
    out = result.stdout
    p = "states/followup/svn/2026-04-01-bad.md"
    assert f"{p}:4: recommendation 'SVN-48-140.700' does not exist — " in out
    assert f"{p}:5: recommendation 'FRA-2-u00000000' does not exist — " in out
    q = "states/followup/svn/2026-04-02-worse.md"
    assert f"{q}:4: status must be one of: not implemented, partially implemented, implemented, unclear; " \
           "got 'Implemented'" in out
    assert f"{q}:5: date '2026-04-31' does not exist in the calendar" in out
    # the example assessments of the repository are valid
    assert "states/followup/svn/2026-03-20-op-icescr.md" not in out


def test_unknown_id_is_reported_even_when_the_file_has_other_errors(tmp_path):
    """All problems in one run: a wrong status does not hide a wrong ID (found by a newcomer)."""
    text = GOOD.replace("  - SVN-48-140.10\n", "  - SVN-48-140.70\n").replace(
        "status: partially implemented", "status: done")
    model, problems = load_all(make_root(tmp_path, {"svn/2026-03-20-two.md": text}))
    out = formatted(problems)
    p = "states/followup/svn/2026-03-20-two.md"
    assert any(o.startswith(f"{p}:5: status must be one of") for o in out), out
    assert any(o.startswith(f"{p}:4: recommendation 'SVN-48-140.70' does not exist") for o in out), out
    assert model.assessments == []  # the invalid file is still left out of the pages


def test_wrong_folder_and_name_still_list_the_other_problems_and_give_the_exact_fix(tmp_path):
    """Issue 14: a file in the wrong folder or with the wrong name gets every other problem
    listed too, and the fix names the exact folder and file name."""
    wrong = GOOD.replace("status: partially implemented", "status: partialy implemented")
    root = make_root(tmp_path, {"2026-03-20-no-folder.md": wrong, "svn/Évaluation logement.md": wrong})
    _, problems = load_all(root)
    out = formatted(problems)
    statuses = ("status must be one of: not implemented, partially implemented, implemented, unclear; "
                "got 'partialy implemented' — did you mean partially implemented? Write it exactly so")
    assert sorted(out) == sorted([
        "states/followup/2026-03-20-no-folder.md: an assessment must be in the folder of its State under Review "
        "— move it to states/followup/svn/2026-03-20-no-folder.md",
        f"states/followup/2026-03-20-no-folder.md:5: {statuses}",
        "states/followup/svn/Évaluation logement.md: file name 'Évaluation logement.md' has the wrong form — "
        "rename the file to 2026-03-20-evaluation-logement.md (the date of the assessment, then short words)",
        f"states/followup/svn/Évaluation logement.md:5: {statuses}",
    ])


def test_an_id_one_character_off_gets_the_closest_existing_id(tmp_path):
    root = make_root(tmp_path, {"svn/2026-03-20-ids.md": GOOD.replace("SVN-48-140.10", "SVN-48-140.1O")})
    _, problems = load_all(root)
    assert formatted(problems) == [
        "states/followup/svn/2026-03-20-ids.md:4: recommendation 'SVN-48-140.1O' does not exist — did you mean "
        "SVN-48-140.10? (or copy the ID from the table on the site (states/svn/cycle-4/))"]


def test_an_id_with_two_equally_close_ids_names_both(tmp_path):
    root = make_root(tmp_path, {"svn/2026-03-20-ids.md": GOOD.replace("SVN-48-140.10", "SVN-48-140.1x")})
    _, problems = load_all(root)
    assert formatted(problems) == [
        "states/followup/svn/2026-03-20-ids.md:4: recommendation 'SVN-48-140.1x' does not exist — did you mean "
        "SVN-48-140.10 or SVN-48-140.11? (or copy the ID from the table on the site (states/svn/cycle-4/))"]


def test_an_unknown_id_with_no_close_one_names_the_state_s_cycle_pages(tmp_path):
    """New-user trial: the message names the follow-up table to copy from (cycle-4/), not 'cycle-N'."""
    root = make_root(tmp_path, {"svn/2026-03-20-ids.md": GOOD.replace("SVN-48-140.10", "SVN-48-999.1")})
    _, problems = load_all(root)
    out = formatted(problems)
    assert len(out) == 1 and out[0].startswith(
        "states/followup/svn/2026-03-20-ids.md:4: recommendation 'SVN-48-999.1' does not exist — copy the ID from "
        "the table on the site (states/svn/cycle-4/); IDs of that session look like SVN-48-"), out
