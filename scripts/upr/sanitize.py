"""Defence in depth on the built site: no contributed HTML can run script (issue 8).

``upr check`` rejects unsafe HTML with ``path:line`` (:mod:`upr.safety`), but a site can be
built with ``--force``, a check can have a gap, and Material for MkDocs writes a page
title from front matter *unescaped* into ``<title>``, the header, the tabs and the
navigation of every page. So after MkDocs, :func:`postbuild_step`:

1. cleans the content area of every page (``<article class="md-content__inner">`` …
   ``</article>``) with nh3 and an allow-list (:data:`TAGS`, :data:`ATTRIBUTES`,
   :data:`URL_SCHEMES`) that keeps everything Python-Markdown and Material produce
   (headings with permalinks, tables, highlighted code, admonitions, details,
   footnotes, task lists, images, SVG icons of Material's buttons);
2. removes from the rest of each page any element that is not Material's own and can
   run code: event-handler attributes, ``javascript:``/``data:``/``vbscript:`` URLs,
   ``<iframe>``, ``<object>``, ``<embed>``, ``<base>``, unknown ``<script>``;
3. adds ``rel="noopener noreferrer"`` to links that leave the site;
4. cleans the ``title`` and ``text`` of the search index (Material shows them as HTML)
   and the HTML carried by Atom/RSS feeds (feed readers render it);
5. scans the result (:func:`unsafe_constructs`) and fails the build if anything remains.

Cost on the real English site (876 pages, 197 MB): 5.8 s CPU; measure with
``scripts/bench_safety.py`` (it also times the safety check and the privacy scan).
"""
from __future__ import annotations

import json
import os
import re
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import nh3

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


# --- outside the content area: Material's layout with titles written unescaped -----------------

_MATERIAL_INLINE_SCRIPTS = ("__md_scope=", "var palette=__md_get", "var media,input,key,value,palette=__md_get",
                            "var target=document.getElementById(location.hash",
                            "document$.subscribe", "window.MathJax")
_DANGEROUS_URL = re.compile(r"^\s*(javascript|vbscript|data|file)\s*:", re.I)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
NEVER_TAGS = {"iframe", "object", "embed", "applet", "frame", "frameset", "base", "portal"}
_NEVER_CONTAINERS = {"iframe", "object", "applet", "frameset", "portal"}  # dropped with their content
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "srcset", "data"}


def _bad_url(value: str | None) -> bool:
    import html as _html
    return bool(value) and bool(_DANGEROUS_URL.match(_CONTROL.sub("", _html.unescape(value))))


