"""Follow-up tables on the site (issue 3, item 5): counts equal the raw sources per
State, session and response; deep links, assessments and history; theme pages;
tables out of the built-in search and indexed by Pagefind; page sizes."""
from __future__ import annotations

import html
import json
import re
import shutil
from collections import Counter
from pathlib import Path

from conftest import ROOT, TODAY, text_of
from sources import counts_of_rows, expected_counts, ohchr_rows

from upr import followup, recommendations
from upr.config import settings
from upr.content import Content
from upr.pages import recommendations as pages
from upr.site import BuildContext

ROW = re.compile(r'<tr id="([^"]+)" data-response="([^"]+)" data-themes="([^"]*)" data-status="([^"]*)"')
FIXTURE = ROOT / "tests" / "fixtures" / "followup"


def table_rows(page: Path) -> list[tuple[str, str, list[str], str]]:
    return [(html.unescape(i), r, html.unescape(t).split("|") if t else [], html.unescape(s))
            for i, r, t, s in ROW.findall(page.read_text(encoding="utf-8"))]


def test_site_counts_equal_the_sources_per_state_session_and_response(built_site):
    pages_ = sorted((built_site / "states").glob("*/cycle-*/index.html"))
    assert len(pages_) >= 193 * 2
    rows = [(i, r) for p in pages_ for i, r, _, _ in table_rows(p)]
    got = counts_of_rows(rows)
    expected = expected_counts()
    assert sum(got.values()) == sum(expected.values()) == 59162
    assert got == expected
    assert len({i for i, _ in rows}) == len(rows)  # every ID once: a deep link is unambiguous


def test_slovenia_cycle_4_table_summary_and_deep_link(built_site):
    page = built_site / "states" / "svn" / "cycle-4" / "index.html"
    rows = table_rows(page)
    assert len(rows) == len(ohchr_rows()[48]) == 254
    assert Counter(r for _, r, _, _ in rows) == {"supported": 217, "noted": 37}
    text = text_of(page)
    assert "supported 217 85 %" in text and "noted 37 15 %" in text
    assert 'id="SVN-48-140.7"' in page.read_text(encoding="utf-8")
    # the State page's cycle links, downloads and the Word matrix of the latest cycle
    for href in ("../../../exports/recommendations/svn.csv", "../../../exports/recommendations/svn.xlsx",
                 "../../../exports/recommendations/svn-cycle-4-matrix.docx"):
        assert f'href="{href}"' in page.read_text(encoding="utf-8")
        assert (page.parent / href).resolve().is_file(), href


def test_assessments_history_and_example_marking(built_site):
    page = built_site / "states" / "svn" / "cycle-4" / "index.html"
    rows = {i: s for i, _, _, s in table_rows(page)}
    assert rows["SVN-48-140.7"] == "partially implemented"
    assert rows["SVN-48-140.11"] == "unclear"          # the newer of two assessments is current
    assert rows["SVN-48-140.13"] == "not implemented"  # only assessed by the older one
    assert rows["SVN-48-140.1"] == "not assessed"
    text = text_of(page)
    assert "unclear 2026-06-15 (+1 earlier) example" in text
    # both assessments stay on the page, newest first
    assert text.index("2026-06-15 — unclear (example)") < text.index("2025-10-01 — not implemented (example)")
    assert "This assessment is an example written to show the format" in text


def test_asked_before_counts_the_same_text_by_normalised_text(built_site, site_root):
    corpus, _ = recommendations.load(settings(site_root))
    recs = corpus.by_state["SDN"]  # 5 texts of cycle 1 recur in cycle 2 (155 in the whole corpus)
    texts = {c: {recommendations.normalise_text(r.text) for r in recs if r.cycle == c} for c in (1, 2)}
    expected = sum(1 for r in recs if r.cycle == 2 and recommendations.normalise_text(r.text) in texts[1])
    assert expected == 5
    text = text_of(built_site / "states" / "sdn" / "cycle-2" / "index.html")
    assert re.search(rf"\d+ asked before in an earlier cycle \(1\): {expected} with the same text, \d+ similar in meaning",
                     text)


