"""Generate the pages MkDocs renders, into the git-ignored ``build/docs``.

The hand-written pages of ``docs/`` are copied first, then every generator in
:mod:`upr.pages` writes its pages. A file is rewritten only when its bytes change
(so ``mkdocs serve`` reloads only what changed), and files left from an earlier
run that no generator wrote are removed. ``mkdocs.yml`` points ``docs_dir`` at
``build/docs``, so any Material-compatible builder can render the result.
"""
from __future__ import annotations

import importlib
import os
import pkgutil
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import pages
from .config import Settings
from .content import Content


@dataclass
class BuildContext:
    """What a page generator gets: the settings, the loaded content and ``write``."""

    settings: Settings
    content: Content
    out_dir: Path
    written: set[str] = field(default_factory=set)

    @property
    def today(self):
        return self.settings.today

    def write(self, rel: str, data: str | bytes) -> Path:
        """Write ``data`` to ``out_dir/rel`` (atomically, only if it changed)."""
        target = self.out_dir / rel
        self.written.add(Path(rel).as_posix())
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if target.is_file() and target.read_bytes() == raw:
            return target
        atomic_write(target, raw)
        return target


def atomic_write(target: Path, raw: bytes) -> None:
    """Write bytes through a temporary file and rename, so a reader (or an
    interrupted run) never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def generators():
    """Page generator modules of :mod:`upr.pages`, in name order."""
    for info in sorted(pkgutil.iter_modules(pages.__path__), key=lambda m: m.name):
        yield importlib.import_module(f"{pages.__name__}.{info.name}")


def generate(settings: Settings, content: Content, out_dir: Path | None = None) -> BuildContext:
    """Copy ``docs/`` and run every generator into ``out_dir`` (default ``build/docs``).

    Returns the context (``ctx.written`` lists the files of this run).
    """
    out = out_dir or settings.build_dir
    out.mkdir(parents=True, exist_ok=True)
    ctx = BuildContext(settings=settings, content=content, out_dir=out)
    docs = settings.docs_dir
    for src in sorted(docs.rglob("*")):
        if src.is_file():
            ctx.write(src.relative_to(docs).as_posix(), src.read_bytes())
    for module in generators():
        module.generate(ctx)
    for old in sorted(out.rglob("*"), reverse=True):
        rel = old.relative_to(out).as_posix()
        if old.is_file() and rel not in ctx.written:
            old.unlink()
        elif old.is_dir() and not any(old.iterdir()):
            old.rmdir()
    return ctx


def clean(out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
