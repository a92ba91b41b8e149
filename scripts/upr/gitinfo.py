"""Dates and contributors of content files, from ONE pass over the git history.

A date plugin that asks git once per page costs about 12 s a build on 966 files;
one ``git log --name-only`` over the whole history takes 17 ms (PLATFORM.md). So
:func:`read_history` runs a single ``git log`` (through GitPython) and derives, for
every file, the first and last commit dates and the contributors, and the list of
recent changes to content for the "Recent changes" page and its feed.

Contributors are **names only**: e-mail addresses are personal data and never
leave this module. ``Co-authored-by:`` trailers count as contributors too.

Without git (a downloaded zip), or in a shallow clone, nothing crashes: the
history is empty or partial and :attr:`History.note` says why, for the pages to show.

Measure with ``python -m upr.gitinfo`` (prints the time of the pass and counts).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .mdtext import md_inline
from .mkconfig import repo_url

# Folders whose files are content (shown on the site with dates and contributors).
CONTENT_DIRS = ("states/", "groups/", "tools_library/", "docs/")
_FORMAT = "%x1e%H%x1f%aI%x1f%an%x1f%s%x1f%(trailers:key=Co-authored-by,valueonly,separator=%x1d)"
_EMAIL = re.compile(r"\s*<[^>]*>\s*")


@dataclass(frozen=True)
class Change:
    """One commit that touched content. ``when`` is timezone-aware; ``files`` are
    repository-relative POSIX paths (content files only); ``authors`` names only."""

    sha: str
    when: dt.datetime
    authors: tuple[str, ...]
    subject: str
    files: tuple[str, ...]


@dataclass
class FileHistory:
    """First and last commit date of one file, and who changed it (most recent first)."""

    first: dt.date
    last: dt.date
    contributors: list[str] = field(default_factory=list)
    commits: int = 0


@dataclass
class History:
    """``files``: path -> :class:`FileHistory`; ``changes``: content commits, newest
    first; ``note``: empty, or why the history is missing or partial."""

    files: dict[str, FileHistory] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    note: str = ""
    seconds: float = 0.0

    def of(self, path: str) -> FileHistory | None:
        return self.files.get(path)


def _names(author: str, trailers: str) -> tuple[str, ...]:
    names = [author.strip()]
    for value in trailers.split("\x1d"):
        name = _EMAIL.sub(" ", value).strip()
        if name:
            names.append(name)
    seen: dict[str, None] = {}
    for name in names:
        if name and "@" not in name:  # a bare address as a name is still an address
            seen.setdefault(name, None)
    return tuple(seen)


def parse_log(raw: str) -> list[tuple[str, dt.datetime, tuple[str, ...], str, tuple[str, ...]]]:
    """Parse ``git log -z --name-only --format=<_FORMAT>`` output into
    ``(sha, when, authors, subject, files)`` tuples, newest first."""
    commits = []
    for chunk in raw.split("\x1e")[1:]:
        header, _, rest = chunk.partition("\0")
        parts = header.split("\x1f")
        if len(parts) < 4:
            continue
        sha, when, author, subject = parts[:4]
        trailers = parts[4] if len(parts) > 4 else ""
        files = tuple(f for f in rest.lstrip("\n").split("\0") if f.strip("\n"))
        commits.append((sha, dt.datetime.fromisoformat(when), _names(author, trailers.strip()),
                        subject, files))
    return commits


def read_history(root: Path, content_dirs: tuple[str, ...] = CONTENT_DIRS) -> History:
    """Read the whole history of ``root`` in one ``git log`` pass.

    Never raises: without git, outside a repository or with no commits, returns an
    empty :class:`History` whose ``note`` explains; a shallow clone gives a partial
    history with a note. File names with spaces, apostrophes or non-ASCII letters
    are read exactly (``-z``: no quoting).
    """
    start = time.perf_counter()
    try:
        import git  # GitPython; imported here so that a missing git binary is a note, not a crash
        repo = git.Repo(root, search_parent_directories=False)
        raw = repo.git.log("-z", "--name-only", "--no-renames", f"--format={_FORMAT}",
                           "--", *[d.rstrip("/") for d in content_dirs])
        shallow = repo.git.rev_parse("--is-shallow-repository").strip() == "true"
    except Exception as exc:  # no git binary, not a repository, no commits yet
        return History(note=f"no git history available ({type(exc).__name__}): "
                            "dates and contributors are not shown",
                       seconds=time.perf_counter() - start)
    history = History(note="shallow clone: dates and contributors cover only the fetched history"
                      if shallow else "")
    for sha, when, authors, subject, files in parse_log(raw):
        content = tuple(f for f in files if f.startswith(content_dirs))
        if not content:
            continue
        history.changes.append(Change(sha, when, authors, subject, content))
        for path in content:
            entry = history.files.get(path)
            if entry is None:  # newest commit first: this is the last change
                entry = history.files[path] = FileHistory(first=when.date(), last=when.date())
            entry.first = when.date()
            entry.commits += 1
            for name in authors:
                if name not in entry.contributors:
                    entry.contributors.append(name)
    history.seconds = time.perf_counter() - start
    return history


@functools.lru_cache(maxsize=4)
def _cached(root: str, head: str) -> History:
    return read_history(Path(root))


def history_for(root: Path) -> History:
    """:func:`read_history`, computed once per repository state and build (all
    languages and all page generators share it)."""
    head = ""
    try:
        head = (root / ".git" / "HEAD").read_text(encoding="utf-8")
        if head.startswith("ref: "):
            ref = root / ".git" / head[5:].strip()
            head = ref.read_text(encoding="utf-8") if ref.is_file() else head
    except OSError:
        pass
    return _cached(str(root), head.strip())


def changed_files(root: Path, ref: str) -> set[str]:
    """Repository-relative paths (NFC) changed since ``ref``: committed since the
    merge base of ``ref`` and HEAD, uncommitted, and new untracked files.

    ``-z`` keeps names with spaces, apostrophes and non-ASCII letters exact (no
    quoting); NFC makes a name typed on macOS (NFD) compare equal. Raises
    ``ValueError`` with a hint when ``ref`` is unknown or there is no git.
    """
    import unicodedata
    try:
        import git
        repo = git.Repo(root)
        base = repo.git.merge_base(ref, "HEAD").strip()
        diff = repo.git.diff("-z", "--name-only", "--no-renames", base, "--")
        new = repo.git.ls_files("-z", "--others", "--exclude-standard")
    except Exception as exc:
        raise ValueError(f"cannot compare with '{ref}' ({type(exc).__name__}): give a branch, tag or "
                         "commit that exists here, e.g. origin/main (run git fetch first)") from None
    names = [n for n in (diff + "\0" + new).split("\0") if n]
    return {unicodedata.normalize("NFC", n) for n in names}


_PUBLIC: dict[tuple, History] = {}


def public_history(ctx) -> History:
    """:func:`history_for`, minus what must not be published (issue 8): a change to a
    file marked ``confidential``/``private`` is left out (its path and subject could
    reveal it), and a commit subject or contributor name that contains a private value
    of the content (a confidential member's name …) is withheld. Git history is
    permanent, so this runs on every build rather than trusting the history to be clean.
    """
    from .privacy import collect, is_confidential
    from .yamlio import read_document
    root = ctx.settings.root
    full = history_for(root)
    key = (str(root), id(full), id(getattr(ctx, "content", None)))
    if key in _PUBLIC:
        return _PUBLIC[key]
    try:
        secrets = [v.lower() for v in collect(ctx.settings, getattr(ctx, "content", None))]
    except Exception:  # no content loaded (unit tests of pages): nothing known to be private
        secrets = []
    hidden_files: set[str] = set()
    for path in full.files:
        if path.endswith(".md") and (root / path).is_file():
            try:
                if is_confidential(read_document(root / path, path).meta):
                    hidden_files.add(path)
            except Exception:  # unreadable files are reported by upr check, not here
                continue

    def secret(text: str) -> bool:
        low = text.lower()
        return any(v in low for v in secrets)

    out = History(note=full.note, seconds=full.seconds)
    for change in full.changes:
        files = tuple(f for f in change.files if f not in hidden_files and not secret(f))
        if not files:
            continue
        out.changes.append(Change(change.sha, change.when, tuple(a for a in change.authors if not secret(a)),
                                  WITHHELD if secret(change.subject) else change.subject, files))
    for path, entry in full.files.items():
        if path in hidden_files:
            continue
        out.files[path] = FileHistory(entry.first, entry.last, [n for n in entry.contributors if not secret(n)],
                                      entry.commits)
    _PUBLIC[key] = out
    return out


WITHHELD = "(description withheld: it names information marked confidential)"

LABELS = {
    "en": ("Last updated", "Contributors", "History of this page", "first published"),
    "fr": ("Dernière mise à jour", "Contributeurs et contributrices", "Historique de cette page",
           "publié le"),
    "es": ("Última actualización", "Personas que contribuyeron", "Historial de esta página",
           "publicado el"),
}




def page_footer(ctx, source_path: str) -> str:
    """Markdown for the bottom of the page generated from ``source_path`` (a
    repository-relative path such as ``states/fra.md``): last-updated date,
    contributors and a link to the file's history on GitHub, in ``ctx.lang``.
    Returns ``""`` when the file has no history (new, or no git)."""
    from .i18n import format_day
    lang = getattr(ctx, "lang", "en")
    labels = LABELS.get(lang, LABELS["en"])
    entry = public_history(ctx).of(source_path)
    if entry is None:
        return ""
    names = ", ".join(md_inline(n) for n in entry.contributors)
    colon = "\u00a0: " if lang == "fr" else ": "  # French puts a (no-break) space before the colon
    parts = [f"{labels[0]}{colon}{format_day(entry.last, lang)} ({labels[3]} {format_day(entry.first, lang)})"]
    if names:
        parts.append(f"{labels[1]}{colon}{names}")
    repo = repo_url(ctx.settings.root)
    if repo:
        from urllib.parse import quote
        parts.append(f"[{labels[2]}]({repo}/commits/main/{quote(source_path)})")
    return "\n\n---\n\n<small>" + " · ".join(parts) + "</small>\n"


def main() -> int:
    """Print the cost of one pass and what it found (performance figures)."""
    from .config import find_root
    root = find_root()
    runs = [read_history(root) for _ in range(5)]
    best = min(r.seconds for r in runs)
    h = runs[-1]
    print(f"git history, one pass: {best * 1000:.1f} ms (best of 5), {len(h.changes)} content commits, "
          f"{len(h.files)} content files with dates; note: {h.note or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
