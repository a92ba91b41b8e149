"""Problems found in content, and how they are reported.

Every problem names a file, a line, what is wrong and what to write instead, so
that someone editing on GitHub's web editor can fix it without help. Checks never
stop at the first problem: they collect them all, and the CLI reports them all.
"""
from __future__ import annotations

import os
import sys
import unicodedata
from dataclasses import dataclass
from typing import Container, Iterable, TextIO

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing to fix.

    ``path`` is relative to the repository root (as shown to people), ``line`` and
    ``col`` are 1-based (0 means unknown), ``message`` says what is wrong and
    ``fix`` what to write instead. ``also`` names the other places ``(path, line)`` a
    problem between two files is about (a spelling two State files claim): it is reported
    once, at ``path``, but a pull request that changed only the other file still gets it
    on its own line (:func:`report`, ``upr check --changed-from``).
    """

    path: str
    line: int
    message: str
    fix: str = ""
    severity: str = ERROR
    col: int = 0
    also: tuple[tuple[str, int], ...] = ()

    def format(self) -> str:
        """``path:line[:col]: message — fix`` (the form editors and people both read)."""
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        text = f"{where}: {self.message}"
        if self.severity == WARNING:
            text = f"{where}: warning: {self.message}"
        if self.fix:
            text += f" — {self.fix}"
        return text

    def github_annotation(self) -> str:
        """A GitHub Actions workflow command that puts the problem on the changed line."""
        def esc(value: str, prop: bool = False) -> str:
            value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            if prop:
                value = value.replace(":", "%3A").replace(",", "%2C")
            return value
        props = f"file={esc(self.path, True)}"
        if self.line:
            props += f",line={self.line}"
        if self.col:
            props += f",col={self.col}"
        body = self.message + (f" — {self.fix}" if self.fix else "")
        return f"::{self.severity} {props}::{esc(body)}"


def sort_key(problem: Problem):
    return (problem.path, problem.line, problem.col, problem.message)


def report(problems: Iterable[Problem], out: TextIO | None = None,
           github: bool | None = None, annotate: Container[str] | None = None) -> tuple[int, int]:
    """Print every problem, sorted by file and line; return ``(errors, warnings)``.

    With ``github`` (default: ``GITHUB_ACTIONS=true`` in the environment) each problem
    is also printed as a GitHub annotation so it shows on the pull request's diff;
    with ``annotate`` (the paths a pull request changes), only problems in those files
    get an annotation: GitHub shows a limited number per run, and a contributor's
    pull request must not fill them with files they never touched. The others are still
    printed in the log.
    """
    out = out or sys.stdout
    if github is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
    errors = warnings = 0
    for problem in sorted(set(problems), key=sort_key):
        print(problem.format(), file=out)
        if github:
            at = annotated_at(problem, annotate)
            if at is not None:
                print(at.github_annotation(), file=out)
        if problem.severity == ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def annotated_at(problem: Problem, changed: Container[str] | None) -> Problem | None:
    """Where a pull request that changed the files ``changed`` should see ``problem``:
    on its own line, or on the line of the other place it is about (``also``) when only
    that file changed; None when the pull request touched neither (None: all files)."""
    if changed is None or unicodedata.normalize("NFC", problem.path) in changed:
        return problem
    for path, line in problem.also:
        if unicodedata.normalize("NFC", path) in changed:
            from dataclasses import replace
            # the message names the other place: seen from there, that is this problem's own place
            message = problem.message.replace(f"{path}:{line}", f"{problem.path}:{problem.line}")
            return replace(problem, path=path, line=line, col=0, message=message,
                           also=((problem.path, problem.line),))
    return None
