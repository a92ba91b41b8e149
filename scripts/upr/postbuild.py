"""Steps run on the built ``site/`` after MkDocs. Each module that needs one adds
a function to :data:`STEPS`; each takes ``(settings, site_dir)``."""
from __future__ import annotations

from pathlib import Path

from .config import Settings

STEPS: list = []


def postbuild(settings: Settings, site_dir: Path) -> None:
    for step in STEPS:
        step(settings, site_dir)
