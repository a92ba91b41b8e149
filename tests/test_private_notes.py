"""Case 43 and class 6 of issue 13: HTML comments and hidden text in contributions
never reach the published site, a search index or an export. `upr check` refuses
them with file:line; the build removes them (upr.private_notes) for a forced build."""
from __future__ import annotations

import gzip
import io
import zipfile

import markdown
import pytest

from conftest import CASES
from hostile import CANARIES, hostile_build  # noqa: F401  (session fixture)
from upr import safety

CASE43 = CASES / "43-private-notes-leak-into-site" / "input" / "content" / "groups" / "cote-divoire-coalition.md"


def test_case43_is_refused_with_the_lines_of_the_comment_and_the_hidden_note():
    found = [(p.line, p.message) for p in safety.check_file(CASE43, "groups/cote-divoire-coalition.md")
             if p.severity == "error"]
    assert found == [
        (20, "HTML comment: it is published in the page source, where anyone can read it"),
        (23, "element with 'hidden' attribute: its text is still published and indexed for search"),
    ]


@pytest.mark.parametrize("text, line", [
    ("a\n<!-- note -->\n", 2), ("a\n\n<!--> note\n", 3), ("<!-- a --!> b -->\n", 1), ("x <?note?>\n", 1),
    ("x <!note>\n", 1), ("x\n\n<!-- unclosed\nnote\n", 3), ("<p hidden>x</p>\n", 1), ("<span aria-hidden=\"true\">x</span>\n", 1),
    ("Text\n{: hidden }\n", 2), ('<span class="upr-sr-only">x</span>\n', 1), ("Text\n{: .visually-hidden }\n", 2),
])
def test_every_form_of_hidden_note_is_refused(tmp_path, text, line):
    path = tmp_path / "x.md"
    path.write_text(text, encoding="utf-8")
    assert [p.line for p in safety.check_file(path, "docs/x.md") if p.severity == "error"] == [line]


def test_markers_without_text_and_code_are_allowed(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("Intro\n\n<!-- more -->\n\nMail info@example.org <!-- public -->\n\n`<!-- code -->`\n\n"
                    "```html\n<!-- in a code block -->\n<p hidden>x</p>\n```\n", encoding="utf-8")
    assert safety.check_file(path, "docs/x.md") == []


def test_the_build_removes_comments_and_hidden_elements():
    html = markdown.markdown("Public <!-- secret one -->\n\n<!-- more -->\n\n<span hidden>secret two</span>\n\n"
                             "Kept\n{: hidden }\n\n<?secret three?>\n\n<div hidden=\"until-found\">secret four</div>\n\n"
                             "`<!-- shown as code -->`", extensions=["attr_list", "md_in_html", "upr.private_notes"])
    assert "secret" not in html
    assert "<!-- more -->" in html and "Public" in html and "&lt;!-- shown as code --&gt;" in html


def test_markdown_published_as_markdown_loses_them_too():
    from upr import private_notes
    text = "Narrative <!-- secret -->\n\n<span hidden>secret</span> kept\n\n`<!-- code -->`\n\n<div hidden>\nsecret\n</div>\nend"
    assert private_notes.strip_source(text) == "Narrative \n\n kept\n\n`<!-- code -->`\n\n\nend"


def _blobs(path):
    data = path.read_bytes()
    yield data
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for name in z.namelist():
                yield z.read(name)
    if data[:2] == b"\x1f\x8b":
        yield gzip.decompress(data)


def test_no_private_note_reaches_any_output_byte(hostile_build):
    """Every file of the forced build of the hostile set: pages, both search indexes
    (Material's search_index.json and Pagefind's compressed fragments), feeds,
    calendars, and the CSV/JSON/XLSX/Word exports (files inside the archives too)."""
    _, out, _ = hostile_build
    site = out / "site"
    leaks = []
    files = 0
    for path in sorted(site.rglob("*")):
        if path.is_file():
            files += 1
            for blob in _blobs(path):
                leaks += [(path.relative_to(site).as_posix(), c) for c in CANARIES if c.encode() in blob]
    assert files > 200 and (site / "pagefind").is_dir() and (site / "search" / "search_index.json").is_file()
    assert leaks == []
    page = (site / "vectors" / "private-notes" / "index.html").read_text(encoding="utf-8")
    assert "Public text." in page  # the page itself is published


def test_an_include_comment_is_allowed_only_in_a_news_post():
    """``<!-- upr:outcome … -->`` is replaced before a News post is built (upr.news checks
    its form); anywhere else it would be an ordinary comment published in the page source."""
    from upr.safety import check_markdown
    body = "Text.\n\n<!-- upr:outcome svn-48 -->\n"
    assert check_markdown(body, "docs/news/posts/2025-07-20-x.md", 5) == []
    found = check_markdown(body, "groups/svn-48/index.md", 5)
    assert [(p.line, p.message.split(":")[0]) for p in found] == [(7, "HTML comment")]
    secret = check_markdown("<!-- upr: the real name is X -->\n", "tools_library/guide.md", 1)
    assert [p.line for p in secret] == [1]
