"""The recommendations model and the loader of states/recommendations/*.csv."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from upr import recommendations as rmod
from upr.config import Settings
from upr.importers.csvread import repair_mojibake
from upr.importers.ohchr_docx import _split_names, _trailing_groups, parse_themes_cell
from upr.importers.upr_info import compress_lines

HEADER = ",".join(rmod.COLUMNS)


def write(root: Path, name: str, *rows: str) -> Path:
    folder = root / "states" / "recommendations"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("\n".join((HEADER,) + rows) + "\n", encoding="utf-8")
    return path


def load(root: Path):
    return rmod.load(Settings(root=root, today=dt.date(2026, 11, 30)))


def test_ids_are_stable_and_paragraphs_stay_strings():
    assert rmod.make_id("SVN", 48, "140.7") == "SVN-48-140.7"
    assert rmod.make_id("SVN", 20, "115.10") != rmod.make_id("SVN", 20, "115.1")
    # the same text, however spaced, cased or composed, gives the same ID
    a = rmod.make_id("NOR", 6, text="Ratify  the Convention\n")
    assert a == rmod.make_id("NOR", 6, text="ratify the convention") == "NOR-6-u" + rmod.text_hash("Ratify the Convention")
    assert rmod.text_hash("Côte") == rmod.text_hash("Co\u0302te")
    assert rmod.paragraph_key("115.2") < rmod.paragraph_key("115.10") < rmod.paragraph_key("116.1")


def test_cycle_of_session():
    assert [rmod.cycle_of(s) for s in (1, 12, 13, 26, 27, 40, 41, 48, 54)] == [1, 1, 2, 2, 3, 3, 4, 4, 4]


def test_round_trip_through_csv(tmp_path):
    rec = rmod.Recommendation("SVN-48-140.7", "SVN", 4, 48, "140.7", 'Ratify the "OP", now', ["MDV", "PRT"],
                              "supported", None, ["Ratification"], ["Public officials"], ["1", "16"],
                              "OHCHR thematic list", "A/HRC/59/15/Add.1", "x.docx:3")
    other = rmod.Recommendation("SVN-20-115.10", "SVN", 2, 20, "115.10", "Ratify ICRMW", ["BIH"], "noted", 4)
    path = tmp_path / "states" / "recommendations" / "svn.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(rmod.dump_csv([rec, other]))
    text = path.read_bytes()
    assert not text.startswith(b"\xef\xbb\xbf") and b"\r" not in text
    assert text.decode().splitlines()[1].startswith("SVN-20-115.10,SVN,2,20,115.10,Ratify ICRMW,BIH,noted,4,")
    corpus, problems = load(tmp_path)
    assert problems == []
    assert corpus.count == 2
    assert corpus.by_id["SVN-48-140.7"] == rec
    assert corpus.by_id["SVN-48-140.7"].line == 3
    assert [r.id for r in corpus.by_state["SVN"]] == ["SVN-20-115.10", "SVN-48-140.7"]


def test_every_bad_row_is_reported_with_its_line(tmp_path):
    write(tmp_path, "svn.csv",
          "SVN-48-140.7,SVN,4,48,140.7,Ratify,FRA,supported,,,,,OHCHR thematic list,,x,,",
          "SVN-48-140.8,SVN,3,48,140.8,Ratify,FRA,accepted,7,,,,OHCHR thematic list,,x,,",
          "SVN-48-140.7,SVN,4,48,140.7,Ratify again,fra,supported,,,,,OHCHR thematic list,,x,,",
          "NOR-48-1.1,NOR,4,48,1.1,Ratify,FRA,supported,,,,,OHCHR thematic list,,x,,",
          "SVN-48-140.9,SVN,4,48,140.9,too few fields",
          "SVN-48-141.1,SVN,4,48,140.1,Ratify,FRA,supported,,,,,OHCHR thematic list,,x,,")
    corpus, problems = load(tmp_path)
    got = [(p.line, p.message) for p in problems]
    assert got == [
        (3, "cycle '3' does not match session 48"),
        (3, "response 'accepted' is not one of the allowed values"),
        (3, "action_category '7' is not 1–5"),
        (4, "recommending State 'fra' is not an upper-case ISO3 code"),
        (5, "state_under_review 'NOR' does not match the file name svn.csv"),
        (6, "row has 6 fields, expected 17"),
        (7, "id 'SVN-48-141.1' does not match its State, session and paragraph"),
    ]
    assert all(p.path == "states/recommendations/svn.csv" for p in problems)
    assert problems[1].fix == "write one of: supported, noted, supported in part, pending, no clear position"
    assert corpus.count == 1


def test_duplicate_ids_across_rows_name_both_places(tmp_path):
    write(tmp_path, "svn.csv",
          "SVN-48-140.7,SVN,4,48,140.7,Ratify,FRA,supported,,,,,OHCHR thematic list,,x,,",
          "SVN-48-140.7,SVN,4,48,140.7,Ratify,FRA,supported,,,,,OHCHR thematic list,,x,,")
    _, problems = load(tmp_path)
    assert [p.format() for p in problems] == [
        "states/recommendations/svn.csv:3: duplicate id 'SVN-48-140.7' (also at "
        "states/recommendations/svn.csv:2) — each recommendation must have its own id; re-run the import"]


def test_unknown_states_are_reported_by_cross_check(tmp_path):
    write(tmp_path, "svn.csv", "SVN-48-140.7,SVN,4,48,140.7,Ratify,FRA;XYZ,supported,,,,,OHCHR thematic list,,x,,")
    settings = Settings(root=tmp_path, today=dt.date(2026, 11, 30))
    corpus, _ = rmod.load(settings)

    class Content:
        pass
    content = Content()
    content.settings = settings
    content.kinds = {"states": {"SVN": object(), "FRA": object()}, "recommendations": corpus}
    assert [p.format() for p in rmod.cross_check(content)] == [
        "states/recommendations/svn.csv:2: unknown recommending State 'XYZ' — "
        "use the ISO3 code of a State in states/ (or VAT, PSE for observers)"]


def test_list_values_never_carry_the_separator():
    assert rmod.list_item("F31 Children: definition; general principles; protection") == \
        "F31 Children: definition, general principles, protection"


def test_helpers_of_the_importers():
    assert compress_lines([2, 3, 4, 17, 19, 20]) == "2-4,17,19-20"
    assert _trailing_groups("Ratify ICRMW (ICRMW) (Iran (Islamic Republic of));") == (
        "Ratify ICRMW", ["ICRMW", "Iran (Islamic Republic of)"])
    assert _split_names("Senegal, Venezuela (Bolivarian Republic of),Peru") == [
        "Senegal", "Venezuela (Bolivarian Republic of)", "Peru"]
    assert parse_themes_cell("- Acceptance of international norms\nSDGs: \n- 16 - PEACE\nAffected persons: \n- Women") == (
        ["Acceptance of international norms"], ["Women"], ["16"])
    assert repair_mojibake("GuaranÃ\xad people, Côte d’Ivoire «é»") == "Guaraní people, Côte d’Ivoire «é»"


def test_the_imported_real_sources_load_without_problems(real_import):
    """What `upr import recommendations` makes of sources/ loads cleanly (a fixture root;
    the repository's own states/recommendations is checked by `upr check`)."""
    corpus, problems = rmod.load(Settings(root=real_import))
    assert problems == []
    assert corpus.count == 59162
    assert len(corpus.by_state) == 193
