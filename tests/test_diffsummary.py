"""``upr diffsummary`` says a change of recommendations per review, in words:
"14 new recommendations to Togo, session 54", "3 responses changed for Slovenia,
session 48 (noted -> supported)", capped for a change to every State.

Fixture CSVs are written by the real writer (``recommendations.dump_csv``) into a
temporary git repository; nothing here reads the live ``states/``."""
from __future__ import annotations

import re
from pathlib import Path

import git
import pytest

from conftest import run_upr
from upr.recommendation_changes import compare, lines
from upr.recommendations import Recommendation, dump_csv


def rec(iso3: str, session: int, paragraph: str, text: str, response: str = "supported",
        issues: tuple[str, ...] = ("Women's rights",), rid: str | None = None) -> Recommendation:
    cycle = 3 if session <= 40 else 4
    return Recommendation(
        id=rid or f"{iso3}-{session}-{paragraph}", state_under_review=iso3, cycle=cycle, session=session,
        paragraph=paragraph, text=text, recommending_states=["FRA", "TLS"], response=response,
        issues=list(issues), source_dataset="OHCHR thematic list", source_symbol=f"A/HRC/{session}/1",
        source_rows=f"list.docx:{paragraph}")


def togo(session: int, n: int, start: int = 1, response: str = "supported") -> list[Recommendation]:
    return [rec("TGO", session, f"120.{i}", f"Strengthen the independence of the judiciary, measure {i}", response)
            for i in range(start, start + n)]


def slovenia() -> list[Recommendation]:
    recs = [rec("SVN", 48, f"140.{i}", f"Adopt a national action plan on Roma inclusion, step {i}",
                "noted" if i <= 4 else "supported") for i in range(1, 9)]
    recs += [rec("SVN", 34, f"115.{i}", f"Ratify the Optional Protocol, article {i}") for i in range(1, 4)]
    return recs


STATE = "---\niso3: {iso3}\nnames:\n  en:\n    short: {name}\n    formal: the {name}\n---\n"


class Repo:
    """A temporary repository with a commit to compare with (``base``)."""

    def __init__(self, root: Path):
        self.root = root
        self.git = git.Repo.init(root)
        (root / "scripts" / "upr").mkdir(parents=True)
        (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
        (root / ".gitignore").write_text("scripts/\n", encoding="utf-8")

    def write(self, iso3: str, recs: list[Recommendation]) -> None:
        path = self.root / "states" / "recommendations" / f"{iso3.lower()}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(dump_csv(recs))

    def state(self, iso3: str, name: str) -> None:
        path = self.root / "states" / f"{iso3.lower()}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(STATE.format(iso3=iso3, name=name), encoding="utf-8")

    def commit(self) -> str:
        self.git.git.add("-A")
        self.git.index.commit("base")
        return self.git.head.commit.hexsha

    def summary(self, base: str, *extra: str) -> str:
        result = run_upr("diffsummary", "--base", base, *extra, cwd=self.root, env={"UPR_ROOT": str(self.root)},
                         check=True)
        return result.stdout


def bullets(markdown: str) -> list[str]:
    return [line[2:] for line in markdown.splitlines() if line.startswith("- ")]


@pytest.fixture
def repo(tmp_path) -> Repo:
    r = Repo(tmp_path / "repo")
    for iso3, name in (("TGO", "Togo"), ("SVN", "Slovenia"), ("FRA", "France"), ("CIV", "Côte d'Ivoire")):
        r.state(iso3, name)
    r.write("TGO", togo(40, 5))
    r.write("SVN", slovenia())
    r.write("FRA", [rec("FRA", 43, f"45.{i}", f"Combat hate speech online, part {i}") for i in range(1, 6)])
    return r


def test_each_review_is_said_in_words(repo):
    base = repo.commit()
    repo.write("TGO", togo(40, 5) + togo(54, 14))                       # a new review's list
    svn = slovenia()
    for r in svn[:3]:                                                    # 3 of the 4 noted become supported
        r.response = "supported"
    svn[8].text = "Ratify the Optional Protocol, article 1, without reservations"   # session 34: text edited
    svn[9].issues = ["Women's rights", "Right to education"]                          # session 34: a theme added
    del svn[10]                                                                       # session 34: one removed
    repo.write("SVN", svn)
    fra = [rec("FRA", 43, f"45.{i}", f"Combat hate speech online, part {i}") for i in range(1, 4)]
    repo.write("FRA", fra)                                               # 2 removed
    repo.write("CIV", [rec("CIV", 45, "150.1", "Abolish the death penalty")])  # a new file, never committed
    out = repo.summary(base)
    assert bullets(out) == [
        "In all: 15 new recommendations, 3 recommendations removed, 3 responses changed, 1 recommendation text "
        "changed, 1 recommendation with other details changed, in 5 reviews of 4 States under Review",
        "1 new recommendation to Côte d'Ivoire, session 45",
        "2 recommendations removed for France, session 43",
        "Slovenia, session 34: 1 recommendation removed, 1 recommendation text changed, "
        "1 recommendation with other details changed (themes)",
        "3 responses changed for Slovenia, session 48 (noted -> supported)",
        "14 new recommendations to Togo, session 54",
    ]
    assert "| added | `states/recommendations/civ.csv` | +2 / −0 |" in out
    assert out.rstrip().endswith("Problems in these files, if any, are listed by the check above.")


def test_mixed_responses_a_new_id_and_a_removed_file(repo):
    base = repo.commit()
    svn = slovenia()
    svn[0].response = "supported"
    svn[1].response = "supported"
    svn[5].response = "supported in part"
    svn[6].id = "SVN-48-u1a2b3c4d"        # same text under another ID
    repo.write("SVN", svn)
    (repo.root / "states" / "recommendations" / "tgo.csv").unlink()
    out = repo.summary(base, "--footer", "")
    assert bullets(out) == [
        "In all: 5 recommendations removed, 3 responses changed, 1 recommendation with a new ID, "
        "in 2 reviews of 2 States under Review",
        "Slovenia, session 48: 3 responses changed (2 noted -> supported, 1 supported -> supported in part), "
        "1 recommendation with a new ID (same text: follow-up that cites the old ID must cite the new one)",
        "5 recommendations removed for Togo, session 40",
    ]
    assert out.rstrip().endswith("Compared with `" + base + "`.")


def test_a_column_added_by_a_newer_importer_is_not_a_change_when_empty(repo):
    base = repo.commit()
    path = repo.root / "states" / "recommendations" / "svn.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    widened = [text[0] + ",ohchr_annotation_id"] + [line + "," for line in text[1:-1]] + [text[-1] + ",b4288060"]
    path.write_text("\n".join(widened) + "\n", encoding="utf-8")
    assert bullets(repo.summary(base)) == [
        "1 recommendation with other details changed for Slovenia, session 48 (ohchr annotation id)"]


def with_former_ids(path: Path, former: dict[str, str]) -> None:
    """Add the importer's former_ids column (id -> "OLD-ID;OTHER-ID") to a fixture file."""
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    out = [header + ",former_ids"] + [row + "," + former.get(row.split(",", 1)[0], "") for row in rows]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def test_ids_kept_as_former_ids_are_said_to_still_work(repo):
    """A UPR Info row (u-ID) that a newer source gives its report paragraph: a new ID that
    remembers the old one. Two UPR Info rows of one recommendation folded into an OHCHR row
    that stays: merged."""
    tgo = togo(40, 5)
    tgo += [rec("TGO", 40, "", "Ratify the Convention against Torture", rid="TGO-40-u0000aaaa"),
            rec("TGO", 40, "", "Abolish the death penalty", rid="TGO-40-u0000bbbb"),
            rec("TGO", 40, "", "Abolish the death penalty ", rid="TGO-40-u0000cccc")]
    repo.write("TGO", tgo)
    base = repo.commit()
    tgo = togo(40, 5) + [rec("TGO", 40, "120.9", "Ratify the Convention against Torture", response="noted")]
    repo.write("TGO", tgo)
    with_former_ids(repo.root / "states" / "recommendations" / "tgo.csv",
                    {"TGO-40-120.9": "TGO-40-u0000aaaa", "TGO-40-120.1": "TGO-40-u0000bbbb;TGO-40-u0000cccc"})
    assert bullets(repo.summary(base)) == [
        "Togo, session 40: 1 response changed (supported -> noted), 1 recommendation with a new ID "
        "(the old ID still works), 2 recommendations merged into the same recommendation from another source "
        "(the old ID still works)"]


def test_rows_only_reordered_are_no_change(repo):
    base = repo.commit()
    path = repo.root / "states" / "recommendations" / "fra.csv"
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([header, *reversed(rows)]) + "\n", encoding="utf-8")
    assert bullets(repo.summary(base)) == [
        "recommendations files changed (row order or layout only): no recommendation changed"]


