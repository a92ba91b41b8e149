"""Checks on contributed text: raw HTML, link schemes, titles, contact details (issue 8).

Content arrives by pull request from people we do not all know. This content kind
(registered last in :data:`upr.content.KINDS`, ``content.safety`` is None) reads every
Markdown and YAML file under ``states/``, ``groups/``, ``tools_library/`` and ``docs/``
generically — it needs no other kind's module — and reports, with ``path:line``:

* errors: raw HTML outside :data:`ALLOWED_TAGS` / :data:`ALLOWED_ATTRIBUTES`
  (``<script>``, ``<iframe>``, ``onerror=`` …); a link or image whose URL scheme is not
  in :data:`ALLOWED_SCHEMES` (``javascript:``, ``data:``, ``vbscript:``, ``file:`` …),
  in Markdown links, reference definitions, autolinks, HTML attributes and
  front-matter fields; HTML in any front-matter text (Material for MkDocs writes a
  page title unescaped into the navigation and ``<title>``); event handlers in
  ``{ … }`` attribute lists (the ``attr_list`` extension);
* warnings: an e-mail address or phone number in public text (a Markdown body or a
  front-matter field that is not private). Mark one as intentionally public with
  ``<!-- public -->`` on the same Markdown line, ``# public`` at the end of the YAML line,
  or a field name starting with ``public_`` (``public_email: info@example.org``).

Text inside code (fenced blocks and ```code spans```) is shown, not run: it is not checked
for HTML. The build also sanitises its output (:mod:`upr.sanitize`): these checks tell
the contributor what to fix; the sanitiser makes sure nothing slips through.
"""
from __future__ import annotations

import bisect
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

from . import privacy, repofiles
from .config import Settings
from .mdtext import FORBIDDEN_FIELDS
from .problems import WARNING, Problem
from .yamlio import LineDict, LineList, YamlSyntaxError, load_yaml, parse_front_matter, read_text

ALLOWED_SCHEMES = ("https", "http", "mailto", "tel")
# Raw HTML that NGO pages need and that cannot run code. Everything else: write Markdown.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em", "figcaption",
    "figure", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
    "u", "ul",
})
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "lang", "dir", "title"})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "abbr": set(),
    "details": {"open"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"},
    "del": {"datetime"},
    "ins": {"datetime"},
}
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "srcset", "poster",
                            "background", "cite", "data", "longdesc"})
CONTENT_DIRS = ("states", "groups", "tools_library", "docs")
_BIG_YAML = 2_000_000  # bytes; bigger YAML files are imported tables: scanned line by line

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
# A tag, or an attribute that breaks out of one (`x" onmouseover="…` in a title Material
# writes into aria-label="…").
_TAG_IN_TEXT = re.compile(r"<\s*/?\s*[a-zA-Z!?]|[\s\"'/]on[a-z]+\s*=", re.I)
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^\s<>]*)>")
_MD_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>\n]*>|[^)\s]+)")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?", re.M)
_ATTR_LIST = re.compile(r"\{:?\s*([^{}\n]*?)\s*\}")
# attr_list's tokens: key="…", key='…', key=value, #id, .class, or a bare word (= an attribute)
_ATTR_TOKEN = re.compile(r"""([^\s=]+)\s*=\s*(?:"[^"]*"|'[^']*'|\S+)|(\S+)""")
ATTR_LIST_KEYS = frozenset({"id", "class", "title", "lang", "dir"})
# Classes that hide text (or are the site's own, some of which hide it): case 43.
_HIDING_CLASS = re.compile(r"(^|\s)(upr-\S*|\S*hidden\S*|\S*sr-only\S*|\S*invisible\S*)(?=\s|$)", re.I)
# Anything an HTML parser reads as a comment: <!-- … -->, <!-->, <!…>, <?…>, </ …>
_ANY_COMMENT = re.compile(r"<!--(.*?)(?:--!?>|\Z)|<!--->|<![^-][^>]*(?:>|\Z)|<\?[^>]*(?:>|\Z)"
                          r"|</[^a-zA-Z>][^>]*(?:>|\Z)", re.S)  # each match ends at ">" or the end: linear
