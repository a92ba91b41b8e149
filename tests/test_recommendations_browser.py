"""Follow-up tables in a real browser (headless Debian Chromium): filtering by
response and theme gives the counts of the OHCHR source; sorting; full-text search
downloads well under 1 MB (issue 3, "Done when")."""
from __future__ import annotations

import pytest
from sources import ohchr_rows

pytestmark = pytest.mark.browser


def visible_rows(page) -> int:
    return page.locator("#upr-recs tbody tr:not([hidden])").count()


def test_filter_slovenia_cycle_4_by_response_and_theme(browser, site_server):
    rows = ohchr_rows()[48]
    page = browser.new_page()
    page.goto(f"{site_server}/states/svn/cycle-4/")
    page.wait_for_selector("div.upr-filters:not(.upr-needs-js) select[name=response]")
    assert visible_rows(page) == len(rows) == 254

    page.select_option("select[name=response]", "noted")
    noted = sum(1 for _, response, _ in rows if response == "noted")
    assert visible_rows(page) == noted == 37
    assert page.locator(".upr-count").inner_text() == "37 of 254 shown"

    page.select_option("select[name=theme]", "Migrants")
    expected = sum(1 for _, response, themes in rows if response == "noted" and "Migrants" in themes)
    assert expected > 0
    assert visible_rows(page) == expected
    assert "response=noted" in page.url and "theme=Migrants" in page.url

    page.select_option("select[name=response]", "")
    assert visible_rows(page) == sum(1 for _, _, themes in rows if "Migrants" in themes)

    page.select_option("select[name=status]", "unclear")
    page.select_option("select[name=theme]", "")
    assert visible_rows(page) == 2  # the example assessment of 15 June 2026 (SVN-48-140.11, 140.12)
    page.close()


def test_filters_from_the_address_and_sorting(browser, site_server):
    page = browser.new_page()
    page.goto(f"{site_server}/states/svn/cycle-4/?response=noted")
    page.wait_for_selector("div.upr-filters:not(.upr-needs-js)")
    assert visible_rows(page) == 37
    page.select_option("select[name=response]", "")
    page.locator("#upr-recs thead th", has_text="Response").click()
    first, last = (page.locator("#upr-recs tbody tr").nth(i).get_attribute("data-response") for i in (0, 253))
    assert {first, last} == {"noted", "supported"}
    page.locator("#upr-recs thead th", has_text="ID").click()  # back to report order: 140.1 … 140.254
    assert page.locator("#upr-recs tbody tr").first.get_attribute("id") == "SVN-48-140.1"
    assert page.locator("#upr-recs tbody tr").nth(9).get_attribute("id") == "SVN-48-140.10"
    page.close()


def test_full_text_search_downloads_well_under_1_mb(browser, site_server):
    page = browser.new_page()
    sizes: list[int] = []
    page.on("response", lambda r: sizes.append(len(r.body())) if "/pagefind/" in r.url and r.ok else None)
    page.goto(f"{site_server}/recommendations/")
    page.wait_for_selector(".pagefind-ui__search-input")
    # words of SVN-48-140.12 (cycle 4): "join the Global Alliance to End Statelessness"
    page.fill(".pagefind-ui__search-input", "Global Alliance to End Statelessness")
    page.wait_for_selector(".pagefind-ui__result-link")
    links = [a.get_attribute("href") for a in page.locator(".pagefind-ui__result-link").all()]
    assert any("/states/svn/cycle-4/" in href for href in links), links
    assert 0 < sum(sizes) < 1_000_000, sum(sizes)
    page.close()
