"""Tests never depend on the live content (issue 14, item 1): a valid contribution of
each kind, made in a throw-away copy of the repository as CONTRIBUTING.md says,
passes `upr check` and leaves everything the tests read unchanged.

How the property is proved, three ways, each cheap enough for every `make test`:

1. in the test process, an audit hook (``conftest._live_content_guard``) makes
   any open or listing of ``states/``, ``groups/``, ``tools_library/``, ``docs/``
   (its code folders excepted) fail the test that did it, for the whole suite;
2. ``upr`` subprocesses get their root from ``UPR_ROOT``/``cwd``: a static check
   finds every ``run_upr`` call that would run on the repository itself, and every
   path a test builds from ``ROOT`` into a live content folder;
3. the fixture root the site is built from (``make_site_root``), made by the
   copy's own test code with the contributions in place, is byte for byte the one
   the suite uses: the contributions cannot reach the built-site tests.

Running the whole suite again inside the copy would prove the same at the cost of a
second full `make test` (10-15 minutes on two cores), so it is not done here.
"""
from __future__ import annotations

import ast
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LIVE_CONTENT, ROOT, run_upr, source_data

TESTS = ROOT / "tests"

# One valid contribution of each kind, written as CONTRIBUTING.md shows (the values
# are fictitious and marked, so that they can be searched for afterwards).
MARK = "Zanzibar-Example-7Q"
TOOL = f"""---
title: "Checklist for a first stakeholder submission"
summary: A one-page checklist ({MARK}) for NGOs writing their first stakeholder submission.
kind: checklist
stages: [submission]
topics: [upr-process]
languages: [en]
organisation: Example NGO Coalition
year: 2026
licence: CC BY 4.0
attachments:
  - file: first-submission-checklist.pdf
    label: Checklist (PDF)
---

## How to use it

Tick each line before you send the submission.
"""


def one_page_pdf() -> bytes:
    """A real one-page PDF, as a contributor's 'export as PDF' gives (upr check opens it)."""
    import io

    import pikepdf
    pdf = pikepdf.new()
    pdf.add_blank_page()
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


ASSESSMENT = f"""---
recommendations:
  - SVN-48-140.9
status: partially implemented
date: "2026-11-20"
assessed_by: Example NGO Ljubljana Monitor
sources:
  - A/HRC/59/15/Add.1
---

What we found ({MARK}): a draft law was published for consultation.
"""
GROUP = f"""---
state: ZWE
session: 54
cycle: 4
status: forming
contacts:
  - organisation: Example NGO Harare Rights Desk {MARK}
    role: coordinator
    channel: https://example.org/contact
members:
  - organisation: Example NGO Harare Rights Desk {MARK}
  - organisation: Example NGO Partner at risk
    confidential: true
languages:
  - en
---

# Our plan

We meet every month and share the drafting.
"""
BRIEFING = f"""---
title: Pre-session briefing on Zimbabwe ({MARK})
date: "2026-12-15"
start: "14:00"
end: "14:45"
place: Geneva (room to be confirmed)
speakers:
  - organisation: Example NGO Harare Rights Desk
---

One or two sentences about the briefing.
"""
NEWS = f"""---
date: 2026-11-20
categories:
  - Announcements
---

# A new checklist for first submissions

First paragraph ({MARK}): the summary shown in the list of posts.

<!-- more -->

The rest of the post.
"""
ALIAS = f"Kingdom of Norway {MARK}"


def tracked_copy(dest: Path) -> Path:
    """The repository's files as git sees them (tracked and new, not ignored), copied by
    git and tar in a subprocess: the test process itself never reads live content."""
    dest.mkdir(parents=True)
    listing = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                             capture_output=True, check=True).stdout
    existing = b"\0".join(p for p in listing.split(b"\0") if p and (ROOT / p.decode()).exists())
    pack = subprocess.run(["tar", "--null", "-T", "-", "-cf", "-"], cwd=ROOT, input=existing,
                          capture_output=True, check=True).stdout
    subprocess.run(["tar", "-xf", "-"], cwd=dest, input=pack, check=True)
    return dest


