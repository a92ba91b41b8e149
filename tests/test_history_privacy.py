"""Recent changes and its Atom feed decide from the WHOLE history (issue 13, class 2):
a change that touched a file that is or ever was confidential, or that names a value
that is or ever was private, is never shown (path, subject, author); e-mail addresses
and phone numbers in subjects are removed. Tested on a temporary git repository whose
history holds such commits (files deleted, made public, values removed since)."""
from __future__ import annotations

import datetime as dt
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import git
import pytest

from upr import gitinfo
from upr.config import settings
from upr.pages import changes

ATOM = "{http://www.w3.org/2005/Atom}"
CDA = "Collectif des défenseures d'Abidjan"


def commit(repo: git.Repo, message: str, author: str, when: str, files: dict[str, str] | None = None,
           delete: tuple[str, ...] = ()) -> None:
    root = Path(repo.working_tree_dir)
    for rel, text in (files or {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    if files:
        repo.index.add(list(files))
    if delete:
        repo.index.remove(list(delete), working_tree=True)
    actor = git.Actor(author, "someone@example.org")
    moment = dt.datetime.fromisoformat(when)
    stamp = f"{int(moment.timestamp())} {moment.strftime('%z')}"
    repo.index.commit(message, author=actor, committer=actor, author_date=stamp, commit_date=stamp)


GROUP = """---
state: CIV
session: 47
status: forming
contacts:
  - organisation: Public Coalition Côte d'Ivoire
    role: coordinator
    channel: https://example.org/civ
members:
  - organisation: Public Coalition Côte d'Ivoire
{extra}languages: [fr]
---

# Plan
"""
SECRET_MEMBER = f"""  - organisation: {CDA}
    acronym: CDA
    github: cda-coordinator-test
    confidential: true
  - organisation: Hidden contact holder
    confidential: true
    channel: "+225 07 00 00 00 00"
    name: Awa Kouadio-Test
"""


@pytest.fixture()
def history_repo(tmp_path) -> Path:
    """A repository whose history holds every case; today's tree is clean (no
    confidential file, no private value left)."""
    repo = git.Repo.init(tmp_path / "repo")
    root = Path(repo.working_tree_dir)
    (root / "mkdocs.yml").write_text("site_name: x\nsite_url: https://example.org/upr/\n"
                                     "repo_url: https://github.com/example/upr\n", encoding="utf-8")
    commit(repo, "Add the about page", "Amina Public", "2026-01-01T10:00:00+00:00",
           {"docs/about.md": "# About\n\nPublic text.\n"})
    # A confidential assessment, made public later: every change to it stays hidden.
    commit(repo, "Draft assessment of the Kara detention visit", "Hidden Author One", "2026-01-02T10:00:00+00:00",
           {"states/followup/tgo/2026-01-02-kara-visit.md": "---\nconfidential: true\n---\n\nDraft.\n"})
    commit(repo, "Publish the assessment now that it is safe", "Hidden Author Two", "2026-01-03T10:00:00+00:00",
           {"states/followup/tgo/2026-01-02-kara-visit.md": "---\nstatus: draft\n---\n\nPublic now.\n"})
    # A confidential news post, deleted since; its deletion is hidden too.
    commit(repo, "Note on the embassy meeting", "Hidden Author Three", "2026-01-04T10:00:00+00:00",
           {"docs/news/posts/embassy-meeting.md": "---\nprivate: yes\ndate: 2026-01-04\n---\n\n# Embassy\n"})
    commit(repo, "Remove the note", "Hidden Author Four", "2026-01-05T10:00:00+00:00",
           delete=("docs/news/posts/embassy-meeting.md",))
    # A group with confidential members (a short acronym among the values), removed since.
    commit(repo, "Start the Côte d'Ivoire group", "Amina Public", "2026-01-06T10:00:00+00:00",
           {"groups/civ-47/index.md": GROUP.format(extra=SECRET_MEMBER)})
    commit(repo, "Add CDA to the coalition list", "Hidden Author Five", "2026-01-07T10:00:00+00:00",
           {"docs/about.md": "# About\n\nPublic text, more.\n"})
    commit(repo, "Remove two members from the group", "Amina Public", "2026-01-08T10:00:00+00:00",
           {"groups/civ-47/index.md": GROUP.format(extra="")})
    # Names a value removed from today's tree, as words run together (a slug) and as an author.
    commit(repo, "Thanks to collectif-des-defenseures-dabidjan for the figures", "Hidden Author Six",
           "2026-01-09T10:00:00+00:00", {"states/civ.md": "---\niso3: CIV\n---\n"})
    commit(repo, "Typo", "Awa Kouadio-Test", "2026-01-10T10:00:00+00:00",
           {"docs/about.md": "# About\n\nPublic text, more!\n"})
    # A file name made from a private value (the page itself is public).
    commit(repo, "Add a post", "Hidden Author Seven", "2026-01-11T10:00:00+00:00",
           {"docs/news/posts/2026-01-11-cda-coordinator-test.md": "---\ndate: 2026-01-11\n---\n\n# Post\n"})
    # Contact details in a subject: shown without them.
    commit(repo, "Meeting: write to awa.k@example.org or call +225 07 11 22 33 44 / 0033612345678",
           "Amina Public", "2026-01-12T10:00:00+00:00", {"docs/about.md": "# About\n\nFinal.\n"})
    return root


def published(root: Path) -> str:
    ctx = SimpleNamespace(settings=settings(root), lang="en", content=None)
    history = gitinfo.public_history(ctx)
    return changes.page(ctx, history) + changes.feed(ctx, history).decode("utf-8")


HIDDEN_SUBJECTS = ["Draft assessment", "Publish the assessment", "embassy", "Remove the note",
                   "Add CDA", "Thanks to", "Typo", "Add a post"]


def test_hidden_changes_leave_no_path_subject_or_author(history_repo):
    text = published(history_repo)
    for subject in HIDDEN_SUBJECTS:
        assert subject not in text, subject
    assert "Hidden Author" not in text and "Awa" not in text and "Kouadio" not in text
    for path in ("kara-visit", "embassy-meeting", "cda-coordinator-test", "states/civ.md"):
        assert path not in text, path
    # What may be shown is shown (the filter does not just empty the page).
    for subject in ("Add the about page", "Start the Côte d&#x27;Ivoire group", "Remove two members from the group"):
        assert subject.replace("&#x27;", "'") in text or subject in text, subject
    assert "Amina Public" in text


def test_contact_details_in_subjects_are_removed(history_repo):
    text = published(history_repo)
    assert "Meeting: write to [e-mail address] or call [phone number] / [phone number]" in text
    assert "awa.k@example.org" not in text and "07 11 22 33 44" not in text and "0033612345678" not in text


def test_the_feed_holds_only_the_public_changes(history_repo):
    ctx = SimpleNamespace(settings=settings(history_repo), lang="fr", content=None)
    feed = ET.fromstring(changes.feed(ctx, gitinfo.public_history(ctx)))
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert titles == ["Meeting: write to [e-mail address] or call [phone number] / [phone number]",
                      "Remove two members from the group", "Start the Côte d'Ivoire group", "Add the about page"]
    authors = {a.find(f"{ATOM}name").text for a in feed.iter(f"{ATOM}author")}
    assert authors == {"Amina Public"}


def test_page_footers_drop_hidden_files_and_hidden_authors(history_repo):
    ctx = SimpleNamespace(settings=settings(history_repo), lang="en", content=None)
    # Confidential once, public today: no footer (its history names who wrote the draft).
    assert gitinfo.page_footer(ctx, "states/followup/tgo/2026-01-02-kara-visit.md") == ""
    about = gitinfo.page_footer(ctx, "docs/about.md")
    assert "Last updated: 12 January 2026 (first published 1 January 2026)" in about
    assert "Contributors: Amina Public" in about and "Hidden" not in about and "Awa" not in about


def test_the_history_itself_holds_every_secret(history_repo):
    """The raw history has them all: the filter is what protects, not a clean history."""
    raw = repr(gitinfo.read_history(history_repo))
    assert "Hidden Author Five" in raw and "kara-visit" in raw and "Awa Kouadio-Test" in raw
    past = gitinfo.historical_private(history_repo)
    assert {"states/followup/tgo/2026-01-02-kara-visit.md", "docs/news/posts/embassy-meeting.md"} <= past.hidden
    assert {CDA, "CDA", "cda-coordinator-test", "+225 07 00 00 00 00", "Awa Kouadio-Test"} <= set(past.values)
    assert "Public Coalition Côte d'Ivoire" not in past.values


def test_a_file_confidential_today_but_never_committed_so_is_hidden(history_repo):
    root = history_repo
    (root / "docs" / "about.md").write_text("---\nconfidential: true\n---\n# About\n", encoding="utf-8")
    text = published(root)
    assert "Add the about page" not in text and "docs/about.md" not in text


def test_a_shallow_clone_lists_no_change(history_repo, tmp_path):
    """The depth-1 clone CI makes by default cannot know what older commits marked
    confidential (case 32): Recent changes then lists nothing and says why."""
    import subprocess
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{history_repo}", str(clone)], check=True)
    shutil.copy(history_repo / "mkdocs.yml", clone / "mkdocs.yml")
    ctx = SimpleNamespace(settings=settings(clone), lang="en", content=None)
    history = gitinfo.public_history(ctx)
    assert history.changes == [] and history.note == gitinfo.SHALLOW_NOTE
    assert "Meeting" not in changes.page(ctx, history)
