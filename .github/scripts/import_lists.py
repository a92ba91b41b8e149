"""Import the OHCHR thematic lists a coordinator uploaded into ``imports/`` and propose
the result as one pull request (used by .github/workflows/import-lists.yml).

Run from the repository root, on an up-to-date checkout of the base branch:

1. every ``imports/*.docx`` is checked (a regular file, no link; a name of letters,
   digits, ``.``, ``-``, ``_``, ``(``, ``)``; spaces become ``_``; at most 10 MB) and
   imported with the real importer (``upr import recommendations``), all or nothing;
2. each list moves to ``sources/ohchr-thematic-lists/`` and gets its row in
   ``sources/README.md`` (origin: the upload commit; licence; bytes; SHA-256);
3. ``upr check --changed-from BASE`` checks what changed;
4. the change is committed on the branch ``import/ohchr-lists``, force-pushed, and one
   pull request is opened (or, if one is open, updated); its body is
   ``upr diffsummary --base BASE`` and the import's own summary.

If anything fails, the problems go to the run's summary (``$GITHUB_STEP_SUMMARY``),
the exit code is 1 and nothing is committed or pushed. Git and GitHub are called
with argument lists only (``git``, ``gh``): no file name or text from the upload is
ever pasted into a shell line. ``gh`` needs ``GH_TOKEN``; pushing goes through
``gh auth setup-git`` (the checkout keeps no credentials).
"""
from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

BRANCH = "import/ohchr-lists"
IMPORTS = "imports"
DESTINATION = "sources/ohchr-thematic-lists"
LICENCE = "OHCHR documents (UN public documentation)"
MAX_BYTES = 10 * 1024 * 1024            # the real lists are about 100 KB
MAX_UNPACKED = 200 * 1024 * 1024        # what the .docx may unpack to
SAFE_NAME = re.compile(r"^[\w.()-]+\.docx$", re.IGNORECASE)  # \w: letters (accents too), digits and _
IGNORED = {"README.md", ".gitkeep"}
BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")
BODY_LIMIT = 60000                      # GitHub refuses bodies over 65,536 characters
SUMMARY_LINE = re.compile(r"^upr import: (?P<file>[^:\n]+\.docx): (?P<state>.+) \((?P<iso3>[A-Z]{3})\), "
                          r"session (?P<session>\d+) \(cycle \d+\): (?P<what>.*)$", re.M)


class Failed(Exception):
    """The import cannot go on; ``problems`` are shown in the run's summary."""

    def __init__(self, title: str, problems: list[str]):
        super().__init__(title)
        self.title, self.problems = title, problems


def md(text: str) -> str:
    """Untrusted text as inert Markdown (no HTML, no links, no table breaks)."""
    text = html.escape(" ".join(str(text).split()), quote=False)
    return re.sub(r"([\\`*_\[\]|#!~])", r"\\\1", text)


def fenced(text: str) -> str:
    """``text`` in a code block whose fence is longer than any run of backticks in it."""
    fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", text)), default=0))
    return f"{fence}text\n{text.rstrip()}\n{fence}"


def run(*args: str, cwd: Path, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True)
    if check and result.returncode:
        raise Failed(f"`{args[0]} {args[1] if len(args) > 1 else ''}` failed",
                     [(result.stdout + result.stderr).strip() or f"exit code {result.returncode}"])
    return result


def git(root: Path, *args: str, check: bool = True) -> str:
    return run("git", "-C", str(root), *args, cwd=root, check=check).stdout


def gh(root: Path, *args: str) -> str:
    return run("gh", *args, cwd=root).stdout