#: Comments that hold no text: Material's blog excerpt separator and the public-contact mark.
ALLOWED_COMMENTS = ("more", "public")
#: A News post's include of what came of a group's joint submission (issue 15; upr.news.INCLUDE):
#: replaced by the group's outcome when the site is generated, so it never reaches a page; one
#: of the wrong form is upr.news's problem to report (one problem, one message).
_INCLUDE_COMMENT = re.compile(r"upr\s*:", re.I)  # upr.news._ANY_INCLUDE
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*))?$")  # closing #s are stripped after (linear)
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
# From the nearest "<letter" only (a later "<letter" starts its own try): linear on a
# 100 KB line of "<a " (the form [^>\n]*? took minutes there; issue 13).
_LOOSE_HANDLER = re.compile(r"<[a-zA-Z](?:[^<>\n]|<(?![a-zA-Z]))*?[\s/\"'](on[a-z]+)\s*=", re.I)
EMAIL = re.compile(r"(?<![\w.%+\-/])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\b")
PHONE = re.compile(
    r"(?<![\w/.+])\+[1-9][0-9]{0,2}[ .\-]?(?:\([0-9]{1,4}\)[ .\-]?)?[0-9]{1,4}(?:[ .\-]?[0-9]{2,4}){2,4}\b"
    r"|(?i:\b(?:tel|phone|telephone|mobile|whatsapp|téléphone|teléfono)\b\.?\s*:?\s*)(?:\+|00)?[0-9][0-9 .\-()]{6,}[0-9]")
PUBLIC_MARK_MD = "<!-- public -->"
_PUBLIC_MARK_YAML = re.compile(r"#\s*public\s*$")

SCHEME_FIX = "use https:, mailto: or a relative link"


# --- single values -----------------------------------------------------------------------------

def url_scheme_problem(url: str) -> str | None:
    """The forbidden scheme of ``url`` (``'javascript'``), or None when the URL is allowed.

    Character references and control characters are removed first, as a browser does
    (``java&#115;cript:``, ``java\\tscript:``)."""
    text = url.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    text = _CONTROL.sub("", html.unescape(text)).lower()
    match = _SCHEME.match(text)
    if match and match.group(1) not in ALLOWED_SCHEMES:
        return match.group(1)
    return None


def _scheme_problem(path: str, line: int, scheme: str, where: str = "") -> Problem:
    return Problem(path, line, f"link scheme '{scheme}:' not allowed{where}", SCHEME_FIX)


# --- Markdown bodies ---------------------------------------------------------------------------

def mask_code(body: str) -> str:
    """``body`` with the inside of fenced code blocks and code spans blanked out
    (same length and line breaks, so offsets and line numbers stay right)."""
    out, fence, opened = [], None, 0
    lines = body.split("\n")
    for line in lines:
        m = _FENCE.match(line)
        if fence is None and m:
            fence, opened = m.group(2), len(out)
            out.append(line)
        elif fence is not None:
            if line.strip().startswith(fence[0] * len(fence)) and set(line.strip()) <= {fence[0]}:
                fence = None
                out.append(line)
            else:
                out.append(" " * len(line))
        else:
            out.append(mask_spans(line) if "`" in line else line)
    if fence is not None:
        # A fence never closed is rendered as ordinary text by superfences: check it.
        out[opened:] = lines[opened:]
    return "\n".join(out)


_RUN = re.compile(r"`+")


