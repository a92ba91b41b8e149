"""What may run in a reader's browser, and the final check of the built site (issue 13).

The only scripts on the site are the theme's and the project's own, identified exactly:

* **files**: a script file of Material for MkDocs is one whose bytes equal the file at
  the same path in the installed theme package; a file of the project is one listed
  under ``extra.published_files`` in ``mkdocs.yml`` with the SHA-256 of its bytes;
  Pagefind's runtime files are known by name and SHA-256 for the pinned Pagefind
  version (:data:`PAGEFIND`);
* **inline scripts**: by the SHA-256 of their text, listed in the ``script-src`` of
  ``extra.content_security_policy`` — the same policy ``overrides/main.html`` writes
  into every page, so the browser enforces the list too.

:func:`check_site` parses every built HTML page with Lexbor (selectolax), a
browser-grade HTML5 parser, with scripting on as in a browser (``<noscript>``,
``<svg><style>``, ``<!-->`` and ``</script/x>`` are read as Chromium reads them), and
fails the build on any script element, event-handler attribute, ``javascript:``,
``data:`` or ``vbscript:`` URL, ``srcdoc``, ``<iframe>``/``<object>``/``<embed>``/``<base>``,
``<meta http-equiv>`` other than the policy, ``<noscript>``, ``<template>``, SVG
animation, HTML comment or hidden element in the content, that is not on the list.
It also reads every script file, SVG and XML file of the site, the search index and
the feeds. It runs last, after every other post-build step.

``upr check`` uses :func:`docs_file_problems`: a file under ``docs/`` that is not
Markdown is published only if a maintainer lists it (``extra.published_files``);
:func:`publishable` is the same rule for ``upr generate``.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import posixpath
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .problems import Problem

POLICY_KEY = "content_security_policy"
FILES_KEY = "published_files"
MARKDOWN = (".md",)
#: Files that run code when loaded by a page, or opened: listed ones need a SHA-256.
ACTIVE_SUFFIXES = (".js", ".mjs", ".cjs", ".html", ".htm", ".xhtml", ".xht", ".svg", ".svgz",
                   ".xml", ".xsl", ".xslt", ".wasm", ".swf", ".shtml", ".mht", ".mhtml")
SCRIPT_SUFFIXES = (".js", ".mjs", ".cjs")
#: Pagefind's runtime files (written by the pinned pagefind-bin, upr.pages.recommendations),
#: by version: name -> SHA-256 of the bytes. A new version fails the build until a
#: maintainer reviews its files and adds their hashes here.
PAGEFIND = {
    "1.5.2": {
        "pagefind.js": "sha256-JS0nK9NNSD0Zp1IGD2oGURTRWrEsQtj5BcpWXidooAk=",
        "pagefind-ui.js": "sha256-LvqT8ugKGZynQqab1M//q8XFkevndj9k98ZV/QDSIJ8=",
        "pagefind-worker.js": "sha256-TKUNJbyrnhw6+8AKtfd2ERToPI/BuD04ZVrxVYtlDCo=",
        "pagefind-highlight.js": "sha256-BHQSZqhpEWNs78Qci0B+OA3ambfSCHJPcA+UzfV+N7U=",
        "pagefind-modular-ui.js": "sha256-8++g90swXMqwvJ7cfAmraYZxgLTEMJPYS7m1CKxOwyw=",
        "pagefind-component-ui.js": "sha256-lYYgEp3RS9hRgF2usSznCL1juShzJdHVrm9zoE0XI/g=",
    },
}
JS_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
            "application/x-ecmascript", "application/x-javascript", "text/ecmascript", "text/jscript",
            "text/livescript", "text/x-ecmascript", "text/x-javascript", "text/javascript1.0",
            "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
            "text/javascript1.5"}
DATA_TYPES = {"application/json"}  # not run: Material's __config
NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "noscript",
         "template", "set", "animate", "animatemotion", "animatetransform", "discard", "handler",
         "listener", "fencedframe"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data",
                  "codebase", "cite", "longdesc", "ping", "manifest", "profile", "usemap", "icon",
                  "dynsrc", "lowsrc", "archive", "classid", "itemtype", "attributionsrc"}
SRCSET_ATTRIBUTES = {"srcset", "imagesrcset"}
BAD_SCHEMES = ("javascript", "vbscript", "data")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_TAB_NL = re.compile(r"[\t\n\r]")
_CSS_DANGER = re.compile(r"(?:javascript|vbscript)\s*:|expression\s*\(|-moz-binding|\bbehavior\s*:|@import", re.I)
_HASH_SOURCE = re.compile(r"'(sha256-[A-Za-z0-9+/]+=*)'")


def sha256(data: bytes) -> str:
    """``sha256-<base64>``, the form of CSP hash sources and Subresource Integrity."""
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def url_scheme(value: str) -> str:
    """The scheme of a URL as a browser reads it (lower case; '' when relative):
    leading and trailing spaces and controls stripped, tabs and newlines removed."""
    text = _TAB_NL.sub("", value.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10"
                                        "\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
    m = _SCHEME.match(text)
    return m.group(1).lower() if m else ""


# --- the list -------------------------------------------------------------------------------------

@dataclass
class Policy:
    """The allowlist, from ``mkdocs.yml`` ``extra``."""

    csp: str = ""
    inline: set[str] = field(default_factory=set)          # sha256-… of allowed inline scripts
    files: dict[str, str | None] = field(default_factory=dict)  # docs-relative path -> sha256-… or None
    theme_dir: Path | None = None
    pagefind: dict[str, str] = field(default_factory=dict)  # runtime file name -> sha256-…
    languages: tuple[str, ...] = ()
    site_path: str = "/"  # path of site_url: 404.html links its scripts from there
    _theme_hashes: dict[str, str | None] = field(default_factory=dict, repr=False)

    def theme_hash(self, rel: str) -> str | None:
        if rel not in self._theme_hashes:
            path = self.theme_dir / rel if self.theme_dir else None
            self._theme_hashes[rel] = sha256(path.read_bytes()) if path and path.is_file() else None
        return self._theme_hashes[rel]

    def identify(self, rel: str, data: bytes) -> str:
        """Who a site file (path relative to ``site/``) belongs to: 'theme', 'project',
        'pagefind' — or '' when it is nobody's."""
        digest = sha256(data)
        for cand in self._candidates(rel):
            if cand.startswith("assets/") and self.theme_hash(cand) == digest:
                return "theme"
            if self.files.get(cand) and self.files[cand] == digest:
                return "project"
        if rel.startswith("pagefind/") and self.pagefind.get(rel[len("pagefind/"):]) == digest:
            return "pagefind"
        return ""

    def _candidates(self, rel: str) -> list[str]:
        first, _, rest = rel.partition("/")
        return [rel, rest] if rest and first in self.languages else [rel]


