"""``confidential: true`` / ``private: true`` on any kind of page (issue 13, class 2):
kept off the site in every language, or refused with file:line — never published
silently. Decided per kind (SECURITY.md says why):

* kept off: hand-written pages of docs/ and their translations, News posts (and their
  feed), a whole briefing, a group's draft, a follow-up assessment;
* refused: a State page, a country group's page, a tool (always published).

The generated tree (what MkDocs renders, so also what goes into the sitemap, search
index and blog archives) is checked here; the full build is in test_hostile_privacy.py."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import hostile_fixture as hf
from upr import news, privacy
from upr.config import settings
from upr.content import load_content
from upr.site import generate_all


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, object, str]:
    """The hostile fixture's content, loaded and generated in en, fr and es (no MkDocs)."""
    root = hf.write(tmp_path_factory.mktemp("pages") / "repo")
    s = settings(root, dt.date(2026, 11, 30))
    content = load_content(s)
    generate_all(s, content, root / "build")
    texts = "\n".join(f"{p.relative_to(root).as_posix()}\n{p.read_text(encoding='utf-8', errors='replace')}"
                      for p in sorted((root / "build").rglob("*")) if p.is_file())
    return root, content, texts


def test_hidden_pages_and_their_translations_are_in_no_language(generated):
    root, _, texts = generated
    for lang in ("docs", "docs-fr", "docs-es"):
        tree = root / "build" / lang
        assert (tree / "gallery.md").is_file() and (tree / "index.md").is_file()
        assert not (tree / "secret-page.md").exists()  # secret-page.fr.md is not marked: hidden all the same
        assert not (tree / "not-boolean.md").exists()  # private: yes counts as confidential (fail closed)
        assert not (tree / "news" / "posts" / "2026-11-20-secret-post.md").exists()
        assert (tree / "news" / "posts" / "2026-11-21-public-post.md").is_file()
    for marker in ("CANARY-SECRET-PAGE", "CANARY-SECRET-FR", "CANARY-NOT-BOOLEAN", "CANARY secret post"):
        assert marker not in texts


def test_news_feed_and_loader_leave_confidential_posts_out(generated):
    root, _, texts = generated
    posts, problems = news.load(settings(root))
    assert [p.slug for p in posts] == ["2026-11-21-public-post"] and problems == []
    for lang in ("docs", "docs-fr", "docs-es"):
        feed = (root / "build" / lang / "news" / "feed.xml").read_text(encoding="utf-8")
        assert "A public announcement" in feed and "secret" not in feed


def test_a_confidential_briefing_and_draft_are_kept_off_the_group_page_and_calendar(generated):
    root, content, texts = generated
    group = content.groups["civ-47"]
    assert [b.title for b in group.briefings] == ["Pre-session briefing on Côte d'Ivoire"]
    assert group.has_draft and not group.publishes_draft
    assert not list((root / "build" / "docs" / "groups" / "civ-47").glob("submission*"))
    assert "CANARY closed briefing" not in texts and "CANARY-DRAFT-SENTENCE" not in texts
    assert "Pre-session briefing on Côte d'Ivoire" in texts


def test_a_confidential_follow_up_assessment_is_not_in_the_public_view(generated):
    _, content, texts = generated
    assert [a.confidential for a in content.followup.assessments] == [True]
    assert content.followup.public.assessments == []
    assert "CANARY-FOLLOWUP" not in texts


KINDS = {
    "states/nor.md": ("a State page", "iso3: NOR\n"),
    "groups/civ-47/index.md": ("a country group's page", "state: CIV\n"),
    "tools_library/fixture-toolkit.md": ("a tool of the library", "title: Fixture toolkit\n"),
}


@pytest.mark.parametrize("rel", sorted(KINDS))
def test_kinds_that_are_always_published_refuse_the_marker_with_one_message(tmp_path, rel):
    root = hf.write(tmp_path / "repo")
    path = root / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", "---\nconfidential: true\n", 1), encoding="utf-8")
    problems = [p for p in load_content(settings(root)).problems if p.path == rel and p.line == 2]
    what = KINDS[rel][0]
    assert [p.format() for p in problems][:1] == [
        f"{rel}:2: confidential: {what} is always published, so it cannot be marked confidential — "
        + problems[0].fix]
    assert len(problems) == 1  # not also "unknown field 'confidential'"


def test_check_reports_links_and_menu_entries_to_hidden_pages_and_bad_markers(tmp_path):
    root = hf.write(tmp_path / "repo")
    (root / "docs" / "about.md").write_text("# About\n\nRead [the notes](secret-page.md#part) and "
                                            "[the post](news/posts/2026-11-20-secret-post.md).\n", encoding="utf-8")
    mkdocs = root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace("  - About: about.md\n",
                                                                 "  - About: about.md\n  - Notes: secret-page.md\n"),
                      encoding="utf-8")
    (root / "groups" / "civ-47" / "briefings" / "2026-12-10-pre-session.md").write_text(
        hf.BRIEFING_PUBLIC.format(aidh=hf.AIDH).replace("place:", "report: news/posts/2026-11-20-secret-post.md\nplace:"),
        encoding="utf-8")
    _, problems = privacy.load(settings(root))
    text = sorted(p.format() for p in problems)
    nav_line = mkdocs.read_text(encoding="utf-8").split("\n").index("  - Notes: secret-page.md") + 1
    assert ("docs/about.md:3: links to secret-page.md, a page marked confidential (it is not published: the link "
            "would be broken) — remove the link, or publish the page") in text
    assert any(t.startswith("docs/about.md:3: links to news/posts/2026-11-20-secret-post.md") for t in text)
    assert (f"mkdocs.yml:{nav_line}: the menu (nav) lists secret-page.md, a page marked confidential (it is not "
            "published) — remove this line from nav") in text
    assert ("docs/not-boolean.md:2: confidential/private is 'yes', not true or false (the page is kept off the site "
            "until this is fixed) — write confidential: true to keep the page off the site, or delete the line to "
            "publish it") in text
    found = [p.format() for p in load_content(settings(root)).problems if "report" in p.message]
    assert found == ["groups/civ-47/briefings/2026-12-10-pre-session.md:6: the report "
                     "docs/news/posts/2026-11-20-secret-post.md is marked confidential, so it is not published — "
                     "remove the report line, or publish the post"]


def test_unparseable_front_matter_with_a_marker_counts_as_confidential():
    assert privacy.text_is_confidential("---\nconfidential: true\ntitle: [broken\n---\n# X\n")
    assert privacy.text_is_confidential("---\nprivate: \"yes\"\n---\n")
    assert privacy.text_is_confidential("---\nconfidential:\n---\n")  # empty: not false
    assert not privacy.text_is_confidential("---\nconfidential: false\n---\n")
    assert not privacy.text_is_confidential("---\ntitle: x\n---\nconfidential: true in the text\n")