def mask_spans(line: str) -> str:
    """``line`` with the inside of its code spans blanked, exactly as
    ``_CODE_SPAN.sub`` (Python-Markdown's own backtick pattern) finds them, in
    O(n log n): the regular expression tried every opening length against the whole rest
    of the line from every run of backticks (hours on a 100 KB line; issue 13).

    The pattern's matches, worked out: an opening run of R backticks at the earliest
    position tries the lengths L = R, R-1 … 1 and closes at the first *later* run of
    exactly L backticks; the inside (which may start with the R-L backticks left over)
    is blanked. A run that closes nothing is text, and the search goes on after it."""
    runs = [(m.start(), m.end() - m.start()) for m in _RUN.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for index, (_, length) in enumerate(runs):
        by_length.setdefault(length, []).append(index)
    out, pos, i = [], 0, 0
    while i < len(runs):
        start, length = runs[i]
        if start < pos:
            i += 1
            continue
        close = None
        for size in range(length, 0, -1):
            later = by_length.get(size, [])
            k = bisect.bisect_right(later, i)
            if k < len(later):
                close = later[k]
                break
        if close is None:
            i += 1
            continue
        inner_start, inner_end = start + size, runs[close][0]
        out += [line[pos:inner_start], " " * (inner_end - inner_start)]
        pos = inner_end
        i = close + 1
        out.append(line[inner_end:inner_end + size])
        pos = inner_end + size
    return "".join(out) + line[pos:]


class _TagFinder(HTMLParser):
    """Collects problems for disallowed tags, attributes and URL schemes, with lines."""

    def __init__(self, path: str, first_line: int):
        super().__init__(convert_charrefs=True)
        self.path, self.first_line = path, first_line
        self.problems: list[Problem] = []
        self.lines: set[int] = set()

    def _add(self, message: str, fix: str) -> None:
        line = self.first_line + self.getpos()[0] - 1
        self.lines.add(line)
        self.problems.append(Problem(self.path, line, message, fix))

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self._add(f"<{tag}> not allowed",
                      "remove it and write Markdown instead; allowed HTML is limited to formatting "
                      "such as <br>, <sup>, <sub>, <abbr title>, <details>/<summary>, <kbd>, tables")
            return
        allowed = GLOBAL_ATTRIBUTES | ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name in ("hidden", "aria-hidden", "inert"):
                self._add(f"element with '{name}' attribute: its text is still published and indexed for search",
                          HIDDEN_FIX)
            elif name == "class" and value and _HIDING_CLASS.search(value):
                self._add(f"class '{value}' hides text or is the site's own", HIDDEN_FIX)
            elif name not in allowed:
                what = "event handler attribute" if name.startswith("on") else "raw HTML attribute"
                self._add(f"{what} '{name}' not allowed on <{tag}>",
                          "remove it" + (f"; allowed on <{tag}>: " + ", ".join(sorted(allowed))))
            elif name in URL_ATTRIBUTES and value:
                scheme = url_scheme_problem(value)
                if scheme:
                    self._add(f"link scheme '{scheme}:' not allowed", SCHEME_FIX)

    handle_startendtag = handle_starttag


def check_markdown(body: str, path: str, first_line: int) -> list[Problem]:
    """Problems in a Markdown body whose first line is file line ``first_line``."""
    problems: list[Problem] = []
    masked = mask_code(body)

    def line_at(offset: int) -> int:
        return first_line + masked.count("\n", 0, offset)

    problems += _comment_problems(masked, path, line_at)  # case 43: comments are published
    # Comments run no code (and the build removes them); blank them before parsing.
    masked = _blank_closed_comments(masked)

    for m in _AUTOLINK.finditer(masked):
        scheme = url_scheme_problem(m.group(1))
        if scheme:
            problems.append(_scheme_problem(path, line_at(m.start()), scheme))
    # Autolinks are not HTML tags: blank them so the HTML parser does not see <https:…>.
    html_text = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), masked)
    # What is left of <!…> and <?…> (unclosed comments, declarations) is reported by
    # _comment_problems; html.parser would retry each of them to the end (quadratic).
    html_text = re.sub(r"<(?=[!?]|/[^a-zA-Z])", " ", html_text)
    for m in _MD_LINK.finditer(masked):
        scheme = url_scheme_problem(m.group(1))
        if scheme:
            problems.append(_scheme_problem(path, line_at(m.start(1)), scheme))
    for m in _REF_DEF.finditer(masked):
        scheme = url_scheme_problem(m.group(1))
        if scheme:
            problems.append(_scheme_problem(path, line_at(m.start(1)), scheme))
    for m in _ATTR_LIST.finditer(masked):
        problems += _attr_list_problems(m.group(1), path, line_at(m.start()))
    problems += _heading_problems(masked, path, first_line)

    finder = _TagFinder(path, first_line)
    try:
        # After the last ">" no tag, comment or declaration can end: that tail is text.
        # html.parser rescans it from every "<" (minutes for a 100 KB line of "<a "; issue 13).
        finder.feed(html_text[:html_text.rfind(">") + 1])
        finder.close()
    except Exception:  # html.parser is lenient; never let a check crash on odd text
        pass
    problems += finder.problems
    # An unclosed tag at the end of a line (`<img src=x onerror=alert(1)`) is not a tag to
    # html.parser, but Markdown may still emit it and a browser would run it.
    for m in _LOOSE_HANDLER.finditer(html_text):
        line = line_at(m.start())
        if line not in finder.lines:
            problems.append(Problem(path, line, f"event handler attribute '{m.group(1).lower()}' not allowed",
                                    "remove it"))
    problems += contact_warnings_in_body(body, path, first_line)
    # One construct can match two link forms (`[a](<vbscript:…>)` is also an autolink).
    return list(dict.fromkeys(problems))


