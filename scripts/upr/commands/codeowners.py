"""``upr codeowners [--check]``: write .github/CODEOWNERS from the country groups."""
from __future__ import annotations

import sys

from .. import codeowners
from ..config import settings
from ..content import load_content
from ..site import atomic_write


def run(args) -> int:
    s = settings()
    content = load_content(s)
    target = codeowners.path_of(s.root)
    existing = target.read_text(encoding="utf-8") if target.is_file() else None
    text = codeowners.render(getattr(content, "groups", None) or {}, existing)  # keeps the hand-written part
    if args.check:
        problems = codeowners.check(content)
        for p in problems:
            print(p.format())
        if not problems:
            print("upr codeowners: .github/CODEOWNERS is up to date.", file=sys.stderr)
        return 1 if problems else 0
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        print("upr codeowners: .github/CODEOWNERS already up to date.", file=sys.stderr)
        return 0
    atomic_write(target, text.encode("utf-8"))
    groups = len(codeowners.group_lines(getattr(content, "groups", None) or {}))
    print(f"upr codeowners: wrote {s.rel(target)} ({groups} group(s) with owners; lines above the marker kept).",
          file=sys.stderr)
    return 0


def register(cli) -> None:
    p = cli.command("codeowners", "write .github/CODEOWNERS from the country groups' contacts (--check: "
                                  "only report whether it is stale)")
    p.add_argument("--check", action="store_true", help="do not write; exit 1 if the file is stale")
    p.set_defaults(func=run)
