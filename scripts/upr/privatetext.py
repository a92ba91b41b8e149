"""How a private value is recognised in any text, however it was written (issue 13).

A value can reach a reader in many forms: ``Awa K.``, ``Awa&nbsp;K.``, ``Awa <b>K.</b>``,
``Awa%20K.``, ``Aw\\u00e1 K.`` in JSON, ``awa-k`` in a page address or a file name,
``AWA K.`` in a heading. :func:`normalize` turns text of every kind (HTML, XML of
Word and Excel files, JSON, CSV, ICS, URLs, file names) into one plain form, and
:class:`Matcher` looks for values in that form:

1. JSON escapes (``\\u00e9``, ``\\/``) and URL escapes (``%C3%A9``) are decoded;
2. tags become spaces (``Awa <b>K.</b>`` is ``Awa K.``); the *values* of their
   attributes (``alt``, ``title``, ``href``, ``id`` …) are kept and searched too, since a
   value can leak there; comments are kept (what a comment says is in the page source);
3. character references (``&nbsp;``, ``&#233;``, ``&eacute;``, twice for ``&amp;eacute;``)
   are decoded; soft hyphens and zero-width characters are removed;
4. letters are compared without accents and case (NFKD, combining marks removed,
   ``casefold``), and only letters and digits count: every other character separates
   words (``d'Abidjan`` is the words ``d abidjan``). Each Chinese, Japanese or Thai
   character is a word of its own (those scripts do not put spaces between words).

The rule for a match (also written in SECURITY.md):

* a value is found only as **whole words**: ``AIDH`` is found in ``AIDH``, ``aidh-report.pdf``
  and ``L'AIDH``, never inside another word (``SAIDH``, ``aidhx``);
* a value of at least :data:`JOINED_MIN` letters and digits is found as well when its
  words are run together (``collectifdesdefenseures``, ``dabidjan``, ``+22507000000``) or
  when markup splits a word (``Abid<b>jan</b>``); a shorter value split inside a word by
  markup (``AI<b>DH</b>``) is not found;
* a value with fewer than :data:`MIN_CHARS` letters and digits cannot be told apart from
  ordinary text: it is not searched, and ``upr check`` refuses it (:mod:`upr.privacy`).
"""
from __future__ import annotations

import html
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass
from typing import Generic, Iterable, Mapping, TypeVar

MIN_CHARS = 3      # fewer letters/digits: indistinguishable from ordinary text
JOINED_MIN = 8     # from this length a value is also found with its words run together

# A tag (not a comment: what a comment says is published in the page source and is searched).
_TAG = re.compile(r"<[A-Za-z/?][^<>]*>")
# Attribute values of three characters or more (shorter ones cannot hold a searchable value).
_ATTR_VALUE = re.compile(r"""=\s*(?:"([^"<>]{3,})"|'([^'<>]{3,})')""")
_JSON_U = re.compile(r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})")
_JSON_SIMPLE = re.compile(r"\\[nrtbf]")
_JSON_LITERAL = re.compile(r"\\([\"\\/])")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}(?:%[0-9A-Fa-f]{2})*")
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f"
                        "\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]")
_MARKS = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0670"
                    "\u06d6-\u06ed\u0900-\u0903\u093a-\u094f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
                    "\u302a-\u302f\u3099\u309a\ufe20-\ufe2f]")
# Scripts written without spaces between words: each character is a word.
_SINGLE = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SINGLE_CHAR = re.compile(rf"[{_SINGLE}]")
_NON_WORD = re.compile(r"[\W_]+")
_SCHEME = re.compile(r"^(?:https?|ftp) (?:www )?")


def _json_unescape(text: str) -> str:
    def one(m: re.Match) -> str:
        if m.group(3):
            return chr(int(m.group(3), 16))
        high, low = int(m.group(1), 16), int(m.group(2), 16)
        return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    text = _JSON_U.sub(one, text)
    text = _JSON_SIMPLE.sub(" ", text)
    return _JSON_LITERAL.sub(r"\1", text)


