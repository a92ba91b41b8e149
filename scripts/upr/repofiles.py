"""The one way to list and read the repository's content files: links are never followed.

A pull request can carry a symbolic link (``docs/notes.md -> /etc/passwd``, or a whole
folder ``groups/x -> /home``). Git stores it as a link, and any code that walks the
folders with ``rglob``/``iterdir`` or reads a path with ``read_bytes`` follows it and
publishes whatever is at the other end on the machine that builds the site. So every
listing and every read of content goes through this module (issue 13, class 3):

* :func:`files`, :func:`subdirs` and :func:`entries` walk with ``os.walk(followlinks=False)``
  and ``lstat``: they never descend into a linked folder and never return a link, a
  hard link (a file whose bytes are also somewhere else, possibly outside the
  repository), or a special file (a FIFO would hang the build);
* :func:`read_bytes` refuses a path when it, or any folder between it and the
  repository root, is a link, and opens it with ``O_NOFOLLOW`` (so the check and the
  read see the same file);
* :func:`load` is the content kind (``upr check``) that reports each such entry in
  ``states/``, ``groups/``, ``tools_library/``, ``docs/``, ``sources/`` and ``imports/``
  as ``path:1: … — …``, once, with the same :class:`~upr.problems.Problem` the readers
  raise (so the report shows it once).

``upr check``, ``upr generate`` and ``upr build --force`` all use these functions: a link
is an error in the first and is skipped, never read, in the others.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable, Iterator

from .problems import Problem

# Folders whose files are content, relative to the repository root.
CONTENT_DIRS = ("states", "groups", "tools_library", "docs", "sources", "imports")

LINK = "is a symbolic link; links are never followed"
LINK_FIX = "put the file itself here, not a link to it"
HARD_LINK = "is a hard link (its bytes are also stored under another name, maybe outside the repository)"
HARD_LINK_FIX = "put a copy of the file here instead of a link"
SPECIAL = "is not an ordinary file or folder (a device, pipe or socket)"
SPECIAL_FIX = "delete it; only ordinary files belong in the repository"


class UnsafeFile(OSError):
    """A path that must not be read; ``problem`` says why (as ``upr check`` shows it)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.format())
        self.problem = problem


def _why(st: os.stat_result) -> tuple[str, str] | None:
    """(message, fix) when an lstat result is not an ordinary file or folder."""
    if stat.S_ISLNK(st.st_mode):
        return LINK, LINK_FIX
    if stat.S_ISDIR(st.st_mode):
        return None
    if not stat.S_ISREG(st.st_mode):
        return SPECIAL, SPECIAL_FIX
    if st.st_nlink > 1:
        return HARD_LINK, HARD_LINK_FIX
    return None


def problem_of(path: Path, shown: str) -> Problem | None:
    """The problem with ``path`` itself (link, hard link, special file), or None."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    why = _why(st)
    return Problem(shown, 1, why[0], why[1]) if why else None


def is_regular(path: Path) -> bool:
    """True for an ordinary file that is not a link and has no other name (no hard link)."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and _why(st) is None


def is_real_dir(path: Path) -> bool:
    """True for a folder that is not a link to one."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def entries(folder: Path) -> Iterator[Path]:
    """Every entry below ``folder`` (files, folders, links), sorted, without following
    links: a linked folder is listed but not entered. Nothing when ``folder`` itself is
    a link or is missing."""
    folder = Path(folder)
    if not is_real_dir(folder):
        return
    found: list[Path] = []
    for top, dirs, names in os.walk(folder, followlinks=False):
        for name in dirs + names:
            found.append(Path(top) / name)
    yield from sorted(found)


def files(folder: Path, suffixes: Iterable[str] | None = None, recursive: bool = True) -> list[Path]:
    """Ordinary files below ``folder`` (see :func:`is_regular`), sorted; with
    ``suffixes`` (``(".md", ".yml")``) only those; without ``recursive`` only the
    folder's own files."""
    wanted = tuple(suffixes) if suffixes is not None else None
    folder = Path(folder)
    if recursive:
        candidates: Iterable[Path] = entries(folder)
    elif is_real_dir(folder):
        candidates = sorted(folder.iterdir())
    else:
        candidates = []
    return [p for p in candidates
            if (wanted is None or p.suffix.lower() in wanted) and is_regular(p)]


def subdirs(folder: Path) -> list[Path]:
    """The folders directly in ``folder`` that are real folders (not links), sorted."""
    folder = Path(folder)
    if not is_real_dir(folder):
        return []
    return sorted(p for p in folder.iterdir() if is_real_dir(p))


def _root_of(path: Path) -> Path | None:
    for parent in path.parents:
        if (parent / "mkdocs.yml").is_file() and (parent / "scripts").is_dir():
            return parent
    return None


def read_bytes(path: Path | str, shown: str | None = None) -> bytes:
    """The bytes of an ordinary file; raises :class:`UnsafeFile` when the file, or a
    folder between it and the repository root, is a link (or the file is a hard link
    or a special file). A missing file raises ``FileNotFoundError`` as usual."""
    path = Path(os.path.abspath(path))
    shown = shown or str(path)
    root = _root_of(path)
    if root is not None:
        for parent in path.parents:
            if parent == root:
                break
            if os.path.islink(parent):
                raise UnsafeFile(Problem(shown, 1, f"is inside a folder that {LINK}", LINK_FIX))
    problem = problem_of(path, shown)
    if problem:
        raise UnsafeFile(problem)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if os.path.islink(path):  # replaced by a link since the check
            raise UnsafeFile(Problem(shown, 1, LINK, LINK_FIX)) from None
        raise exc
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_nlink > 1:
            raise UnsafeFile(Problem(shown, 1, SPECIAL if not stat.S_ISREG(st.st_mode) else HARD_LINK,
                                     SPECIAL_FIX if not stat.S_ISREG(st.st_mode) else HARD_LINK_FIX))
        return fh.read()


def read_text(path: Path | str, shown: str | None = None, encoding: str = "utf-8") -> str:
    return read_bytes(path, shown).decode(encoding)


def problems(settings, dirs: Iterable[str] = CONTENT_DIRS) -> list[Problem]:
    """One problem per link, hard link or special file in the content folders (a
    content folder that is itself a link included)."""
    found: list[Problem] = []
    for name in dirs:
        folder = settings.root / name
        top = problem_of(folder, name)
        if top:
            found.append(top)
            continue
        for path in entries(folder):
            problem = problem_of(path, settings.rel(path))
            if problem:
                found.append(problem)
    return found


def load(settings, content=None) -> tuple[None, list[Problem]]:
    """``upr check``: every link, hard link and special file in content (a kind without models)."""
    return None, problems(settings)
