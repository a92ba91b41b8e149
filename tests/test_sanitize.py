"""Defence in depth on the built site (issue 8): nothing contributed can run script."""
from __future__ import annotations

import json
import re

import pytest

from conftest import CASES
from upr import sanitize, scriptcheck

# What Python-Markdown + Material write for ordinary content (from a real build).
MATERIAL_CONTENT = """
<h1 id="features">Features<a class="headerlink" href="#features" title="Permanent link">&para;</a></h1>
<p>Text with <strong>bold</strong>, <code>code</code>, an <a href="../about/">internal</a> link, <abbr title="Universal Periodic Review">UPR</abbr>, x<sup>2</sup>.</p>
<table>
<thead>
<tr>
<th style="text-align: left;">Left</th>
<th style="text-align: right;">Right</th>
</tr>
</thead>
<tbody>
<tr>
<td style="text-align: left;">a</td>
<td style="text-align: right;">c</td>
</tr>
</tbody>
</table>
<div class="admonition note">
<p class="admonition-title">A note</p>
<p>Admonition body.</p>
</div>
<details class="warning">
<summary>Collapsed</summary>
<p>Hidden.</p>
</details>
<p>Footnote here<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>.</p>
<div class="highlight"><pre><span></span><code><span class="k">def</span><span class="w"> </span><span class="nf">f</span><span class="p">(</span><span class="n">x</span><span class="p">):</span>
</code></pre></div>
<dl>
<dt>Term</dt>
<dd>Definition</dd>
</dl>
<ul class="task-list">
<li class="task-list-item"><input type="checkbox" disabled checked> done</li>
</ul>
<p><img alt="alt text" src="https://example.org/img.png" width="100"></p>
<a href="https://github.com/x/edit/main/docs/a.md" title="Edit this page" class="md-content__button md-icon"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M10 20H6V4h7v5h5v3.1l2-2V8l-6-6H6c-1.1 0-2 .9-2 2v16c0 1.1.9 2 2 2h4zm10.2-7c.1 0 .3.1.4.2l1.3 1.3c.2.2.2.6 0 .8l-1 1-2.1-2.1 1-1c.1-.1.2-.2.4-.2m0 3.9L14.1 23H12v-2.1l6.1-6.1z"/></svg></a>
"""

# What MkDocs wrote for case 21 before this module existed (see the case's expected.md).
CASE21_BUILT = """<p><a href="javascript:alert(" title="xss-link">Download the guide</a>)</p>
<p><img src="x" onerror="alert('xss-img')"></p>
<script>alert('xss-script')</script>
<details open ontoggle="alert('xss-details')"><summary>More</summary>text</details>
<iframe src="https://attacker.example/"></iframe>
<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzLWRhdGEnKTwvc2NyaXB0Pg==">Open the factsheet</a></p>
"""

PAGE = """<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>Useful links <img src=x onerror=alert('xss-title')> - UPR Platform</title>
<script>__md_scope=new URL("/",location)</script>
</head><body>
<form class="md-search__form" name="search"><input type="text" class="md-search__input" name="query"></form>
<span class="md-ellipsis">
    Useful links <img src=x onerror=alert('xss-title')>
</span>
<a href="./" class="md-tabs__link">Useful links <img src=x onerror=alert('xss-title')></a>
<div class="md-content"><article class="md-content__inner md-typeset">
{content}
</article></div>
<script id="__config" type="application/json">{{"base": ".."}}</script>
</body></html>"""
INLINE = '__md_scope=new URL("/",location)'
DIGEST = scriptcheck.sha256(INLINE.encode())
POLICY = scriptcheck.Policy(csp=f"default-src 'self'; script-src '{DIGEST}'; object-src 'none'; base-uri 'none'",
                            inline={DIGEST})


def built(content: str) -> str:
    return PAGE.format(content=content, csp=POLICY.csp)


DANGER = re.compile(r"onerror|ontoggle|javascript:|<script>alert|<iframe|data:text", re.I)


