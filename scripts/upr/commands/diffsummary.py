"""``upr diffsummary --base REF``: what a pull request does to the data, in words.

Written for the pull request's run summary (``>> $GITHUB_STEP_SUMMARY``), so a
reviewer reads "3 assessments added for FRA" instead of a list of paths. Pull
requests mostly come from forks, which cannot post comments or preview sites
(PLATFORM.md): the summary is the review aid, and it needs no write token.

Files are compared between the merge base of REF and the working tree (as
``upr check --changed-from``), with ``git diff -z`` so any file name is read exactly.
Each changed file is put in one kind by its path (:data:`KINDS`); recommendation
CSV files also count rows added and removed.
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict

from ..config import settings

# (pattern on the repository path, singular, plural). First match wins; the
# group "key" (State code, group or tool slug) is shown with the count.
KINDS: list[tuple[re.Pattern, str, str]] = [
    (re.compile(r"^states/followup/(?P<key>[a-z]{3})/[^/]+\.md$"), "assessment", "assessments"),
    (re.compile(r"^states/recommendations/(?P<key>[a-z]{3})\.csv$"), "recommendations file", "recommendations files"),
    (re.compile(r"^states/sessions\.yml$"), "session calendar", "session calendars"),
    (re.compile(r"^states/(?P<key>[a-z]{3})\.md$"), "State page", "State pages"),
    (re.compile(r"^groups/(?P<key>[^/]+)/briefings/[^/]+\.md$"), "briefing", "briefings"),
    (re.compile(r"^groups/(?P<key>[^/]+)/submission\.md$"), "joint submission", "joint submissions"),
    (re.compile(r"^groups/(?P<key>[^/]+)/index\.md$"), "country group", "country groups"),
    (re.compile(r"^groups/(?P<key>[^/]+)/"), "country group file", "country group files"),
    (re.compile(r"^tools_library/files/"), "tool attachment", "tool attachments"),
    (re.compile(r"^tools_library/(?P<key>[^/]+)\.md$"), "tool", "tools"),
    (re.compile(r"^docs/news/posts/"), "News post", "News posts"),
    (re.compile(r"^docs/"), "site page", "site pages"),
    (re.compile(r"^\.github/"), "GitHub configuration file", "GitHub configuration files"),
    (re.compile(r"^(scripts|tests)/"), "code or test file", "code or test files"),
]
STATUS = {"A": "added", "M": "changed", "D": "removed", "T": "changed"}


def changes(root, ref: str) -> list[tuple[str, str, int, int]]:
    """``(status A/M/D, path, lines added, lines removed)`` since the merge base of
    ``ref`` and HEAD, working tree and untracked files included."""
    import git
    repo = git.Repo(root)
    base = repo.git.merge_base(ref, "HEAD").strip()
    status = repo.git.diff("-z", "--name-status", "--no-renames", base, "--").split("\0")
    pairs = {status[i + 1]: status[i][0] for i in range(0, len(status) - 1, 2) if status[i]}
    numstat = repo.git.diff("-z", "--numstat", "--no-renames", base, "--").split("\0")
    counts = {}
    for rec in numstat:
        parts = rec.split("\t")
        if len(parts) == 3:
            added, removed, path = parts
            counts[path.lstrip("\n")] = (int(added) if added.isdigit() else 0,
                                         int(removed) if removed.isdigit() else 0)
    for path in filter(None, repo.git.ls_files("-z", "--others", "--exclude-standard").split("\0")):
        pairs[path] = "A"
        try:
            counts[path] = ((root / path).read_bytes().count(b"\n"), 0)
        except OSError:
            counts[path] = (0, 0)
    return [(st, path, *counts.get(path, (0, 0))) for path, st in sorted(pairs.items())]


def summarise(items: list[tuple[str, str, int, int]]) -> list[str]:
    """Sentences such as ``3 assessments added for FRA`` (one per kind, key and
    status, in the order of :data:`KINDS`; State codes upper case)."""
    counts: dict[tuple[int, str, str], int] = defaultdict(int)
    rows: dict[tuple[int, str, str], list[int]] = defaultdict(lambda: [0, 0])
    other = 0
    for status, path, added, removed in items:
        for index, (pattern, one, _) in enumerate(KINDS):
            m = pattern.search(path)
            if m:
                key = m.groupdict().get("key") or ""
                if path.startswith("states/"):
                    key = key.upper()
                verb = STATUS.get(status, "changed")
                counts[(index, key, verb)] += 1
                header = 1 if status in "AD" else 0  # a new or removed CSV's header is not a row
                rows[(index, key, verb)][0] += max(added - (header if status == "A" else 0), 0)
                rows[(index, key, verb)][1] += max(removed - (header if status == "D" else 0), 0)
                break
        else:
            other += 1
    lines = []
    for (index, key, verb), n in sorted(counts.items()):
        _, one, many = KINDS[index]
        where = (f" for {key}" if key.isupper() else f": {key}") if key else ""
        if one == "recommendations file":
            added, removed = rows[(index, key, verb)]
            parts = [f"{added:,} recommendation row{'s' if added != 1 else ''} added" if added else "",
                     f"{removed:,} row{'s' if removed != 1 else ''} removed" if removed else ""]
            lines.append(" and ".join(p for p in parts if p) + where if any(parts) else f"recommendations {verb}{where}")
            continue
        lines.append(f"{n} {one if n == 1 else many} {verb}{where}")
    if other:
        lines.append(f"{other} other file{'s' if other != 1 else ''} changed")
    return lines


def markdown(items, ref: str) -> str:
    lines = summarise(items)
    out = ["## What this pull request changes", ""]
    out += [f"- {line}" for line in lines] or ["- no file changed"]
    if items:
        out += ["", "<details><summary>Files</summary>", "", "| | file | lines + / − |", "|---|---|---|"]
        for status, path, added, removed in items:
            shown = path.replace("|", "\\|").replace("<", "&lt;")
            out.append(f"| {STATUS.get(status, status)} | `{shown}` | +{added} / −{removed} |")
        out += ["", "</details>"]
    out += ["", f"Compared with `{ref}`. Problems in these files, if any, are listed by the check above."]
    return "\n".join(out) + "\n"


def run(args) -> int:
    s = settings()
    try:
        items = changes(s.root, args.base)
    except Exception as exc:
        print(f"upr diffsummary: cannot compare with '{args.base}' ({type(exc).__name__}): "
              "give a branch or commit that exists here (run git fetch first)", file=sys.stderr)
        return 2
    sys.stdout.write(markdown(items, args.base))
    return 0


def register(cli) -> None:
    p = cli.command("diffsummary", "describe in words what the data changes since REF do "
                                   "(Markdown for a pull request's run summary)")
    p.add_argument("--base", required=True, metavar="REF", help="branch or commit to compare with, e.g. origin/main")
    p.set_defaults(func=run)