def upr(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, UPR_ROOT=str(root), NO_MKDOCS_2_WARNING="1")
    return run(sys.executable, "-m", "upr", *args, cwd=root, env=env, check=check)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def uploads(root: Path) -> tuple[list[tuple[Path, str]], list[str]]:
    """``([(uploaded file, name to keep it under)], problems)`` of ``imports/``."""
    folder = root / IMPORTS
    if folder.is_symlink():
        return [], [f"{IMPORTS}/ is a symbolic link — it must be a folder of the repository"]
    if not folder.is_dir():
        return [], []
    found, problems = [], []
    for path in sorted(folder.iterdir()):
        shown = f"{IMPORTS}/{path.name}"
        if path.name in IGNORED and path.is_file() and not path.is_symlink():
            continue
        if path.is_symlink() or not path.is_file():
            problems.append(f"{shown}: is a link or a folder — upload the .docx file itself into {IMPORTS}/")
            continue
        if path.suffix.lower() != ".docx":
            problems.append(f"{shown}: only OHCHR thematic lists (.docx) are imported from {IMPORTS}/ — save the "
                            "list as .docx (Word: File → Save as), upload that, and delete this file")
            continue
        name = re.sub(r"\s+", "_", path.name.strip())
        if not SAFE_NAME.match(name):
            problems.append(f"{shown}: the file name may hold only letters, digits, spaces, '.', '-', '_', '(' "
                            "and ')' — rename it, e.g. UPR48_Slovenia_thematic_list.docx")
            continue
        size = path.stat().st_size
        if size > MAX_BYTES:
            problems.append(f"{shown}: {size:,} bytes is too large for a thematic list (at most {MAX_BYTES:,}) — "
                            "upload the list as downloaded from OHCHR")
            continue
        try:
            with zipfile.ZipFile(path) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, OSError):
            unpacked = 0  # not a zip: the importer says it is not a Word file
        if unpacked > MAX_UNPACKED:
            problems.append(f"{shown}: unpacks to {unpacked:,} bytes — this is not a thematic list; upload the "
                            "list as downloaded from OHCHR")
            continue
        kept = root / DESTINATION / name
        if kept.exists() and (kept.is_symlink() or sha256(kept) != sha256(path)):
            problems.append(f"{shown}: {DESTINATION}/{name} already holds another file — rename the upload "
                            "(e.g. add the date: …_2026-12-01.docx)")
            continue
        found.append((path, name))
    if len({name for _, name in found}) < len(found):
        problems.append(f"{IMPORTS}/: two uploads have the same name once spaces become '_' — rename one")
    return found, problems


def origin(root: Path, path: Path, name: str) -> str:
    """Where a list came from: the commit that put it into imports/ (and its first name)."""
    log = git(root, "log", "-1", "--format=%h %cs", "--", f"{IMPORTS}/{path.name}").split()
    commit = f"commit {log[0]} ({log[1]})" if len(log) == 2 else "an upload not yet committed"
    renamed = f" as {md(path.name)}" if path.name != name else ""
    return f"uploaded to `{IMPORTS}/`{renamed} in {commit}"


_ROW_PATH = re.compile(r"^\|\s*`([^`]+)`\s*\|")


def add_source_rows(root: Path, rows: list[str]) -> None:
    """Put each of ``rows`` into the table of sources/README.md: in place of the row of
    the same file, or before the first row whose path sorts after it. No other line moves."""
    index = root / "sources" / "README.md"
    lines = index.read_text(encoding="utf-8").splitlines()
    if not any(_ROW_PATH.match(line) for line in lines):
        raise Failed("sources/README.md has no table of sources", [
            "sources/README.md: the table | `path` | bytes | origin | licence | `sha256` | is missing — restore it"])
    for row in rows:
        path = _ROW_PATH.match(row).group(1)
        table = [(i, _ROW_PATH.match(line).group(1)) for i, line in enumerate(lines) if _ROW_PATH.match(line)]
        same = [i for i, p in table if p == path]
        if same:
            lines[same[0]] = row
        else:
            after = [i for i, p in table if p > path]
            lines.insert(after[0] if after else table[-1][0] + 1, row)
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")


def summary_of(output: str) -> list[dict]:
    return [m.groupdict() for m in SUMMARY_LINE.finditer(output)]


def write_summary(text: str) -> None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(text.rstrip() + "\n")
    print(text)


