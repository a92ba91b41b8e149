"""``upr import calendar``: create ``states/sessions.yml`` from the compiled calendar table.

Source: ``<source data>/_compiled/upr_wg_sessions_1-54.csv`` (one row per Working Group
session, every value with its source; see its README). States are stored as ISO3
codes resolved with :mod:`upr.names`; the source's spelling is kept nowhere except in
``notes`` and ``sources``.

The file is generated once, then edited by hand, so the importer never overwrites it:
if it exists the command refuses, unless ``--merge``, which only fills values that are
empty in the file and reports each one (``--dry-run`` reports without writing).
"""
from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

from ..config import settings as make_settings
from ..problems import Problem, report
from ..sessions import cycle_of
from ..site import atomic_write
from ..yamlio import dump_yaml, read_text, read_yaml_file

TABLE = "_compiled/upr_wg_sessions_1-54.csv"
PLANNING_SHEET = "timeline_dates.xlsx"  # CeHDI's NGO sheet: its WG dates are approximate (README)

HEADER = """\
# UPR Working Group sessions: one entry per session. Edit by hand; `upr check` validates it.
# Created by `upr import calendar` from sources/_compiled/upr_wg_sessions_1-54.csv;
# re-running the import never overwrites what you write here (see `upr import calendar --help`).
#
# Dates:  start: {date: "2025-01-20", precision: day}    exact day, from a source
#         start: {date: "2016-01", precision: month}     only the month is known
#         start: {date: "2026-05-04", precision: approximate}   a planning date ("May 2026, approx.")
# A deadline may add the time its source gives, in Geneva time (OHCHR deadlines are 12:00 noon):
#         stakeholder_deadline: {date: "2026-10-08 12:00", precision: day}
#         (with an offset, "2026-10-08T12:00:00+02:00" or "2026-10-08T10:00:00Z", also works)
# A value without a source is left out: it is unknown and shown as "unknown". Never guess one.
# The site *projects* what is left out from the 14-session pattern (the next cycle's States,
# months and deadlines; States for a session no source lists) and labels each value
# "projected: not yet published by OHCHR". Never copy a projection here: write only sourced
# values; a sourced value always replaces the projection.
# states: upper-case ISO 3166 alpha-3 codes, in the order of review when 'order: review'.
# order:  review | alphabetical | hrc_adoption | as_listed | unknown
# pattern_departure: when a session does not review the same States as the session 14 earlier,
#   say which States depart, why, and where that is documented; the check then accepts it
#   (and still warns about any other departure):
#     pattern_departure:
#       added: [USA]        # reviewed here, not in the session 14 earlier
#       missing: [SDN]      # reviewed in the session 14 earlier, not here
#       note: >-
#         what departs and why, as the sources say it
#       sources:
#         - https://…
# When you change a date, also set 'updated' to today: calendar apps use it to see the change.
"""

