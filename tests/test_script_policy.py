"""The only scripts on the site are the theme's and the project's own, identified
exactly; the final check reads pages as a browser does (issue 13, class 1).

Unit tests of upr.scriptcheck and of the layout part of upr.sanitize on small pages
and sites written here (tmp_path); the whole pipeline on the hostile content set is
tested in test_hostile_site.py."""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest

from upr import sanitize, scriptcheck

INLINE = 'var palette=__md_get("__palette")'  # stands for one of the theme's inline scripts
DIGEST = "sha256-" + base64.b64encode(hashlib.sha256(INLINE.encode()).digest()).decode()
CSP = f"default-src 'self'; script-src 'self' '{DIGEST}'; object-src 'none'; base-uri 'none'"
PROJECT_JS = b"console.log('the project');\n"
THEME_JS = b"/* the theme's bundle */\n"


@pytest.fixture
def site(tmp_path) -> tuple[Path, scriptcheck.Policy]:
    """A built site with one theme script, one listed project script and a policy."""
    theme = tmp_path / "theme"
    (theme / "assets" / "javascripts").mkdir(parents=True)
    (theme / "assets" / "javascripts" / "bundle.js").write_bytes(THEME_JS)
    site = tmp_path / "site"
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "javascripts" / "bundle.js").write_bytes(THEME_JS)
    (site / "javascripts").mkdir()
    (site / "javascripts" / "own.js").write_bytes(PROJECT_JS)
    policy = scriptcheck.Policy(csp=CSP, inline={DIGEST}, theme_dir=theme,
                                files={"javascripts/own.js": scriptcheck.sha256(PROJECT_JS)},
                                languages=("fr", "es"), site_path="/upr-platform/")
    return site, policy


def page(body: str = "", head: str = "", csp: str = CSP) -> str:
    return (f'<!doctype html><html><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
            f"<title>T</title><script>{INLINE}</script>{head}</head><body>"
            f'<div class="md-content"><article class="md-content__inner md-typeset"><p>Text</p>{body}</article></div>'
            f'<script id="__config" type="application/json">{{"base": "."}}</script>'
            f'<script src="assets/javascripts/bundle.js"></script><script src="javascripts/own.js"></script>'
            "</body></html>")


def reasons(html: str, site_dir: Path, policy: scriptcheck.Policy, rel: str = "index.html") -> list[str]:
    doc = scriptcheck.parse(html)
    return [f.reason for f in scriptcheck.page_findings(doc, rel, site_dir, policy)]


def test_a_page_with_only_listed_scripts_passes(site):
    site_dir, policy = site
    assert reasons(page(), site_dir, policy) == []


def test_an_inline_script_that_begins_like_the_themes_is_not_trusted(site):
    """The old sanitiser trusted inline scripts by how their text began (__md_scope=…)."""
    site_dir, policy = site
    found = reasons(page(head="<script>__md_scope=alert(1)</script>"
                              '<script>var palette=__md_get("__palette");alert(2)</script>'), site_dir, policy)
    assert len(found) == 2 and all(r.startswith("inline <script> not on the list (sha256-") for r in found)
    assert '"__md_scope=alert(1)"' in found[0]


@pytest.mark.parametrize("injection, reason", [
    # parser differentials: what html.parser read as text, browsers read as elements
    ("<svg><style><img src=x onerror=alert(1)></style></svg>", "event handler 'onerror' on <img>"),
    ("<math><style><img src=x onerror=alert(1)></style></math>", "event handler 'onerror' on <img>"),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>', "<noscript>"),
    ("<!--><img src=x onerror=alert(1)>-->", "event handler 'onerror' on <img>"),
    ("<!-- a --!><img src=x onerror=alert(1)> -->", "event handler 'onerror' on <img>"),
    ("<script>x</script/x><img src=x onerror=alert(1)>", "inline <script> not on the list"),
    # URLs as a browser reads them
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', "javascript: URL in href of <a>"),
    ('<a href=" &#106;avascript:alert(1)">x</a>', "javascript: URL in href of <a>"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data: URL in href of <a>"),
    ('<a href="vbscript:msgbox(1)">x</a>', "vbscript: URL in href of <a>"),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "javascript: URL in xlink:href of <a>"),
    ('<form action="javascript:alert(1)"></form>', "javascript: URL in action of <form>"),
    ('<button formaction="javascript:alert(1)">x</button>', "javascript: URL in formaction of <button>"),
    ('<img srcset="javascript:alert(1) 1x">', "bad URL in srcset of <img>"),
    ('<div style="background:url(javascript:alert(1))">x</div>', "script in the style of <div>"),
    # elements that load or run something
    ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "srcdoc on <iframe>"),
    ('<object data="x.swf"></object>', "<object>"),
    ('<embed src="x.swf">', "<embed>"),
    ('<base href="https://attacker.example/">', "<base>"),
    ('<meta http-equiv="refresh" content="0;url=https://attacker.example/">', '<meta http-equiv="refresh">'),
    ("<div><template shadowrootmode=open><img src=x onerror=alert(1)></template></div>", "<template>"),
    ('<svg><a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>', "<animate>"),
    ('<svg><set attributeName="onclick" to="alert(1)"/></svg>', "<set>"),
    ('<details open ontoggle="alert(1)">x</details>', "event handler 'ontoggle' on <details>"),
    ('<svg onload="alert(1)"></svg>', "event handler 'onload' on <svg>"),
    ('<script type="module">alert(1)</script>', "inline <script> not on the list"),
    ('<script type="text/x-unknown">alert(1)</script>', '<script type="text/x-unknown"> (not a script of the site)'),
    ('<script src="https://attacker.example/x.js"></script>', '<script src="https://attacker.example/x.js"> from another site'),
    ('<script src="//attacker.example/x.js"></script>', '<script src="//attacker.example/x.js"> from another site'),
    ('<script src="assets/javascripts/missing.js"></script>', "no such file in the site"),
    # private notes in the content (case 43)
    ("<!-- private note -->", "an HTML comment in the page content"),
    ("<span hidden>private</span>", "hidden <span> in the page content"),
])
def test_the_final_check_reads_the_page_as_a_browser_does(site, injection, reason):
    site_dir, policy = site
    found = reasons(page(body=injection), site_dir, policy)
    assert any(r.startswith(reason) or f"> {reason}" in r or f">: {reason}" in r for r in found), found


