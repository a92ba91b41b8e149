"""The UHRI importer (issue 12, item 1): the fixture in both documented layouts, its
quirks, a second import, importing over existing data, and the merge rule across
UPR Info, OHCHR thematic lists and UHRI."""
from __future__ import annotations

import csv
import itertools
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

import uhri_fixture
from conftest import ROOT, run_upr

SOURCES = ROOT / "sources"
UPR_INFO = SOURCES / "upr-info-database-export-2018__maxarvid_data-studio"
S7 = UPR_INFO / "07-10-UPR-INFO-DATABASE-EXPORT-2018_07_25-20_20_28.csv"
S20 = UPR_INFO / "19-21-UPR-INFO-DATABASE-EXPORT-2018_07_25-20_23_33.csv"
LIST20 = uhri_fixture.LISTS / "UPR20__Slovenia_ThematicListRecommendations_E.docx"
LIST34 = uhri_fixture.LISTS / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx"
LIST48 = uhri_fixture.LISTS / "upr48-slovenia-thematic-list-of-recommendatio.docx"
ENV = {"UPR_SOURCE_DATA": str(SOURCES)}


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    from upr import names
    from upr.config import settings
    import os
    os.environ.setdefault("UPR_SOURCE_DATA", str(SOURCES))
    index = names.default_index(settings(uhri_fixture.make_root(tmp_path_factory.mktemp("index"))))
    return uhri_fixture.write(tmp_path_factory.mktemp("uhri"), lambda n: index.resolve(n) is not None)


def upr_import(root: Path, *files: Path, check: bool = True):
    return run_upr("import", "recommendations", *map(str, files), env={**ENV, "UPR_ROOT": str(root)}, check=check)


def records(root: Path) -> dict[str, dict]:
    out = {}
    for path in sorted((root / "states" / "recommendations").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                out[row["id"]] = row
    return out


def counts(recs: dict[str, dict]) -> dict:
    c: dict = {}
    for r in recs.values():
        key = (r["state_under_review"], int(r["session"]))
        c.setdefault(key, Counter())[r["response"]] += 1
    return {k: dict(v) for k, v in c.items()}


def tree(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "states" / "recommendations").glob("*.csv"))}


@pytest.mark.parametrize("layout", ["json", "xlsx"])
def test_fixture_imports_to_the_expected_counts(tmp_path, export, layout):
    root = uhri_fixture.make_root(tmp_path)
    result = upr_import(root, export[layout])
    recs = records(root)
    assert counts(recs) == uhri_fixture.EXPECTED
    assert f"{uhri_fixture.LEFT_OUT} UPR concerns/observations" not in result.stdout  # said in words, counted apart
    assert "(3 of other bodies, 2 UPR concerns/observations or responses left out)" in result.stdout
    # paragraphs however the text writes them: "Recommendation No. 121.1", "para. 121.3", "140.7."
    first, third, cycle4 = recs["SVN-34-121.1"], recs["SVN-34-121.3"], recs["SVN-48-140.7"]
    assert first["text"] == "Ratify the International Convention for the Protection of All Persons from Enforced Disappearance"
    assert first["recommending_states"] == "FRA;LTU" and first["response"] == "supported"
    assert third["paragraph"] == "121.3" and third["text"].startswith("Ratify and implement the International Labour Organization’s 2014")
    assert cycle4["text"] == ("Ratify the Optional Protocol to the International Covenant on Economic, Social and "
                              "Cultural Rights") and cycle4["recommending_states"] == "MDV;PRT"
    # one merged paragraph keeps each part's States in brackets, and lists them all in order
    assert recs["SVN-34-121.2"]["recommending_states"] == "UKR;SVK"
    assert recs["SVN-34-121.2"]["text"].endswith("Enforced Disappearance (Slovakia)")
    # themes, affected persons, SDGs, symbol, annotation id, cycle
    assert first["issues"] == "Acceptance of international norms;Enforced disappearances"
    assert first["affected_persons"] == "Disappeared persons" and first["sdgs"] == "16"
    assert (first["source_symbol"], first["source_dataset"], first["cycle"]) == ("A/HRC/43/15", "UHRI", "3")
    assert len(first["annotation_id"]) == 36
    # hyphenated names are never split; supported in part; SDG targets by code
    tls = recs["TLS-40-92.1"]
    assert (tls["recommending_states"], tls["response"], tls["sdgs"]) == ("GNB;CPV", "supported in part", "10.2")
    # "South Sudan - Sudan": the calendar lists South Sudan in session 26
    assert recs["SSD-26-123.4"]["recommending_states"] == "NOR"
    # UN names of the day resolve (Türkiye, Netherlands (Kingdom of the), State of Palestine*)
    all_rs = {code for r in recs.values() for code in r["recommending_states"].split(";")}
    assert {"TUR", "NLD", "PSE", "TLS"} <= all_rs
    # no position yet = pending; a repeated annotation is imported once, keeping both ids;
    # another text with the same paragraph is kept as -2, both with warnings naming both rows
    grc = {k: v for k, v in recs.items() if k.startswith("GRC-")}
    assert sorted(grc) == ["GRC-53-110.1", "GRC-53-110.2", "GRC-53-110.2-2"]
    assert grc["GRC-53-110.1"]["response"] == "pending" and len(grc["GRC-53-110.1"]["annotation_id"].split(";")) == 2
    assert grc["GRC-53-110.2-2"]["text"] == "Protect asylum seekers at sea"
    assert result.stdout.count("warning:") == 2
    assert "imported once" in result.stdout and "kept as GRC-53-110.2-2" in result.stdout
    # texts are clean: no entity, no tag
    assert not any("&" in r["text"] and ";" in r["text"].split("&", 1)[1][:8] for r in recs.values())
    assert not any("<p>" in r["text"] for r in recs.values())


