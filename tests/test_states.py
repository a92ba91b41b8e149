"""State files (states/*.md): loading, validation messages, the importer."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_upr, source_data
from upr.commands.import_states import build_records, write_states
from upr.config import Settings
from upr.states import REGIONAL_GROUPS, STATE_SCHEMA, load
from upr.yamlio import read_document


@pytest.fixture(scope="module")
def states(site_root):
    states, problems = load(Settings(root=site_root))
    assert problems == []
    return states


def test_195_states_193_members_with_a_regional_group(states):
    assert len(states) == 195
    members = [s for s in states.values() if s.un_status == "member"]
    observers = sorted(s.iso3 for s in states.values() if s.un_status == "observer")
    assert len(members) == 193 and observers == ["PSE", "VAT"]
    assert sum(1 for s in states.values() if s.regional_group in REGIONAL_GROUPS) == 193
    counts = {g: sum(s.regional_group == g for s in members) for g in REGIONAL_GROUPS}
    assert counts == {"African Group": 54, "Asia-Pacific Group": 54, "Eastern European Group": 23,
                      "Latin American and Caribbean Group": 33, "Western European and Others Group": 29}


def test_codes_stay_strings(states):
    assert states["NOR"].iso2 == "NO"
    assert states["DZA"].m49 == "012"
    assert states["NAM"].iso2 == "NA"
    assert states["NOR"].m49 == "578"


def test_names_in_three_languages(states):
    nor = states["NOR"]
    assert nor.name() == "Norway"
    assert nor.name("fr") == "Norvège"
    assert nor.name("fr", "formal") == "le Royaume de Norvège"
    assert nor.name("es", "formal") == "el Reino de Noruega"
    assert states.name("AFG", "fr") == "Afghanistan"  # UNTERM: "Afghanistan (l')"
    assert states.name("BOL") == "Bolivia (Plurinational State of)"
    assert states.name("SLV") == "El Salvador"
    assert states.name("TUR") == "Türkiye"
    assert states.name("VAT") == "Holy See"
    assert "Turkey" in states["TUR"].aliases
    assert states.index.resolve("Turkey") == "TUR"


def _tmp_repo(tmp_path: Path, site_root: Path) -> Settings:
    """The fixture's State files (as `upr import states` makes them from sources/) in tmp_path."""
    (tmp_path / "mkdocs.yml").write_text("site_name: test\n")
    shutil.copytree(site_root / "states", tmp_path / "states", ignore=shutil.ignore_patterns("*/"))
    for sub in (tmp_path / "states").iterdir():
        if sub.is_dir():
            shutil.rmtree(sub)
    return Settings(root=tmp_path)


def test_wrong_values_give_path_line_messages(tmp_path, site_root):
    s = _tmp_repo(tmp_path, site_root)
    nor = tmp_path / "states" / "nor.md"
    text = nor.read_text()
    text = text.replace("m49: '578'", "m49: 578").replace(
        "regional_group: Western European and Others Group", "regional_group: WEOG")
    nor.write_text(text)
    states, problems = load(s)
    shown = [p.format() for p in problems]
    assert "NOR" not in states and len(states) == 194
    assert shown == [
        'states/nor.md:4: m49 must be a text, got 578 — put the value in quotes: m49: "578"',
        "states/nor.md:6: regional_group must be one of: African Group, Asia-Pacific Group, "
        "Eastern European Group, Latin American and Caribbean Group, Western European and Others Group; "
        "got 'WEOG' — did you mean Western European and Others Group? Write it exactly so"]


def test_file_name_and_duplicates_across_files(tmp_path, site_root):
    s = _tmp_repo(tmp_path, site_root)
    dnk = tmp_path / "states" / "dnk.md"
    dnk.write_text(dnk.read_text().replace("  - Danmark\n", "  - Danmark\n  - Norge\n"))
    shutil.copy(tmp_path / "states" / "swe.md", tmp_path / "states" / "sverige.md")
    observer = tmp_path / "states" / "vat.md"
    observer.write_text(observer.read_text().replace("un_status: observer\n",
                                                      "un_status: observer\nregional_group: Western European and Others Group\n"))
    states, problems = load(s)
    shown = [p.format() for p in problems]
    line = next(i for i, l in enumerate((tmp_path / "states" / "nor.md").read_text().split("\n"), 1)
                if l.strip() == "- Norge")
    assert any(m.startswith("states/nor.md:%d: this name or alias is also used by states/dnk.md:" % line)
               for m in shown), shown
    assert ("states/sverige.md:2: the file name sverige.md does not match iso3: SWE — "
            "name the file swe.md") in shown
    assert any(m.startswith("states/vat.md:6: an observer State is not in a UN regional group") for m in shown)
    assert len(shown) == 3