ORDER = {"yes": "review", "no (alphabetical)": "alphabetical", "order of adoption at HRC": "hrc_adoption",
         "no": "as_listed", "unknown": "unknown"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
_QUALIFIER = re.compile(r"\s*\((approx\.|provisional|tentative)\)\s*$")


def _dated_values(text: str, approximate_first_of_month: bool) -> tuple[list[dict], str]:
    """``"2011-11-21 / 2011-11-28"``, ``"2020-07-09 (provisional)"``, ``"2023-12 / 2024-02 (tentative)"``
    -> (list of {date, precision[, note]}, qualifier)."""
    text = text.strip()
    qualifier = ""
    m = _QUALIFIER.search(text)
    if m:
        qualifier = m.group(1)
        text = text[:m.start()]
    out = []
    for token in (t.strip() for t in text.split("/")):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", token):
            approximate = qualifier == "approx." or (approximate_first_of_month and token.endswith("-01"))
            value = {"date": token, "precision": "approximate" if approximate else "day"}
        elif re.fullmatch(r"\d{4}-\d{2}", token):
            value = {"date": token, "precision": "approximate" if qualifier == "approx." else "month"}
        else:
            raise ValueError(f"not a date: '{token}'")
        if qualifier and qualifier != "approx.":
            value["note"] = qualifier
        out.append(value)
    return out, qualifier


def _hrc(text: str) -> dict:
    """``"HRC 11 (adoptions 9-12 June 2009)"`` -> {hrc_session: 11, date: "2009-06", precision: month, note};
    ``"HRC plenary 2026-09 (approx.)"`` -> {date: "2026-09", precision: approximate}."""
    text = text.strip()
    m = re.fullmatch(r"HRC plenary (\d{4}-\d{2}) \(approx\.\)", text)
    if m:
        return {"date": m.group(1), "precision": "approximate"}
    m = re.fullmatch(r"HRC (\d+)\s*(?:\((.*)\))?", text)
    if not m:
        raise ValueError(f"not an HRC session: '{text}'")
    out: dict = {"hrc_session": int(m.group(1))}
    note = m.group(2) or ""
    found = re.findall(r"(" + "|".join(MONTHS) + r") (\d{4})", note)
    if found:  # the source's own month, kept as month precision (never a guessed day)
        month, year = found[-1]
        out.update(date=f"{year}-{MONTHS.index(month) + 1:02d}", precision="month")
    if note:
        out["note"] = note
    return out


def _split(text: str, sep: str) -> list[str]:
    return [x.strip() for x in (text or "").split(sep) if x.strip()]


def build_entries(table: Path, index, shown: str) -> tuple[list[dict], list[Problem]]:
    """Rows of the compiled table -> session entries for sessions.yml, and problems
    (``<table>:LINE: unknown State 'X'``) for names the index cannot resolve."""
    from ..names import SUR
    problems: list[Problem] = []
    entries = []
    # csv reads quoted fields over several lines: take each row's first physical line
    reader = csv.DictReader(io.StringIO(read_text(table), newline=""))
    next_line = 2
    for row in reader:
        line_no, next_line = next_line, reader.line_num + 1
        try:
            n = int(row["session"])
            notes = [row["notes"].strip()] if row.get("notes", "").strip() else []
            sources = _split(row.get("sources", ""), "|")
            planning = bool(sources) and all(PLANNING_SHEET in s for s in sources)
            e: dict = {"session": n, "cycle": cycle_of(n)}
            if "INFERRED" in row.get("notes", ""):
                e["number_inferred"] = True
            if row.get("year", "").strip():
                e["year"] = int(row["year"])
            precision = "approximate" if planning else "day"
            if row.get("wg_start"):
                e["start"] = {"date": row["wg_start"], "precision": precision}
            if row.get("wg_end"):
                e["end"] = {"date": row["wg_end"], "precision": precision}
            if row.get("wg_month") and "start" not in e:
                first, _, second = row["wg_month"].partition("/")
                e["start"] = {"date": first, "precision": "month"}
                e["end"] = {"date": f"{first[:4]}-{second}" if second else first, "precision": "month"}

            def resolve(name: str) -> str | None:
                code, problem = index.resolve_or_problem(name, shown, line_no, SUR)
                if problem:
                    problems.append(Problem(problem.path, problem.line, f"session {n}: {problem.message}",
                                            problem.fix + ", then import again"))
                return code

            listed = [c for c in (resolve(x) for x in _split(row.get("states_listed", ""), ";")) if c]
            export = [c for c in (resolve(x) for x in _split(row.get("states_upr_info_export", ""), ";")) if c]
            states = list(dict.fromkeys(listed))
            order = ORDER.get(row.get("order_is_review_order", "").strip(), "unknown") if listed else "alphabetical"
            extra = [c for c in dict.fromkeys(export) if c not in states]
            if listed and extra:
                notes.append(f"{', '.join(extra)} added at the end from the UPR Info export (not in the listed source)")
                order = "as_listed" if order == "review" else order
            states += extra
            if states:
                e["states"] = states
                e["order"] = order
            for column, key in (("stakeholder_deadline", "stakeholder_deadline"),
                                ("national_report_deadline", "national_report_deadline")):
                if row.get(column, "").strip():
                    values, _ = _dated_values(row[column], planning)
                    first = min(values, key=lambda v: v["date"])
                    if len(values) > 1:  # keep the earliest: an NGO that meets it meets both
                        first = dict(first, note=f"the source gives {row[column].strip()}; the earliest is kept")
                    e[key] = first
            if row.get("addenda_deadline", "").strip():
                e["addenda_deadlines"] = _dated_values(row["addenda_deadline"], planning)[0]
            if row.get("hrc_adoption", "").strip():
                e["hrc_adoption"] = _hrc(row["hrc_adoption"])
            if notes:
                e["notes"] = "; ".join(notes)
            if sources:
                e["sources"] = sources
            entries.append(e)
        except (ValueError, KeyError) as exc:  # a cell the importer cannot read: name it
            problems.append(Problem(shown, line_no, f"cannot read this row: {exc}",
                                    "correct the cell in the table (dates as YYYY-MM-DD or YYYY-MM, "
                                    "adoption as 'HRC <number> (…)'), then import again"))
    return entries, problems


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def merge(existing: list[dict], new: list[dict]) -> tuple[list[dict], list[str]]:
    """Fill only the values that are empty (or missing) in ``existing``; add missing sessions.
    Returns the merged entries and one line per change."""
    by_number = {e.get("session"): e for e in existing if isinstance(e, dict)}
    changes = []
    merged = [dict(e) for e in existing]
    index = {e.get("session"): i for i, e in enumerate(merged) if isinstance(e, dict)}
    for entry in new:
        n = entry["session"]
        if n not in by_number:
            merged.append(entry)
            changes.append(f"session {n}: add the whole entry")
            continue
        target = merged[index[n]]
        for key, value in entry.items():
            if _empty(target.get(key)):
                target[key] = value
                changes.append(f"session {n}: fill {key}")
    merged.sort(key=lambda e: e.get("session", 0) if isinstance(e.get("session"), int) else 0)
    return merged, changes


def render(entries: list[dict], updated: str) -> str:
    return HEADER + "\n" + dump_yaml({"updated": updated, "sessions": entries})


def run(args) -> int:
    s = make_settings(today=args.today)
    source = Path(args.source) if args.source else s.source_data
    table = source / TABLE
    if not table.is_file():
        print(f"upr import calendar: {table} not found — pass --from <folder that holds _compiled/>",
              file=sys.stderr)
        return 2
    from ..names import default_index
    try:
        index = default_index(s)
    except ValueError as exc:
        print(f"upr import calendar: {exc}", file=sys.stderr)
        return 2
    entries, problems = build_entries(table, index, str(table))
    if problems:
        report(problems, out=sys.stderr)
        print(f"\n{len(problems)} State name(s) could not be resolved; nothing written.", file=sys.stderr)
        return 1
    target = s.sessions_file
    shown = s.rel(target)
    if not target.exists():
        if not args.dry_run:
            atomic_write(target, render(entries, s.today.isoformat()).encode("utf-8"))
        print(f"upr import calendar: {len(entries)} sessions {'would be ' if args.dry_run else ''}written "
              f"to {shown}", file=sys.stderr)
        return 0
    if not args.merge:
        print(f"upr import calendar: {shown} already exists and may hold hand edits; nothing written. "
              "Use --merge to fill only its empty values (add --dry-run to see them first).", file=sys.stderr)
        return 1
    data, load_problems = read_yaml_file(target, shown)
    if data is None or not isinstance(data, dict) or not isinstance(data.get("sessions"), list):
        report(load_problems or [Problem(shown, 1, "no 'sessions:' list", "fix the file first (upr check)")],
               out=sys.stderr)
        return 1
    merged, changes = merge(list(data["sessions"]), entries)
    for change in changes:
        print(f"{shown}: {change}")
    if not changes:
        print(f"upr import calendar: nothing to fill in {shown}.", file=sys.stderr)
        return 0
    text = read_text(target)
    own_comments = [ln for ln in text.splitlines() if ln.lstrip().startswith("#") and ln not in HEADER.splitlines()]
    if own_comments and not args.dry_run:
        print(f"upr import calendar: {shown} has comments written by hand, which rewriting would drop; "
              "nothing written. Apply the changes above by hand.", file=sys.stderr)
        return 1
    if not args.dry_run:
        updated = data.get("updated") or s.today.isoformat()
        atomic_write(target, render(merged, str(updated)).encode("utf-8"))
    print(f"upr import calendar: {len(changes)} value(s) {'would be ' if args.dry_run else ''}filled "
          f"in {shown}.", file=sys.stderr)
    return 0


def register(cli) -> None:
    from ..cli import iso_date
    p = cli.command("calendar", "create states/sessions.yml (WG sessions 1–54) from the compiled calendar table",
                    group="import")
    p.add_argument("--from", dest="source", default=None,
                   help="folder that holds _compiled/upr_wg_sessions_1-54.csv (default: the real source data)")
    p.add_argument("--merge", action="store_true",
                   help="the file exists: only fill values that are empty in it, and report each one")
    p.add_argument("--dry-run", action="store_true", help="report what would be written, write nothing")
    p.add_argument("--today", type=iso_date, default=None, help="date written as 'updated' (default: today)")
    p.set_defaults(func=run)
