"""Expected recommendation counts computed straight from the raw source files
(``sources/``, kept in the repository), independently of the importers: what the follow-up
tables and the exports must show (issue 3, "Done when").

* UPR Info export 2018 (7 files): one row per recommending State; a recommendation
  is one (State under Review, session, normalised text, response). The one row with
  an empty Session (Afghanistan, file 01-06) is counted in the only session of that
  State in the file (5), as SOURCES.md says it probably is.
* OHCHR thematic lists (Slovenia, sessions 20, 34, 48): one table row per
  recommendation; they replace the UPR Info rows of the same review.
"""
from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections import Counter
from pathlib import Path

from conftest import ROOT, source_data

UPR_INFO_DIR = "upr-info-database-export-2018__maxarvid_data-studio"
OHCHR_DIR = "ohchr-thematic-lists__Tony33344_slovenia-human-rights-tracker"
OHCHR_LISTS = {
    20: "UPR20__Slovenia_ThematicListRecommendations_E.docx",
    34: "UPR34_Slovenia_Thematic_list_of_Recommendations.docx",
    48: "upr48-slovenia-thematic-list-of-recommendatio.docx",
}


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().casefold()


@functools.lru_cache(maxsize=1)
def name_index():
    """The States as ``upr import states`` makes them from ``sources/`` (never ``states/``)."""
    from upr.commands.import_states import build_records
    from upr.names import NameIndex
    records, _ = build_records(source_data())
    return NameIndex.from_states(records)


@functools.lru_cache(maxsize=1)
def ohchr_rows() -> dict[int, list[tuple[str, str, list[str]]]]:
    """session -> [(cell 1 text, response, themes)] of Slovenia's OHCHR lists. Themes are
    the bullets of cell 3 before 'Affected persons:'/'Groups of Persons:'/'SDGs:'."""
    import docx
    out = {}
    for session, name in OHCHR_LISTS.items():
        table = docx.Document(str(source_data() / OHCHR_DIR / name)).tables[0]
        rows = []
        for row in table.rows[1:]:
            cells = [c.text for c in row.cells]
            if cells[0].startswith("Theme:"):
                continue
            themes = []
            for line in cells[2].splitlines():
                if re.match(r"^\s*(Affected persons|Groups of Persons|SDGs)\s*:", line, re.I):
                    break
                if line.strip().startswith("-"):
                    themes.append(line.strip().lstrip("-").strip())
            rows.append((cells[0], cells[1].strip().lower(), themes))
        out[session] = rows
    return out


@functools.lru_cache(maxsize=1)
def expected_counts() -> Counter:
    """Counter of (ISO3, session, response) -> number of recommendations."""
    index = name_index()
    keys: set[tuple[str, int, str, str]] = set()
    for path in sorted((source_data() / UPR_INFO_DIR).glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh, delimiter=";"))[1:]
        sessions_of: dict[str, set[str]] = {}
        for r in rows:
            if r[10].strip():
                sessions_of.setdefault(r[0].strip(), set()).add(r[10].strip())
        for r in rows:
            session = r[10].strip() or next(iter(sessions_of[r[0].strip()]))
            iso3 = index.resolve(r[0].strip())
            assert iso3, f"unknown State under Review {r[0]!r} in {path.name}"
            keys.add((iso3, int(session), normalise(r[3]), r[7].strip().lower()))
    counts = Counter((k[0], k[1], k[3]) for k in keys)
    for session, rows in ohchr_rows().items():
        for key in [k for k in counts if k[0] == "SVN" and k[1] == session]:
            del counts[key]
        for _, response, _ in rows:
            counts[("SVN", session, response)] += 1
    return counts


def counts_of_rows(rows) -> Counter:
    """Counter of (ISO3, session, response) for an iterable of (id, response)."""
    out = Counter()
    for rec_id, response in rows:
        iso3, session = rec_id.split("-")[:2]
        out[(iso3, int(session), response)] += 1
    return out


def read_export_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))
