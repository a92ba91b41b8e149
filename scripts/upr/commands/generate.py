"""``upr generate``: write the site's pages into build/docs (MkDocs then renders them)."""
from __future__ import annotations

import sys
import time

from ..cli import iso_date
from ..config import settings
from ..content import load_content
from ..problems import report
from ..site import generate_all


def run(args) -> int:
    started = time.perf_counter()
    s = settings(today=args.today)
    content = load_content(s)
    errors, _ = report(content.problems, out=sys.stderr)
    if errors and not args.force:
        print(f"{errors} error(s): fix them (see above) or pass --force to build anyway.", file=sys.stderr)
        return 1
    contexts = generate_all(s, content)
    print(f"upr generate: {sum(len(c.written) for c in contexts)} files in "
          f"{', '.join(s.rel(c.out_dir) for c in contexts)} "
          f"({time.perf_counter() - started:.1f} s, today = {s.today.isoformat()})", file=sys.stderr)
    return 0


def add_today(p) -> None:
    p.add_argument("--today", type=iso_date, default=None,
                   help="compute countdowns and 'next session' from this date (YYYY-MM-DD) instead of today")


def register(cli) -> None:
    p = cli.command("generate", "generate the site's pages, feeds and exports into build/docs")
    add_today(p)
    p.add_argument("--force", action="store_true", help="generate even if the content has errors")
    p.set_defaults(func=run)
