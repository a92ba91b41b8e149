"""Readable, stable slugs: file names, page addresses and heading anchors (issue 14).

Two rules, used by every script that makes a name from text:

* :func:`file_slug` (file names, folder names, theme addresses): ASCII only, lower case,
  hyphens. Letters are *transliterated* with anyascii, never dropped:
  ``Türkiye guide`` -> ``turkiye-guide``, ``Định`` -> ``dinh``, ``Straße`` -> ``strasse``
  (dropping non-ASCII letters gave ``t-rkiye-guide``).
* :func:`toc_slug` (heading anchors, set as ``toc.slugify`` in mkdocs.yml): Latin letters
  are transliterated the same way (``Définir les priorités`` -> ``definir-les-priorites``,
  as before for French and Spanish), but Arabic, Cyrillic, Chinese and other scripts keep
  their own letters (``Права человека`` -> ``права-человека``), where the default slugify
  dropped them all and numbered the anchors ``_1``, ``_2``, ``_3``.

Both are pure functions of the text, so an anchor stays the same from one build to the next.
"""
from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

_APOSTROPHES = re.compile(r"['’`ʼ]")


def file_slug(text: str, default: str = "") -> str:
    """``text`` as lower-case ASCII letters and digits joined by hyphens (``default`` if empty).
    Apostrophes are dropped inside words (``Women's rights`` -> ``womens-rights``)."""
    ascii_ = anyascii(unicodedata.normalize("NFC", text or "")).lower()
    ascii_ = _APOSTROPHES.sub("", ascii_)
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-") or default


def _keeps_own_letters(ch: str) -> bool:
    """A letter or mark of a non-Latin script (Arabic, Cyrillic, Han, Greek …)."""
    if unicodedata.category(ch)[0] not in "LM":
        return False
    name = unicodedata.name(ch, "")
    return not name.startswith(("LATIN", "COMBINING", "MODIFIER"))


def toc_slug(value: str, separator: str = "-") -> str:
    """Anchor of a heading (Python-Markdown's ``toc`` extension calls ``slugify(value, separator)``)."""
    text = unicodedata.normalize("NFC", value)
    out = []
    for ch in text:
        if ord(ch) < 128 or _keeps_own_letters(ch):
            out.append(ch)
        else:
            out.append(anyascii(ch))
    text = _APOSTROPHES.sub("", "".join(out)).lower()
    kept = "".join(ch if (ch.isalnum() or ch in "-_ " or unicodedata.category(ch)[0] == "M")
                   else " " if ch.isspace() else "" for ch in text)
    return re.sub(r"[-\s]+", separator, kept).strip(separator)