def test_both_layouts_give_the_same_files_and_a_second_import_changes_nothing(tmp_path, export):
    a, b = uhri_fixture.make_root(tmp_path / "a"), uhri_fixture.make_root(tmp_path / "b")
    upr_import(a, export["json"])
    upr_import(b, export["xlsx"])
    assert tree(a) == tree(b) and len(tree(a)) == 4
    before = tree(a)
    again = upr_import(a, export["json"])
    assert tree(a) == before
    assert "0 file(s) changed, 4 unchanged" in again.stdout


def test_importing_over_existing_data_keeps_counts_and_every_assessment_link(tmp_path, export):
    root = uhri_fixture.make_root(tmp_path)
    upr_import(root, S7, S20, LIST20, LIST34, LIST48)
    linked = ["SVN-48-140.11", "SVN-48-140.14", "SVN-34-121.1", "SVN-20-115.8"]
    u7 = next(k for k in records(root) if k.startswith("SVN-7-u"))
    folder = root / "states" / "followup" / "svn"
    folder.mkdir(parents=True)
    (folder / "2025-10-01-example.md").write_text(
        "---\nrecommendations:\n" + "".join(f"  - {i}\n" for i in linked + [u7]) +
        "status: unclear\ndate: \"2025-10-01\"\nassessed_by: Example\nsources:\n  - A/HRC/59/15/Add.1\n---\n\nText.\n")
    before = records(root)
    svn_before = {k: v for k, v in counts(before).items() if k[0] == "SVN"}
    upr_import(root, export["xlsx"])
    after = records(root)
    assert {k: v for k, v in counts(after).items() if k[0] == "SVN"} == svn_before
    assert svn_before[("SVN", 48)] == {"supported": 217, "noted": 37}
    for rec_id in linked + [u7]:
        assert rec_id in after
    # the record now holds both sources, the official texts unchanged
    assert after["SVN-48-140.11"]["source_dataset"] == "UHRI;OHCHR thematic list"
    assert after["SVN-48-140.11"]["text"] == before["SVN-48-140.11"]["text"]
    assert after["SVN-20-115.8"] == before["SVN-20-115.8"]


def test_an_import_that_would_orphan_an_assessment_is_refused(tmp_path, export):
    root = uhri_fixture.make_root(tmp_path)
    upr_import(root, export["json"])
    folder = root / "states" / "followup" / "grc"
    folder.mkdir(parents=True)
    (folder / "2026-11-20-plan.md").write_text(
        "---\nrecommendations:\n  - GRC-53-110.2-2\nstatus: unclear\ndate: \"2026-11-20\"\nassessed_by: Example\n"
        "sources:\n  - A/HRC/62/12\n---\n\nText.\n")
    smaller = tmp_path / "smaller.json"
    objects = [o for o in json.loads(export["json"].read_text()) if "asylum" not in o["Text"]]
    smaller.write_text(json.dumps(objects))
    before = tree(root)
    result = upr_import(root, smaller, check=False)
    assert result.returncode == 1
    assert ("states/followup/grc/2026-11-20-plan.md:3: GRC-53-110.2-2 is no longer in the imported source (UHRI), "
            "but this assessment refers to it") in result.stdout
    assert tree(root) == before


def test_every_problem_names_file_row_and_column_and_nothing_is_written(tmp_path, export):
    root = uhri_fixture.make_root(tmp_path)
    objects = json.loads(export["json"].read_text())
    objects[0]["UprPositions"] = ["Accepted maybe"]
    objects[1]["UprRecommendingCountry"] = ["Atlantis"]
    objects[2]["UprSession"] = ["a session"]
    objects[4]["Countries"] = ["Holy See"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(objects))
    result = upr_import(root, bad, check=False)
    assert result.returncode == 1
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith(str(bad)) and "warning:" not in ln]
    assert lines == [
        f"{bad}:1: UprPositions: 'Accepted maybe' is not a UPR position — expected Supported, Noted or "
        "Supported/Noted (supported in part)",
        f"{bad}:2: UprRecommendingCountry: unknown State 'Atlantis' — add the spelling to 'aliases' in "
        "states/<iso3>.md if it is a known State",
        f"{bad}:3: UprSession: no session number in 'a session' — expected a UPR Working Group session "
        "such as '- 31st session'",
        f"{bad}:5: Countries: 'Holy See' cannot be a State under Review — the Holy See and the State of "
        "Palestine are observer States",
    ]
    assert "nothing was written" in result.stdout
    assert tree(root) == {}


