"""The country group pages from Jinja2 templates (issue 16): ``groups/index.md``
(``groups_index.md.j2``, fed by :class:`upr.pages.groups.GroupsIndex`) and
``groups/<slug>/index.md`` (``group.md.j2``, fed by :class:`upr.pages.groups.GroupPage`).
Values from a group's file are escaped by the template, and a designer reorders a page by
editing its template alone. Fixture repository in tmp_path (calendar snapshot, a few
States, one group with hostile values)."""
from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from calendar_fixture import make_repo
from upr import templating
from upr.config import settings
from upr.content import load_content
from upr.site import generate

TODAY = dt.date(2026, 12, 1)
HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1)) {: onclick=x }"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:alert(1)) \\{: onclick=x \\}"
GROUP = f"""---
state: TGO
session: 54
cycle: 4
status: drafting
title: "{HOSTILE}"
contacts:
  - organisation: "Contact {HOSTILE}"
    role: "coordinator {HOSTILE}"
    channel: https://example.org/contact
members:
  - organisation: "Member {HOSTILE}"
    acronym: "A*B*"
  - organisation: Example NGO Hidden
    confidential: true
languages:
  - fr
---

# Our plan

Draft the joint submission.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_repo(tmp_path_factory.mktemp("repo"))
    (root / "mkdocs.yml").write_text("site_name: fixture\nsite_url: https://example.org/upr-test/\n"
                                     "repo_url: https://github.com/example-org/upr-test\n", encoding="utf-8")
    (root / "groups" / "tgo-54").mkdir(parents=True)
    (root / "groups" / "tgo-54" / "index.md").write_text(GROUP, encoding="utf-8")
    s = settings(root, today=TODAY)
    content = load_content(s)
    assert list(content.groups) == ["tgo-54"]
    for lang in ("en", "fr"):
        generate(s, content, root / "out" / lang, lang)
    return root / "out", s, content


def read(out, lang: str, rel: str) -> str:
    return (out / lang / rel).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_values_from_the_group_file_are_escaped(site, lang):
    page = read(site[0], lang, "groups/tgo-54/index.md")
    index = read(site[0], lang, "groups/index.md")
    for text in (page, index):
        body = text.split("---\n", 2)[2]  # the front matter holds the title as plain text (HTML-escaped)
        assert "<script>" not in body
        assert not re.search(r"(?<!\\)\]\(javascript:", body) and not re.search(r"(?<!\\)\{: onclick", body)
    assert f"# {ESCAPED}\n" in page
    assert f"- Contact {ESCAPED} (coordinator {ESCAPED}): " in page
    assert f"- Member {ESCAPED} (A\\*B\\*)\n" in page
    assert "Example NGO Hidden" not in page and "Example NGO Hidden" not in index
    assert "title: '&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) {: onclick=x }'" in page
    assert "| [tgo-54](tgo-54/index.md) | " in index and f" | 1 | Contact {ESCAPED} |" in index


def _designer(site, tmp_path, monkeypatch, name: str, move) -> None:
    """Render the site from a copy of the templates where ``move`` rewrote ``name``."""
    templates = tmp_path / "templates"
    shutil.copytree(templating.TEMPLATES, templates)
    source = (templates / name).read_text(encoding="utf-8")
    moved = move(source)
    assert moved != source
    (templates / name).write_text(moved, encoding="utf-8")
    monkeypatch.setattr(templating, "TEMPLATES", templates)
    out, s, content = site
    generate(s, content, out / "designer", "fr")


def test_a_designer_reorders_the_group_page_by_editing_the_template_alone(site, tmp_path, monkeypatch):
    before = read(site[0], "fr", "groups/tgo-54/index.md")
    assert before.index("## Contact") < before.index("## Membres") < before.index("## Dates")

    def members_first(source: str) -> str:
        contact = source[source.index('## {{ _("Contact") }}'):source.index('## {{ _("Members") }}')]
        return source.replace(contact, "").replace('## {{ _("Dates") }}', contact + '## {{ _("Dates") }}', 1)

    _designer(site, tmp_path, monkeypatch, "group.md.j2", members_first)
    text = read(site[0], "designer", "groups/tgo-54/index.md")
    assert text.index("## Membres") < text.index("## Contact") < text.index("## Dates")
    assert sorted(text.splitlines()) == sorted(before.splitlines())  # the same lines, in another order


def test_a_designer_reorders_the_groups_index_by_editing_the_template_alone(site, tmp_path, monkeypatch):
    before = read(site[0], "fr", "groups/index.md")
    assert before.index("**Pas encore de groupe**") > before.index("| [tgo-54](tgo-54/index.md)")

    def call_first(source: str) -> str:
        table = source[source.index("{% if s.groups %}"):source.index("{% if s.without_group %}")]
        return source.replace(table, "").replace("{% endfor %}\n{% if page.earlier %}",
                                                 table + "{% endfor %}\n{% if page.earlier %}", 1)

    _designer(site, tmp_path, monkeypatch, "groups_index.md.j2", call_first)
    text = read(site[0], "designer", "groups/index.md")
    assert text.index("**Pas encore de groupe**") < text.index("| [tgo-54](tgo-54/index.md)")
    assert sorted(text.splitlines()) == sorted(before.splitlines())
