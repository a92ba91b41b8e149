"""Lint GitHub Actions workflows for the mistakes that hand a stranger's pull
request a write token (case 28: ``tests/cases/28-workflow-untrusted-pr-code``).

Rules, each reported as ``path:line: what is wrong — what to write instead``:

* ``pull_request_target`` together with any checkout of the pull request's code
  (``actions/checkout`` with a ``ref`` of the PR head or merge commit, the
  ``allow-unsafe-pr-checkout`` opt-in, ``git fetch … pull/N/head``, ``gh pr checkout``);
* an untrusted ``${{ github.event.* }}`` field (title, body, head ref, commit
  message, comment …) or ``github.head_ref`` expanded inside ``run:`` or a
  github-script ``script:`` (the shell parses it as code);
* ``contents: write`` (or ``write-all``) in a workflow that runs on pull requests;
* a job with no ``permissions`` (neither its own nor the workflow's default);
* a third-party action not pinned by a full 40-character commit SHA;
* ``pull_request_target`` at all (warning: use ``pull_request``).

Used by ``upr check`` through :data:`upr.content.KINDS` (``load``) and by the tests.
Workflows are read with :func:`upr.yamlio.load_yaml`, which keeps the ``on:`` key as
the string ``"on"`` (PyYAML would make it the boolean ``True``).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from . import repofiles
from .problems import WARNING, Problem
from .yamlio import YamlSyntaxError, load_yaml, read_text

PR_TRIGGERS = ("pull_request", "pull_request_target", "pull_request_review",
               "pull_request_review_comment", "issue_comment", "workflow_run")

# Fields of github.event that the author of a PR, issue or comment controls
# (GitHub Security Lab, "Keeping your GitHub Actions and workflows secure").
UNTRUSTED = re.compile(
    r"github\.head_ref\b"
    r"|github\.event\.[\w.\-\[\]'\"*]*?\b("
    r"title|body|head_ref|head_branch|label|message|page_name|default_branch|email|name"
    r"|ref(?!_)"
    r")\b"
    r"|github\.event\s*\)")  # the whole event, e.g. toJSON(github.event): titles and bodies included
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)
PR_HEAD_REF = re.compile(
    r"github\.event\.pull_request\.head|github\.head_ref|refs/pull/|pull_request\.merge_commit_sha"
    r"|github\.event\.number|github\.event\.workflow_run\.head")
FETCH_PR = re.compile(r"git\s+fetch\b[^\n]*\bpull/|gh\s+pr\s+checkout|refs/pull/[^\s]*/(head|merge)")
SHA = re.compile(r"@[0-9a-f]{40}$")


def _triggers(doc: dict) -> dict[str, int]:
    """Event names of the workflow's ``on:`` with the line each is named on."""
    on = doc.get("on", doc.get(True))
    line = getattr(doc, "lines", {}).get("on", 1)
    if isinstance(on, str):
        return {on: line}
    if isinstance(on, list):
        lines = getattr(on, "lines", [])
        return {str(e): (lines[i] if i < len(lines) else line) for i, e in enumerate(on)}
    if isinstance(on, dict):
        return {str(k): on.lines.get(k, line) if hasattr(on, "lines") else line for k in on}
    return {}


def _line(mapping: Any, key: str, default: int) -> int:
    return getattr(mapping, "lines", {}).get(key, default) or default


def _text_line(raw_lines: list[str], start: int, needle: str) -> int:
    """First file line at or after ``start`` containing ``needle`` (block scalars
    start on the line after their key)."""
    for number in range(max(start, 1), len(raw_lines) + 1):
        if needle in raw_lines[number - 1]:
            return number
    return start


def _perm_line(mapping: Any, default: int) -> int:
    """Line of ``contents:`` inside a permissions block (or of the block itself)."""
    perms = mapping.get("permissions")
    return _line(perms, "contents", _line(mapping, "permissions", default))


def _writes_contents(perms: Any) -> bool:
    if perms == "write-all":
        return True
    return isinstance(perms, dict) and perms.get("contents") == "write"


