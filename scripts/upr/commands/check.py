"""``upr check``: validate all content and report every problem."""
from __future__ import annotations

import sys

from ..config import settings
from ..content import load_content
from ..problems import report


def run(args) -> int:
    s = settings()
    content = load_content(s)
    errors, warnings = report(content.problems)
    if errors:
        print(f"\n{errors} error(s), {warnings} warning(s). Fix the errors above; "
              "each line names the file and line, what is wrong and what to write instead.",
              file=sys.stderr)
        return 1
    print(f"upr check: content is valid ({warnings} warning(s)).", file=sys.stderr)
    return 0


def register(cli) -> None:
    p = cli.command("check", "validate all content; print every problem as file:line: message — fix")
    p.set_defaults(func=run)
