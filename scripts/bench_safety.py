"""Print what the issue-8 safeguards cost: the safety check on all content, the
output sanitiser and the privacy scan over a built site.

    .venv/bin/python scripts/bench_safety.py [SITE_DIR]

SITE_DIR defaults to ``site/`` (built by ``make site``) and is copied
to a temporary folder first: it is never modified. CPU time is shown beside wall
time because the machine is often shared.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from upr import privacy, safety, sanitize, scriptcheck  # noqa: E402
from upr.config import settings  # noqa: E402


def timed(label: str, fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    print(f"{label}: {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU")
    return result


def main() -> int:
    s = settings(Path(__file__).resolve().parents[1])
    files = list(safety.files(s))
    _, problems = timed(f"safety check of {len(files)} content files", lambda: safety.load(s))
    print(f"  {len(problems)} problem(s)")
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else s.root / "site"
    if not site.is_dir():
        print(f"no built site at {site}: run `upr build --out DIR` and pass DIR/site", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "site"
        shutil.copytree(site, copy)
        pages = sum(1 for _ in copy.rglob("*.html"))
        size = sum(p.stat().st_size for p in copy.rglob("*") if p.is_file())
        print(f"site: {pages} HTML pages, {size / 1e6:.1f} MB in all files")
        figures = timed("sanitiser (clean content + strip the layout of what is not on the list)",
                        lambda: sanitize.sanitize_site(copy, sanitize.site_host(s), policy=scriptcheck.policy_of(s)))
        print(f"  {figures['changed']} page(s) rewritten, {len(figures['unsafe'])} unsafe construct(s) left")
        policy = scriptcheck.policy_of(s)
        checked = timed("final script check (Lexbor parse of every page, script files, SVG/XML, indexes)",
                        lambda: scriptcheck.check_site(copy, policy))
        print(f"  {checked['pages']} pages, {checked['files']} other files, {len(checked['problems'])} problem(s)")
        values = timed("collect private values", lambda: privacy.collect(s))
        leaks = timed(f"privacy scan of every byte for {len(values)} value(s)", lambda: privacy.scan([copy], values))
        print(f"  {len(leaks)} leak(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