def policy_of(settings: Settings) -> Policy:
    from . import i18n
    from .mkconfig import read_mkdocs_yml, site_path
    config = read_mkdocs_yml(settings.root) if (settings.root / "mkdocs.yml").is_file() else {}
    extra = config.get("extra") or {}
    csp = " ".join(str(extra.get(POLICY_KEY) or "").split())
    files = extra.get(FILES_KEY) or {}
    files = {str(k).strip("/"): (str(v) if v and str(v).startswith("sha256-") else None)
             for k, v in files.items()} if isinstance(files, dict) else {}
    try:
        import material
        theme = Path(material.__file__).parent / "templates"
    except ImportError:  # no theme installed: nothing is the theme's
        theme = None
    try:
        from importlib.metadata import version
        pagefind = PAGEFIND.get(version("pagefind_bin"), {})
    except Exception:  # pagefind-bin not installed: no Pagefind files are known
        pagefind = {}
    return Policy(csp=csp, inline=set(_HASH_SOURCE.findall(_directive(csp, "script-src"))),
                  files=files, theme_dir=theme, pagefind=pagefind, languages=tuple(i18n.LANGUAGES[1:]),
                  site_path=site_path(str(config.get("site_url") or "")))


def _directive(csp: str, name: str) -> str:
    for part in csp.split(";"):
        words = part.split()
        if words and words[0].lower() == name:
            return " ".join(words[1:])
    return ""


def preview_policy(csp: str) -> str:
    """``csp`` for ``upr serve`` only: script-src without hashes and with 'unsafe-inline'
    (a policy with hashes ignores 'unsafe-inline'), for MkDocs' live-reload script."""
    parts = [p.strip() for p in csp.split(";") if p.strip() and p.split()[0].lower() != "script-src"]
    return "; ".join(parts[:1] + ["script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'"] + parts[1:])


