"""``upr bench``: measure what the issue sets targets for, and print the figures.

1. import time of the whole UPR Info 2018 export (61,014 rows) + the three OHCHR
   lists, into a temporary copy of ``states/`` (the repository is not touched);
2. load + validation time of all content (what ``upr check`` does), and of the
   recommendations alone;
3. full site build time (``upr build`` into a temporary folder), size of ``site/``,
   the largest HTML page, the built-in search index(es) and, if built, Pagefind's
   largest chunk.

4. the similarity step (repeats by meaning, :mod:`upr.similarity`) over the whole corpus,
   without its cache (what a first build or a new import of every State costs);
5. advocacy (issue 15): the largest State's lobby briefing as Word and Excel, and a
   mid-term report;

6. with ``--full-scale``: the whole mission's size (issue 12) — a UHRI export of about
   250,000 annotations (160,000 UPR recommendations for every State and cycles 1–4,
   made of each State's own real texts by :mod:`upr.benchdata`, plus Treaty Body and
   Special Procedures annotations) is written in the JSON layout, imported (time and
   peak memory) into a temporary copy of the repository, and that copy is built (time,
   CPU seconds per recommendation, site size, largest page). The export is imported over
   today's data, as the weekly workflow does, so the merge is measured too.

``upr bench --hostile-input`` prints, instead, how long each check takes on input made
to be slow (:mod:`upr.hostilebench`).

Targets (2-core machine, issue 3): load + validation ≤ 5 s; full build ≤ 60 s; no
page over 1 MB of HTML; built-in search index under 2 MB; at full scale, no page over
1 MB and build CPU per recommendation no worse than at today's size. Wall-clock
figures depend on what else runs on the machine: run it on an idle machine.
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..config import settings as get_settings

MB = 1024 * 1024
UPR_INFO = "upr-info-database-export-2018__maxarvid_data-studio"
OHCHR = "ohchr-thematic-lists__Tony33344_slovenia-human-rights-tracker"


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _fmt(n: int) -> str:
    return f"{n / MB:.2f} MB" if n >= MB / 10 else f"{n / 1024:.0f} KB"


class Timing:
    """Wall-clock and CPU seconds (user + system). CPU time hardly depends on what
    else runs on the machine; wall-clock does."""

    def __init__(self, wall: float, cpu: float):
        self.wall, self.cpu = wall, cpu

    def __str__(self) -> str:
        return f"{self.wall:.1f} s wall ({self.cpu:.1f} s CPU)"


def _run(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[Timing, subprocess.CompletedProcess]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(time.perf_counter() - started, cpu), result


def bench_import(s, out) -> bool:
    source = s.source_data
    files = sorted((source / UPR_INFO).glob("*.csv")) + sorted((source / OHCHR).glob("*.docx"))
    if not files:
        print(f"import: skipped (no source data in {source}; set UPR_SOURCE_DATA)", file=out)
        return True
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "states").mkdir()
        for f in s.states_dir.glob("*.md"):
            shutil.copy(f, root / "states" / f.name)
        shutil.copy(s.root / "mkdocs.yml", root / "mkdocs.yml")
        env = dict(os.environ, UPR_ROOT=str(root), PYTHONPATH=str(s.root / "scripts"))
        cmd = [sys.executable, "-m", "upr", "import", "recommendations", *map(str, files)]
        first, r1 = _run(cmd, root, env)
        again, r2 = _run(cmd, root, env)
        ok = r1.returncode == 0 and r2.returncode == 0
        same = all((root / "states" / "recommendations" / p.name).read_bytes() == p.read_bytes()
                   for p in (s.states_dir / "recommendations").glob("*.csv"))
        print(f"import, 61,014 UPR Info rows + 3 OHCHR lists (new process, into an empty folder): "
              f"{first}; second run (nothing to write): {again}; "
              f"result identical to the committed files: {'yes' if same else 'NO'}", file=out)
        if not ok:
            print(r1.stdout[-2000:] + r2.stdout[-2000:], file=out)
        return ok and same


def bench_load(s, out) -> bool:
    from .. import recommendations
    from ..content import load_content
    started, cpu = time.perf_counter(), time.process_time()
    corpus, _ = recommendations.load(s)
    rec = Timing(time.perf_counter() - started, time.process_time() - cpu)
    started, cpu = time.perf_counter(), time.process_time()
    content = load_content(s)
    everything = Timing(time.perf_counter() - started, time.process_time() - cpu)
    print(f"load + validation: recommendations alone {rec} ({corpus.count:,} recommendations, "
          f"{len(corpus.by_state)} States); all content (what upr check does) {everything} "
          f"[target ≤ 5 s] — {len(content.errors)} error(s)", file=out)
    bench_similarity(corpus, out)
    return everything.wall <= 5


def bench_similarity(corpus, out, label: str = "") -> None:
    """Time :func:`upr.similarity.repeats` over ``corpus`` without the cache."""
    from .. import similarity
    started, cpu = time.perf_counter(), time.process_time()
    found = similarity.repeats(corpus)
    timing = Timing(time.perf_counter() - started, time.process_time() - cpu)
    n_before = len(found.earlier)
    same = sum(1 for f in found.earlier.values() if any(m.same_text for m in f))
    print(f"{label}similarity (repeats by meaning, no cache): {timing} for {corpus.count:,} recommendations "
          f"of {len(corpus.by_state)} States; {n_before:,} asked before in an earlier cycle "
          f"({same:,} with the same text); a build reads unchanged States from build/cache/similarity", file=out)


def bench_advocacy(s, out) -> bool:
    """Issue 15: the biggest State's lobby briefing (its repeats from upr.similarity,
    timed by :func:`bench_similarity`) as Word and Excel, and a mid-term report."""
    from .. import briefing, midterm, reports
    from ..content import load_content
    content = load_content(s)
    corpus, fu = content.recommendations, content.followup.public
    iso3 = max(corpus.by_state, key=lambda c: len(corpus.by_state[c]))
    review = briefing.next_review(content.sessions, iso3, s.today)
    if review is None:
        return True
    b = briefing.build(corpus, fu, review)
    started, cpu = time.perf_counter(), time.process_time()
    sizes = [len(reports.briefing_docx(b, content.states.name)), len(reports.briefing_xlsx(b, content.states.name))]
    files = Timing(time.perf_counter() - started, time.process_time() - cpu)
    print(f"advocacy: briefing of {iso3} ({len(b.rows)} earlier recommendations), Word + Excel: {files} "
          f"({_fmt(sizes[0])} + {_fmt(sizes[1])})", file=out)
    cycle = max(r.cycle for r in corpus.by_state[iso3])
    started, cpu = time.perf_counter(), time.process_time()
    raw = reports.midterm_docx(midterm.build(corpus, fu, iso3, cycle), content.states.name)
    print(f"  mid-term report of {iso3}, cycle {cycle}: {Timing(time.perf_counter() - started, time.process_time() - cpu)}"
          f" ({_fmt(len(raw))})", file=out)
    return True


FIGURES: dict[str, float] = {}  # CPU ms per recommendation, by corpus size


def bench_build(s, out) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(s.root / "scripts"))
        seconds, result = _run([sys.executable, "-m", "upr", "build", "--out", tmp], s.root, env)
        site = Path(tmp) / "site"
        if result.returncode or not site.is_dir():
            print(f"full build: FAILED after {seconds}\n{result.stderr[-3000:]}", file=out)
            return False
        pages = list(site.rglob("*.html"))
        largest = max(pages, key=lambda p: p.stat().st_size)
        indexes = list(site.rglob("search_index.json"))
        biggest_index = max((p.stat().st_size for p in indexes), default=0)
        from .. import recommendations
        count = recommendations.load(s)[0].count
        FIGURES["today"] = seconds.cpu / max(count, 1) * 1000
        print(f"full build (upr build: check + generate + MkDocs, all languages): {seconds} [target ≤ 60 s]; "
              f"{FIGURES['today']:.2f} ms CPU per recommendation ({count:,})", file=out)
        phases = [ln for ln in result.stderr.splitlines() if ln.startswith("upr build:")]
        if phases:  # upr build's own split: generate / MkDocs / post-build
            print("  " + phases[-1].split(" -> ")[0], file=out)
        for line in phases:  # the sanitiser and the final script check (issue 13) say what they cost
            if line.startswith(("upr build: sanitised", "upr build: final script check")):
                print("  " + line[len("upr build: "):], file=out)
        print(f"site/: {_fmt(_size(site))}, {len(pages):,} HTML pages", file=out)
        print(f"largest HTML page: {largest.relative_to(site)} {_fmt(largest.stat().st_size)} [target < 1 MB]",
              file=out)
        print(f"built-in search index: {len(indexes)} file(s), largest {_fmt(biggest_index)} [target < 2 MB]",
              file=out)
        pagefind = [p for p in site.rglob("pagefind") if p.is_dir()]
        if pagefind:
            chunks = [f for d in pagefind for f in d.rglob("*") if f.is_file() and f.suffix == ".pf_fragment"
                      or f.is_file() and "index" in f.parent.name]
            biggest = max((f.stat().st_size for f in chunks), default=0)
            print(f"Pagefind: {_fmt(sum(_size(d) for d in pagefind))} in all, largest index chunk {_fmt(biggest)}",
                  file=out)
        return seconds.wall <= 60 and largest.stat().st_size <= MB and biggest_index < 2 * MB


def _build_report(site: Path, timing: Timing, count: int, out) -> tuple[int, float]:
    pages = list(site.rglob("*.html"))
    largest = max(pages, key=lambda p: p.stat().st_size)
    per = timing.cpu / max(count, 1) * 1000
    print(f"  build: {timing}; {per:.2f} ms CPU per recommendation ({count:,} recommendations)", file=out)
    print(f"  site/: {_fmt(_size(site))}, {len(pages):,} HTML pages; largest HTML page: "
          f"{largest.relative_to(site)} {_fmt(largest.stat().st_size)} [target < 1 MB]", file=out)
    return largest.stat().st_size, per


_COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "build", "site", "__pycache__", ".output", "node_modules",
                                      ".pytest_cache")


def bench_full_scale(s, out, total: int) -> bool:
    """Import and build the whole mission's size (module docstring, item 4)."""
    from .. import benchdata, names, sessions
    from ..recommendations import cycle_of
    scale = {c: round(n * total / sum(benchdata.FULL_SCALE.values())) for c, n in benchdata.FULL_SCALE.items()}
    index = names.default_index(s)
    calendar, _ = sessions.load(s)
    pool = benchdata.upr_info_pool(s.source_data / UPR_INFO)
    review: dict[str, dict[int, int]] = {}
    for name in pool:
        iso3 = index.resolve(name)
        if not iso3:
            continue
        found = {sess.cycle: sess.number for sess in calendar.sessions.values() if iso3 in sess.states}
        base = next((found[c] - 14 * (c - 2) for c in (2, 3, 4) if c in found), None)
        if base is None:
            continue
        review[name] = {c: found.get(c, base + 14 * (c - 2)) for c in range(1, 5) if c > 1 or 1 in found}
        review[name] = {c: n for c, n in review[name].items() if n >= 1 and cycle_of(n) == c}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        root = tmp / "repo"
        # over today's data, as the weekly import does: the merge with the UPR Info and OHCHR-list
        # records is part of what is measured, and every assessment keeps its recommendation
        shutil.copytree(s.root, root, ignore=_COPY_IGNORE, symlinks=True)
        export = tmp / "export-full-en.json"
        started = time.perf_counter()
        benchdata.write_json(benchdata.scaled_annotations(pool, review, scale), export)
        print(f"full scale: UHRI export written in the JSON layout: {_fmt(export.stat().st_size)} "
              f"in {time.perf_counter() - started:.1f} s", file=out)
        env = dict(os.environ, UPR_ROOT=str(root), PYTHONPATH=str(s.root / "scripts"), NO_MKDOCS_2_WARNING="1")
        # the import in its own process, which reports its own peak memory (resident set)
        cmd = [sys.executable, "-c", "import resource, sys; from upr.cli import main; code = main(sys.argv[1:]); "
               "print(f'peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB'); "
               "sys.exit(code)", "import", "recommendations", str(export)]
        timing, result = _run(cmd, root, env)
        peak = next((ln for ln in result.stdout.splitlines() if ln.startswith("peak memory")), "peak memory unknown")
        summary = [ln for ln in result.stdout.splitlines() if ln.startswith("upr import:")]
        print(f"  import: {timing}; {peak}", file=out)
        for line in summary:
            print(f"  {line}", file=out)
        if result.returncode:
            print(result.stdout[-3000:], file=out)
            return False
        from .. import recommendations
        from ..config import settings as make_settings
        corpus, _ = recommendations.load(make_settings(root))
        bench_similarity(corpus, out, "  ")
        timing, result = _run([sys.executable, "-m", "upr", "build", "--out", str(tmp / "out")], root, env)
        if result.returncode:
            print(f"  build FAILED after {timing}\n{result.stderr[-3000:]}", file=out)
            return False
        phases = [ln for ln in result.stderr.splitlines() if ln.startswith("upr build:")]
        if phases:
            print("  " + phases[-1].split(" -> ")[0], file=out)
        largest, per = _build_report(tmp / "out" / "site", timing, corpus.count, out)
        FIGURES["full scale"] = per
        today = FIGURES.get("today")
        if today:
            print(f"  build CPU per recommendation: {per:.2f} ms at full scale vs {today:.2f} ms at today's size "
                  f"[target: no worse]", file=out)
        return largest <= MB and (today is None or per <= today)


