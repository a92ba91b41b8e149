"""Failure cases 13, 16, 18 and 31 (tests/cases/*/expected.md) for the UPR Info importer."""
from __future__ import annotations

import shutil
from pathlib import Path


from conftest import CASES, ROOT, run_upr
from upr import recommendations as rmod
from upr.importers import upr_info
from upr.problems import ERROR


def imports(case: str) -> Path:
    return next(CASES.glob(f"{case}-*")) / "input" / "imports"


def import_file(path: Path, index):
    export, problems = upr_info.read_export(path, f"imports/{path.name}")
    by_state, reviews, more = upr_info.to_recommendations([export], index) if export else ({}, set(), [])
    return export, by_state, problems + more


def errors(problems):
    return [p for p in problems if p.severity == ERROR]


# --- case 13: Excel's Windows-1252 re-save and the original UTF-8 with BOM -------------

def test_case13_ansi_and_bom_files_give_the_same_three_records(index):
    folder = imports("13")
    ansi, ansi_recs, ansi_problems = import_file(folder / "upr-info-export-excel-ansi.csv", index)
    bom, bom_recs, bom_problems = import_file(folder / "upr-info-export-utf8-bom.csv", index)
    assert errors(ansi_problems) == [] and errors(bom_problems) == []
    assert len(ansi.rows) == len(bom.rows) == 3
    assert [(r.sur, r.text, r.rs) for r in ansi.rows] == [(r.sur, r.text, r.rs) for r in bom.rows]
    assert ansi.rows[0].rs == "Côte d’Ivoire"
    assert ansi.rows[0].text == "Protect migrant domestic workers – including au pairs – against abuse and exploitation"
    # the quoted text with a ';' stays one field
    assert ansi.rows[1].text == "Step up action against online hate speech; train police and prosecutors"
    rs = [rec.recommending_states for recs in (ansi_recs["NOR"], ansi_recs["CHL"]) for rec in recs]
    assert rs == [["CIV"], ["TUR"], ["STP"]]
    assert [r.to_row() for r in ansi_recs["NOR"]] != []
    def without_rows(rec):  # source_rows names the file, which differs
        return [v for c, v in zip(rmod.COLUMNS, rec.to_row()) if c != "source_rows"]
    assert {k: [without_rows(r) for r in v] for k, v in ansi_recs.items()} == \
        {k: [without_rows(r) for r in v] for k, v in bom_recs.items()}


def test_case13_bytes_in_no_accepted_encoding_are_an_error_with_a_line(tmp_path, index):
    bad = tmp_path / "export.csv"
    header = ";".join(upr_info.LAYOUT_2018).encode()
    bad.write_bytes(header + b"\r\nNorway;WEOG;;Text \x81 here;France;WEOG;;Supported;4;x;46\r\n")
    export, _, problems = import_file(bad, index)
    assert export is None
    assert [p.format() for p in problems] == [
        'imports/export.csv:2: file is not UTF-8 (byte 0x81) — save the file as UTF-8 '
        '(in Excel: "Save as" → "CSV UTF-8 (comma delimited)")']


# --- case 16: one State, many spellings ---------------------------------------------------

def test_case16_variants_map_to_twelve_states_and_two_errors(index):
    path = imports("16") / "recommending-state-variants.csv"
    export, by_state, problems = import_file(path, index)
    by_line = {r.line: index.resolve(r.rs) for r in export.rows}
    expected = {2: "CIV", 3: "CIV", 4: "CIV", 5: "CIV", 20: "CIV", 6: "TUR", 7: "TUR", 8: "TUR",
                9: "BOL", 10: "BOL", 11: "PRK", 12: "PRK", 13: "VAT", 14: "PSE", 15: "PSE",
                16: "NLD", 17: "NLD", 18: "CZE", 19: "CZE", 21: "KOR", 22: "NER", 23: "DMA", 24: "SSD"}
    assert {line: by_line[line] for line in expected} == expected
    assert by_state["NOR"][0].recommending_states == [
        "CIV", "TUR", "BOL", "PRK", "VAT", "PSE", "NLD", "CZE", "KOR", "NER", "DMA", "SSD"]
    errs = errors(problems)
    assert [(p.line, p.message) for p in errs] == [
        (25, "unknown State 'Atlantis'"),
        (26, "'Palestine' cannot be a State under review"),
    ]
    assert all(p.path == "imports/recommending-state-variants.csv" for p in errs)