def test_theme_page_counts_and_links_to_filtered_tables(built_site, site_root):
    corpus, _ = recommendations.load(settings(site_root))
    theme = "Women's rights"
    recs = [r for r in corpus if theme in r.issues]
    page = built_site / "recommendations" / "themes" / "womens-rights" / "index.html"
    text = text_of(page)
    supported = sum(r.response == "supported" for r in recs)
    assert f"{len(recs)} recommendations ({supported} supported, {len(recs) - supported} noted)" in text
    raw = page.read_text(encoding="utf-8")
    assert 'href="../../../states/fra/cycle-2/?theme=Women%27s%20rights"' in raw


def test_tables_stay_out_of_the_built_in_search_and_pages_are_small(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if re.match(r"states/[a-z]{3}/cycle-", d["location"])]
    assert (built_site / "search" / "search_index.json").stat().st_size < 2_000_000
    sizes = {p: p.stat().st_size for p in built_site.rglob("*.html")}
    assert max(sizes.values()) < 1_000_000, max(sizes, key=sizes.get)
    tables = [s for p, s in sizes.items() if "/cycle-" in p.as_posix()]
    assert max(tables) < 500_000


def test_pagefind_indexes_only_the_tables(built_site):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages_indexed = sum(lang["page_count"] for lang in entry["languages"].values())
    tables = len(list((built_site / "states").glob("*/cycle-*/index.html")))
    assert pages_indexed == tables
    chunks = list((built_site / "pagefind" / "index").glob("*.pf_index"))
    assert chunks and max(p.stat().st_size for p in chunks) < 300_000


# --- the generator on a small fixture (no MkDocs) ----------------------------------------

