""".github/scripts/import_lists.py (workflow import-lists.yml), run for real: a temporary
git repository with a bare "origin", the real importer and `upr check`, and a fake `gh`
on PATH that records its arguments. What a coordinator uploads into imports/ becomes
one commit on import/ohchr-lists and one pull request; a failed import commits and
pushes nothing and says why in the run's summary; hostile file names are refused."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fake_github import git, publish
from conftest import ROOT, source_data
from upr.problems import ERROR

SCRIPT = ROOT / ".github" / "scripts" / "import_lists.py"
FIXTURES = ROOT / "tests" / "fixtures" / "ohchr_lists"
WORKFLOW = ROOT / ".github" / "workflows" / "import-lists.yml"
REFERENCE = ("mledoze_countries", "cehdi_upr-maternal-health", "_compiled",
             "rochelleterman_uprs/sessions.csv")  # a row that sorts after the new ones



def upr(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, UPR_ROOT=str(root), PYTHONPATH=str(ROOT / "scripts"))
    return subprocess.run([sys.executable, "-m", "upr", *args], cwd=root, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A small repository: the reference tables of sources/ (listed in sources/README.md),
    the State files `upr import states` makes from them, and imports/README.md."""
    root = tmp_path_factory.mktemp("template") / "repo"
    from upr.sources import sha256
    for name in REFERENCE:
        if (source_data() / name).is_dir():
            shutil.copytree(source_data() / name, root / "sources" / name)
        else:
            (root / "sources" / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source_data() / name, root / "sources" / name)
    rows = [f"| `{path.relative_to(root / 'sources').as_posix()}` | {path.stat().st_size:,} | test copy | "
            f"see SOURCES.md | `{sha256(path)}` |" for path in sorted((root / "sources").rglob("*")) if path.is_file()]
    (root / "sources" / "README.md").write_text(
        "# Sources\n\n| file | bytes | origin | licence | SHA-256 |\n|---|---:|---|---|---|\n" + "\n".join(rows)
        + "\n\nText after the table stays.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: x\nsite_url: https://upr-platform.github.io/upr-platform/\n",
                                     encoding="utf-8")
    (root / "imports").mkdir()
    (root / "imports" / "README.md").write_text("Upload OHCHR thematic lists here.\n", encoding="utf-8")
    assert upr(root, "import", "states").returncode == 0
    return root


@pytest.fixture
def repo(template, tmp_path):
    """``(root, origin, run)``: a clone-like working copy of ``template`` on main, with
    a bare origin; ``run(uploads, prs=[])`` commits the uploads (name -> bytes, or a
    Path for a symbolic link) as a coordinator would, then runs the script."""
    root = tmp_path / "repo"
    shutil.copytree(template, root)
    origin, bin_dir, log = publish(root, tmp_path)
    summary = tmp_path / "summary.md"

    def run(uploads: dict, prs: list | None = None) -> subprocess.CompletedProcess:
        for name, data in uploads.items():
            target = root / "imports" / name
            if isinstance(data, Path):
                target.symlink_to(data)
            else:
                target.write_bytes(data)
        if uploads:
            git(root, "add", "-A", "--", "imports")
            git(root, "-c", "user.name=coordinator", "-c", "user.email=c@example.org", "commit", "-qm",
                "Upload a thematic list")
            git(root, "push", "-q", "origin", "main")
        env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", GH_LOG=str(log),
                   GH_PRS=json.dumps(prs or []), GITHUB_STEP_SUMMARY=str(summary), GH_TOKEN="not-a-token",
                   PYTHONPATH=str(ROOT / "scripts"))
        env.pop("UPR_ROOT", None)
        return subprocess.run([sys.executable, str(SCRIPT), "--base", "main"], cwd=root, env=env,
                              capture_output=True, text=True)

    run.calls = lambda: [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] \
        if log.exists() else []
    run.summary = lambda: summary.read_text(encoding="utf-8") if summary.exists() else ""
    return root, origin, run


def branch_file(origin: Path, path: str, branch: str = "import/ohchr-lists") -> bytes:
    return subprocess.run(["git", "--git-dir", str(origin), "show", f"{branch}:{path}"], check=True,
                          capture_output=True).stdout


def branches(origin: Path) -> list[str]:
    out = subprocess.run(["git", "--git-dir", str(origin), "for-each-ref", "--format=%(refname:short)",
                          "refs/heads"], check=True, capture_output=True, text=True).stdout
    return sorted(out.split())


