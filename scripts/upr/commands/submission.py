"""``upr submission check <group>`` and ``upr submission docx <group>``."""
from __future__ import annotations

import sys
from pathlib import Path

from .. import submission
from ..config import settings
from ..content import load_content
from ..problems import report


def _group(args):
    s = settings()
    content = load_content(s)
    groups = getattr(content, "groups", None) or {}
    slug = args.group.strip().strip("/").split("/")[-1].lower()
    if slug not in groups:
        known = ", ".join(sorted(groups)) or "none"
        print(f"upr submission: no valid group '{slug}' (groups: {known}); run `upr check` for errors",
              file=sys.stderr)
        return s, None
    return s, groups[slug]



def run_check(args) -> int:
    s, group = _group(args)
    if group is None:
        return 2
    result, problems = submission.check(group, args.footnotes, args.annexes, settings=s)
    errors, warnings = report(problems)
    if result is not None:
        print(f"{s.rel(group.draft_path)}: {result.total:,} words counted of {result.limit:,} allowed "
              f"({result.main:,} main text, {result.footnotes:,} in footnotes "
              f"{'counted' if result.count_footnotes else 'not counted'}, {result.annexes:,} in annexes "
              f"{'counted' if result.count_annexes else 'not counted'}); {errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0


def run_docx(args) -> int:
    s, group = _group(args)
    if group is None:
        return 2
    result, problems = submission.check(group, settings=s)
    errors, _ = report(problems, out=sys.stderr)
    if result is None:
        return 1
    out = Path(args.out) if args.out else s.root / "build" / "submissions" / f"{group.slug}-submission.docx"
    submission.to_docx(group, out, settings=s)
    print(f"upr submission docx: wrote {out} ({result.total:,} words"
          + (f"; {errors} problem(s) to fix before sending" if errors else "") + ")", file=sys.stderr)
    return 0


def register(cli) -> None:
    p = cli.command("check", "word count against OHCHR's limit and the required parts of a group's draft",
                    group="submission")
    p.add_argument("group", help="the group folder name, e.g. tgo-54")
    p.add_argument("--no-footnotes", dest="footnotes", action="store_false", default=None,
                   help="do not count footnotes (default: the group's setting, footnotes counted)")
    p.add_argument("--include-annexes", dest="annexes", action="store_true", default=None,
                   help="count annexes too (default: the group's setting, annexes not counted)")
    p.set_defaults(func=run_check)
    p = cli.command("docx", "export a group's draft as a Word document ready to send to OHCHR", group="submission")
    p.add_argument("group", help="the group folder name, e.g. tgo-54")
    p.add_argument("--out", help="where to write the .docx (default build/submissions/<group>-submission.docx)")
    p.set_defaults(func=run_docx)