@pytest.mark.parametrize("mutation", [
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
])
def test_mutation_vectors_are_judged_on_the_bytes_the_browser_gets(site, mutation):
    """Mutation XSS needs a parse, a serialisation and a second parse. The sanitiser
    parses what it wrote back again (until nothing is found), as the browser will."""
    site_dir, policy = site
    # with something else to remove, the page is written back from the parsed tree
    html = page(body=mutation + "<img src=x onerror=alert(2)>")
    clean, _ = sanitize.strip_layout(html, "index.html", site_dir, policy)
    assert reasons(clean, site_dir, policy) == []
    doc = scriptcheck.parse(clean)  # what a browser builds from the bytes written
    assert not [n for n in doc.root.traverse() if n.is_element_node and "onerror" in n.attributes]


def test_script_files_are_identified_by_path_and_content(site):
    site_dir, policy = site
    # the theme's file with other bytes, a listed file with other bytes, an unlisted file
    (site_dir / "assets" / "javascripts" / "bundle.js").write_bytes(THEME_JS + b"alert(1)")
    (site_dir / "javascripts" / "own.js").write_bytes(PROJECT_JS + b"alert(2)")
    (site_dir / "javascripts" / "extra.js").write_bytes(b"alert(3)")
    found = reasons(page(body='<script src="javascripts/extra.js"></script>'), site_dir, policy)
    assert sorted(found) == [
        '<script src="assets/javascripts/bundle.js">: assets/javascripts/bundle.js is not a script of the theme '
        "nor one listed in mkdocs.yml",
        '<script src="javascripts/extra.js">: javascripts/extra.js is not a script of the theme nor one listed in mkdocs.yml',
        '<script src="javascripts/own.js">: javascripts/own.js is not a script of the theme nor one listed in mkdocs.yml',
    ]


def test_scripts_of_a_language_site_and_of_the_404_page_are_found(site):
    site_dir, policy = site
    (site_dir / "fr" / "assets" / "javascripts").mkdir(parents=True)
    (site_dir / "fr" / "assets" / "javascripts" / "bundle.js").write_bytes(THEME_JS)
    (site_dir / "fr" / "javascripts").mkdir()
    (site_dir / "fr" / "javascripts" / "own.js").write_bytes(PROJECT_JS)
    html = page().replace('src="assets/', 'src="../assets/').replace('src="javascripts/', 'src="../javascripts/')
    assert reasons(html, site_dir, policy, "fr/about/index.html") == []
    # 404.html links from the site's root path
    html404 = page().replace('src="assets/', 'src="/upr-platform/assets/').replace(
        'src="javascripts/', 'src="/upr-platform/javascripts/')
    assert reasons(html404, site_dir, policy, "404.html") == []


def test_the_policy_must_be_in_every_page_and_be_the_sites(site):
    site_dir, policy = site
    no_csp = page().replace(f'<meta http-equiv="Content-Security-Policy" content="{CSP}">', "")
    assert "no Content-Security-Policy" in reasons(no_csp, site_dir, policy)
    other = page(csp="script-src 'unsafe-inline'")
    assert "a Content-Security-Policy that is not the site's" in reasons(other, site_dir, policy)
    late = no_csp.replace("</body>", f'<meta http-equiv="Content-Security-Policy" content="{CSP}"></body>')
    assert "a <script> before the Content-Security-Policy" in reasons(late, site_dir, policy)


