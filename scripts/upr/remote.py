"""Pages load nothing from other sites (issue 13, class 2).

An image, a frame, a stylesheet or a font loaded from another site tells that site the
address of every reader, when they read and which page: a tracking pixel in a group's
plan would list who reads about a coalition of defenders. Links (``<a href>``) to other
sites stay allowed: nothing is loaded until a reader follows one.

* ``upr check`` (:func:`load`): the Markdown of every published content file is
  rendered with the site's Markdown extensions and parsed with Lexbor (selectolax) as a
  browser parses it; every resource it would load from an absolute address
  (``https://``, ``//host/``) is an error at ``path:line``: Markdown images
  ``![](https://…)`` and reference images, ``<img src|srcset>``, ``<source>``,
  ``<video|audio|track>``, ``<iframe>``, ``<embed>``, ``<object data>``, ``<link
  rel=stylesheet|preload|icon|preconnect …>``, ``<input type=image>``, SVG ``<image|use
  href>``, ``<base href>``, ``background=``, and CSS ``url()``/``@import``/``image-set()`` in
  ``style`` attributes and ``<style>``. (Tags and attributes that :mod:`upr.safety`
  refuses anyway are left to it, so one mistake is one message.)
* after the build (:func:`postbuild_step`): every HTML and SVG page, every stylesheet
  and the HTML inside the Atom feeds of the site is checked the same way, whoever wrote
  it (theme, generator, contribution); only addresses under the site's own ``site_url``
  may be absolute. The theme's web fonts are off (``theme.font: false`` in mkdocs.yml):
  Material would load them from Google.
"""
from __future__ import annotations

import html
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .problems import Problem

# Attributes that make the browser load something, by element ("*": any element).
RESOURCE_ATTRIBUTES = {
    "img": ("src", "srcset"), "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "iframe": ("src",), "frame": ("src",), "embed": ("src",), "object": ("data",),
    "script": ("src",), "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"), "link": ("href", "imagesrcset"), "base": ("href",),
    "body": ("background",), "table": ("background",), "td": ("background",), "th": ("background",),
    "tr": ("background",), "portal": ("src",), "applet": ("code", "archive"),
}
# <link rel=…> values that load nothing (every other rel may: stylesheet, preload, icon, preconnect …).
NON_LOADING_RELS = frozenset({"canonical", "alternate", "author", "license", "help", "next", "prev", "bookmark",
                              "external", "nofollow", "noopener", "noreferrer", "me", "tag", "privacy-policy",
                              "terms-of-service"})

_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')|"""
                      r"""image-set\(\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.\-]*:|//|\\\\)")
_LOCAL_SCHEMES = ("data:", "blob:", "about:", "javascript:", "mailto:", "tel:")  # no network (scripts: upr.safety)
_SELECTOR = ",".join(sorted(RESOURCE_ATTRIBUTES) + ["[style]", "style"])
MARKDOWN_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
                       "pymdownx.details", "pymdownx.superfences"]

FIX = ("put the file in the repository (an image of a page: next to it in docs/; a tool's file: "
       "tools_library/files/) and use a relative address; a link [text](https://…) to the other site is fine")


@dataclass(frozen=True)
class Remote:
    """A resource a page would load from another site."""

    url: str
    what: str  # "<img src>", "CSS url()" …


def is_remote(url: str, site_url: str = "") -> bool:
    """True for an absolute address (``https://x``, ``//x``) outside ``site_url``."""
    text = _CONTROL.sub("", html.unescape(url or "")).lower()
    if not text or not _ABSOLUTE.match(text) or text.startswith(_LOCAL_SCHEMES):
        return False
    if site_url:
        site = site_url.lower().rstrip("/") + "/"
        if text.startswith(site) or text.startswith("//" + site.split("://", 1)[-1]):
            return False
    return True


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def css_urls(css: str) -> list[str]:
    """Addresses a stylesheet (or a ``style`` attribute) loads."""
    return [next(g for g in m.groups() if g is not None) for m in _CSS_URL.finditer(css)]


def remote_resources(html_text: str, site_url: str = "", skip=None) -> list[Remote]:
    """Every resource ``html_text`` would load from another site, parsed as a browser
    parses it. ``skip(tag, attribute)`` says which tag/attribute pairs to leave out."""
    from selectolax.lexbor import LexborHTMLParser
    tree = LexborHTMLParser(html_text)
    found: list[Remote] = []

    def add(url: str, what: str) -> None:
        if is_remote(url, site_url):
            found.append(Remote(url.strip(), what))

    for node in tree.css(_SELECTOR) if tree.root else []:
        tag = (node.tag or "").lower()
        attrs = {str(k).lower(): v for k, v in (node.attributes or {}).items()}
        wanted = RESOURCE_ATTRIBUTES.get(tag, ())
        if tag == "link":
            rels = set((attrs.get("rel") or "").lower().split())
            if rels and rels <= NON_LOADING_RELS:
                wanted = ()
        if tag == "input" and (attrs.get("type") or "").lower() != "image":
            wanted = ()
        for name in wanted:
            value = attrs.get(name)
            if value is None or (skip and skip(tag, name)):
                continue
            for url in (_srcset_urls(value) if name.endswith("srcset") else [value]):
                add(url, f"<{tag} {name}>")
        style = attrs.get("style")
        if style and not (skip and skip(tag, "style")):
            for url in css_urls(style):
                add(url, f"CSS url() in <{tag} style>")
        if tag == "style" and not (skip and skip(tag, "")):
            for url in css_urls(node.text(deep=True) or ""):
                add(url, "CSS url() in <style>")
    return found


# --- upr check ---------------------------------------------------------------------------------------

def _safety_refuses(tag: str, attribute: str) -> bool:
    """Tags and attributes upr.safety refuses anyway (one mistake, one message)."""
    from . import safety
    if tag not in safety.ALLOWED_TAGS:
        return True
    if not attribute:
        return False
    return attribute not in safety.GLOBAL_ATTRIBUTES | safety.ALLOWED_ATTRIBUTES.get(tag, set())


def _render(body: str) -> str:
    import markdown
    return markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS)