class _Finder(HTMLParser):
    """Finds ``(start, end, reason)`` character ranges of elements that can run code."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.ranges: list[tuple[int, int, str]] = []
        self._open_drop: tuple[str, int, str] | None = None

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        start = self._offset()
        raw = self.get_starttag_text() or ""
        end = start + len(raw)
        reason = self._reason(tag, attrs)
        if self._open_drop and self._open_drop[0] != "script":
            return  # inside an <iframe>/<object> being dropped whole: a <script> must not end that
        if tag == "script":
            self._open_drop = (tag, start, reason) if reason else None
            return
        if reason:
            if tag in _NEVER_CONTAINERS:
                self._open_drop = (tag, start, reason)
            else:
                self.ranges.append((start, end, reason))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if self._open_drop and self._open_drop[0] == tag:
            _, start, reason = self._open_drop
            here = self._offset()
            close = self.text.find(">", here)
            self.ranges.append((start, close + 1 if close >= 0 else here, reason))
            self._open_drop = None

    def _reason(self, tag: str, attrs) -> str:
        names = {k for k, _ in attrs}
        for k, v in attrs:
            if k.startswith("on"):
                return f"event handler '{k}' on <{tag}>"
            if k in _URL_ATTRS and _bad_url(v):
                return f"dangerous URL in {k} of <{tag}>"
        if tag in NEVER_TAGS:
            return f"<{tag}>"
        if tag == "meta" and any(k == "http-equiv" and (v or "").lower() == "refresh" for k, v in attrs):
            return "<meta http-equiv=refresh>"
        if tag == "script":
            src = dict(attrs).get("src")
            if src is not None:
                # Material's bundle and extra_javascript are files of the site (relative URLs).
                external = re.match(r"^\s*([a-z][a-z0-9+.-]*:|//)", src, re.I)
                return f"<script> from another site ({src[:60]})" if external else ""
            if dict(attrs).get("type") == "application/json" and dict(attrs).get("id") == "__config":
                return ""
            body = self.text[self._offset() + len(self.get_starttag_text() or ""):][:80].lstrip()
            if body.startswith(_MATERIAL_INLINE_SCRIPTS):
                return ""
            return "<script> that is not Material's"
        if tag == "form" and "class" in names and not (dict(attrs).get("class") or "").startswith("md-"):
            return "<form>"
        return ""


# A fast first look: html.parser costs ~5 ms per page, these regexes ~0.3 ms. Only a page
# where one of them matches is parsed (on the real site: none of 876 pages).
_Q_HANDLER = re.compile(r"[\s/\"'`]on[a-z]+\s*=")  # on lower-cased text (no re.I: faster)
_Q_SCHEME = re.compile(r"script\s*:")
_Q_LITERALS = ("<iframe", "<object", "<embed", "<applet", "<frame", "<base", "<portal", "http-equiv")
_Q_URL = re.compile(r"\s(?:href|src|action|formaction|poster|background|srcset|data|xlink:href)\s*=\s*"
                    r"(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
_Q_SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)
_Q_SRC = re.compile(r"\ssrc\s*=\s*[\"']?\s*([a-z][a-z0-9+.-]*:|//)", re.I)


def suspicious(text: str) -> bool:
    """False when a page certainly holds nothing that can run code except Material's
    own scripts; True means "parse it" (see :func:`strip_layout`)."""
    low = text.lower()
    if any(lit in low for lit in _Q_LITERALS) or _Q_SCHEME.search(low) or _Q_HANDLER.search(low):
        return True
    for m in _Q_URL.finditer(text):
        if _bad_url(m.group(1).strip("\"'")):
            return True
    for m in _Q_SCRIPT.finditer(text):
        attrs = m.group(1)
        if "src" in attrs:
            if _Q_SRC.search(attrs):
                return True
            continue
        if 'id="__config"' in attrs and 'type="application/json"' in attrs:
            continue
        if not text[m.end():m.end() + 80].lstrip().startswith(_MATERIAL_INLINE_SCRIPTS):
            return True
    return False


def strip_layout(text: str) -> tuple[str, list[str]]:
    """Remove from a whole page every element that can run code and is not Material's.
    Returns ``(text, reasons)``."""
    if not suspicious(text):
        return text, []
    finder = _Finder(text)
    finder.feed(text)
    finder.close()
    if finder._open_drop:  # an unclosed <script>/<iframe>: drop to the end
        _, start, reason = finder._open_drop
        finder.ranges.append((start, len(text), reason))
    if not finder.ranges:
        return text, []
    out, last = [], 0
    for start, end, _ in sorted(finder.ranges):
        if start < last:
            continue
        out.append(text[last:start])
        last = end
    out.append(text[last:])
    return "".join(out), [r for _, _, r in finder.ranges]


def sanitize_page(text: str, site_host: str = "") -> str:
    """One built HTML page, with its content area cleaned and its layout stripped."""
    m = _ARTICLE_START.search(text)
    if m:
        end = text.rfind(_ARTICLE_END)
        if end > m.end():
            inner = add_rel(clean_fragment(text[m.end():end]), site_host)
            text = text[:m.end()] + inner + text[end:]
    text, _ = strip_layout(text)
    return text


def unsafe_constructs(text: str) -> list[str]:
    """What in a page could still run contributed code (empty when the page is safe)."""
    if not suspicious(text):
        return []
    finder = _Finder(text)
    finder.feed(text)
    finder.close()
    reasons = [r for _, _, r in finder.ranges]
    if finder._open_drop:
        reasons.append(finder._open_drop[2])
    return reasons


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


def _sanitize_file(path: str, host: str) -> tuple[bool, list[str]]:
    """Sanitise one page in place; return (changed, unsafe reasons left)."""
    raw = Path(path).read_text(encoding="utf-8")
    clean = sanitize_page(raw, host)
    if clean != raw:
        atomic_write(Path(path), clean.encode("utf-8"))
    return clean != raw, list(unsafe_constructs(clean))


def sanitize_site(site_dir: Path, host: str = "", workers: int | None = None) -> dict:
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
            results = list(pool.map(_sanitize_file, map(str, paths), [host] * len(paths), chunksize=32))
    else:
        results = [_sanitize_file(str(p), host) for p in paths]
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
    figures = sanitize_site(site_dir, site_host(settings))
    print(f"upr build: sanitised {figures['pages']} pages ({figures['changed']} changed) "
          f"in {figures['seconds']:.1f} s", file=sys.stderr)
    if figures["unsafe"]:
        lines = "\n".join(f"{f}: {r}" for f, r in figures["unsafe"][:50])
        raise UnsafeOutput(f"upr build: unsafe HTML remains in the built site:\n{lines}")
