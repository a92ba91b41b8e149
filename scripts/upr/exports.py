"""Downloads of the recommendations and their follow-up: CSV, XLSX, JSON, and the
OHCHR matrix ``.docx`` for one State and cycle.

Every export is built only from public fields: the imported recommendation (see
:data:`upr.recommendations.COLUMNS`) and the *public* assessments
(:attr:`upr.followup.FollowUp.public`: confidential ones are never passed in).
Each function returns bytes, so the site generator writes them with
``ctx.write`` and ``upr export`` writes them to a file.

Columns of CSV/XLSX: the stored columns, lists joined by ``;``, then
``assessment_status``, ``assessment_date``, ``assessed_by`` (the current
assessment), ``assessments`` (how many, history included) and
``assessment_narrative`` (the current assessment's text, Markdown). JSON keeps
lists as lists and carries the whole assessment history of each recommendation.

Who opens what (issue 13, case 38; :mod:`upr.spreadsheet`): CSV and XLSX are for
spreadsheets, so no text in them can become a formula: in XLSX every text is a
string cell with the value as written; in CSV a text that begins with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is written with a leading ``'`` (the
numeric columns :data:`NUMERIC_COLUMNS` are left as they are). JSON is for
scripts: the raw text, nothing prefixed, and a ``fields`` block (:data:`FIELDS`)
that says which fields hold Markdown and that the file is not for spreadsheets.
Characters that are not text (:mod:`upr.characters`) never reach a CSV, XLSX or
Word file.

The bytes are deterministic (no timestamps), so a rebuild leaves unchanged files
untouched.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from typing import Iterable

from . import characters
from .followup import Assessment, FollowUp
from .recommendations import COLUMNS, Recommendation
from .spreadsheet import csv_row, xlsx_row

EXTRA_COLUMNS = ("assessment_status", "assessment_date", "assessed_by", "assessments", "assessment_narrative")
HEADER = COLUMNS + EXTRA_COLUMNS
#: Columns that hold real numbers: never prefixed in the CSV, numbers in the XLSX.
NUMERIC_COLUMNS = ("cycle", "session", "action_category", "assessments")
_NUMERIC = frozenset(HEADER.index(c) for c in NUMERIC_COLUMNS)
FIXED_TIME = dt.datetime(2000, 1, 1)  # docProps dates of XLSX/DOCX: fixed, so output is reproducible
MATRIX_HEADER = ("Recommendation", "Position", "Themes", "Assessment/comments on level of implementation")


def _row(rec: Recommendation, fu: FollowUp) -> list:
    cur = fu.current(rec.id)
    return rec.to_row() + [cur.status if cur else "", cur.date.isoformat() if cur else "",
                           cur.assessed_by if cur else "", str(len(fu.by_recommendation.get(rec.id, ()))),
                           cur.body if cur else ""]


def csv_rows(recs: Iterable[Recommendation], fu: FollowUp) -> str:
    """The CSV lines of ``recs`` without the header (to build per-State and corpus files once),
    for spreadsheets (:func:`upr.spreadsheet.csv_row`: no text begins a formula)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for rec in recs:
        w.writerow(csv_row(_row(rec, fu), _NUMERIC))
    return buf.getvalue()


