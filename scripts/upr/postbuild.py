"""Steps run on the built ``site/`` after MkDocs. Each module that needs one adds
a function to :data:`STEPS`; each takes ``(settings, site_dir)``.

:data:`BACKGROUND` holds work that needs only the loaded content, not the built
pages (filling the spreadsheet cache): ``upr build`` runs each in a forked process
while the pages are generated — a single-threaded phase that leaves the second
core idle — and waits for them before the post-build steps."""
from __future__ import annotations

from pathlib import Path

from .config import Settings

STEPS: list = []
BACKGROUND: list = []  # functions (content) -> None


def start_background(content) -> list:
    """Start every :data:`BACKGROUND` function in a forked process; return them.
    Where fork is not available the functions are skipped: the post-build steps
    do the same work, only later."""
    import multiprocessing
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:
        return []
    procs = [ctx.Process(target=fn, args=(content,), daemon=True) for fn in BACKGROUND]
    for proc in procs:
        proc.start()
    return procs


def wait_background(procs: list) -> None:
    for proc in procs:
        proc.join()


def postbuild(settings: Settings, site_dir: Path) -> None:
    # Issue 8: sanitise before any other step (a search indexer must index clean pages)
    # and scan for private data after every step (it must see every file they write).
    # Issue 13: no metadata in published files, no remote resources, then the privacy scan;
    # the final script check comes last of all, on the site as it is published.
    from . import metadata, privacy, remote, sanitize, scriptcheck
    for step in [sanitize.postbuild_step, *STEPS, metadata.postbuild_step, remote.postbuild_step,
                 privacy.postbuild_step, scriptcheck.postbuild_step]:
        step(settings, site_dir)
