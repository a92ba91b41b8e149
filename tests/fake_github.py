"""A stand-in for GitHub in the tests of workflow scripts: a working copy on main whose
``origin`` is a local bare repository, and a fake ``gh`` on the PATH that records its
arguments (one JSON list a line in ``gh.log``) and answers ``gh pr list`` with ``$GH_PRS``."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FAKE_GH = """#!{python}
import json, os, sys
with open(os.environ["GH_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
if sys.argv[1:3] == ["pr", "list"]:
    print(os.environ.get("GH_PRS", "[]"))
"""


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def publish(root: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """Commit everything in ``root`` as main, push it to a bare ``origin`` and write the fake
    ``gh``. Returns ``(origin, bin_dir, gh_log)``: put ``bin_dir`` first on the PATH and
    ``GH_LOG=gh_log`` in the environment of the script under test."""
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "-c", "user.name=maintainer", "-c", "user.email=m@example.org", "commit", "-qm", "base")
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(origin)], check=True)
    git(root, "remote", "add", "origin", str(origin))
    git(root, "push", "-q", "origin", "main")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    return origin, bin_dir, tmp_path / "gh.log"
