"""``upr fetch uhri --out FILE``: download OHCHR's UHRI export and check it is whole.

Used by ``.github/workflows/uhri-import.yml`` before ``upr import recommendations``;
the checks are in :mod:`upr.uhri_download`. Exit 0 and ``FILE`` written only when
the export arrived complete; otherwise exit 1, ``FILE`` left as it was, and the
reason said in words on stderr and, with ``--summary`` (default: the run summary
``$GITHUB_STEP_SUMMARY`` on GitHub Actions), as Markdown for the run's page.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .. import uhri_download as dl
from ..atomic import atomic_write
from ..mdtext import md_inline


def success_markdown(export: dl.Export) -> str:
    tries = f", {export.tries} tries" if export.tries > 1 else ""
    return (f"Downloaded the UHRI export ({export.bytes / 1e6:,.1f} MB in {export.seconds:g} s{tries}): "
            f"{export.annotations:,} annotations, {export.upr:,} of them from the UPR "
            f"({export.upr_recommendations:,} recommendations). The JSON is complete.\n\n")


def failure_markdown(url: str, error: Exception) -> str:
    return ("## UHRI import: the download failed\n\n"
            f"The UHRI export could not be used: {md_inline(error)}.\n\n"
            f"Address: {md_inline(url)}\n\n"
            "**Nothing was imported and the repository is unchanged** (no branch, no pull request). "
            "The next weekly run tries again; to try now, run the workflow by hand "
            "(Actions → Import UHRI recommendations → Run workflow).\n\n")


def append(path: str | None, text: str) -> None:
    """Add ``text`` to the end of the Markdown file ``path`` (the run summary)."""
    if path:
        target = Path(path)
        before = target.read_bytes() if target.is_file() else b""
        atomic_write(target, before + text.encode("utf-8"))


def run_uhri(args) -> int:
    out = Path(args.out)
    summary = args.summary if args.summary is not None else os.environ.get("GITHUB_STEP_SUMMARY")
    try:
        export = dl.fetch(args.url, out, min_upr=args.min_upr, max_bytes=int(args.max_mb * 1e6),
                          max_seconds=args.max_seconds, read_timeout=args.read_timeout,
                          retries=args.retries, retry_wait=args.retry_wait, log=sys.stderr)
    except dl.FetchError as exc:
        print(f"upr fetch uhri: {exc}. Nothing was written to {out}.", file=sys.stderr)
        append(summary, failure_markdown(args.url, exc))
        return 1
    print(success_markdown(export).strip())
    append(summary, success_markdown(export))
    if args.report:
        atomic_write(Path(args.report), (json.dumps(export.as_dict(), indent=2) + "\n").encode("utf-8"))
    return 0


def register(cli) -> None:
    p = cli.command("uhri", "download OHCHR's UHRI export (JSON) and check that it arrived whole", group="fetch")
    p.add_argument("--url", default=dl.DEFAULT_URL, help=f"address of the export (default: {dl.DEFAULT_URL})")
    p.add_argument("--out", required=True, metavar="FILE", help="where to write the export (only if complete)")
    p.add_argument("--min-upr", type=int, default=dl.MIN_UPR, metavar="N",
                   help=f"refuse an export with fewer UPR annotations (default: {dl.MIN_UPR:,})")
    p.add_argument("--max-mb", type=float, default=dl.MAX_BYTES / 1e6, metavar="MB",
                   help=f"largest download accepted (default: {dl.MAX_BYTES / 1e6:,.0f} MB)")
    p.add_argument("--max-seconds", type=float, default=dl.MAX_SECONDS, metavar="S",
                   help=f"time limit for the whole download (default: {dl.MAX_SECONDS})")
    p.add_argument("--read-timeout", type=float, default=dl.READ_TIMEOUT, metavar="S",
                   help=f"give up when the server sends nothing for S seconds (default: {dl.READ_TIMEOUT})")
    p.add_argument("--retries", type=int, default=2, metavar="N",
                   help="tries again after an HTTP 5xx, a cut or a timeout (default: 2)")
    p.add_argument("--retry-wait", type=float, default=60, metavar="S", help="seconds between tries (default: 60)")
    p.add_argument("--summary", metavar="FILE",
                   help="append what happened, in words, to this Markdown file (default: $GITHUB_STEP_SUMMARY)")
    p.add_argument("--report", metavar="FILE", help="write the download's figures as JSON (used for the PR body)")
    p.set_defaults(func=run_uhri)
