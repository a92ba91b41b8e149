"""State name resolution (upr.names): spellings from UPR sources -> ISO3, no near-miss merges."""
from __future__ import annotations

import csv

import pytest

from conftest import CASES, source_data
from upr.names import NameIndex, name_key, strip_article, strip_leading_article, RS, SUR


def _mledoze_states():
    """States as the generator sees them, from the compiled mledoze table (250 rows)."""
    path = source_data() / "_compiled" / "countries_iso_un_regional_groups__from_mledoze.csv"
    states = []
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["un_member"] != "True" and row["iso3"] not in ("PSE",):
                continue
            status = "observer" if row["iso3"] in ("VAT", "PSE") else "member"
            states.append({"iso3": row["iso3"], "un_status": status,
                           "names": {"en": {"short": row["name_common"], "formal": row["name_official"]}},
                           "aliases": []})
    return states


@pytest.fixture(scope="module")
def index():
    states = _mledoze_states()
    extra = {"TUR": ["Turkey"], "PRK": ["DPR Korea"], "CZE": ["Czech Republic"], "PSE": ["Palestine"],
             "CIV": ["Cote d'Ivoire"], "BOL": ["Bolivia (Plurinational State of)"],
             "NLD": ["Netherlands (Kingdom of the)"], "KOR": ["Republic of Korea"]}
    for s in states:
        s["aliases"] += extra.get(s["iso3"], [])
    return NameIndex.from_states(states)


def test_key_folds_case_apostrophes_diacritics_whitespace_and_nfd():
    nfd = "Co\u0302te d'Ivoire  "
    assert name_key(nfd) == name_key("Côte d’Ivoire") == name_key("CÔTE D'IVOIRE") == "cote d'ivoire"
    assert name_key("Bosnia and Herzegovina\n") == "bosnia and herzegovina"
    assert name_key("Timor-Leste") == name_key("Timor  Leste")
    assert name_key("Trinidad &amp; Tobago") == name_key("Trinidad & Tobago")
    assert name_key("C&#244;te d&#39;Ivoire") == "cote d'ivoire"


def test_strip_article_keeps_meaningful_brackets():
    assert strip_article("Norvège (la)") == "Norvège"
    assert strip_article("Afghanistan (l')") == "Afghanistan"
    assert strip_article("El Salvador") == "El Salvador"
    assert strip_leading_article("the Kingdom of Norway") == "Kingdom of Norway"
    assert strip_leading_article("la République d'Albanie") == "République d'Albanie"
    assert strip_article("Bolivia (Plurinational State of)") == "Bolivia (Plurinational State of)"


def test_variants_resolve_to_one_state(index):
    assert {index.resolve(n) for n in ("Côte d'Ivoire", "Côte d’Ivoire", "Cote d'Ivoire",
                                        "CÔTE D'IVOIRE", "Co\u0302te d'Ivoire  ")} == {"CIV"}
    assert index.resolve("Türkiye") == index.resolve("Turkey") == index.resolve("Turkiye") == "TUR"
    assert index.resolve("nor") == "NOR"


@pytest.mark.parametrize("a,b", [("Niger", "Nigeria"), ("Dominica", "Dominican Republic"),
                                 ("Republic of Korea", "DPR Korea"), ("Sudan", "South Sudan"),
                                 ("Guinea", "Guinea-Bissau"), ("Guinea", "Equatorial Guinea"),
                                 ("Congo", "DR Congo")])
def test_near_misses_never_merge(index, a, b):
    ra, rb = index.resolve(a), index.resolve(b)
    assert ra is not None and ra != rb


def test_unknown_and_observer_as_state_under_review(index):
    iso, problem = index.resolve_or_problem("Atlantis", "imports/x.csv", 25)
    assert iso is None
    assert problem.format() == ("imports/x.csv:25: unknown State 'Atlantis' — add the spelling to "
                                "'aliases' in states/<iso3>.md if it is a known State")
    assert index.resolve_or_problem("Palestine", "imports/x.csv", 26, role=RS) == ("PSE", None)
    iso, problem = index.resolve_or_problem("Palestine", "imports/x.csv", 26, role=SUR)
    assert iso is None
    assert problem.format().startswith("imports/x.csv:26: 'Palestine' cannot be a State under review — "
                                       "the Holy See and the State of Palestine are observer States")


def test_a_spelling_claimed_by_two_states_never_resolves():
    idx = NameIndex.from_states([
        {"iso3": "NER", "names": {"en": {"short": "Niger"}}, "aliases": ["Nigeria"]},
        {"iso3": "NGA", "names": {"en": {"short": "Nigeria"}}, "aliases": []}])
    assert idx.resolve("Niger") == "NER"
    assert idx.resolve("Nigeria") is None
    _, problem = idx.resolve_or_problem("Nigeria", "imports/x.csv", 3)
    assert "more than one State (NER, NGA)" in problem.message


# --- against the repository's State files (states/*.md) and the real UPR sources ---

import glob  # noqa: E402

from upr.config import Settings  # noqa: E402
from upr.names import default_index  # noqa: E402
from conftest import ROOT  # noqa: E402


