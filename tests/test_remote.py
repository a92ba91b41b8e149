"""Pages load no image, frame, stylesheet, font or other resource from another site
(issue 13, class 2): upr check refuses them with file:line, the build checks the final
HTML, stylesheets and feeds. Links to other sites stay allowed."""
from __future__ import annotations

import pytest
import yaml

from conftest import ROOT
from upr import remote
from upr.config import settings
from upr.content import load_content

SITE = "https://upr-platform.github.io/upr-platform/"


def lines_of(body: str) -> list[tuple[int, str]]:
    return [(p.line, p.message.split(" loads ")[0]) for p in remote.check_markdown(body, "docs/x.md", 10)]


@pytest.mark.parametrize("body, expected", [
    ("Text\n\n![pixel](https://tracker.example/p.gif)\n", [(12, "<img src>")]),
    ("![pixel][p]\n\n[p]: https://tracker.example/p.gif\n", [(12, "<img src>")]),
    ("![p]\n\n[p]: //tracker.example/p.gif \"t\"\n", [(12, "<img src>")]),
    ('<img src="HTTPS://tracker.example/p.gif" alt="">\n', [(10, "<img src>")]),
    ('<div markdown>\n\n<img alt="x" src="https://t.example/a.png">\n\n</div>\n', [(12, "<img src>")]),
    ("![x](<https://t.example/a b.png>)\n", [(10, "<img src>")]),
])
def test_remote_images_in_markdown_are_errors_at_their_line(body, expected):
    assert lines_of(body) == expected
    found = remote.check_markdown(body, "docs/x.md", 10)
    assert "put the file in the repository" in found[0].fix


@pytest.mark.parametrize("body", [
    "[a link](https://www.ohchr.org/en/hr-bodies/upr)\n", "<https://www.ohchr.org/>\n", "![local](images/photo.jpg)\n",
    "`![x](https://t.example/a.png)`\n", "```\n<img src=\"https://t.example/a.png\">\n```\n",
    '<a href="https://www.ohchr.org/">OHCHR</a>\n',
])
def test_links_local_images_and_code_are_fine(body):
    assert remote.check_markdown(body, "docs/x.md", 1) == []


HTML = """<html><head>
<link rel="stylesheet" href="https://cdn.example/x.css">
<link rel="preconnect" href="https://fonts.gstatic.com">
<link rel="canonical" href="https://elsewhere.example/page/">
<link rel="alternate" hreflang="fr" href="https://elsewhere.example/fr/">
<link rel="icon" href="//icons.example/favicon.ico">
<base href="https://evil.example/">
<style>@import "https://evil.example/a.css"; body { background: url( 'https://evil.example/b.png' ) }</style>
</head><body background="https://evil.example/bg.png">
<img srcset="a.png 1x, https://evil.example/a2.png 2x">
<picture><source srcset="https://evil.example/s.webp"></picture>
<video poster="https://evil.example/poster.jpg" src="v.mp4"><track src="https://evil.example/t.vtt"></video>
<audio src="https://evil.example/a.mp3"></audio>
<iframe src="https://evil.example/frame"></iframe><embed src="https://evil.example/e"><object data="https://evil.example/o"></object>
<input type="image" src="https://evil.example/i.png"><input type="text" src="https://ignored.example/">
<svg><image href="https://evil.example/svg.png"/><use xlink:href="https://evil.example/u.svg#a"/></svg>
<svg><style><img src="https://evil.example/breakout.png"></style></svg>
<div style="background-image: image-set('https://evil.example/set.png' 1x)"></div>
<a href="https://www.ohchr.org/">a link is fine</a>
<img src="https://upr-platform.github.io/upr-platform/assets/logo.png">
<script src="https://evil.example/s.js"></script>
</body></html>"""


def test_every_resource_that_loads_from_another_site_is_found_as_a_browser_parses_it():
    found = sorted(f"{r.what} {r.url}" for r in remote.remote_resources(HTML, SITE))
    assert found == sorted([
        "<link href> https://cdn.example/x.css", "<link href> https://fonts.gstatic.com",
        "<link href> //icons.example/favicon.ico", "<base href> https://evil.example/",
        "CSS url() in <style> https://evil.example/a.css", "CSS url() in <style> https://evil.example/b.png",
        "<body background> https://evil.example/bg.png", "<img srcset> https://evil.example/a2.png",
        "<source srcset> https://evil.example/s.webp", "<video poster> https://evil.example/poster.jpg",
        "<track src> https://evil.example/t.vtt", "<audio src> https://evil.example/a.mp3",
        "<iframe src> https://evil.example/frame", "<embed src> https://evil.example/e",
        "<object data> https://evil.example/o", "<input src> https://evil.example/i.png",
        "<image href> https://evil.example/svg.png", "<use xlink:href> https://evil.example/u.svg#a",
        "<img src> https://evil.example/breakout.png",
        "CSS url() in <div style> https://evil.example/set.png", "<script src> https://evil.example/s.js",
    ])


def test_the_built_site_check_reads_pages_stylesheets_and_feeds(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "index.html").write_text('<p><img src="https://t.example/p.gif"></p>', encoding="utf-8")
    (tmp_path / "extra.css").write_text("@font-face { src: url(https://fonts.example/f.woff2) }", encoding="utf-8")
    (tmp_path / "news" / "feed.xml").write_text(
        '<feed><entry><summary type="html">&lt;img src="https://t.example/feed.gif"&gt;</summary></entry>'
        '<link href="https://elsewhere.example/"/></feed>', encoding="utf-8")
    (tmp_path / "ok.html").write_text('<a href="https://www.ohchr.org/">x</a><img src="img/a.png">', encoding="utf-8")
    assert remote.check_site(tmp_path, SITE) == [
        "extra.css: CSS url() loads https://fonts.example/f.woff2",
        "index.html: <img src> loads https://t.example/p.gif",
        "news/feed.xml: <img src> loads https://t.example/feed.gif"]
    (tmp_path / "mkdocs.yml").write_text(f"site_name: x\nsite_url: {SITE}\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="index.html: <img src> loads https://t.example/p.gif"):
        remote.postbuild_step(settings(tmp_path), tmp_path)


def test_upr_check_refuses_a_tracking_pixel_in_any_published_page(tmp_path):
    import hostile_fixture as hf
    root = hf.write(tmp_path / "repo")
    group = root / "groups" / "civ-47" / "index.md"
    group.write_text(group.read_text(encoding="utf-8") + "\n![](https://tracker.example/civ.gif)\n", encoding="utf-8")
    (root / "docs" / "about.md").write_text('# About\n\n<img src="https://tracker.example/a.gif" alt="">\n',
                                            encoding="utf-8")
    secret = root / "docs" / "secret-page.md"  # not published: not checked
    secret.write_text(secret.read_text(encoding="utf-8") + "\n![](https://tracker.example/s.gif)\n", encoding="utf-8")
    found = sorted(p.format().split(" from another site")[0] for p in load_content(settings(root)).problems
                   if "another site" in p.message)
    group_line = group.read_text(encoding="utf-8").split("\n").index("![](https://tracker.example/civ.gif)") + 1
    assert found == ["docs/about.md:3: <img src> loads https://tracker.example/a.gif",
                     f"groups/civ-47/index.md:{group_line}: <img src> loads https://tracker.example/civ.gif"]


def test_the_theme_loads_no_web_fonts_from_google():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["theme"]["font"] == "false"