def _blank_closed_comments(text: str) -> str:
    """``text`` with every closed ``<!-- … -->`` blanked (line breaks kept). A scan with
    str.find, not a regular expression: ``<!--.*?-->`` retried from each of many
    unclosed ``<!--`` on a long line is quadratic (100 KB of them took 47 s)."""
    out, pos = [], 0
    while True:
        start = text.find("<!--", pos)
        if start == -1:
            break
        end = text.find("-->", start + 4)
        if end == -1:
            break  # no closed comment after this point
        out.append(text[pos:start])
        out.append(re.sub(r"[^\n]", " ", text[start:end + 3]))
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


def _attr_list_problems(inner: str, path: str, line: int) -> list[Problem]:
    """An attribute list (``{ #id .class title="…" }``) may set an id, classes, a title,
    lang and dir: nothing that runs, loads, hides or relabels (``data-toc-label``)."""
    problems = []
    fix = "attribute lists may set only #id, .class, title, lang and dir; to show braces as text, write \\{ … \\}"
    for key, word in _ATTR_TOKEN.findall(inner):
        if word:
            if word.startswith("#") or word == ":":
                continue
            if word.startswith("."):
                if _HIDING_CLASS.search(word[1:]):
                    problems.append(Problem(path, line, f"class '{word[1:]}' hides text or is the site's own",
                                            HIDDEN_FIX))
                continue
            key = word
        k = key.lower()
        if k not in ATTR_LIST_KEYS:
            problems.append(Problem(path, line, f"attribute '{key}' not allowed in {{ }} attribute list",
                                    HIDDEN_FIX if k in ("hidden", "aria-hidden", "inert") else fix))
    return problems


HIDDEN_FIX = ("remove the text: hidden text is still published in the page source and indexed for search; "
              "private notes do not belong in the repository either (it is public, see SECURITY.md)")