@pytest.fixture(scope="module")
def repo_index(site_root):
    """The index of the State files `upr import states` makes from sources/ (the fixture root)."""
    return default_index(Settings(root=site_root))


def test_case_16_variants_map_exactly_as_expected(repo_index):
    path = CASES / "16-state-name-variants" / "input" / "imports" / "recommending-state-variants.csv"
    shown = "imports/recommending-state-variants.csv"
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))[1:]
    resolved, problems = {}, []
    for line, row in enumerate(rows, start=2):
        sur, sur_problem = repo_index.resolve_or_problem(row[0], shown, line, role=SUR)
        rs, rs_problem = repo_index.resolve_or_problem(row[4], shown, line, role=RS)
        problems += [p for p in (sur_problem, rs_problem) if p]
        resolved[line] = rs
    expected = {2: "CIV", 3: "CIV", 4: "CIV", 5: "CIV", 20: "CIV", 6: "TUR", 7: "TUR", 8: "TUR",
                9: "BOL", 10: "BOL", 11: "PRK", 12: "PRK", 13: "VAT", 14: "PSE", 15: "PSE",
                16: "NLD", 17: "NLD", 18: "CZE", 19: "CZE", 21: "KOR", 22: "NER", 23: "DMA", 24: "SSD"}
    assert {line: resolved[line] for line in expected} == expected
    assert len(set(expected.values())) == 12
    assert [p.format() for p in problems] == [
        f"{shown}:25: unknown State 'Atlantis' — add the spelling to 'aliases' in states/<iso3>.md "
        "if it is a known State",
        f"{shown}:26: 'Palestine' cannot be a State under review — the Holy See and the State of "
        "Palestine are observer States: they make recommendations but are not reviewed"]


def _upr_info_names():
    folder = source_data() / "upr-info-database-export-2018__maxarvid_data-studio"
    files = sorted(glob.glob(str(folder / "*.csv")))
    assert len(files) == 7
    sur, rs = set(), set()
    for file in files:
        with open(file, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh, delimiter=";")
            next(reader)
            for row in reader:
                sur.add(row[0].strip())
                rs.add(row[4].strip())
    return sur, rs


def test_every_upr_info_state_name_resolves(repo_index):
    sur, rs = _upr_info_names()
    assert len(sur) == 193 and "Bosnia and Herzegovina" in sur
    unresolved = sorted(n for n in sur | rs if repo_index.resolve(n) is None)
    assert unresolved == ["&#40;Unknown&#41;"]
    surs = {repo_index.resolve_or_problem(n, "x.csv", 1, role=SUR) for n in sur}
    assert all(problem is None for _, problem in surs)
    assert len({iso for iso, _ in surs}) == 193  # 193 spellings, 193 distinct Member States
    assert repo_index.resolve("Macedonia FYR") == "MKD"
    assert repo_index.resolve("St Vincent & the Grenadines") == "VCT"
    assert repo_index.resolve("Swaziland") == "SWZ"
    assert repo_index.resolve("Holy See") == "VAT"


def test_every_name_of_the_compiled_session_lists_resolves(repo_index):
    path = source_data() / "_compiled" / "upr_session_states_long.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        names = {row["state_name_as_in_source"] for row in csv.DictReader(fh)}
    assert len(names) > 200
    assert sorted(n for n in names if repo_index.resolve(n) is None) == []
    assert repo_index.resolve("the Former Yugoslav Republic of Macedonia") == "MKD"
    assert repo_index.resolve("Timor Leste") == repo_index.resolve("Timor-Leste") == "TLS"


def test_repo_states_have_no_ambiguous_spellings_and_keep_near_misses_apart(repo_index):
    assert repo_index.ambiguous == {}
    pairs = [("Niger", "NER", "Nigeria", "NGA"), ("Dominica", "DMA", "Dominican Republic", "DOM"),
             ("Republic of Korea", "KOR", "DPR Korea", "PRK"), ("Sudan", "SDN", "South Sudan", "SSD"),
             ("Guinea", "GIN", "Guinea-Bissau", "GNB"), ("Equatorial Guinea", "GNQ", "Guinea Bissau", "GNB"),
             ("Congo", "COG", "DR Congo", "COD"), ("Republic of Congo", "COG", "Democratic Republic of Congo", "COD")]
    for a, ia, b, ib in pairs:
        assert (repo_index.resolve(a), repo_index.resolve(b)) == (ia, ib)
    # French and Spanish UN names resolve too, with or without UNTERM's article
    assert repo_index.resolve("Norvège (la)") == repo_index.resolve("Noruega") == "NOR"
    assert repo_index.resolve("El Salvador") == "SLV"


def test_default_index_without_state_files_uses_the_importer_records(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    monkeypatch.setenv("UPR_SOURCE_DATA", str(source_data()))
    idx = default_index(Settings(root=tmp_path))
    assert idx.resolve("Macedonia FYR") == "MKD" and idx.observers == {"VAT", "PSE"}
    assert default_index(Settings(root=tmp_path)) is idx  # built once
