"""Word and Excel files for advocacy (issue 15): the lobby briefing
(:mod:`upr.briefing`) as a Word briefing sheet and an Excel table, and the CSO
mid-term report (:mod:`upr.midterm`) as Word.

They only write what :func:`upr.briefing.build` and :func:`upr.midterm.build`
computed from public data. Every value from content or data goes into a Word run
or an Excel cell as text: python-docx and openpyxl escape it as XML, characters
XML cannot hold are dropped (:func:`clean`), and every Excel text cell is typed as
a string, so a text starting with ``=`` stays text and never becomes a formula.
The bytes are reproducible (fixed document dates and zip times, no "today").
"""
from __future__ import annotations

import io
import re
from typing import Callable, Iterable

from .briefing import Briefing, Row
from .exports import FIXED_TIME, _fix_zip_times
from .followup import Assessment
from .midterm import Report
from .submission import plain

NameOf = Callable[[str], str]
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

BRIEFING_COLUMNS = (
    "Theme", "Recommendation ID", "Cycle", "Session", "Paragraph", "Recommendation", "Recommending States",
    "Response", "Latest NGO assessment", "Assessment date", "Assessed by", "Assessment sources",
    "Raised again (IDs)", "Raised again in cycles", "Similarity of the closest")
STATES_COLUMNS = ("Recommending State", "ISO3", "Recommendations", "Supported", "Noted", "Themes")


def clean(value) -> str:
    """A value as text Word and Excel can hold (XML 1.0 characters only)."""
    return _NOT_XML.sub("", str(value))


def _names(codes: Iterable[str], name_of: NameOf) -> str:
    return ", ".join(name_of(c) for c in codes)


def _cycles(numbers: Iterable[int]) -> str:
    numbers = sorted(set(numbers))
    if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{numbers[0]}–{numbers[-1]}"
    return ", ".join(map(str, numbers))


def _assessment_line(a: Assessment) -> str:
    return f"{a.status} ({a.date.isoformat()}, {a.assessed_by})" + (" [example]" if a.example else "")


def _again_text(row: Row) -> str:
    return "; ".join(f"cycle {m.rec.cycle}: {m.rec.id} ({m.score:.2f})" for m in row.again)


def _document(title: str):
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.created = doc.core_properties.modified = FIXED_TIME
    doc.core_properties.author = "UPR Platform"
    doc.core_properties.title = clean(title)
    doc.styles["Normal"].font.size = Pt(10)
    return doc


def _p(parent, parts, style: str | None = None):
    """A ``w:p`` of runs ``(text, bold)`` made as XML under ``parent``.

    python-docx's ``add_paragraph``/``add_run``/``bold``/``add_row`` search an element's
    children for the schema order at every step, and look styles up by name: a
    700-recommendation briefing took 26 s on a busy machine (profiled); elements made
    directly take a fraction of that. lxml escapes the text."""
    from lxml import etree
    from docx.oxml.ns import qn

    p = etree.SubElement(parent, qn("w:p"))
    if style:
        etree.SubElement(etree.SubElement(p, qn("w:pPr")), qn("w:pStyle")).set(qn("w:val"), style)
    for text, bold in parts:
        r = etree.SubElement(p, qn("w:r"))
        if bold:
            etree.SubElement(etree.SubElement(r, qn("w:rPr")), qn("w:b"))
        t = etree.SubElement(r, qn("w:t"))
        t.set(qn("xml:space"), "preserve")
        t.text = clean(text)
    return p


def _body_end(doc):
    """Where new blocks go: before the body's section properties (the last child)."""
    from docx.oxml.ns import qn
    sect = doc.element.body.find(qn("w:sectPr"))
    return sect


def _append(doc, element) -> None:
    sect = _body_end(doc)
    if sect is not None:
        sect.addprevious(element)
    else:
        doc.element.body.append(element)


def _para(doc, *parts: tuple[str, bool]):
    """Append a paragraph of runs ``(text, bold)`` to the document."""
    from lxml import etree
    holder = etree.Element("holder")
    p = _p(holder, parts)
    _append(doc, p)
    return p


def _heading(doc, text: str, level: int) -> None:
    """A heading in the template's ``Heading N`` style (``Title`` for level 0)."""
    from lxml import etree
    holder = etree.Element("holder")
    _append(doc, _p(holder, [(text, False)], "Title" if level == 0 else f"Heading{level}"))


def _table(doc, header: tuple[str, ...], rows: list[list[str]]):
    from lxml import etree
    from docx.oxml.ns import qn

    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    tbl = table._tbl
    for values in rows:
        tr = etree.SubElement(tbl, qn("w:tr"))
        for text in values:
            _p(etree.SubElement(tr, qn("w:tc")), [(text, False)])
    return table