def test_confidential_assessment_never_reaches_pages_or_exports(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    folder = root / "states" / "followup" / "svn"
    folder.mkdir(parents=True)
    (folder / "2026-01-10-public.md").write_text(
        '---\nrecommendations:\n  - SVN-48-140.7\nstatus: unclear\ndate: "2026-01-10"\n'
        "assessed_by: svn-coalition\nsources:\n  - A/HRC/59/15/Add.1\n---\n\nPublic words.\n", encoding="utf-8")
    (folder / "2026-02-10-secret.md").write_text(
        '---\nrecommendations:\n  - SVN-48-140.7\nstatus: implemented\ndate: "2026-02-10"\n'
        "assessed_by: Secret Witness Org\nsources:\n  - A/HRC/59/15/Add.1\nconfidential: true\n---\n\n"
        "Name of a witness.\n", encoding="utf-8")
    s = settings(root, TODAY)
    content = Content(settings=s)
    for attr, module in (("recommendations", recommendations), ("followup", followup)):
        models, problems = module.load(s, content)
        assert not problems
        content.kinds[attr] = models
    ctx = BuildContext(settings=s, content=content, out_dir=tmp_path / "out")
    pages.generate(ctx)
    assert "states/svn/cycle-4.md" in ctx.written and "exports/recommendations/svn.csv" in ctx.written
    blob = b"".join((tmp_path / "out" / rel).read_bytes() for rel in ctx.written)
    assert b"Public words." in blob
    assert b"Secret Witness Org" not in blob and b"Name of a witness" not in blob
    page = (tmp_path / "out" / "states" / "svn" / "cycle-4.md").read_text(encoding="utf-8")
    assert 'data-status="unclear"' in page and 'data-status="implemented"' not in page
    # filter controls: one option per value with its count
    assert '<span data-value="supported">supported (3)</span>' in page
    assert '<span data-value="noted">noted (1)</span>' in page


def test_followup_links_for_the_state_page(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    s = settings(root, TODAY)
    content = Content(settings=s)
    content.kinds["recommendations"], _ = recommendations.load(s, content)
    content.kinds["followup"], _ = followup.load(s, content)
    en = pages.followup_links(BuildContext(settings=s, content=content, out_dir=tmp_path), "svn")
    assert '- <a href="../../states/svn/cycle-4/">Cycle 4</a> (session 48): 4 recommendations — ' \
           "3 supported, 1 noted; 0 assessed by NGOs" in en
    assert '- <a href="../../states/svn/cycle-1/">Cycle 1</a> (session 7): 1 recommendation —' in en
    assert '<a href="../../exports/recommendations/svn.xlsx">Excel</a>' in en
    fr = pages.followup_links(BuildContext(settings=s, content=content, out_dir=tmp_path, lang="fr"), "SVN")
    assert '<a href="../../../states/svn/cycle-4/">' in fr  # the tables live in the English site
    assert pages.followup_links(BuildContext(settings=s, content=content, out_dir=tmp_path), "NOR") == ""


def test_in_page_links_of_a_table_resolve(built_site):
    """Row IDs, assessment anchors and the links between them all exist on the page."""
    raw = (built_site / "states" / "svn" / "cycle-4" / "index.html").read_text(encoding="utf-8")
    ids = {html.unescape(i) for i in re.findall(r'\bid="([^"]+)"', raw)}
    targets = {html.unescape(t) for t in re.findall(r'href="#([^"]+)"', raw)}
    assert {"SVN-48-140.7", "assessment-2026-06-15-statelessness-convention"} <= targets
    assert targets - ids == set()


def test_recommendations_index_lists_the_latest_assessments(built_site):
    page = built_site / "recommendations" / "index.html"
    text = text_of(page)
    assert "59162 recommendations to 193 States" in text
    assert text.index("2026-06-15: Slovenia, cycle 4 — unclear (example), 2 recommendations") < \
        text.index("2025-10-01: Slovenia, cycle 4 — not implemented (example), 4 recommendations")
    assert 'href="../states/svn/cycle-4/#assessment-2026-03-20-op-icescr"' in page.read_text(encoding="utf-8")


def test_a_theme_whose_letter_case_changed_in_a_reimport_stays_one_theme(tmp_path):
    """Issue 14, item 8: a re-import of Austria whose source now writes "Women's Rights"
    (Slovenia still has "Women's rights", curly apostrophe in one row) gives one theme
    page, ``womens-rights``, never ``womens-rights-2``; every table row and filter uses
    the spelling most recommendations have; the CSV files stay as imported."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    folder = root / "states" / "recommendations"
    R = recommendations.Recommendation
    aut = folder / "aut.csv"
    aut.write_bytes(recommendations.dump_csv([
        R("AUT-20-u170ef9dd", "AUT", 2, 20, "", "Ratify the Optional Protocol to the Convention against Torture",
          ["SVN"], "supported", 5, ["Women's Rights", "WOMEN'S RIGHTS"], source_dataset="fixture", source_rows="x")]))
    svn = folder / "svn.csv"
    svn.write_bytes(recommendations.dump_csv([
        R("SVN-48-140.7", "SVN", 4, 48, "140.7", "Adopt a law on gender equality", ["FRA"], "supported", 4,
          ["Women's rights"], source_dataset="fixture", source_rows="x"),
        R("SVN-48-140.8", "SVN", 4, 48, "140.8", "Fund shelters", ["ITA"], "noted", 4,
          ["Women\u2019s  rights", "Minorities"], source_dataset="fixture", source_rows="x")]))
    before = aut.read_bytes(), svn.read_bytes()
    s = settings(root, TODAY)
    content = Content(settings=s)
    for attr, module in (("recommendations", recommendations), ("followup", followup)):
        content.kinds[attr], problems = module.load(s, content)
        assert not problems
    corpus = content.kinds["recommendations"]
    assert corpus.by_id["AUT-20-u170ef9dd"].issues == ["Women's rights"]  # two spellings in one row: one theme
    assert corpus.by_id["SVN-48-140.8"].issues == ["Women's rights", "Minorities"]
    ctx = BuildContext(settings=s, content=content, out_dir=tmp_path / "out")
    pages.generate(ctx)
    themes = sorted(p.name for p in (tmp_path / "out" / "recommendations" / "themes").iterdir())
    assert themes == ["index.md", "minorities.md", "womens-rights.md"]
    page = (tmp_path / "out" / "recommendations" / "themes" / "womens-rights.md").read_text(encoding="utf-8")
    assert "3 recommendations (2 supported, 1 noted) to 2 States." in page
    table = (tmp_path / "out" / "states" / "svn" / "cycle-4.md").read_text(encoding="utf-8")
    assert 'data-themes="Women&#x27;s rights|Minorities"' in table or 'data-themes="Women\'s rights|Minorities"' in table
    assert (aut.read_bytes(), svn.read_bytes()) == before
