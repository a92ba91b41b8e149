"""Defence in depth on the built site: no contributed HTML can run script (issues 8 and 13).

``upr check`` rejects unsafe HTML with ``path:line`` (:mod:`upr.safety`), but a site can be
built with ``--force`` and a check can have a gap. So after MkDocs, :func:`postbuild_step`:

1. cleans the content area of every page (``<article class="md-content__inner">`` …
   ``</article>``) with nh3 (html5ever) and an allow-list (:data:`TAGS`, :data:`ATTRIBUTES`,
   :data:`URL_SCHEMES`) that keeps everything Python-Markdown and Material produce
   (headings with permalinks, tables, highlighted code, admonitions, details,
   footnotes, task lists, images, SVG icons of Material's buttons);
2. parses each whole page with Lexbor as a browser does and removes every element or
   attribute that can run script and is not on the list of :mod:`upr.scriptcheck`
   (scripts identified exactly: theme and project files by content hash, inline
   scripts by SHA-256; never by how their text begins), parsing again what it wrote
   back; a page with nothing to remove keeps its bytes;
3. adds ``rel="noopener noreferrer"`` to links that leave the site;
4. cleans the ``title`` and ``text`` of the search index (Material shows them as HTML)
   and the HTML carried by Atom/RSS feeds (feed readers render it).

The final check (:func:`upr.scriptcheck.postbuild_step`) runs after every other
post-build step and fails the build if anything not on the list remains. Measure
both with ``scripts/bench_safety.py`` (it also times the safety check and the privacy scan).
"""
from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

import nh3

from . import scriptcheck
from .config import Settings
from .site import atomic_write

