"""Robust reading of CSV files that come from outside (exports, Excel re-saves).

What real files do (cases 13, 18, 31; SOURCES.md):

* encodings: UTF-8 with or without BOM (UPR Info 2018 export), Windows-1252 when
  Excel saves "CSV" on Windows, Mac Roman for the classic-Mac 2015 export (CR-only
  line endings). We try UTF-8 (BOM dropped) first, then Mac Roman for CR-only files,
  then Windows-1252; text that still looks garbled (``Ã©``, C1 control characters)
  is rejected rather than stored;
* delimiters ``;``, ``,`` or tab, sniffed from the header line;
* line endings CRLF, LF or CR, and line breaks *inside* quoted fields: every record
  carries the PHYSICAL line it starts on, so messages cite the line people see in
  an editor;
* an unclosed quote makes Python's csv module swallow the rest of the file into one
  field without an error: we detect it (a last record with the wrong number of
  fields that runs to the end of the file) and report the line where it starts.

Nothing here knows about UPR: see :mod:`upr.importers.upr_info` for the layouts.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import repofiles
from ..problems import WARNING, Problem

_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
# Mojibake: UTF-8 read as Latin-1/cp1252 ("Ã©", "â€™"), or C1 controls that no real text has.
_MOJIBAKE = re.compile(r"[\x80-\x9f]|Ã[\x80-\xbf¡-¿]|â€")

ENCODING_FIX = 'save the file as UTF-8 (in Excel: "Save as" → "CSV UTF-8 (comma delimited)")'


@dataclass
class Table:
    """A CSV file read into records. ``records`` is a list of ``(line, fields)``
    where ``line`` is the 1-based physical line the record starts on."""

    display: str
    header: list[str]
    records: list[tuple[int, list[str]]] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str = ","


def decode(raw: bytes, display: str) -> tuple[str | None, str, list[Problem]]:
    """Decode file bytes. Returns ``(text, encoding, problems)``; text is None when
    the bytes are in no encoding we accept (a problem names the line)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    else:
        cr_only = b"\r" in raw and b"\n" not in raw
        candidates = ["utf-8", "mac_roman" if cr_only else "cp1252"]
    first_error: UnicodeDecodeError | None = None
    for encoding in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
            continue
        bad = _MOJIBAKE.search(text) if not encoding.startswith("utf-8") else None
        if bad:
            line = _line_of_offset(text, bad.start())
            return None, encoding, [Problem(
                display, line, f"the text looks garbled ('{bad.group()!r}' read as {encoding}): "
                "the file was probably converted between encodings", ENCODING_FIX)]
        return text, encoding, []
    assert first_error is not None
    line = raw[:first_error.start].count(b"\n") + 1 if b"\n" in raw else raw[:first_error.start].count(b"\r") + 1
    byte = raw[first_error.start]
    return None, "", [Problem(display, line, f"file is not UTF-8 (byte 0x{byte:02X})", ENCODING_FIX)]


def _cp1252_char(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(b)  # the 5 bytes cp1252 leaves undefined pass through as Latin-1


_CONT = "".join(re.escape(_cp1252_char(b)) for b in range(0x80, 0xC0))
_LEAD = "".join(re.escape(_cp1252_char(b)) for b in range(0xC2, 0xF5))
_MOJIBAKE_SEQ = re.compile(f"[{_LEAD}][{_CONT}]+")


def _to_bytes(text: str) -> bytes:
    return b"".join(c.encode("cp1252") if c.encode("cp1252", "ignore") else c.encode("latin-1")
                    for c in text)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was once read as Windows-1252 (``GuaranÃ­`` -> ``Guaraní``),
    as found in 3 rows of the real UPR Info 2018 export. Each suspicious sequence
    is re-encoded and kept only if it is valid UTF-8, so ordinary text is unchanged."""
    def fix(match: re.Match) -> str:
        try:
            return _to_bytes(match.group()).decode("utf-8")
        except (UnicodeDecodeError, UnicodeEncodeError):
            return match.group()
    return _MOJIBAKE_SEQ.sub(fix, text)


def _line_of_offset(text: str, offset: int) -> int:
    prefix = text[:offset]
    return prefix.count("\n") + prefix.count("\r") - prefix.count("\r\n") + 1


def sniff_delimiter(header_line: str) -> str:
    """``;``, ``,`` or tab: whichever occurs most in the header line (``;`` wins ties,
    as in UPR Info exports)."""
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    return max((";", ",", "\t"), key=lambda d: counts[d])


def duplicate_columns(header: list[str]) -> str | None:
    """``"Rgrp (columns 2 and 6), Org (columns 3 and 7)"`` or None."""
    seen: dict[str, list[int]] = {}
    for i, name in enumerate(header, 1):
        seen.setdefault(name.strip(), []).append(i)
    dups = [(n, cols) for n, cols in seen.items() if len(cols) > 1]
    if not dups:
        return None
    return ", ".join(f"{n} (columns {' and '.join(map(str, cols))})" for n, cols in dups)


def read_table(path: Path, display: str) -> tuple[Table | None, list[Problem]]:
    """Read a CSV file whose first record is a header. Every record must have as many
    fields as the header; each bad record is a problem ``display:line``. Returns
    ``(None, problems)`` when the file cannot be read at all."""
    try:  # never through a symbolic link (issue 13)
        raw = repofiles.read_bytes(path, display)
    except repofiles.UnsafeFile as exc:
        return None, [exc.problem]
    text, encoding, problems = decode(raw, display)
    if text is None:
        return None, problems
    lines = _LINES.findall(text)
    if not lines:
        return None, [Problem(display, 1, "the file is empty", "export the data again, with its header row")]
    delimiter = sniff_delimiter(lines[0])
    reader = csv.reader(iter(lines), delimiter=delimiter)
    table: Table | None = None
    start = 1
    records: list[tuple[int, list[str]]] = []
    for row in reader:
        line, start = start, reader.line_num + 1
        if table is None:
            table = Table(display, [h.strip() for h in row], records, encoding, delimiter)
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # blank line
        if encoding.startswith("utf-8") and any(_MOJIBAKE_SEQ.search(f) for f in row):
            fixed = [repair_mojibake(f) for f in row]
            if fixed != row:
                problems.append(Problem(display, line, "garbled characters repaired (UTF-8 once read as "
                                        "Windows-1252): " + ", ".join(
                                            f"'{a}' -> '{b}'" for a, b in zip(row, fixed) if a != b)[:300],
                                        "fix the source if you can", severity=WARNING))
                row = fixed
        records.append((line, row))
    if table is None:
        return None, [Problem(display, 1, "the file has no header row", "export the data again, with its header row")]
    width = len(table.header)
    good = []
    for i, (line, row) in enumerate(records):
        if len(row) == width:
            good.append((line, row))
            continue
        last = i == len(records) - 1
        if last and len(row) < width and ("\n" in row[-1] or "\r" in row[-1]):
            # csv ran to the end of the file inside a quoted field
            quote_line = line + sum(f.count("\n") + f.count("\r") - f.count("\r\n") for f in row[:-1])
            problems.append(Problem(display, quote_line, "quoted field starting here is never closed",
                                    'add the closing " at the end of the text (a " inside a text is written "")'))
        else:
            problems.append(Problem(
                display, line, f"row has {len(row)} fields, expected {width} (delimiter '{delimiter}')",
                f"check this row for a missing or extra '{delimiter}' or an unbalanced quote"))
    table.records = good
    return table, problems
