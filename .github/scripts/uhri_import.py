"""The git and pull-request part of the weekly UHRI import (.github/workflows/uhri-import.yml).

Two steps, in two jobs, so that the job that reads 360 MB from outside holds no
write token and the job that holds one runs no import:

    python .github/scripts/uhri_import.py prepare --export FILE --out DIR [--download-report FILE]
        (job "import", contents: read) runs ``upr import recommendations FILE`` in a
        subprocess. Problems: the repository is put back as it was, the import's
        messages go to the run summary, exit 1. No change: the summary says "no
        change", output changed=false. A change: DIR gets uhri.patch (git diff of
        states/) and body.md (``upr diffsummary``, and the errors ``upr check`` finds
        after the import but not before: checks do not start by themselves on a
        pull request opened by a workflow), output changed=true.

    python .github/scripts/uhri_import.py publish --change DIR [--branch data/uhri-import] [--base main]
        (job "pull-request", contents: write, pull-requests: write) applies
        uhri.patch to a clean checkout of main, commits it on the ONE branch
        ``data/uhri-import`` (rebuilt from main each run, pushed with
        --force-with-lease; never to main) and opens the pull request, or updates
        the open one, with body.md as its body. A branch that carries someone
        else's commits is never overwritten: the run says so and stops.

Only the standard library, git and ``gh`` (argument lists, never a shell line; git
gets the token from ``gh auth git-credential``). Everything said goes to stdout and
to the run summary (``--summary``, default ``$GITHUB_STEP_SUMMARY``).
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

BRANCH = "data/uhri-import"
TITLE = "Recommendations: weekly import of the UHRI export"
LABEL = "data import"
DATA = "states"                      # what the import may change; the patch covers this folder only
BOT_NAME = "github-actions[bot]"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"
MAX_BODY = 60_000                    # GitHub refuses pull request bodies over 65,536 characters
MAX_LOG_LINES = 200
# git over https with the workflow token, without storing it (actions/checkout persists nothing)
CREDENTIALS = ["-c", "credential.helper=", "-c", "credential.helper=!gh auth git-credential"]


class Stop(Exception):
    """Stop with this Markdown in the run summary (exit 1)."""


def git(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], check=check, capture_output=True, text=True)


def gh(*args: str) -> str:
    return subprocess.run(["gh", *args], check=True, capture_output=True, text=True).stdout


def say(summary: str | None, text: str) -> None:
    print(text)
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(text.rstrip("\n") + "\n\n")


def code_block(text: str) -> str:
    """``text`` in a fence longer than any run of backticks inside it (never rendered)."""
    fence = "`" * max(3, max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence}text\n{text.rstrip()}\n{fence}"


def shorten(text: str, lines: int = MAX_LOG_LINES) -> str:
    rows = text.rstrip().splitlines()
    if len(rows) <= lines:
        return "\n".join(rows)
    return "\n".join(rows[:lines - 3] + [f"… {len(rows) - lines + 1:,} more lines …"] + rows[-2:])


def shown(cmd: list[str]) -> str:
    """A command without its ``-c name=value`` options, for messages."""
    words, skip = [], False
    for word in cmd:
        if skip or word == "-c":
            skip = not skip
            continue
        words.append(word)
    return " ".join(words[:3])


def run_url() -> str:
    parts = [os.environ.get(k, "") for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")]
    return f"{parts[0]}/{parts[1]}/actions/runs/{parts[2]}" if all(parts) else ""


def write_output(path: str | None, **values: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            for key, value in values.items():
                fh.write(f"{key}={value}\n")


# --- job "import": contents: read ---------------------------------------------------------

def restore_data() -> None:
    """Put ``states/`` back as committed (it was clean before the import ran)."""
    git("checkout", "--", DATA)
    git("clean", "-fdq", "--", DATA)


def intro(report: dict) -> str:
    when = str(report.get("downloaded", "")) or datetime.date.today().isoformat()
    figures = ""
    if report:
        figures = (f" ({report.get('bytes', 0) / 1e6:,.1f} MB, {report.get('annotations', 0):,} annotations, "
                   f"{report.get('upr_recommendations', 0):,} of them UPR recommendations)")
    run = run_url()
    return ("This pull request is opened by the weekly UHRI import (`.github/workflows/uhri-import.yml`"
            + (f", [run]({run})" if run else "") + "): OHCHR's Universal Human Rights Index export, "
            f"downloaded on {when}{figures}, imported with `upr import recommendations`.\n\n"
            "Review the change below, then merge. Each weekly run rebuilds this branch from main and rewrites "
            "this text: do not push to the branch (a run that finds someone else's commits on it stops "
            "instead of overwriting them). To correct data, change the importer or the State files in another "
            "pull request. Checks do not start by themselves on a pull request opened by a workflow: close "
            "and reopen it to run them.\n\n")


def check_errors(upr: str) -> list[str]:
    """The error lines of ``upr check`` (warnings left out)."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}  # no annotations for main's problems
    result = subprocess.run([upr, "check"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    return [line for line in result.stdout.splitlines()
            if re.match(r"^[^\s:][^:]*:\d+: ", line) and not re.match(r"^[^:]+:\d+: warning:", line)]


def prepare(args) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    dirty = git("status", "--porcelain", "--untracked-files=all", "--", DATA).stdout
    if dirty.strip():
        raise Stop("## UHRI import: not run\n\n`states/` has changes that are not committed; the import would "
                   "mix with them. Nothing was imported.\n\n" + code_block(shorten(dirty, 20)))
    before = set(check_errors(args.upr))  # problems main already has are not this import's
    imported = subprocess.run([args.upr, "import", "recommendations", args.export],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log = imported.stdout or ""
    (out / "import.log").write_text(log, encoding="utf-8")
    if imported.returncode != 0:
        restore_data()
        raise Stop(
            "## UHRI import: the import found problems\n\n"
            f"The UHRI export was downloaded whole, but `upr import recommendations` refused it "
            f"(exit {imported.returncode}). **Nothing was imported and the repository is unchanged** "
            "(no branch, no pull request).\n\n"
            "What the import said:\n\n" + code_block(shorten(log)) + "\n\n"
            "Each problem names the row and column of the export. Unknown State names: add the spelling "
            "to `aliases` in `states/<iso3>.md`; an assessment citing a recommendation the export no longer "
            "has: check it on uhri.ohchr.org and correct the assessment; a new layout: the importer needs a "
            "change. Then run the workflow again (Actions → Import UHRI recommendations → Run workflow).")
    git("add", "-A", "--", DATA)
    patch = git("diff", "--cached", "--binary", "--", DATA).stdout
    elsewhere = [line[3:] for line in git("status", "--porcelain", "--untracked-files=all").stdout.splitlines()
                 if not line[3:].startswith(DATA + "/")]
    note = (f"\n\nThe import also changed files outside `{DATA}/`, left out of the pull request: "
            + ", ".join(f"`{p}`" for p in elsewhere[:20])) if elsewhere else ""
    last = (log.strip().splitlines() or [""])[-1]
    if not patch.strip():
        write_output(args.github_output, changed="false")
        say(args.summary, "## UHRI import: no change\n\nThe UHRI export gives exactly the recommendations "
            f"main already has: no change, so no pull request.\n\n{code_block(last)}{note}")
        return 0
    (out / "uhri.patch").write_text(patch, encoding="utf-8")
    summary = subprocess.run([args.upr, "diffsummary", "--base", args.base, "--footer", ""],
                             check=True, capture_output=True, text=True).stdout
    report = json.loads(Path(args.download_report).read_text(encoding="utf-8")) if args.download_report else {}
    new_errors = [line for line in check_errors(args.upr) if line not in before]
    broken = ""
    if new_errors:
        broken = ("### ⚠ `upr check` finds problems this change brings\n\n"
                  f"Merged as it is, this change would stop the site's build ({len(new_errors):,} error(s) that "
                  "main does not have). Correct what each line names (or the importer) in another pull request "
                  "first; the next run updates this one.\n\n" + code_block(shorten("\n".join(new_errors), 60))
                  + "\n\n")
    messages = shorten(log, 60)
    body = (intro(report) + broken + summary + "\n<details><summary>What the import said</summary>\n\n"
            + code_block(messages) + "\n\n</details>\n")
    if len(body) > MAX_BODY:
        body = body[:MAX_BODY - 200].rsplit("\n", 1)[0] + "\n\n… (cut: the run's log has the rest)\n"
    (out / "body.md").write_text(body, encoding="utf-8")
    write_output(args.github_output, changed="true")
    say(args.summary, "## UHRI import: recommendations changed\n\nThe next job opens or updates the pull "
        f"request `{args.branch}`.{note}\n\n" + broken + summary)
    return 0


# --- job "pull-request": contents: write, pull-requests: write ------------------------------

def remote_branch(branch: str) -> str:
    """The commit the remote branch points to, or "" when it does not exist."""
    found = git(*CREDENTIALS, "ls-remote", "--heads", "origin", f"refs/heads/{branch}").stdout.split()
    return found[0] if found else ""


def foreign_commits(tip: str) -> list[str]:
    """Commits on the remote branch, not on main, that the workflow did not make."""
    rows = git("log", "--format=%h %ce %an", tip, "--not", "HEAD~1").stdout.splitlines()
    return [row for row in rows if row.split(" ")[1:2] != [BOT_EMAIL]]


def open_pull_request(branch: str, base: str) -> dict | None:
    found = json.loads(gh("pr", "list", "--head", branch, "--base", base, "--state", "open",
                          "--json", "number,url", "--limit", "5") or "[]")
    return found[0] if found else None


def publish(args) -> int:
    change = Path(args.change)
    patch, body = change / "uhri.patch", change / "body.md"
    if not patch.is_file() or not patch.read_text(encoding="utf-8").strip():
        say(args.summary, "## UHRI import: no change\n\nNothing to publish: no pull request opened or updated.")
        return 0
    if git("status", "--porcelain").stdout.strip():
        raise Stop("## UHRI import: not published\n\nThe checkout is not clean; the pull request was not "
                   "touched.")
    applied = git("apply", "--index", "--binary", str(patch), check=False)
    if applied.returncode:
        raise Stop("## UHRI import: not published\n\nThe imported change no longer applies to "
                   f"`{args.base}` (it changed during this run?): nothing was pushed. Run the workflow again.\n\n"
                   + code_block(shorten(applied.stderr, 20)))
    git("-c", f"user.name={BOT_NAME}", "-c", f"user.email={BOT_EMAIL}", "commit", "--quiet",
        "--message", f"{TITLE}\n\nWritten by .github/workflows/uhri-import.yml {run_url()}".rstrip())
    tip = remote_branch(args.branch)
    if tip:
        git(*CREDENTIALS, "fetch", "--quiet", "--no-tags", "origin",
            f"+refs/heads/{args.branch}:refs/remotes/origin/{args.branch}")
        foreign = foreign_commits(tip)
        if foreign:
            raise Stop(f"## UHRI import: not published\n\nThe branch `{args.branch}` has commits the workflow "
                       "did not make, and this run does not overwrite them:\n\n" + code_block("\n".join(foreign))
                       + "\n\nMerge or close its pull request and delete the branch; the next run opens a new one.")
    same = bool(tip) and not git("diff", "--quiet", "HEAD", tip, check=False).returncode
    if not same:
        git(*CREDENTIALS, "push", "--quiet", f"--force-with-lease=refs/heads/{args.branch}:{tip}", "origin",
            f"HEAD:refs/heads/{args.branch}")
    pr = open_pull_request(args.branch, args.base)
    if pr:
        gh("pr", "edit", str(pr["number"]), "--title", TITLE, "--body-file", str(body))
        what = f"Updated pull request #{pr['number']} ({pr['url']})"
    else:
        gh("label", "create", LABEL, "--force", "--color", "0e8a16",
           "--description", "Data imported by a workflow (UHRI, OHCHR lists)")
        url = gh("pr", "create", "--base", args.base, "--head", args.branch, "--title", TITLE,
                 "--body-file", str(body), "--label", LABEL).strip()
        what = f"Opened pull request {url}"
    pushed = "the branch already had this change" if same else f"pushed to `{args.branch}`"
    say(args.summary, f"## UHRI import: pull request ready\n\n{what}; {pushed}. Main is unchanged until a "
        "maintainer merges it.")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="step", required=True)
    p = sub.add_parser("prepare", help="import the export; write uhri.patch and body.md into --out")
    p.add_argument("--export", required=True, help="the downloaded UHRI export (upr fetch uhri)")
    p.add_argument("--out", required=True, help="folder for uhri.patch, body.md and import.log")
    p.add_argument("--download-report", help="figures written by upr fetch uhri --report")
    p.add_argument("--upr", default="upr", help="the upr command (default: upr on PATH)")
    p.add_argument("--branch", default=BRANCH)
    p.add_argument("--base", default="main", help="the branch checked out, that the pull request goes to")
    p.add_argument("--github-output", default=os.environ.get("GITHUB_OUTPUT"))
    p.set_defaults(func=prepare)
    q = sub.add_parser("publish", help="commit uhri.patch on the branch and open or update the pull request")
    q.add_argument("--change", required=True, help="the folder written by prepare")
    q.add_argument("--branch", default=BRANCH)
    q.add_argument("--base", default="main")
    q.set_defaults(func=publish)
    for parser in (p, q):
        parser.add_argument("--summary", default=os.environ.get("GITHUB_STEP_SUMMARY"))
    args = ap.parse_args(argv)
    try:
        return args.func(args)
    except Stop as stop:
        say(args.summary, str(stop))
        return 1
    except subprocess.CalledProcessError as exc:
        say(args.summary, f"## UHRI import: stopped\n\n`{shown(exc.cmd)}` failed (exit {exc.returncode}); "
            "main is unchanged.\n\n" + code_block(shorten((exc.stderr or "") + (exc.stdout or ""), 40)))
        return 1


if __name__ == "__main__":
    sys.exit(main())
