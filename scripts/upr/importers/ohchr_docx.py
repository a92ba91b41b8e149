"""Import an OHCHR thematic list of recommendations ("matrix", ``.docx``).

Layout (read with python-docx; SOURCES.md §3): one table of 4 columns; rows that
start ``Theme:`` are section headers; every other row is one recommendation
paragraph of the Working Group report.

* cycles 2 and 3 header: ``Recommendation | Position | Full list of themes |
  Assessment/comments on level of implementation`` (4th column empty);
* cycle 4 header: ``Recommendation and recommending State | Position of the State
  under review | Human rights themes and groups of persons | Relevant SDGs``.

Cell 1 is ``<paragraph> <text> (<State>) (<State>);`` (cycle 2 writes ``(Portugal,
Slovakia)``), then ``Source of position: A/HRC/28/15/Add.1 - Para. 3``. OHCHR
sometimes merges several texts under one paragraph, each with its own recommending
States (``121.2 Complete … (Ukraine); Increase efforts … (Slovakia);``): the stored
text then keeps each part's States in brackets so that nothing is lost, and
``recommending_states`` lists them all in order. Cell 3 holds the themes (bullets,
or coded ``A12 …`` in cycle 2), then ``Affected persons:`` / ``Groups of Persons:``
and, in cycle 3, ``SDGs:``; in cycle 4 cell 4 lists the SDGs (``- 16 - PEACE …``).
SDGs are stored by number (``16``).

The State under Review and the session come from the file name
(``UPR34_Slovenia_…``), or from ``--state``/``--session``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import recommendations as rmod
from ..names import RS, SUR, NameIndex
from ..problems import Problem

FAMILY = "OHCHR"
DATASET = "OHCHR thematic list"

HEADERS = {
    ("recommendation", "position", "full list of themes", "assessment/comments on level of implementation"): "cycle 2/3",
    ("recommendation and recommending state", "position of the state under review",
     "human rights themes and groups of persons", "relevant sdgs"): "cycle 4",
}
POSITIONS = {"supported": "supported", "noted": "noted", "supported in part": "supported in part",
             "partially supported": "supported in part", "pending": "pending"}

_PARA = re.compile(r"^\s*(\d+\.\d+)\s+")
_SOURCE = re.compile(r"Source of position:\s*(.*)$", re.IGNORECASE | re.MULTILINE)
_SYMBOL = re.compile(r"A/HRC/[^\s,;]+")
_PERSONS = re.compile(r"^(affected persons|groups of persons)\s*:", re.IGNORECASE)
_SDGS = re.compile(r"^sdgs\s*:", re.IGNORECASE)
_SDG_ITEM = re.compile(r"^-?\s*(\d{1,2})\s*-")


@dataclass
class Item:
    line: int          # table row number (1 = header), shown as the "line" in messages
    paragraph: str
    parts: list[tuple[str, list[str]]]   # (text, [bracket contents at its end])
    position: str
    symbol: str
    themes: list[str]
    persons: list[str]
    sdgs: list[str]


def _trailing_groups(segment: str) -> tuple[str, list[str]]:
    """Split ``"Ratify X (ICRMW) (France) (Bolivia (Plurinational State of))"`` into
    the text before the brackets and the bracket contents at its end, left to right
    (balanced brackets). Which of them are recommending States is decided with the
    name index (:func:`_assign_states`): ``(ICRMW)``, ``(No. 189)`` are not."""
    s = segment.rstrip().rstrip(";.").rstrip()
    groups: list[str] = []
    while s.endswith(")"):
        depth, i = 0, len(s) - 1
        while i >= 0:
            if s[i] == ")":
                depth += 1
            elif s[i] == "(":
                depth -= 1
                if depth == 0:
                    break
            i -= 1
        if i < 0:
            break
        groups.insert(0, s[i + 1:-1].strip())
        s = s[:i].rstrip()
    return s, groups


def _assign_states(text: str, groups: list[str], index: NameIndex, display: str, line: int
                   ) -> tuple[str, list[str], list[str], list[Problem]]:
    """Take bracket groups from the right while every name in them is a State; the
    rest goes back into the text. The last group must be States (else: unknown
    State, naming the row). Returns ``(text, ISO3 codes, State groups as written, problems)``."""
    codes: list[str] = []
    k = len(groups)
    while k > 0:
        names = _split_names(groups[k - 1])
        resolved = [index.resolve(n) for n in names]
        if not all(resolved):
            break
        codes[:0] = resolved
        k -= 1
    problems: list[Problem] = []
    if k == len(groups):
        if not groups:
            problems.append(Problem(display, line, f"table row {line}: no recommending State in brackets",
                                    "end each text with its recommending State, e.g. (France);"))
        else:
            for n in _split_names(groups[-1]):
                _, p = index.resolve_or_problem(n, display, line, RS)
                if p:
                    problems.append(p)
    text = " ".join([text] + [f"({g})" for g in groups[:k]])
    return text, codes, groups[k:], problems


def _split_names(inner: str) -> list[str]:
    """``"Portugal, Slovakia"`` -> two names; commas inside brackets stay."""
    out, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def parse_recommendation_cell(text: str) -> tuple[str, list[tuple[str, list[str]]], str]:
    """``(paragraph, parts, symbol)`` from cell 1 (see module docstring)."""
    source = _SOURCE.search(text)
    symbol = ""
    if source:
        m = _SYMBOL.search(source.group(1))
        symbol = m.group() if m else ""
        text = text[:source.start()]
    text = rmod.clean_text(text)
    para = _PARA.match(text)
    paragraph = para.group(1) if para else ""
    body = text[para.end():] if para else text
    parts: list[tuple[str, list[str]]] = []
    # a part ends with its bracketed States and ';'
    for seg in re.split(r"(?<=\))\s*[;.]\s*", body):
        if not seg.strip(" ;"):
            continue
        t, names = _trailing_groups(seg)
        parts.append((t, names))
    return paragraph, parts, symbol


def _bullets(lines: list[str]) -> list[str]:
    return [rmod.list_item(re.sub(r"^-\s*", "", ln)) for ln in lines if ln.strip() and ln.strip() != "-"]


def parse_themes_cell(text: str) -> tuple[list[str], list[str], list[str]]:
    """``(themes, persons, sdgs)`` from cell 3."""
    section = "themes"
    buckets: dict[str, list[str]] = {"themes": [], "persons": [], "sdgs": []}
    for raw in text.splitlines():
        ln = raw.strip()
        if _PERSONS.match(ln):
            section = "persons"
            ln = _PERSONS.sub("", ln).strip()
        elif _SDGS.match(ln):
            section = "sdgs"
            ln = _SDGS.sub("", ln).strip()
        if ln:
            buckets[section].append(ln)
    sdgs = [m.group(1) for m in (_SDG_ITEM.match(s) for s in buckets["sdgs"]) if m]
    return _bullets(buckets["themes"]), _bullets(buckets["persons"]), sdgs


def read_list(path: Path, display: str) -> tuple[list[Item], list[Problem]]:
    """Read the thematic list's table into items; every bad row is a problem
    ``display:row N`` (the line number is the table row, header = 1)."""
    import docx  # python-docx; imported here so that `upr check` does not pay for it

    problems: list[Problem] = []
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for a non-docx file
        return [], [Problem(display, 0, f"not a Word .docx file ({exc.__class__.__name__})",
                            "give the OHCHR thematic list as downloaded (.docx)")]
    if not document.tables:
        return [], [Problem(display, 0, "the document has no table", "give the OHCHR thematic list (.docx)")]
    table = document.tables[0]
    header = tuple(" ".join(c.text.split()).casefold() for c in table.rows[0].cells)
    variant = HEADERS.get(header)
    if variant is None:
        return [], [Problem(display, 1, f"unknown table header: {' | '.join(c.text.strip() for c in table.rows[0].cells)}",
                            "expected the OHCHR thematic list header 'Recommendation | Position | …'")]
    items: list[Item] = []
    for n, row in enumerate(table.rows[1:], start=2):
        cells = [c.text for c in row.cells]
        if cells[0].strip().startswith("Theme:"):
            continue
        where = f"table row {n}"
        paragraph, parts, symbol = parse_recommendation_cell(cells[0])
        bad = len(problems)
        if not paragraph:
            problems.append(Problem(display, n, f"{where}: no paragraph number at the start",
                                    "the cell must start with the report paragraph, e.g. 140.7"))
        if not parts:
            problems.append(Problem(display, n, f"{where}: no recommendation text",
                                    "the cell must hold the paragraph, the text and (recommending State);"))
        position = POSITIONS.get(" ".join(cells[1].split()).casefold())
        if position is None:
            problems.append(Problem(display, n, f"{where}: position '{cells[1].strip()}' is unknown",
                                    "write Supported or Noted"))
        if len(problems) > bad:
            continue
        themes, persons, sdgs = parse_themes_cell(cells[2])
        if variant == "cycle 4":
            sdgs = [m.group(1) for m in (_SDG_ITEM.match(s.strip()) for s in cells[3].splitlines()) if m]
        items.append(Item(n, paragraph, parts, position, symbol, themes, persons, sdgs))
    seen: dict[str, int] = {}
    for item in items:
        if item.paragraph in seen:
            problems.append(Problem(display, item.line, f"paragraph {item.paragraph} is listed twice "
                                    f"(also table row {seen[item.paragraph]})", "remove one of the rows"))
        seen.setdefault(item.paragraph, item.line)
    return items, problems


def guess_review(path: Path) -> tuple[list[str], int | None]:
    """``(["Slovenia", "Thematic", …], 34)`` from ``UPR34_Slovenia_Thematic_list…``:
    the session and the words after it (the State's name is the longest run of
    leading words that is a State, see :func:`to_recommendations`)."""
    m = re.search(r"upr[\s_-]*(\d+)[\W_]+(.*)$", path.stem, re.IGNORECASE)
    if not m:
        return [], None
    return [w for w in re.split(r"[\W_]+", m.group(2)) if w], int(m.group(1))


def to_recommendations(path: Path, display: str, items: list[Item], index: NameIndex,
                       state: str | None = None, session: int | None = None
                       ) -> tuple[list[rmod.Recommendation], tuple[str, int] | None, list[Problem]]:
    """Resolve names and build the recommendations of one list.
    Returns ``(recommendations, (ISO3, session) or None, problems)``."""
    problems: list[Problem] = []
    words, guessed_session = guess_review(path)
    name = state
    if not name:
        for k in range(min(len(words), 6), 0, -1):
            if index.resolve(" ".join(words[:k])):
                name = " ".join(words[:k])
                break
    session = session or guessed_session
    if not name or not session:
        return [], None, [Problem(display, 0, "cannot tell the State under Review and session from the file name",
                                  "give them: upr import recommendations FILE.docx --state Slovenia --session 34")]
    sur, p = index.resolve_or_problem(name, display, 0, SUR)
    if p:
        return [], None, [p]
    recs: list[rmod.Recommendation] = []
    for item in items:
        codes: list[str] = []
        texts: list[tuple[str, list[str]]] = []
        bad = len(problems)
        for text, groups in item.parts:
            text, part_codes, written, part_problems = _assign_states(text, groups, index, display, item.line)
            problems.extend(part_problems)
            texts.append((text, written))
            codes.extend(c for c in part_codes if c not in codes)
        if len(problems) > bad:
            continue
        if len(texts) == 1:
            text = texts[0][0]
        else:  # merged texts keep their own recommending States, as written, in brackets
            text = "; ".join(t + "".join(f" ({g})" for g in written) for t, written in texts)
        recs.append(rmod.Recommendation(
            rmod.make_id(sur, session, item.paragraph), sur, rmod.cycle_of(session), session,
            item.paragraph, rmod.clean_text(text), codes, item.position, None, item.themes,
            item.persons, item.sdgs, DATASET, item.symbol, f"{rmod.rows_file(path.name)}:{item.line}"))
    return recs, (sur, session), problems
