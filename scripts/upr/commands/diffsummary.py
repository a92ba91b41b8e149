"""``upr diffsummary --base REF``: what a pull request does to the data, in words.

Written for the pull request's run summary (``>> $GITHUB_STEP_SUMMARY``), so a
reviewer reads "3 assessments added for FRA" instead of a list of paths. Pull
requests mostly come from forks, which cannot post comments or preview sites
(PLATFORM.md): the summary is the review aid, and it needs no write token.

Files are compared between the merge base of REF and the working tree (as
``upr check --changed-from``), with ``git diff -z`` so any file name is read exactly.
Each changed file is put in one kind by its path (:data:`KINDS`). Recommendation
CSV files are compared row by row and said per review ("14 new recommendations to
Togo, session 54", :mod:`upr.recommendation_changes`), capped so that a change to
all 193 States stays readable (the weekly UHRI import's pull request body is this
text: ``--footer`` replaces the last line there).
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict

from .. import repofiles
from .. import recommendation_changes as rc
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
RECOMMENDATIONS = re.compile(r"^states/recommendations/(?P<key>[a-z]{3})\.csv$")
REC_KIND = next(i for i, (_, one, _) in enumerate(KINDS) if one == "recommendations file")
MAX_REVIEWS = 40   # review lines shown before "and N more reviews …"
MAX_FILES = 60     # rows of the file table before "… and N more files"
FOOTER = "Problems in these files, if any, are listed by the check above."


def merge_base(root, ref: str) -> str:
    import git
    return git.Repo(root).git.merge_base(ref, "HEAD").strip()


def changes(root, ref: str) -> list[tuple[str, str, int, int]]:
    """``(status A/M/D, path, lines added, lines removed)`` since the merge base of
    ``ref`` and HEAD, working tree and untracked files included."""
    import git
    repo = git.Repo(root)
    base = merge_base(root, ref)
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
            counts[path] = (repofiles.read_bytes(root / path, path).count(b"\n"), 0)
        except OSError:  # a link (never followed: upr.repofiles) or gone
            counts[path] = (0, 0)
    return [(st, path, *counts.get(path, (0, 0))) for path, st in sorted(pairs.items())]


def review_changes(root, ref: str, items) -> dict[str, list[rc.ReviewChange] | None]:
    """``path -> per-review changes`` of each changed recommendations file (None
    for a file that is not in the recommendations layout on one side)."""
    import git
    repo = git.Repo(root)
    base = repo.commit(merge_base(root, ref))
    out = {}
    for status, path, _, _ in items:
        m = RECOMMENDATIONS.match(path)
        if not m:
            continue
        old = (base.tree / path).data_stream.read() if status != "A" else None
        new = repofiles.read_bytes(root / path, path) if status != "D" and repofiles.is_regular(root / path) else None
        out[path] = rc.compare(m.group("key").upper(), old, new)
    return out


def state_names(root, codes) -> dict[str, str]:
    """ISO3 -> English short name from ``states/<iso3>.md`` (the code when unreadable)."""
    from ..yamlio import read_document
    names = {}
    for code in sorted(codes):
        path = root / "states" / f"{code.lower()}.md"
        meta = read_document(path).meta if path.is_file() else None
        short = (((meta or {}).get("names") or {}).get("en") or {}).get("short") if isinstance(meta, dict) else None
        names[code] = short if isinstance(short, str) and short.strip() else code
    return names


def summarise(items: list[tuple[str, str, int, int]], reviews: dict | None = None,
              names: dict[str, str] | None = None, limit: int = MAX_REVIEWS) -> list[str]:
    """Sentences such as ``3 assessments added for FRA`` (one per kind, key and
    status, in the order of :data:`KINDS`; State codes upper case). Recommendation
    files whose rows were compared (``reviews``, from :func:`review_changes`) are said
    per review instead, with State names from ``names``."""
    reviews = reviews or {}
    compared = [c for path, found in reviews.items() if found is not None for c in found]
    said_reviews = False
    counts: dict[tuple[int, str, str], int] = defaultdict(int)
    rows: dict[tuple[int, str, str], list[int]] = defaultdict(lambda: [0, 0])
    other = 0
    for status, path, added, removed in items:
        if reviews.get(path) is not None:
            if not said_reviews:  # the reviews take the place of the recommendations files' line(s)
                counts[(REC_KIND, "", "reviews")] += 1
                said_reviews = True
            continue
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
        if verb == "reviews":
            lines += rc.lines(compared, names or {}, limit) if compared else \
                ["recommendations files changed (row order or layout only): no recommendation changed"]
            continue
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


def markdown(items, ref: str, reviews: dict | None = None, names: dict[str, str] | None = None,
             footer: str = FOOTER) -> str:
    lines = summarise(items, reviews, names)
    out = ["## What this pull request changes", ""]
    out += [f"- {line}" for line in lines] or ["- no file changed"]
    if items:
        out += ["", "<details><summary>Files</summary>", "", "| | file | lines + / − |", "|---|---|---|"]
        for status, path, added, removed in items[:MAX_FILES]:
            shown = path.replace("|", "\\|").replace("<", "&lt;")
            out.append(f"| {STATUS.get(status, status)} | `{shown}` | +{added} / −{removed} |")
        if len(items) > MAX_FILES:
            rest = items[MAX_FILES:]
            out.append(f"| | … and {len(rest):,} more files | +{sum(i[2] for i in rest):,} / "
                       f"−{sum(i[3] for i in rest):,} |")
        out += ["", "</details>"]
    out += ["", f"Compared with `{ref}`." + (f" {footer}" if footer else "")]
    return "\n".join(out) + "\n"


def run(args) -> int:
    s = settings()
    try:
        items = changes(s.root, args.base)
        reviews = review_changes(s.root, args.base, items)
    except Exception as exc:
        print(f"upr diffsummary: cannot compare with '{args.base}' ({type(exc).__name__}): "
              "give a branch or commit that exists here (run git fetch first)", file=sys.stderr)
        return 2
    codes = {c.iso3 for found in reviews.values() if found for c in found}
    sys.stdout.write(markdown(items, args.base, reviews, state_names(s.root, codes), args.footer))
    return 0


def register(cli) -> None:
    p = cli.command("diffsummary", "describe in words what the data changes since REF do "
                                   "(Markdown for a pull request's run summary)")
    p.add_argument("--base", required=True, metavar="REF", help="branch or commit to compare with, e.g. origin/main")
    p.add_argument("--footer", default=FOOTER, metavar="TEXT",
                   help="sentence after 'Compared with REF.' (default: a pointer to the check's problems)")
    p.set_defaults(func=run)