def _save(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return _fix_zip_times(buf.getvalue())


# --- the lobby briefing -----------------------------------------------------------------------

def briefing_title(b: Briefing, name_of: NameOf) -> str:
    state = name_of(b.state)
    title = f"{state}: lobby briefing for the review at session {b.review.session}"
    if b.for_state:
        title += f", for the mission of {name_of(b.for_state)}"
    return title


def _review_line(b: Briefing) -> str:
    r = b.review
    when = ""
    info = r.session_info
    if info is not None and hasattr(info, "dates_label"):
        when = f" ({info.dates_label()})"
    projected = " (projected: the calendar does not list it yet; from the 14-session pattern)" if r.projected else ""
    return f"Working Group session {r.session}{when}, cycle {r.cycle}{projected}."


def briefing_docx(b: Briefing, name_of: NameOf = str) -> bytes:
    """The briefing sheet: summary by theme, who recommended before, then every earlier
    recommendation theme by theme with its response, latest assessment and repeats."""
    state = name_of(b.state)
    doc = _document(briefing_title(b, name_of))
    _heading(doc, briefing_title(b, name_of), 0)
    _para(doc, ("Review: ", True), (_review_line(b), False))
    counts = ", ".join(f"{n} {x}" for x, n in b.response_summary())
    _para(doc, ("What was asked before: ", True),
          (f"{len(b.rows)} recommendations to {state} in cycle(s) {_cycles(b.cycles) or '—'}"
           + (f" ({counts})" if counts else "") + f", in {len(b.themes)} themes.", False))
    if b.for_state:
        _para(doc, (f"Only the recommendations {name_of(b.for_state)} made (alone or with other States).", False))
    _para(doc, ("How to read it: ", True), (
        "for each theme, the recommendations of earlier cycles, who made them and how the State under Review "
        "responded; the latest NGO assessment recorded on the UPR Platform (public assessments only); and "
        "whether a later recommendation asked for the same again, with the similarity of the texts (0 to 1). "
        "A theme asked for cycle after cycle, or supported and still not implemented, is a point to raise "
        "with the missions of the recommending States before the review.", False))
    _heading(doc, "Summary by theme", 1)
    rows = []
    for t in b.themes:
        top = ", ".join(f"{name_of(c)} ({n})" for c, n in sorted(t.recommending_states.items(),
                                                                key=lambda kv: (-kv[1], kv[0]))[:6])
        rows.append([t.name, str(len(t.rows)), _cycles(t.cycles), top,
                     f"{t.responses['supported']} / {t.responses['noted']}", str(t.assessed), str(t.raised_again)])
    _table(doc, ("Theme", "Recommendations", "Cycles", "Recommending States (most first)", "Supported / noted",
                 "Assessed by NGOs", "Raised again"), rows)
    _heading(doc, "Who recommended before", 1)
    _table(doc, ("Recommending State", "Recommendations", "Supported", "Noted", "Main themes"), [
        [name_of(s.code), str(s.recommendations), str(s.responses["supported"]), str(s.responses["noted"]),
         "; ".join(t for t, _ in sorted(s.themes.items(), key=lambda kv: (-kv[1], kv[0]))[:3])]
        for s in b.recommending_states()])
    for t in b.themes:
        _heading(doc, t.name, 1)
        for row in t.rows:
            rec = row.rec
            _para(doc, (f"{rec.id} (cycle {rec.cycle}, session {rec.session}): ", True), (rec.text, False))
            _para(doc, ("Recommended by: ", True), (_names(rec.recommending_states, name_of) or "—", False),
                  (". Response: ", True), (rec.response, False))
            if row.assessment:
                a = row.assessment
                extra = f" ({row.assessments - 1} earlier)" if row.assessments > 1 else ""
                _para(doc, ("Latest NGO assessment: ", True), (_assessment_line(a) + extra + ". ", False),
                      ("Sources: ", True), ("; ".join(a.sources), False))
            else:
                _para(doc, ("Latest NGO assessment: ", True), ("none recorded.", False))
            _para(doc, ("Raised again: ", True), (_again_text(row) or "not in a later cycle.", False))
    return _save(doc)


def _xlsx_row(ws, values: list):
    """Cells for a write-only sheet: text typed as string (never a formula), numbers as numbers."""
    from openpyxl.cell import WriteOnlyCell

    out = []
    for value in values:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out.append(WriteOnlyCell(ws, value=value))
        else:
            cell = WriteOnlyCell(ws, value=clean("" if value is None else value))
            cell.data_type = "s"  # openpyxl reads a text starting with "=" as a formula otherwise
            out.append(cell)
    return out


def briefing_xlsx(b: Briefing, name_of: NameOf = str) -> bytes:
    """Two sheets: ``Briefing`` (one row per earlier recommendation, :data:`BRIEFING_COLUMNS`)
    and ``Recommending States`` (:data:`STATES_COLUMNS`), for filtering by theme or State."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.properties.creator = "UPR Platform"
    wb.properties.title = clean(briefing_title(b, name_of))
    ws = wb.create_sheet("Briefing")
    ws.append(_xlsx_row(ws, list(BRIEFING_COLUMNS)))
    for row in b.rows:
        rec, a = row.rec, row.assessment
        ws.append(_xlsx_row(ws, [
            row.theme, rec.id, rec.cycle, rec.session, rec.paragraph, rec.text,
            _names(rec.recommending_states, name_of), rec.response,
            a.status + (" [example]" if a.example else "") if a else "", a.date.isoformat() if a else "",
            a.assessed_by if a else "", "; ".join(a.sources) if a else "",
            "; ".join(m.rec.id for m in row.again), ", ".join(map(str, row.again_cycles)),
            row.again[0].score if row.again else ""]))
    ws = wb.create_sheet("Recommending States")
    ws.append(_xlsx_row(ws, list(STATES_COLUMNS)))
    for s in b.recommending_states():
        ws.append(_xlsx_row(ws, [name_of(s.code), s.code, s.recommendations, s.responses["supported"],
                                 s.responses["noted"],
                                 "; ".join(f"{t} ({n})" for t, n in sorted(s.themes.items(),
                                                                         key=lambda kv: (-kv[1], kv[0])))]))
    buf = io.BytesIO()
    wb.save(buf)
    return _fix_zip_times(buf.getvalue())


# --- the mid-term report ---------------------------------------------------------------------

def midterm_title(report: Report, name_of: NameOf) -> str:
    return f"{name_of(report.state)}: CSO mid-term report on the recommendations of cycle {report.cycle}"


def _narrative(doc, body: str) -> None:
    for block in re.split(r"\n\s*\n", body.strip()):
        text = " ".join(plain(" ".join(block.split())).split())
        if text:
            _para(doc, (text, False))


def _assessment(doc, a: Assessment, label: str) -> None:
    head = f"{a.status.capitalize()}, {a.date.isoformat()}, assessed by {a.assessed_by}"
    if a.example:
        head += " [example: written to show the format, not a real finding]"
    _para(doc, (label, True), (head, False))
    _narrative(doc, a.body)
    _para(doc, ("Sources: ", True), ("; ".join(a.sources), False))


def midterm_docx(report: Report, name_of: NameOf = str) -> bytes:
    """The report as Word: summary counts, then per theme each recommendation with its
    response, its latest assessment (narrative and sources) and the older ones."""
    state = name_of(report.state)
    doc = _document(midterm_title(report, name_of))
    _heading(doc, midterm_title(report, name_of), 0)
    responses = ", ".join(f"{n} {r}" for r, n in report.response_counts())
    _para(doc, (f"{state} received {len(report.entries)} recommendations in cycle {report.cycle} "
                f"(Working Group session(s) {', '.join(map(str, report.sessions))}): {responses}. "
                "This report gives, theme by theme, each recommendation, the response of the State under Review, "
                "the latest assessment of its implementation recorded by NGOs on the UPR Platform, with its "
                "sources, and the earlier assessments. Assessments marked confidential are not included.", False))
    _heading(doc, "Level of implementation (latest NGO assessment)", 1)
    _table(doc, ("Level of implementation", "Recommendations"),
           [[status, str(n)] for status, n in report.status_counts()])
    for theme, entries in report.themes:
        _heading(doc, theme, 1)
        for e in entries:
            rec = e.rec
            states = " ".join(f"({name_of(c)})" for c in rec.recommending_states)
            _para(doc, (f"{rec.id}: ", True), (f"{rec.text} {states}".strip(), False))
            source = f" (source: {rec.source_symbol or rec.source})" if (rec.source_symbol or rec.source) else ""
            _para(doc, ("Response: ", True), (rec.response.capitalize() + source, False))
            if e.latest is None:
                _para(doc, ("Latest assessment: ", True), ("not assessed yet.", False))
                continue
            _assessment(doc, e.latest, "Latest assessment: ")
            for older in e.history:
                _assessment(doc, older, "Earlier assessment: ")
    return _save(doc)
