"""The hostile content set (tests/fixtures/hostile, issue 13) as a repository, and its
build, shared by the test files that need it (one build per test session).

Only the code side of the repository is copied (mkdocs.yml, overrides/, the project's
scripts and stylesheets of docs/); every content file comes from the fixture, plus
cases 21 and 43 from tests/cases/ as hand-written pages. Nothing of the live content
of states/, groups/, tools_library/ or docs/ is used."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import CASES, OUTPUT, ROOT, TODAY, run_upr

FIXTURE = ROOT / "tests" / "fixtures" / "hostile"
CASE21 = CASES / "21-raw-html-xss-in-contributions" / "input" / "content" / "tools" / "useful-links.md"
CASE43 = CASES / "43-private-notes-leak-into-site" / "input" / "content" / "groups" / "cote-divoire-coalition.md"
#: Text that must never be published: private notes in comments and hidden elements.
CANARIES = ("PRIVATE-CANARY", "CANARY-HIDDEN-SPAN", "Awa K.")
#: alert ids of payloads in YAML fields and CSV columns (labels the generators write);
#: the others are in Markdown bodies, which the check and the sanitiser handle.
FIELD_PAYLOADS = {
    "state-en", "state-formal", "state-fr", "state-es", "state-es-attr", "rs-name",
    "rec-text", "rec-text-attr", "rec-text-link", "rec-entity", "issue-img", "issue-attr", "issue-sq",
    "issue-script", "issue-md", "issue-attrlist", "issue-entity", "persons", "sdg", "dataset", "symbol",
    "rows", "assessed-by", "followup-source", "group-org", "group-role", "group-channel", "member", "acronym",
    "website", "tool-title", "tool-summary", "tool-summary-attr", "tool-org", "tool-link", "tool-label",
}
ALERT_ID = re.compile(r"alert\(\\?['\"]([\w-]+)")


def hostile_repo(dest: Path, source_root: Path = ROOT) -> Path:
    """Write the hostile repository into ``dest``: code side from ``source_root``."""
    shutil.copytree(FIXTURE, dest)
    (dest / "README.md").unlink()  # the fixture's own notes, not a page
    shutil.copy(source_root / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(source_root / "overrides", dest / "overrides")
    for folder in ("javascripts", "stylesheets"):
        shutil.copytree(source_root / "docs" / folder, dest / "docs" / folder)
    shutil.copyfile(CASE21, dest / "docs" / "case21.md")
    shutil.copyfile(CASE43, dest / "docs" / "case43.md")
    return dest


@pytest.fixture(scope="session")
def hostile_build():
    """The hostile repository built with ``upr build --force`` (all three languages).
    Returns ``(repo, out)``: the site is ``out / "site"``, the generated pages
    ``out / "docs"``, ``out / "docs-fr"``, ``out / "docs-es"``."""
    base = OUTPUT / f"hostile13-{os.getpid()}"
    if base.exists():
        shutil.rmtree(base)
    repo = hostile_repo(base / "repo")
    result = run_upr("build", "--force", "--today", TODAY.isoformat(), "--out", str(base / "out"),
                     cwd=repo, env={"UPR_ROOT": str(repo)})
    assert result.returncode == 0, result.stderr[-4000:]
    yield repo, base / "out", result
    shutil.rmtree(base, ignore_errors=True)