def _strip_tags(text: str, attributes: bool = True) -> str:
    """Tags replaced by a space; the values of their attributes kept, after the text."""
    attrs = _ATTR_VALUE.findall(text) if attributes else []
    text = _TAG.sub(" ", text)
    if attrs:
        text += "\n" + "\n".join(a or b for a, b in attrs)
    return text


def normalize(text: str, attributes: bool = True) -> str:
    """``text`` as its words (letters and digits, no accents, case-folded) separated
    by single spaces; see the module docstring for the steps. Without ``attributes``
    the values of attributes are dropped with their tags (the XML parts of Word and
    Excel files hold their text in elements; their attributes are structure)."""
    if "\\" in text:
        text = _json_unescape(text)
    if "%" in text and _PERCENT.search(text):
        text = _PERCENT.sub(lambda m: urllib.parse.unquote(m.group(0), errors="replace"), text)
    if "<" in text:
        text = _strip_tags(text, attributes)
    if "&" in text:
        text = html.unescape(text)
        if "&" in text:  # double-escaped (&amp;eacute;)
            text = html.unescape(text)
    if text.isascii():
        text = text.lower()
    else:
        text = _INVISIBLE.sub("", text)
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()
        if _SINGLE_CHAR.search(text):
            text = _SINGLE_CHAR.sub(r" \g<0> ", text)
    return _NON_WORD.sub(" ", text).strip()


def weight(norm: str) -> int:
    """How many letters and digits a normalised value has (a Chinese character counts two)."""
    letters = norm.replace(" ", "")
    return len(letters) + len(_SINGLE_CHAR.findall(letters))


def normalize_value(value: str) -> str:
    """:func:`normalize` for a value to look for; a web address is looked for without
    its ``https://`` and ``www.`` (``http://`` would be the same address)."""
    norm = normalize(value)
    if re.match(r"^\s*(?:https?|ftp)://", value, re.I):
        norm = _SCHEME.sub("", norm)
    return norm


def searchable(value: str) -> bool:
    """True when ``value`` is long enough to be told apart from ordinary text."""
    return weight(normalize_value(value)) >= MIN_CHARS


T = TypeVar("T")


@dataclass(frozen=True)
class _Entry(Generic[T]):
    norm: str
    joined: str
    tokens: tuple[str, ...]
    tag: T


class Matcher(Generic[T]):
    """Looks for many values at once in normalised text. ``values`` maps each value to
    a tag returned when it is found (its source, for messages). Values that are not
    :func:`searchable` are left out (see :attr:`too_short`)."""

    def __init__(self, values: Mapping[str, T]):
        self.entries: list[_Entry[T]] = []
        self.too_short: list[str] = []
        seen: set[str] = set()
        for value, tag in values.items():
            norm = normalize_value(value)
            if weight(norm) < MIN_CHARS:
                self.too_short.append(value)
                continue
            if norm in seen:
                continue
            seen.add(norm)
            joined = norm.replace(" ", "")
            self.entries.append(_Entry(norm, joined if len(joined) >= JOINED_MIN else "",
                                       tuple(sorted(set(norm.split(" ")), key=len, reverse=True)), tag))

    def __len__(self) -> int:
        return len(self.entries)

    def find_normalized(self, norm: str) -> list[T]:
        """Tags of the values found in already normalised text."""
        if not self.entries or not norm:
            return []
        # Many values: a set of the text's words rules most of them out at once; a few: a
        # direct search of each is cheaper than building the set.
        words = set(norm.split(" ")) if len(self.entries) > 24 else None
        spaced = f" {norm} "
        joined = None
        found = []
        for entry in self.entries:
            if (words is None or all(w in words for w in entry.tokens)) and f" {entry.norm} " in spaced:
                found.append(entry.tag)
            elif entry.joined:
                if joined is None:
                    joined = norm.replace(" ", "")
                if entry.joined in joined:
                    found.append(entry.tag)
        return found

    def find(self, text: str, attributes: bool = True) -> list[T]:
        """Tags of the values found in ``text`` (any encoding, see :func:`normalize`)."""
        return self.find_normalized(normalize(text, attributes))


def find_any(text: str, values: Iterable[str]) -> bool:
    """True when one of ``values`` is in ``text`` (a convenience for single checks)."""
    return bool(Matcher({v: v for v in values}).find(text))
