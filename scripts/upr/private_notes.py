"""Python-Markdown extension: private notes never reach the site (issue 13, case 43).

Contributors take an HTML comment (``<!-- … -->``) or an element with the ``hidden``
attribute for a private note. On a static site both are one "view source" away, and
MkDocs' search plugin indexes hidden text like any other, so the site's own search
shows it. ``upr check`` refuses both with ``file:line`` (:mod:`upr.safety`); this
extension is the layer under it, for a build with ``--force`` or a gap in the check:
after a page is rendered, and before MkDocs' search plugin, the blog's excerpts or
the feed read it, it removes

* every comment and processing instruction (``<!-- … -->``, ``<!-->``, ``<?…>``,
  ``<!…>``), except the blog's excerpt separator ``<!-- more -->``, which holds no text;
* every element with a ``hidden`` attribute, with its content.

The rendered HTML is parsed with Lexbor (selectolax), as a browser parses it, so
what is removed is what a browser would have treated as a comment or a hidden
element. Pages with neither keep their HTML as it is. Generated pages use no
``hidden`` attribute (they use the ``upr-needs-js`` class instead).

Enabled in ``mkdocs.yml`` as ``upr.private_notes`` (and used by the news feed and the
assessment narratives); :func:`strip_source` does the same on Markdown that is
published as Markdown (the narratives in the exports).
"""
from __future__ import annotations

import re

from markdown import Extension
from markdown.postprocessors import Postprocessor

MORE = "more"  # Material's blog: post_excerpt_separator "<!-- more -->"
# Anything a browser may read as a comment, or a hidden attribute (a superset).
_MAYBE = re.compile(r"<[!?]|</[^a-zA-Z>]|hidden", re.I)


def strip(html: str) -> str:
    """``html`` without comments (but ``<!-- more -->``) and hidden elements."""
    if not _MAYBE.search(html):
        return html
    from selectolax.lexbor import LexborHTMLParser
    doc = LexborHTMLParser("<!DOCTYPE html><body>" + html, scripting=True)
    body = doc.body
    if body is None:
        return html
    doomed = []
    for node in body.traverse(include_text=False):
        if node.is_element_node:
            if "hidden" in node.attributes:
                doomed.append(node)
        elif not (node.is_comment_node and (node.comment_content or "").strip() == MORE):
            doomed.append(node)  # a comment, or a processing instruction read as one
    if not doomed:
        return html
    for node in doomed:
        node.decompose()
    return body.inner_html


_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)/?>")
_HIDDEN_ATTR = re.compile(r"(?:^|\s)hidden(?=\s|=|/|$)", re.I)
_SOURCE_COMMENT = re.compile(r"<!--(.*?)(?:--!?>|\Z)|<!--->|<![^-][^>]*(?:>|\Z)|<\?[^>]*(?:>|\Z)", re.S)


def strip_source(markdown: str) -> str:
    """Markdown ``markdown`` without its HTML comments (but ``<!-- more -->``) and raw
    HTML elements with a ``hidden`` attribute, outside code — for text published as
    Markdown, not rendered by MkDocs (an assessment's narrative in the exports)."""
    if not _MAYBE.search(markdown):
        return markdown
    from .safety import mask_code
    masked = mask_code(markdown)
    cuts: list[tuple[int, int]] = []
    for m in _SOURCE_COMMENT.finditer(masked):
        if not (m.group(1) is not None and m.group(1).strip() == MORE):
            cuts.append((m.start(), m.end()))
    covered = 0
    for m in _START_TAG.finditer(masked):
        if m.start() < covered or not _HIDDEN_ATTR.search(m.group(2) or ""):
            continue  # inside a hidden element already cut, or not hidden
        tag, depth, end = m.group(1).lower(), 1, len(masked)
        for t in re.finditer(rf"<(/?){tag}\b[^>]*>", masked[m.end():], re.I):
            depth += -1 if t.group(1) else 1
            if depth == 0:
                end = m.end() + t.end()
                break
        else:
            blank = masked.find("\n\n", m.end())  # never closed: to the end of the paragraph
            end = blank if blank != -1 else len(masked)
        cuts.append((m.start(), end))
        covered = end
    out, last = [], 0
    for start, end in sorted(cuts):
        if start < last:
            last = max(last, end)
            continue
        out.append(markdown[last:start])
        last = end
    out.append(markdown[last:])
    return "".join(out)


class StripPrivateNotes(Postprocessor):
    def run(self, text: str) -> str:
        return strip(text)


class PrivateNotesExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's API)
        # after raw HTML is put back (30) and entities are restored (20, 10)
        md.postprocessors.register(StripPrivateNotes(md), "upr_private_notes", 5)


def makeExtension(**kwargs) -> PrivateNotesExtension:  # noqa: N802
    return PrivateNotesExtension(**kwargs)