def test_an_uploaded_list_becomes_one_commit_and_one_pull_request(repo):
    root, origin, run = repo
    data = (FIXTURES / "UPR48_Slovenia_cycle4.docx").read_bytes()
    result = run({"UPR48 Slovenia cycle4.docx": data})  # GitHub's upload keeps the spaces
    upload = git(root, "rev-parse", "--short", "main").strip()
    assert result.returncode == 0, result.stdout + result.stderr
    assert branches(origin) == ["import/ohchr-lists", "main"]
    # main is never pushed to: origin's main is still the upload commit
    assert subprocess.run(["git", "--git-dir", str(origin), "rev-parse", "main"], capture_output=True,
                          text=True).stdout.strip() == git(root, "rev-parse", "main").strip()
    # the list moved into sources/ (spaces as _), byte for byte; imports/ keeps its README only
    kept = "sources/ohchr-thematic-lists/UPR48_Slovenia_cycle4.docx"
    assert branch_file(origin, kept) == data
    tree = subprocess.run(["git", "--git-dir", str(origin), "ls-tree", "--name-only", "import/ohchr-lists",
                           "imports/"], capture_output=True, text=True, check=True).stdout.split()
    assert tree == ["imports/README.md"]
    import csv
    import io
    rows = list(csv.DictReader(io.StringIO(branch_file(origin, "states/recommendations/svn.csv").decode())))
    assert [(r["id"], r["source_rows"]) for r in rows] == [
        ("SVN-48-140.1", "UPR48_Slovenia_cycle4.docx:5"), ("SVN-48-140.7", "UPR48_Slovenia_cycle4.docx:3,11"),
        ("SVN-48-140.10", "UPR48_Slovenia_cycle4.docx:4"), ("SVN-48-140.113", "UPR48_Slovenia_cycle4.docx:9"),
        ("SVN-48-140.145", "UPR48_Slovenia_cycle4.docx:7")]
    # its row in sources/README.md: bytes, origin (the upload commit, the name as uploaded), licence, SHA-256
    from upr.sources import sha256
    readme = branch_file(origin, "sources/README.md").decode()
    (row,) = [line for line in readme.splitlines() if "ohchr-thematic-lists/" in line]
    digest = sha256(FIXTURES / "UPR48_Slovenia_cycle4.docx")
    day = git(root, "log", "-1", "--format=%cs", "main").strip()
    assert row == (f"| `ohchr-thematic-lists/UPR48_Slovenia_cycle4.docx` | {len(data):,} | uploaded to `imports/` "
                   f"as UPR48 Slovenia cycle4.docx in commit {upload} ({day}) "
                   f"(OHCHR thematic list, Slovenia, session 48) | OHCHR documents (UN public documentation) | "
                   f"`{digest}` |")
    assert readme.endswith("Text after the table stays.\n")
    # the new row goes in its place; no other line of sources/README.md changes
    before = git(root, "show", "main:sources/README.md").splitlines()
    assert [line for line in readme.splitlines() if line != row] == before
    assert readme.splitlines().index(row) == before.index(next(x for x in before if "rochelleterman_uprs" in x))
    # the branch passes upr check (sources table included) and is one commit on main
    git(root, "switch", "-q", "import/ohchr-lists")
    from upr.config import Settings
    from upr import sources
    assert sources.load(Settings(root=root))[1] == []
    assert git(root, "rev-list", "--count", "main..import/ohchr-lists").strip() == "1"
    assert git(root, "log", "-1", "--format=%an|%s").strip() == \
        "github-actions[bot]|Import OHCHR thematic list: Slovenia session 48"
    # gh: credentials for the push, then one pull request whose body is the import's summary and diffsummary
    calls = run.calls()
    assert calls[:2] == [["auth", "setup-git"],
                         ["pr", "list", "--head", "import/ohchr-lists", "--base", "main", "--state", "open",
                          "--json", "number"]]
    (create,) = calls[2:]
    assert create[:7] == ["pr", "create", "--base", "main", "--head", "import/ohchr-lists", "--title"]
    assert create[7] == "Import OHCHR thematic list: Slovenia session 48" and create[8] == "--body"
    body = create[9]
    assert "- UPR48\\_Slovenia\\_cycle4.docx: Slovenia (SVN), session 48 (cycle 4): 5 recommendations " \
           "(4 supported, 1 noted); 5 with SDGs" in body
    assert "- 5 new recommendations to Slovenia, session 48" in body          # upr diffsummary --base main
    assert "Compared with `main`." in body
    assert body in run.summary()


