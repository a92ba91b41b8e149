"""The lobby briefing page from a Jinja2 template (issue 16): ``briefing.md.j2``, fed by
:class:`upr.pages.briefings.BriefingPage`. Values from data are escaped by the template
(for Markdown in the summaries, for HTML in the English detail tables), and a designer
reorders the page by editing the template alone. Fixture: tests/fixtures/advocacy, with a
hostile theme name and recommendation text."""
from __future__ import annotations

import shutil

import pytest
from advocacy_fixture import make_repo
from conftest import TODAY

from upr import briefing, templating
from upr.config import settings
from upr.content import load_content
from upr.site import BuildContext

THEME = "Rights <img src=x onerror=alert(1)> {: onclick=x} [a](javascript:x)"
TEXT = "Ratify the Optional Protocol to the Covenant on Economic, Social and Cultural Rights"
HOSTILE_TEXT = "<script>alert(1)</script> [b](javascript:y) & " + TEXT


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    root = make_repo(tmp_path_factory.mktemp("briefing") / "repo")
    csv = root / "states" / "recommendations" / "svn.csv"
    text = csv.read_text(encoding="utf-8").replace("Rights of the Child", THEME, 1).replace(TEXT, HOSTILE_TEXT, 1)
    csv.write_text(text, encoding="utf-8")
    return load_content(settings(root, TODAY))


def render(content, lang: str) -> str:
    from upr.pages import briefings as pages
    ctx = BuildContext(settings=content.settings, content=content, out_dir=content.settings.root / "out", lang=lang)
    review = briefing.next_review(content.sessions, "SVN", content.settings.today)
    return pages.page(ctx, briefing.build(content.recommendations, content.followup.public, review))


def test_values_from_data_are_escaped_in_markdown_and_in_the_html_tables(content):
    page = render(content, "en")
    assert "<img" not in page and "<script>" not in page
    # the summary (Markdown): HTML escaped and Markdown specials backslashed
    anchor = "theme-rights-img-src-x-onerror-alert-1-onclick-x-a-javascript-x"
    assert f"| [Rights &lt;img src=x onerror=alert(1)&gt; \\{{: onclick=x\\}} \\[a\\](javascript:x)](#{anchor}) |" in page
    assert f"## Rights &lt;img src=x onerror=alert(1)&gt; \\{{: onclick=x\\}} \\[a\\](javascript:x) {{ #{anchor} }}" in page
    # the detail (HTML): escaped for HTML, no Markdown backslashes
    assert ('<caption class="upr-sr-only">Recommendations to Slovenia on Rights &lt;img src=x '
            'onerror=alert(1)&gt; {: onclick=x} [a](javascript:x)</caption>') in page
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt; [b](javascript:y) &amp; Ratify the Optional Protocol" in page
    fr = render(content, "fr")
    assert "<img" not in fr and "| Rights &lt;img src=x onerror=alert(1)&gt; \\{: onclick=x\\} \\[a\\](javascript:x) |" in fr


def test_a_designer_reorders_the_briefing_by_editing_the_template_alone(content, tmp_path, monkeypatch):
    before = render(content, "fr")
    assert before.index("## Synthèse par thème") < before.index("## Qui a fait des recommandations")
    templates = tmp_path / "templates"
    shutil.copytree(templating.TEMPLATES, templates)
    source = (templates / "briefing.md.j2").read_text(encoding="utf-8")
    summary = source[source.index('## {{ _("Summary by theme") }}'):source.index('## {{ _("Who recommended before") }}')]
    who = source[source.index('## {{ _("Who recommended before") }}'):source.index("{% if not page.detail %}")]
    moved = source.replace(summary + who, who + summary, 1)
    assert moved != source
    (templates / "briefing.md.j2").write_text(moved, encoding="utf-8")
    monkeypatch.setattr(templating, "TEMPLATES", templates)
    text = render(content, "fr")
    assert text.index("## Qui a fait des recommandations") < text.index("## Synthèse par thème")
    assert sorted(text.splitlines()) == sorted(before.splitlines())  # the same lines, in another order
