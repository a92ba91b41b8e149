"""Nothing lost (issue 8): writers are atomic, and an interrupted import changes nothing."""
from __future__ import annotations

import ast
import hashlib
import os
from pathlib import Path

import pytest

from conftest import ROOT, copy_site_root, source_data
from upr import atomic, site
from upr.config import settings


def snapshot(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (relative path -> digest)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class Interrupt:
    """Replacement for ``os.replace`` that raises KeyboardInterrupt on call number ``n``."""

    def __init__(self, n: int):
        self.n, self.calls, self.real = n, 0, os.replace

    def __call__(self, src, dst):
        self.calls += 1
        if self.calls == self.n:
            raise KeyboardInterrupt(f"interrupted at rename {self.n}")
        return self.real(src, dst)


def test_atomic_write_interrupted_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "nor.md"
    target.write_bytes(b"---\niso2: \"NO\"\n---\nHand-written.\n")
    before = snapshot(tmp_path)
    monkeypatch.setattr(os, "replace", Interrupt(1))
    with pytest.raises(KeyboardInterrupt):
        site.atomic_write(target, b"half")
    assert snapshot(tmp_path) == before  # old bytes, no temporary file left


def test_write_all_writes_every_file(tmp_path):
    files = {tmp_path / "a.csv": b"a\n", tmp_path / "sub" / "b.csv": b"b\n"}
    assert atomic.write_all(files) == list(files)
    assert snapshot(tmp_path) == {"a.csv": hashlib.sha256(b"a\n").hexdigest(),
                                  "sub/b.csv": hashlib.sha256(b"b\n").hexdigest()}


def test_write_all_failing_while_staging_touches_nothing(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"old a\n")
    before = snapshot(tmp_path)
    with pytest.raises(TypeError):
        atomic.write_all({tmp_path / "a.csv": b"new a\n", tmp_path / "b.csv": "not bytes"})
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("n", [1, 2, 3])
def test_write_all_interrupted_while_renaming_restores_everything(tmp_path, monkeypatch, n):
    (tmp_path / "a.csv").write_bytes(b"old a\n")
    (tmp_path / "c.csv").write_bytes(b"old c\n")
    before = snapshot(tmp_path)
    monkeypatch.setattr(os, "replace", Interrupt(n))
    with pytest.raises(KeyboardInterrupt):
        atomic.write_all({tmp_path / "a.csv": b"new a\n", tmp_path / "b.csv": b"new b\n",
                          tmp_path / "c.csv": b"new c\n"})
    assert snapshot(tmp_path) == before


def test_interrupted_recommendations_import_leaves_the_repository_unchanged(tmp_path, monkeypatch, site_root):
    from upr.commands.import_recommendations import run_import

    export = (source_data() / "upr-info-database-export-2018__maxarvid_data-studio"
              / "01-06-UPR-INFO-DATABASE-EXPORT-2018_07_25-20_19_03.csv")
    repo = copy_site_root(site_root, tmp_path / "repo")
    folder = repo / "states" / "recommendations"
    for iso3 in ("afg", "alb", "arg"):  # reviewed in sessions 1-6: the import rewrites them
        (folder / f"{iso3}.csv").unlink()
    before = snapshot(repo / "states")
    monkeypatch.setattr(os, "replace", Interrupt(2))
    with pytest.raises(KeyboardInterrupt):
        run_import(settings(repo), [export], out=open(os.devnull, "w"))
    assert snapshot(repo / "states") == before
    monkeypatch.undo()
    code, summary = run_import(settings(repo), [export], out=open(os.devnull, "w"))
    assert code == 0 and summary["written"] == 3
    assert {f"{i}.csv" for i in ("afg", "alb", "arg")} <= {p.name for p in folder.glob("*.csv")}


# Writers that may write directly: they write build output that is thrown away and
# rebuilt, never a file someone wrote by hand.
BUILD_OUTPUT_WRITERS = {
    "mkconfig.py": "per-language MkDocs configuration in the git-ignored build folder",
    "pages/recommendations.py": "exports written into the built site/ by a post-build step",
    "commands/bench.py": "benchmark corpus in a temporary folder",
    "benchdata.py": "UHRI-layout files for the tests and the benchmark, in a temporary folder",
    "uhri_download.py": "streams the 360 MB UHRI download into its own temporary file, renamed into place "
                        "only once checked whole (atomic by design; atomic_write would hold it in memory)",
}
_WRITE_CALLS = {"write_text", "write_bytes", "save"}


def _direct_writes(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _WRITE_CALLS:
            # document.save(buf) into a BytesIO is fine; a path argument is a direct write.
            if func.attr == "save" and not node.args:
                continue
            if func.attr == "save" and isinstance(node.args[0], ast.Name) and node.args[0].id in ("buf", "buffer", "stream"):
                continue
            lines.append(node.lineno)
        elif isinstance(func, ast.Name) and func.id == "open" and len(node.args) > 1:
            mode = node.args[1]
            if isinstance(mode, ast.Constant) and isinstance(mode.value, str) and set(mode.value) & set("wax"):
                lines.append(node.lineno)
        elif isinstance(func, ast.Attribute) and func.attr in ("copy", "copy2", "copyfile", "move") \
                and isinstance(func.value, ast.Name) and func.value.id == "shutil":
            lines.append(node.lineno)
    return lines


def test_every_writer_goes_through_atomic_write():
    package = ROOT / "scripts" / "upr"
    found = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        if rel in ("site.py", "atomic.py") or rel in BUILD_OUTPUT_WRITERS:
            continue
        found += [f"scripts/upr/{rel}:{line}" for line in _direct_writes(path)]
    assert found == [], ("write through upr.site.atomic_write (one file) or upr.atomic.write_all "
                         "(several files, all or none): " + ", ".join(found))


def test_importers_and_scaffolders_never_overwrite_hand_written_files(tmp_path, site_root):
    from conftest import run_upr

    repo = copy_site_root(site_root, tmp_path / "repo")
    env = {"UPR_ROOT": str(repo), "UPR_SOURCE_DATA": str(source_data())}
    (repo / "states" / "nor.md").write_text(
        (repo / "states" / "nor.md").read_text(encoding="utf-8") + "\nA paragraph written by hand.\n",
        encoding="utf-8")
    (repo / "states" / "sessions.yml").write_text(
        (repo / "states" / "sessions.yml").read_text(encoding="utf-8") + "# a comment written by hand\n",
        encoding="utf-8")
    group = repo / "groups" / "tgo-54" / "index.md"
    group.write_text(group.read_text(encoding="utf-8") + "\nNotes written by hand.\n", encoding="utf-8")
    before = snapshot(repo / "states") | {f"groups/{k}": v for k, v in snapshot(repo / "groups").items()}

    states = run_upr("import", "states", cwd=repo, env=env)
    calendar = run_upr("import", "calendar", cwd=repo, env=env)
    calendar_merge = run_upr("import", "calendar", "--merge", cwd=repo, env=env)
    new_group = run_upr("new", "group", "--state", "TGO", "--session", "54", cwd=repo, env=env)

    after = snapshot(repo / "states") | {f"groups/{k}": v for k, v in snapshot(repo / "groups").items()}
    assert after == before
    assert states.returncode == 0 and "kept states/nor.md" in states.stdout + states.stderr
    assert calendar.returncode == 1 and "already exists" in calendar.stderr
    assert calendar_merge.returncode in (0, 1)  # nothing to fill, or refuses to drop the comment
    assert new_group.returncode != 0


def test_written_files_follow_the_umask_not_mkstemps_owner_only_mode(tmp_path):
    """mkstemp creates 0600 files: a published page or committed data file must get
    the mode the umask gives (0644 with the usual 022), whatever the umask is now."""
    import os
    import stat

    from upr.atomic import write_all
    from upr.site import atomic_write
    for umask, want in ((0o022, 0o644), (0o077, 0o600), (0o002, 0o664)):
        old = os.umask(umask)
        try:
            atomic_write(tmp_path / "page.html", b"<p>x</p>")
            write_all({tmp_path / "a.csv": b"a", tmp_path / "b.csv": b"b"})
        finally:
            os.umask(old)
        for name in ("page.html", "a.csv", "b.csv"):
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == want, (oct(umask), name)