def policy_problems(csp: str) -> list[str]:
    """What is wrong with a Content-Security-Policy for this site ([] when it is right)."""
    if not csp:
        return [f"no extra.{POLICY_KEY}: every page needs the site's Content-Security-Policy"]
    out = []
    scripts = _directive(csp, "script-src")
    if not scripts:
        out.append("the policy has no script-src")
    for word in scripts.split():
        low = word.lower()
        if low in ("'self'", "'wasm-unsafe-eval'") or _HASH_SOURCE.fullmatch(word):
            continue
        out.append(f"script-src allows {word}: only 'self', 'wasm-unsafe-eval' and 'sha256-…' hashes "
                   "of the theme's inline scripts are allowed")
    for name, expected in (("object-src", "'none'"), ("base-uri", "'none'")):
        if _directive(csp, name).lower() != expected:
            out.append(f"the policy must say {name} {expected}")
    if not _directive(csp, "default-src"):
        out.append("the policy has no default-src")
    return out


# --- files under docs/ that are not Markdown (upr check, upr generate) ------------------------------

def publishable(rel: str, data: bytes, policy: Policy) -> bool:
    """Whether ``upr generate`` copies ``docs/<rel>`` into the site: Markdown pages, and
    files a maintainer listed (with the listed SHA-256, when one is listed)."""
    if rel.endswith(MARKDOWN):
        return True
    if rel not in policy.files:
        return False
    expected = policy.files[rel]
    if expected is None:
        return not rel.lower().endswith(ACTIVE_SUFFIXES)
    return sha256(data) == expected


def docs_file_problems(settings: Settings, policy: Policy | None = None) -> list[Problem]:
    """Problems, with ``file:line``, for files under ``docs/`` that are not Markdown and
    not listed, listed scripts whose bytes changed, and listed files that are gone."""
    policy = policy or policy_of(settings)
    docs = settings.docs_dir
    problems: list[Problem] = []
    seen = set()
    if docs.is_dir():
        for path in sorted(docs.rglob("*")):
            if path.is_symlink() or not path.is_file():
                continue  # symbolic links: upr check reports them elsewhere (issue 13, class 3)
            rel = path.relative_to(docs).as_posix()
            shown = settings.rel(path)
            if rel.endswith(MARKDOWN):
                continue
            seen.add(rel)
            if rel not in policy.files:
                suffix = path.suffix.lower() or "(none)"
                md = suffix in (".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext")
                problems.append(Problem(
                    shown, 1, f"a '{suffix}' file in docs/ is not published: only Markdown pages (.md) are",
                    "rename it to .md" if md else
                    "write the page in Markdown (.md); a file such as HTML or SVG can run script in readers' "
                    f"browsers, so a maintainer must review it and list it under extra.{FILES_KEY} in mkdocs.yml"))
                continue
            expected = policy.files[rel]
            actual = sha256(path.read_bytes())
            if expected is None and path.suffix.lower() in ACTIVE_SUFFIXES:
                problems.append(Problem(
                    shown, 1, f"listed in mkdocs.yml (extra.{FILES_KEY}) without its SHA-256",
                    f"a maintainer reviews the file and writes  {rel}: {actual}"))
            elif expected is not None and expected != actual:
                problems.append(Problem(
                    shown, 1, f"changed since it was reviewed: its SHA-256 is {actual}, "
                    f"mkdocs.yml (extra.{FILES_KEY}) lists {expected}",
                    "a maintainer reviews the change and writes the new hash in mkdocs.yml; "
                    "until then the file is not published"))
    config = settings.root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n") if config.is_file() else []
    for rel in sorted(set(policy.files) - seen):
        if (docs / rel).is_file() and rel.endswith(MARKDOWN):
            continue
        line = next((i + 1 for i, t in enumerate(lines) if t.strip().startswith(f"{rel}:")), 1)
        problems.append(Problem("mkdocs.yml", line, f"extra.{FILES_KEY} lists docs/{rel}, which does not exist",
                                "remove the line, or restore the file"))
    line = next((i + 1 for i, t in enumerate(lines) if t.strip().startswith(f"{POLICY_KEY}:")), 0)
    # A mkdocs.yml without the policy (a test's minimal site) is left to the build, which fails
    # on it (postbuild_step); a policy that is there is checked here.
    for message in policy_problems(policy.csp) if line else ():
        problems.append(Problem("mkdocs.yml", line, message, "see SECURITY.md, 'The site cannot run contributed code'"))
    return problems