def test_hostile_values_are_escaped(repo):
    base = repo.commit()
    svn = slovenia()
    svn[0].response = "<img src=x onerror=alert(1)>"
    repo.write("SVN", svn)
    (line,) = bullets(repo.summary(base))
    assert line == "1 response changed for Slovenia, session 48 (noted -> &lt;img src=x onerror=alert(1)&gt;)"


def test_every_state_stays_readable(tmp_path):
    """The first UHRI import touches all 193 States in up to four cycles: the body is
    capped to 40 review lines plus one "and N more" line, and to 60 files."""
    r = Repo(tmp_path / "repo")
    codes = [f"{a}{b}{c}" for a in "ABCDEFGH" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for c in "XY"][:193]
    for code in codes[:45]:
        r.state(code, f"State {code}")
    for code in codes:
        r.write(code, [rec(code, 20, "1.1", "Old text")])
    base = r.commit()
    for code in codes:
        r.write(code, [rec(code, 20, "1.1", "Old text")] + [rec(code, s, f"9.{i}", f"New text {i}")
                                                                 for s in (28, 42) for i in range(1, 11)])
    out = r.summary(base, "--footer", "")
    said = bullets(out)
    assert said[0] == "In all: 3,860 new recommendations, in 386 reviews of 193 States under Review"
    # in State-name order; a State without a file is named by its code (AWY sorts before "State AAX")
    assert said[1:3] == ["10 new recommendations to AWY, session 28", "10 new recommendations to AWY, session 42"]
    assert said[40] == "10 new recommendations to BGX, session 42"
    assert said[41] == ("and 346 more reviews (173 States under Review, from BGY to State AWX): "
                        "3,460 new recommendations")
    assert len(said) == 42
    assert "| | … and 133 more files | +2,660 / −0 |" in out
    assert len(out) < 12_000
    assert len(re.findall(r"^\| changed \|", out, re.M)) == 60


def test_compare_reads_columns_by_name():
    """The comparison itself, without git: a column moved is not a change; a file
    without an id column is not compared (said by lines instead)."""
    old = b"id,session,response,text\nTGO-54-1,54,noted,Abolish\n"
    new = b"text,response,id,session\nAbolish,supported,TGO-54-1,54\n"
    (change,) = compare("TGO", old, new)
    assert (change.session, dict(change.responses)) == ("54", {("noted", "supported"): 1})
    assert lines([change], {"TGO": "Togo"}) == ["1 response changed for Togo, session 54 (noted -> supported)"]
    assert compare("TGO", b"id;text\nx;y\n", new) is None
