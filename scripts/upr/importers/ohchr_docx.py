"""Import an OHCHR thematic list of recommendations ("matrix", ``.docx``).

The list is one Word table. Its first row names the columns; they are recognised by
their header text (:data:`COLUMN_NAMES`), so every layout OHCHR used in cycles 2, 3
and 4 reads the same way:

* cycles 2 and 3: ``Recommendation | Position | Full list of themes |
  Assessment/comments on level of implementation`` (the 4th column is left empty
  for NGOs and States to fill in; it is not imported);
* cycle 4: ``Recommendation and recommending State | Position of the State under
  review | Human rights themes and groups of persons | Relevant SDGs``;
* response annexes and NGO matrices: ``Recommendation | Recommending State |
  Position`` (case 35), the States in a column of their own.

The table is walked cell by cell as Word stores it (``<w:tc>`` elements, their
``gridSpan`` and ``vMerge``), never through python-docx's ``row.cells``, which
repeats a merged cell once per grid column (case 35):

* a row whose one cell spans the whole width is a heading (``Theme: A12
  Acceptance of international norms``, ``Right or area: …``), not a recommendation;
  its theme is the theme of the rows below it whose themes cell is empty;
* a vertically merged cell (``vMerge``) applies to every row it covers (one
  ``Supported`` for a block of recommendations);
* any other merged cell inside a recommendation row is an error naming the row and
  the columns, because it cannot be mapped to one column.

Cell 1 is ``<paragraph> <text> (<State>) (<State>);`` (the paragraph may end with a
dot, ``186.28.``; cycle 2 writes ``(Portugal, Slovakia)``), then ``Source of
position: A/HRC/28/15/Add.1 - Para. 3`` (also ``Para.3``, ``Para 121``, ``, para. 9
- Para. 9``, or no paragraph at all; only the document symbol is kept). OHCHR
sometimes merges several texts under one paragraph, each with its own recommending
States (``121.2 Complete … (Ukraine); Increase efforts … (Slovakia);``): the stored
text then keeps each part's States in brackets so that nothing is lost, and
``recommending_states`` lists them all in order. The themes cell holds themes
(bullets, or coded ``A12 …`` in cycle 2), then ``Affected persons:`` / ``Groups of
Persons:`` and, in cycle 3, ``SDGs:``; in cycle 4 the last column lists the SDGs
(``- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS``). An SDG is recognised by its
number and official title wherever it is written, so a goal never becomes a theme;
SDGs are stored by number (``16``).

A list that repeats one recommendation under several themes gives one record (its
themes merged); the same paragraph with a different text or position is an error.

The State under Review and the session come from the file name
(``UPR34_Slovenia_…``, ``upr48-slovenia-…``, ``UPR44_NOR_…``), or from
``--state``/``--session``. Every problem reads ``file: table 1, row N: what is wrong
— what to do``; a State name the platform does not know is not the list's fault, and
its message says which alias to add to which ``states/<iso3>.md``.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .. import archives
from .. import recommendations as rmod
from ..names import SUR, NameIndex, clean, name_key, strip_article
from ..problems import WARNING, Problem

FAMILY = "OHCHR"
DATASET = "OHCHR thematic list"

#: Header texts (casefolded, white space collapsed) -> the role of the column.
COLUMN_NAMES: dict[str, str] = {
    "recommendation": "recommendation",
    "recommendations": "recommendation",
    "recommendation and recommending state": "recommendation",
    "recommendation and recommending states": "recommendation",
    "recommending state": "states",
    "recommending states": "states",
    "recommending state(s)": "states",
    "recommending state/s": "states",
    "position": "position",
    "position of the state under review": "position",
    "full list of themes": "themes",
    "human rights themes and groups of persons": "themes",
    "themes": "themes",
    "relevant sdgs": "sdgs",
    "sdgs": "sdgs",
    "assessment/comments on level of implementation": "assessment",
}
POSITIONS = {"supported": "supported", "noted": "noted", "supported in part": "supported in part",
             "partially supported": "supported in part", "supported/noted": "supported in part",
             "pending": "pending", "under consideration": "pending"}

#: The 17 Sustainable Development Goals as OHCHR writes them (``- 16 - PEACE, …``).
SDG_TITLES: dict[int, str] = {
    1: "no poverty", 2: "zero hunger", 3: "good health and well-being", 4: "quality education",
    5: "gender equality", 6: "clean water and sanitation", 7: "affordable and clean energy",
    8: "decent work and economic growth", 9: "industry, innovation and infrastructure",
    10: "reduced inequalities", 11: "sustainable cities and communities",
    12: "responsible consumption and production", 13: "climate action", 14: "life below water",
    15: "life on land", 16: "peace, justice and strong institutions", 17: "partnerships for the goals",
}

# the page header of OHCHR's lists: "UPR of Slovenia (4th Cycle - 48th Session)"
_REVIEW = re.compile(r"\bUPR\s+of\s+(?P<state>[^()]+?(?:\([^()]*\)[^()]*?)?)\s*\(\s*\d+\s*(?:st|nd|rd|th)?\s+"
                     r"cycle\s*[-–—,]\s*(?P<session>\d+)\s*(?:st|nd|rd|th)?\s+session\s*\)", re.IGNORECASE)
_HEADING = re.compile(r"^\s*(theme|right or area)\s*:\s*", re.IGNORECASE)
# "140.7 Ratify", "186.28. Ratify", "115.10\tRatify": the paragraph, then an optional dot
_PARA = re.compile(r"^\s*(\d+(?:\.\d+)+)(?:\.(?!\d))?(?=\s|$)\s*")
_SOURCE = re.compile(r"source\s+of\s+position\b\s*:?", re.IGNORECASE)
_SYMBOL = re.compile(r"A/HRC/\d+/\d+(?:/(?:Add|Corr|Rev)\.\s?\d+)*", re.IGNORECASE)
_BARE_SOURCE = re.compile(r"^\s*A/HRC/\d+/\d+\S*(\s*[-–,]\s*paras?\b.*)?$", re.IGNORECASE)
_PERSONS = re.compile(r"^(affected persons(?:\s*/\s*groups)?|groups of persons|persons affected)\s*:",
                      re.IGNORECASE)
_SDGS = re.compile(r"^(relevant\s+)?(sdgs?|sustainable development goals)\s*:", re.IGNORECASE)
_THEMES = re.compile(r"^(themes?|full list of themes)\s*:", re.IGNORECASE)
_SDG_LINE = re.compile(r"^(?:sdg|goal)?\s*(\d{1,2})\b\s*(?:[-–—:.]\s*(.*))?$", re.IGNORECASE)
_BULLET = re.compile(r"^[-–•·▪●◦*]\s*")
_SPACES = re.compile(r"[\u00a0\u2007\u202f\u200b\ufeff]")


@dataclass
class Item:
    """One recommendation row of a list (or several rows repeating it)."""
    line: int          # table row number (1 = header row), the first row it was read from
    paragraph: str
    parts: list[tuple[str, list[str]]]   # (text, [bracket contents at its end])
    position: str
    symbol: str
    themes: list[str]
    persons: list[str]
    sdgs: list[str]
    states_cell: str | None = None       # the "Recommending State" column, when the list has one
    rows: list[int] = field(default_factory=list)
    table: int = 1


@dataclass(frozen=True)
class _Slot:
    """One real ``<w:tc>`` of a row: its text and the grid columns it covers."""
    text: str
    first: int         # first grid column, 0-based
    span: int
    vmerge: str | None  # None, "restart" or "continue"


def where(item: Item) -> str:
    """``table 1, row 12``: where a recommendation is in the document, as Word counts."""
    return f"table {item.table}, row {item.line}"


def _text(value: str) -> str:
    """Cell text with Word's odd spaces (no-break, zero-width) as plain spaces."""
    return unicodedata.normalize("NFC", _SPACES.sub(" ", value))


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


