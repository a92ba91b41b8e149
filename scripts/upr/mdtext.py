"""Untrusted text (names, titles, commit subjects from content files) placed in
generated Markdown: one escaper for every page generator, and one guard on the
front matter of every page written into ``build/`` (:func:`safe_front_matter`)."""
from __future__ import annotations

import html
import re

import yaml

# Markdown syntax that could make a name into emphasis, a link, a table cell break,
# a heading, an image or an attr_list ({ onclick=… }). "<" and ">" are already
# entities after html.escape.
_SPECIAL = re.compile(r"([\\`*_\[\]!|#{}])")


def md_inline(text) -> str:
    """One line of plain text, safe in Markdown and in the HTML it renders to:
    whitespace collapsed, HTML escaped, Markdown specials backslashed.
    ``md_inline("A*b* | <i>") == "A\\\\*b\\\\* \\\\| &lt;i&gt;"``."""
    return _SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


def html_text(value) -> str:
    """``value``, which the theme prints as HTML, made into the text a browser would
    show for it, escaped: elements are dropped (``Links <img src=x onerror=…>`` ->
    ``Links``), character references are kept as text (``Q&amp;A`` still shows
    ``Q&A``), and ``<``, ``>``, ``&`` and ``"`` become entities, so it is safe in an
    element and in a double-quoted attribute, printed with or without escaping."""
    from selectolax.lexbor import LexborHTMLParser
    text = LexborHTMLParser(str(value), is_fragment=True, scripting=True).text(deep=True)
    return html.escape(" ".join(text.split()), quote=False).replace('"', "&quot;")


# --- front matter of every page MkDocs renders (issue 13) ------------------------------------------

#: Front-matter fields Material for MkDocs prints into pages WITHOUT escaping: the page
#: title (<title>, header, navigation, tabs, breadcrumbs, footer, search index), the
#: description and author (<meta content="…">), the subtitle and status of a nav entry.
PRINTED_FIELDS = ("title", "description", "author", "subtitle", "status")
#: Front-matter fields no page may set: ``template`` picks any template of the theme
#: (``redirect.html`` writes ``location`` into an inline script).
FORBIDDEN_FIELDS = ("template",)
# MkDocs' own pattern (mkdocs.utils.meta.YAML_RE), on text read as MkDocs reads it
_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
_RAW = re.compile(r"[<>\"]")
_NEEDS_WORK = re.compile(r"[<>\"]|^(?:" + "|".join(FORBIDDEN_FIELDS) + r")\s*:", re.M)


def safe_front_matter(text: str) -> str:
    """``text`` (a Markdown page) with the fields Material prints unescaped made safe
    (:func:`html_text`) and :data:`FORBIDDEN_FIELDS` removed. Every page written into
    ``build/`` goes through here (:meth:`upr.site.BuildContext.write`), hand-written
    or generated, so a gap in ``upr check`` or a build with ``--force`` cannot put
    markup into the theme's layout. Pages whose front matter needs nothing are
    returned unchanged (the common case costs one regular-expression search)."""
    # MkDocs reads pages with utf-8-sig and universal newlines: match what it will see
    seen = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    m = _FRONT.match(seen)
    if not m or not _NEEDS_WORK.search(m.group(1)):
        return text
    try:
        meta = yaml.load(m.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return text  # upr check reports it; MkDocs then reads no front matter either
    if not isinstance(meta, dict):
        return text
    changed = False
    for key in list(meta):
        if key in FORBIDDEN_FIELDS:
            del meta[key]
            changed = True
        elif key in PRINTED_FIELDS and isinstance(meta[key], str) and _RAW.search(meta[key]):
            meta[key] = html_text(meta[key])
            changed = True
    if not changed:
        return text
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) if meta else ""
    return f"---\n{front}---\n" + seen[m.end():]