# --- case 18: line breaks inside quoted cells, and an unclosed quote ------------------------

def test_case18_multiline_records_keep_their_text_and_physical_lines(index):
    export, by_state, problems = import_file(imports("18") / "upr-info-multiline.csv", index)
    assert errors(problems) == []
    assert [(r.line, r.text) for r in export.rows] == [
        (2, "Ensure that Indigenous Peoples take part in constitutional reform. "
            "Guarantee their free, prior and informed consent."),
        (4, 'Adopt the bill on "comprehensive sexuality education"'),
        (5, "Strengthen the Children's Ombudsperson"),
    ]
    assert [rec.recommending_states for rec in by_state["CHL"]] == [["FIN"], ["URY"], ["BIH"]]
    assert by_state["CHL"][2].source_rows == "upr-info-multiline.csv:5"


def temp_repo(tmp_path: Path, site_root: Path) -> Path:
    """A root with the fixture's State files only (the name index needs them)."""
    root = tmp_path / "repo"
    (root / "states").mkdir(parents=True)
    for f in (site_root / "states").glob("*.md"):
        shutil.copy(f, root / "states" / f.name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_case18_unclosed_quote_fails_naming_line_2_and_writes_nothing(tmp_path, site_root):
    root = temp_repo(tmp_path, site_root)
    good = imports("18") / "upr-info-multiline.csv"
    bad = imports("18") / "upr-info-unclosed-quote.csv"
    result = run_upr("import", "recommendations", str(good), str(bad), env={"UPR_ROOT": str(root)})
    assert result.returncode == 1
    assert f"{bad}:2: quoted field starting here is never closed" in result.stdout
    assert "nothing was written" in result.stdout
    assert not (root / "states" / "recommendations").exists()


# --- case 31: the repeated Rgrp/Org columns -------------------------------------------------

def test_case31_known_layout_is_read_by_position(index):
    export, _, problems = import_file(imports("31") / "upr-info-export-two-rows.csv", index)
    assert errors(problems) == []
    first, second = export.rows
    assert (first.sur_group, first.rs_group, first.rs_orgs) == ("WEOG", "Africa", "AU, Commonwealth")
    assert (second.sur_group, second.sur_orgs, second.rs_group) == ("Asia", "PIF, Commonwealth", "WEOG")


def test_case31_other_header_with_repeated_names_is_refused(tmp_path, index):
    path = tmp_path / "other.csv"
    path.write_text("SuR;Rgrp;Org;Text;RS;Rgrp;Org;Response;Action;Issue;Session\n"
                    "Norway;WEOG;;Text;France;WEOG;;Supported;4;x;46\n", encoding="utf-8")
    export, _, problems = import_file(path, index)
    assert export is None
    assert [p.format() for p in problems] == [
        "imports/other.csv:1: duplicate column names: Rgrp (columns 2 and 6), Org (columns 3 and 7) — "
        "give every column its own name, or use the UPR Info export layout unchanged"]


def test_case16_cli_reports_both_errors_and_writes_nothing(tmp_path, site_root):
    root = temp_repo(tmp_path, site_root)
    path = imports("16") / "recommending-state-variants.csv"
    result = run_upr("import", "recommendations", str(path), env={"UPR_ROOT": str(root)})
    assert result.returncode == 1
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith(str(path))]
    assert lines == [
        f"{path}:25: unknown State 'Atlantis' — add the spelling to 'aliases' in states/<iso3>.md if it is a known State",
        f"{path}:26: 'Palestine' cannot be a State under review — the Holy See and the State of Palestine are "
        "observer States: they make recommendations but are not reviewed",
    ]
    assert "2 error(s); nothing was written" in result.stdout
    assert not (root / "states" / "recommendations").exists()


def test_dry_run_writes_nothing(tmp_path, site_root):
    root = temp_repo(tmp_path, site_root)
    path = imports("13") / "upr-info-export-excel-ansi.csv"
    result = run_upr("import", "recommendations", "--dry-run", str(path), env={"UPR_ROOT": str(root)})
    assert result.returncode == 0
    assert "3 source rows -> 3 recommendations for 2 State(s); 2 file(s) would change" in result.stdout
    assert not (root / "states" / "recommendations").exists()
    result = run_upr("import", "recommendations", str(path), env={"UPR_ROOT": str(root)})
    assert sorted(p.name for p in (root / "states" / "recommendations").iterdir()) == ["chl.csv", "nor.csv"]