def _comment_problems(masked: str, path: str, line_at) -> list[Problem]:
    """HTML comments (and what browsers read as comments) are published in the page
    source (case 43). Only ``<!-- more -->``, ``<!-- public -->`` and a News post's
    ``<!-- upr:outcome <group> -->`` (replaced before the page is built) are allowed."""
    problems = []
    for m in _ANY_COMMENT.finditer(masked):
        inner = (m.group(1) or "").strip()
        if m.group(0).startswith("<!--") and m.group(1) is not None and m.group(0).endswith("-->") \
                and (inner in ALLOWED_COMMENTS
                     or (path.startswith("docs/news/posts/") and _INCLUDE_COMMENT.match(inner))):
            continue
        problems.append(Problem(path, line_at(m.start()),
                                "HTML comment: it is published in the page source, where anyone can read it",
                                "remove it; keep private notes outside the repository (it is public too, see "
                                "SECURITY.md); the only comments allowed are <!-- more -->, <!-- public --> "
                                "and <!-- upr:outcome <group> --> in a News post"))
    return problems


def _heading_problems(masked: str, path: str, first_line: int) -> list[Problem]:
    """A heading becomes a page title, a menu entry and a search result: no markup in it,
    not even written with entities (``# &lt;img …&gt;``: the theme decodes titles)."""
    problems = []
    lines = masked.split("\n")
    for i, line in enumerate(lines):
        text = None
        m = _ATX.match(line)
        if m:
            text = (m.group(1) or "").rstrip(" \t#")
        elif i + 1 < len(lines) and line.strip() and _SETEXT.match(lines[i + 1]) and not _ATX.match(line):
            text = line
        if text and "&" in text and _MARKUP.search(html.unescape(_CONTROL.sub(" ", text))):
            problems.append(Problem(path, first_line + i, "HTML written with entities (&lt; …) in a heading",
                                    "write the heading as plain text: it becomes the page title, a menu entry "
                                    "and a search result"))
    return problems


def contact_warnings_in_body(body: str, path: str, first_line: int) -> list[Problem]:
    """Warnings for e-mail addresses and phone numbers on lines not marked ``<!-- public -->``."""
    problems = []
    for i, line in enumerate(body.split("\n")):
        if PUBLIC_MARK_MD in line:
            continue
        problems += _contact_warnings(line, path, first_line + i, "this text",
                                      f"add {PUBLIC_MARK_MD} at the end of the line")
    return problems


def _contact_warnings(text: str, path: str, line: int, where: str, how_public: str) -> list[Problem]:
    problems = []
    if EMAIL.search(text):
        problems.append(Problem(
            path, line, f"e-mail address in {where}: it will be published",
            "remove it if it is a person's address (people at risk: see SECURITY.md); "
            f"if it is an organisation's public address, {how_public}", WARNING))
    if PHONE.search(text):
        problems.append(Problem(
            path, line, f"phone number in {where}: it will be published",
            "remove it if it is a person's number (see SECURITY.md); "
            f"if it is meant to be public, {how_public}", WARNING))
    return problems


# --- front matter and YAML data ----------------------------------------------------------------

def _strings(node: Any, line: int, field: str, private: bool = False
             ) -> Iterator[tuple[str, str, int, bool, Any]]:
    """``(field, value, line, private, key)`` for every string of YAML data."""
    if isinstance(node, dict):
        confidential = privacy.is_confidential(node)
        for key, value in node.items():
            key_line = node.lines.get(key, line) if isinstance(node, LineDict) else line
            secret = private or confidential or privacy.is_private_key(key)
            name = f"{field}.{key}" if field else str(key)
            if isinstance(value, str):
                yield name, value, key_line, secret, key
            else:
                yield from _strings(value, key_line, name, secret)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            item_line = node.lines[i] if isinstance(node, LineList) and i < len(node.lines) else line
            name = f"{field}[{i + 1}]"
            if isinstance(value, str):
                yield name, value, item_line, private, None
            else:
                yield from _strings(value, item_line, name, private)


_URL_KEY = re.compile(r"(^|_)(url|href|link|website|src|image)s?$", re.I)
_DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")


