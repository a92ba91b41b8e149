"""Files in the UHRI export's layouts, made from real rows: the tests' fixture and the
full-scale corpus of ``upr bench``.

The real export cannot be downloaded here (``sources/UHRI.md`` says what is known of
it), so these writers produce exactly its documented layouts — the XLSX with its 16
headers (OHCHR's two typos included), ``- `` prefixes, one value a line and Excel date
serials, and the JSON list of annotation objects — from the real OHCHR thematic lists
in ``sources/`` and, for the full scale, from the real UPR Info rows.

An annotation here is a dict with the canonical keys of
:data:`upr.importers.uhri.JSON_KEYS` plus ``regions``, ``rs_regions`` and
``published_on_uhri``; list values are lists of strings without prefix.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from pathlib import Path
from typing import Iterable, Iterator

XLSX_HEADERS = (
    "Text", "Countries Concerned", "Reccomending Body", "Document Symbol", "Themes", "Affected Persons", "Sdgs",
    "Document Publication Date", "UPR Reccomending States", "UPR Position", "Type", "OHCHR Annotation Id",
    "UPR Session", "Regions Concerned", "Recommending Regions", "Date of publication on UHRI",
)
_XLSX_KEYS = ("text", "countries", "body", "symbol", "themes", "persons", "sdgs", "published", "rs", "position",
              "type", "annotation_id", "session", "regions", "rs_regions", "published_on_uhri")
_JSON_KEYS = {
    "AffectedPersons": "persons", "AnnotationId": "annotation_id", "AnnotationType": "type", "Body": "body",
    "Countries": "countries", "DocumentId": None, "PublicationDate": "published",
    "PublicationDateOnUhri": "published_on_uhri", "Regions": "regions", "Sdgs": "sdgs", "Symbol": "symbol",
    "Text": "text", "Themes": "themes", "UprCycle": None, "UprPositions": "position",
    "UprRecommendingCountry": "rs", "UprRecommendingRegions": "rs_regions", "UprSession": "session",
}
_PREFIXED_JSON = ("type", "body")  # JSON keeps the "- " prefix on these only (sources/UHRI.md)
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_NAMESPACE = uuid.UUID("6d1f7c3e-51b2-4c58-9a8e-0b1f3c5d7e90")


def annotation_id(*parts: object) -> str:
    """A stable UUID-shaped id for a made-up annotation."""
    return str(uuid.uuid5(_NAMESPACE, "|".join(map(str, parts))))


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# --- from an OHCHR thematic list ---------------------------------------------------------------

_SOURCE = re.compile(r"\n?Source of position:.*$", re.IGNORECASE | re.DOTALL)
_SYMBOL = re.compile(r"A/HRC/\d+/\d+")
_SECTION = re.compile(r"^(affected persons|groups of persons|sdgs)\s*:", re.IGNORECASE)
_GOAL = re.compile(r"^-?\s*(\d{1,2})\s*-\s*(.+)$")


def _trailing(segment: str) -> list[str]:
    """Bracket contents at the end of one text, left to right (balanced brackets)."""
    s = segment.rstrip().rstrip(";.").rstrip()
    out: list[str] = []
    while s.endswith(")"):
        depth, i = 0, len(s) - 1
        while i >= 0:
            depth += {")": 1, "(": -1}.get(s[i], 0)
            if depth == 0:
                break
            i -= 1
        if i < 0:
            break
        out.insert(0, s[i + 1:-1].strip())
        s = s[:i].rstrip()
    return out


def thematic_list_annotations(path: Path, session: int, state: str, is_state, published: dt.date
                              ) -> list[dict]:
    """One annotation per recommendation row of a real OHCHR thematic list (``.docx``).
    ``is_state(name) -> bool`` says which brackets at the end of a text name a State."""
    import docx
    table = docx.Document(str(path)).tables[0]
    out = []
    for n, row in enumerate(table.rows[1:], start=2):
        cells = [c.text for c in row.cells]
        if cells[0].strip().startswith("Theme:"):
            continue
        cell = cells[0]
        symbol = _SYMBOL.search(cell)
        text = " ".join(_SOURCE.sub("", cell).split())
        rs: list[str] = []
        for part in re.split(r"(?<=\));\s*", text):
            found: list[str] = []
            for group in reversed(_trailing(part)):
                names = [x.strip() for x in re.split(r",\s*(?![^()]*\))", group)]
                if not all(is_state(x) for x in names):
                    break
                found[:0] = names
            rs += [x for x in found if x not in rs]
        section, themes, persons, sdgs = "themes", [], [], []
        for line in cells[2].splitlines():
            line = line.strip()
            m = _SECTION.match(line)
            if m:
                section = "sdgs" if m.group(1).lower() == "sdgs" else "persons"
                line = line[m.end():].strip()
            if not line or line == "-":
                continue
            {"themes": themes, "persons": persons, "sdgs": sdgs}[section].append(re.sub(r"^-\s*", "", line))
        if "relevant sdgs" in " ".join(c.text.casefold() for c in table.rows[0].cells):
            sdgs = [re.sub(r"^-\s*", "", x.strip()) for x in cells[3].splitlines() if x.strip()]
        goals = []
        for s in sdgs:
            m = _GOAL.match(s)
            goals.append(f"{m.group(1)} - {m.group(2).strip().capitalize()}" if m else s)
        out.append({
            "text": text, "countries": [state], "body": "UPR", "type": "Recommendations",
            "symbol": symbol.group() if symbol else "", "themes": themes, "persons": persons, "sdgs": goals,
            "rs": rs, "position": [cells[1].strip()], "session": [f"{ordinal(session)} session"],
            "annotation_id": annotation_id(state, session, n), "published": published,
            "published_on_uhri": dt.datetime(published.year, published.month, published.day, 11, 59)
            + dt.timedelta(days=40),
            "regions": ["Eastern Europe"], "rs_regions": [],
        })
    return out


# --- writers ------------------------------------------------------------------------------------

def _serial(value: dt.date | dt.datetime) -> float:
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return (value - _EXCEL_EPOCH).total_seconds() / 86400


def _cell(key: str, value) -> object:
    if value is None:
        return None
    if key == "published":
        return int(_serial(value))
    if key == "published_on_uhri":
        return round(_serial(value), 10)
    if isinstance(value, list):
        return "\n".join(f"- {v}" for v in value) if value else None
    return f"- {value}" if key in ("body", "type") else value


def write_xlsx(annotations: Iterable[dict], path: Path) -> Path:
    """The XLSX layout: one sheet, the 16 headers, one annotation a row."""
    import openpyxl

    from .spreadsheet import xlsx_row
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Export")
    sheet.append(list(XLSX_HEADERS))
    for a in annotations:  # texts as string cells: a recommendation that begins with "=" stays text (issue 13)
        sheet.append(xlsx_row(sheet, [_cell(k, a.get(k)) for k in _XLSX_KEYS]))
    book.save(path)
    return path


def _json_value(key: str | None, value):
    if key is None or value is None:
        return None
    if key in ("published", "published_on_uhri"):
        if not isinstance(value, dt.datetime):
            value = dt.datetime(value.year, value.month, value.day)
        return value.isoformat(timespec="milliseconds" if key == "published_on_uhri" else "seconds")
    if key in _PREFIXED_JSON:
        return f"- {value}"
    return value


def json_objects(annotations: Iterable[dict]) -> Iterator[dict]:
    for a in annotations:
        obj = {json_key: _json_value(key, a.get(key)) if key else None for json_key, key in _JSON_KEYS.items()}
        m = re.search(r"\d+", (a.get("session") or [""])[0])
        obj["UprCycle"] = _cycle_label(int(m.group())) if m and a.get("body") == "UPR" else None
        obj["DocumentId"] = annotation_id("document", a.get("symbol"))
        yield obj


def _cycle_label(session: int) -> str:
    from .sessions import cycle_of
    return f"{ordinal(cycle_of(session))} cycle"


def write_json(annotations: Iterable[dict], path: Path) -> Path:
    """The JSON layout: a top-level list of annotation objects, written as a stream."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write("[")
        for i, obj in enumerate(json_objects(annotations)):
            fh.write(",\n" if i else "\n")
            fh.write(json.dumps(obj, ensure_ascii=False))
        fh.write("\n]\n")
    return path


# --- the full-scale corpus -----------------------------------------------------------------------

#: recommendations per cycle at full scale (cycle 3: 43,229 per OHCHR; the others from the real
#: UPR Info counts and the cycle-4 average), about 160,000 in all, as the issue plans for
FULL_SCALE = {1: 21_000, 2: 35_000, 3: 43_000, 4: 61_000}
OTHER_BODIES = ("CRC", "CEDAW", "CCPR", "CESCR", "CAT", "CERD", "CRPD", "SR on the right to food")


def upr_info_pool(folder: Path) -> dict[str, list[tuple[str, list[str], str, list[str]]]]:
    """State under Review (as UPR Info spells it) -> its real recommendations
    ``(text, [recommending State], response, [issues])``, from the UPR Info export."""
    import csv
    pool: dict[str, list[tuple[str, list[str], str, list[str]]]] = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh, delimiter=";")
            next(reader, None)
            for row in reader:
                if len(row) < 11 or "unknown" in row[4].casefold():  # UPR Info's "(Unknown)" recommending State
                    continue
                issues = [i.strip() for i in row[9].split(",") if i.strip()]
                pool.setdefault(row[0].strip(), []).append((row[3].strip(), [row[4].strip()], row[7].strip(), issues))
    return pool