def normalised(html: str) -> str:
    """Compare markup ignoring what nh3 legitimately rewrites (entities, spacing in style)."""
    html = html.replace("&para;", "¶").replace("text-align: left;", "text-align:left")
    html = html.replace("text-align: right;", "text-align:right")
    return re.sub(r"\s+", " ", html).strip()


def test_material_content_survives_cleaning():
    clean = sanitize.clean_fragment(MATERIAL_CONTENT)
    expected = MATERIAL_CONTENT.replace("disabled checked", 'disabled="" checked=""').replace('"/></svg>', '"></path></svg>')
    assert normalised(clean) == normalised(expected)


def test_case21_content_is_neutralised():
    clean = sanitize.clean_fragment(CASE21_BUILT)
    assert not DANGER.search(clean), clean
    assert "Download the guide" in clean and "Open the factsheet" in clean  # text stays
    assert '<details open=""><summary>More</summary>text</details>' in clean


def test_layout_is_stripped_but_listed_scripts_stay():
    page = built(CASE21_BUILT)
    assert sanitize.unsafe_constructs(page, policy=POLICY)  # the page as MkDocs wrote it is unsafe
    clean = sanitize.sanitize_page(page, policy=POLICY)
    assert sanitize.unsafe_constructs(clean, policy=POLICY) == []
    doc = scriptcheck.parse(clean)
    assert not [n for n in doc.root.traverse() if n.is_element_node
                and (n.tag in ("script", "iframe") and "src" not in n.attributes and n.text() != INLINE
                     and n.attributes.get("type") != "application/json"
                     or any(k.startswith("on") for k in n.attributes))]
    # the <title> holds text (RCDATA): a browser shows it, never runs it
    assert doc.css_first("title").text() == "Useful links <img src=x onerror=alert('xss-title')> - UPR Platform"
    assert [s.text() for s in doc.css("script:not([type])")] == [INLINE]
    assert doc.css_first('script[id="__config"]').attributes["type"] == "application/json"
    assert doc.css_first("form.md-search__form") is not None


@pytest.mark.parametrize("payload, reason", [
    ('<a href="java&#x09;script:alert(1)">x</a>', "javascript: URL in href of <a>"),
    ("<script>alert(1)</script>", 'inline <script> not on the list'),
    ('<script src="https://attacker.example/x.js"></script>', '<script src="https://attacker.example/x.js"> from another site'),
    ('<embed src="x.swf">', "<embed>"),
    ('<meta http-equiv="refresh" content="0;url=https://attacker.example">', '<meta http-equiv="refresh">'),
    ('<svg onload="alert(1)"></svg>', "event handler 'onload' on <svg>"),
    ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"><script src="/a.js"></script></iframe>', "srcdoc on <iframe>"),
])
def test_layout_injections_are_found_and_removed(payload, reason):
    page = f"<html><head><title>T</title></head><body><nav>{payload}</nav></body></html>"
    assert any(r.startswith(reason) for r in sanitize.unsafe_constructs(page, policy=POLICY))
    clean, reasons = sanitize.strip_layout(page, policy=POLICY)
    assert any(r.startswith(reason) for r in reasons)
    assert sanitize.unsafe_constructs(clean, policy=POLICY) == []
    assert payload.split(">")[0] not in clean  # the whole start tag is gone
    assert "<title>T</title>" in clean and "<nav>" in clean


def test_external_links_get_noopener_noreferrer():
    html = ('<a href="https://www.ohchr.org/en/hr-bodies/upr">OHCHR</a> <a href="../states/nor/">NOR</a> '
            '<a class="x" href="https://upr-platform.github.io/upr-platform/about/">self</a> '
            '<a href="http://example.org" rel="nofollow">x</a>')
    out = sanitize.add_rel(html, "upr-platform.github.io")
    assert out == ('<a href="https://www.ohchr.org/en/hr-bodies/upr" rel="noopener noreferrer">OHCHR</a> '
                   '<a href="../states/nor/">NOR</a> '
                   '<a class="x" href="https://upr-platform.github.io/upr-platform/about/">self</a> '
                   '<a href="http://example.org" rel="noopener noreferrer">x</a>')