def test_every_field_is_described_with_examples():
    for key, sub in STATE_SCHEMA["properties"].items():
        assert sub.get("description"), key
        assert sub.get("examples") or key == "names", key


def test_importer_reproduces_the_files_and_never_overwrites(tmp_path):
    records, warnings = build_records(source_data())
    assert warnings == []
    assert len(records) == 195
    out = tmp_path / "states"
    out.mkdir()
    (out / "nor.md").write_text("---\niso3: NOR\n---\nhand-written notes\n")
    messages = []
    created, kept = write_states(out, records, show=messages.append)
    assert (created, kept) == (194, 1)
    assert "kept states/nor.md (exists; edit by hand)" in messages
    assert (out / "nor.md").read_text() == "---\niso3: NOR\n---\nhand-written notes\n"
    expected = {"dza.md": ("DZA", "DZ", "012", "member"), "vat.md": ("VAT", "VA", "336", "observer"),
                "civ.md": ("CIV", "CI", "384", "member"), "are.md": ("ARE", "AE", "784", "member")}
    for name, values in expected.items():
        meta = read_document(out / name).meta
        assert tuple(meta[k] for k in ("iso3", "iso2", "m49", "un_status")) == values, name
    civ = read_document(out / "civ.md").meta["names"]
    assert civ["fr"] == {"short": "Côte d'Ivoire", "formal": "la République de Côte d'Ivoire"}
    assert civ["es"]["formal"] == "la República de Côte d’Ivoire"
    assert "UAE" in read_document(out / "are.md").meta["aliases"]  # an abbreviation, not an ISO code
    assert "NO" not in read_document(out / "swe.md").meta["aliases"]
    assert write_states(out, records, show=messages.append) == (0, 195)
    doc = read_document(out / "dza.md")
    assert doc.meta["m49"] == "012" and doc.problems == []


