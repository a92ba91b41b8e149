"""The calendar and session pages from Jinja2 templates (issue 16): ``calendar/index.md``
(``calendar.md.j2``, fed by :class:`upr.pages.calendar.CalendarPage`) and ``sessions/<n>.md``
(``session.md.j2``, fed by :class:`upr.pages.calendar.SessionPage`). Values from the
calendar and the State files are escaped by the templates, and a designer reorders a page by
editing its template alone. Fixture: the frozen calendar snapshot and a few States in
tmp_path (tests/calendar_fixture.py), with a hostile State name, session note and source."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from calendar_fixture import context, make_repo, snapshot_with
from upr import templating
from upr.pages import calendar as pages

TODAY = dt.date(2026, 12, 1)
HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1)) {: onclick=x }"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:alert(1)) \\{: onclick=x \\}"
NOTE = "State list truncated in stored excerpt; use the UPR Info export column instead"
BAD_URL = 'https://example.org/?a="><script>alert(2)</script>'


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    root = make_repo(tmp_path_factory.mktemp("calendar-templates"), snapshot_with(replace=(
        f"notes: {NOTE}\n    sources:\n",
        f"notes: \"Note {HOSTILE}\"\n    sources:\n      - '{BAD_URL}'\n      - 'A/HRC/`x` <b>y</b>'\n")))
    bahrain = root / "states" / "bhr.md"
    bahrain.write_text(bahrain.read_text(encoding="utf-8").replace('short: "Bahrain"', f'short: "Bahrain {HOSTILE}"'),
                       encoding="utf-8")
    return root


def calendar(repo, lang: str = "en") -> str:
    ctx = context(repo, TODAY, lang)
    return pages.calendar_page(ctx, ctx.content.sessions)


def session(repo, number: int, lang: str = "en") -> str:
    ctx = context(repo, TODAY, lang)
    return pages.session_page(ctx, ctx.content.sessions.schedule()[number])


def test_values_from_the_calendar_and_the_states_are_escaped(repo):
    page = calendar(repo)
    assert "<script>" not in page and "[x](javascript" not in page
    assert f"| [Bahrain {ESCAPED}](../states/bhr.md), " in page  # in the deadlines and the next sessions
    assert "<script>" not in calendar(repo, "fr")
    page = session(repo, 55)
    assert "<script>" not in page and f"| 1 | [Bahrain {ESCAPED}](../states/bhr.md) |" in page
    page = session(repo, 6, "es")
    assert "<script>" not in page and f"\n\nNote {ESCAPED}\n\n" in page  # the notes
    # a source link keeps its URL, HTML-escaped (no Markdown backslashes); a reference is a code span
    assert "- <https://example.org/?a=&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;>\n" in page
    assert "- `A/HRC/x <b>y</b>`\n" in page


def _swap(source: str, first: str, second: str, end: str) -> str:
    """``source`` with the block from ``first`` to ``second`` and the one from ``second`` to
    ``end`` in the other order."""
    a, b = source[source.index(first):source.index(second)], source[source.index(second):source.index(end)]
    moved = source.replace(a + b, b + a, 1)
    assert moved != source
    return moved


def _with_templates(tmp_path, monkeypatch, name: str, edit) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(templating.TEMPLATES, templates)
    (templates / name).write_text(edit((templates / name).read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setattr(templating, "TEMPLATES", templates)


def test_a_designer_reorders_the_calendar_by_editing_the_template_alone(repo, tmp_path, monkeypatch):
    before = calendar(repo, "fr")
    assert before.index("{#open-deadlines}") < before.index("{#next-sessions}")
    _with_templates(tmp_path, monkeypatch, "calendar.md.j2", lambda source: _swap(
        source, '## {{ _("Deadlines open now") }}', '## {{ _("Sessions in the next 12 months") }}',
        "{% if page.briefings %}"))
    after = calendar(repo, "fr")
    assert after.index("{#next-sessions}") < after.index("{#open-deadlines}") < after.index("{#projected-deadlines}")
    assert sorted(after.splitlines()) == sorted(before.splitlines())  # the same lines, in another order


def test_a_designer_reorders_a_session_page_by_editing_the_template_alone(repo, tmp_path, monkeypatch):
    before = session(repo, 6, "fr")
    _with_templates(tmp_path, monkeypatch, "session.md.j2", lambda source: _swap(
        source, '## {{ _("States under Review") }}', "{% if page.notes %}", "{% for a in page.about %}"))
    after = session(repo, 6, "fr")
    notes, states = after.index("\n## Notes\n"), after.index("\n## États examinés\n")
    assert notes < states and before.index("\n## États examinés\n") < before.index("\n## Notes\n")
    assert sorted(after.splitlines()) == sorted(before.splitlines())
