"""The pages of the recommendations one State made in a cycle from a Jinja2 template
(issue 16): ``states/<iso3>/recommended-cycle-<n>.md`` (``recommended.md.j2``, fed by
:class:`upr.pages.recommending.RecommendedPage`). Values from data are escaped by the
template (for Markdown in the counts, for HTML in the filters and the table), and a designer
reorders the page by editing the template alone. Fixture: tests/fixtures/advocacy, with a
hostile recommendation text and theme."""
from __future__ import annotations

import shutil

import pytest
from advocacy_fixture import make_repo
from conftest import TODAY

from upr import templating
from upr.config import settings
from upr.content import load_content

ROW = ('"Ratify the Optional Protocol to the Covenant on Economic, Social and Cultural Rights",ESP;TUN;PRT,supported,5,'
       "A12 Acceptance of international norms,")
THEME = "Rights <img src=x onerror=alert(1)> {: onclick=x} [a](javascript:x)"
TEXT = "<script>alert(1)</script> [b](javascript:y) & Ratify the Optional Protocol"


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    root = make_repo(tmp_path_factory.mktemp("recommending") / "repo")
    csv = root / "states" / "recommendations" / "svn.csv"
    text = csv.read_text(encoding="utf-8")
    assert text.count(ROW) == 1
    csv.write_text(text.replace(ROW, f'"{TEXT}",ESP;TUN;PRT,supported,5,{THEME},'), encoding="utf-8")
    return load_content(settings(root, TODAY))


def render(content) -> str:
    """Spain's page of cycle 2, which holds the hostile recommendation."""
    from upr.pages import recommending as pages
    per_cycle = pages.made_of(content)["ESP"]
    return pages.cycle_page(per_cycle[2], list(per_cycle), lambda iso3: pages.state_name(content, iso3))


def test_values_from_data_are_escaped_in_markdown_and_in_the_html(content):
    page = render(content)
    assert "<img" not in page and "<script>" not in page
    # the counts (Markdown, inside "??? info"): HTML escaped and Markdown specials backslashed
    assert "\n    | Rights &lt;img src=x onerror=alert(1)&gt; \\{: onclick=x\\} \\[a\\](javascript:x) | 1 | " in page
    # the filter and the table (HTML): escaped for HTML, no Markdown backslashes
    escaped_theme = "Rights &lt;img src=x onerror=alert(1)&gt; {: onclick=x} [a](javascript:x)"
    assert f'<span data-value="{escaped_theme}">{escaped_theme} (1)</span>' in page
    assert f'<td class="upr-themes">{escaped_theme}</td></tr>' in page
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt; [b](javascript:y) &amp; Ratify the Optional Protocol</td>" in page


def test_a_designer_reorders_the_page_by_editing_the_template_alone(content, tmp_path, monkeypatch):
    before = render(content)
    assert before.index("\n## Summary\n") < before.index("\n## Recommendations\n")
    templates = tmp_path / "templates"
    shutil.copytree(templating.TEMPLATES, templates)
    source = (templates / "recommended.md.j2").read_text(encoding="utf-8")
    summary = source[source.index("## Summary\n"):source.index("## Recommendations\n")]
    recommendations = source[source.index("## Recommendations\n"):]
    moved = source.replace(summary + recommendations, recommendations + summary, 1)
    assert moved != source
    (templates / "recommended.md.j2").write_text(moved, encoding="utf-8")
    monkeypatch.setattr(templating, "TEMPLATES", templates)
    after = render(content)
    assert after.index("\n## Recommendations\n") < after.index("\n## Summary\n")
    assert sorted(after.splitlines()) == sorted(before.splitlines())  # the same lines, in another order