def contribute(root: Path) -> list[str]:
    """Add the five contributions; returns the files they touched."""
    (root / "tools_library" / "files" / "first-submission-checklist.pdf").write_bytes(one_page_pdf())
    (root / "tools_library" / "first-submission-checklist.md").write_text(TOOL, encoding="utf-8")
    (root / "states" / "followup" / "svn" / "2026-11-20-draft-law.md").write_text(ASSESSMENT, encoding="utf-8")
    (root / "groups" / "zwe-54" / "briefings").mkdir(parents=True)
    (root / "groups" / "zwe-54" / "index.md").write_text(GROUP, encoding="utf-8")
    (root / "groups" / "zwe-54" / "briefings" / "2026-12-15-pre-session.md").write_text(BRIEFING, encoding="utf-8")
    (root / "docs" / "news" / "posts" / "2026-11-20-first-submission-checklist.md").write_text(NEWS, encoding="utf-8")
    nor = root / "states" / "nor.md"
    text = nor.read_text(encoding="utf-8")
    assert "aliases:\n" in text
    nor.write_text(text.replace("aliases:\n", f"aliases:\n  - {ALIAS}\n", 1), encoding="utf-8")
    return ["tools_library/first-submission-checklist.md", "tools_library/files/first-submission-checklist.pdf",
            "states/followup/svn/2026-11-20-draft-law.md", "groups/zwe-54/index.md",
            "groups/zwe-54/briefings/2026-12-15-pre-session.md",
            "docs/news/posts/2026-11-20-first-submission-checklist.md", "states/nor.md"]


def tree(root: Path) -> dict[str, str]:
    """Every file of a root and its SHA-256; not .git, nor build/ (git-ignored: the
    built_site fixture leaves its caches there)."""
    return {rel: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*"))
            if p.is_file() and (rel := p.relative_to(root).as_posix()).split("/")[0] not in (".git", "build")}


@pytest.fixture(scope="module")
def contributed(tmp_path_factory) -> tuple[Path, list[str]]:
    clone = tracked_copy(tmp_path_factory.mktemp("clone") / "repo")
    return clone, contribute(clone)


def test_valid_contributions_of_each_kind_pass_upr_check(contributed):
    clone, touched = contributed
    result = run_upr("check", cwd=clone, env={"UPR_ROOT": str(clone), "UPR_SOURCE_DATA": str(clone / "sources")})
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert " 0 error(s)" in out or "content is valid" in out, out
    # not even a warning about the new files
    assert [line for line in out.splitlines() if line.split(":", 1)[0] in touched] == []
    from upr.config import Settings
    from upr.content import load_content
    content = load_content(Settings(root=clone))
    assert "zwe-54" in content.groups and "first-submission-checklist" in {t.slug for t in content.tools}
    assert content.states.index.resolve(ALIAS) == "NOR"
    assert any(a.recommendations == ["SVN-48-140.9"] and a.status == "partially implemented"
               for a in content.followup.assessments)


