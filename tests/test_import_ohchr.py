"""OHCHR thematic lists (.docx): a small list built with python-docx in each header
variant, and the bad rows an importer must report."""
from __future__ import annotations

from pathlib import Path

import docx

from upr.importers import ohchr_docx
from upr.problems import ERROR

CYCLE4 = ["Recommendation and recommending State", "Position of the State under review",
          "Human rights themes and groups of persons", "Relevant SDGs"]
CYCLE3 = ["Recommendation", "Position", "Full list of themes", "Assessment/comments on level of implementation"]


def make_list(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    document = docx.Document()
    table = document.add_table(rows=0, cols=4)
    for values in [header] + rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.text = value
    document.save(str(path))
    return path


def test_cycle4_list(tmp_path, index):
    path = make_list(tmp_path / "UPR48_Slovenia_Thematic_list.docx", CYCLE4, [
        ["Theme: Ratification"] * 4,
        ["140.7 Ratify the OP-ICESCR (Maldives) (Portugal);\nSource of Position: A/HRC/59/15/Add.1 - Para.3",
         "Supported", "- Ratification\nGroups of Persons: \n- Public officials",
         "- 1 - NO POVERTY\n- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS"],
        ["140.10 Ratify the ILO Domestic Workers Convention, 2011 (No. 189) (Côte d’Ivoire).\n"
         "Source of Position: A/HRC/59/15/Add.1 - Para.4", "Noted", "- Labour rights", ""],
    ])
    items, problems = ohchr_docx.read_list(path, "list.docx")
    assert problems == []
    recs, review, problems = ohchr_docx.to_recommendations(path, "list.docx", items, index)
    assert problems == [] and review == ("SVN", 48)
    first, second = recs
    assert (first.id, first.text, first.recommending_states, first.response) == (
        "SVN-48-140.7", "Ratify the OP-ICESCR", ["MDV", "PRT"], "supported")
    assert (first.source_symbol, first.issues, first.affected_persons, first.sdgs) == (
        "A/HRC/59/15/Add.1", ["Ratification"], ["Public officials"], ["1", "16"])
    assert (second.id, second.text, second.recommending_states, second.response) == (
        "SVN-48-140.10", "Ratify the ILO Domestic Workers Convention, 2011 (No. 189)", ["CIV"], "noted")
    assert second.source_rows == "UPR48_Slovenia_Thematic_list.docx:4"


def test_bad_rows_are_all_reported(tmp_path, index):
    path = make_list(tmp_path / "UPR34_Slovenia_list.docx", CYCLE3, [
        ["121.1 Ratify the Convention (Atlantis);", "Supported", "- Norms", ""],
        ["Ratify without a paragraph (France);", "Supported", "- Norms", ""],
        ["121.3 Ratify (France);", "Maybe", "- Norms", ""],
        ["121.4 Ratify (France);", "Noted", "- Norms", ""],
        ["121.4 Ratify again (Spain);", "Noted", "- Norms", ""],
    ])
    items, problems = ohchr_docx.read_list(path, "list.docx")
    recs, review, more = ohchr_docx.to_recommendations(path, "list.docx", items, index)
    got = [(p.line, p.message) for p in problems + more if p.severity == ERROR]
    assert got == [
        (3, "table row 3: no paragraph number at the start"),
        (4, "table row 4: position 'Maybe' is unknown"),
        (6, "paragraph 121.4 is listed twice (also table row 5)"),
        (2, "unknown State 'Atlantis'"),
    ]


def test_unknown_header_and_unknown_state_in_file_name(tmp_path, index):
    path = make_list(tmp_path / "UPR34_Atlantis.docx", ["A", "B", "C", "D"], [])
    items, problems = ohchr_docx.read_list(path, "x.docx")
    assert items == [] and problems[0].message.startswith("unknown table header: A | B | C | D")
    path = make_list(tmp_path / "UPR34_Atlantis.docx", CYCLE3, [])
    recs, review, problems = ohchr_docx.to_recommendations(path, "x.docx", [], index)
    assert review is None
    assert problems[0].fix == "give them: upr import recommendations FILE.docx --state Slovenia --session 34"