URL_SCHEMES = {"http", "https", "mailto", "tel", "webcal"}  # webcal: calendar feed subscribe links (issue 4)
TAGS = {
    "a", "abbr", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "input", "ins", "kbd", "label",
    "li", "mark", "nav", "ol", "p", "picture", "pre", "q", "s", "samp", "section", "small",
    "source", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul", "var", "wbr",
    # Material's icons (edit/view buttons, admonition icons inlined by some extensions)
    "svg", "path", "g", "circle", "rect", "line", "polyline", "polygon", "use", "title",
}
ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir", "title", "role", "hidden", "tabindex"},
    "a": {"href", "hreflang", "rel", "download"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "source": {"srcset", "type", "media", "sizes"},
    "input": {"type", "checked", "disabled"},  # task lists: <input type="checkbox" disabled>
    "label": {"for"},
    "details": {"open"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "col": {"span", "width"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "del": {"datetime", "cite"},
    "ins": {"datetime", "cite"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "svg": {"xmlns", "viewBox", "viewbox", "width", "height", "fill", "aria-hidden", "focusable"},
    "path": {"d", "fill", "fill-rule", "clip-rule", "stroke", "stroke-width"},
    "g": {"fill", "stroke", "transform"},
    "circle": {"cx", "cy", "r", "fill", "stroke"},
    "rect": {"x", "y", "width", "height", "rx", "ry", "fill"},
    "line": {"x1", "y1", "x2", "y2", "stroke"},
    "polyline": {"points", "fill", "stroke"},
    "polygon": {"points", "fill", "stroke"},
}
# Python-Markdown's table extension aligns cells with style="text-align: …": nothing else.
STYLE_PROPERTIES = {"text-align"}
# Tags whose content is dropped with them (not kept as text).
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript",
                     "textarea", "select", "form", "frame", "frameset", "applet", "math"}

_ARTICLE_START = re.compile(r'<article class="md-content__inner[^"]*"[^>]*>')
_ARTICLE_END = "</article>"
_EXTERNAL_A = re.compile(r'<a ([^>]*?)href="(https?:)?//([^"/]+)([^"]*)"([^>]*)>', re.I)
_CLEAN_REL = re.compile(r'\srel="[^"]*"')


def clean_fragment(fragment: str) -> str:
    """Sanitise contributed HTML with nh3 and this module's allow-list."""
    return nh3.clean(
        fragment, tags=TAGS, attributes=ATTRIBUTES, clean_content_tags=DROP_WITH_CONTENT,
        url_schemes=URL_SCHEMES, link_rel=None, strip_comments=True,
        generic_attribute_prefixes={"data-", "aria-"}, filter_style_properties=STYLE_PROPERTIES)


def add_rel(fragment: str, site_host: str = "") -> str:
    """Give every link that leaves the site ``rel="noopener noreferrer"``."""
    def fix(m: re.Match) -> str:
        host = m.group(3).lower()
        if site_host and host == site_host:
            return m.group(0)
        before = _CLEAN_REL.sub("", " " + m.group(1)).strip()
        after = _CLEAN_REL.sub("", m.group(5))
        href = f'{m.group(2) or ""}//{m.group(3)}{m.group(4)}'
        return f'<a {before + " " if before else ""}href="{href}"{after} rel="noopener noreferrer">'
    return _EXTERNAL_A.sub(fix, fragment)


# --- the whole page: anything that can run script and is not on the list ------------------------

def strip_layout(text: str, rel: str = "index.html", site_dir: Path | None = None,
                 policy: scriptcheck.Policy | None = None) -> tuple[str, list[str]]:
    """Remove from a whole page every element or attribute that can run script and is
    not on the list (:mod:`upr.scriptcheck`: the theme's and the project's scripts,
    identified exactly). The page is parsed with Lexbor as a browser parses it; a page
    with nothing to remove keeps its bytes, others are written back from the parsed
    tree. ``rel`` is the page's path in ``site_dir`` (to find the files its scripts
    load). Returns ``(text, reasons)``."""
    policy = policy or scriptcheck.Policy()
    reasons: list[str] = []
    # A page written back from the tree is parsed again: serialising can turn text into
    # markup (mutation XSS, e.g. <math><mtext><table><mglyph><style>…), so repeat
    # until a parse finds nothing. Three rounds settle every vector known to us; the
    # final check (upr.scriptcheck) reads the result once more.
    for _ in range(3):
        doc = scriptcheck.parse(text)
        found = [f for f in scriptcheck.page_findings(doc, rel, site_dir, policy, require_csp=False)
                 if f.node is not None]
        if not found:
            break
        reasons += [f.reason for f in found]
        for f in found:  # attributes first: an element removed later takes its attributes along
            if f.attribute is not None and f.attribute in f.node.attrs:
                del f.node.attrs[f.attribute]
        gone: set[int] = set()
        for f in found:
            if f.attribute is None and f.node.mem_id not in gone:
                gone.update(n.mem_id for n in f.node.traverse(include_text=False))
                f.node.decompose()
        text = doc.html
    return text, reasons


def sanitize_page(text: str, site_host: str = "", rel: str = "index.html", site_dir: Path | None = None,
                  policy: scriptcheck.Policy | None = None) -> str:
    """One built HTML page, with its content area cleaned and its layout stripped."""
    m = _ARTICLE_START.search(text)
    if m:
        end = text.rfind(_ARTICLE_END)
        if end > m.end():
            inner = add_rel(clean_fragment(text[m.end():end]), site_host)
            text = text[:m.end()] + inner + text[end:]
    text, _ = strip_layout(text, rel, site_dir, policy)
    return text


def unsafe_constructs(text: str, rel: str = "index.html", site_dir: Path | None = None,
                      policy: scriptcheck.Policy | None = None) -> list[str]:
    """What in a page could still run script that is not on the list (empty when safe)."""
    doc = scriptcheck.parse(text)
    return [f.reason for f in scriptcheck.page_findings(doc, rel, site_dir, policy or scriptcheck.Policy(),
                                                        require_csp=False)]


def sanitize_search_index(path: Path) -> bool:
    """Clean ``title`` and ``text`` of MkDocs' search index (Material renders them as HTML)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    changed = False
    for doc in data.get("docs", []):
        for key in ("title", "text"):
            value = doc.get(key)
            if isinstance(value, str) and ("<" in value or "&" in value):
                clean = clean_fragment(value)
                if clean != value:
                    doc[key] = clean
                    changed = True
    if changed:
        atomic_write(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return changed


_FEED_HTML = re.compile(r"(<(summary|content|description)\b[^>]*>)(.*?)(</\2>)", re.S)


def sanitize_feed(path: Path) -> bool:
    """Clean the HTML carried (escaped) in the ``summary``/``content`` of an Atom feed or
    the ``description`` of an RSS feed: feed readers render it. Returns True if changed."""
    import html as _html
    raw = path.read_text(encoding="utf-8")
    if "<feed" not in raw and "<rss" not in raw:
        return False

    def clean(m: re.Match) -> str:
        body = m.group(3)
        cdata = body.strip().startswith("<![CDATA[")
        text = body.strip()[9:-3] if cdata else _html.unescape(body)
        safe = clean_fragment(text)
        if safe == text:
            return m.group(0)
        return m.group(1) + _html.escape(safe, quote=False) + m.group(4)

    new = _FEED_HTML.sub(clean, raw)
    if new != raw:
        atomic_write(path, new.encode("utf-8"))
    return new != raw


class UnsafeOutput(SystemExit):
    """The built site still holds something that can run code: the build fails."""


def site_host(settings: Settings) -> str:
    """Host of ``site_url`` (links to it are not external); '' without mkdocs.yml."""
    from .mkconfig import read_mkdocs_yml
    if not (settings.root / "mkdocs.yml").is_file():
        return ""
    m = re.match(r"https?://([^/]+)", str(read_mkdocs_yml(settings.root).get("site_url") or ""))
    return m.group(1).lower() if m else ""


def _sanitize_file(path: str, host: str, site_dir: str | None = None,
                   policy: scriptcheck.Policy | None = None) -> tuple[bool, list[str]]:
    """Sanitise one page in place; return (changed, unsafe reasons left)."""
    raw = Path(path).read_text(encoding="utf-8")
    site = Path(site_dir) if site_dir else None
    rel = Path(path).relative_to(site).as_posix() if site else Path(path).name
    clean = sanitize_page(raw, host, rel, site, policy)
    if clean == raw:
        return False, []
    atomic_write(Path(path), clean.encode("utf-8"))
    return True, unsafe_constructs(clean, rel, site, policy)


def sanitize_site(site_dir: Path, host: str = "", workers: int | None = None,
                  policy: scriptcheck.Policy | None = None) -> dict:
    """Sanitise every HTML page and search index under ``site_dir``; return figures
    ``{"pages", "changed", "seconds", "unsafe": [(file, reason)]}``.

    Pages are independent, so they are spread over ``workers`` processes (default:
    one per CPU; measured 9.9 s -> about half on the 2-core machine)."""
    from concurrent.futures import ProcessPoolExecutor

    started = time.perf_counter()
    paths = sorted(site_dir.rglob("*.html"))
    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(paths) > 50:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_sanitize_file, map(str, paths), [host] * len(paths),
                                    [str(site_dir)] * len(paths), [policy] * len(paths), chunksize=32))
    else:
        results = [_sanitize_file(str(p), host, str(site_dir), policy) for p in paths]
    changed = sum(1 for was_changed, _ in results if was_changed)
    unsafe = [(path.relative_to(site_dir).as_posix(), reason)
              for path, (_, reasons) in zip(paths, results) for reason in reasons]
    for index in sorted(site_dir.rglob("search_index.json")):
        sanitize_search_index(index)
    for feed in sorted(site_dir.rglob("*.xml")):
        if feed.name != "sitemap.xml":
            sanitize_feed(feed)
    return {"pages": len(paths), "changed": changed, "seconds": time.perf_counter() - started, "unsafe": unsafe}


def postbuild_step(settings: Settings, site_dir: Path) -> None:
    """Sanitise the built site; raise :class:`UnsafeOutput` if anything unsafe remains."""
    figures = sanitize_site(site_dir, site_host(settings), policy=scriptcheck.policy_of(settings))
    print(f"upr build: sanitised {figures['pages']} pages ({figures['changed']} changed) "
          f"in {figures['seconds']:.1f} s", file=sys.stderr)
    if figures["unsafe"]:
        lines = "\n".join(f"{f}: {r}" for f, r in figures["unsafe"][:50])
        raise UnsafeOutput(f"upr build: unsafe HTML remains in the built site:\n{lines}")