def test_a_second_run_updates_the_open_pull_request(repo):
    root, origin, run = repo
    data = (FIXTURES / "Thematic_List_of_Recommendations_cycle3.docx").read_bytes()
    assert run({"Thematic_List_of_Recommendations_cycle3.docx": data}).returncode == 0
    first = subprocess.run(["git", "--git-dir", str(origin), "rev-parse", "import/ohchr-lists^{tree}"],
                           capture_output=True, text=True, check=True).stdout
    git(root, "switch", "-q", "main")
    second = run({}, prs=[{"number": 7}])
    assert second.returncode == 0, second.stdout + second.stderr
    edit = run.calls()[-1]
    assert edit[:5] == ["pr", "edit", "7", "--title", "Import OHCHR thematic list: Slovenia session 34"]
    assert [c[:2] for c in run.calls()].count(["pr", "create"]) == 1
    again = subprocess.run(["git", "--git-dir", str(origin), "rev-parse", "import/ohchr-lists^{tree}"],
                           capture_output=True, text=True, check=True).stdout
    assert again == first  # the same change, force-pushed to the one branch
    assert branches(origin) == ["import/ohchr-lists", "main"]


def test_a_failed_import_commits_and_pushes_nothing_and_says_why(repo, tmp_path):
    root, origin, run = repo
    sys.path.insert(0, str(FIXTURES))
    try:
        import make_lists
    finally:
        sys.path.remove(str(FIXTURES))
    bad = make_lists.build(tmp_path / "list.docx", make_lists.CYCLE2, [
        ["121.1 Ratify the Convention (Untied Kingdom);", "Supported", "- Norms", ""]])
    result = run({"UPR34_Slovenia_list.docx": bad.read_bytes()})
    assert result.returncode == 1
    head = git(root, "rev-parse", "HEAD").strip()
    assert head == git(root, "rev-parse", "main").strip()
    assert branches(origin) == ["main"] and run.calls() == []
    summary = run.summary()
    assert summary.startswith("## The import found problems; nothing was committed")
    assert ("imports/UPR34_Slovenia_list.docx: table 1, row 2: the recommending State 'Untied Kingdom' is not a "
            "State name the platform knows — if it is United Kingdom of Great Britain and Northern Ireland, add it "
            "to aliases in states/gbr.md") in summary


def test_hostile_or_wrong_uploads_are_refused_before_anything_runs(repo, tmp_path):
    root, origin, run = repo
    data = (FIXTURES / "UPR48_Slovenia_cycle4.docx").read_bytes()
    outside = tmp_path / "secret.docx"
    outside.write_bytes(data)
    result = run({"UPR48_Slovenia_$(touch pwned)```id.docx": data, "notes.pdf": b"%PDF-1.4",
                  "link.docx": outside})
    assert result.returncode == 1
    assert not (root / "pwned").exists() and not (root / "imports" / "pwned").exists()
    assert branches(origin) == ["main"] and run.calls() == []
    summary = run.summary()
    assert summary.startswith("## The uploaded files cannot be imported")
    for line in ["imports/UPR48_Slovenia_$(touch pwned)```id.docx: the file name may hold only letters, digits, "
                 "spaces, '.', '-', '_', '(' and ')' — rename it, e.g. UPR48_Slovenia_thematic_list.docx",
                 "imports/link.docx: is a link or a folder — upload the .docx file itself into imports/",
                 "imports/notes.pdf: only OHCHR thematic lists (.docx) are imported from imports/ — save the list "
                 "as .docx (Word: File → Save as), upload that, and delete this file"]:
        assert line in summary
    # the name with a backtick cannot close the code block it is shown in
    assert "````text\n" in summary


def test_nothing_to_import_is_not_a_failure(repo):
    root, origin, run = repo
    result = run({})
    assert result.returncode == 0
    assert "No .docx file in `imports/`: nothing to import." in run.summary()
    assert run.calls() == [] and branches(origin) == ["main"]


# --- the workflow itself ----------------------------------------------------------------------------

def test_the_workflow_runs_only_after_a_merge_and_only_this_job_writes():
    from upr.lint_workflows import lint_text
    from upr.yamlio import load_yaml
    text = WORKFLOW.read_text(encoding="utf-8")
    doc, problems = load_yaml(text, WORKFLOW.name)
    assert problems == []
    assert doc["on"] == {"push": {"branches": ["main"], "paths": ["imports/**"]}, "workflow_dispatch": None}
    assert doc["permissions"] == {}
    (job,) = doc["jobs"].values()
    assert job["if"] == "github.repository == 'upr-platform/upr-platform'"
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    checkout = job["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["persist-credentials"] is False
    assert checkout["with"]["ref"] == "main"
    assert job["steps"][-1]["run"] == "python .github/scripts/import_lists.py --base main"
    assert "${{" not in job["steps"][-1]["run"]
    assert [p for p in lint_text(text, WORKFLOW.name) if p.severity == ERROR] == []