# --- the final check of the built site ---------------------------------------------------------------

def _bad_url(value: str) -> str:
    scheme = url_scheme(value)
    return scheme if scheme in BAD_SCHEMES else ""


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


@dataclass
class Finding:
    node: object            # selectolax node
    attribute: str | None   # the attribute to remove, or None: the whole element
    reason: str


def element_findings(node, tag: str) -> list[Finding]:
    """Findings on one element that do not depend on the page: handlers, URLs, tags."""
    out = []
    attrs = node.attributes
    for name, value in attrs.items():
        low = name.lower()
        value = value or ""
        if low.startswith("on"):
            out.append(Finding(node, name, f"event handler '{low}' on <{tag}>"))
        elif low in URL_ATTRIBUTES and _bad_url(value):
            out.append(Finding(node, name, f"{_bad_url(value)}: URL in {low} of <{tag}>"))
        elif low in SRCSET_ATTRIBUTES and any(_bad_url(u) for u in _srcset_urls(value)):
            out.append(Finding(node, name, f"bad URL in {low} of <{tag}>"))
        elif low == "srcdoc":
            out.append(Finding(node, name, f"srcdoc on <{tag}>"))
        elif low == "style" and _CSS_DANGER.search(value):
            out.append(Finding(node, name, f"script in the style of <{tag}>"))
    if tag in NEVER:
        out.append(Finding(node, None, f"<{tag}>"))
    elif tag == "style" and _CSS_DANGER.search(node.text(deep=True) or ""):
        out.append(Finding(node, None, "script in a <style> element"))
    elif tag == "meta" and "http-equiv" in {k.lower() for k in attrs}:
        equiv = next((v for k, v in attrs.items() if k.lower() == "http-equiv"), "") or ""
        if equiv.strip().lower() != "content-security-policy":
            out.append(Finding(node, None, f"<meta http-equiv=\"{equiv}\">"))
    return out


def script_finding(node, page_rel: str, site_dir: Path | None, policy: Policy, cache: dict) -> Finding | None:
    """Why a <script> element is not on the list, or None when it is."""
    attrs = {k.lower(): (v or "") for k, v in node.attributes.items()}
    kind = attrs.get("type")
    if kind is None and attrs.get("language"):
        kind = "text/" + attrs["language"]
    kind = (kind or "").strip().lower()
    if kind in DATA_TYPES:
        return None  # a data block is never run
    if kind not in JS_TYPES:
        return Finding(node, None, f"<script type=\"{kind}\"> (not a script of the site)")
    if "src" in attrs:
        src = attrs["src"].strip()
        path = src.split("#", 1)[0].split("?", 1)[0]
        if path.startswith(policy.site_path) and not path.startswith("//"):
            path, base = path[len(policy.site_path):], ""  # 404.html: from the root of the site
        else:
            base = posixpath.dirname(page_rel)
        if url_scheme(path) or path.startswith(("/", "\\")):
            return Finding(node, None, f"<script src=\"{src[:80]}\"> from another site or an absolute path")
        target = posixpath.normpath(posixpath.join(base, path))
        if target.startswith("../") or target == "..":
            return Finding(node, None, f"<script src=\"{src[:80]}\"> outside the site")
        if site_dir is None:
            return None
        if target not in cache:
            file = site_dir / target
            cache[target] = policy.identify(target, file.read_bytes()) if file.is_file() else None
        owner = cache[target]
        if owner is None:
            return Finding(node, None, f"<script src=\"{src[:80]}\">: no such file in the site")
        if not owner:
            return Finding(node, None, f"<script src=\"{src[:80]}\">: {target} is not a script of the theme "
                                       "nor one listed in mkdocs.yml")
        return None
    text = node.text(deep=True) or ""
    digest = sha256(text.encode("utf-8"))
    if digest in policy.inline:
        return None
    return Finding(node, None, f"inline <script> not on the list ({digest}, begins "
                               f"{json.dumps(text.strip()[:60], ensure_ascii=False)})")


