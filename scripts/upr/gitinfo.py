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

from .characters import one_line
from .i18n import N_
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
    blobs: set[tuple[str, str]] = field(default_factory=set, repr=False)  # (path, blob id): every version

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


def _raw_entries(rest: str) -> list[tuple[str, str, str]]:
    """``(path, old blob, new blob)`` from the ``--raw -z`` part of one commit (a blob
    of forty zeros means none); plain ``--name-only`` paths give empty blobs."""
    out = []
    parts = rest.split("\0")
    i = 0
    while i < len(parts):
        token = parts[i].lstrip("\n")
        if token.startswith(":") and i + 1 < len(parts):
            fields = token[1:].split()
            old, new = (fields[2], fields[3]) if len(fields) >= 4 else ("", "")
            out.append((parts[i + 1], old, new))
            i += 2
        else:
            if token.strip("\n"):
                out.append((token, "", ""))
            i += 1
    return out


def parse_log(raw: str) -> list[tuple[str, dt.datetime, tuple[str, ...], str, tuple[str, ...]]]:
    """Parse ``git log -z --raw`` (or ``--name-only``) output with ``--format=<_FORMAT>``
    into ``(sha, when, authors, subject, files)`` tuples, newest first."""
    return [c[:5] for c in _parse(raw)]


def _parse(raw: str):
    commits = []
    for chunk in raw.split("\x1e")[1:]:
        header, _, rest = chunk.partition("\0")
        parts = header.split("\x1f")
        if len(parts) < 4:
            continue
        sha, when, author, subject = parts[:4]
        trailers = parts[4] if len(parts) > 4 else ""
        entries = _raw_entries(rest)
        files = tuple(dict.fromkeys(path for path, _, _ in entries))
        # A subject or a name is contributed text: an escape character in it crashed the Atom
        # feed (lxml refuses control characters; issue 13). One line, nothing that is not text.
        commits.append((sha, dt.datetime.fromisoformat(when),
                        tuple(one_line(n) for n in _names(author, trailers.strip())), one_line(subject),
                        files, entries))
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
        raw = repo.git.log("-z", "--raw", "--no-abbrev", "--no-renames", f"--format={_FORMAT}",
                           "--", *[d.rstrip("/") for d in content_dirs])
        shallow = repo.git.rev_parse("--is-shallow-repository").strip() == "true"
    except Exception as exc:  # no git binary, not a repository, no commits yet
        return History(note=f"no git history available ({type(exc).__name__}): "
                            "dates and contributors are not shown",
                       seconds=time.perf_counter() - start)
    history = History(note="shallow clone: dates and contributors cover only the fetched history"
                      if shallow else "")
    for sha, when, authors, subject, files, entries in _parse(raw):
        content = tuple(f for f in files if f.startswith(content_dirs))
        if not content:
            continue
        history.changes.append(Change(sha, when, authors, subject, content))
        for path, old, new in entries:
            for blob in (old, new):
                if blob and blob.strip("0"):
                    history.blobs.add((path, blob))
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


@dataclass
class PastPrivacy:
    """What the whole history says is private: ``hidden`` paths were a confidential file
    in at least one version; ``values`` were private in at least one version of a file."""

    hidden: set[str] = field(default_factory=set)
    values: dict = field(default_factory=dict)  # value -> privacy.Source


# Lines that can make a version hold private values: a marker or a private field name.
_PRIVATE_LINE = re.compile(
    rb"(?im)^[ \t\-]*[\"']?(?:confidential|private|e[-_]?mail|mail|phone|telephone|tel|mobile|cell|whatsapp|"
    rb"signal|telegram|home_address|personal_[\w]*|private_[\w]*)[\"']?[ \t]*:")
_TEXT_SUFFIXES = (".md", ".yml", ".yaml")
_PAST: dict[tuple[str, str], PastPrivacy] = {}


def historical_private(root: Path) -> PastPrivacy:
    """Read every version of every Markdown/YAML content file in the history (one
    ``git cat-file --batch`` process) and return what any version marked private:
    files once confidential (also after they were deleted or made public) and values
    once private (also after they were removed). Without git: nothing."""
    history = history_for(root)
    key = (str(root), str(id(history)))
    if key in _PAST:
        return _PAST[key]
    from .privacy import Source, values_of_text
    past = PastPrivacy()
    blobs = sorted(b for b in history.blobs if b[0].endswith(_TEXT_SUFFIXES))
    if blobs:
        import git
        odb = git.Repo(root, search_parent_directories=False).odb
        for path, blob in blobs:
            stream = odb.stream(bytes.fromhex(blob))
            if stream.size > 2_000_000:
                continue  # imported data tables, not hand-written contacts or pages
            data = stream.read()
            if not _PRIVATE_LINE.search(data):
                continue
            text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
            found = values_of_text(text, path, ".md" if path.endswith(".md") else ".yml")
            if found.confidential:
                past.hidden.add(path)
            for value, src in found.private.items():
                past.values.setdefault(value, Source(src.path, src.line, f"{src.field}, in an earlier version"))
    _PAST[key] = past
    return past


