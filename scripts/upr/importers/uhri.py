"""Import the UHRI export: OHCHR's Universal Human Rights Index, the official source of
every UPR recommendation (all cycles, all States), as JSON or XLSX.

Layouts (``sources/UHRI.md``: what is known of the real files, typos included):

* **XLSX** (``export-full-en.xlsx``, or "Export to Excel" of any UHRI search): one
  sheet, headers in row 1, read by NAME (``Text``, ``Countries Concerned``,
  ``Reccomending Body``, ``UPR Reccomending States``, ``UPR Position``, ``Type``,
  ``OHCHR Annotation Id``, ``UPR Session``, ``Document Symbol``, ``Themes``,
  ``Affected Persons``, ``Sdgs`` …; the correct spelling ``Recommending`` is accepted
  too). Multi-valued cells hold one value a line, each after ``- ``. Read with
  openpyxl in read-only mode.
* **JSON** (``export-full-en.json``, about 360 MB): a top-level list of objects
  (``Text``, ``Countries``, ``Body``, ``AnnotationType``, ``AnnotationId``, ``Symbol``,
  ``Themes``, ``AffectedPersons``, ``Sdgs``, ``UprRecommendingCountry``,
  ``UprPositions``, ``UprSession`` …), read as a stream with ijson: one annotation at a
  time, never the whole file in memory.

From annotations to recommendations:

* only ``Body`` UPR and type Recommendations are kept (Treaty Bodies, Special
  Procedures, UPR "Concerns/Observations" and texts starting ``Response of`` are not
  UPR recommendations);
* ``Text`` is HTML: tags dropped, entities decoded, white space collapsed. It starts
  with the report paragraph (``140.7``, ``140.7.``, ``Recommendation No. 140.7``,
  ``para. 140.7``) and ends with the recommending States in brackets, which are taken
  out of the stored text as the OHCHR-list importer does;
* recommending States: one a line (or list item), never split on hyphens
  (``Timor-Leste``, ``Guinea-Bissau``); OHCHR's footnote asterisk
  (``State of Palestine*``) is dropped; every name goes through the one name index;
* positions ``Supported`` / ``Noted`` / ``Supported/Noted`` (supported in part); none
  yet (a report whose responses are not out) = pending;
* session = the first number of ``UPR Session`` (``31st session``, ``36 Session``);
  the cycle follows from the session (1–12, 13–26, 27–40, 41–54, then 14 a cycle);
* ``Countries Concerned`` names the State under Review; a rare ``South Sudan - Sudan``
  is resolved with the calendar (the State of the two reviewed in that session);
* SDG targets are kept by code (``16.3``); themes and affected persons as written;
  OHCHR's annotation id is kept (``annotation_id``);
* the ID is ``<ISO3>-<session>-<paragraph>``, the same as an OHCHR thematic list's, so
  an assessment keeps its recommendation whichever source the review came from;
  two annotations with the same paragraph in one review are reported as warnings
  naming both (same text: imported once; another text: kept as ``…-2``).

Every problem is ``file:row: column: what is wrong — what to do`` (for JSON the row
is the annotation's position in the list, 1 for the first).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .. import recommendations as rmod
from ..names import RS, SUR, NameIndex
from ..problems import WARNING, Problem

FAMILY = "UHRI"
DATASET = "UHRI"

#: canonical column -> accepted header spellings (case-insensitive); OHCHR's typos first
XLSX_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("Text",),
    "countries": ("Countries Concerned",),
    "body": ("Reccomending Body", "Recommending Body"),
    "symbol": ("Document Symbol",),
    "themes": ("Themes",),
    "persons": ("Affected Persons",),
    "sdgs": ("Sdgs", "SDGs"),
    "published": ("Document Publication Date",),
    "rs": ("UPR Reccomending States", "UPR Recommending States"),
    "position": ("UPR Position",),
    "type": ("Type",),
    "annotation_id": ("OHCHR Annotation Id",),
    "session": ("UPR Session",),
}
REQUIRED = ("text", "countries", "body", "rs", "position", "type", "annotation_id", "session")
JSON_KEYS: dict[str, str] = {
    "text": "Text", "countries": "Countries", "body": "Body", "symbol": "Symbol", "themes": "Themes",
    "persons": "AffectedPersons", "sdgs": "Sdgs", "published": "PublicationDate",
    "rs": "UprRecommendingCountry", "position": "UprPositions", "type": "AnnotationType",
    "annotation_id": "AnnotationId", "session": "UprSession",
}
#: how a column is named in messages, per layout
SHOWN = {"xlsx": {k: v[0] for k, v in XLSX_COLUMNS.items()}, "json": JSON_KEYS}

POSITIONS = {"supported": "supported", "noted": "noted", "supported/noted": "supported in part",
             "noted/supported": "supported in part", "supported in part": "supported in part",
             "partially supported": "supported in part", "": "pending"}
RECOMMENDATION_TYPES = ("recommendations", "recommendation")
NOT_RECOMMENDATION_TYPES = ("concerns/observations", "concerns", "observations")

_PARAGRAPH = re.compile(r"^\s*(?:recommendation\s+no\.?|para(?:graph)?\.?)?\s*(\d{1,3}(?:\.\d{1,3})+)\.?(?=\s|$)",
                        re.IGNORECASE)
_SESSION = re.compile(r"\d+")
_SDG = re.compile(r"^\s*(\d{1,2}(?:\.[0-9a-z]{1,2})?)(?=\s|$|\s*-)", re.IGNORECASE)
_TWO_STATES = re.compile(r"\s+-\s+")


@dataclass
class Annotation:
    """One UPR recommendation annotation, its values cleaned but names not resolved."""

    row: int
    annotation_id: str
    text: str
    countries: list[str]
    rs: list[str]
    position: str
    session: int
    symbol: str
    themes: list[str]
    persons: list[str]
    sdgs: list[str]


@dataclass
class Export:
    path: Path
    display: str
    layout: str
    annotations: list[Annotation] = field(default_factory=list)
    seen: int = 0          # annotations of every body and type read
    other_bodies: int = 0  # not UPR
    not_recommendations: int = 0


# --- reading ----------------------------------------------------------------------------------

def plain_text(value: str) -> str:
    """HTML text -> plain text: tags dropped (a real HTML parser, nh3), entities decoded
    (``&amp;``, ``&nbsp;``, ``&rsquo;``), white space collapsed."""
    import nh3
    if "<" in value:
        value = nh3.clean(value, tags=set(), clean_content_tags={"script", "style"})
    return rmod.clean_text(html.unescape(html.unescape(value)).replace("\xa0", " "))


def _dash(value: Any) -> str:
    """``"- UPR"`` -> ``"UPR"`` (the export's prefix on single values)."""
    text = "" if value is None else str(value)
    text = text.strip()
    return text[2:].strip() if text.startswith("- ") or text == "-" else text


def _values(value: Any) -> list[str]:
    """A multi-valued cell or list -> its values: one a line (XLSX, each after ``- ``)
    or one a list item (JSON). Never split on hyphens inside a value."""
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).splitlines()
    out = []
    for item in items:
        text = _dash(item)
        if text:
            out.append(text)
    return out


