"""UPR Info export layouts other than the 2018 one: the 2015 export (comma, Mac Roman,
CR line endings, "Accepted") and Excel re-saves with another delimiter."""
from __future__ import annotations

import csv
import io
from collections import Counter

import pytest

from conftest import CASES, source_data
from upr.importers import upr_info
from upr.importers.csvread import read_table
from upr.problems import ERROR
from upr.recommendations import text_hash


def test_2015_export_mac_roman_cr_accepted(index):
    path = source_data() / "rochelleterman_uprs" / "1-5.csv"
    export, problems = upr_info.read_export(path, "1-5.csv")
    assert problems == []
    assert export.layout == "2015"
    assert len(export.rows) == 6094
    assert Counter(r.response for r in export.rows) == {"supported": 4087, "noted": 2007}
    assert any("Hissène Habré" in r.text for r in export.rows)       # Mac Roman 0x8F, 0x8E
    by_state, reviews, problems = upr_info.to_recommendations([export], index)
    assert [p for p in problems if p.severity == ERROR] == []
    assert {s for _, s in reviews} == {1, 2, 3, 4, 5}
    assert by_state["AFG"][0].source_dataset == "UPR Info export"


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_excel_resave_with_another_delimiter_and_cp1252(tmp_path, index, delimiter):
    original = next(CASES.glob("13-*")) / "input" / "imports" / "upr-info-export-utf8-bom.csv"
    rows = list(csv.reader(io.StringIO(original.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    resaved = tmp_path / "resaved.csv"
    resaved.write_bytes(buf.getvalue().encode("cp1252"))
    table, problems = read_table(resaved, "resaved.csv")
    assert (table.encoding, table.delimiter, problems) == ("cp1252", delimiter, [])
    export, problems = upr_info.read_export(resaved, "resaved.csv")
    assert problems == []
    assert [(r.line, r.sur, r.rs, r.text) for r in export.rows] == [
        (i + 2, row[0], row[4], row[3]) for i, row in enumerate(rows[1:])]
    by_state, _, problems = upr_info.to_recommendations([export], index)
    assert [rec.recommending_states for rec in by_state["NOR"] + by_state["CHL"]] == [["CIV"], ["TUR"], ["STP"]]


def test_unknown_header_is_refused(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("State;Text;Response\nNorway;Ratify;Supported\n", encoding="utf-8")
    export, problems = upr_info.read_export(path, "x.csv")
    assert export is None
    assert [p.format() for p in problems] == [
        "x.csv:1: the header is not a UPR Info export layout — the first line must be "
        "SuR;Rgrp;Org;Recommendation;RS;Rgrp;Org;Response;Action;Issue;Session"]


def test_bad_values_are_all_reported_and_nothing_is_kept(tmp_path):
    path = tmp_path / "x.csv"
    header = ";".join(upr_info.LAYOUT_2018)
    path.write_text(header + "\nNorway;WEOG;;Ratify;France;WEOG;;Maybe;9;x;46\n"
                    "Norway;WEOG;;;France;WEOG;;Supported;4;x;forty\n", encoding="utf-8")
    export, problems = upr_info.read_export(path, "x.csv")
    assert [(p.line, p.message) for p in problems] == [
        (2, "response 'Maybe' is not a UPR response"),
        (2, "action category '9' is not 1–5"),
        (3, "session 'forty' is not a session number"),
        (3, "the recommendation text is empty"),
    ]
    assert export.rows == []


def test_same_text_merges_by_response_and_ids_stay_stable(tmp_path, index):
    path = tmp_path / "x.csv"
    header = ";".join(upr_info.LAYOUT_2018)
    path.write_text(header + "\n"
                    "Norway;WEOG;;Ratify the OP;France;WEOG;;Supported;5;A;46\n"
                    "Norway;WEOG;;Ratify the  OP.;Spain;WEOG;;Supported;5;B;46\n"
                    "Norway;WEOG;;ratify the OP;Chile;GRULAC;;Noted;5;A;46\n"
                    "Norway;WEOG;;Ratify the OP;France;WEOG;;Supported;5;A;46\n", encoding="utf-8")
    export, problems = upr_info.read_export(path, "x.csv")
    by_state, reviews, problems = upr_info.to_recommendations([export], index)
    recs = by_state["NOR"]
    base = "NOR-46-u" + text_hash("Ratify the OP")
    # "Ratify the OP." differs by its full stop: a text of its own
    assert [(r.id, r.recommending_states, r.response, r.source_rows) for r in recs] == [
        (base, ["FRA"], "supported", "x.csv:2,5"),
        (recs[1].id, ["ESP"], "supported", "x.csv:3"),
        (base + "-2", ["CHL"], "noted", "x.csv:4"),
    ]
    assert recs[0].issues == ["A"] and recs[0].action_category == 5
    assert reviews == {("NOR", 46)}
