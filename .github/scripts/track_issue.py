"""Keep ONE tracking issue per weekly check (used by .github/workflows/links.yml).

    python .github/scripts/track_issue.py --title T --label L --status N --report FILE --run-url URL

status 0: close the open issue titled T (if any) with a comment. Otherwise
create it, or replace its body, with the report. Talks to GitHub only through
the ``gh`` command line with argument lists: no text from the report or the
repository is ever pasted into a shell line.
"""
from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path

MAX_BODY = 60_000  # GitHub refuses issue bodies over 65,536 characters


def gh(*args: str) -> str:
    return subprocess.run(["gh", *args], check=True, capture_output=True, text=True).stdout


def find_issue(title: str, label: str) -> int | None:
    found = json.loads(gh("issue", "list", "--state", "open", "--label", label,
                          "--limit", "100", "--json", "number,title"))
    return next((i["number"] for i in found if i["title"] == title), None)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--title", required=True)
    ap.add_argument("--label", required=True)
    ap.add_argument("--status", default="1")
    ap.add_argument("--report", type=Path, required=True)
    ap.add_argument("--run-url", default="")
    args = ap.parse_args()
    number = find_issue(args.title, args.label)
    if args.status.strip() == "0":
        if number:
            gh("issue", "close", str(number), "--comment", f"All links work again ({args.run_url}).")
        return 0
    report = args.report.read_text(encoding="utf-8", errors="replace") if args.report.exists() else "(no report)"
    body = (f"The weekly check found links that do not work. Run: {args.run_url}\n\n"
            "Fix the link in the file named in each entry (or replace it with an archived copy "
            "on https://web.archive.org/), then close this issue.\n\n"
            f"```text\n{report[-MAX_BODY:]}\n```\n")
    if number:
        gh("issue", "edit", str(number), "--body", body)
    else:
        gh("label", "create", args.label, "--force", "--color", "d93f0b",
           "--description", "The weekly link check found broken links")
        gh("issue", "create", "--title", args.title, "--label", args.label, "--body", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
