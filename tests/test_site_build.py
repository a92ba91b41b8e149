"""The real site, built with MkDocs from the repository's content (issue 2)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import ROOT, text_of


def test_every_un_member_state_has_a_page(built_site, site_root):
    state_files = sorted(p.stem for p in (site_root / "states").glob("*.md"))
    assert len(state_files) == 195  # 193 Member States + 2 observer States
    pages = sorted(p.parent.name for p in (built_site / "states").glob("*/index.html")
                   if len(p.parent.name) == 3)
    assert len(pages) == 195
    assert set(pages) == set(state_files)


def test_norway_page_shows_alpha2_NO(built_site):
    text = text_of(built_site / "states" / "nor" / "index.html")
    assert "Norway" in text
    assert re.search(r"\bNO\b", text)
    assert "NOR" in text and "578" in text  # alpha-3 and M49


def test_session_48_page_lists_slovenia_with_its_dates(built_site):
    text = text_of(built_site / "sessions" / "48" / "index.html")
    assert "Slovenia" in text
    assert "20–31 January 2025" in text


def test_home_calendar_about_exist_and_about_attributes_sources(built_site):
    for lang in ("", "fr/", "es/"):
        for page in ("index.html", "calendar/index.html", "about/index.html", "states/index.html",
                     "contribute/index.html"):
            assert (built_site / lang / page).is_file(), lang + page
    about = text_of(built_site / "about" / "index.html")
    for name in ("UPR Info", "OHCHR", "mledoze/countries", "ODbL"):
        assert name in about


def test_nav_lists_sections_not_every_state(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert html.count('href="states/nor/"') == 0
    assert len(html) < 200_000


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_no_broken_internal_links(built_site):
    """Every relative link and every link under the site's own path (e.g. the
    language switcher's /upr-platform/fr/) leads to a file of the built site,
    in all three languages."""
    from upr.mkconfig import read_mkdocs_yml, site_path
    prefix = site_path(read_mkdocs_yml(ROOT).get("site_url", ""))
    broken = []
    for page in built_site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("#", "mailto:", "tel:", "data:")):
                continue
            if parts.path.startswith("/"):
                assert parts.path.startswith(prefix), f"{page}: {link} is outside the site path {prefix}"
                target = (built_site / unquote(parts.path[len(prefix):])).resolve()
            else:
                target = (page.parent / unquote(parts.path)).resolve()
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)} -> {link}")
    assert broken == [], "\n".join(broken[:20])


def test_french_and_spanish_sites_have_their_language(built_site):
    fr = (built_site / "fr" / "index.html").read_text(encoding="utf-8")
    es = (built_site / "es" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in fr and "Examen périodique universel" in fr
    assert '<html lang="es"' in es and "Examen Periódico Universal" in es
    assert '<html lang="en"' in (built_site / "index.html").read_text(encoding="utf-8")
    # an untranslated page falls back to English with a note, never a 404
    assert (built_site / "fr" / "about" / "index.html").is_file()


def test_language_switcher_keeps_the_page_and_works_without_a_server(built_site):
    """The switcher links to the same page in the other language, relatively (so a
    local preview of site/ works); English-only tables lead to the State page."""
    def switcher(page: Path) -> dict[str, str]:
        html = page.read_text(encoding="utf-8")
        return dict((lang, href) for href, lang in
                    re.findall(r'<a href="([^"]*)" hreflang="([a-z]{2})" lang="[a-z]{2}" class="md-select__link"', html))
    nor = switcher(built_site / "states" / "nor" / "index.html")
    assert nor == {"en": "../../states/nor/",
                   "fr": "../../fr/states/nor/", "es": "../../es/states/nor/"}
    fr = switcher(built_site / "fr" / "states" / "nor" / "index.html")
    assert fr["en"] == "../../../states/nor/" and fr["es"] == "../../../es/states/nor/"
    table = switcher(built_site / "states" / "svn" / "cycle-4" / "index.html")
    assert table["fr"] == "../../../fr/states/svn/" and table["en"] == "../../../states/svn/cycle-4/"
    missing = switcher(built_site / "404.html")
    assert missing["fr"].startswith("/") and missing["fr"].endswith("/fr/")  # 404 is served at any depth
    assert "Données : UPR Info" in (built_site / "fr" / "index.html").read_text(encoding="utf-8")
