"""What the generators put together on one page: State pages with the next review
and tools, the calendar with briefings (generated Markdown, no MkDocs build)."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import ROOT
from upr.config import settings
from upr.content import load_content
from upr.site import generate


@pytest.fixture(scope="module")
def generated(tmp_path_factory, site_root):
    s = settings(site_root, today=dt.date(2026, 11, 1))
    content = load_content(s)
    out = tmp_path_factory.mktemp("gen")
    generate(s, content, out / "en", "en")
    generate(s, content, out / "fr", "fr")
    return out, content


def test_state_page_shows_next_review_countdown_and_tools(generated):
    out, content = generated
    page = (out / "en" / "states" / "tgo.md").read_text(encoding="utf-8")
    session = content.sessions.sessions[54]
    assert "TGO" in session.states
    assert "## Next review" in page and "[54](../sessions/54.md)" in page
    assert "(tgo.ics)" in page and "webcal://" in page
    assert "## Tools for this stage" in page
    assert "joint-submission-template.md" in page  # a submission-stage tool: Togo's review is coming


def test_state_without_upcoming_review_gets_follow_up_tools(generated):
    out, content = generated
    page = (out / "en" / "states" / "svn.md").read_text(encoding="utf-8")
    # its next review (cycle 5) is only projected: shown as such, and the stage stays follow-up
    assert "## Next review" in page and "(projected)" in page.split("## Next review")[1].split("\n\n")[1]
    assert "No future review of this State is in the calendar yet." not in page
    followup_tools = [t for t in content.tools.values() if "follow-up" in t.stages] \
        if isinstance(content.tools, dict) else [t for t in content.tools if "follow-up" in t.stages]
    assert followup_tools and all(t.page.split("/")[-1] in page for t in followup_tools)


def test_calendar_lists_upcoming_briefings_in_geneva_time(generated):
    out, _ = generated
    page = (out / "en" / "calendar" / "index.md").read_text(encoding="utf-8")
    assert "## Pre-session briefings" in page
    assert "12 November 2026, 10:00 (Geneva)" in page
    assert "[TGO-54](../groups/tgo-54/index.md)" in page
    fr = (out / "fr" / "calendar" / "index.md").read_text(encoding="utf-8")
    assert "12 novembre 2026, 10:00" in fr


def test_group_page_lists_the_tools_for_its_status(generated):
    out, content = generated
    group = content.groups["tgo-54"]
    page = (out / "en" / "groups" / "tgo-54" / "index.md").read_text(encoding="utf-8")
    assert group.status == "submitted"  # -> the pre-session stage
    section = page.split("## Tools for this stage", 1)[1]
    # the seed tools whose front matter lists "pre-session" (tools_library/*.md), and no other
    expected = {"country-group-timeline-checklist", "guide-defenseurs-locaux-fr",
                "local-defenders-guide", "pre-session-briefing-guide"}
    linked = set(re.findall(r"\]\(\.\./\.\./tools/([a-z0-9-]+)\.md\)", section))
    assert linked == expected


def test_state_page_links_each_cycle_table_and_the_downloads(generated):
    out, content = generated
    page = (out / "en" / "states" / "svn.md").read_text(encoding="utf-8")
    cycles = sorted({r.cycle for r in content.recommendations.by_state["SVN"]})
    assert cycles == [1, 2, 3, 4]  # session 7 (UPR Info), 20, 34, 48
    for cycle in cycles:
        assert f'href="../../states/svn/cycle-{cycle}/"' in page
    assert "254 recommendations" in page  # cycle 4: the OHCHR list of session 48
    assert 'href="../../exports/recommendations/svn.csv"' in page
    fr = (out / "fr" / "states" / "svn.md").read_text(encoding="utf-8")
    assert 'href="../../../states/svn/cycle-4/"' in fr  # tables live in the English site only


def test_a_tool_body_in_another_language_carries_its_lang(generated):
    out, content = generated
    tools = content.tools.values() if isinstance(content.tools, dict) else content.tools
    english = next(t for t in tools if t.languages[0] == "en")
    french = next(t for t in tools if t.languages[0] == "fr")
    slug = lambda t: t.page.split("/")[-1]
    assert '<div lang="en" markdown>' in (out / "fr" / "tools" / slug(english)).read_text(encoding="utf-8")
    assert '<div lang="fr" markdown>' in (out / "en" / "tools" / slug(french)).read_text(encoding="utf-8")
    assert "<div lang=" not in (out / "en" / "tools" / slug(english)).read_text(encoding="utf-8")


def test_untranslated_hand_written_page_is_marked_english(tmp_path):
    from upr.site import BuildContext, _untranslated
    ctx = BuildContext(settings=None, content=None, out_dir=tmp_path, lang="es")
    page = _untranslated("---\ntitle: X\n---\n# Guide\n\nText.\n", ctx)
    assert page.startswith("---\ntitle: X\n---\n")
    assert "Esta página aún no se ha traducido" in page
    assert '<div lang="en" markdown>\n\n# Guide\n\nText.\n\n</div>' in page
