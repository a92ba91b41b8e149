"""The tools library in headless Chromium, on the real built site: the filter by
language and kind shows exactly the right tools (computed from the content
files), the list is complete without JavaScript, downloads work."""
from __future__ import annotations

import urllib.request

import pytest

from conftest import ROOT
from upr import tools
from upr.config import Settings

pytestmark = [pytest.mark.browser, pytest.mark.build]


@pytest.fixture(scope="module")
def library(site_root):
    loaded, problems = tools.load(Settings(root=site_root))
    assert [p.format() for p in problems if p.severity == "error"] == []
    return loaded


def expected(library, **chosen) -> set[str]:
    facets = {"kind": lambda t: [t.kind], "stage": lambda t: t.stages,
              "topic": lambda t: t.topics, "language": lambda t: t.languages}
    return {t.slug for t in library if all(v in facets[f](t) for f, v in chosen.items())}


def visible_slugs(page) -> set[str]:
    return set(page.eval_on_selector_all(
        "#tool-list li.tool", "items => items.filter(i => !i.hidden && i.offsetParent !== null)"
                              ".map(i => i.dataset.slug)"))


def test_filter_by_language_and_kind_shows_exactly_the_right_tools(browser, site_server, library):
    page = browser.new_page()
    page.goto(f"{site_server}/tools/")
    assert visible_slugs(page) == {t.slug for t in library}
    # native, labelled selects: found by their label text, as a screen reader would
    page.get_by_label("Language of the tool", exact=True).select_option("en")
    page.get_by_label("Kind of tool", exact=True).select_option("guide")
    want = expected(library, language="en", kind="guide")
    assert want and want != {t.slug for t in library}
    assert visible_slugs(page) == want
    status = page.locator("#tool-filter-status").inner_text()
    assert status == f"Showing {len(want)} of {len(library)} tools."
    assert "language=en" in page.url and "kind=guide" in page.url

    page.get_by_label("Kind of tool", exact=True).select_option("")
    page.get_by_label("Language of the tool", exact=True).select_option("fr")
    assert visible_slugs(page) == expected(library, language="fr") == {"guide-defenseurs-locaux-fr"}

    page.get_by_role("button", name="Show all tools").click()
    assert visible_slugs(page) == {t.slug for t in library}
    page.close()


def test_filtered_address_can_be_shared(browser, site_server, library):
    page = browser.new_page()
    page.goto(f"{site_server}/tools/?language=es&kind=questionnaire&stage=follow-up")
    assert page.get_by_label("Language of the tool", exact=True).input_value() == "es"
    assert visible_slugs(page) == expected(library, language="es", kind="questionnaire", stage="follow-up")
    page.goto(f"{site_server}/tools/?topic=safety-and-reprisals")
    assert visible_slugs(page) == expected(library, topic="safety-and-reprisals") == {
        "local-defenders-guide", "guide-defenseurs-locaux-fr"}
    page.close()


def test_keyboard_operates_the_filter(browser, site_server, library):
    page = browser.new_page()
    page.goto(f"{site_server}/tools/")
    select = page.get_by_label("Kind of tool", exact=True)
    select.focus()
    page.keyboard.press("ArrowDown")   # first kind after "All kinds"
    first_kind = select.input_value()
    assert first_kind in tools.KINDS
    assert visible_slugs(page) == expected(library, kind=first_kind)
    page.close()


def test_without_javascript_every_tool_is_listed(browser, site_server, library):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_server}/tools/")
    assert visible_slugs(page) == {t.slug for t in library}
    assert not page.locator("#tool-filter").is_visible()      # no dead controls
    context.close()


def test_tool_page_download_and_french_interface(browser, site_server, library, site_root):
    page = browser.new_page()
    page.goto(f"{site_server}/tools/joint-submission-template/")
    assert page.locator("h1").inner_text() == "Joint submission template (OHCHR guidelines)"
    button = page.get_by_role("link", name="Joint submission template (Word)")
    href = button.get_attribute("href")
    assert href.endswith("files/joint-submission-template.docx")
    data = urllib.request.urlopen(page.url + href).read()
    # The same document, published without its metadata (issue 13): same text, no author.
    import io
    import docx
    published = docx.Document(io.BytesIO(data))
    original = docx.Document(str(site_root / "tools_library/files/joint-submission-template.docx"))
    assert [p.text for p in published.paragraphs] == [p.text for p in original.paragraphs]
    assert published.core_properties.author == "" and published.core_properties.last_modified_by == ""
    page.goto(f"{site_server}/fr/tools/")
    page.get_by_label("Langue de l'outil", exact=True).select_option("es")
    assert visible_slugs(page) == expected(library, language="es")
    page.close()