def lint_text(text: str, display: str) -> list[Problem]:
    """Lint one workflow given as text. Returns every problem found (YAML syntax
    problems included); ``display`` is the path shown in messages."""
    doc, problems = load_yaml(text, display)
    problems = list(problems)
    if not isinstance(doc, dict):
        return problems
    raw = text.splitlines()
    triggers = _triggers(doc)
    prt_line = triggers.get("pull_request_target")
    on_prs = any(t in triggers for t in PR_TRIGGERS)

    if prt_line:
        problems.append(Problem(
            display, prt_line, "pull_request_target runs with a write token and the repository's secrets",
            "use on: pull_request (read-only) and deploy or comment from a separate workflow", WARNING))

    top_perms = doc.get("permissions")
    if on_prs and _writes_contents(top_perms):
        problems.append(Problem(
            display, _perm_line(doc, 1),
            "contents: write is not needed to check or preview a pull request",
            "write contents: read under permissions:"))

    jobs = doc.get("jobs") if isinstance(doc.get("jobs"), dict) else {}
    for job_id, job in jobs.items():
        if not isinstance(job, dict):
            continue
        job_line = _line(jobs, job_id, 1)
        if "permissions" not in job and top_perms is None:
            problems.append(Problem(
                display, job_line, f"job '{job_id}' declares no permissions, so it gets the repository's default token",
                f"add permissions: under '{job_id}:' (usually contents: read)"))
        if on_prs and _writes_contents(job.get("permissions")):
            problems.append(Problem(
                display, _perm_line(job, job_line),
                f"contents: write in job '{job_id}' of a workflow that runs on pull requests",
                "use contents: read; push or deploy only from a workflow on push to main"))
        steps = job.get("steps") if isinstance(job.get("steps"), list) else []
        for index, step in enumerate(steps):
            if not isinstance(step, dict):
                continue
            step_line = steps.lines[index] if hasattr(steps, "lines") and index < len(steps.lines) else job_line
            problems.extend(_lint_step(display, raw, step, step_line, prt_line))
    return problems


def _lint_step(display: str, raw: list[str], step: dict, step_line: int, prt_line: int | None) -> list[Problem]:
    problems = []
    uses = step.get("uses")
    with_ = step.get("with") if isinstance(step.get("with"), dict) else {}
    if isinstance(uses, str) and not uses.startswith(("./", "docker://")) and not SHA.search(uses):
        problems.append(Problem(
            display, _line(step, "uses", step_line),
            f"{uses} is not pinned: a tag can be moved to different code",
            "pin the full 40-character commit SHA and keep the version in a comment, "
            "e.g. actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2"))
    if prt_line:
        where = None
        if isinstance(uses, str) and uses.startswith("actions/checkout"):
            ref = str(with_.get("ref", ""))
            if PR_HEAD_REF.search(ref):
                where = (_line(with_, "ref", step_line), f"checkout of {ref.strip()}")
            elif str(with_.get("allow-unsafe-pr-checkout", "")).lower() == "true":
                where = (_line(with_, "allow-unsafe-pr-checkout", step_line), "allow-unsafe-pr-checkout: true")
        run = step.get("run")
        if where is None and isinstance(run, str):
            match = FETCH_PR.search(run)
            if match:
                where = (_text_line(raw, _line(step, "run", step_line), match.group(0).split()[0]),
                         f"'{match.group(0).strip()}'")
        if where:
            problems.append(Problem(
                display, where[0],
                f"pull_request_target (line {prt_line}) together with {where[1]} runs untrusted code "
                "with a privileged token",
                "build pull requests on: pull_request with permissions: contents: read; "
                "never check out the pull request's code under pull_request_target"))
    scripts = [("run", step.get("run"))]
    if isinstance(uses, str) and uses.startswith("actions/github-script"):
        scripts.append(("script", with_.get("script")))
    for key, script in scripts:
        if not isinstance(script, str):
            continue
        start = _line(step if key == "run" else with_, key, step_line)
        for expr in EXPRESSION.finditer(script):
            match = UNTRUSTED.search(expr.group(1))
            if match:
                field = match.group(0).rstrip(") \t")  # the untrusted value, not the function around it
                problems.append(Problem(
                    display, _text_line(raw, start, expr.group(0)),
                    f"{field} expanded inside {key}: is pasted into the script before it runs "
                    "(anyone can write code there)",
                    f"pass it through env: (e.g. env: VALUE: ${{{{ {field} }}}}) and use \"$VALUE\" in quotes"))
    return problems


def lint_file(path: Path, display: str | None = None) -> list[Problem]:
    display = display or path.name
    try:
        text = read_text(path, display)
    except YamlSyntaxError as exc:  # not UTF-8: report it, don't crash the check
        return [exc.problem]
    return lint_text(text, display)


def lint_dir(folder: Path, display_of=lambda p: p.name) -> list[Problem]:
    """Lint every ``*.yml``/``*.yaml`` in ``folder`` (sorted). Missing folder: no problems."""
    problems: list[Problem] = []
    if folder.is_dir():
        for path in repofiles.files(folder, (".yml", ".yaml"), recursive=False):
            problems.extend(lint_file(path, display_of(path)))
    return problems


def load(settings, content=None):
    """``upr check`` hook (see :data:`upr.content.KINDS`): returns the workflow
    paths and every problem in ``.github/workflows/``."""
    folder = settings.root / ".github" / "workflows"
    paths = repofiles.files(folder, (".yml", ".yaml"), recursive=False)
    return paths, lint_dir(folder, settings.rel)