def page_findings(doc, page_rel: str, site_dir: Path | None, policy: Policy,
                  cache: dict | None = None, require_csp: bool = True) -> list[Finding]:
    """Everything in one parsed page that can run script and is not on the list."""
    cache = {} if cache is None else cache
    out: list[Finding] = []
    seen_csp = False
    for node in doc.root.traverse(include_text=False):
        tag = (node.tag or "").lower()
        if not node.is_element_node:
            continue  # comments of the theme's own icons (licences) are outside the content
        if tag == "script":
            if require_csp and not seen_csp:
                out.append(Finding(node, None, "a <script> before the Content-Security-Policy"))
            found = script_finding(node, page_rel, site_dir, policy, cache)
            if found:
                out.append(found)
        elif tag == "meta":
            equiv = next((v for k, v in node.attributes.items() if k.lower() == "http-equiv"), None)
            if equiv is not None and equiv.strip().lower() == "content-security-policy":
                content = " ".join((node.attributes.get("content") or "").split())
                if seen_csp:
                    out.append(Finding(node, None, "a second Content-Security-Policy"))
                elif content != policy.csp:
                    out.append(Finding(node, None, "a Content-Security-Policy that is not the site's"))
                elif node.parent is None or (node.parent.tag or "").lower() != "head":
                    out.append(Finding(node, None, "the Content-Security-Policy outside <head>"))
                seen_csp = True
        elif tag == "article" and "md-content__inner" in (node.attributes.get("class") or ""):
            for inner in node.traverse(include_text=False):
                if inner.is_comment_node:
                    out.append(Finding(inner, None, "an HTML comment in the page content "
                                                    "(private notes never reach the site)"))
                elif inner.is_element_node and "hidden" in inner.attributes:
                    out.append(Finding(inner, None, f"hidden <{inner.tag}> in the page content "
                                                    "(private notes never reach the site)"))
        out += element_findings(node, tag)
    if require_csp and not seen_csp and policy.csp:
        out.append(Finding(None, None, "no Content-Security-Policy"))
    return out


def parse(raw: bytes | str):
    from selectolax.lexbor import LexborHTMLParser
    return LexborHTMLParser(raw, scripting=True)


def fragment_findings(text: str, policy: Policy) -> list[str]:
    """Reasons for an HTML fragment (search index text, feed HTML): nothing that can run."""
    from selectolax.lexbor import LexborHTMLParser
    doc = LexborHTMLParser(text, is_fragment=True, scripting=True)
    out = []
    for node in doc.root.traverse(include_text=False) if doc.root is not None else ():
        if node.is_element_node:
            tag = (node.tag or "").lower()
            if tag == "script":
                out.append("<script>")
            out += [f.reason for f in element_findings(node, tag)]
    return out


def check_html(path: Path, site_dir: Path, policy: Policy, cache: dict | None = None) -> list[str]:
    rel = path.relative_to(site_dir).as_posix()
    doc = parse(path.read_bytes())
    return [f.reason for f in page_findings(doc, rel, site_dir, policy, cache)]


_XHTML_NS = ("http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg", "http://www.w3.org/1998/Math/MathML")


def check_xml(path: Path, rel: str) -> list[str]:
    """An XML or SVG file opened in a browser can run script: no XHTML/SVG/MathML
    elements in XML (feeds and sitemaps have none), no script, handler or bad URL in
    SVG, no XSLT."""
    from lxml import etree
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML ({exc})"]
    out = []
    doc = root.getroottree()
    for pi in doc.xpath("//processing-instruction()") + [
            n for n in root.itersiblings(preceding=True) if isinstance(n, etree._ProcessingInstruction)]:
        if pi.target.lower() == "xml-stylesheet":
            out.append("an xml-stylesheet instruction")
    svg = rel.lower().endswith((".svg", ".svgz"))
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        qname = etree.QName(el)
        local, ns = qname.localname.lower(), qname.namespace or ""
        if not svg and ns in _XHTML_NS:
            out.append(f"an element <{local}> of {ns} in XML")
            continue
        if local == "script" or local in NEVER or local == "foreignobject":
            out.append(f"<{local}>")
        for name, value in el.attrib.items():
            low = etree.QName(name).localname.lower()
            if low.startswith("on"):
                out.append(f"event handler '{low}' on <{local}>")
            elif low in ("href", "src") and _bad_url(value):
                out.append(f"{_bad_url(value)}: URL in {low} of <{local}>")
    return out


