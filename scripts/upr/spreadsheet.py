"""Text in spreadsheets: never a formula (case 38; OWASP "CSV Injection", CWE-1236).

A spreadsheet runs a cell that begins with ``=`` (and, in CSV files, ``+``, ``-``,
``@``, a tab or a carriage return) as a formula: ``=HYPERLINK("https://…?d="&A1,"Open")``
in a note sends the neighbouring cell to another site when someone clicks it, and an
ordinary note that starts with a dash shows ``#NAME?``. Anyone who can get a pull request
merged controls such text, so the platform's spreadsheets are written like this:

* **XLSX** (:func:`xlsx_cell`): every text is a *string* cell (``data_type 's'``), never a
  formula or an error value (openpyxl makes ``=…`` a formula and ``#N/A`` an error by
  itself); a text that begins with a risky sign also gets Excel's "quote prefix" style,
  so that editing the cell does not turn it into a formula either. The value is the text
  as written, byte for byte, except characters XML cannot hold (:mod:`upr.characters`)
  and the end of a text longer than Excel's limit of :data:`EXCEL_MAX` characters per
  cell (Excel refuses to open a file with a longer cell), which ends with
  :data:`TRUNCATED` instead.
* **CSV for spreadsheets** (:func:`csv_cell`): a text that begins with one of
  :data:`RISKY` gets a leading apostrophe ``'`` (what OWASP recommends; spreadsheets show
  the rest as text). Columns that hold real numbers are written as they are.
* **JSON** (machine-readable) keeps the raw text; it says so, and which fields hold Markdown.

``upr check`` warns about a contributed value that looks like a formula
(:func:`formula`), with ``file:line``: the export is safe, but the text is probably a
mistake or an attack.
"""
from __future__ import annotations

import re

from . import characters

#: First characters that make a spreadsheet read a CSV cell as a formula (OWASP).
RISKY = ("=", "+", "-", "@", "\t", "\r")
EXCEL_MAX = 32_767
_QUOTED = RISKY + ("#",)  # '#' too: "#N/A" would be read as an error value
TRUNCATED = " […] (cut: a spreadsheet cell holds at most 32,767 characters; the JSON export has the whole text)"
# =HYPERLINK(…), +SUM(…), -cmd|' /C calc'!A0 (DDE), @SUM(…): a function call or a DDE link
_FUNCTION = re.compile(r"[=+\-@]\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\(")
_DDE = re.compile(r"[=+\-@][^|\n]{0,64}\|[^!\n]{0,256}!")


def formula(value: str) -> str | None:
    """What makes ``value`` look like a formula: ``'"=" (HYPERLINK)'``, ``'"=" '`` or a
    function name after ``+``/``-``/``@``; None for ordinary text. A note that begins with
    a dash, a phone number ``+254 …`` or a handle ``@name`` is ordinary text (the CSV
    export still prefixes it)."""
    text = value.lstrip("\t\r ")
    if not text or text[0] not in "=+-@":
        return None
    call = _FUNCTION.match(text)
    if call:
        return f'"{text[0]}" ({call.group(1).upper()})'
    if _DDE.match(text):
        return f'"{text[0]}" (a link to another program)'
    if text[0] == "=" and len(text) > 1:
        return '"="'
    return None


def formula_warning(value: str, path: str, line: int, what: str):
    """The ``upr check`` warning for ``value`` at ``path:line`` (``what`` names the field),
    or None."""
    from .problems import WARNING, Problem
    found = formula(value)
    if not found:
        return None
    return Problem(path, line, f"{what} starts with {found} and looks like a spreadsheet formula",
                   "write plain text (begin with a word): the site's Excel and CSV downloads show it as text, "
                   "but whoever copies it into a spreadsheet would run it", severity=WARNING)


def csv_cell(value) -> str:
    """A value for a CSV file meant for spreadsheets: ``'`` before a text that begins with
    one of :data:`RISKY`; characters that are not text removed (:func:`upr.characters.clean`)."""
    if value is None:
        return ""
    text = str(value)
    return ("'" if text.startswith(RISKY) else "") + characters.clean(text)


def csv_row(values, numeric=frozenset()) -> list[str]:
    """:func:`csv_cell` on every value but those at the indexes in ``numeric`` (columns of
    real numbers: a negative number stays a number). One search for characters that are
    not text per row, not per cell (the corpus has 60,000 rows)."""
    texts = ["" if v is None else str(v) for v in values]
    texts = [x if i in numeric or not x.startswith(RISKY) else "'" + x for i, x in enumerate(texts)]
    if characters.has_forbidden("".join(texts)):
        texts = [characters.clean(x) for x in texts]
    return texts


def xlsx_text(value: str) -> str:
    """The text an XLSX cell holds: cleaned of what XML cannot hold, cut at :data:`EXCEL_MAX`."""
    text = characters.clean(value)  # a no-op, fast, on ordinary text
    if len(text) > EXCEL_MAX:
        text = text[:EXCEL_MAX - len(TRUNCATED)] + TRUNCATED
    return text


def xlsx_cell(ws, value):
    """A write-only cell for ``value``: a number stays a number, a text is a string cell
    (never ``'f'`` formula or ``'e'`` error value) with the quote-prefix style when it
    begins with a risky sign; ``None`` stays an empty cell."""
    from openpyxl.cell import WriteOnlyCell
    if value is None:
        return None
    if not isinstance(value, str):
        return WriteOnlyCell(ws, value=value)
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"  # after the value: openpyxl itself makes "=…" a formula and "#N/A" an error
    if value.startswith(_QUOTED):
        cell.quotePrefix = True
    return cell


def xlsx_row(ws, values: list) -> list:
    """A row for a write-only worksheet's ``append``: texts through :func:`xlsx_text`; when
    one of them begins with a risky sign (or ``#``, Excel's error values), every value is
    its own :func:`xlsx_cell` (openpyxl reuses the last cell object of a row for the plain
    values after it, styles included, so a row is either all plain values or all cells)."""
    strings = [v for v in values if isinstance(v, str)]
    if characters.has_forbidden("".join(strings)) or any(len(v) > EXCEL_MAX for v in strings):
        values = [xlsx_text(v) if isinstance(v, str) else v for v in values]
    if any(isinstance(v, str) and v.startswith(_QUOTED) for v in values):
        return [xlsx_cell(ws, v) for v in values]
    return list(values)


# --- the content kind --------------------------------------------------------------------------

_TEXT_FIELDS = ("text", "paragraph", "source_symbol", "source_dataset")
_LIST_FIELDS = ("issues", "affected_persons", "sdgs")


def load(settings, content=None):
    """Warnings for imported recommendation texts (``states/recommendations/*.csv``, which a
    pull request can edit) that look like formulas. Hand-written YAML and Markdown are
    checked as they are read (:mod:`upr.yamlio`). Returns ``(None, problems)``."""
    corpus = getattr(content, "kinds", {}).get("recommendations") if content is not None else None
    if corpus is None:
        return None, []
    problems = []
    for iso3, recs in getattr(corpus, "by_state", {}).items():
        shown = settings.rel(corpus.files[iso3]) if iso3 in getattr(corpus, "files", {}) else iso3
        for rec in recs:
            values = [(name, getattr(rec, name)) for name in _TEXT_FIELDS]
            values += [(name, item) for name in _LIST_FIELDS for item in getattr(rec, name)]
            for name, value in values:
                if value[:1] in "=+-@\t" and formula(value):
                    problems.append(formula_warning(value, shown, rec.line, name))
    return None, problems