def test_search_index_text_is_cleaned(tmp_path):
    index = tmp_path / "search_index.json"
    index.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": [
        {"location": "x/", "title": "T <img src=x onerror=alert(1)>", "text": "<p>ok</p><script>alert(2)</script>"},
        {"location": "y/", "title": "Norway", "text": "<p>NO</p>"}]}), encoding="utf-8")
    assert sanitize.sanitize_search_index(index) is True
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    assert docs[0]["title"] == 'T <img src="x">' and docs[0]["text"] == "<p>ok</p>"
    assert docs[1] == {"location": "y/", "title": "Norway", "text": "<p>NO</p>"}


def test_what_the_sanitiser_misses_the_final_check_refuses(tmp_path, monkeypatch):
    from upr.config import settings
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(built(CASE21_BUILT), encoding="utf-8")
    monkeypatch.setattr(scriptcheck, "policy_of", lambda s: POLICY)
    sanitize.postbuild_step(settings(tmp_path), site)  # cleans, nothing remains: no exception
    scriptcheck.postbuild_step(settings(tmp_path), site)
    assert not DANGER.search(scriptcheck.parse((site / "index.html").read_text()).css_first("article").html)
    # If the cleaner missed something, the final check (the last post-build step) stops the build.
    monkeypatch.setattr(sanitize, "sanitize_page", lambda text, *a, **k: text)
    (site / "index.html").write_text(built(CASE21_BUILT), encoding="utf-8")
    sanitize.postbuild_step(settings(tmp_path), site)
    with pytest.raises(scriptcheck.ScriptNotOnTheList) as exc:
        scriptcheck.postbuild_step(settings(tmp_path), site)
    assert exc.value.code != 0 and "index.html: event handler 'onerror' on <img>" in str(exc.value)


# --- case 21 built for real with the check bypassed (upr build --force) --------------------------

from test_privacy import hostile_site  # noqa: E402,F401  (session fixture: one build for both files)

CASE_PATTERN = re.compile(r"onerror|ontoggle|javascript:|<script>alert|<iframe", re.I)


def test_case21_site_built_with_check_bypassed_contains_none_of_it(hostile_site):
    _, site = hostile_site
    page = site / "case21" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "Download the guide" in html and "Open the factsheet" in html  # the case was rendered
    assert "<title>Useful links - UPR Platform</title>" in html  # issue 13: tags dropped from the title
    found = []
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml") and path.is_file():
            for m in CASE_PATTERN.finditer(path.read_text(encoding="utf-8", errors="replace")):
                found.append((path.relative_to(site).as_posix(), m.group(0)))
    assert found == []


@pytest.mark.browser
def test_case21_page_runs_no_script_in_chromium(hostile_site, browser):
    _, site = hostile_site
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto((site / "case21" / "index.html").as_uri())
    page.wait_for_load_state("load")
    page.click("summary")  # would fire ontoggle
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.locator("article").inner_text().count("Download the guide") == 1
    page.close()


def test_feed_html_is_cleaned(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version=\'1.0\' encoding=\'UTF-8\'?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        "  <title>News &lt;b&gt;</title>\n"
        '  <entry><summary type="html">&lt;p&gt;Outcome&lt;/p&gt;&lt;img src="x" onerror="alert(1)"&gt;'
        "&lt;script&gt;alert(2)&lt;/script&gt;</summary></entry>\n"
        '  <entry><summary type="html">&lt;p&gt;Fine &amp;amp; safe&lt;/p&gt;</summary></entry>\n</feed>\n',
        encoding="utf-8")
    assert sanitize.sanitize_feed(feed) is True
    text = feed.read_text(encoding="utf-8")
    assert '<summary type="html">&lt;p&gt;Outcome&lt;/p&gt;&lt;img src="x"&gt;</summary>' in text
    assert '<summary type="html">&lt;p&gt;Fine &amp;amp; safe&lt;/p&gt;</summary>' in text
    assert "<title>News &lt;b&gt;</title>" in text and "alert" not in text
