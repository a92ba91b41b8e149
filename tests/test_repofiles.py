"""Symbolic links and hard links in content are errors with file:line and are never
followed, in upr check, upr generate and upr build (issue 13, class 3). The forced
build of a hostile set with links is in test_hostile_privacy.py."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import run_upr
from upr import repofiles
from upr.config import settings
from upr.yamlio import read_document

CANARY = "CANARY-OUTSIDE-THE-REPOSITORY"


@pytest.fixture()
def repo(tmp_path) -> tuple[Path, Path]:
    """A minimal repository with a link to an outside file in every content folder."""
    root, outside = tmp_path / "repo", tmp_path / "outside"
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\nsite_url: https://example.org/x/\n", encoding="utf-8")
    (root / "scripts").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    outside.mkdir()
    (outside / "secret.md").write_text(f"---\ntitle: {CANARY}\n---\n\n# {CANARY}\n", encoding="utf-8")
    (outside / "folder").mkdir()
    (outside / "folder" / "index.md").write_text(f"# {CANARY}\n", encoding="utf-8")
    return root, outside


LINKS = {"docs/leak.md": "secret.md", "docs/leak.txt": "secret.md", "docs/folder": "folder",
         "states/leak.md": "secret.md", "groups/tgo-54": "folder", "tools_library/leak.md": "secret.md",
         "tools_library/files/leak.pdf": "secret.md", "sources/leak.csv": "secret.md", "imports/leak.md": "secret.md"}


def make_links(root: Path, outside: Path) -> None:
    for rel, target in LINKS.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(outside / target, root / rel)
    os.link(outside / "secret.md", root / "docs" / "hard.md")


def test_every_link_and_hard_link_is_one_problem_with_file_and_line(repo):
    root, outside = repo
    make_links(root, outside)
    os.mkfifo(root / "docs" / "pipe.md")  # reading it would hang the build
    found = sorted(p.format() for p in repofiles.problems(settings(root)))
    expected = sorted([f"{rel}:1: {repofiles.LINK} — {repofiles.LINK_FIX}" for rel in LINKS]
                      + [f"docs/hard.md:1: {repofiles.HARD_LINK} — {repofiles.HARD_LINK_FIX}",
                         f"docs/pipe.md:1: {repofiles.SPECIAL} — {repofiles.SPECIAL_FIX}"])
    assert found == expected


def test_a_content_folder_that_is_itself_a_link_is_refused_and_not_entered(repo):
    root, outside = repo
    os.symlink(outside / "folder", root / "groups")
    assert [p.format() for p in repofiles.problems(settings(root))] == [
        f"groups:1: {repofiles.LINK} — {repofiles.LINK_FIX}"]
    assert repofiles.files(root / "groups") == [] and repofiles.subdirs(root / "groups") == []


def test_the_walker_lists_only_ordinary_files(repo):
    root, outside = repo
    make_links(root, outside)
    names = [p.relative_to(root).as_posix() for p in repofiles.files(root / "docs")]
    assert names == ["docs/index.md"]  # not leak.md, leak.txt, hard.md, nor folder/index.md


def test_readers_refuse_links_with_the_same_problem(repo):
    root, outside = repo
    make_links(root, outside)
    doc = read_document(root / "docs" / "leak.md", "docs/leak.md")
    assert CANARY not in repr(doc)
    assert [p.format() for p in doc.problems] == [f"docs/leak.md:1: {repofiles.LINK} — {repofiles.LINK_FIX}"]
    with pytest.raises(repofiles.UnsafeFile):
        repofiles.read_bytes(root / "docs" / "hard.md")
    with pytest.raises(repofiles.UnsafeFile, match="inside a folder that is a symbolic link"):
        repofiles.read_bytes(root / "docs" / "folder" / "index.md")


def test_upr_check_names_each_link_and_fails(repo):
    root, outside = repo
    make_links(root, outside)
    result = run_upr("check", cwd=root, env={"UPR_ROOT": str(root)})
    assert result.returncode == 1
    for rel in LINKS:
        assert f"{rel}:1: is a symbolic link; links are never followed" in result.stdout, rel
    assert "docs/hard.md:1: is a hard link" in result.stdout
    assert CANARY not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_upr_generate_force_never_copies_what_a_link_points_to(repo):
    root, outside = repo
    make_links(root, outside)
    result = run_upr("generate", "--force", cwd=root, env={"UPR_ROOT": str(root)})
    assert result.returncode == 0, result.stderr[-3000:]
    built = root / "build"
    files = [p for p in built.rglob("*") if p.is_file()]
    assert any(p.name == "index.md" for p in files)  # the generator ran
    assert not [p for p in files if CANARY.encode() in p.read_bytes()]
    assert not (built / "docs" / "leak.md").exists() and not (built / "docs" / "leak.txt").exists()
    assert not (built / "docs" / "folder").exists() and not (built / "docs" / "hard.md").exists()
    assert not any(p.is_symlink() for p in built.rglob("*"))


def test_a_briefing_report_path_cannot_leave_news_posts(tmp_path):
    from upr.groups import BRIEFING_SCHEMA
    from upr.schema import validate
    from upr.yamlio import load_yaml
    base = ("title: A briefing\ndate: '2026-12-10'\nstart: '10:00'\nend: '11:00'\nplace: Geneva\n"
            "speakers:\n  - organisation: Some NGO\n")
    for report in ("news/posts/../../../../etc/passwd.md", "news/posts/./x/../../../secret.md",
                   "news/posts/../index.md"):
        data, _ = load_yaml(base + f"report: {report}\n", "b.md")
        assert [p.message for p in validate(data, BRIEFING_SCHEMA, "b.md")], report
    data, _ = load_yaml(base + "report: news/posts/2026-12-11-report.md\n", "b.md")
    assert validate(data, BRIEFING_SCHEMA, "b.md") == []