def test_import_states_command_keeps_existing_files(tmp_path, site_root):
    _tmp_repo(tmp_path, site_root)
    result = run_upr("import", "states", "--from", str(source_data()), env={"UPR_ROOT": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "kept states/nor.md (exists; edit by hand)" in result.stdout
    assert "0 created, 195 kept" in result.stderr


def test_member_without_regional_group_and_bad_codes(tmp_path, site_root):
    s = _tmp_repo(tmp_path, site_root)
    fra = tmp_path / "states" / "fra.md"
    text = fra.read_text().replace("regional_group: Western European and Others Group\n", "")
    fra.write_text(text.replace("iso2: FR", "iso2: fr").replace("iso3: FRA", "iso3: FRA\ncolour: blue"))
    states, problems = load(s)
    assert [p.format() for p in problems] == [
        "states/fra.md:3: unknown field 'colour' — check the spelling; allowed fields are: "
        "aliases, iso2, iso3, m49, names, regional_group, sources, un_status",
        'states/fra.md:4: iso2 has the wrong form: \'fr\' — ISO 3166-1 alpha-2 code in capital letters, '
        'in quotes (e.g. "NO")',
        "states/fra.md:6: a Member State must have a regional_group — write one of: African Group, "
        "Asia-Pacific Group, Eastern European Group, Latin American and Caribbean Group, "
        "Western European and Others Group"]
    assert "FRA" not in states


# --- pages (upr.pages.states) ---

import dataclasses  # noqa: E402
import datetime as dt  # noqa: E402

from upr.content import load_content  # noqa: E402
from upr.pages.states import index_page, md, state_page  # noqa: E402

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def content(site_root):
    return load_content(Settings(root=site_root, today=TODAY))


def test_norway_page_shows_codes_names_and_reviews(content):
    page = state_page(content.states["NOR"], content.sessions, TODAY, "en")
    assert "title: Norway\n" in page and "# Norway\n" in page
    assert "| ISO 3166 alpha-2 | `NO` |" in page
    assert "| ISO 3166 alpha-3 | `NOR` |" in page and "| M49 | `578` |" in page
    assert "| Français | Norvège | le Royaume de Norvège |" in page
    assert "[Western European and Others Group](index.md#western-european-and-others-group)" in page
    assert "## Review history" in page
    assert '<a href="../../sessions/47/">47</a> | 4–15 November 2024 |' in page
    assert "https://undocs.org/en/A/HRC/WG.6/47/NOR/1" in page


def test_slovenia_review_history_has_the_four_cycles(content):
    page = state_page(content.states["SVN"], content.sessions, TODAY, "en")
    rows = [line for line in page.split("\n") if line.startswith("| ") and "sessions/" in line]
    assert [r.split(" | ")[0] for r in rows] == ["| 1", "| 2", "| 3", "| 4"]
    assert "| 4 | <a href=\"../../sessions/48/\">48</a> | 20–31 January 2025 |" in page
    assert "A/HRC/WG.6/48/SVN/3" in page


def test_french_page_and_observer_page(content):
    fr = state_page(content.states["NOR"], content.sessions, TODAY, "fr")
    assert "# Norvège\n" in fr and "## Historique des examens" in fr
    assert "Groupe des États d'Europe occidentale et autres États" in fr
    vat = state_page(content.states["VAT"], content.sessions, TODAY, "en")
    assert "| UN status | Observer State |" in vat
    assert "Review history" not in vat and "Regional group" not in vat


def test_page_without_calendar_says_so(content):
    page = state_page(content.states["NOR"], None, TODAY, "en")
    assert "The review history is not available" in page


def test_index_groups_states_and_links_sessions_from_one_level_up(content):
    page = index_page(content.states, content.sessions, TODAY, "en")
    assert page.count("\n## ") == 6
    assert "## Western European and Others Group { #western-european-and-others-group }" in page
    assert "[Western European and Others Group](#western-european-and-others-group) (29)" in page
    assert "| [Norway](nor.md) | NOR | <a href=\"../sessions/47/\">Session 47</a> (4–15 November 2024) |" in page
    assert sum(1 for line in page.split("\n") if line.startswith("| [")) == 195
    assert "../../sessions" not in page


def test_names_from_files_are_escaped(content):
    evil = dataclasses.replace(content.states["NOR"], names={
        "en": {"short": "<script>alert(1)</script>", "formal": "[x](javascript:alert(1)) | *bold*"}})
    page = state_page(evil, None, TODAY, "en")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\\[x\\](javascript:alert(1)) \\| \\*bold\\*" in page
    assert md("Côte d'Ivoire (the)") == "Côte d'Ivoire (the)"


def test_hand_written_notes_are_shown_and_the_generated_line_is_not(content):
    nor = content.states["NOR"]
    assert nor.body.strip() == "Norway is a UN Member State in the Western European and Others Group."
    assert nor.notes == ""
    assert "## Notes" not in state_page(nor, None, TODAY, "en")
    noted = dataclasses.replace(nor, body=nor.body + "\nThe national NGO coalition meets in March.\n")
    page = state_page(noted, None, TODAY, "en")
    assert "## Notes\n\nThe national NGO coalition meets in March.\n" in page


def test_upr_check_reports_a_state_file_error_with_path_and_line(tmp_path, site_root):
    _tmp_repo(tmp_path, site_root)
    nor = tmp_path / "states" / "nor.md"
    nor.write_text(nor.read_text().replace("iso2: 'NO'", "iso2: no"))
    result = run_upr("check", env={"UPR_ROOT": str(tmp_path), "UPR_SOURCE_DATA": str(source_data())})
    assert result.returncode == 1
    assert ("states/nor.md:3: iso2 has the wrong form: 'no' — ISO 3166-1 alpha-2 code in capital letters, "
            'in quotes (e.g. "NO")') in result.stdout + result.stderr


def _text(path: Path) -> str:
    import re
    html_text = path.read_text(encoding="utf-8")
    html_text = re.sub(r"<(script|style)\b.*?</\1>", " ", html_text, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html_text)).replace("&nbsp;", " ")


def test_built_state_pages_in_three_languages(built_site):
    index = (built_site / "states" / "index.html").read_text(encoding="utf-8")
    for anchor in ("african-group", "asia-pacific-group", "eastern-european-group",
                   "latin-american-and-caribbean-group", "western-european-and-others-group", "observer-states"):
        assert f'id="{anchor}"' in index
    assert 'href="nor/"' in index
    civ = _text(built_site / "states" / "civ" / "index.html")
    assert "Côte d'Ivoire" in civ or "Côte d&#39;Ivoire" in civ
    fr = _text(built_site / "fr" / "states" / "nor" / "index.html")
    assert "Norvège" in fr and "le Royaume de Norvège" in fr and "Historique des examens" in fr
    es = _text(built_site / "es" / "states" / "bol" / "index.html")
    assert "Bolivia (Estado Plurinacional de)" in es
    assert (built_site / "states" / "vat" / "index.html").is_file()


def test_cycle_cells_link_to_recommendation_pages_that_exist(content):
    page = state_page(content.states["SVN"], content.sessions, TODAY, "en", cycle_pages=frozenset({2, 4}))
    assert "| [4](svn/cycle-4.md) | <a href=\"../../sessions/48/\">48</a> |" in page
    assert "| [2](svn/cycle-2.md) |" in page and "| 3 | " in page and "| 1 | " in page
