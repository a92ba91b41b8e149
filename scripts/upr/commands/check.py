"""``upr check``: validate all content and report every problem."""
from __future__ import annotations

import sys

from ..config import settings
from ..content import load_content
from ..problems import report


def run(args) -> int:
    s = settings()
    content = load_content(s)
    problems = content.problems
    if getattr(args, "changed_from", None):
        problems = only_changed(s, problems, args.changed_from)
        if problems is None:
            return 2
    annotate = None
    if getattr(args, "annotate_changed_from", None):
        from ..gitinfo import changed_files
        try:
            annotate = changed_files(s.root, args.annotate_changed_from)
        except ValueError as exc:
            print(f"upr check: {exc}", file=sys.stderr)
            return 2
    errors, warnings = report(problems, annotate=annotate)
    if errors:
        print(f"\n{errors} error(s), {warnings} warning(s). Fix the errors above; "
              "each line names the file and line, what is wrong and what to write instead.",
              file=sys.stderr)
        return 1
    print(f"upr check: content is valid ({warnings} warning(s)).", file=sys.stderr)
    return 0


def only_changed(s, problems, ref: str):
    """Problems in files changed since ``ref`` (see :func:`upr.gitinfo.changed_files`).
    Everything is still loaded, so checks across files (a group naming a State)
    see the whole repository; only the report is narrowed. None if ``ref`` is bad."""
    from ..gitinfo import changed_files
    try:
        changed = changed_files(s.root, ref)
    except ValueError as exc:
        print(f"upr check: {exc}", file=sys.stderr)
        return None
    print(f"upr check: reporting problems in {len(changed)} file(s) changed since {ref}", file=sys.stderr)
    from ..problems import annotated_at
    return [at for p in problems if (at := annotated_at(p, changed)) is not None]


def register(cli) -> None:
    p = cli.command("check", "validate all content; print every problem as file:line: message — fix")
    p.add_argument("--changed-from", metavar="REF",
                   help="report only problems in files changed since the git branch/commit REF "
                        "(e.g. origin/main); all content is still loaded")
    p.add_argument("--annotate-changed-from", metavar="REF",
                   help="in GitHub Actions, put annotations only on files changed since REF (a pull "
                        "request's base); every problem is still printed and counted")
    p.set_defaults(func=run)
