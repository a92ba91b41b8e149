"""The calendar page in headless Chromium, on the site built with --today 2026-11-30."""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]


def section_text(page, heading_id: str) -> str:
    """Text of the section that starts at the heading ``heading_id``, up to the next h2."""
    return page.evaluate(
        """(id) => { const h = document.getElementById(id); let out = []; let n = h.nextElementSibling;
                     while (n && n.tagName !== 'H2') { out.push(n.innerText); n = n.nextElementSibling; }
                     return out.join('\\n'); }""", heading_id)


def test_calendar_page_shows_next_deadlines_and_sessions_for_the_build_date(browser, site_server):
    page = browser.new_page()
    page.goto(f"{site_server}/calendar/")
    assert "30 November 2026" in page.inner_text("article")
    # every deadline published in the calendar (the last: session 54's national report, 1 Oct 2026) is
    # past: the page shows the next projected deadlines instead, labelled as projected
    deadlines = section_text(page, "open-deadlines")
    assert "No deadline published by OHCHR is open in the calendar on 30 November 2026" in deadlines
    assert "No open deadline" not in deadlines
    assert "projected: not yet published by OHCHR" in section_text(page, "projected-deadlines")
    upcoming = section_text(page, "next-sessions")
    rows = [r for r in upcoming.splitlines() if "\t" in r]  # table rows (not the screen-reader caption)
    assert rows[1].startswith("54 (next)")
    assert "January 2027, approx." in rows[1] and "Togo" in rows[1] and "25 June 2026" in rows[1]
    assert "53" not in rows[1].split("\t")[0]  # session 53 (approx. 2 Nov 2026) is over
    projected = section_text(page, "projected")
    assert "Projected: not yet published by OHCHR" in projected and "55 (projected)" in projected
    correct = page.get_attribute("a:has-text('Correct a date')", "href")
    assert correct.endswith("/issues/new?template=5-correct-a-date.yml")
    subscribe = page.get_attribute("a:has-text('Subscribe in your calendar app')", "href")
    assert subscribe == "webcal://upr-platform.github.io/upr-platform/calendar/upr-sessions.ics"
    download = page.get_attribute("a:has-text('Download the .ics file')", "href")
    response = page.request.get(f"{site_server}/calendar/{download}")
    assert response.ok and response.text().startswith("BEGIN:VCALENDAR")
    page.click("a:has-text('48')")
    assert page.url.endswith("/sessions/48/")
    assert "20–31 January 2025" in page.inner_text("article")
    page.close()
