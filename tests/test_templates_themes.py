"""The theme pages from Jinja2 templates (issue 16): ``recommendations/themes/index.md``
(``themes_index.md.j2``, fed by :class:`upr.pages.recommendations.ThemesIndex`) and
``recommendations/themes/<slug>.md`` (``theme.md.j2``, fed by
:class:`upr.pages.recommendations.ThemePage`), English only. A theme from data is escaped by
the templates (for Markdown in the index and the heading, for HTML in the table's link), and
a designer reorders a page by editing its template alone. Fixture: tests/fixtures/advocacy,
with a hostile theme."""
from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest
from advocacy_fixture import make_repo
from conftest import TODAY

from upr import templating
from upr.config import settings
from upr.content import load_content
from upr.mdtext import safe_front_matter

ROW = "ESP;TUN;PRT,supported,5,A12 Acceptance of international norms,"
THEME = "Rights <img src=x onerror=alert(1)> {: onclick=x} [a](javascript:x) & \"q\""
MARKDOWN = "Rights &lt;img src=x onerror=alert(1)&gt; \\{: onclick=x\\} \\[a\\](javascript:x) &amp; \"q\""


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    root = make_repo(tmp_path_factory.mktemp("themes") / "repo")
    csv = root / "states" / "recommendations" / "svn.csv"
    text = csv.read_text(encoding="utf-8")
    assert text.count(ROW) == 1
    csv.write_text(text.replace(ROW, f'ESP;TUN;PRT,supported,5,"{THEME.replace(chr(34), chr(34) * 2)}",'),
                   encoding="utf-8")
    return load_content(settings(root, TODAY))


def pages(content) -> dict[str, str]:
    from upr.pages import recommendations
    written: dict[str, str] = {}
    # as BuildContext.write: the fields of the front matter the theme prints are made safe there
    ctx = SimpleNamespace(content=content, lang="en", write=lambda path, text: written.__setitem__(
        path, safe_front_matter(text)))
    recommendations.theme_pages(ctx, recommendations._corpus(content))
    return written


def hostile(written: dict[str, str]) -> tuple[str, str]:
    """(the theme's page's path, its text)."""
    [(path, text)] = [(p, t) for p, t in written.items() if p != "recommendations/themes/index.md" and "onerror" in t]
    return path, text


def test_a_theme_from_data_is_escaped(content):
    written = pages(content)
    path, page = hostile(written)
    index = written["recommendations/themes/index.md"]
    slug = path.rsplit("/", 1)[1]
    assert "<img" not in index and f"| [{MARKDOWN}]({slug}) | 1 | 1 | 0 |" in index
    assert "<img" not in page and f"\n# Theme: {MARKDOWN}\n" in page
    assert page.startswith("---\ntitle: 'Theme: Rights {: onclick=x} [a](javascript:x) &amp; &quot;q&quot;'\n")
    assert "?theme=Rights%20%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E" in page  # the link target, quoted


def test_a_designer_reorders_the_theme_pages_by_editing_the_templates_alone(content, tmp_path, monkeypatch):
    before = pages(content)
    templates = tmp_path / "templates"
    shutil.copytree(templating.TEMPLATES, templates)
    # the theme's page: the table before the counts; the index: the table before the introduction
    for name, first, second in (("theme.md.j2", "{{ page.recommendations }} recommendations", '<table class="upr-recs">'),
                                ("themes_index.md.j2", "UPR Info's issues", "| theme |")):
        source = (templates / name).read_text(encoding="utf-8")
        a, b = source[source.index(first):source.index(second)], source[source.index(second):]
        moved = source.replace(a + b, b + "\n" + a.rstrip("\n") + "\n", 1)
        assert moved != source
        (templates / name).write_text(moved, encoding="utf-8")
    monkeypatch.setattr(templating, "TEMPLATES", templates)
    after = pages(content)
    path, page = hostile(after)
    assert page.index("<table") < page.index(" recommendations (1 supported, 0 noted) to 1 States.")
    index = after["recommendations/themes/index.md"]
    assert index.index("| theme |") < index.index("UPR Info's issues")
    for p in before:
        assert sorted(filter(None, after[p].splitlines())) == sorted(filter(None, before[p].splitlines()))