def _excel_rows(path: Path, display: str) -> Iterator[tuple[int, dict[str, Any]] | Problem]:
    import openpyxl
    from zipfile import BadZipFile
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as exc:
        yield Problem(display, 0, f"not an Excel .xlsx file ({exc.__class__.__name__})",
                      "give the UHRI export as downloaded (export-full-en.xlsx or Export to Excel)")
        return
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None) or ()
        names = {str(h).strip().casefold(): i for i, h in enumerate(header) if h is not None}
        where: dict[str, int] = {}
        missing = []
        for key, spellings in XLSX_COLUMNS.items():
            found = next((names[s.casefold()] for s in spellings if s.casefold() in names), None)
            if found is not None:
                where[key] = found
            elif key in REQUIRED:
                missing.append(spellings[0])
        if missing:
            yield Problem(display, 1, f"column(s) {', '.join(repr(m) for m in missing)} missing from the header",
                          "give the UHRI export unchanged: its first row names the 16 UHRI columns "
                          "(Text, Countries Concerned, Reccomending Body, …)")
            return
        for n, values in enumerate(rows, start=2):
            if not values or all(v is None or v == "" for v in values):
                continue
            yield n, {k: (values[i] if i < len(values) else None) for k, i in where.items()}
    finally:
        book.close()


def _json_rows(path: Path, display: str) -> Iterator[tuple[int, dict[str, Any]] | Problem]:
    import ijson
    n = 0
    try:
        with path.open("rb") as fh:
            for n, item in enumerate(ijson.items(fh, "item", use_float=True), start=1):
                if not isinstance(item, dict):
                    yield Problem(display, n, "an annotation is not an object",
                                  "give the UHRI export unchanged (a list of annotation objects)")
                    continue
                yield n, {k: item.get(key) for k, key in JSON_KEYS.items()}
    except ijson.JSONError as exc:
        yield Problem(display, n + 1, f"the JSON stops being valid after annotation {n} ({exc})",
                      "download the export again: the file is cut short or damaged")
        return
    if n == 0:
        yield Problem(display, 0, "no annotation in the file",
                      "give the UHRI export: a JSON list of annotations")