# --- State names ------------------------------------------------------------------------

def suggest_states(index: NameIndex, name: str, limit: int = 3) -> list[str]:
    """ISO3 codes of the States whose known spellings are closest to ``name``
    (a misspelt or new spelling), best first; [] when nothing is close."""
    key = name_key(name)
    out: list[str] = []
    for close in difflib.get_close_matches(key, list(index.keys), n=12, cutoff=0.72):
        iso3 = index.keys[close]
        if iso3 not in out:
            out.append(iso3)
    return out[:limit]


def unknown_state(index: NameIndex, display: str, place: str, name: str, role: str) -> Problem:
    """The message for a State name the name index does not know: the list is not wrong,
    the platform lacks the spelling; say which alias to add to which State file."""
    shown = clean(name)
    close = suggest_states(index, name)
    if close:
        options = "; if ".join(f"{index.display.get(c, c)}, add it to aliases in states/{c.lower()}.md"
                               for c in close)
        fix = f"if it is {options}; then import again (similar names are never guessed)"
    else:
        fix = ("add it to aliases in the State's file, states/<iso3>.md (its ISO 3166 alpha-3 code, "
               "e.g. states/fra.md for France), then import again")
    return Problem(display, 0, f"{place}: the {role} '{shown}' is not a State name the platform knows", fix)