def _line_of(body: str, first_line: int, url: str) -> int:
    """File line where ``url`` is written (as is, or HTML-escaped); the body's first
    line when it cannot be found (an address written with character references)."""
    for form in (url, html.escape(url), html.escape(url, quote=False), url.replace("&", "&amp;")):
        at = body.find(form)
        if at != -1:
            return first_line + body.count("\n", 0, at)
    return first_line


def check_markdown(body: str, shown: str, first_line: int) -> list[Problem]:
    """``path:line`` problems for every remote resource the Markdown ``body`` would load."""
    if "//" not in body and "\\\\" not in body and "&" not in body:
        return []  # no absolute address can be written without these
    from .safety import mask_code
    problems = []
    for item in remote_resources(_render(mask_code(body)), skip=_safety_refuses):
        problems.append(Problem(shown, _line_of(body, first_line, item.url),
                                f"{item.what} loads {item.url} from another site, which would learn the "
                                "address of every reader of this page", FIX))
    return list(dict.fromkeys(problems))


def load(settings, content=None) -> tuple[None, list[Problem]]:
    """``upr check``: remote resources in every published Markdown file of the content."""
    from . import privacy
    from .yamlio import YamlSyntaxError, parse_front_matter, read_text
    problems: list[Problem] = []
    hidden = privacy.hidden_pages(settings)
    for path in privacy.content_files(settings):
        if path.suffix != ".md":
            continue
        shown = settings.rel(path)
        try:
            text = read_text(path, shown)
        except YamlSyntaxError:
            continue
        if privacy.text_is_confidential(text, ".md"):
            continue  # never published
        if shown.startswith("docs/") and privacy.is_hidden_page(settings, shown[5:], hidden):
            continue
        if text.startswith("---"):
            doc = parse_front_matter(text, shown)
            body, first = doc.body, doc.body_line
        else:
            body, first = text, 1
        problems += check_markdown(body, shown, first)
    return None, problems


# --- after the build ---------------------------------------------------------------------------------

_FEED_HTML = re.compile(r"<(summary|content)\b[^>]*type=\"(?:x?html)\"[^>]*>(.*?)</\1>", re.S)


def _site_files(site_dir: Path) -> Iterator[Path]:
    for top, dirs, names in os.walk(site_dir, followlinks=False):
        dirs.sort()
        for name in sorted(names):
            if name.endswith((".html", ".htm", ".svg", ".css", ".xml")):
                yield Path(top) / name


def check_site(site_dir: Path, site_url: str) -> list[str]:
    """``file: what loads URL`` for every remote resource in the built site."""
    found = []
    for path in _site_files(site_dir):
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(site_dir).as_posix()
        if path.suffix == ".css":
            items = [Remote(u, "CSS url()") for u in css_urls(text) if is_remote(u, site_url)]
        elif path.suffix == ".xml":
            items = [r for m in _FEED_HTML.finditer(text)
                     for r in remote_resources(html.unescape(m.group(2)), site_url)]
        else:
            items = remote_resources(text, site_url)
        found += [f"{rel}: {item.what} loads {item.url}" for item in items]
    return found


def postbuild_step(settings, site_dir: Path) -> None:
    """Fail the build if any page, stylesheet or feed of the site loads a resource from
    another site (the build log names the file and the address)."""
    from .mkconfig import read_mkdocs_yml
    site_url = read_mkdocs_yml(settings.root).get("site_url") or ""
    found = check_site(site_dir, site_url)
    if found:
        raise SystemExit("upr build: the site would load resources from other sites (they learn every "
                         f"reader's address):\n" + "\n".join(found[:50]) + "\n" + FIX)
    print("upr build: no page, stylesheet or feed loads anything from another site", file=sys.stderr)