def read_export(path: Path, display: str) -> tuple[Export, list[Problem]]:
    """Read one export (``.json`` or ``.xlsx``); keep the UPR recommendations."""
    layout = "json" if path.suffix.lower() == ".json" else "xlsx"
    export = Export(path, display, layout)
    problems: list[Problem] = []
    shown = SHOWN[layout]
    rows = _json_rows(path, display) if layout == "json" else _excel_rows(path, display)
    for item in rows:
        if isinstance(item, Problem):
            problems.append(item)
            continue
        n, values = item
        export.seen += 1
        annotation = _annotation(n, values, display, shown, export, problems)
        if annotation is not None:
            export.annotations.append(annotation)
    return export, problems


def _annotation(n: int, v: dict[str, Any], display: str, shown: dict[str, str], export: Export,
                problems: list[Problem]) -> Annotation | None:
    def bad(column: str, message: str, fix: str) -> None:
        problems.append(Problem(display, n, f"{shown[column]}: {message}", fix))

    if _dash(v.get("body")).casefold() != "upr":
        export.other_bodies += 1
        return None
    kind = _dash(v.get("type")).casefold()
    if kind in NOT_RECOMMENDATION_TYPES:
        export.not_recommendations += 1
        return None
    text = plain_text(str(v.get("text") or ""))
    if text.casefold().startswith("response of"):
        export.not_recommendations += 1
        return None
    before = len(problems)
    if kind not in RECOMMENDATION_TYPES:
        bad("type", f"'{_dash(v.get('type'))}' is not a UPR annotation type",
            "expected '- Recommendations' or '- Concerns/Observations'; report it if OHCHR added a type")
    if not text:
        bad("text", "the recommendation text is empty", "check the annotation on uhri.ohchr.org")
    session = None
    session_values = _values(v.get("session"))
    m = _SESSION.search(session_values[0]) if session_values else None
    if m and int(m.group()) >= 1:
        session = int(m.group())
    else:
        bad("session", f"no session number in '{' '.join(session_values)}'",
            "expected a UPR Working Group session such as '- 31st session'")
    written = _values(v.get("position"))
    positions = {_dash(p).casefold() for p in written}
    if positions == {"supported", "noted"}:
        positions = {"supported/noted"}
    position = POSITIONS.get(next(iter(positions)) if len(positions) == 1 else ("" if not positions else "?"))
    if position is None:
        bad("position", f"'{'; '.join(written)}' is not a UPR position",
            "expected Supported, Noted or Supported/Noted (supported in part)")
    countries = _values(v.get("countries"))
    if not countries:
        bad("countries", "no State under Review", "check the annotation on uhri.ohchr.org")
    annotation_id = str(v.get("annotation_id") or "").strip()
    if not re.match(r"^[0-9A-Za-z-]{1,64}$", annotation_id):
        bad("annotation_id", f"'{annotation_id}' is not an annotation id",
            "give the export unchanged: every annotation has an id such as b4288060-6633-…")
    if len(problems) > before:
        return None
    sdgs = []
    for s in _values(v.get("sdgs")):
        m = _SDG.match(s)
        sdgs.append(m.group(1).lower() if m else rmod.list_item(s))
    return Annotation(
        row=n, annotation_id=annotation_id, text=text, countries=countries,
        rs=[name.rstrip("*").strip() for name in _values(v.get("rs"))], position=position, session=session,
        symbol=_dash(v.get("symbol")), themes=[rmod.list_item(t) for t in _values(v.get("themes"))],
        persons=[rmod.list_item(p) for p in _values(v.get("persons"))], sdgs=list(dict.fromkeys(sdgs)))


# --- to recommendations -------------------------------------------------------------------------

def split_paragraph(text: str) -> tuple[str, str]:
    """``("140.7", "Ratify …")`` from ``"140.7 Ratify …"`` (also ``140.7.``,
    ``Recommendation No. 140.7``, ``para. 140.7``); ``("", text)`` without one."""
    m = _PARAGRAPH.match(text)
    if not m:
        return "", text
    return m.group(1), text[m.end():].strip()


