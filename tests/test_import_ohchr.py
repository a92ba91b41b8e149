"""OHCHR thematic lists (.docx) of every layout: the fixtures of tests/fixtures/ohchr_lists/
(one per layout, built from real rows by make_lists.py), case 35 (merged cells) byte for
byte, Slovenia's three real lists, and the messages of a list that cannot be imported.

Names are resolved with the name index built from the reference tables in sources/
(what `upr import states` writes), not from the live states/ folder."""
from __future__ import annotations

import importlib.util
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest

from conftest import CASES, ROOT, run_upr, source_data
from upr.importers import ohchr_docx
from upr.problems import ERROR, WARNING

FIXTURES = ROOT / "tests" / "fixtures" / "ohchr_lists"
CASE35 = CASES / "35-docx-merged-cells"
CASE35_FILE = CASE35 / "input" / "imports" / "docx" / "NOR-cycle4-responses-annex.docx"
REAL = "ohchr-thematic-lists__Tony33344_slovenia-human-rights-tracker"


def _load_make_lists():
    spec = importlib.util.spec_from_file_location("make_lists", FIXTURES / "make_lists.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_lists = _load_make_lists()


@pytest.fixture(scope="module")
def index():
    """The name index of the States `upr import states` makes from sources/ (not states/)."""
    from upr.commands.import_states import build_records
    from upr.names import NameIndex
    records, _ = build_records(source_data())
    return NameIndex.from_states(records)


def load(path: Path, index, state=None, session=None, display=None):
    """``(recommendations by paragraph, review, problems as text)`` of one list."""
    display = display or f"imports/{path.name}"
    items, problems = ohchr_docx.read_list(path, display)
    recs, review, more = ohchr_docx.to_recommendations(path, display, items, index, state, session)
    return {r.paragraph: r for r in recs}, review, [p.format() for p in problems + more]


def row(rec) -> tuple:
    return (rec.id, rec.recommending_states, rec.response, rec.issues, rec.affected_persons, rec.sdgs,
            rec.source_symbol, rec.source_rows)


# --- the fixtures are what make_lists.py makes --------------------------------------------

def test_committed_fixtures_are_what_make_lists_writes(tmp_path):
    written = make_lists.main(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in FIXTURES.glob("*.docx"))
    for path in written:
        with zipfile.ZipFile(path) as new, zipfile.ZipFile(FIXTURES / path.name) as old:
            assert new.read("word/document.xml") == old.read("word/document.xml"), path.name


# --- one test per layout ------------------------------------------------------------------------

def test_cycle2_layout_trailing_dots_coded_themes_and_merged_headings(index):
    recs, review, problems = load(FIXTURES / "UPR20_Slovenia_cycle2.docx", index)
    assert problems == [] and review == ("SVN", 20)
    name = "UPR20_Slovenia_cycle2.docx"
    assert [row(r) for r in recs.values()] == [
        ("SVN-20-115.1", ["HRV"], "supported", ["A12 Acceptance of international norms"], ["general"], [],
         "A/HRC/28/15/Add.1", f"{name}:3"),
        ("SVN-20-115.3", ["PRT", "SVK"], "supported", ["A12 Acceptance of international norms"], ["children"], [],
         "A/HRC/28/15/Add.1", f"{name}:4"),
        ("SVN-20-115.17", ["HUN"], "noted", ["A12 Acceptance of international norms",
                                             "D6 Rights related to name, identity, nationality"], ["general"], [],
         "A/HRC/28/15/Add.1", f"{name}:5"),
        ("SVN-20-115.34", ["MAR"], "supported", ["A42 Institutions & policies - General",
                                                 "A45 National Human Rights Institution (NHRI)"], [], [],
         "A/HRC/28/15/Add.1", f"{name}:7"),
        ("SVN-20-115.161", ["SLE"], "supported", ["D6 Rights related to name, identity, nationality",
                                                  "G1 Members of minorities"],
         ["minorities/ racial, ethnic, linguistic, religious or descent-based groups", "non-citizens",
          "stateless persons"], [], "A/HRC/28/15/Add.1", f"{name}:9"),
    ]
    assert recs["115.3"].text == "Ratify the Optional Protocol to the Rights of the Child on a communications procedure"
    assert recs["115.161"].text.endswith("from other former Yugoslavian republics")


def test_cycle3_layout_sdgs_never_end_up_among_themes_or_persons(index):
    recs, review, problems = load(FIXTURES / "Thematic_List_of_Recommendations_cycle3.docx", index)
    assert problems == [] and review == ("SVN", 34)
    name = "Thematic_List_of_Recommendations_cycle3.docx"
    assert [row(r) for r in recs.values()] == [
        ("SVN-34-121.1", ["FRA", "LTU"], "supported", ["Acceptance of international norms", "Enforced disappearances"],
         ["Disappeared persons"], ["16"], "A/HRC/43/15", f"{name}:3"),
        ("SVN-34-121.2", ["UKR", "SVK"], "supported", ["Acceptance of international norms", "Enforced disappearances"],
         ["Disappeared persons"], ["16"], "A/HRC/43/15", f"{name}:4"),
        ("SVN-34-122.2", ["BGD", "EGY"], "noted", ["Acceptance of international norms"],
         ["Migrants & domestic workers"], ["10"], "A/HRC/43/15/Add.1", f"{name}:5"),
        ("SVN-34-122.143", ["CUB"], "supported",
         ["Equality & non-discrimination", "Right to health", "Right to education"],
         ["Migrants & domestic workers", "minorities/ racial, ethnic, linguistic, religious or descent-based groups"],
         ["10", "11"], "A/HRC/43/15/Add.1", f"{name}:7"),
        ("SVN-34-122.144", ["AZE"], "supported",
         ["Equality & non-discrimination", "Constitutional & legislative framework"],
         ["Migrants & domestic workers"], ["8"], "A/HRC/43/15/Add.1", f"{name}:8"),
    ]
    # two texts under one paragraph keep their own States
    assert recs["121.2"].text == (
        "Complete the process of ratification of the International Convention for the Protection of All Persons from "
        "Enforced Disappearance (Ukraine); Increase efforts towards ratification of the International Convention for "
        "the Protection of All Persons from Enforced Disappearance (Slovakia)")


def test_cycle4_layout_sdg_column_typos_and_repeated_rows(index):
    recs, review, problems = load(FIXTURES / "UPR48_Slovenia_cycle4.docx", index)
    assert problems == [] and review == ("SVN", 48)
    name = "UPR48_Slovenia_cycle4.docx"
    ratification = "Ratification of & accession to international instruments"
    escr = "Economic, social & cultural rights - general measures of implementation"
    assert [row(r) for r in recs.values()] == [
        # filed under two themes: one record, both rows
        ("SVN-48-140.7", ["MDV", "PRT"], "supported", [ratification, escr], ["Public officials"],
         ["1", "2", "3", "4"], "A/HRC/59/15/Add.1", f"{name}:3,11"),
        # the source on the text's own line
        ("SVN-48-140.10", ["MWI"], "supported", [ratification], ["Public officials"], ["1"], "A/HRC/59/15/Add.1",
         f"{name}:4"),
        ("SVN-48-140.1", ["DZA", "CPV", "PRY", "SSD", "LKA", "TGO", "URY", "VEN"], "noted", [ratification, "Migrants"],
         ["Public officials", "Migrants"], ["8", "10"], "A/HRC/59/15/Add.1", f"{name}:5"),
        # "2030 Agenda …" is a theme, not SDG 20
        ("SVN-48-140.145", ["TLS"], "supported", ["Human rights & the environment", "Legal & institutional reform",
                                                 "2030 Agenda & other voluntary commitments"], ["Public officials"],
         ["3"], "A/HRC/59/15/Add.1", f"{name}:7"),
        # "Para.3vv"; the themes cell is empty: the heading is the theme
        ("SVN-48-140.113", ["LBN"], "supported", ["Advancement of women"], [], ["5"], "A/HRC/59/15/Add.1",
         f"{name}:9"),
    ]
    assert recs["140.10"].text == ("Consider ratifying the Optional Protocol to the International Covenant on "
                                   "Economic, Social and Cultural Rights")


def test_response_annex_layout_states_column_vmerge_title_row_and_iso3_file_name(index):
    recs, review, problems = load(FIXTURES / "UPR48_SVN_response_annex.docx", index)
    assert problems == [] and review == ("SVN", 48)
    name = "UPR48_SVN_response_annex.docx"
    theme = "Ratification of & accession to international instruments"
    assert [row(r) for r in recs.values()] == [
        ("SVN-48-140.7", ["MDV", "PRT"], "supported", [theme], [], [], "", f"{name}:4"),
        ("SVN-48-140.10", ["MWI"], "supported", [theme], [], [], "", f"{name}:5"),  # position merged down
        ("SVN-48-140.1", ["DZA", "CPV", "PRY", "VEN"], "noted", ["Migrants"], [], [], "", f"{name}:7"),
    ]
    assert recs["140.1"].text == ("Ratify the International Convention on the Protection of the Rights of All "
                                  "Migrant Workers and Members of Their Families")


# --- case 35: merged cells ------------------------------------------------------------------------

def test_case35_gives_exactly_the_three_expected_rows(index):
    display = "imports/docx/NOR-cycle4-responses-annex.docx"
    # the file name hides the session: the message says how to give it, and nothing is imported
    recs, review, problems = load(CASE35_FILE, index, display=display)
    assert recs == {} and review is None
    assert problems == [
        "imports/docx/NOR-cycle4-responses-annex.docx: the file name 'NOR-cycle4-responses-annex.docx' does not "
        "say the session of the list, and the list has no page header 'UPR of <State> (… Cycle - <session>th "
        "Session)' — name the file UPR<session>_<State>_….docx, here UPR<session>_Norway_thematic_list.docx, or "
        "give them: upr import recommendations FILE.docx --state Norway --session <session>"]
    recs, review, problems = load(CASE35_FILE, index, "Norway", 47, display=display)
    assert problems == [] and review == ("NOR", 47)
    got = [(r.paragraph, r.recommending_states, r.response, r.issues) for r in recs.values()]
    assert got == [
        ("115.10", ["NAM"], "supported", ["Women's rights"]),
        ("115.11", ["FJI"], "supported", ["Women's rights"]),
        ("115.45", ["BOL"], "noted", ["Indigenous peoples"]),
    ]
    assert not any(r.text.startswith("Theme:") for r in recs.values())
    assert recs["115.11"].text == "Adopt a national action plan on gender-based violence"


def case35_layout(path: Path, merge_row: int | None = None) -> Path:
    """Case 35's table (make_input.py), optionally with columns 1-2 of a data row merged."""
    rows = [make_lists.Heading("Theme: Women's rights"),
            ["115.10 Step up efforts against violence affecting Sami women", "Namibia", "Supported"],
            ["115.11 Adopt a national action plan on gender-based violence", "Fiji", make_lists.ABOVE],
            make_lists.Heading("Theme: Indigenous peoples"),
            ["115.45 Ensure free, prior and informed consent on projects affecting Sami lands",
             "Bolivia (Plurinational State of)", "Noted"]]
    make_lists.build(path, ["Recommendation", "Recommending State", "Position"], rows)
    if merge_row is not None:
        document = docx.Document(str(path))
        table = document.tables[0]
        table.cell(merge_row - 1, 0).merge(table.cell(merge_row - 1, 1))
        document.save(str(path))
    return path


def test_case35_any_other_merge_in_a_data_row_stops_the_import(tmp_path, index):
    # rows are counted as a reader counts them in Word: the header is row 1, 115.45 is row 6
    path = case35_layout(tmp_path / "UPR47_Norway_annex.docx", merge_row=6)
    items, problems = ohchr_docx.read_list(path, "imports/docx/NOR-cycle4-responses-annex.docx")
    assert [i.paragraph for i in items] == ["115.10", "115.11"]  # nothing is written: the import stops
    assert [p.format() for p in problems] == [
        "imports/docx/NOR-cycle4-responses-annex.docx: table 1, row 6: merged cell spans columns 1-2; cannot map it "
        "to Recommendation/Recommending State/Position — give each column its own cell (Word: Table Layout → Split "
        "Cells); only a theme heading spans the whole row"]
    # the same table without that merge imports
    recs, review, problems = load(case35_layout(tmp_path / "UPR47_Norway_annex.docx"), index)
    assert problems == [] and list(recs) == ["115.10", "115.11", "115.45"]


def test_a_recommendation_cell_merged_down_is_an_error(tmp_path):
    path = make_lists.build(tmp_path / "UPR47_Norway.docx", ["Recommendation", "Recommending State", "Position"], [
        ["115.10 Step up efforts against violence affecting Sami women", "Namibia", "Supported"],
        [make_lists.ABOVE, "Fiji", "Supported"]])
    _, problems = ohchr_docx.read_list(path, "x.docx")
    assert [p.format() for p in problems] == [
        "x.docx: table 1, row 3: the recommendation cell is merged with the one above (row 2) — give each "
        "recommendation its own row (Word: Table Layout → Split Cells)"]


# --- the real lists ----------------------------------------------------------------------------------

def raw_paragraphs(path: Path) -> Counter:
    """{paragraph: count} read straight from the XML: cell 1 of every row that is not a
    one-cell heading, its number up to the first space (independent of the importer)."""
    from docx.table import _Cell
    table = docx.Document(str(path)).tables[0]
    out = Counter()
    for tr in table._tbl.tr_lst[1:]:
        tcs = tr.tc_lst
        if len(tcs) > 1:
            out[_Cell(tcs[0], table).text.split()[0].rstrip(".")] += 1
    return out


@pytest.mark.parametrize("session, name, total, supported, noted", [
    (20, "UPR20__Slovenia_ThematicListRecommendations_E.docx", 163, 142, 21),
    (34, "UPR34_Slovenia_Thematic_list_of_Recommendations.docx", 215, 182, 33),
    (48, "upr48-slovenia-thematic-list-of-recommendatio.docx", 254, 217, 37),
])
def test_slovenias_real_lists_give_the_documented_counts_and_ids(index, session, name, total, supported, noted):
    path = source_data() / REAL / name
    recs, review, problems = load(path, index)
    assert problems == [] and review == ("SVN", session)
    assert len(recs) == total
    assert Counter(r.response for r in recs.values()) == {"supported": supported, "noted": noted}
    raw = raw_paragraphs(path)
    assert set(raw.values()) == {1} and len(raw) == total
    assert sorted(r.id for r in recs.values()) == sorted(f"SVN-{session}-{p}" for p in raw)
    assert all(r.issues for r in recs.values())
    for r in recs.values():  # an SDG is never a theme or a group of persons
        assert not any(ohchr_docx._sdg_of(x, False) for x in r.issues + r.affected_persons), r.id


def test_real_cycle3_and_cycle4_lists_carry_their_sdgs(index):
    c3, _, _ = load(source_data() / REAL / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx", index)
    c4, _, _ = load(source_data() / REAL / "upr48-slovenia-thematic-list-of-recommendatio.docx", index)
    assert sum(bool(r.sdgs) for r in c3.values()) == 202   # 13 rows of the list name no SDG
    assert sum(bool(r.sdgs) for r in c4.values()) == 254
    assert c3["122.127"].sdgs == ["10"]                     # written twice in the list
    assert c4["140.145"].issues[-2] == "2030 Agenda & other voluntary commitments"
    assert c4["140.113"].source_symbol == "A/HRC/59/15/Add.1"  # "Para.3vv"


# --- messages ------------------------------------------------------------------------------------------

def test_unknown_state_names_which_alias_to_add_where(tmp_path, index):
    path = make_lists.build(tmp_path / "UPR34_Slovenia_list.docx", make_lists.CYCLE2, [
        ["121.1 Ratify the Convention (Untied Kingdom);", "Supported", "- Norms", ""],
        ["121.2 Ratify the Convention (Atlantis);", "Supported", "- Norms", ""],
        ["121.3 Ratify the Convention (Niger) (Nigeria);", "Supported", "- Norms", ""],
    ])
    _, review, problems = load(path, index, display="imports/UPR34_Slovenia_list.docx")
    assert problems == [
        "imports/UPR34_Slovenia_list.docx: table 1, row 2: the recommending State 'Untied Kingdom' is not a State "
        "name the platform knows — if it is United Kingdom of Great Britain and Northern Ireland, add it to aliases "
        "in states/gbr.md; then import again (similar names are never guessed)",
        "imports/UPR34_Slovenia_list.docx: table 1, row 3: the recommending State 'Atlantis' is not a State name "
        "the platform knows — add it to aliases in the State's file, states/<iso3>.md (its ISO 3166 alpha-3 code, "
        "e.g. states/fra.md for France), then import again",
    ]


def test_file_names_that_hide_the_review_say_how_to_give_it(tmp_path, index):
    path = make_lists.build(tmp_path / "UPR34_Slovnia_list.docx", make_lists.CYCLE2, [])
    _, review, problems = load(path, index, display="imports/UPR34_Slovnia_list.docx")
    assert review is None
    assert problems == [
        "imports/UPR34_Slovnia_list.docx: the file name 'UPR34_Slovnia_list.docx' does not say the State under "
        "Review of the list (did you mean Slovenia?), and the list has no page header 'UPR of <State> (… Cycle - "
        "<session>th Session)' — name the file UPR<session>_<State>_….docx, here UPR34_Slovenia_thematic_list.docx, "
        "or give them: upr import recommendations FILE.docx --state Slovenia --session 34"]
    # "and" in a file name is not Andorra; an ISO3 code in capitals is a State
    assert ohchr_docx._state_in_name(["list", "and", "sdgs"], index) is None
    assert ohchr_docx._state_in_name(["SVN", "list"], index) == "SVN"
    # --state with an unknown name: the alias message
    _, _, problems = load(path, index, "Slovnia", 34, display="x.docx")
    assert problems == ["x.docx: --state: the State under Review 'Slovnia' is not a State name the platform knows "
                        "— if it is Slovenia, add it to aliases in states/svn.md; if Slovakia, add it to aliases in "
                        "states/svk.md; then import again (similar names are never guessed)"]


def test_the_page_header_gives_the_review_and_must_agree_with_the_file_name(tmp_path, index):
    # Thematic_List_of_Recommendations_cycle3.docx says nothing in its name: its header gives SVN 34
    assert ohchr_docx.review_in_document(FIXTURES / "Thematic_List_of_Recommendations_cycle3.docx") == (
        "Slovenia", 34, "UPR of Slovenia (3rd Cycle - 34th Session)")
    wrong = tmp_path / "UPR47_Slovakia_list.docx"
    shutil.copy(FIXTURES / "UPR48_Slovenia_cycle4.docx", wrong)
    recs, review, problems = load(wrong, index, display="imports/UPR47_Slovakia_list.docx")
    assert recs == {} and review is None
    assert problems == [
        "imports/UPR47_Slovakia_list.docx: the file name says session 47, but the list's page header says 'UPR of "
        "Slovenia (4th Cycle - 48th Session)' — rename the file UPR48_Slovenia_….docx",
        "imports/UPR47_Slovakia_list.docx: the file name names Slovakia, but the list's page header says 'UPR of "
        "Slovenia (4th Cycle - 48th Session)' — rename the file UPR48_Slovenia_….docx"]
    _, _, problems = load(FIXTURES / "UPR48_Slovenia_cycle4.docx", index, session=47, display="x.docx")
    assert problems == ["x.docx: --session 47, but the list's page header says 'UPR of Slovenia (4th Cycle - 48th "
                        "Session)' — leave --session out: the header says which review this is"]
    # real lists carry it too
    assert ohchr_docx.review_in_document(source_data() / REAL / "UPR20__Slovenia_ThematicListRecommendations_E.docx") \
        == ("Slovenia", 20, "UPR of Slovenia (2nd Cycle – 20th session)")


def test_bad_rows_are_all_reported_and_name_table_and_row(tmp_path, index):
    path = make_lists.build(tmp_path / "UPR34_Slovenia_list.docx", make_lists.CYCLE2, [
        ["121.1 Ratify the Convention (Atlantis);", "Supported", "- Norms", ""],
        ["Ratify without a paragraph (France);", "Supported", "- Norms", ""],
        ["121.3 Ratify (France);", "Maybe", "- Norms", ""],
        ["121.4 Ratify (France);", "Noted", "- Norms", ""],
        ["121.4 Ratify again (Spain);", "Noted", "- Norms", ""],
        ["121.6 Ratify (France);", "", "- Norms\nSDGs:\n- Women", ""],
        ["121.7 Ratify (France);\nSource of position: Para 12", "Supported", "- Norms", ""],
    ])
    items, problems = ohchr_docx.read_list(path, "list.docx")
    recs, review, more = ohchr_docx.to_recommendations(path, "list.docx", items, index)
    assert [(p.severity, p.message) for p in problems + more] == [
        (ERROR, "table 1, row 3: the recommendation does not start with its paragraph number"),
        (ERROR, "table 1, row 4: position 'Maybe' is not one OHCHR uses"),
        (ERROR, "table 1, row 7: the position is empty"),
        (ERROR, "table 1, row 7: '- Women' is listed as an SDG but is not one of the 17 goals"),
        (WARNING, "table 1, row 8: the source of position 'Para 12' names no document"),
        (ERROR, "table 1, row 6: paragraph 121.4 is listed twice, with another text or position (also table 1, "
                "row 5)"),
        (ERROR, "table 1, row 2: the recommending State 'Atlantis' is not a State name the platform knows"),
    ]
    assert all(p.line == 0 and p.message.startswith("table 1, row ") for p in problems + more)


@pytest.mark.parametrize("cell, paragraph, parts, symbol", [
    ("186.28. Ratify the OP-CAT (Chile);", "186.28", [("Ratify the OP-CAT", ["Chile"])], ""),
    ("115.10\tRatify ICRMW (Egypt);", "115.10", [("Ratify ICRMW", ["Egypt"])], ""),
    ("\u00a0140.7\u00a0Ratify the OP-ICESCR (Maldives) (Portugal).", "140.7",
     [("Ratify the OP-ICESCR", ["Maldives", "Portugal"])], ""),
    ("121.5 Ratify C189 (No. 189) (Côte d’Ivoire)\nA/HRC/43/15/Add.1 - Para. 5", "121.5",
     [("Ratify C189", ["No. 189", "Côte d’Ivoire"])], "A/HRC/43/15/Add.1"),
])
def test_paragraph_variants(cell, paragraph, parts, symbol):
    assert ohchr_docx.parse_recommendation_cell(cell) == (paragraph, parts, symbol)


@pytest.mark.parametrize("line, symbol", [
    ("Source of position: A/HRC/28/15/Add.1 - Para. 3", "A/HRC/28/15/Add.1"),
    ("Source of Position: A/HRC/43/15 - Para 121", "A/HRC/43/15"),
    ("Source of position: A/HRC/28/15/Add.1, para. 3 - Para. 3", "A/HRC/28/15/Add.1"),
    ("Source of Position: A/HRC/59/15/Add.1 - Para.3vv", "A/HRC/59/15/Add.1"),
    ("Source of Position: A/HRC/43/15/Add.1", "A/HRC/43/15/Add.1"),
    ("Source of position A/HRC/43/15/Add. 1- Para.5", "A/HRC/43/15/Add.1"),
])
def test_source_of_position_variants(line, symbol):
    text, got, source = ohchr_docx.split_source(f"121.1 Ratify (France);\n{line}")
    assert (text.strip(), got) == ("121.1 Ratify (France);", symbol)
    assert source.startswith("A/HRC/")


def test_unknown_header_and_files_that_are_not_lists(tmp_path):
    path = make_lists.build(tmp_path / "UPR34_Slovenia.docx", ["Recommendation", "Position", "Donor"], [])
    _, problems = ohchr_docx.read_list(path, "x.docx")
    assert [p.format() for p in problems] == [
        "x.docx: table 1, row 1: column 'Donor' is not a column of an OHCHR thematic list — keep OHCHR's column "
        "headers: Recommendation | Position | Full list of themes (cycle 4: Recommendation and recommending State | "
        "Position of the State under review | Human rights themes and groups of persons | Relevant SDGs)"]
    path = make_lists.build(tmp_path / "UPR34_Slovenia.docx", ["A", "B"], [])
    _, problems = ohchr_docx.read_list(path, "x.docx")
    assert problems[0].message == "no table of recommendations with the columns Recommendation and Position " \
                                  "(table 1 begins: A | B)"
    (tmp_path / "notes.docx").write_text("not a zip", encoding="utf-8")
    _, problems = ohchr_docx.read_list(tmp_path / "notes.docx", "notes.docx")
    assert problems[0].format().startswith("notes.docx: not a Word .docx file (")


# --- through the command line ------------------------------------------------------------------------

def test_the_command_imports_every_layout_and_a_second_run_changes_nothing(tmp_path):
    root = tmp_path / "repo"
    (root / "states").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    shutil.copytree(source_data() / "mledoze_countries", root / "sources" / "mledoze_countries")
    shutil.copytree(source_data() / "cehdi_upr-maternal-health", root / "sources" / "cehdi_upr-maternal-health")
    shutil.copytree(source_data() / "_compiled", root / "sources" / "_compiled")
    files = [str(FIXTURES / n) for n in ("UPR20_Slovenia_cycle2.docx", "Thematic_List_of_Recommendations_cycle3.docx",
                                         "UPR48_Slovenia_cycle4.docx")]
    first = run_upr("import", "recommendations", *files, env={"UPR_ROOT": str(root)})
    assert first.returncode == 0, first.stdout
    assert "upr import: UPR48_Slovenia_cycle4.docx: Slovenia (SVN), session 48 (cycle 4): 5 recommendations " \
           "(4 supported, 1 noted); 5 with SDGs" in first.stdout
    assert "1 file(s) changed" in first.stdout
    csv_text = (root / "states" / "recommendations" / "svn.csv").read_text(encoding="utf-8")
    assert csv_text.count("\nSVN-") == 15
    again = run_upr("import", "recommendations", *files, env={"UPR_ROOT": str(root)})
    assert again.returncode == 0 and "0 file(s) changed, 1 unchanged" in again.stdout
    # the annex of session 48 is a second list for the same review: refused, nothing written
    annex = run_upr("import", "recommendations", files[2], str(FIXTURES / "UPR48_SVN_response_annex.docx"),
                    env={"UPR_ROOT": str(root)})
    assert annex.returncode == 1 and "a second list for SVN session 48" in annex.stdout
    assert (root / "states" / "recommendations" / "svn.csv").read_text(encoding="utf-8") == csv_text
