"""The importer on the real sources (sources/), and re-import idempotency.

The real UPR Info export and Slovenia's OHCHR lists are imported into a fixture root
(never the repository's own states/), then counts are recomputed here from the raw
files with the csv module and python-docx, independently of the importer's code
paths, and compared with what :func:`upr.recommendations.load` reads back.
"""
from __future__ import annotations

import csv
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from conftest import run_upr, source_data
from upr import names, recommendations
from upr.config import settings

UPR_DIR = "upr-info-database-export-2018__maxarvid_data-studio"
OHCHR_DIR = "ohchr-thematic-lists__Tony33344_slovenia-human-rights-tracker"
RESPONSE = {"Supported": "supported", "Noted": "noted"}


def source_files() -> list[Path]:
    return sorted((source_data() / UPR_DIR).glob("*.csv")) + sorted((source_data() / OHCHR_DIR).glob("*.docx"))


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    """A root with no State files (the name index comes from sources/) and every real
    source imported."""
    root = tmp_path_factory.mktemp("imported")
    (root / "states" / "recommendations").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: fixture\n")
    result = run_upr("import", "recommendations", *map(str, source_files()),
                     env={"UPR_ROOT": str(root), "UPR_SOURCE_DATA": str(source_data())})
    assert result.returncode == 0, result.stdout
    return root


@pytest.fixture(scope="module")
def corpus(imported):
    corpus, problems = recommendations.load(settings(imported))
    assert problems == []
    return corpus


@pytest.fixture(scope="module")
def index(imported):
    import os
    os.environ.setdefault("UPR_SOURCE_DATA", str(source_data()))
    return names.default_index(settings(imported))


@pytest.fixture(scope="module")
def raw_rows():
    """{(file, line): (SuR name, RS name, response, session)} of the 2018 export."""
    rows = {}
    for path in sorted((source_data() / UPR_DIR).glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f, delimiter=";")
            next(reader)
            start = 2
            for rec in reader:
                rows[(path.name, start)] = (rec[0], rec[4], RESPONSE[rec[7]], rec[10])
                start = reader.line_num + 1
    return rows


def expand(source_rows: str):
    """``"a.csv:2-4,9|b.docx:12"`` -> [("a.csv", 2), ("a.csv", 3), ("a.csv", 4), ("a.csv", 9), ("b.docx", 12)]."""
    out = []
    for part in filter(None, source_rows.split("|")):
        name, _, lines = part.rpartition(":")
        for piece in lines.split(","):
            a, _, b = piece.partition("-")
            out += [(name, n) for n in range(int(a), int(b or a) + 1)]
    return out


def test_raw_export_has_the_documented_size(raw_rows):
    assert len(raw_rows) == 61014
    assert Counter(v[2] for v in raw_rows.values()) == {"supported": 44606, "noted": 16408}


def test_every_raw_row_is_in_exactly_one_recommendation(corpus, raw_rows):
    seen = Counter()
    for rec in corpus:
        for name, line in expand(rec.source_rows):
            if name.endswith(".csv"):
                seen[(name, line)] += 1
    assert set(seen) == set(raw_rows)
    assert max(seen.values()) == 1


def test_counts_per_state_session_and_response_equal_the_export(corpus, raw_rows, index):
    raw = Counter()
    for sur, _, response, session in raw_rows.values():
        raw[(index.resolve(sur), int(session) if session else 5, response)] += 1
    ours = Counter()
    for rec in corpus:
        n = sum(1 for name, _ in expand(rec.source_rows) if name.endswith(".csv"))
        ours[(rec.state_under_review, rec.session, rec.response)] += n
    assert ours == raw
    assert raw[("NOR", 6, "supported")] == ours[("NOR", 6, "supported")] == 91


def test_one_row_per_text_merges_recommending_states(corpus):
    # UPR Info has one row per recommending State; merged rows list all of them in source order
    merged = [r for r in corpus if len(r.recommending_states) > 1 and r.source_dataset.startswith("UPR Info")]
    assert len(merged) > 1000
    sample = merged[0]
    assert len(expand(sample.source_rows)) >= len(sample.recommending_states)


def docx_counts(path: Path) -> Counter:
    import docx
    table = docx.Document(str(path)).tables[0]
    return Counter(row.cells[1].text.strip().lower() for row in table.rows[1:]
                   if not row.cells[0].text.strip().startswith("Theme:"))


