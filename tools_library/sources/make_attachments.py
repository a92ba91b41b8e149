"""Make the Word and Excel attachments of the seed tools, once; the results are
committed in tools_library/files/ (people then edit them in Word or Excel).

    .venv/bin/python tools_library/sources/make_attachments.py

Writes:
* files/joint-submission-template.docx — follows the OHCHR "Guidelines for relevant
  stakeholders' written submissions" (numbered paragraphs and pages, all member
  organisations listed at the start, focus on implementation since the last review);
* files/midterm-assessment-template.xlsx — one row per recommendation, the columns
  of OHCHR's thematic lists plus the assessment columns NGOs fill in; two example
  rows are real recommendations to Slovenia (A/HRC/59/15, OHCHR thematic list of
  session 48, data/real/SOURCES.md §3).

It refuses to overwrite a file that already exists (people may have edited it);
pass --force to replace it.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

FILES = Path(__file__).resolve().parents[1] / "files"
FIXED_DATE = dt.datetime(2026, 11, 30, 12, 0, 0)


def _page_number_footer(doc) -> None:
    # OHCHR asks for numbered pages: a PAGE field in the footer.
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def joint_submission(path: Path) -> None:
    doc = Document()
    doc.core_properties.title = "Joint stakeholder submission to the Universal Periodic Review"
    doc.core_properties.author = "UPR Platform contributors"
    doc.core_properties.created = FIXED_DATE
    doc.core_properties.modified = FIXED_DATE
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    _page_number_footer(doc)

    guide = doc.add_paragraph()
    guide.add_run("Before you send: delete this box. ").bold = True
    guide.add_run(
        "This template follows the OHCHR guidelines for stakeholders' written submissions. "
        "A joint submission may have at most 5,630 words (an individual one 2,815), counting "
        "footnotes; annexes are not counted but are not read as part of the text either. "
        "Send a Word document, not a PDF. Cover one State under Review only. Number every paragraph "
        "and every page (this template does both). Write in a UN official language, preferably "
        "English, French or Spanish. Cover the period since the last review and start from the "
        "recommendations the State received then, quoting their paragraph numbers (for example "
        "140.18). Do not annex other organisations' reports. Send it through the OHCHR online "
        "system before 12:00 Geneva time on the deadline of the session: late submissions are "
        "not considered.")
    guide.paragraph_format.space_after = Pt(12)

    title = doc.add_heading("Joint stakeholder submission to the Universal Periodic Review of "
                            "[State under Review]", level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("[4th] cycle — [number]th session of the UPR Working Group — [month and year "
                      "of the review]").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("Submitted by [name of the coalition], a coalition of [number] organisations:")
    for line in ("[Organisation 1] (coordinator), [city], [web site] — [one line on its work]",
                 "[Organisation 2], [city], [web site] — [one line on its work]",
                 "[Organisation 3], [city], [web site] — [one line on its work]"):
        doc.add_paragraph(line, style="List Bullet")
    doc.add_paragraph("Contact: [name and e-mail of the coordinator; use an organisational address, "
                      "never that of a person at risk]")

    def section(heading: str, paragraphs: list[str]) -> None:
        doc.add_heading(heading, level=1)
        for text in paragraphs:
            doc.add_paragraph(text, style="List Number")

    section("I. Introduction and methodology", [
        "[Who the coalition is, which rights and which groups of people its members work on, "
        "and in which regions of the country.]",
        "[How the information was gathered: questionnaires sent to members, consultations "
        "(how many, where, with whom), documents and statistics used, period covered "
        "(from the last review, [month year], to [month year]).]",
    ])
    section("II. Implementation of the recommendations of the previous review", [
        "[Theme 1, e.g. National Human Rights Institution.] During the [3rd] cycle, [State] "
        "received recommendations [140.18] and [140.19] ([recommending States]) on [subject], "
        "which it supported. [What has been done since, with dates and sources.]",
        "[What has not been done, and its effect on people, with one concrete, verifiable example "
        "and its source in a footnote.]",
        "[Theme 2 …] Repeat for each theme; group recommendations the way the OHCHR thematic "
        "list does, so that readers can find them.",
    ])
    section("III. New and emerging issues", [
        "[Only issues that arose since the last review and that the recommendations did not cover.]",
    ])
    section("IV. Recommendations", [
        "[Each recommendation addressed to the State under Review: one action, a time frame, and "
        "how progress can be checked. E.g. 'Adopt, by [year], a law guaranteeing the financial "
        "autonomy of the Human Rights Ombudsman, in line with the Paris Principles.']",
        "[Say which earlier recommendation it follows up, e.g. 'follows up 140.18'.]",
    ])
    doc.save(path)


def midterm_assessment(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Assessment"
    header = ["Paragraph", "Recommendation", "Recommending State(s)", "Response",
              "Source of position", "Theme (OHCHR thematic list)", "Groups of persons", "SDGs",
              "Level of implementation", "What has been done (with dates)", "Evidence and sources",
              "What is still needed", "Assessed by", "Date of assessment (YYYY-MM-DD)"]
    ws.append(header)
    examples = [
        ["140.18", "Adopt the necessary measures to ensure the independence and financial autonomy "
         "of the Human Rights Ombudsman", "Algeria", "supported", "A/HRC/59/15/Add.1 - Para.4",
         "National Human Rights Institution (NHRI)", "Public officials", "16",
         "", "EXAMPLE ROW — replace with your own assessment", "", "", "", ""],
        ["140.100", "Step up efforts to identify victims of trafficking and strengthen the criminal "
         "justice reforms in relation to trafficking in persons", "Israel", "supported",
         "A/HRC/59/15/Add.1 - Para.3", "Human trafficking & contemporary forms of slavery",
         "Children; Public officials", "", "", "EXAMPLE ROW — replace with your own assessment",
         "", "", "", ""],
    ]
    for row in examples:
        ws.append(row)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE3F5")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [10, 60, 22, 12, 24, 30, 24, 8, 22, 40, 40, 40, 18, 16]
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "C2"
    # Paragraph numbers are text: 115.10 is not 115.1.
    for row in range(2, 1001):
        ws.cell(row=row, column=1).number_format = "@"
    responses = DataValidation(type="list", formula1='"supported,noted,supported in part"', allow_blank=True)
    levels = DataValidation(type="list", allow_blank=True,
                            formula1='"fully implemented,partially implemented,not implemented,'
                                     'situation worsened,no information"')
    ws.add_data_validation(responses)
    ws.add_data_validation(levels)
    responses.add("D2:D1000")
    levels.add("I2:I1000")

    how = wb.create_sheet("How to use")
    lines = [
        "Mid-term assessment template (UPR Platform tools library)",
        "",
        "1. Paste the recommendations your State received from the OHCHR thematic list "
        "(columns A to H), one recommendation per row. Keep the paragraph numbers as text.",
        "2. For each one, choose a level of implementation in column I and say what has been done, "
        "with dates (J), where the evidence comes from (K) and what is still needed (L).",
        "3. 'no information' is an honest answer: it tells others where evidence is missing.",
        "4. Never write the name of a victim or of a person at risk in this file.",
        "5. Delete the two example rows (real recommendations to Slovenia, A/HRC/59/15) before you share it.",
    ]
    for text in lines:
        how.append([text])
    how["A1"].font = bold
    how.column_dimensions["A"].width = 110
    wb.properties.creator = "UPR Platform contributors"
    wb.properties.created = FIXED_DATE
    wb.properties.modified = FIXED_DATE
    wb.save(path)


def main(argv: list[str]) -> int:
    force = "--force" in argv
    FILES.mkdir(exist_ok=True)
    for name, make in (("joint-submission-template.docx", joint_submission),
                       ("midterm-assessment-template.xlsx", midterm_assessment)):
        target = FILES / name
        if target.exists() and not force:
            print(f"{target}: exists, left unchanged (use --force to replace it)")
            continue
        make(target)
        print(f"{target}: written ({target.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
