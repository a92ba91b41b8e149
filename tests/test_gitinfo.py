"""Git-powered pages: one history pass (upr.gitinfo), the Recent changes page and
its Atom feed (upr.pages.changes), and the News feed (upr.news, upr.pages.news)."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import git
import pytest

from conftest import ROOT
from upr import gitinfo, news
from upr.config import settings
from upr.pages import changes
from upr.pages import news as news_page

ATOM = "{http://www.w3.org/2005/Atom}"
ODD_NAMES = ["states/côte d'ivoire notes.md", "groups/my group/l'équipe.md", "tools_library/guía rápida.md"]


def commit(repo: git.Repo, files: dict[str, str], message: str, name: str, email: str, when: str) -> None:
    root = Path(repo.working_tree_dir)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    repo.index.add(list(files))
    actor = git.Actor(name, email)
    moment = dt.datetime.fromisoformat(when)
    offset = moment.strftime("%z")  # GitPython reads git's own "<epoch> +HHMM" form
    stamp = f"{int(moment.timestamp())} {offset}"
    repo.index.commit(message, author=actor, committer=actor, author_date=stamp, commit_date=stamp)


@pytest.fixture()
def repo(tmp_path) -> git.Repo:
    r = git.Repo.init(tmp_path / "repo")
    (tmp_path / "repo" / "mkdocs.yml").write_text(
        "site_name: x\nsite_url: https://example.org/upr/\nrepo_url: https://github.com/example/upr\n")
    commit(r, {"states/fra.md": "a", ODD_NAMES[0]: "b", "scripts/x.py": "code"}, "Add France",
           "Amina Diallo", "amina@example.org", "2025-01-28T10:00:00+01:00")
    commit(r, {"states/fra.md": "a2", ODD_NAMES[1]: "c", ODD_NAMES[2]: "d"},
           "France: WG report A/HRC/59/15\n\nCo-authored-by: José Pérez <jose@example.org>",
           "Lukas Novak", "lukas@example.org", "2025-07-02T09:00:00+02:00")
    commit(r, {"states/fra.md": "a3"}, "Fix <script>alert(1)</script> [x](javascript:alert(1)) *typo*",
           "Amina Diallo", "amina.other@example.org", "2026-03-01T12:00:00+00:00")
    return r


def test_one_pass_gives_dates_and_contributors_without_email(repo):
    h = gitinfo.read_history(Path(repo.working_tree_dir))
    assert h.note == ""
    fra = h.of("states/fra.md")
    assert (fra.first, fra.last, fra.commits) == (dt.date(2025, 1, 28), dt.date(2026, 3, 1), 3)
    assert fra.contributors == ["Amina Diallo", "Lukas Novak", "José Pérez"]
    assert [c.subject.split(":")[0] for c in h.changes][1:] == ["France", "Add France"]
    assert h.of("scripts/x.py") is None  # code is not content
    assert "@" not in repr(h)


def test_file_names_with_spaces_apostrophes_and_accents_are_exact(repo):
    h = gitinfo.read_history(Path(repo.working_tree_dir))
    for name in ODD_NAMES:
        assert h.of(name) is not None, (name, sorted(h.files))
    assert h.of(ODD_NAMES[1]).contributors == ["Lukas Novak", "José Pérez"]


def test_no_git_repository_is_a_note_not_a_crash(tmp_path):
    h = gitinfo.read_history(tmp_path)
    assert h.files == {} and h.changes == []
    assert h.note.startswith("no git history available")


def test_shallow_clone_is_noted(repo, tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.working_tree_dir}", str(clone)],
                   check=True)
    h = gitinfo.read_history(clone)
    assert h.note.startswith("shallow clone")
    assert h.of("states/fra.md").first == dt.date(2026, 3, 1)  # only the fetched commit


def ctx_for(root: Path, lang: str = "en"):
    return SimpleNamespace(settings=settings(root), lang=lang)


def test_page_footer_in_three_languages(repo):
    root = Path(repo.working_tree_dir)
    en = gitinfo.page_footer(ctx_for(root), "states/fra.md")
    assert "Last updated: 1 March 2026 (first published 28 January 2025)" in en
    assert "Contributors: Amina Diallo, Lukas Novak, José Pérez" in en
    assert "[History of this page](https://github.com/example/upr/commits/main/states/fra.md)" in en
    assert "Dernière mise à jour\u00a0: 1 mars 2026" in gitinfo.page_footer(ctx_for(root, "fr"), "states/fra.md")
    assert "1 de marzo de 2026" in gitinfo.page_footer(ctx_for(root, "es"), "states/fra.md")
    assert gitinfo.page_footer(ctx_for(root), "states/nor.md") == ""
    odd = gitinfo.page_footer(ctx_for(root), ODD_NAMES[1])
    assert "commits/main/groups/my%20group/l%27%C3%A9quipe.md" in odd


def test_changes_page_escapes_commit_subjects(repo):
    root = Path(repo.working_tree_dir)
    h = gitinfo.read_history(root)
    text = changes.page(ctx_for(root), h)
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert "[x](javascript:" not in text  # the brackets are escaped: no link
    assert "**1 March 2026** — [Fix &lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:alert(1)) \\*typo\\*]" \
           "(https://github.com/example/upr/commit/" in text
    assert "(by Lukas Novak, José Pérez)" in text


def test_changes_feed_is_valid_atom_under_the_site_path(repo):
    root = Path(repo.working_tree_dir)
    h = gitinfo.read_history(root)
    xml = changes.feed(ctx_for(root), h)
    feed = ET.fromstring(xml)
    assert feed.find(f"{ATOM}id").text == "https://example.org/upr/changes/"
    assert feed.find(f"{ATOM}updated").text == "2026-03-01T12:00:00+00:00"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3
    assert entries[0].find(f"{ATOM}title").text.startswith("Fix <script>")  # text, escaped by XML
    assert [a.find(f"{ATOM}name").text for a in entries[1].findall(f"{ATOM}author")] == ["Lukas Novak", "José Pérez"]
    assert b"@example.org" not in xml
    assert changes.feed(ctx_for(root), h) == xml  # same history, same bytes
    fr = ET.fromstring(changes.feed(ctx_for(root, "fr"), h))
    assert fr.find(f"{ATOM}id").text == "https://example.org/upr/fr/changes/"


def test_real_history_pass_is_fast_and_covers_content():
    h = gitinfo.read_history(ROOT)
    assert h.changes, "the repository has content commits"
    assert any(path.startswith("states/") for path in h.files)


def test_news_posts_of_the_site_fixture_load(site_root):
    posts, problems = news.load(settings(site_root))
    assert problems == []
    slovenia = next(p for p in posts if p.slug == "2025-07-10-slovenia-fourth-review-outcome")
    assert slovenia.title == "Slovenia's fourth review: 254 recommendations, 217 supported"
    assert slovenia.categories == ("Briefings",)
    assert "A/HRC/DEC/59/112" in slovenia.summary
    assert [p.date for p in posts] == sorted((p.date for p in posts), reverse=True)


def test_bad_news_posts_are_reported_with_lines(tmp_path):
    posts_dir = tmp_path / "docs" / "news" / "posts"
    posts_dir.mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (posts_dir / "a.md").write_text("---\ncategories:\n  - Annoucements\n---\n\nNo title here.\n")
    (posts_dir / "b.md").write_text("---\ndate: 30/11/2026\n---\n\n# T\n")
    posts, problems = news.load(settings(tmp_path))
    assert posts == []
    text = sorted(p.format() for p in problems)
    assert text == [
        "docs/news/posts/a.md:1: the post has no date — write date: YYYY-MM-DD at the top, e.g. date: 2026-11-30",
        "docs/news/posts/a.md:3: category 'Annoucements' is not one of the news categories — use one of: "
        "Announcements, Briefings, Reflections",
        "docs/news/posts/a.md:5: the post has no title — write the title on its own line after the front "
        "matter: # Title of the post",
        "docs/news/posts/b.md:2: date '30/11/2026' is missing or not a date — write date: YYYY-MM-DD at the "
        "top, e.g. date: 2026-11-30",
    ]


def test_news_feed_links_posts_under_the_site_path(site_root):
    ctx = ctx_for(site_root)
    posts, _ = news.load(ctx.settings)
    feed = ET.fromstring(news_page.feed(ctx, posts))
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert "https://upr-platform.github.io/upr-platform/news/2025-07-10-slovenia-fourth-review-outcome/" in links
    assert len(links) == len(posts)


BAD_WORKFLOW = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"


def test_changed_files_with_odd_names(repo):
    root = Path(repo.working_tree_dir)
    base = repo.head.commit.hexsha
    commit(repo, {"groups/l'équipe de Côte d'Ivoire.md": "x"}, "committed", "A", "a@example.org",
           "2026-04-01T00:00:00+00:00")
    (root / "tools_library" / "guía rápida.md").write_text("changed, not committed", encoding="utf-8")
    (root / "states" / "nouvel état ‘civ’.md").write_text("untracked", encoding="utf-8")
    assert gitinfo.changed_files(root, base) == {
        "mkdocs.yml",  # written by the fixture, never committed: untracked
        "groups/l'équipe de Côte d'Ivoire.md", "tools_library/guía rápida.md", "states/nouvel état ‘civ’.md"}
    with pytest.raises(ValueError, match="cannot compare with 'no-such-branch'"):
        gitinfo.changed_files(root, "no-such-branch")


def test_upr_check_changed_from_reports_only_changed_files(repo):
    from conftest import run_upr
    root = Path(repo.working_tree_dir)
    (root / "scripts" / "upr").mkdir(parents=True, exist_ok=True)
    wf = root / ".github" / "workflows"
    commit(repo, {".github/workflows/old one.yml": BAD_WORKFLOW}, "old", "A", "a@example.org",
           "2026-04-01T00:00:00+00:00")
    base = repo.head.commit.hexsha
    commit(repo, {".github/workflows/l'essai é.yml": BAD_WORKFLOW}, "new", "A", "a@example.org",
           "2026-04-02T00:00:00+00:00")
    assert (wf / "old one.yml").is_file()
    full = run_upr("check", cwd=root, env={"UPR_ROOT": str(root)})
    assert ".github/workflows/old one.yml:3: job 'build' declares no permissions" in full.stdout
    narrow = run_upr("check", "--changed-from", base, cwd=root, env={"UPR_ROOT": str(root)})
    assert narrow.returncode == 1
    assert ".github/workflows/l'essai é.yml:3: job 'build' declares no permissions" in narrow.stdout
    assert "old one.yml" not in narrow.stdout
    assert "states:" not in narrow.stdout  # whole-repository problems are not about changed files


# --- the built site, published under the project page's sub-path (issue 7, item 6) ---

SITE = "https://upr-platform.github.io/upr-platform/"
SUBPATH = "/upr-platform/"


@pytest.mark.build
def test_404_page_and_sitemap_use_the_sub_path(built_site):
    page404 = (built_site / "404.html").read_text(encoding="utf-8")
    assets = re.findall(r'(?:href|src)="([^"]*assets/[^"]+)"', page404)
    assert assets and all(a.startswith(SUBPATH) for a in assets), assets[:5]
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locs) > 200
    assert all(loc.startswith(SITE) for loc in locs)
    assert f"{SITE}changes/" in locs and f"{SITE}news/" in locs


@pytest.mark.build
def test_feeds_are_built_under_the_sub_path(built_site):
    for lang_prefix in ("", "fr/", "es/"):
        for feed_path in ("changes/feed.xml", "news/feed.xml"):
            feed = ET.parse(built_site / lang_prefix / feed_path).getroot()
            self_link = [l.get("href") for l in feed.findall(f"{ATOM}link") if l.get("rel") == "self"]
            assert self_link == [f"{SITE}{lang_prefix}{feed_path}"]
    news_feed = ET.parse(built_site / "news" / "feed.xml").getroot()
    urls = [e.find(f"{ATOM}link").get("href") for e in news_feed.findall(f"{ATOM}entry")]
    assert f"{SITE}news/2025-07-10-slovenia-fourth-review-outcome/" in urls
    for url in urls:  # every post the feed names exists in the built site
        assert (built_site / url[len(SITE):] / "index.html").is_file(), url
    changes_page = (built_site / "changes" / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml"' in changes_page
    assert changes_page.count("github.com/upr-platform/upr-platform/commit/") >= 5


@pytest.mark.build
def test_calendar_links_use_the_sub_path(built_site):
    page = (built_site / "calendar" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+\.ics)"', page)
    assert links, "the calendar page links its ICS feeds"
    for link in links:
        if link.startswith(("http", "webcal")):
            assert SUBPATH in link, link
        else:
            assert not link.startswith("/") or link.startswith(SUBPATH), link
            target = (built_site / "calendar" / link).resolve()
            assert target.is_file(), link


@pytest.mark.build
def test_tool_pages_show_last_updated_and_contributors(built_site):
    page = (built_site / "tools" / "local-defenders-guide" / "index.html").read_text(encoding="utf-8")
    assert "Last updated:" in page and "Contributors:" in page
    assert "commits/main/tools_library/local-defenders-guide.md" in page
    assert "@" not in re.search(r"Contributors:(.*?)</small>", page, re.S).group(1)


def test_confidential_files_and_private_names_never_reach_the_pages(repo):
    root = Path(repo.working_tree_dir)
    secret = "Mariam Haddad-Example"
    commit(repo, {"groups/fra-57/index.md": f"---\nmembers:\n  - name: {secret}\n    confidential: true\n"
                                            "  - name: Public Org Example\n---\n"},
           f"Add {secret} to the France group", secret, "m@example.org", "2026-05-01T00:00:00+00:00")
    commit(repo, {"states/followup/fra/2026-05-02-sensitive.md": "---\nconfidential: true\n---\nDraft.\n"},
           "Draft assessment of detention conditions", "Lukas Novak", "l@example.org", "2026-05-02T00:00:00+00:00")
    ctx = SimpleNamespace(settings=settings(root), lang="en", content=None)
    history = gitinfo.public_history(ctx)
    text = changes.page(ctx, history) + changes.feed(ctx, history).decode("utf-8")
    assert secret not in text
    assert "sensitive" not in text and "detention conditions" not in text
    assert "groups/fra-57" not in text  # the change naming a private value is left out whole (issue 13)
    footer = gitinfo.page_footer(ctx, "groups/fra-57/index.md")
    assert secret not in footer and "Contributors" not in footer and "Last updated: 1 May 2026" in footer
    assert gitinfo.page_footer(ctx, "states/followup/fra/2026-05-02-sensitive.md") == ""
    assert secret in repr(gitinfo.read_history(root))  # the raw history has it: the filter is what protects


def test_a_news_date_with_a_time_is_accepted_as_material_does(tmp_path):
    posts_dir = tmp_path / "docs" / "news" / "posts"
    posts_dir.mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (posts_dir / "c.md").write_text("---\ndate: 2026-11-30 10:00:00\ncategories: [Announcements]\n---\n\n# T\n\nText.\n")
    posts, problems = news.load(settings(tmp_path))
    assert [p.format() for p in problems if p.severity == "error"] == []
    assert [str(p.date) for p in posts] == ["2026-11-30"]


def test_upr_check_annotates_only_the_changed_files_and_still_reports_every_problem(repo):
    """Issue 14: on a pull request, GitHub annotations only on the files it changes; every
    problem is still printed in the log and fails the check."""
    from conftest import run_upr
    root = Path(repo.working_tree_dir)
    (root / "scripts" / "upr").mkdir(parents=True, exist_ok=True)
    commit(repo, {".github/workflows/old one.yml": BAD_WORKFLOW}, "old", "A", "a@example.org",
           "2026-04-01T00:00:00+00:00")
    base = repo.head.commit.hexsha
    commit(repo, {".github/workflows/l'essai é.yml": BAD_WORKFLOW}, "new", "A", "a@example.org",
           "2026-04-02T00:00:00+00:00")
    env = {"UPR_ROOT": str(root), "GITHUB_ACTIONS": "true"}
    result = run_upr("check", "--annotate-changed-from", base, cwd=root, env=env)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert ".github/workflows/old one.yml:3: job 'build' declares no permissions" in result.stdout
    assert ".github/workflows/l'essai é.yml:3: job 'build' declares no permissions" in result.stdout
    annotations = [line for line in lines if line.startswith("::")]
    assert annotations and all("file=.github/workflows/l'essai é.yml" in a for a in annotations)
    everything = run_upr("check", cwd=root, env=env)
    assert any(a.startswith("::error file=.github/workflows/old one.yml") for a in everything.stdout.splitlines())
    bad = run_upr("check", "--annotate-changed-from", "no-such-branch", cwd=root, env=env)
    assert bad.returncode == 2 and "cannot compare with 'no-such-branch'" in bad.stderr


def test_a_problem_between_two_files_is_annotated_on_the_file_the_pull_request_changed():
    """New-user trial (issue 14): a spelling added to states/cod.md that states/cog.md already
    has is reported once, at cog.md; a pull request that changed only cod.md gets it on its
    own line, naming cog.md."""
    import io
    from upr.problems import Problem, annotated_at, report
    problem = Problem("states/cog.md", 20, "this name or alias is also used by states/cod.md:24",
                      "a code or spelling may belong to one State only: remove it from one of the two files",
                      also=(("states/cod.md", 24),))
    moved = annotated_at(problem, {"states/cod.md"})
    assert (moved.path, moved.line) == ("states/cod.md", 24)
    assert moved.message == "this name or alias is also used by states/cog.md:20"
    assert annotated_at(problem, {"states/cog.md"}) == problem
    assert annotated_at(problem, {"states/nor.md"}) is None
    out = io.StringIO()
    assert report([problem], out=out, github=True, annotate={"states/cod.md"}) == (1, 0)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("states/cog.md:20: this name or alias is also used by states/cod.md:24")
    assert lines[1].startswith("::error file=states/cod.md,line=24::this name or alias is also used by "
                               "states/cog.md:20")