def import_lists(root: Path, base: str) -> tuple[str, str] | None:
    """Do steps 1–3 and commit on a new :data:`BRANCH`; returns ``(title, body)``, or None
    when there is nothing to import. Raises :class:`Failed`."""
    found, problems = uploads(root)
    if problems:
        raise Failed("The uploaded files cannot be imported", problems)
    if not found:
        return None
    origins = {name: origin(root, path, name) for path, name in found}
    for path, name in found:  # spaces become _ before the import: source_rows names the kept file
        if path.name != name:
            git(root, "mv", "--", f"{IMPORTS}/{path.name}", f"{IMPORTS}/{name}")
    result = upr(root, "import", "recommendations", *[f"{IMPORTS}/{name}" for _, name in found], check=False)
    output = (result.stdout + result.stderr).strip()
    if result.returncode:
        renamed = [f"imports/{path.name} was read as imports/{name} (spaces become _)"
                   for path, name in found if path.name != name]
        raise Failed("The import found problems; nothing was committed", [output] + renamed)
    (root / DESTINATION).mkdir(parents=True, exist_ok=True)
    reviews = {r["file"]: r for r in summary_of(output)}
    rows = []
    for _, name in found:
        kept = root / DESTINATION / name
        if kept.exists():  # the same bytes were imported before
            git(root, "rm", "-q", "--", f"{IMPORTS}/{name}")
        else:
            git(root, "mv", "--", f"{IMPORTS}/{name}", f"{DESTINATION}/{name}")
        review = reviews.get(name)
        what = f"OHCHR thematic list, {md(review['state'])}, session {review['session']}" if review else \
            "OHCHR thematic list"
        rows.append(f"| `{DESTINATION.removeprefix('sources/')}/{name}` | {kept.stat().st_size:,} | "
                    f"{origins[name]} ({what}) | {LICENCE} | `{sha256(kept)}` |")
    add_source_rows(root, rows)
    checked = upr(root, "check", "--changed-from", base, check=False)
    if checked.returncode:
        raise Failed("The imported data does not pass `upr check`; nothing was committed",
                     [(checked.stdout + checked.stderr).strip()])
    diff = upr(root, "diffsummary", "--base", base).stdout
    names = ", ".join(f"{r['state']} session {r['session']}" for r in reviews.values()) or \
        ", ".join(name for _, name in found)
    title = f"Import OHCHR thematic list{'s' if len(found) > 1 else ''}: {names}"
    git(root, "switch", "-q", "-C", BRANCH)
    git(root, "add", "-A", "--", "states/recommendations", "sources", IMPORTS)
    git(root, "-c", f"user.name={BOT[0]}", "-c", f"user.email={BOT[1]}", "commit", "-q", "-m", title,
        "-m", "Imported by .github/workflows/import-lists.yml from imports/ (upr import recommendations).")
    body = "\n".join([
        "Proposed by the workflow *Import OHCHR thematic lists* from the files uploaded to `imports/`; "
        "`upr check` passed on the files it changed.",
        "Compare the counts below with the list (how many recommendations, supported and noted), then merge.", "",
        "## What the import read", "",
        *[f"- {md(line.removeprefix('upr import: '))}" for line in output.splitlines()
          if line.startswith("upr import: ")],
        "", diff.rstrip(), "",
        "Checks do not start by themselves on a pull request opened by a workflow: close and reopen it "
        "to run them."])
    if len(body) > BODY_LIMIT:
        body = body[:BODY_LIMIT] + "\n\n… (cut: see the run's summary)"
    return title, body


def publish(root: Path, base: str, title: str, body: str) -> str:
    """Push :data:`BRANCH` and open or update its one pull request; returns what was done."""
    gh(root, "auth", "setup-git")
    git(root, "push", "--force", "origin", f"HEAD:refs/heads/{BRANCH}")
    open_prs = json.loads(gh(root, "pr", "list", "--head", BRANCH, "--base", base, "--state", "open",
                             "--json", "number") or "[]")
    if open_prs:
        number = str(open_prs[0]["number"])
        gh(root, "pr", "edit", number, "--title", title, "--body", body)
        return f"updated pull request #{number}"
    gh(root, "pr", "create", "--base", base, "--head", BRANCH, "--title", title, "--body", body)
    return "opened a pull request"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="main", help="branch the pull request goes to (default: main)")
    args = parser.parse_args(argv)
    root = Path.cwd()
    try:
        done = import_lists(root, args.base)
        if done is None:
            write_summary(f"## Import OHCHR thematic lists\n\nNo .docx file in `{IMPORTS}/`: nothing to import.")
            return 0
        title, body = done
        what = publish(root, args.base, title, body)
    except Failed as failed:
        write_summary("\n\n".join([f"## {md(failed.title)}",
                                   "Fix what each line says (upload a corrected file, or add the State name to "
                                   "its `states/<iso3>.md`), then the import runs again after the merge.",
                                   *[fenced(p) for p in failed.problems]]))
        return 1
    write_summary(f"## Import OHCHR thematic lists: {what}\n\n{body}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
