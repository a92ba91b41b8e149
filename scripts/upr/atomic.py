"""Write several files as one step: all of them, or none (issue 8, "nothing lost").

:func:`upr.site.atomic_write` makes one file appear whole or not at all. An import
that rewrites ten files needs more: stopped after the fourth (Ctrl-C, a full disk, an
exception), it must leave the repository as it was. :func:`write_all`

1. writes every new content to a temporary file beside its target (same file system,
   so the final rename is atomic); a failure here removes the temporary files and
   touches no target;
2. then renames them over their targets, keeping a hard link to each old file; a
   failure here puts every old file back and deletes files that did not exist.

Only a power cut or ``kill -9`` during step 2 (microseconds per file) can leave a
mix; leftover ``*.tmp`` files are ignored by git (``.gitignore``).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def _file_mode() -> int:
    """0o666 less the process's current umask (0o644 with the usual 022). Read from
    /proc where it exists, because os.umask() can only be read by changing it."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _stage(target: Path, data: bytes, sync: bool = True) -> str:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file readable by its owner only; a published page or a
        # committed data file must get the usual mode (0644 with the common umask).
        os.fchmod(fd, _file_mode())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def atomic_write(target: Path, data: bytes) -> None:
    """Write one file through a temporary file and a rename, so a reader (or an
    interrupted run) never sees half a file. Build output is not fsynced (it can be
    rebuilt); :func:`write_all` is for content people keep."""
    tmp = _stage(Path(target), data, sync=False)
    try:
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _backup(target: Path) -> str | None:
    if not target.exists():
        return None
    fd, bak = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".bak.tmp")
    os.close(fd)
    os.unlink(bak)
    try:
        os.link(target, bak)  # no copy: the old bytes stay where they are
    except OSError:
        shutil.copy2(target, bak)
    return bak


def write_all(files: dict[Path, bytes]) -> list[Path]:
    """Write every ``{path: bytes}`` or none of them (see module docstring).

    Returns the paths written, in the given order. Re-raises whatever interrupted it
    (``KeyboardInterrupt`` included) after restoring every target.
    """
    staged: list[tuple[Path, str]] = []
    try:
        for path, data in files.items():
            staged.append((Path(path), _stage(Path(path), data)))
    except BaseException:
        for _, tmp in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
    done: list[tuple[Path, str | None]] = []
    try:
        for path, tmp in staged:
            bak = _backup(path)
            done.append((path, bak))
            os.replace(tmp, path)
    except BaseException:
        for path, bak in reversed(done):
            if bak is not None:
                if path.exists() and os.path.samefile(bak, path):
                    os.unlink(bak)  # never replaced (rename of two links to one file does nothing)
                else:
                    os.replace(bak, path)
            elif path.exists():
                path.unlink()
        for _, tmp in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
    for _, bak in done:
        if bak is not None and os.path.exists(bak):
            os.unlink(bak)
    return [path for path, _ in staged]
