"""Turn ``upr remind --output reminders.json`` into one issue per group and
deadline (used by .github/workflows/reminders.yml).

Each reminder is a JSON object. ``title`` (stable: the same deadline gives the
same title every week) and ``body`` are used as given; without them the title is
built from ``group``, ``what`` (or ``kind``) and ``deadline`` (or ``date``).
Optional ``labels`` (list) and ``assignees`` (list of GitHub user names).
An open issue with the same title is updated, never duplicated. Talks to GitHub
only through ``gh`` with argument lists (no text pasted into a shell line).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

LABEL = "reminder"


def gh(*args: str) -> str:
    return subprocess.run(["gh", *args], check=True, capture_output=True, text=True).stdout


def title_of(item: dict) -> str:
    if item.get("title"):
        return str(item["title"])
    what = item.get("what") or item.get("kind") or "deadline"
    when = item.get("deadline") or item.get("date") or ""
    return f"Reminder: {item.get('group', '')} — {what} — {when}".strip()


def body_of(item: dict) -> str:
    if item.get("body"):
        return str(item["body"])
    lines = [f"- **{k}**: {v}" for k, v in item.items() if k not in ("labels", "assignees")]
    return "This deadline is coming up:\n\n" + "\n".join(lines) + "\n"


def reminders(data) -> list[dict]:
    items = data.get("reminders", []) if isinstance(data, dict) else data
    return [i for i in items if isinstance(i, dict)]


def main(path: str) -> int:
    items = reminders(json.loads(Path(path).read_text(encoding="utf-8")))
    open_issues = json.loads(gh("issue", "list", "--state", "open", "--label", LABEL,
                                "--limit", "500", "--json", "number,title"))
    by_title = {i["title"]: i["number"] for i in open_issues}
    labels = {LABEL} | {str(label) for item in items for label in item.get("labels", [])}
    for label in sorted(labels) if items else []:  # gh refuses a label that does not exist yet
        gh("label", "create", label, "--force", "--color", "fbca04" if label == LABEL else "c5def5")
    for item in items:
        title, body = title_of(item), body_of(item)
        if title in by_title:
            gh("issue", "edit", str(by_title[title]), "--body", body)
            continue
        args = ["issue", "create", "--title", title, "--body", body, "--label", LABEL]
        for label in item.get("labels", []):
            if str(label) != LABEL:
                args += ["--label", str(label)]
        for user in item.get("assignees", []):
            args += ["--assignee", str(user)]
        gh(*args)
    print(f"{len(items)} reminder(s) created or updated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