_PHONE_DIGITS = re.compile(r"(?<![\w/.])\+?\d(?:[ .\-]?\d){9,}(?![\w/])")


def redact(subject: str) -> str:
    """A commit subject without e-mail addresses or phone numbers."""
    from .safety import EMAIL, PHONE
    subject = EMAIL.sub("[e-mail address]", subject)
    subject = PHONE.sub("[phone number]", subject)
    return _PHONE_DIGITS.sub("[phone number]", subject)


_PUBLIC: dict[tuple, History] = {}
SHALLOW_NOTE = ("shallow clone: recent changes are not listed (whether a change touched something confidential is "
                "decided from the whole history); dates and contributors cover only the fetched history")


def public_history(ctx) -> History:
    """:func:`history_for`, minus what must not be published (issues 8 and 13), decided
    from the whole history and today's files: a change is left out entirely (its path,
    subject and authors) when it touched a file that is, or ever was, confidential, or
    when its subject, an author's name or a file name names a value that is, or ever
    was, private. E-mail addresses and phone numbers in subjects are removed. Pages
    keep their dates; their contributors come from the changes that are shown. Git
    history is permanent, so this runs on every build rather than trusting it to be clean.
    """
    from .privacy import collect, hidden_pages, is_hidden_page, text_is_confidential
    from .privatetext import Matcher
    from .yamlio import YamlSyntaxError, read_text
    root = ctx.settings.root
    full = history_for(root)
    key = (str(root), id(full), id(getattr(ctx, "content", None)))
    if key in _PUBLIC:
        return _PUBLIC[key]
    past = historical_private(root)
    values = {**past.values, **collect(ctx.settings, getattr(ctx, "content", None))}
    matcher = Matcher(values)
    hidden = set(past.hidden)
    for path in full.files:  # today's files too (a change not committed yet is not in the history)
        if path.endswith(_TEXT_SUFFIXES) and (root / path).exists():
            try:
                if text_is_confidential(read_text(root / path, path), Path(path).suffix):
                    hidden.add(path)
            except YamlSyntaxError:  # a link or not UTF-8: reported by upr check; never published
                hidden.add(path)
    pages = hidden_pages(ctx.settings)

    def secret_path(path: str) -> bool:
        if path in hidden or (path.startswith("docs/") and is_hidden_page(ctx.settings, path[5:], pages)):
            return True
        return bool(matcher.find(path))

    out = History(note=full.note, seconds=full.seconds)
    shown: list[Change] = []
    shallow = full.note.startswith("shallow")
    if shallow:  # what an older commit marked confidential is unknown here: show no change at all
        out.note = SHALLOW_NOTE
    for change in [] if shallow else full.changes:
        if (any(secret_path(f) for f in change.files) or matcher.find(change.subject)
                or any(matcher.find(a) for a in change.authors)):
            continue
        shown.append(Change(change.sha, change.when, change.authors, redact(change.subject), change.files))
    out.changes = shown
    public_shas = {c.sha for c in shown}
    for change in full.changes:  # newest first, as read_history
        for path in change.files:
            if secret_path(path):
                continue
            entry = out.files.get(path)
            if entry is None:
                entry = out.files[path] = FileHistory(first=change.when.date(), last=change.when.date())
            entry.first = change.when.date()
            entry.commits += 1
            if change.sha in public_shas:
                for name in change.authors:
                    if name not in entry.contributors:
                        entry.contributors.append(name)
    _PUBLIC[key] = out
    return out


LABELS = (N_("Last updated"), N_("Contributors"), N_("History of this page"), N_("first published"))




def page_footer(ctx, source_path: str) -> str:
    """Markdown for the bottom of the page generated from ``source_path`` (a
    repository-relative path such as ``states/fra.md``): last-updated date,
    contributors and a link to the file's history on GitHub, in ``ctx.lang``.
    Returns ``""`` when the file has no history (new, or no git)."""
    from .i18n import format_day
    lang = getattr(ctx, "lang", "en")
    from .i18n import gettext
    labels = [gettext(lang, label) for label in LABELS]
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