@pytest.mark.parametrize("csp, problem", [
    ("default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'",
     "script-src allows 'unsafe-inline'"),
    ("default-src 'self'; script-src 'self' https:; object-src 'none'; base-uri 'none'", "script-src allows https:"),
    ("default-src 'self'; script-src 'self'; base-uri 'none'", "the policy must say object-src 'none'"),
    ("script-src 'self'; object-src 'none'; base-uri 'none'", "the policy has no default-src"),
])
def test_a_weak_policy_is_refused(csp, problem):
    assert any(p.startswith(problem) for p in scriptcheck.policy_problems(csp))
    assert scriptcheck.policy_problems(CSP) == []


def test_the_layout_is_stripped_of_what_is_not_on_the_list_and_keeps_the_rest(site):
    site_dir, policy = site
    html = page(head="<script>__md_scope=alert(1)</script>",
                body='<img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>')
    clean, found = sanitize.strip_layout(html, "index.html", site_dir, policy)
    assert len(found) == 3
    assert reasons(clean, site_dir, policy) == []
    doc = scriptcheck.parse(clean)
    assert [s.text() for s in doc.css("script:not([src]):not([type])")] == [INLINE]
    assert [s.attributes["src"] for s in doc.css("script[src]")] == ["assets/javascripts/bundle.js", "javascripts/own.js"]
    assert doc.css_first("a").text() == "x" and "href" not in doc.css_first("a").attributes
    assert sanitize.strip_layout(page(), "index.html", site_dir, policy) == (page(), [])  # clean pages keep their bytes


def test_check_site_reads_scripts_svg_xml_search_index_and_feeds(site, tmp_path):
    site_dir, policy = site
    (site_dir / "index.html").write_text(page(), encoding="utf-8")
    (site_dir / "evil.js").write_bytes(b"alert(1)")
    (site_dir / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    (site_dir / "page.xml").write_text('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">'
                                       "<script>alert(1)</script></html>")
    (site_dir / "search").mkdir()
    (site_dir / "search" / "search_index.json").write_text(json.dumps(
        {"docs": [{"location": "x/", "title": "T <img src=x onerror=alert(1)>", "text": "ok"}]}))
    (site_dir / "feed.xml").write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><summary type="html">'
        "&lt;img src=x onerror=alert(1)&gt;</summary></entry></feed>")
    figures = scriptcheck.check_site(site_dir, policy, workers=1)
    assert sorted(figures["problems"]) == sorted([
        ("evil.js", "a script file that is not the theme's, Pagefind's or listed in mkdocs.yml"),
        ("logo.svg", "event handler 'onload' on <svg>"),
        ("page.xml", "an element <html> of http://www.w3.org/1999/xhtml in XML"),
        ("page.xml", "an element <script> of http://www.w3.org/1999/xhtml in XML"),
        ("search/search_index.json", "x/ title: event handler 'onerror' on <img>"),
        ("feed.xml", "event handler 'onerror' on <img>"),
    ])
    assert figures["pages"] == 1


def test_the_final_step_fails_the_build(site, tmp_path, monkeypatch):
    site_dir, policy = site
    (site_dir / "index.html").write_text(page(body="<svg><style><img src=x onerror=alert(1)></style></svg>"))
    monkeypatch.setattr(scriptcheck, "policy_of", lambda settings: policy)
    from upr.config import settings
    with pytest.raises(scriptcheck.ScriptNotOnTheList) as exc:
        scriptcheck.postbuild_step(settings(tmp_path), site_dir)
    assert "index.html: event handler 'onerror' on <img>" in str(exc.value)
    (site_dir / "index.html").write_text(page())
    scriptcheck.postbuild_step(settings(tmp_path), site_dir)  # nothing left: no exception


def test_the_local_preview_allows_the_live_reload_script_and_nothing_else_changes(tmp_path):
    from upr.commands.build import preview_config
    from upr.config import settings
    import yaml
    (tmp_path / "overrides").mkdir()
    (tmp_path / "mkdocs.yml").write_text(f"site_name: x\ntheme:\n  name: material\n  custom_dir: overrides\n"
                                         f'extra:\n  content_security_policy: "{CSP}"\n', encoding="utf-8")
    written = yaml.safe_load(preview_config(settings(tmp_path)).read_text(encoding="utf-8"))
    assert written == {
        "INHERIT": str(tmp_path / "mkdocs.yml"), "docs_dir": str(tmp_path / "build" / "docs"),
        "extra": {"content_security_policy": "default-src 'self'; script-src 'self' 'unsafe-inline' "
                                             "'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'"},
        "theme": {"custom_dir": str(tmp_path / "overrides")}}
    assert "script-src allows 'unsafe-inline'" in " ".join(
        scriptcheck.policy_problems(written["extra"]["content_security_policy"]))  # never a site's policy
