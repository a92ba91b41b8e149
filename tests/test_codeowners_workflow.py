""".github/scripts/codeowners_pr.py (workflow codeowners.yml), run for real: a temporary
git repository with one group (fixture, not the live groups/), a bare "origin" and a fake
`gh` on PATH that records its arguments. A merged group change becomes one commit on
bot/codeowners and one pull request; main is never pushed to; an up-to-date file
proposes nothing (issue 14: no contributor edits .github/)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from fake_github import git, publish
from conftest import ROOT
from upr import codeowners

SCRIPT = ROOT / ".github" / "scripts" / "codeowners_pr.py"
WORKFLOW = ROOT / ".github" / "workflows" / "codeowners.yml"
GROUP = """---
state: TGO
session: 54
status: drafting
contacts:
  - organisation: Example NGO One
    role: coordinator
    channel: https://example.org/one
    github: example-one
  - organisation: Example NGO Two
    role: liaison
    channel: https://example.org/two
    github: example-hidden
    confidential: true
members:
  - organisation: Example NGO One
languages: [fr]
---
"""


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    (root / ".github").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\nsite_url: https://upr-platform.github.io/upr-platform/\n",
                                     encoding="utf-8")
    (root / ".github" / "CODEOWNERS").write_text("* @maintainers\n" + codeowners.MARKER, encoding="utf-8")
    origin, bin_dir, log = publish(root, tmp_path)

    def run(prs: list | None = None) -> subprocess.CompletedProcess:
        env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", GH_LOG=str(log),
                   GH_PRS=json.dumps(prs or []), GH_TOKEN="not-a-token", PYTHONPATH=str(ROOT / "scripts"),
                   GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"))
        env.pop("UPR_ROOT", None)
        return subprocess.run([sys.executable, str(SCRIPT), "--base", "main"], cwd=root, env=env,
                              capture_output=True, text=True)

    run.calls = lambda: [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] \
        if log.exists() else []
    return root, origin, run


def shown(origin: Path, ref: str, path: str = ".github/CODEOWNERS") -> str:
    return subprocess.run(["git", "--git-dir", str(origin), "show", f"{ref}:{path}"], check=True,
                          capture_output=True, text=True).stdout


def test_a_merged_group_becomes_one_codeowners_pull_request_never_a_push_to_main(repo):
    root, origin, run = repo
    (root / "groups" / "tgo-54").mkdir(parents=True)
    (root / "groups" / "tgo-54" / "index.md").write_text(GROUP, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "-c", "user.name=c", "-c", "user.email=c@example.org", "commit", "-qm", "A group")
    git(root, "push", "-q", "origin", "main")
    main_before = git(root, "rev-parse", "main").strip()
    result = run()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "opened a pull request" in result.stdout
    text = shown(origin, "bot/codeowners")
    assert text == "* @maintainers\n" + codeowners.MARKER + "/groups/tgo-54/ @example-one\n"
    assert "example-hidden" not in text  # a confidential contact's handle never reaches the public file
    assert subprocess.run(["git", "--git-dir", str(origin), "rev-parse", "main"], capture_output=True,
                          text=True).stdout.strip() == main_before
    calls = run.calls()
    assert calls[0] == ["auth", "setup-git"]
    assert calls[-1][:6] == ["pr", "create", "--base", "main", "--head", "bot/codeowners"]
    # a second run with the pull request open edits it instead of opening another
    git(root, "switch", "-q", "main")
    git(root, "checkout", "-q", "--", ".")
    result = run(prs=[{"number": 7}])
    assert result.returncode == 0, result.stdout + result.stderr
    assert run.calls()[-1][:3] == ["pr", "edit", "7"]


def test_an_up_to_date_file_proposes_nothing(repo):
    root, origin, run = repo
    result = run()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "already up to date" in result.stdout
    assert run.calls() == []


def test_the_workflow_runs_after_merges_to_groups_with_write_rights_in_its_job_only():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    on = flow[True]  # PyYAML reads the key `on` as True
    assert set(on) == {"push", "workflow_dispatch"}  # never pull_request: no fork code with a write token
    assert on["push"] == {"branches": ["main"], "paths": ["groups/**"]}
    assert flow["permissions"] == {}
    job, = flow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert job["if"] == "github.repository == 'upr-platform/upr-platform'"
    assert job["steps"][-1]["run"] == "python .github/scripts/codeowners_pr.py --base main"
