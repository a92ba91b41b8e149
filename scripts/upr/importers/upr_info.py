"""Import a UPR Info database export (CSV) into recommendations.

Layouts, read by POSITION (the 2018 header repeats ``Rgrp`` and ``Org``, case 31):

* 2018: ``SuR;Rgrp;Org;Recommendation;RS;Rgrp;Org;Response;Action;Issue;Session``
  (semicolon, UTF-8 with BOM, CRLF; ``Response`` Supported/Noted);
* 2015: ``To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session``
  (comma, Mac Roman, CR line endings; ``Response`` Accepted/Noted);
* either re-saved by Excel (Windows-1252, another delimiter): see :mod:`.csvread`.

Any other header is refused; a header with repeated names that is not one of
these layouts is refused naming the columns.

From rows to recommendations (one row per recommending State -> one per text): rows
of the same State under Review, session, normalised text and response are merged;
their recommending States are listed in source order (a State listed twice, e.g. an
exactly duplicated row, once). Issues are the union in source order; the action
category is the first one given. ``source_rows`` lists the physical lines of the
merged rows (``file.csv:2,17,40-41``, a range meaning consecutive record lines; the
entries of several files are joined with ``|``).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..names import name_key
from .. import recommendations as rmod
from ..names import RS, SUR, NameIndex
from ..problems import WARNING, Problem
from .csvread import duplicate_columns, read_table

LAYOUT_2018 = ("SuR", "Rgrp", "Org", "Recommendation", "RS", "Rgrp", "Org", "Response", "Action", "Issue", "Session")
LAYOUT_2015 = ("To", "To-Rgrp", "To-Org", "Text", "From", "From-Rgrp", "From-Org", "Response", "Action", "Issue", "Session")
LAYOUTS = {LAYOUT_2018: "2018", LAYOUT_2015: "2015"}

#: UPR Info's response words -> our vocabulary. "Accepted" (2015 export) = supported;
#: cycle 1 "rejected" is what OHCHR now records as noted.
RESPONSE_MAP = {
    "supported": "supported", "accepted": "supported",
    "noted": "noted", "rejected": "noted",
    "supported in part": "supported in part", "partially supported": "supported in part",
    "partially accepted": "supported in part",
    "pending": "pending", "will be examined": "pending",
    "no clear position": "no clear position", "general response": "no clear position",
}

FAMILY = "UPR Info"
UNKNOWN = "(unknown)"


@dataclass
class Row:
    """One source row (one recommendation from one recommending State)."""

    file: str
    line: int
    sur: str
    sur_group: str
    sur_orgs: str
    text: str
    rs: str
    rs_group: str
    rs_orgs: str
    response: str
    action: int | None
    issues: list[str]
    session: int | None


@dataclass
class Export:
    """One export file read and checked for structure (no State names yet)."""

    path: Path
    display: str
    layout: str
    rows: list[Row] = field(default_factory=list)


def dataset_name(path: Path) -> str:
    """``UPR Info export 2018-07-25`` from the export's file name, else
    ``UPR Info export`` (override with ``upr import recommendations --dataset``)."""
    m = re.search(r"EXPORT-(\d{4})_(\d{2})_(\d{2})", path.name, re.IGNORECASE)
    return f"UPR Info export {m.group(1)}-{m.group(2)}-{m.group(3)}" if m else "UPR Info export"


def read_export(path: Path, display: str) -> tuple[Export | None, list[Problem]]:
    """Read one export; every bad row is a problem ``display:line: reason``."""
    table, problems = read_table(path, display)
    if table is None:
        return None, problems
    header = tuple(h.lstrip("\ufeff").strip() for h in table.header)
    layout = LAYOUTS.get(header)
    if layout is None:
        dups = duplicate_columns(list(header))
        if dups:
            problems.append(Problem(display, 1, f"duplicate column names: {dups}",
                                    "give every column its own name, or use the UPR Info export layout unchanged"))
        else:
            problems.append(Problem(display, 1, "the header is not a UPR Info export layout",
                                    "the first line must be " + ";".join(LAYOUT_2018)))
        return None, problems
    export = Export(Path(path), display, layout)
    name = Path(path).name
    for line, f in table.records:
        f = [v.strip() for v in f]
        bad = len(problems)
        response = RESPONSE_MAP.get(" ".join(f[7].split()).casefold())
        if response is None:
            problems.append(Problem(display, line, f"response '{f[7]}' is not a UPR response",
                                    "write Supported, Noted, Supported in part, Pending or No clear position"))
        action = None
        if f[8]:
            if f[8] in ("1", "2", "3", "4", "5"):
                action = int(f[8])
            else:
                problems.append(Problem(display, line, f"action category '{f[8]}' is not 1–5",
                                        "write 1, 2, 3, 4 or 5, or leave it empty"))
        session = None
        if f[10]:
            if f[10].isdigit() and int(f[10]) >= 1:
                session = int(f[10])
            else:
                problems.append(Problem(display, line, f"session '{f[10]}' is not a session number",
                                        "write the Working Group session number, e.g. 20"))
        if not f[3]:
            problems.append(Problem(display, line, "the recommendation text is empty",
                                    "copy the text from the source"))
        if len(problems) == bad:
            issues = [rmod.list_item(i) for i in f[9].split(",") if i.strip()]
            export.rows.append(Row(name, line, f[0], f[1], f[2], rmod.clean_text(f[3]), f[4], f[5], f[6],
                                   response, action, issues, session))
    _infer_missing_sessions(export, problems)
    return export, problems


def _infer_missing_sessions(export: Export, problems: list[Problem]) -> None:
    """A row without a session (one in the real 2018 export: Afghanistan/United
    Kingdom) takes the session of its State under Review when that State has
    exactly one session in the same file; otherwise it is an error."""
    missing = [r for r in export.rows if r.session is None]
    if not missing:
        return
    sessions: dict[str, set[int]] = {}
    for r in export.rows:
        if r.session is not None:
            sessions.setdefault(name_key(r.sur), set()).add(r.session)
    for r in missing:
        found = sessions.get(name_key(r.sur), set())  # the same folding as NameIndex
        if len(found) == 1:
            r.session = next(iter(found))
            problems.append(Problem(export.display, r.line,
                                    f"no session; taken as {r.session}, the only session of {r.sur} in this file",
                                    "add the session number to the source row", severity=WARNING))
        else:
            problems.append(Problem(export.display, r.line, "the session is empty",
                                    "write the Working Group session number"))
            export.rows.remove(r)


def compress_lines(lines: list[int]) -> str:
    """``[2, 3, 4, 17]`` -> ``"2-4,17"``."""
    parts: list[str] = []
    run: list[int] = []
    for n in lines:
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            parts.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [n]
    if run:
        parts.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
    return ",".join(parts)


def to_recommendations(exports: list[Export], index: NameIndex, dataset: str | None = None
                       ) -> tuple[dict[str, list[rmod.Recommendation]], set[tuple[str, int]], list[Problem]]:
    """Resolve State names and merge rows into recommendations.

    Returns ``(by_state, reviews, problems)``: recommendations keyed by ISO3 of the
    State under Review, the set of (ISO3, session) reviews the exports cover, and a
    problem for every unknown State name (never dropped, created or merged)."""
    problems: list[Problem] = []
    groups: dict[tuple, dict] = {}
    order: list[tuple] = []
    for export in exports:
        label = dataset or dataset_name(export.path)
        for r in export.rows:
            sur, p1 = index.resolve_or_problem(r.sur, export.display, r.line, SUR)
            if html.unescape(r.rs).strip().casefold() == UNKNOWN:
                # UPR Info's own marker (9 rows, Indonesia, session 1): the source does
                # not record who recommended it. Kept with no recommending State.
                rs, p2 = "", Problem(export.display, r.line, "recommending State not recorded in the source "
                                     f"('{r.rs}'); imported without one", "", severity=WARNING)
            else:
                rs, p2 = index.resolve_or_problem(r.rs, export.display, r.line, RS)
            for p in (p1, p2):
                if p:
                    problems.append(p)
            if not sur or rs is None:
                continue
            key = (sur, r.session, rmod.normalise_text(r.text), r.response)
            g = groups.get(key)
            if g is None:
                g = groups[key] = {"row": r, "rs": [], "issues": [], "action": r.action,
                                   "lines": {}, "dataset": label}
                order.append(key)
            if rs and rs not in g["rs"]:
                g["rs"].append(rs)
            for issue in r.issues:
                if issue not in g["issues"]:
                    g["issues"].append(issue)
            if g["action"] is None:
                g["action"] = r.action
            g["lines"].setdefault(r.file, []).append(r.line)
    by_state: dict[str, list[rmod.Recommendation]] = {}
    reviews: set[tuple[str, int]] = set()
    used: set[str] = set()
    for key in order:
        sur, session, _, response = key
        g = groups[key]
        base = rmod.make_id(sur, session, text=g["row"].text)
        rid, n = base, 1
        while rid in used:
            n += 1
            rid = f"{base}-{n}"
        used.add(rid)
        rows = rmod.ROWS_SEPARATOR.join(f"{rmod.rows_file(f)}:{compress_lines(sorted(lines))}"
                                        for f, lines in g["lines"].items())
        rec = rmod.Recommendation(
            rid, sur, rmod.cycle_of(session), session, "", g["row"].text, g["rs"], response,
            g["action"], g["issues"], [], [], g["dataset"], "", rows)
        by_state.setdefault(sur, []).append(rec)
        reviews.add((sur, session))
    return by_state, reviews, problems