def _state_under_review(a: Annotation, index: NameIndex, calendar, display: str,
                        problems: list[Problem], shown: str) -> str | None:
    names = a.countries
    if len(names) == 1:
        iso3 = index.resolve(names[0].rstrip("*"))
        if iso3 is None and _TWO_STATES.search(names[0]):
            names = _TWO_STATES.split(names[0])
        elif iso3 is not None:
            if iso3 in index.observers:
                problems.append(Problem(display, a.row, f"{shown}: '{names[0]}' cannot be a State under Review",
                                        "the Holy See and the State of Palestine are observer States"))
                return None
            return iso3
    codes = []
    for name in names:
        iso3, problem = index.resolve_or_problem(name.rstrip("*"), display, a.row, SUR)
        if problem:
            problems.append(Problem(problem.path, problem.line, f"{shown}: {problem.message}", problem.fix))
            return None
        codes.append(iso3)
    reviewed = set(calendar.sessions[a.session].states) if calendar and a.session in calendar.sessions else set()
    chosen = [c for c in dict.fromkeys(codes) if c in reviewed]
    if len(chosen) == 1:
        return chosen[0]
    problems.append(Problem(
        display, a.row, f"{shown}: '{' - '.join(names)}' names {len(codes)} States and the calendar "
        f"(states/sessions.yml) does not tell which one session {a.session} reviewed",
        "add the States of that session to states/sessions.yml, with their source, and import again"))
    return None


def to_recommendations(exports: list[Export], index: NameIndex, calendar=None
                       ) -> tuple[dict[str, list[rmod.Recommendation]], set[tuple[str, int]], list[Problem]]:
    """Resolve names, take paragraphs and recommending States out of the texts, and
    make one record per annotation. Returns ``(by_state, reviews, problems)``."""
    from .ohchr_docx import _assign_states, _trailing_groups
    problems: list[Problem] = []
    by_state: dict[str, list[rmod.Recommendation]] = {}
    reviews: set[tuple[str, int]] = set()
    first: dict[str, tuple[rmod.Recommendation, str, int]] = {}  # id -> (record, file, row)
    for export in exports:
        shown = SHOWN[export.layout]
        for a in export.annotations:
            before = len(problems)
            sur = _state_under_review(a, index, calendar, export.display, problems, shown["countries"])
            codes: list[str] = []
            for rs_name in a.rs:
                code, problem = index.resolve_or_problem(rs_name, export.display, a.row, RS)
                if problem:
                    problems.append(Problem(problem.path, problem.line, f"{shown['rs']}: {problem.message}",
                                            problem.fix))
                elif code not in codes:
                    codes.append(code)
            if len(problems) > before or sur is None:
                continue
            paragraph, body = split_paragraph(a.text)
            text = _strip_states(body, codes, index, _assign_states, _trailing_groups)
            rec = rmod.Recommendation(
                rmod.make_id(sur, a.session, paragraph, text), sur, rmod.cycle_of(a.session), a.session,
                paragraph, text, codes, a.position, None, a.themes, a.persons, a.sdgs, DATASET, a.symbol,
                "", a.annotation_id)
            reviews.add((sur, a.session))
            seen = first.get(rec.id)
            if seen is None:
                first[rec.id] = (rec, export.display, a.row)
                by_state.setdefault(sur, []).append(rec)
                continue
            other, other_file, other_row = seen
            where = f"{other_file}:{other_row}" if other_file != export.display else f"row {other_row}"
            if rmod.normalise_text(other.text) == rmod.normalise_text(rec.text) and other.response == rec.response:
                other.annotation_id = rmod.LIST_SEPARATOR.join(
                    dict.fromkeys(rmod.split_list(other.annotation_id) + [rec.annotation_id]))
                for c in codes:
                    if c not in other.recommending_states:
                        other.recommending_states.append(c)
                problems.append(Problem(export.display, a.row, f"{shown['text']}: repeats {where} "
                                        f"({rec.id}, same text and position); imported once", "", WARNING))
                continue
            n = 2
            while f"{rec.id}-{n}" in first:
                n += 1
            problems.append(Problem(export.display, a.row, f"{shown['text']}: {rec.id} is also {where} "
                                    f"with another text or position; kept as {rec.id}-{n}",
                                    "check both on uhri.ohchr.org", WARNING))
            rec.id = f"{rec.id}-{n}"
            first[rec.id] = (rec, export.display, a.row)
            by_state.setdefault(sur, []).append(rec)
    return by_state, reviews, problems


def _strip_states(body: str, codes: list[str], index: NameIndex, assign, trailing) -> str:
    """The text without the recommending States in brackets at its end (kept per part
    when one paragraph merges several texts), as the OHCHR-list importer stores it."""
    parts = [seg for seg in re.split(r"(?<=\))\s*[;.]\s*", body) if seg.strip(" ;")]
    texts = []
    for seg in parts:
        t, groups = trailing(seg)
        t, _, written, _ = assign(t, groups, index, "", 0)
        texts.append((t, written))
    if not texts:
        return rmod.clean_text(body.rstrip(" ;"))
    if len(texts) == 1:
        return rmod.clean_text(texts[0][0])
    return rmod.clean_text("; ".join(t + "".join(f" ({g})" for g in written) for t, written in texts))