def test_a_cut_download_and_a_wrong_header_are_refused(tmp_path, export):
    root = uhri_fixture.make_root(tmp_path)
    cut = tmp_path / "cut.json"
    cut.write_bytes(export["json"].read_bytes()[:20000])
    result = upr_import(root, cut, check=False)
    assert result.returncode == 1
    assert "the JSON stops being valid after annotation" in result.stdout
    assert "download the export again" in result.stdout
    import openpyxl
    book = openpyxl.load_workbook(export["xlsx"])
    book.active["C1"] = "Body"  # not OHCHR's column name
    odd = tmp_path / "odd.xlsx"
    book.save(odd)
    result = upr_import(root, odd, check=False)
    assert result.returncode == 1
    assert f"{odd}:1: column(s) 'Reccomending Body' missing from the header" in result.stdout
    assert tree(root) == {}


def test_the_merge_does_not_depend_on_the_order_of_imports(tmp_path, export):
    """One review from three sources: every order, and every re-import, gives the same bytes."""
    files = {"uhri": export["json"], "list34": LIST34, "list48": LIST48}
    results = []
    for i, order in enumerate(itertools.permutations(files)):
        root = uhri_fixture.make_root(tmp_path / str(i))
        for name in order:
            upr_import(root, files[name])
        results.append(tree(root))
    assert all(r == results[0] for r in results)
    recs = records(root)
    assert recs["SVN-48-140.7"]["source_dataset"] == "UHRI;OHCHR thematic list"
    assert recs["SVN-48-140.7"]["source_rows"] == "upr48-slovenia-thematic-list-of-recommendatio.docx:3"


def test_ohchr_list_then_upr_info_then_the_list_again_keeps_action_category_and_rows(tmp_path):
    """The class of issue 12: an OHCHR list, a UPR Info export of the same review, the list
    again — the matched record keeps UPR Info's action category and source row."""
    one, two = uhri_fixture.make_root(tmp_path / "one"), uhri_fixture.make_root(tmp_path / "two")
    upr_import(one, LIST20)
    upr_import(one, S20)
    after_two = tree(one)
    upr_import(one, LIST20)
    assert tree(one) == after_two
    upr_import(two, S20)
    upr_import(two, LIST20)
    assert tree(two) == after_two
    rec = records(one)["SVN-20-115.38"]
    assert rec["action_category"] == "4"
    assert rec["source_dataset"] == "OHCHR thematic list;UPR Info export 2018-07-25"
    assert rec["source_rows"] == ("UPR20__Slovenia_ThematicListRecommendations_E.docx:29|"
                                  "19-21-UPR-INFO-DATABASE-EXPORT-2018_07_25-20_23_33.csv:7728|"
                                  "19-21-UPR-INFO-DATABASE-EXPORT-2018_07_25-20_23_33.csv:7729|"
                                  "19-21-UPR-INFO-DATABASE-EXPORT-2018_07_25-20_23_33.csv:7730")
    # the IDs the UPR Info rows had alone stay findable
    assert len(rec["former_ids"].split(";")) == 3
    svn20 = [r for r in records(one).values() if r["session"] == "20" and r["state_under_review"] == "SVN"]
    assert len(svn20) == 163 and Counter(r["response"] for r in svn20) == {"supported": 142, "noted": 21}
    # ICRMW: one UPR Info text, two paragraphs: rows to the one with most States, category to both
    icrmw = records(one)
    assert icrmw["SVN-20-115.8"]["action_category"] == icrmw["SVN-20-115.10"]["action_category"] == "5"
    assert ".csv" not in icrmw["SVN-20-115.10"]["source_rows"]


def test_a_former_id_still_finds_its_recommendation(tmp_path):
    from upr import recommendations as rmod
    from upr.config import settings
    root = uhri_fixture.make_root(tmp_path)
    upr_import(root, S20)
    alone = records(root)
    u_id = next(k for k, v in alone.items() if v["source_rows"].endswith(".csv:7728"))
    upr_import(root, LIST20)
    corpus, problems = rmod.load(settings(root))
    assert problems == []
    assert u_id not in corpus.by_id
    assert corpus.get(u_id).id == "SVN-20-115.38" and corpus.canonical(u_id) == "SVN-20-115.38"
    shutil.rmtree(root)
