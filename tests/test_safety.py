"""Checks on contributed text (issue 8): raw HTML, link schemes, titles, contact details."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CASES, copy_site_root, run_upr
from upr import safety
from upr.config import settings
from upr.problems import ERROR, WARNING

CASE21 = CASES / "21-raw-html-xss-in-contributions" / "input" / "content" / "tools" / "useful-links.md"
SHOWN = "tools_library/useful-links.md"




def problems_of(text: str, name: str = "tools_library/x.md", tmp: Path | None = None):
    import tempfile
    folder = Path(tempfile.mkdtemp(dir=tmp))  # never a fixed path: test runs may overlap
    path = folder / "upr-safety-probe.md"
    path.write_text(text, encoding="utf-8")
    try:
        return safety.check_file(path, name)
    finally:
        shutil.rmtree(folder)


def errors(problems):
    return [p for p in problems if p.severity == ERROR]


def test_case21_one_problem_per_construct_with_expected_lines():
    found = errors(safety.check_file(CASE21, SHOWN))
    got = [(p.line, p.message) for p in found]
    assert got == [
        (2, "HTML is not allowed in title"),
        (9, "link scheme 'javascript:' not allowed"),
        (11, "event handler attribute 'onerror' not allowed on <img>"),
        (13, "<script> not allowed"),
        (15, "event handler attribute 'ontoggle' not allowed on <details>"),
        (17, "<iframe> not allowed"),
        (19, "link scheme 'data:' not allowed"),
    ]
    assert all(p.fix for p in found)


def test_case21_fails_upr_check_with_file_and_line(tmp_path, site_root):
    repo = copy_site_root(site_root, tmp_path / "repo")
    shutil.copyfile(CASE21, repo / "tools_library" / "useful-links.md")
    result = run_upr("check", cwd=repo, env={"UPR_ROOT": str(repo)})
    assert result.returncode == 1
    out = result.stdout
    for line, text in [(2, "HTML is not allowed in title"), (9, "link scheme 'javascript:' not allowed"),
                       (11, "'onerror' not allowed"), (13, "<script> not allowed"),
                       (15, "'ontoggle' not allowed"), (17, "<iframe> not allowed"),
                       (19, "link scheme 'data:' not allowed")]:
        assert any(l.startswith(f"tools_library/useful-links.md:{line}: ") and text in l
                   for l in out.splitlines()), (line, text, out)


def test_realistic_content_has_no_safety_errors(site_root):
    """No false alarm on the fixture site's groups, tools, pages and news (the repository's
    own content is checked by `upr check`, which runs the same checks)."""
    _, problems = safety.load(settings(site_root))
    assert errors(problems) == [], "\n".join(p.format() for p in errors(problems))


def test_allowed_html_and_links_pass():
    text = ("---\ntitle: Plain title with 2 < 3 and AT&T\nwebsite: https://example.org\n---\n\n"
            "Line one<br>line two, x<sup>2</sup>, H<sub>2</sub>O, <kbd>Ctrl</kbd>, "
            '<abbr title="Universal Periodic Review">UPR</abbr>.\n\n'
            "<details open><summary>More</summary>Body</details>\n\n"
            "[OHCHR](https://www.ohchr.org/) [mail](mailto:upr@example.org) [call](tel:+41225550123) "
            "[State](../states/nor.md) [anchor](#top) <https://upr-info.org>\n\n"
            "[ref]: https://example.org/ref\n")
    assert errors(problems_of(text)) == []


def test_code_is_shown_not_checked():
    text = ("---\ntitle: Code\n---\n\nUse `<script>` tags like this:\n\n"
            "```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```\n\n"
            "~~~\n[x](javascript:alert(1))\n~~~\n")
    assert errors(problems_of(text)) == []


@pytest.mark.parametrize("body, line, scheme", [
    ("[a](JavaScript:alert(1))", 5, "javascript"),
    ("[a](java&#115;cript:alert(1))", 5, "javascript"),
    ("[a]( <vbscript:msgbox(1)> )", 5, "vbscript"),
    ("![img](file:///etc/passwd)", 5, "file"),
    ("text\n\n[ref]: data:text/html,<b>x</b>", 7, "data"),
    ("see <javascript:alert(1)>", 5, "javascript"),
    ('<a href="  jav\tascript:alert(1)">x</a>', 5, "javascript"),
])
def test_forbidden_link_schemes_in_every_link_form(body, line, scheme):
    found = errors(problems_of(f"---\ntitle: T\n---\n\n{body}\n"))
    assert [(p.line, p.message) for p in found if "scheme" in p.message] == [
        (line, f"link scheme '{scheme}:' not allowed")]


def test_attribute_lists_cannot_add_event_handlers():
    found = errors(problems_of('---\ntitle: T\n---\n\n## Heading {: onclick="alert(1)" }\n'))
    assert [(p.line, p.message) for p in found] == [
        (5, "attribute 'onclick' not allowed in { } attribute list")]


def test_front_matter_html_anywhere_and_url_fields():
    text = ('---\ntitle: Fine\nsummary: "Read <b>this</b>"\nlinks:\n'
            '  - url: "javascript:alert(1)"\n  - url: https://example.org\n---\nBody\n')
    found = errors(problems_of(text))
    assert [(p.line, p.message) for p in found] == [
        (3, "HTML is not allowed in summary"),
        (5, "link scheme 'javascript:' not allowed in links[1].url"),
    ]


def test_unclosed_tag_with_handler_is_caught():
    found = errors(problems_of("---\ntitle: T\n---\n\n<img src=x onerror=alert(1)\n"))
    assert [(p.line, p.message) for p in found] == [(5, "event handler attribute 'onerror' not allowed")]


def test_contact_details_in_public_text_are_warnings_unless_marked_public():
    text = ("---\ntitle: T\ncontact: jane.doe@example.org\npublic_email: info@example.org\n"
            "helpline: +41 22 555 01 23  # public\n"
            "contacts:\n  - name: Somebody\n    email: somebody@example.org\n---\n\n"
            "Write to jane.doe@example.org or call +228 90 12 34 56.\n"
            "Our office: info@example.org <!-- public -->\n"
            "Document A/HRC/WG.6/48/SVN/1, paragraph 115.10, 2026-11-30.\n")
    found = problems_of(text)
    assert errors(found) == []
    warnings = [(p.line, p.message) for p in found if p.severity == WARNING]
    assert warnings == [
        (3, "e-mail address in the public field 'contact': it will be published"),
        (11, "e-mail address in this text: it will be published"),
        (11, "phone number in this text: it will be published"),
    ]


def test_docs_page_without_front_matter_is_checked(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "docs" / "page.md").write_text("# Page\n\n<object data='x.swf'></object>\n")
    _, problems = safety.load(settings(tmp_path))
    assert [(p.path, p.line, p.message) for p in problems] == [("docs/page.md", 3, "<object> not allowed")]


def test_a_confidential_file_gets_no_publication_warning():
    text = "---\ntitle: T\nconfidential: true\ncontact: jane.doe@example.org\n---\n\nCall +228 90 12 34 56.\n"
    assert problems_of(text) == []


def test_a_title_cannot_break_out_of_an_attribute():
    found = errors(problems_of("---\ntitle: 'Report\" onmouseover=\"alert(1)'\n---\nBody\n"))
    assert [(p.line, p.message) for p in found] == [(2, "HTML is not allowed in title")]


def test_an_unclosed_code_fence_is_still_checked():
    """superfences renders a fence that is never closed as ordinary text (found in review)."""
    from upr.safety import check_markdown
    out = [p.format() for p in check_markdown(
        "Intro\n\n```\n\n<script>alert(1)</script>\n<img src=x onerror=alert(2)>", "a.md", 1)]
    assert [o.split(":")[1] for o in out] == ["5", "6"] and "<script> not allowed" in out[0]
    assert check_markdown("Intro\n\n```\n<script>alert(1)</script>\n```\n", "a.md", 1) == []