def _assign_states(text: str, groups: list[str], index: NameIndex, display: str, place: str
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
            problems.append(Problem(display, 0, f"{place}: the recommendation names no recommending State",
                                    "end each text with its recommending State in brackets, e.g. (France);"))
        else:
            problems += _state_problems(groups[-1], index, display, place)
    text = " ".join([text] + [f"({g})" for g in groups[:k]])
    return text, codes, groups[k:], problems


def _ambiguous(index: NameIndex, name: str) -> bool:
    return any(key in index.ambiguous for key in (name_key(name), name_key(strip_article(name))))


def _state_problems(names: str, index: NameIndex, display: str, place: str) -> list[Problem]:
    """A problem for each name in ``names`` that is not one State."""
    out = []
    for n in _split_names(names):
        if index.resolve(n):
            continue
        if _ambiguous(index, n):
            _, p = index.resolve_or_problem(n, display, 0)
            out.append(Problem(display, 0, f"{place}: {p.message}", p.fix))
        else:
            out.append(unknown_state(index, display, place, n, "recommending State"))
    return out


def _states_column(cell: str, index: NameIndex, display: str, place: str) -> tuple[list[str], list[Problem]]:
    """ISO3 codes from a "Recommending State" cell: one State a line (or ``;``), a line
    being one name (``Bolivia (Plurinational State of)``) or names joined by commas."""
    codes: list[str] = []
    problems: list[Problem] = []
    for piece in re.split(r"[\n;]", cell):
        piece = clean(_BULLET.sub("", piece.strip())).rstrip(".")
        if not piece:
            continue
        names = [piece] if index.resolve(piece) else _split_names(piece)
        for n in names:
            iso3 = index.resolve(n)
            if iso3:
                if iso3 not in codes:
                    codes.append(iso3)
            else:
                problems += _state_problems(n, index, display, place)
    return codes, problems


# --- cells ----------------------------------------------------------------------------------

def split_source(text: str) -> tuple[str, str, str | None]:
    """``(text before the source line, document symbol or "", source as written or None)``.
    The source is ``Source of position: …`` wherever it starts, or a last line that is
    only a document symbol and a paragraph (``A/HRC/43/15 - Para 121``)."""
    m = _SOURCE.search(text)
    if m:
        source = " ".join(text[m.end():].split())
        text = text[:m.start()]
    else:
        lines = text.rstrip().splitlines()
        if len(lines) > 1 and _BARE_SOURCE.match(lines[-1]):
            source = " ".join(lines[-1].split())
            text = "\n".join(lines[:-1])
        else:
            return text, "", None
    symbol = _SYMBOL.search(source)
    return text, (re.sub(r"\s", "", symbol.group()) if symbol else ""), source


def parse_recommendation_cell(text: str) -> tuple[str, list[tuple[str, list[str]]], str]:
    """``(paragraph, parts, symbol)`` from cell 1 (see module docstring)."""
    text, symbol, _ = split_source(_text(text))
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


def _sdg_of(line: str, in_sdg_section: bool) -> str | None:
    """``"16"`` for ``- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS`` (or ``SDG 16``,
    ``Goal 16: …``). Outside an ``SDGs:`` section the title must be the goal's own, so
    that a theme such as ``2030 Agenda & other voluntary commitments`` stays a theme."""
    bare = _BULLET.sub("", line.strip())
    if in_sdg_section and re.fullmatch(r"\d{1,2}(\s*[,;]\s*\d{1,2})+", bare):  # "SDGs: 10, 16" (our matrix export)
        numbers = [n for n in re.split(r"\s*[,;]\s*", bare) if 1 <= int(n) <= 17]
        return ";".join(numbers) if len(numbers) == len(re.split(r"\s*[,;]\s*", bare)) else None
    m = _SDG_LINE.match(bare)
    if not m or not 1 <= int(m.group(1)) <= 17:
        return None
    number, title = int(m.group(1)), _letters(m.group(2) or "")
    if in_sdg_section or (title and _letters(SDG_TITLES[number]).startswith(title)) or \
            re.match(r"^\s*(sdg|goal)\s*\d", _BULLET.sub("", line.strip()), re.IGNORECASE):
        return str(number)
    return None


def _letters(title: str) -> str:
    """``"GOOD HEALTH & WELL-BEING"`` -> ``"goodhealthandwellbeing"`` (titles compared so)."""
    return re.sub(r"[^a-z]", "", title.casefold().replace("&", "and"))


def read_themes_cell(text: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """``(themes, persons, sdgs, unreadable lines)`` from the themes cell: themes first,
    then ``Affected persons:``/``Groups of Persons:`` and ``SDGs:`` sections in any order.
    A line under ``SDGs:`` that is no goal is unreadable (it is reported, never dropped)."""
    section = "themes"
    buckets: dict[str, list[str]] = {"themes": [], "persons": [], "sdgs": []}
    bad: list[str] = []
    for raw in _text(text).splitlines():
        ln = raw.strip()
        for pattern, name in ((_PERSONS, "persons"), (_SDGS, "sdgs"), (_THEMES, "themes")):
            if pattern.match(ln):
                section = name
                ln = pattern.sub("", ln).strip()
                break
        if not ln or ln in "-–•":
            continue
        sdg = _sdg_of(ln, section == "sdgs")
        if sdg:
            buckets["sdgs"] += [n for n in sdg.split(";") if n not in buckets["sdgs"]]
        elif section == "sdgs":
            bad.append(ln)
        else:
            item = rmod.list_item(_BULLET.sub("", ln))
            if item and item not in buckets[section]:
                buckets[section].append(item)
    return buckets["themes"], buckets["persons"], buckets["sdgs"], bad


def parse_themes_cell(text: str) -> tuple[list[str], list[str], list[str]]:
    """``(themes, persons, sdgs)`` from the themes cell (see :func:`read_themes_cell`)."""
    themes, persons, sdgs, _ = read_themes_cell(text)
    return themes, persons, sdgs


def _position(text: str) -> str | None:
    return POSITIONS.get(" ".join(text.split()).casefold().rstrip(".").replace(" / ", "/"))


# --- the table ------------------------------------------------------------------------------

def _slots(table) -> list[list[_Slot]]:
    """Every row as its real cells, with the grid columns each covers."""
    from docx.table import _Cell
    rows = []
    for tr in table._tbl.tr_lst:
        col, out = tr.grid_before, []
        for tc in tr.tc_lst:
            span = max(tc.grid_span, 1)
            out.append(_Slot(_text(_Cell(tc, table).text), col, span, tc.vMerge))
            col += span
        rows.append(out)
    return rows


def _header_roles(slots: list[_Slot]) -> tuple[list[tuple[_Slot, str | None]], list[str]]:
    """``([(header cell, role)], unknown header texts)``; role None = not imported."""
    roles, unknown = [], []
    for s in slots:
        name = " ".join(s.text.split()).casefold().rstrip(":*").strip()
        role = COLUMN_NAMES.get(name)
        if role is None and name:
            unknown.append(" ".join(s.text.split()))
        roles.append((s, role))
    return roles, unknown


def _is_heading(slots: list[_Slot], width: int) -> bool:
    """One cell across the whole table; or ``Theme: …`` in cell 1 and the other cells
    empty (or, as naive writers do, the same words in each)."""
    if len(slots) == 1 and slots[0].span >= width and slots[0].vmerge != "continue":
        return True
    first = slots[0].text.strip()
    return bool(_HEADING.match(first)) and slots[0].vmerge != "continue" and all(
        s.text.strip() in ("", first) for s in slots[1:])


def _find_table(document, display: str):
    """``(table number, its rows as slots, header row index, roles, problems)`` of the list."""
    problems: list[Problem] = []
    for number, table in enumerate(document.tables, start=1):
        rows = _slots(table)
        for r, slots in enumerate(rows):
            width = sum(s.span for s in slots)
            if len(slots) == 1 and slots[0].span >= width and r + 1 < len(rows):
                continue  # a title row above the header
            roles, unknown = _header_roles(slots)
            found = {role for _, role in roles}
            if {"recommendation", "position"} <= found:
                if unknown:
                    problems.append(Problem(
                        display, 0, f"table {number}, row {r + 1}: column '{unknown[0]}' is not a column of an "
                        "OHCHR thematic list", "keep OHCHR's column headers: Recommendation | Position | "
                        "Full list of themes (cycle 4: Recommendation and recommending State | Position of "
                        "the State under review | Human rights themes and groups of persons | Relevant SDGs)"))
                twice = [role for role, n in Counter(r_ for _, r_ in roles if r_).items() if n > 1]
                if twice:
                    problems.append(Problem(display, 0, f"table {number}, row {r + 1}: two columns hold "
                                            f"the {twice[0]}", "keep one column per kind"))
                return number, rows, r, roles, problems
            break
    header = " | ".join(" ".join(c.text.split()) for c in document.tables[0].rows[0].cells) \
        if document.tables and document.tables[0].rows else ""
    return None, None, 0, [], [Problem(
        display, 0, "no table of recommendations with the columns Recommendation and Position"
        + (f" (table 1 begins: {header[:120]})" if header else " (the document has no table)"),
        "give the OHCHR thematic list (.docx) as downloaded; its first row names the columns, "
        "e.g. Recommendation | Position | Full list of themes")]


def read_list(path: Path, display: str) -> tuple[list[Item], list[Problem]]:
    """Read the thematic list's table into items; every bad row is a problem
    ``display: table T, row N: …`` (rows counted as Word shows them, header = 1)."""
    import docx  # python-docx; imported here so that `upr check` does not pay for it

    too_big = archives.check_file(path)  # before python-docx decompresses anything (issue 13)
    if too_big:
        return [], [Problem(display, 0, f"refused: {too_big}", "give the OHCHR thematic list as downloaded (.docx)")]
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for a non-docx file
        return [], [Problem(display, 0, f"not a Word .docx file ({exc.__class__.__name__})",
                            "give the OHCHR thematic list as downloaded (.docx); save a .doc or PDF as .docx first")]
    number, rows, header_at, roles, problems = _find_table(document, display)
    if rows is None or problems:
        return [], problems
    for other, extra in enumerate(document.tables, start=1):
        if other != number and any(_PARA.match(s.text) and "(" in s.text
                                   for slots in _slots(extra) for s in slots[:1]):
            problems.append(Problem(display, 0, f"table {other} also holds recommendations; only table "
                                    f"{number} is read", "put every recommendation in one table (copy the "
                                    f"rows of table {other} to the end of table {number}), then import again"))
    if problems:
        return [], problems
    width = max(s.first + s.span for s in rows[header_at])
    names = [" ".join(s.text.split()) for s, _ in roles]
    above: dict[int, tuple[str, int]] = {}     # grid column -> (text of the cell a vMerge continues, its row)
    heading = ""
    items: list[Item] = []
    for r in range(header_at + 1, len(rows)):
        n = r + 1
        place = f"table {number}, row {n}"
        slots = rows[r]
        texts: list[str] = []
        for s in slots:
            if s.vmerge == "continue":
                texts.append(above.get(s.first, ("", 0))[0])
            else:
                texts.append(s.text)
                above[s.first] = (s.text, n)
        if not any(t.strip() for t in texts):
            continue
        if _is_heading(slots, width):
            heading = _HEADING.sub("", " ".join(slots[0].text.split()))
            continue
        if [" ".join(t.split()) for t in texts] == names:
            continue  # the header row repeated
        cells: dict[str, str] = {}
        bad = len(problems)
        for s, value in zip(slots, texts):
            owners = [(h, role) for h, role in roles if h.first <= s.first and s.first + s.span <= h.first + h.span]
            if not owners and s.first + s.span > width:
                problems.append(Problem(
                    display, 0, f"{place}: a cell in column {s.first + s.span} is outside the columns of the "
                    "header row", "keep the table's columns as in its first row: " + " | ".join(names)))
                continue
            if not owners:
                problems.append(Problem(
                    display, 0, f"{place}: merged cell spans columns {s.first + 1}-{s.first + s.span}; cannot "
                    "map it to " + "/".join(names), "give each column its own cell (Word: Table Layout → "
                    "Split Cells); only a theme heading spans the whole row"))
                continue
            role = owners[0][1]
            if role is None:
                continue
            if role == "recommendation" and s.vmerge == "continue":
                problems.append(Problem(
                    display, 0, f"{place}: the recommendation cell is merged with the one above "
                    f"(row {above.get(s.first, ('', n))[1]})", "give each recommendation its own row "
                    "(Word: Table Layout → Split Cells)"))
                continue
            cells[role] = (cells[role] + "\n" + value) if role in cells else value
        if len(problems) > bad:
            continue
        item = _item(cells, n, number, heading, display, problems)
        if item:
            items.append(item)
    return _merge_repeats(items, display, problems), problems


def _item(cells: dict[str, str], n: int, number: int, heading: str, display: str,
          problems: list[Problem]) -> Item | None:
    place = f"table {number}, row {n}"
    raw = cells.get("recommendation", "")
    _, symbol, source = split_source(_text(raw))
    paragraph, parts, _ = parse_recommendation_cell(raw)
    bad = len(problems)
    if not paragraph:
        problems.append(Problem(display, 0, f"{place}: the recommendation does not start with its paragraph number",
                                "start the cell with the report paragraph, e.g. 140.7 Ratify … (France);"))
    if not parts:
        problems.append(Problem(display, 0, f"{place}: no recommendation text",
                                "the cell holds the paragraph, the text and (recommending State);"))
    written = " ".join(cells.get("position", "").split())
    position = _position(written)
    if position is None:
        problems.append(Problem(display, 0, f"{place}: position '{written}' is not one OHCHR uses"
                                if written else f"{place}: the position is empty",
                                "write Supported or Noted (or Supported in part, Pending)"))
    themes, persons, sdgs, unreadable = read_themes_cell(cells.get("themes", ""))
    more_sdgs, unreadable_sdgs = [], []
    for line in _text(cells.get("sdgs", "")).splitlines():
        if line.strip(" -–"):
            sdg = _sdg_of(line, True)
            if sdg:
                more_sdgs += sdg.split(";")
            else:
                unreadable_sdgs.append(line.strip())
    for line in unreadable + unreadable_sdgs:
        problems.append(Problem(display, 0, f"{place}: '{line}' is listed as an SDG but is not one of the 17 goals",
                                "write one goal a line with its number, e.g. - 16 - PEACE, JUSTICE AND STRONG "
                                "INSTITUTIONS"))
    if len(problems) > bad:
        return None
    if source is not None and not symbol:
        problems.append(Problem(display, 0, f"{place}: the source of position '{source}' names no document",
                                "the recommendation is imported without source_symbol; write the symbol, "
                                "e.g. Source of position: A/HRC/43/15/Add.1 - Para. 3", severity=WARNING))
    if not themes and heading:
        themes = [rmod.list_item(heading)]
    sdgs += [s for s in more_sdgs if s not in sdgs]
    states = cells.get("states")
    return Item(n, paragraph, parts, position, symbol, themes, persons, sdgs,
                states if states and states.strip() else None, [n], number)


def _merge_repeats(items: list[Item], display: str, problems: list[Problem]) -> list[Item]:
    """One item per paragraph: a row repeating an earlier one (same text, States and
    position: lists that file a recommendation under each of its themes) adds its
    themes to it; the same paragraph with other content is an error."""
    first: dict[str, Item] = {}
    out: list[Item] = []
    for item in items:
        seen = first.get(item.paragraph)
        if seen is None:
            first[item.paragraph] = item
            out.append(item)
        elif (seen.parts, seen.position, seen.states_cell) == (item.parts, item.position, item.states_cell):
            seen.rows += item.rows
            for mine, theirs in ((seen.themes, item.themes), (seen.persons, item.persons), (seen.sdgs, item.sdgs)):
                mine += [x for x in theirs if x not in mine]
        else:
            problems.append(Problem(display, 0, f"{where(item)}: paragraph {item.paragraph} is listed twice, "
                                    f"with another text or position (also {where(seen)})",
                                    "keep one row per paragraph; check the paragraph numbers against the report"))
    return out


# --- the review -----------------------------------------------------------------------------

def guess_review(path: Path) -> tuple[list[str], int | None]:
    """``(["Slovenia", "Thematic", …], 34)`` from ``UPR34_Slovenia_Thematic_list…``:
    the session and the words after it (the State's name is the longest run of
    leading words that is a State, see :func:`to_recommendations`). Without
    ``UPR<session>`` in the name: all the words and no session."""
    m = re.search(r"upr[\s_-]*(\d+)[\W_]+(.*)$", path.stem, re.IGNORECASE)
    if not m:
        return [w for w in re.split(r"[\W_]+", path.stem) if w], None
    return [w for w in re.split(r"[\W_]+", m.group(2)) if w], int(m.group(1))


def _state_in_name(words: list[str], index: NameIndex) -> str | None:
    """The first run of words that is a State's name (``Slovenia``, ``Cote d Ivoire``),
    or an ISO3 code written in capitals (``SVN``: ``and`` is not Andorra)."""
    for start in range(len(words)):
        for k in range(min(len(words) - start, 6), 0, -1):
            name = " ".join(words[start:start + k])
            if k == 1 and len(name) == 3 and not name.isupper():
                continue
            if index.resolve(name) and not name.isdigit():
                return name
    return None


def review_in_document(path: Path) -> tuple[str, int, str] | None:
    """``(State, session, text as written)`` from the page header OHCHR prints on every
    page of a list (``UPR of Slovenia (4th Cycle - 48th Session)``), or from a title
    paragraph above the table; None when the document has neither."""
    import docx
    try:
        document = docx.Document(str(path))
    except Exception:  # read_list reports a file that is not a .docx
        return None
    texts: list[str] = []
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header):
            if part.is_linked_to_previous:
                continue
            texts += [p.text for p in part.paragraphs]
            texts += [c.text for t in part.tables for r in t.rows for c in r.cells]
    texts += [p.text for p in document.paragraphs[:20]]
    for text in texts:
        m = _REVIEW.search(" ".join(_text(text).split()))
        if m:
            return m.group("state").strip(), int(m.group("session")), m.group(0)
    return None


def _review(path: Path, display: str, index: NameIndex, state: str | None, session: int | None
            ) -> tuple[tuple[str, int] | None, list[Problem]]:
    """``((ISO3, session), problems)`` of the list: from ``--state``/``--session``, the
    file name and the page header. Two of them that disagree are an error: a wrong
    session would file every recommendation under the wrong review."""
    words, file_session = guess_review(path)
    file_state = _state_in_name(words, index)
    header = review_in_document(path)
    problems: list[Problem] = []
    if header:
        header_state, header_session, written = header
        header_iso3 = index.resolve(header_state)
        said = f"the list's page header says '{written}'"
        rename = f"UPR{header_session}_{index.display.get(header_iso3, header_state).replace(' ', '_')}_…"
        for what, value, same in (
                ("the file name says session", file_session, file_session == header_session),
                ("--session", session, session == header_session),
                ("the file name names", file_state,
                 header_iso3 is None or index.resolve(file_state or "") == header_iso3),
                ("--state", state, header_iso3 is None or index.resolve(state or "") in (header_iso3, None))):
            if value and not same:
                fix = (f"rename the file {rename}.docx" if what.startswith("the file") else
                       f"leave {what.split()[0]} out: the header says which review this is")
                problems.append(Problem(display, 0, f"{what} {value}, but {said}", fix))
        if problems:
            return None, problems
    name = state or file_state or (header[0] if header else None)
    session = session or file_session or (header[1] if header else None)
    if not name or not session:
        close = [c for w in words if len(w) > 3 for c in suggest_states(index, w, 1)]
        iso3 = index.resolve(name) if name else (close[0] if close else None)
        state_shown = index.display.get(iso3, iso3) if iso3 else "<State>"
        missing = " and ".join(x for x, ok in (("State under Review", name), ("session", session)) if not ok)
        guess = f" (did you mean {state_shown}?)" if iso3 and not name else ""
        arg = f'"{state_shown}"' if " " in state_shown else state_shown
        return None, [Problem(
            display, 0, f"the file name '{path.name}' does not say the {missing} of the list{guess}, and the "
            "list has no page header 'UPR of <State> (… Cycle - <session>th Session)'",
            f"name the file UPR<session>_<State>_….docx, here UPR{session or '<session>'}_"
            f"{state_shown.replace(' ', '_')}_thematic_list.docx, or give them: upr import recommendations "
            f"FILE.docx --state {arg} --session {session or '<session>'}")]
    if index.resolve(name) is None and not _ambiguous(index, name):
        place = "--state" if state else "file name" if file_state else "page header"
        return None, [unknown_state(index, display, place, name, "State under Review")]
    sur, p = index.resolve_or_problem(name, display, 0, SUR)
    return ((sur, session), []) if p is None else (None, [p])


def to_recommendations(path: Path, display: str, items: list[Item], index: NameIndex,
                       state: str | None = None, session: int | None = None
                       ) -> tuple[list[rmod.Recommendation], tuple[str, int] | None, list[Problem]]:
    """Resolve names and build the recommendations of one list.
    Returns ``(recommendations, (ISO3, session) or None, problems)``."""
    review, problems = _review(path, display, index, state, session)
    if review is None:
        return [], None, problems
    sur, session = review
    recs: list[rmod.Recommendation] = []
    for item in items:
        place = where(item)
        codes: list[str] = []
        texts: list[tuple[str, list[str]]] = []
        bad = len(problems)
        if item.states_cell:
            codes, more = _states_column(item.states_cell, index, display, place)
            problems += more
            # the States are in their own column: the text stays as written, brackets included
            texts = [("; ".join(t + "".join(f" ({g})" for g in groups) for t, groups in item.parts), [])]
        else:
            for text, groups in item.parts:
                text, part_codes, written, part_problems = _assign_states(text, groups, index, display, place)
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
            item.persons, item.sdgs, DATASET, item.symbol,
            f"{rmod.rows_file(path.name)}:{','.join(map(str, item.rows))}"))
    return recs, (sur, session), problems


def describe(path: Path, recs: list[rmod.Recommendation], review: tuple[str, int], index: NameIndex) -> str:
    """One line for the import's summary: which review, how many, by position."""
    sur, session = review
    by_position = Counter(r.response for r in recs)
    positions = ", ".join(f"{n} {p}" for p, n in sorted(by_position.items(), key=lambda x: -x[1]))
    sdgs = sum(1 for r in recs if r.sdgs)
    return (f"{path.name}: {index.display.get(sur, sur)} ({sur}), session {session} (cycle {rmod.cycle_of(session)}): "
            f"{len(recs)} recommendations ({positions or 'none'}); {sdgs} with SDGs")
