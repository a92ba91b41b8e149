"""Python-Markdown extension: accessible tables (issue 9).

Markdown tables have no syntax for a caption or header scopes, and every generated
page of the site is made of them. After inline parsing, each ``<table>`` gets

* ``scope="col"`` on the cells of its header row, so screen readers announce the
  column with each cell;
* a ``<caption>`` naming the table, taken from the nearest heading above it (hidden
  on screen with the ``upr-sr-only`` class of ``docs/stylesheets/accessibility.css``:
  the heading already says it visually). A table that already has a caption, or
  with no heading above it, is left without a new one.

Enabled in ``mkdocs.yml`` as ``upr.a11y_tables``. Tables written as raw HTML (the
follow-up tables) carry their own caption and scopes.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

_HEADING = re.compile(r"^h[1-6]$")
_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")  # Python-Markdown's stash markers (raw HTML)


def _text(element: etree.Element) -> str:
    text = "".join(element.itertext())
    return " ".join(_PLACEHOLDER.sub("", text).replace("¶", "").split())


class TableCaptions(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self._walk(root, "")

    def _walk(self, parent: etree.Element, heading: str) -> str:
        for child in parent:
            if _HEADING.match(child.tag):
                heading = _text(child)
            elif child.tag == "table":
                self._fix(child, heading)
            elif len(child):
                heading = self._walk(child, heading)  # a heading inside a div names the next table
        return heading

    @staticmethod
    def _fix(table: etree.Element, heading: str) -> None:
        for th in table.iter("th"):
            th.set("scope", "col")
        if heading and table.find("caption") is None:
            caption = etree.Element("caption", {"class": "upr-sr-only"})
            caption.text = heading
            table.insert(0, caption)


class A11yTablesExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's API)
        # after "inline" (20), so headings hold their final text
        md.treeprocessors.register(TableCaptions(md), "upr_a11y_tables", 8)


def makeExtension(**kwargs) -> A11yTablesExtension:  # noqa: N802
    return A11yTablesExtension(**kwargs)
