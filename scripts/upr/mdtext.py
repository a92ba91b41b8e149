"""Untrusted text (names, titles, commit subjects from content files) placed in
generated Markdown: one escaper for every page generator."""
from __future__ import annotations

import html
import re

# Markdown syntax that could make a name into emphasis, a link, a table cell break,
# a heading, an image or an attr_list ({ onclick=… }). "<" and ">" are already
# entities after html.escape.
_SPECIAL = re.compile(r"([\\`*_\[\]!|#{}])")


def md_inline(text) -> str:
    """One line of plain text, safe in Markdown and in the HTML it renders to:
    whitespace collapsed, HTML escaped, Markdown specials backslashed.
    ``md_inline("A*b* | <i>") == "A\\\\*b\\\\* \\\\| &lt;i&gt;"``."""
    return _SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))
