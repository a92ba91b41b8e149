"""State name resolution (upr.names): spellings from UPR sources -> ISO3, no near-miss merges."""
from __future__ import annotations

import csv

import pytest

from conftest import CASES, source_data
from upr.names import NameIndex, name_key, strip_article, RS, SUR


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


def test_strip_article_keeps_meaningful_brackets():
    assert strip_article("Norvège (la)") == "Norvège"
    assert strip_article("Afghanistan (l')") == "Afghanistan"
    assert strip_article("the Kingdom of Norway") == "Kingdom of Norway"
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
