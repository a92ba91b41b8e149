"""Characters that are not text: refused in content, never written into an output.

Text copied out of Word, a PDF or a chat application can carry invisible characters
that break the files the platform writes (issue 13, class 5):

* a carriage return (``\\r``) ends a line of an ICS feed: a group title
  ``"Togo\\rX-…"`` wrote a property of its own into the calendar;
* Word and Excel files are XML, which has no vertical tab, form feed, NUL or other
  C0 control: python-docx and openpyxl raise an exception on them (the build stopped);
* U+2028/U+2029 (line and paragraph separators) and NEL (U+0085) are line breaks to
  YAML, JavaScript and some readers but not to others, so lines are numbered
  differently by different tools;
* the bidirectional *overrides* U+202D and U+202E make text display in another order
  than it is stored ("Trojan Source"): a file name or a link can be made to look like
  another. The embeddings, isolates and marks that right-to-left writing uses
  (U+202A-U+202C, U+2066-U+2069, U+200E, U+200F) are allowed: refusing them would
  refuse ordinary Arabic text pasted from Word;
* a lone surrogate (``"\\ud800"`` in YAML) or U+FFFE/U+FFFF cannot be written as UTF-8
  or XML at all.

:data:`FORBIDDEN` is that set (tab and line feed are text). ``upr check`` refuses
each one with ``file:line:column`` and the character's name (:func:`problems_in`,
called by :mod:`upr.yamlio` on everything it reads, and by :mod:`upr.limits` on every
content file, CSV tables and hand-written pages included). Whatever reaches a writer
anyway (``upr build --force``) is cleaned where it is written: :func:`clean` for
multi-line text (Word, Excel, ICS descriptions) and :func:`one_line` for names and
titles (ICS ``SUMMARY``, ``X-WR-CALNAME``).
"""
from __future__ import annotations

import re

from .problems import Problem

#: Line breaks other than LF: written as LF by :func:`clean`, as a space by :func:`one_line`.
LINE_BREAKS = "\r\x0b\x0c\x85\u2028\u2029"
_C0 = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n")
_C1 = "".join(chr(c) for c in range(0x7F, 0xA0))
OVERRIDES = "\u202d\u202e"
NONCHARACTERS = "\ufffe\uffff"
#: Every refused character but the surrogates (which only a YAML escape can produce).
FORBIDDEN = _C0 + _C1 + "\u2028\u2029" + OVERRIDES + NONCHARACTERS
_C0_DEL = _C0 + "\x7f"
_FORBIDDEN_RE = re.compile("[" + re.escape(FORBIDDEN) + "\ud800-\udfff]")
_LINE_BREAK_RE = re.compile("\r\n|[" + re.escape(LINE_BREAKS) + "]")

_NAMES = {
    "\x00": "a NUL character", "\n": "a line feed", "\t": "a tab", "\x07": "a bell character", "\x08": "a backspace",
    "\x0b": "a vertical tab", "\x0c": "a form feed", "\r": "a carriage return",
    "\x1b": "an escape character", "\x7f": "a delete character", "\x85": "a next-line character (NEL)",
    "\u2028": "a line separator", "\u2029": "a paragraph separator",
    "\u202d": "a left-to-right override", "\u202e": "a right-to-left override",
    "\ufffe": "a non-character", "\uffff": "a non-character",
}
MAX_PER_FILE = 10  # more lines than this: one summary problem (no wall of messages)


def name(ch: str) -> str:
    """``'a vertical tab (U+000B)'``: what people can search for in their editor."""
    code = f"U+{ord(ch):04X}"
    if ch in _NAMES:
        return f"{_NAMES[ch]} ({code})"
    if "\ud800" <= ch <= "\udfff":
        return f"a lone surrogate ({code})"
    if ch in _C0 or ch in _C1:
        return f"a control character ({code})"
    return code


def fix(ch: str, escape: bool = False) -> str:
    """What to do instead; ``escape``: the character was written as an escape (``"\\r"``)
    in a quoted YAML value."""
    if escape:
        return ("delete the escape (\\r, \\v, \\f, \\x…, \\u…) from the quoted value; for a text on "
                "several lines write  key: |  and the lines below it, indented")
    if ch in LINE_BREAKS:
        return ("delete it and press Enter for a new line (it is invisible: it usually comes from "
                "copying text out of Word or a PDF)")
    if ch in OVERRIDES:
        return "delete it: it makes the text display in another order than it is written"
    if "\ud800" <= ch <= "\udfff" or ch in NONCHARACTERS:
        return "delete the \\u… escape: it is not a character"
    return "delete it (it is invisible: it usually comes from copying text out of Word or a PDF)"


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def has_forbidden(text: str) -> bool:
    """Fast test. On long texts ``in`` per character is ten times faster than a regular
    expression (0.09 s for the 18 MB of states/recommendations/); on short ones (a
    spreadsheet cell) one regular expression search is faster than sixty ``in``."""
    if len(text) < 2000:
        return _FORBIDDEN_RE.search(text) is not None
    if text.isascii():
        return any(ch in text for ch in _C0_DEL)
    return any(ch in text for ch in FORBIDDEN) or _has_surrogate(text)


def problems_in(text: str, path: str, first_line: int = 1, where: str = "") -> list[Problem]:
    """One problem per line of ``text`` (file line ``first_line`` onwards) that holds a
    forbidden character, naming the first one and its column; at most
    :data:`MAX_PER_FILE`, then one problem that counts the rest. Linear in the text."""
    if not has_forbidden(text):
        return []
    problems: list[Problem] = []
    lines_seen = 0
    line, pos, last = 0, 0, -1
    for m in _FORBIDDEN_RE.finditer(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        if line == last:
            continue
        last = line
        lines_seen += 1
        if lines_seen <= MAX_PER_FILE:
            ch = m.group(0)
            col = m.start() - text.rfind("\n", 0, m.start())
            problems.append(Problem(path, first_line + line, f"{name(ch)} is not allowed{where}", fix(ch),
                                    col=col))
    if lines_seen > MAX_PER_FILE:
        problems.append(Problem(path, problems[-1].line,
                                f"{lines_seen - MAX_PER_FILE} more line(s) after this one hold characters "
                                "that are not text", "search the file for them and delete them"))
    return problems


def first_forbidden(text: str) -> str:
    """The first forbidden character of ``text`` (which :func:`has_forbidden`)."""
    return _FORBIDDEN_RE.search(text).group(0)


def blank(text: str) -> str:
    """``text`` with every forbidden character replaced by a space: same length and line
    breaks, so the lines and columns that parsers report stay those of the file."""
    return _FORBIDDEN_RE.sub(" ", text) if has_forbidden(text) else text


def clean(text: str) -> str:
    """Text safe in any output: line breaks of any kind become LF, other forbidden
    characters are dropped (lone surrogates become U+FFFD). Tab and LF stay."""
    if not has_forbidden(text):
        return text
    text = _LINE_BREAK_RE.sub("\n", text)
    return _FORBIDDEN_RE.sub(lambda m: "\ufffd" if "\ud800" <= m.group(0) <= "\udfff" else "", text)


def one_line(text: str) -> str:
    """:func:`clean`, then every run of white space (line breaks included) as one space,
    no space at either end: for names and titles (a folded YAML title ends in a line break)."""
    return " ".join(clean(text).split())
