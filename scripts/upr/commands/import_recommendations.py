"""``upr import recommendations FILE…``: import UPR Info exports (``.csv``) and OHCHR
thematic lists (``.docx``) into ``states/recommendations/<iso3>.csv``.

All or nothing: every row of every file is read and checked first; if any row is
bad, every problem is printed as ``file:line: reason — fix`` and nothing is
written. Otherwise only the files whose content changes are written, each
atomically. A second run with the same files writes nothing.
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
    from ..importers import ohchr_docx, store, upr_info
    from ..atomic import write_all

    out = out or sys.stdout
    problems = []
    exports, lists = [], []
    for f in files:
        display = str(f)
        if not f.is_file():
            problems.append(Problem(display, 0, "file not found", "give the path of a .csv or .docx file"))
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
                                         "give a UPR Info export (.csv) or an OHCHR thematic list (.docx)"))
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
    ohchr_new: dict[str, list] = {}
    ohchr_reviews: set = set()
    for f, display, items in lists:
        recs, review, p = ohchr_docx.to_recommendations(f, display, items, index, state, session)
        problems += p
        if review:
            if review in ohchr_reviews:
                problems.append(Problem(display, 0, f"a second list for {review[0]} session {review[1]}",
                                             "import one thematic list per review"))
            ohchr_reviews.add(review)
            ohchr_new.setdefault(review[0], []).extend(recs)
    folder = rmod.recommendations_dir(s)
    current, p = store.read_current(folder, s)
    problems += p
    errors = [x for x in problems if x.severity == ERROR]
    summary = {"files": len(files), "rows": sum(len(e.rows) for e in exports) + sum(len(i) for *_, i in lists),
               "recommendations": sum(map(len, upr_new.values())) + sum(map(len, ohchr_new.values())),
               "written": 0, "unchanged": 0, "errors": len(errors)}
    if errors:
        report(problems, out)
        print(f"\nupr import: {len(errors)} error(s); nothing was written. Fix the rows above and run "
              "the import again.", file=out)
        return 1, summary
    problems += store.apply(current, upr_new, upr_reviews, store.UPR_INFO)
    problems += store.apply(current, ohchr_new, ohchr_reviews, store.OHCHR)
    touched = {iso for iso, _ in upr_reviews | ohchr_reviews}
    writes = store.planned_writes(folder, current, touched)
    report(problems, out)
    if not dry_run:
        folder.mkdir(parents=True, exist_ok=True)
        write_all(writes)  # all files or none: an interrupted import changes nothing (issue 8)
    summary["written"] = len(writes)
    summary["unchanged"] = len(touched) - len(writes)
    verb = "would change" if dry_run else "changed"
    print(f"upr import: {summary['rows']} source rows -> {summary['recommendations']} recommendations "
          f"for {len(touched)} State(s); {len(writes)} file(s) {verb}, {summary['unchanged']} unchanged.", file=out)
    return 0, summary


def run(args) -> int:
    s = get_settings()
    started = time.perf_counter()
    code, _ = run_import(s, [Path(f) for f in args.files], args.dataset, args.state, args.session, args.dry_run)
    print(f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return code


def register(cli) -> None:
    p = cli.command("recommendations", "import UPR Info exports (.csv) and OHCHR thematic lists (.docx) "
                    "into states/recommendations/", group="import")
    p.add_argument("files", nargs="+", metavar="FILE", help="UPR Info export .csv or OHCHR thematic list .docx")
    p.add_argument("--dataset", help="name of the source recorded in source_dataset for .csv files "
                   "(default: from the file name, e.g. 'UPR Info export 2018-07-25')")
    p.add_argument("--state", help="State under Review of a .docx list (default: from the file name)")
    p.add_argument("--session", type=int, help="Working Group session of a .docx list (default: from the file name)")
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    p.set_defaults(func=run)
