"""The advocacy pages built for real (``upr build``: generate, MkDocs --strict in three
languages, post-build steps with the privacy scan) from the fixture repository
(tests/advocacy_fixture.py): the briefing pages, the group page's outcome, the News
post that cites it, the downloads."""
from __future__ import annotations

import shutil
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import docx
import openpyxl
import pytest
from advocacy_fixture import make_repo
from conftest import TODAY, run_upr, text_of

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("advocacy-site")
    root = make_repo(base / "repo")
    run_upr("build", "--today", TODAY.isoformat(), "--out", str(base / "out"), env={"UPR_ROOT": str(root)},
            check=True)
    yield base / "out" / "site"
    shutil.rmtree(base, ignore_errors=True)


def test_briefing_pages_in_three_languages(site):
    en = text_of(site / "states" / "svn" / "briefing-62" / "index.html")
    assert "Slovenia: lobby briefing for the review at session 62" in en
    assert "738 recommendations in cycle(s) 1–4, " in en
    assert "SVN-20-115.4 2 Ratify the Optional Protocol to the Covenant on Economic, Social and Cultural Rights" in en
    fr = text_of(site / "fr" / "states" / "svn" / "briefing-62" / "index.html")
    assert "Slovénie : note de plaidoyer pour l'examen de la session 62" in fr and "Synthèse par thème" in fr
    es = text_of(site / "es" / "states" / "svn" / "briefing-62" / "index.html")
    assert "Eslovenia: nota de incidencia para el examen del período de sesiones 62" in es
    state = (site / "states" / "svn" / "index.html").read_text(encoding="utf-8")
    assert 'href="briefing-62/"' in state


def test_group_page_and_news_post_show_the_outcome(site):
    group = text_of(site / "groups" / "svn-48" / "index.html")
    assert ("11 of the 15 recommendations of the joint submission were taken up by 26 recommending States , in 33 "
            "of the Working Group's 254 recommendations to Slovenia at session 48 (20 supported, 13 noted).") in group
    assert "Lobby briefing for this review" in group
    raw = (site / "groups" / "svn-48" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../states/svn/briefing-48/"' in raw and 'id="outcome"' in raw
    post = site / "news" / "2025-07-20-what-came-of-our-submission" / "index.html"
    text = text_of(post)
    assert "11 of the 15 recommendations of the joint submission were taken up" in text
    assert "Increase the resources of the Commission for the Prevention of Corruption France SVN-48-140.57 " \
           "noted (0.70)" in text
    assert 'href="../../groups/svn-48/#outcome"' in post.read_text(encoding="utf-8")


def test_downloads_open_and_nothing_confidential_is_published(site):
    exports = site / "exports"
    sheet = docx.Document(str(exports / "briefings" / "svn-48-briefing.docx"))
    assert sheet.paragraphs[0].text == "Slovenia: lobby briefing for the review at session 48"
    table = openpyxl.load_workbook(exports / "briefings" / "svn-48-briefing.xlsx")["Briefing"]
    assert table.max_row == 485 and table["B2"].value.startswith("SVN-")
    report = docx.Document(str(exports / "recommendations" / "svn-cycle-4-midterm.docx"))
    assert report.paragraphs[0].text == "Slovenia: CSO mid-term report on the recommendations of cycle 4"
    assert not (exports / "briefings" / "svn-62-briefing.docx").exists()  # projected: made on demand
    # the confidential member and contact of the fixture group (the build's privacy scan passed too)
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".ics", ".csv"):
            data = path.read_text(encoding="utf-8", errors="replace")
            assert "Maribor Witness Support" not in data and "hidden-channel" not in data, path


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        self.links += [v for k, v in attrs if k in ("href", "src") and v]


def test_every_link_of_the_advocacy_pages_resolves(site):
    """Briefing pages (all languages), the group page and the News post: every relative
    link leads to a file of the built site (downloads included)."""
    pages = [*site.glob("states/svn/briefing-*/index.html"), *site.glob("*/states/svn/briefing-*/index.html"),
             *site.glob("**/groups/svn-48/index.html"), *site.glob("**/news/2025-07-20-*/index.html"),
             *site.glob("**/states/svn/index.html")]
    assert len(pages) == 15
    broken, checked = [], 0
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("#", "/")):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
    assert broken == [] and checked > 100, broken[:20]