def check_data(data: Any, path: str, lines: list[str]) -> list[Problem]:
    """Problems in front matter or YAML data: HTML in text, forbidden URL schemes,
    contact details in public fields. ``lines`` are the file's lines (for ``# public``)."""
    problems = []
    if isinstance(data, dict):
        for key in FORBIDDEN_FIELDS:
            if key in data:
                line = data.lines.get(key, 1) if isinstance(data, LineDict) else 1
                problems.append(Problem(path, line, f"'{key}:' is not allowed: a page cannot choose the theme's template",
                                        f"remove the {key} line"))
    for field, value, line, secret, key in _strings(data, getattr(data, "line", 1) or 1, ""):
        if _TAG_IN_TEXT.search(value) or ("&" in value and _TAG_IN_TEXT.search(html.unescape(value))):
            problems.append(Problem(
                path, line, f"HTML is not allowed in {field}",
                "write plain text: remove the <…> part, also when written with entities such as &lt; "
                "(the site shows this text in titles and menus)"))
        name = str(key if key is not None else field.rsplit(".", 1)[-1].split("[")[0])
        normalised = _CONTROL.sub("", html.unescape(value)).lower()
        if _URL_KEY.search(name) or normalised.startswith(_DANGEROUS_SCHEMES):
            scheme = url_scheme_problem(value)
            if scheme:
                problems.append(_scheme_problem(path, line, scheme, f" in {field}"))
        if secret or privacy.is_public_key(key):
            continue
        source_line = lines[line - 1] if 0 < line <= len(lines) else ""
        if _PUBLIC_MARK_YAML.search(source_line):
            continue
        problems += _contact_warnings(value, path, line, f"the public field '{field}'",
                                      "end the line with  # public  (or name the field public_…)")
    return problems


def check_file(path: Path, shown: str) -> list[Problem]:
    """All safety problems of one Markdown or YAML file. Files that cannot be read or
    parsed are skipped here: the kind that owns them reports why."""
    try:
        text = read_text(path, shown)
    except YamlSyntaxError:
        return []
    lines = text.split("\n")
    if path.suffix == ".md":
        if lines and lines[0].rstrip() == "---":
            doc = parse_front_matter(text, shown)
            problems = check_data(doc.meta, shown, lines) + check_markdown(doc.body, shown, doc.body_line)
            if privacy.is_confidential(doc.meta):  # never published: contact details are not a concern
                problems = [p for p in problems if not p.message.endswith("it will be published")]
            return problems
        return check_markdown(text, shown, 1)  # a hand-written page of docs/ without front matter
    if len(text) > _BIG_YAML:
        return _check_big_yaml(lines, shown)
    try:
        data, _ = load_yaml(text, path=shown)
    except YamlSyntaxError:
        return []
    return check_data(data, shown, lines)


_DANGER = re.compile(r"<\s*(script|iframe|object|embed|form)\b|\bon[a-z]+\s*=|(javascript|vbscript)\s*:", re.I)


def _check_big_yaml(lines: list[str], shown: str) -> list[Problem]:
    """Imported tables are too big to walk twice; look for the dangerous forms only."""
    return [Problem(shown, i + 1, "script-like text not allowed in data",
                    "remove the <script>, on…= or javascript: part")
            for i, line in enumerate(lines) if _DANGER.search(line)]


def files(settings: Settings) -> Iterator[Path]:
    for name in CONTENT_DIRS:
        yield from repofiles.files(settings.root / name, (".md", ".yml", ".yaml"))  # links never followed


def load(settings: Settings, content=None) -> tuple[None, list[Problem]]:
    """Check every content file; returns ``(None, problems)`` (a kind without models)."""
    from .scriptcheck import docs_file_problems
    problems: list[Problem] = []
    for path in files(settings):
        problems += check_file(path, settings.rel(path))
    problems += docs_file_problems(settings)  # docs/ files that are not Markdown (issue 13)
    return None, problems
