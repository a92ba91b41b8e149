"""Files under docs/ that are not Markdown are refused by `upr check` and never
published, unless a maintainer lists them in mkdocs.yml (issue 13, class 1)."""
from __future__ import annotations

from pathlib import Path

from conftest import run_upr
from hostile import hostile_build  # noqa: F401  (session fixture)
from upr.config import settings

EVIL = ["evil.html", "evil.js", "evil.markdown", "evil.svg", "evil.xhtml", "evil.xml"]


def test_upr_check_refuses_each_file_with_its_name_and_what_to_do(hostile_build):
    _, _, result = hostile_build
    lines = result.stderr.splitlines()
    for name in EVIL:
        suffix = name.rsplit(".", 1)[1]
        assert any(l.startswith(f"docs/vectors/{name}:1: a '.{suffix}' file in docs/ is not published") for l in lines), name
    assert any(l.startswith("docs/vectors/evil.markdown:1: ") and l.endswith("rename it to .md") for l in lines)
    assert any(l.startswith("docs/vectors/evil.svg:1: ") and "list it under extra.published_files in mkdocs.yml" in l
               for l in lines)


def test_a_forced_build_never_publishes_them(hostile_build):
    _, out, _ = hostile_build
    site = out / "site"
    assert (site / "vectors" / "raw-html" / "index.html").is_file()  # the folder's pages are there
    published = sorted(p.relative_to(site).as_posix() for p in site.rglob("evil*"))
    assert published == []
    for tree in ("docs", "docs-fr", "docs-es"):
        assert sorted(p.name for p in (out / tree / "vectors").iterdir()) == [
            "front-matter.md", "heading-title.md", "markdown.md", "private-notes.md", "raw-html.md"]


def _repo(tmp_path: Path, listed: str) -> Path:
    (tmp_path / "docs" / "javascripts").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "docs" / "javascripts" / "a.js").write_bytes(b"console.log(1);\n")
    (tmp_path / "docs" / "notes.txt").write_bytes(b"notes\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nextra:\n  published_files:\n" + listed, encoding="utf-8")
    return tmp_path


def test_a_listed_script_is_published_only_with_its_reviewed_hash(tmp_path):
    from upr import scriptcheck
    good = scriptcheck.sha256(b"console.log(1);\n")
    repo = _repo(tmp_path, f"    javascripts/a.js: {good}\n    notes.txt:\n    gone.css:\n")
    s = settings(repo)
    assert [p.format() for p in scriptcheck.docs_file_problems(s)] == [
        "mkdocs.yml:6: extra.published_files lists docs/gone.css, which does not exist — remove the line, or restore the file"]
    policy = scriptcheck.policy_of(s)
    assert scriptcheck.publishable("javascripts/a.js", b"console.log(1);\n", policy)
    assert scriptcheck.publishable("notes.txt", b"anything", policy)
    # the script changes: refused with the new hash to write, and not copied
    (repo / "docs" / "javascripts" / "a.js").write_bytes(b"alert(1);\n")
    new = scriptcheck.sha256(b"alert(1);\n")
    assert [p.format() for p in scriptcheck.docs_file_problems(s)][0] == (
        f"docs/javascripts/a.js:1: changed since it was reviewed: its SHA-256 is {new}, mkdocs.yml "
        f"(extra.published_files) lists {good} — a maintainer reviews the change and writes the new hash in "
        "mkdocs.yml; until then the file is not published")
    assert not scriptcheck.publishable("javascripts/a.js", b"alert(1);\n", policy)
    # a script listed without a hash is not published either
    repo2 = _repo(tmp_path / "two", "    javascripts/a.js:\n    notes.txt:\n")
    assert [p.message for p in scriptcheck.docs_file_problems(settings(repo2))] == [
        "listed in mkdocs.yml (extra.published_files) without its SHA-256"]
    assert not scriptcheck.publishable("javascripts/a.js", b"console.log(1);\n", scriptcheck.policy_of(settings(repo2)))


def test_generate_copies_only_markdown_and_listed_files(tmp_path):
    from upr import scriptcheck
    repo = _repo(tmp_path, f"    javascripts/a.js: {scriptcheck.sha256(b'x')}\n")  # a.js: wrong hash
    (repo / "docs" / "page.html").write_text("<script>alert(1)</script>")
    result = run_upr("generate", "--force", cwd=repo, env={"UPR_ROOT": str(repo)})
    assert result.returncode == 0, result.stderr
    built = sorted(p.relative_to(repo / "build" / "docs").as_posix() for p in (repo / "build" / "docs").rglob("*")
                   if p.is_file() and not p.relative_to(repo / "build" / "docs").as_posix().startswith(
                       ("states/", "groups/", "tools/", "calendar/", "recommendations/", "changes/", "news/")))
    assert built == ["index.md"]
    assert "docs/page.html:1: a '.html' file in docs/ is not published" in result.stderr
    assert "docs/notes.txt:1: a '.txt' file in docs/ is not published" in result.stderr
