"""sources/: the raw files are in the repository and `upr check` guards them (issue 12, item 4)."""
from __future__ import annotations

import hashlib
import os

from upr import sources
from upr.config import settings


def _root(tmp_path, files: dict[str, bytes], rows: dict[str, str]):
    (tmp_path / "sources").mkdir()
    for rel, data in files.items():
        p = tmp_path / "sources" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    table = "\n".join(f"| `{rel}` | 1 | somewhere | CC BY | `{sha}` |" for rel, sha in rows.items())
    (tmp_path / "sources" / "README.md").write_text(f"# Sources\n\n| file | bytes | origin | licence | SHA-256 |\n|---|---|---|---|---|\n{table}\n")
    return settings(tmp_path)


def test_changed_missing_unlisted_and_linked_files_are_each_one_problem(tmp_path):
    good = hashlib.sha256(b"a;b\r\n").hexdigest()
    s = _root(tmp_path, {"x/a.csv": b"a;b\r\n", "x/b.csv": b"edited\n", "extra.csv": b"1\n"},
              {"x/a.csv": good, "x/b.csv": "0" * 64, "x/gone.csv": "1" * 64})
    os.symlink("/etc/passwd", tmp_path / "sources" / "passwd")
    _, problems = sources.load(s)
    text = sorted(p.format() for p in problems)
    assert len(text) == 4
    assert text[0].startswith("sources/README.md:6: sources/x/b.csv has changed since it was recorded")
    assert text[1].startswith("sources/README.md:7: sources/x/gone.csv is listed but missing")
    assert text[2].startswith("sources/extra.csv: is not listed in sources/README.md — add a row: | `extra.csv` |")
    assert hashlib.sha256(b"1\n").hexdigest() in text[2]
    assert text[3] == ("sources/passwd:1: is a symbolic link; links are never followed — "
                       "put the file itself here, not a link to it")


def test_a_clean_sources_folder_has_no_problem(tmp_path):
    s = _root(tmp_path, {"a.csv": b"x"}, {"a.csv": hashlib.sha256(b"x").hexdigest()})
    listed, problems = sources.load(s)
    assert problems == [] and [x.path for x in listed] == ["a.csv"]