def check_search_index(path: Path, policy: Policy) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for doc in data.get("docs", []):
        for key in ("title", "text"):
            value = doc.get(key)
            if isinstance(value, str) and "<" in value:
                out += [f"{doc.get('location', '?')} {key}: {r}" for r in fragment_findings(value, policy)]
    return out


_FEED_HTML = re.compile(r"<(summary|content|description)\b[^>]*>(.*?)</\1>", re.S)


def check_feed(path: Path, policy: Policy) -> list[str]:
    import html as _html
    raw = path.read_text(encoding="utf-8")
    out = []
    for m in _FEED_HTML.finditer(raw):
        body = m.group(2).strip()
        text = body[9:-3] if body.startswith("<![CDATA[") else _html.unescape(body)
        out += fragment_findings(text, policy)
    return out


def _check_one(args) -> list[tuple[str, str]]:
    path, site, policy = args
    rel = Path(path).relative_to(site).as_posix()
    return [(rel, r) for r in check_html(Path(path), Path(site), policy)]


def check_site(site_dir: Path, policy: Policy, workers: int | None = None) -> dict:
    """Check every file of the built site. Returns ``{"pages", "files", "seconds",
    "problems": [(site-relative path, reason)]}``."""
    from concurrent.futures import ProcessPoolExecutor
    started = time.perf_counter()
    problems: list[tuple[str, str]] = []
    html_files, others = [], []
    for path in sorted(site_dir.rglob("*")):
        if path.is_file():
            (html_files if path.suffix.lower() in (".html", ".htm", ".xhtml", ".xht", ".shtml")
             else others).append(path)
    workers = workers or os.cpu_count() or 1
    jobs = [(str(p), str(site_dir), policy) for p in html_files]
    if workers > 1 and len(jobs) > 50:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for found in pool.map(_check_one, jobs, chunksize=32):
                problems += found
    else:
        for job in jobs:
            problems += _check_one(job)
    for path in others:
        rel = path.relative_to(site_dir).as_posix()
        low = rel.lower()
        if low.endswith(SCRIPT_SUFFIXES):
            if not policy.identify(rel, path.read_bytes()):
                problems.append((rel, "a script file that is not the theme's, Pagefind's or listed in mkdocs.yml"))
        elif low.endswith((".svg", ".xml", ".xsl", ".xslt")):
            problems += [(rel, r) for r in check_xml(path, rel)]
            if low.endswith(".xml"):
                problems += [(rel, r) for r in check_feed(path, policy)]
        elif low.endswith((".svgz", ".swf", ".mht", ".mhtml", ".wasm")):
            problems.append((rel, f"a '{path.suffix}' file (it can run code when opened)"))
        elif path.name == "search_index.json":
            problems += [(rel, r) for r in check_search_index(path, policy)]
    return {"pages": len(html_files), "files": len(others), "seconds": time.perf_counter() - started,
            "problems": problems}


class ScriptNotOnTheList(SystemExit):
    """The built site holds something that can run script and is not on the list."""


def postbuild_step(settings: Settings, site_dir: Path) -> None:
    """The final check (last post-build step): fail the build on anything not on the list."""
    policy = policy_of(settings)
    figures = check_site(site_dir, policy)
    print(f"upr build: final script check of {figures['pages']} pages and {figures['files']} other files "
          f"in {figures['seconds']:.1f} s", file=sys.stderr)
    bad = [(f"policy", m) for m in policy_problems(policy.csp)] + figures["problems"]
    if bad:
        lines = "\n".join(f"{f}: {r}" for f, r in bad[:50])
        more = f"\n… and {len(bad) - 50} more" if len(bad) > 50 else ""
        raise ScriptNotOnTheList(f"upr build: the built site holds what can run script and is not on the list "
                                 f"(mkdocs.yml extra.{POLICY_KEY} / extra.{FILES_KEY}, SECURITY.md):\n{lines}{more}")
