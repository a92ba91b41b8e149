"""Where things are, and the few settings of a build, in one place.

The repository root is the folder that holds ``mkdocs.yml``: found from the
current directory upwards, or set with the ``UPR_ROOT`` environment variable.
Real source data (used by importers and by tests that compare against the
sources) is in ``<root>/sources`` (``UPR_SOURCE_DATA`` points elsewhere).
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES = ("en", "fr", "es")
DEFAULT_LANGUAGE = "en"


def find_root(start: Path | None = None) -> Path:
    """Return the repository root. Raises FileNotFoundError with a hint if none."""
    env = os.environ.get("UPR_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "scripts" / "upr").is_dir():
            return folder
    raise FileNotFoundError(
        "not inside the UPR Platform repository (no mkdocs.yml found); "
        "run the command from the repository folder or set UPR_ROOT")


@dataclass
class Settings:
    """Paths and build settings. ``today`` is the date countdowns are computed from
    (the build date unless ``--today`` is given)."""

    root: Path
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def states_dir(self) -> Path:
        return self.root / "states"

    @property
    def groups_dir(self) -> Path:
        return self.root / "groups"

    @property
    def tools_dir(self) -> Path:
        return self.root / "tools_library"

    @property
    def docs_dir(self) -> Path:
        """Hand-written site pages."""
        return self.root / "docs"

    @property
    def build_dir(self) -> Path:
        """Git-ignored folder of generated pages that MkDocs renders (``docs_dir``)."""
        return self.root / "build" / "docs"

    @property
    def sessions_file(self) -> Path:
        return self.root / "states" / "sessions.yml"

    @property
    def source_data(self) -> Path:
        env = os.environ.get("UPR_SOURCE_DATA")
        return Path(env) if env else (self.root / "sources")

    def rel(self, path: Path) -> str:
        """Path as shown in messages: relative to the root, with forward slashes."""
        try:
            # abspath, not resolve: a symbolic link is named where it is, never where it points
            return Path(os.path.abspath(path)).relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


def settings(root: Path | None = None, today: dt.date | None = None) -> Settings:
    s = Settings(root=(root or find_root()).resolve())
    if today:
        s.today = today
    return s
