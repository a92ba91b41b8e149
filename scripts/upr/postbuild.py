"""Steps run on the built ``site/`` after MkDocs. Each module that needs one adds
a function to :data:`STEPS`; each takes ``(settings, site_dir)``."""
from __future__ import annotations

from pathlib import Path

from .config import Settings

STEPS: list = []


def postbuild(settings: Settings, site_dir: Path) -> None:
    # Issue 8: sanitise before any other step (a search indexer must index clean pages)
    # and scan for private data after every step (it must see every file they write).
    from . import privacy, sanitize
    for step in [sanitize.postbuild_step, *STEPS, privacy.postbuild_step]:
        step(settings, site_dir)
