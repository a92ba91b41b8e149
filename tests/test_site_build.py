"""The real site, built with MkDocs from the repository's content (issue 2)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import ROOT


def text_of(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&nbsp;", " ")


def test_every_un_member_state_has_a_page(built_site):
    state_files = sorted(p.stem for p in (ROOT / "states").glob("*.md"))
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
    for page in ("index.html", "calendar/index.html", "about/index.html", "states/index.html"):
        assert (built_site / page).is_file(), page
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
    broken = []
    for page in built_site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("#", "mailto:", "tel:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)} -> {link}")
    assert broken == [], "\n".join(broken[:20])