@pytest.mark.parametrize("session,name,total,supported,noted", [
    (20, "UPR20__Slovenia_ThematicListRecommendations_E.docx", 163, 142, 21),
    (34, "UPR34_Slovenia_Thematic_list_of_Recommendations.docx", 215, 182, 33),
    (48, "upr48-slovenia-thematic-list-of-recommendatio.docx", 254, 217, 37),
])
def test_slovenia_ohchr_lists(corpus, session, name, total, supported, noted):
    raw = docx_counts(source_data() / OHCHR_DIR / name)
    assert raw == {"supported": supported, "noted": noted}
    recs = [r for r in corpus.by_state["SVN"] if r.session == session]
    assert len(recs) == total
    assert Counter(r.response for r in recs) == raw
    assert all(r.paragraph and r.datasets[0] == "OHCHR thematic list" for r in recs)


def test_slovenia_known_recommendations(corpus):
    rec = corpus.by_id["SVN-48-140.7"]
    assert rec.text == "Ratify the Optional Protocol to the International Covenant on Economic, Social and Cultural Rights"
    assert rec.recommending_states == ["MDV", "PRT"]
    assert rec.source_symbol == "A/HRC/59/15/Add.1"
    assert rec.sdgs == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert rec.affected_persons == ["Public officials"]
    assert rec.cycle == 4
    # 115.10 is not 115.1
    assert corpus.by_id["SVN-20-115.10"].text == "Ratify ICRMW"
    assert corpus.by_id["SVN-20-115.1"].recommending_states == ["HRV"]
    # brackets that are not States stay in the text
    assert corpus.by_id["SVN-20-115.6"].text.endswith("(ICRMW)")
    assert corpus.by_id["SVN-20-115.6"].recommending_states == ["IRN"]
    # session 20 is in both sources: UPR Info's rows are absorbed into OHCHR's (action category)
    s20 = [r for r in corpus.by_state["SVN"] if r.session == 20]
    assert sum(r.action_category is not None for r in s20) == 163
    assert sum(len([x for x in expand(r.source_rows) if x[0].endswith(".csv")]) for r in s20) == 180


def test_unknown_recommending_state_rows_are_kept_without_state(corpus):
    rows = [r for r in corpus.by_state["IDN"] if r.session == 1 and not r.recommending_states]
    assert 1 <= len(rows) <= 9
    assert sum(len(expand(r.source_rows)) for r in rows) >= len(rows)


def test_reimport_leaves_git_status_clean(tmp_path, imported):
    root = tmp_path / "repo"
    shutil.copytree(imported, root)
    git = ["git", "-C", str(root)]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"], check=True)
    files = source_files()
    env = {"UPR_ROOT": str(root), "UPR_SOURCE_DATA": str(source_data())}
    result = run_upr("import", "recommendations", *map(str, files), env=env)
    assert result.returncode == 0, result.stdout
    assert "0 file(s) changed, 193 unchanged" in result.stdout
    status = subprocess.run(git + ["status", "--porcelain"], capture_output=True, text=True, check=True)
    assert status.stdout == ""
    # a partial re-import (one export file, then one OHCHR list) changes nothing either
    for subset in (files[4:5], files[7:8]):
        result = run_upr("import", "recommendations", *map(str, subset), env=env)
        assert result.returncode == 0 and " 0 file(s) changed" in result.stdout
    assert subprocess.run(git + ["status", "--porcelain"], capture_output=True, text=True).stdout == ""


def test_newer_export_changes_only_what_changed(tmp_path, imported):
    root = tmp_path / "repo"
    shutil.copytree(imported, root)
    before = {p.name: p.read_bytes() for p in (root / "states" / "recommendations").glob("*.csv")}
    src = source_data() / UPR_DIR / "19-21-UPR-INFO-DATABASE-EXPORT-2018_07_25-20_23_33.csv"
    text = src.read_bytes().decode("utf-8-sig")
    # the "newer export": one response changed for Albania (session 19)
    lines = text.split("\r\n")
    i = next(i for i, ln in enumerate(lines) if ln.startswith("Albania;") and ";Noted;" in ln)
    lines[i] = lines[i].replace(";Noted;", ";Supported;")
    newer = tmp_path / "19-21-UPR-INFO-DATABASE-EXPORT-2026_01_01-00_00_00.csv"
    newer.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))
    result = run_upr("import", "recommendations", str(newer),
                     env={"UPR_ROOT": str(root), "UPR_SOURCE_DATA": str(source_data())})
    assert result.returncode == 0, result.stdout
    after = {p.name: p.read_bytes() for p in (root / "states" / "recommendations").glob("*.csv")}
    changed = sorted(n for n in after if after[n] != before[n])
    assert changed == ["alb.csv"]
    old_alb = before["alb.csv"].decode().splitlines()
    new_alb = after["alb.csv"].decode().splitlines()
    gone = [ln for ln in old_alb if ln not in new_alb]
    added = [ln for ln in new_alb if ln not in old_alb]
    assert len(gone) == len(added) == 1
    assert ",noted," in gone[0] and ",supported," in added[0]
    assert "UPR Info export 2026-01-01" in added[0]
