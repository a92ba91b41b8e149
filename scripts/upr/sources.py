"""``sources/``: the raw files the platform's data is built from, kept in the repository.

``sources/README.md`` lists every file with its origin, licence and SHA-256 in one
Markdown table (``| `path` | bytes | origin | licence | `sha256` |``). :func:`load`
reports a listed file that is missing or whose bytes changed, a file that is not
listed, and a symbolic link (never followed: a link could publish a file from
outside the repository; :mod:`upr.repofiles` is the one walker). The table is the one record of what the sources are, so
that a clone with nothing beside it can rebuild and test everything.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from . import repofiles
from .problems import Problem

INDEX = "README.md"
DOCUMENTS = ("README.md", "SOURCES.md", "UHRI.md")  # descriptions, not data
_ROW = re.compile(r"^\|\s*`(?P<path>[^`]+)`\s*\|.*\|\s*`(?P<sha>[0-9a-f]{64})`\s*\|\s*$")


@dataclass(frozen=True)
class SourceFile:
    path: str      # relative to sources/, forward slashes
    sha256: str
    line: int      # line of its row in sources/README.md


def sources_dir(settings) -> Path:
    return settings.root / "sources"


def read_index(folder: Path) -> list[SourceFile]:
    """The rows of ``sources/README.md`` (empty when there is no index)."""
    index = folder / INDEX
    if not repofiles.is_regular(index):
        return []
    out = []
    for n, line in enumerate(index.read_text(encoding="utf-8").splitlines(), start=1):
        m = _ROW.match(line)
        if m:
            out.append(SourceFile(m.group("path"), m.group("sha"), n))
    return out


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load(settings, content=None) -> tuple[list[SourceFile], list[Problem]]:
    folder = sources_dir(settings)
    if not folder.is_dir():
        return [], []
    shown_index = settings.rel(folder / INDEX)
    listed = read_index(folder)
    problems: list[Problem] = []
    seen: set[str] = set()
    for item in listed:
        seen.add(item.path)
        path = folder / item.path
        if os.path.lexists(path) and not repofiles.is_regular(path) and not repofiles.is_real_dir(path):
            continue  # a link: reported below, with every other link
        if not path.is_file():
            problems.append(Problem(shown_index, item.line, f"sources/{item.path} is listed but missing",
                                    "put the file back (byte for byte as downloaded) or remove its row"))
        elif sha256(path) != item.sha256:
            problems.append(Problem(
                shown_index, item.line, f"sources/{item.path} has changed since it was recorded "
                f"(its SHA-256 is now {sha256(path)})",
                "sources are kept as downloaded: restore the file, or, if you replaced it with a newer "
                "download on purpose, write the new SHA-256 in this row and describe the file in SOURCES.md"))
    for path in repofiles.entries(folder):  # the one walker: links listed, never followed
        rel = path.relative_to(folder).as_posix()
        unsafe = repofiles.problem_of(path, settings.rel(path))
        if unsafe:
            problems.append(unsafe)  # the same Problem upr.repofiles reports: shown once
        elif repofiles.is_regular(path) and rel not in seen and rel not in DOCUMENTS:
            problems.append(Problem(settings.rel(path), 0, "is not listed in sources/README.md",
                                    f"add a row: | `{rel}` | bytes | origin | licence | `{sha256(path)}` |"))
    return listed, problems