def test_the_fixture_site_root_ignores_the_contributions(contributed, site_root, real_import, tmp_path):
    """The copy's own test code builds the fixture root with the contributions in
    place: the same files, byte for byte, as the suite's (so every built-site test
    reads the same pages), and none of the contributed values in it."""
    clone, _ = contributed
    out = tmp_path / "from-clone"
    code = ("import sys; from pathlib import Path; sys.path[:0] = ['tests', 'scripts']; import conftest; "
            f"conftest.make_site_root(Path({str(out)!r}), Path({str(real_import / 'states' / 'recommendations')!r}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=clone, capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "UPR_SOURCE_DATA": str(source_data()),
                                 "NO_MKDOCS_2_WARNING": "1", "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr[-3000:]
    assert tree(out) == tree(site_root)
    blob = b"".join((out / rel).read_bytes() for rel in tree(out) if not rel.startswith("states/recommendations/"))
    assert MARK.encode() not in blob and b"zwe-54" not in blob


# --- static check: no test reaches the live content from outside the test process ---------

def _live(path: str) -> bool:
    first = path.strip("/").split("/", 1)[0]
    return first in LIVE_CONTENT and not path.startswith(("docs/javascripts", "docs/stylesheets"))


def live_content_uses(source: str) -> list[tuple[int, str]]:
    """Places in a test module that reach the live content: ``ROOT / "states"`` (or any
    live folder), ``ROOT.iterdir()``/``ROOT.glob``, and ``run_upr`` calls with neither
    ``env`` nor ``cwd`` (they run on the repository itself)."""
    found = []
    tree_ = ast.parse(source)
    # ROOT / "docs" / folder (a variable): the code folders' copy, as every fixture root
    # does; the audit hook judges the real path at run time
    code_copy = {id(n.left) for n in ast.walk(tree_) if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div)
                 and isinstance(n.left, ast.BinOp) and isinstance(n.right, ast.Name)
                 and isinstance(n.left.right, ast.Constant) and n.left.right.value == "docs"}
    for node in ast.walk(tree_):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and isinstance(node.left, ast.Name) \
                and node.left.id == "ROOT" and isinstance(node.right, ast.Constant) \
                and isinstance(node.right.value, str) and _live(node.right.value) and id(node) not in code_copy:
            found.append((node.lineno, f'ROOT / "{node.right.value}"'))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "ROOT" \
                and node.func.attr in ("iterdir", "glob", "rglob", "walk"):
            pattern = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else ""
            if node.func.attr == "glob" and pattern and not _live(pattern) and not pattern.startswith("*"):
                continue  # ROOT.glob(".github/**/*"): code, not content
            found.append((node.lineno, f"ROOT.{node.func.attr}()"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "run_upr" \
                and not {k.arg for k in node.keywords} & {"env", "cwd"}:
            found.append((node.lineno, "run_upr(...) on the repository (give env UPR_ROOT or cwd)"))
    return found


def test_the_static_check_finds_each_form():
    bad = ('x = ROOT / "groups"\ny = ROOT / "tools_library/files/a.docx"\nfor p in ROOT.iterdir(): pass\n'
           'run_upr("check")\nok = ROOT / "docs/javascripts"\nfine = run_upr("check", env=e)\nsrc = ROOT / "sources"\n'
           'wf = ROOT.glob(".github/**/*")\nfor f in CODE: copy(ROOT / "docs" / f)\n')
    assert live_content_uses(bad) == [(1, 'ROOT / "groups"'), (2, 'ROOT / "tools_library/files/a.docx"'),
                                      (3, "ROOT.iterdir()"),
                                      (4, "run_upr(...) on the repository (give env UPR_ROOT or cwd)")]


def test_no_test_module_reaches_the_live_content():
    offenders = []
    for path in sorted(TESTS.glob("*.py")):
        if path.name == "conftest.py":  # its only use of them: the guard's folder list and SITE_CODE
            continue
        offenders += [f"tests/{path.name}:{line}: {what}"
                      for line, what in live_content_uses(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_guard_stops_a_test_that_reads_live_content(tmp_path, monkeypatch):
    import shutil

    import conftest
    before = list(conftest.LIVE_READS)
    with pytest.raises(conftest.LiveContentRead, match="states/nor.md"):
        ROOT.joinpath("states", "nor.md").read_text(encoding="utf-8")
    with pytest.raises(conftest.LiveContentRead):
        list(ROOT.joinpath("groups").iterdir())
    # the code the site build copies is allowed
    assert ROOT.joinpath("docs", "javascripts", "tools-filter.js").read_text(encoding="utf-8")
    # a temporary folder named like a content folder is not live content, even when
    # shutil.rmtree opens it by a relative name from the repository as the current folder
    monkeypatch.chdir(ROOT)
    (tmp_path / "states" / "followup").mkdir(parents=True)
    shutil.rmtree(tmp_path / "states")
    conftest.LIVE_READS[:] = before  # the two probes above were deliberate