def csv_file(*parts: str) -> bytes:
    """UTF-8 CSV with a BOM (so Excel opens accents right), CRLF, header :data:`HEADER`,
    then the given :func:`csv_rows` parts."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(HEADER)
    return b"\xef\xbb\xbf" + (buf.getvalue() + "".join(parts)).encode("utf-8")


def to_csv(recs: Iterable[Recommendation], fu: FollowUp) -> bytes:
    """UTF-8 CSV with a BOM, CRLF, header :data:`HEADER`, one row per recommendation."""
    return csv_file(csv_rows(recs, fu))


def _assessment_json(a: Assessment) -> dict:
    return {"status": a.status, "date": a.date.isoformat(), "assessed_by": a.assessed_by,
            "sources": a.sources, "example": a.example, "narrative": a.body, "file": a.path}


def to_records(recs: Iterable[Recommendation], fu: FollowUp) -> list[dict]:
    """Plain dicts: stored fields (lists as lists) + ``assessments`` (newest first)."""
    out = []
    for rec in recs:
        out.append({
            "id": rec.id, "state_under_review": rec.state_under_review, "cycle": rec.cycle,
            "session": rec.session, "paragraph": rec.paragraph, "text": rec.text,
            "recommending_states": rec.recommending_states, "response": rec.response,
            "action_category": rec.action_category, "issues": rec.issues,
            "affected_persons": rec.affected_persons, "sdgs": rec.sdgs,
            "source_dataset": rec.source_dataset, "source_symbol": rec.source_symbol,
            "source_rows": rec.source_rows,
            "assessments": [_assessment_json(a) for a in fu.history(rec.id)],
        })
    return out


def json_items(recs: Iterable[Recommendation], fu: FollowUp) -> list[str]:
    """One compact JSON object (:func:`to_records`) per recommendation."""
    return [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in to_records(recs, fu)]


#: What each field of the JSON export holds; ``"markdown"`` fields are Markdown source
#: (render them, then sanitise the HTML, before showing them on a web page).
FIELDS = {
    "id": "text", "state_under_review": "text", "cycle": "integer", "session": "integer",
    "paragraph": "text", "text": "text", "recommending_states": "list of text", "response": "text",
    "action_category": "integer or null", "issues": "list of text", "affected_persons": "list of text",
    "sdgs": "list of text", "source_dataset": "text", "source_symbol": "text", "source_rows": "text",
    "assessments": "list of assessments, newest first",
    "assessments[].status": "text", "assessments[].date": "text (YYYY-MM-DD)",
    "assessments[].assessed_by": "text", "assessments[].sources": "list of text",
    "assessments[].example": "boolean", "assessments[].narrative": "markdown",
    "assessments[].file": "text (the assessment's file in the repository)",
}
ABOUT = ("UPR recommendations and NGO follow-up assessments, from the UPR Platform. Machine-readable: every "
         "text is exactly as written (nothing escaped, nothing prefixed), so do not paste it into a "
         "spreadsheet; the .xlsx and .csv downloads are made for spreadsheets. 'fields' says what each "
         "field holds; fields marked markdown are Markdown source.")


def json_file(items: list[str]) -> bytes:
    """A JSON object: ``about`` and ``fields`` (:data:`ABOUT`, :data:`FIELDS`), then
    ``recommendations``, the :func:`json_items`, one recommendation per line (diffable). UTF-8."""
    head = ('{\n"about": ' + json.dumps(ABOUT, ensure_ascii=False) + ',\n"fields": '
            + json.dumps(FIELDS, ensure_ascii=False) + ',\n"recommendations": [\n')
    return (head + ",\n".join(items) + "\n]\n}\n").encode("utf-8")


def to_json(recs: Iterable[Recommendation], fu: FollowUp) -> bytes:
    """:func:`json_file` of :func:`to_records`."""
    return json_file(json_items(recs, fu))


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _fix_zip_times(raw: bytes) -> bytes:
    """Rewrite a ZIP (xlsx/docx) with a fixed timestamp on every member and in
    ``docProps/core.xml`` (openpyxl sets ``modified`` to the time of saving), so the
    same data always gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            dst.writestr(fixed, data)
    return out.getvalue()


