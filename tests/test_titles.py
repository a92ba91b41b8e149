"""Titles and labels the theme prints are text, wherever they are printed (issue 13,
class 1): the <title> (Material: `page.title | striptags`, which decodes entities),
the header, navigation, tabs, footer, <meta> description and author, and every label
a page generator takes from imported data (State names, the `issues` column of
states/recommendations/*.csv, sources …), in all three languages."""
from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from hostile import ALERT_ID, FIELD_PAYLOADS, hostile_build  # noqa: F401  (session fixture)
from upr import mdtext, safety

HEAD_TAGS = {"meta", "title", "link", "script", "style"}


def test_front_matter_the_theme_prints_is_made_text():
    page = ('---\ntitle: "Links <img src=\\"x\\" onerror=\\"alert(1)\\"> Q&amp;A"\n'
            "description: 'x\" http-equiv=\"refresh'\nstatus: new\ntemplate: redirect.html\n"
            "date: 2026-11-01\n---\n# Body <b>kept</b>\n")
    out = mdtext.safe_front_matter(page)
    meta = yaml.safe_load(out.split("---\n")[1])
    assert meta == {"title": "Links Q&amp;A", "description": "x&quot; http-equiv=&quot;refresh",
                    "status": "new", "date": __import__("datetime").date(2026, 11, 1)}
    assert out.endswith("---\n# Body <b>kept</b>\n")  # the body is not front matter
    plain = "---\ntitle: Côte d'Ivoire & Q&amp;A\n---\nx\n"
    assert mdtext.safe_front_matter(plain) is plain  # nothing to do: the same object, no parse
    # MkDocs' own reading: BOM, CRLF and "..." closing the front matter
    crlf = '\ufeff---\r\ntitle: "<i>x</i>"\r\n...\r\nbody\r\n'
    assert mdtext.safe_front_matter(crlf) == "---\ntitle: x\n---\nbody\n"


@pytest.mark.parametrize("text, line, message", [
    ("# &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;\n", 1, "HTML written with entities (&lt; …) in a heading"),
    ("Intro\n\nTitle &#60;img src=x onerror=alert(1)&#62;\n=====\n", 3, "HTML written with entities (&lt; …) in a heading"),
    ("---\ntitle: '&lt;img src=x onerror=alert(1)&gt;'\n---\n# x\n", 2, "HTML is not allowed in title"),
    ("---\ntitle: T\ntemplate: redirect.html\n---\n# x\n", 3,
     "'template:' is not allowed: a page cannot choose the theme's template"),
    ("## Heading { data-toc-label=\"x\" }\n", 1, "attribute 'data-toc-label' not allowed in { } attribute list"),
])
def test_upr_check_refuses_markup_in_titles_with_its_line(tmp_path, text, line, message):
    path = tmp_path / "page.md"
    path.write_text(text, encoding="utf-8")
    found = [(p.line, p.message) for p in safety.check_file(path, "docs/page.md")]
    assert (line, message) in found
    assert mdtext.safe_front_matter("---\ntitle: AT&amp;T\n---\n") == "---\ntitle: AT&amp;T\n---\n"


PAGES = ["vectors/heading-title/index.html", "vectors/front-matter/index.html", "news/2026-11-01-hostile/index.html",
         "tools/hostile-guide/index.html", "states/tgo/cycle-3/index.html", "states/tgo/index.html",
         "fr/states/tgo/index.html", "es/states/tgo/index.html", "groups/tgo-54/index.html",
         "news/index.html", "case21/index.html"]


@pytest.mark.parametrize("rel", PAGES)
def test_built_titles_and_labels_are_text(hostile_build, rel):
    _, out, _ = hostile_build
    doc = LexborHTMLParser((out / "site" / rel).read_bytes(), scripting=True)
    assert {n.tag for n in doc.head.iter()} <= HEAD_TAGS, rel  # nothing broke out of <title> or <meta>
    titles = doc.css("title")
    assert len(titles) == 1 and titles[0].parent.tag == "head"
    for node in doc.root.traverse():
        if not node.is_element_node:
            continue
        assert not [k for k in node.attributes if k.lower().startswith("on")], (rel, node.html[:200])
        if node.tag == "script" and "src" not in node.attributes:
            assert "alert(" not in node.text(), (rel, node.text()[:200])
    assert not doc.css('meta[http-equiv="refresh"]')
    assert len(doc.css('meta[name="description"]')) == 1


def test_the_heading_title_is_shown_as_it_was_written(hostile_build):
    _, out, _ = hostile_build
    doc = LexborHTMLParser((out / "site" / PAGES[0]).read_bytes(), scripting=True)
    assert doc.css_first("title").text() == "</title><script>__md_scope=alert('h1-title')</script> - UPR Platform"
    assert "__md_scope=alert" in doc.css_first(".md-header__topic:last-child").text()


def test_template_syntax_in_markdown_is_text(hostile_build):
    """No page is rendered as a Jinja template: {{ }} and {% %} in Markdown stay text."""
    _, out, _ = hostile_build
    doc = LexborHTMLParser((out / "site" / "vectors" / "markdown" / "index.html").read_bytes(), scripting=True)
    text = " ".join(doc.css_first("article").text().split())
    assert "Templates are text here: {{ 7 * 7 }} {% raw %} {{ config.extra }} {# x #}" in text


def _markdown_extensions(repo: Path) -> list[str]:
    config = yaml.load((repo / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]


def test_imported_labels_are_escaped_where_the_generators_write_them(hostile_build):
    """Every generated page (three languages), rendered as MkDocs renders it but without
    the build's sanitiser: no payload from a YAML field or a CSV column (the hostile
    states/recommendations/tgo.csv, State names, groups, tools, assessments) may become
    an element, an attribute, an event handler or a javascript: link."""
    repo, out, _ = hostile_build
    extensions = _markdown_extensions(repo)
    live: dict[str, set[str]] = {}
    pages = 0
    for tree in ("docs", "docs-fr", "docs-es"):
        for path in sorted((out / tree).rglob("*.md")):
            pages += 1
            text = path.read_text(encoding="utf-8")
            m = re.match(r"^---\n(.*?\n)---\n", text, re.S)
            body = text[m.end():] if m else text
            if m:  # what the theme prints unescaped must hold no markup
                meta = yaml.safe_load(m.group(1)) or {}
                for key in mdtext.PRINTED_FIELDS:
                    if isinstance(meta.get(key), str) and re.search(r"[<>\"]", meta[key]):
                        live.setdefault(f"{tree}/{path.relative_to(out / tree)} front matter", set()).update(
                            ALERT_ID.findall(meta[key]) or {"markup"})
            doc = LexborHTMLParser("<body>" + markdown.markdown(body, extensions=extensions), scripting=True)
            for node in doc.body.traverse():
                if not node.is_element_node:
                    continue
                values = [k + "=" + (v or "") for k, v in node.attributes.items()
                          if k.lower().startswith("on") or k.lower() == "srcdoc"
                          or re.match(r"\s*(javascript|vbscript|data):", v or "", re.I)]
                if node.tag in ("script", "iframe", "object", "embed", "style"):
                    values.append(node.html or "")
                ids = {i for v in values for i in ALERT_ID.findall(v)} & FIELD_PAYLOADS
                if ids:
                    live.setdefault(f"{tree}/{path.relative_to(out / tree)}", set()).update(ids)
    assert pages > 60
    assert live == {}
