"""Zip containers (DOCX, XLSX, ODT, ODS): refused before they are read if they would
decompress past a limit (issue 13, class 5).

A "zip bomb" is a few kilobytes that decompress to gigabytes: one deflated member of
zeros reaches a ratio of about 1,000 to 1, and members can share compressed bytes.
Anything that opens an attachment as a zip (``upr check``'s macro test, the privacy
scan of the built site, python-docx in ``upr import``) first calls :func:`problem`,
which reads only the central directory — the sizes each member declares — and
refuses the file when

* it has more than :data:`MAX_MEMBERS` members,
* the declared sizes add up to more than :data:`MAX_TOTAL` bytes, or
* a member bigger than 1 MB is compressed more than :data:`MAX_RATIO` to 1
  (Office XML compresses 5 to 20 to 1; a spreadsheet of repeated values 100 to 1).

Gzip files (``sitemap.xml.gz``) are read through :func:`gunzip`, which stops at the
same total. Python's :mod:`zipfile` never returns more bytes than a member declares, so a member
that lies about its size cannot get past the limit either: :func:`read_member` reads
at most the declared size plus one byte and refuses a member that holds more.
"""
from __future__ import annotations

import gzip
import io
import zipfile

MAX_MEMBERS = 10_000
MAX_TOTAL = 256 * 1024 * 1024
MAX_RATIO = 200
_BIG = 1024 * 1024


class ArchiveTooBig(ValueError):
    """A zip container over the limits; the message says which."""


def problem(zf: zipfile.ZipFile) -> str | None:
    """What is over the limits in ``zf`` (from its central directory only), or None."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        return f"it holds {len(infos):,} files (at most {MAX_MEMBERS:,})"
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_TOTAL:
            return f"it would decompress to more than {MAX_TOTAL // (1024 * 1024):,} MB"
        if info.file_size > _BIG and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            return (f"'{info.filename}' inside it is compressed {info.file_size // max(info.compress_size, 1):,} "
                    f"to 1 (a zip bomb; real documents stay under {MAX_RATIO} to 1)")
    return None


def check(zf: zipfile.ZipFile, name: str = "the file") -> None:
    """Raise :class:`ArchiveTooBig` when :func:`problem` finds something."""
    found = problem(zf)
    if found:
        raise ArchiveTooBig(f"{name}: {found}")


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The bytes of one member, never more than it declares (call :func:`check` first)."""
    with zf.open(info) as fh:
        data = fh.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise ArchiveTooBig(f"'{info.filename}' holds more than the size it declares")
    return data


def gunzip(raw: bytes, name: str = "the file") -> bytes:
    """A gzip file's content, refused past :data:`MAX_TOTAL` bytes (read in one bounded
    call: a gzip bomb never fills the memory)."""
    with gzip.GzipFile(fileobj=io.BytesIO(raw)) as fh:
        data = fh.read(MAX_TOTAL + 1)
    if len(data) > MAX_TOTAL:
        raise ArchiveTooBig(f"{name}: it would decompress to more than {MAX_TOTAL // (1024 * 1024):,} MB")
    return data


def check_file(path) -> str | None:
    """:func:`problem` for a file on disk; None also when it is not a zip file at all
    (whoever reads it next says so)."""
    try:
        with zipfile.ZipFile(path) as zf:
            return problem(zf)
    except (zipfile.BadZipFile, OSError):
        return None