def to_xlsx(recs: Iterable[Recommendation], fu: FollowUp, title: str = "Recommendations") -> bytes:
    """One sheet, header :data:`HEADER`, written with openpyxl's write-only mode
    (about 11 s for 154k rows, PLATFORM.md). ``title`` is the sheet name (≤ 31 chars)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.properties.creator = "UPR Platform"
    ws = wb.create_sheet(title=title[:31])
    ws.append(list(HEADER))
    for rec in recs:
        row = _row(rec, fu)
        row[2], row[3] = rec.cycle, rec.session
        row[8] = rec.action_category
        ws.append(xlsx_row(ws, row))  # every text a string cell, never a formula or an error value (case 38)
    buf = io.BytesIO()
    wb.save(buf)
    return _fix_zip_times(buf.getvalue())


def _assessment_text(rec: Recommendation, fu: FollowUp) -> str:
    lines = []
    for a in fu.history(rec.id):
        head = f"{a.status.capitalize()} ({a.date.isoformat()}, {a.assessed_by})"
        if a.example:
            head += " [example]"
        lines.append(head + ": " + " ".join(a.body.split()) + " Sources: " + "; ".join(a.sources))
    return "\n".join(lines)


def matrix_docx(recs: list[Recommendation], fu: FollowUp, state_name: str, cycle: int,
                name_of=lambda iso3: iso3) -> bytes:
    """The OHCHR thematic-list layout for one State and cycle, as Word:
    Recommendation | Position | Themes | Assessment/comments on level of implementation.

    Rows are grouped under ``Theme: …`` rows by the first theme of each
    recommendation (as OHCHR lists do); column 1 is ``<paragraph> <text>
    (<recommending State>) (<recommending State>)`` (names from ``name_of(iso3)``)
    and the source of the position; column 4 holds every
    public assessment, newest first, or is left empty for the group to fill in.
    Every text goes through :func:`upr.characters.clean` (Word files are XML).
    """
    from docx import Document
    from docx.shared import Pt
    from docx.table import _Cell

    def cells_of(row):
        # row.cells rebuilds the whole table's cell grid on every call (quadratic in the
        # number of rows: 0.8 ms a row at 250 rows); the row's own <w:tc> are enough here.
        return [_Cell(tc, table) for tc in row._tr.tc_lst]

    clean = characters.clean  # XML (Word) has no place for control characters: python-docx would raise
    doc = Document()
    doc.core_properties.created = doc.core_properties.modified = FIXED_TIME
    doc.core_properties.author = "UPR Platform"
    sessions = sorted({r.session for r in recs})
    doc.add_heading(clean(f"{state_name}: thematic list of recommendations, cycle {cycle}"), level=1)
    doc.add_paragraph(
        f"UPR Working Group session(s) {', '.join(map(str, sessions))}. {len(recs)} recommendations. "
        "Column 4 holds the follow-up assessments recorded by NGOs on the UPR Platform (newest first).")
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, MATRIX_HEADER):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    groups: dict[str, list[Recommendation]] = {}
    for rec in recs:
        groups.setdefault(rec.issues[0] if rec.issues else "Themes not coded in the source", []).append(rec)
    for theme, members in groups.items():
        row = cells_of(table.add_row())
        merged = row[0].merge(row[3])
        merged.text = clean(f"Theme: {theme}")
        merged.paragraphs[0].runs[0].bold = True
        for rec in members:
            cells = cells_of(table.add_row())
            head = f"{rec.paragraph} " if rec.paragraph else ""
            cells[0].text = clean(f"{head}{rec.text} " + " ".join(f"({name_of(c)})" for c in rec.recommending_states))
            source = rec.source_symbol or rec.source_dataset
            if source:
                cells[0].add_paragraph(clean(f"Source of position: {source}")).runs[0].font.size = Pt(8)
            cells[1].text = clean(rec.response.capitalize())
            themes = list(rec.issues)
            if rec.affected_persons:
                themes.append("Affected persons: " + ", ".join(rec.affected_persons))
            if rec.sdgs:
                themes.append("SDGs: " + ", ".join(rec.sdgs))
            cells[2].text = clean("\n".join(f"- {t}" for t in themes))
            cells[3].text = clean(_assessment_text(rec, fu))
    buf = io.BytesIO()
    doc.save(buf)
    return _fix_zip_times(buf.getvalue())