def scaled_annotations(pool: dict, review_sessions: dict[str, dict[int, int]], totals: dict[int, int] = FULL_SCALE,
                       other_bodies: int = 90_000) -> Iterator[dict]:
    """About ``sum(totals)`` UPR recommendation annotations for every State and cycle,
    made of each State's own real texts, plus ``other_bodies`` annotations of Treaty
    Bodies and Special Procedures (the real export holds all mechanisms).

    ``review_sessions``: State name (as in ``pool``) -> {cycle: session}."""
    states = sorted(s for s in pool if s in review_sessions)
    per_state_total = sum(len(pool[s]) for s in states) or 1
    made = 0
    for cycle, total in sorted(totals.items()):
        for state in states:
            session = review_sessions[state].get(cycle)
            if session is None:
                continue
            texts = pool[state]
            n = max(1, round(total * len(texts) / per_state_total))
            section = 80 + cycle * 20
            for i in range(n):
                text, rs, response, issues = texts[(i * 7 + cycle) % len(texts)]
                paragraph = f"{section}.{i + 1}"
                variant = "" if i < len(texts) else f" (follow-up {i // len(texts) + 1})"
                yield {
                    "text": f"{paragraph} {text}{variant} ({rs[0]});", "countries": [state], "body": "UPR",
                    "type": "Recommendations", "symbol": f"A/HRC/{session + 10}/{(made % 20) + 1}",
                    "themes": issues, "persons": [], "sdgs": ["16.3 - Promote the rule of law"] if i % 5 == 0 else [],
                    "rs": rs, "position": [response if response in ("Supported", "Noted") else "Supported"],
                    "session": [f"{ordinal(session)} session"], "annotation_id": annotation_id("scale", state, cycle, i),
                    "published": dt.date(2008, 1, 1) + dt.timedelta(days=session * 120),
                    "published_on_uhri": dt.datetime(2008, 3, 1, 10, 0) + dt.timedelta(days=session * 120),
                    "regions": [], "rs_regions": [],
                }
                made += 1
    texts = [t for s in states for t in pool[s]]
    for i in range(other_bodies):
        text = texts[(i * 13) % len(texts)][0]
        yield {"text": f"The Committee recommends that the State party {text[:1].lower()}{text[1:]}",
               "countries": [states[i % len(states)]], "body": OTHER_BODIES[i % len(OTHER_BODIES)],
               "type": "Recommendations" if i % 3 else "Concerns/Observations", "symbol": f"CRC/C/X/CO/{i % 7}",
               "themes": [], "persons": [], "sdgs": [], "rs": [], "position": [], "session": [],
               "annotation_id": annotation_id("other", i), "published": dt.date(2020, 1, 1),
               "published_on_uhri": dt.datetime(2020, 2, 1, 9, 0), "regions": [], "rs_regions": []}