def run(args) -> int:
    s = get_settings()
    out = sys.stdout
    print(f"upr bench on {os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.1f}", file=out)
    if args.hostile_input:  # its own run: it takes minutes and has no targets, only figures
        from ..hostilebench import run as hostile
        hostile(out)
        return 0
    ok = True
    if not args.skip_import:
        ok &= bench_import(s, out)
    ok &= bench_load(s, out)
    ok &= bench_advocacy(s, out)
    if not args.skip_build:
        ok &= bench_build(s, out)
    if args.full_scale:
        ok &= bench_full_scale(s, out, args.full_scale)
    print("all targets met" if ok else "some targets NOT met (see above)", file=out)
    return 0 if ok else 1


def register(cli) -> None:
    p = cli.command("bench", "measure import, load + validation and site build; print the figures")
    p.add_argument("--skip-import", action="store_true", help="do not time the import of the corpus")
    p.add_argument("--skip-build", action="store_true", help="do not time the full site build")
    p.add_argument("--full-scale", type=int, nargs="?", const=160_000, default=0, metavar="N",
                   help="also import and build a UHRI export of N UPR recommendations (default 160000) for "
                        "every State and cycle, made of real texts (several minutes)")
    p.add_argument("--hostile-input", action="store_true",
                   help="instead: time every check on 100 KB lines made to be slow, YAML and zip bombs, and "
                        "Python-Markdown at the limits of upr check (issue 13; see upr.hostilebench)")
    p.set_defaults(func=run)
