"""``upr import recommendations FILE…``: import the UHRI export (``.json``/``.xlsx``),
UPR Info exports (``.csv``) and OHCHR thematic lists (``.docx``) into
``states/recommendations/<iso3>.csv`` (one record per recommendation: the merge rule
is in :mod:`upr.importers.store` and the README).

All or nothing: every row of every file is read and checked first; if any row is
bad, every problem is printed as ``file:row: column: reason — fix`` and nothing is
written. An import that would remove a recommendation an assessment refers to is
refused the same way. Otherwise only the files whose content changes are written,
all of them atomically. A second run with the same files writes nothing.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from ..config import settings as get_settings
from ..problems import ERROR, Problem, report


def run_import(s, files: list[Path], dataset: str | None = None, state: str | None = None,
               session: int | None = None, dry_run: bool = False, out=None):
    """Import ``files``; returns ``(exit code, summary dict)``. Used by the CLI,
    the benchmark and the tests."""
    from .. import names, recommendations as rmod
    from ..importers import ohchr_docx, store, uhri, upr_info
    from ..atomic import write_all

    out = out or sys.stdout
    problems = []
    exports, lists, uhri_exports = [], [], []
    for f in files:
        display = str(f)
        if not f.is_file() or f.is_symlink():
            problems.append(Problem(display, 0, "file not found (or a symbolic link, which is never followed)",
                                    "give the path of a .json, .xlsx, .csv or .docx file"))
        elif f.suffix.lower() in (".json", ".xlsx"):
            export, p = uhri.read_export(f, display)
            problems += p
            uhri_exports.append(export)
        elif f.suffix.lower() == ".docx":
            items, p = ohchr_docx.read_list(f, display)
            problems += p
            lists.append((f, display, items))
        elif f.suffix.lower() in (".csv", ".txt"):
            export, p = upr_info.read_export(f, display)
            problems += p
            if export:
                exports.append(export)
        else:
            problems.append(Problem(display, 0, f"unknown file type '{f.suffix}'",
                                    "give the UHRI export (.json or .xlsx), a UPR Info export (.csv) "
                                    "or an OHCHR thematic list (.docx)"))
    if dataset and not dataset.startswith(store.UPR_INFO):
        # the family prefix decides which rows a later import replaces (importers/store.py)
        problems.append(Problem("--dataset", 0, f"'{dataset}' does not start with 'UPR Info'",
                                "name UPR Info exports like 'UPR Info export 2026-01-15'"))
    try:
        index = names.default_index(s)
    except ValueError as exc:  # the State files themselves are broken: nothing to resolve names with
        print(f"upr import: {exc}", file=out)
        return 2, {"errors": 1}
    upr_new, upr_reviews, p = upr_info.to_recommendations(exports, index, dataset)
    problems += p
    calendar = None
    if uhri_exports:
        from .. import sessions
        calendar, _ = sessions.load(s)
    uhri_new, uhri_reviews, p = uhri.to_recommendations(uhri_exports, index, calendar)
    problems += p
    ohchr_new: dict[str, list] = {}
    ohchr_reviews: set = set()
    described = []  # one line per thematic list for the summary (which review, how many, by position)
    for f, display, items in lists:
        recs, review, p = ohchr_docx.to_recommendations(f, display, items, index, state, session)
        problems += p
        if review:
            if review in ohchr_reviews:
                problems.append(Problem(display, 0, f"a second list for {review[0]} session {review[1]}",
                                             "import one thematic list per review"))
            ohchr_reviews.add(review)
            ohchr_new.setdefault(review[0], []).extend(recs)
            described.append(ohchr_docx.describe(f, recs, review, index))
    folder = rmod.recommendations_dir(s)
    current, p = store.read_current(folder, s)
    problems += p
    errors = [x for x in problems if x.severity == ERROR]
    summary = {"files": len(files),
               "rows": sum(len(e.rows) for e in exports) + sum(len(i) for *_, i in lists)
               + sum(len(e.annotations) for e in uhri_exports),
               "recommendations": sum(map(len, upr_new.values())) + sum(map(len, ohchr_new.values()))
               + sum(map(len, uhri_new.values())),
               "written": 0, "unchanged": 0, "errors": len(errors)}
    for e in uhri_exports:
        print(f"upr import: {e.display}: {e.seen} annotations read; {len(e.annotations)} UPR recommendations "
              f"kept ({e.other_bodies} of other bodies, {e.not_recommendations} UPR concerns/observations "
              "or responses left out)", file=out)
    if errors:
        report(problems, out)
        print(f"\nupr import: {len(errors)} error(s); nothing was written. Fix the rows above and run "
              "the import again.", file=out)
        return 1, summary
    removed = []
    for new, reviews, fam in ((upr_new, upr_reviews, store.UPR_INFO), (ohchr_new, ohchr_reviews, store.OHCHR),
                              (uhri_new, uhri_reviews, store.UHRI)):
        if reviews:
            p, gone = store.apply(current, new, reviews, fam)
            problems += p
            removed += gone
    problems += _still_assessed(s, removed)
    touched = {iso for iso, _ in upr_reviews | ohchr_reviews | uhri_reviews}
    writes = store.planned_writes(folder, current, touched)
    errors = [x for x in problems if x.severity == ERROR]
    if errors:
        summary["errors"] = len(errors)
        report(problems, out)
        print(f"\nupr import: {len(errors)} error(s); nothing was written.", file=out)
        return 1, summary
    report(problems, out)
    if not dry_run:
        folder.mkdir(parents=True, exist_ok=True)
        write_all(writes)  # all files or none: an interrupted import changes nothing (issue 8)
    summary["written"] = len(writes)
    summary["unchanged"] = len(touched) - len(writes)
    verb = "would change" if dry_run else "changed"
    for line in described:
        print(f"upr import: {line}", file=out)
    print(f"upr import: {summary['rows']} source rows -> {summary['recommendations']} recommendations "
          f"for {len(touched)} State(s); {len(writes)} file(s) {verb}, {summary['unchanged']} unchanged.", file=out)
    return 0, summary


def _still_assessed(s, removed) -> list[Problem]:
    """An import must not remove a recommendation that an assessment (public or
    confidential) names: that would silently orphan what people wrote by hand."""
    if not removed:
        return []
    from .. import followup
    model, _ = followup.load(s, None)
    named: dict[str, list[tuple[str, int]]] = {}
    for ref in model.references:
        for rec_id in ref.recommendations:
            named.setdefault(rec_id, []).append((ref.path, ref.lines.get(rec_id, 1)))
    problems = []
    for rec in removed:
        for rec_id in (rec.id, *rec.former_ids):
            for path, line in named.get(rec_id, []):
                problems.append(Problem(
                    path, line,
                    f"{rec_id} is no longer in the imported source ({rec.source_dataset}), "
                    "but this assessment refers to it",
                    "check the source; if the recommendation was really withdrawn or renumbered, change the "
                    "assessment first, then import again"))
    return problems


def run(args) -> int:
    s = get_settings()
    started = time.perf_counter()
    code, _ = run_import(s, [Path(f) for f in args.files], args.dataset, args.state, args.session, args.dry_run)
    print(f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return code


def register(cli) -> None:
    p = cli.command("recommendations", "import the UHRI export (.json/.xlsx), UPR Info exports (.csv) and OHCHR "
                    "thematic lists (.docx) into states/recommendations/", group="import")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="UHRI export .json or .xlsx, UPR Info export .csv, or OHCHR thematic list .docx")
    p.add_argument("--dataset", help="name of the source recorded in source_dataset for .csv files "
                   "(default: from the file name, e.g. 'UPR Info export 2018-07-25')")
    p.add_argument("--state", help="State under Review of a .docx list (default: from the file name)")
    p.add_argument("--session", type=int, help="Working Group session of a .docx list (default: from the file name)")
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    p.set_defaults(func=run)
