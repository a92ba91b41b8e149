""""Recent changes": ``changes/index.md`` and the Atom feed ``changes/feed.xml``.

Both list the latest commits that touched content (``states/``, ``groups/``,
``tools_library/``, ``docs/``), from the one history pass of :mod:`upr.gitinfo`:
date, who (names only, never e-mail addresses), the commit's first line and the
files changed. Commit subjects and names are untrusted text: escaped in Markdown,
plain text in the feed (feedgen escapes XML).

The feed is written with feedgen (a library, not string templates). Its ``<updated>``
is the newest change's date, so rebuilding without new commits gives the same bytes.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .. import gitinfo
from ..i18n import N_, gettext
from ..mkconfig import read_mkdocs_yml
from ..templating import render, trusted

LIMIT = 60           # entries on the page and in the feed
FILES_SHOWN = 8      # files listed per change on the page before "and N more"
FEED_FILES = 30      # … and in the feed

TEXT = {
    "title": N_("Recent changes"),
    "intro": N_("The latest changes to the content of this site, newest first. Every change is a commit in "
                "the public repository; click a change to see exactly what it changed."),
    "feed": N_("Subscribe to this list"), "none": N_("No changes recorded."), "more": N_("and {n} more"),
    "by": N_("by"),
}


def _text(lang: str) -> dict[str, str]:
    return {key: gettext(lang, msgid) for key, msgid in TEXT.items()}




def urls(ctx) -> tuple[str, str]:
    """(site URL of this language ending in '/', repository URL without '/') from mkdocs.yml."""
    config = read_mkdocs_yml(ctx.settings.root)
    site = (config.get("site_url") or "").rstrip("/") + "/"
    if ctx.lang != "en":
        site += f"{ctx.lang}/"
    return site, (config.get("repo_url") or "").rstrip("/")


@dataclass
class ChangeLine:
    day: str            # in the page's language
    subject: str        # the commit's first line (untrusted: escaped by the template)
    url: str            # the commit on GitHub, '' without a repo_url
    authors: list[str]  # names only (untrusted: escaped by the template)
    files: Markup       # `path`, … as code spans (backticks removed), then "and N more"


@dataclass
class ChangesPage:
    note: str                # why there are no dates (no git, shallow clone), or ''
    changes: list[ChangeLine]


def page(ctx, history: gitinfo.History) -> str:
    """``changes/index.md`` from ``templates/pages/changes.md.j2``."""
    from ..i18n import format_day
    text = _text(ctx.lang)
    _, repo = urls(ctx)
    lines = []
    for change in history.changes[:LIMIT]:
        files = ", ".join(f"`{f.replace('`', '')}`" for f in change.files[:FILES_SHOWN])
        if len(change.files) > FILES_SHOWN:
            files += " " + text["more"].format(n=len(change.files) - FILES_SHOWN)
        lines.append(ChangeLine(day=format_day(change.when.date(), ctx.lang), subject=change.subject,
                                url=f"{repo}/commit/{change.sha}" if repo else "", authors=list(change.authors),
                                files=trusted(files)))
    return render("changes.md.j2", ctx.lang, page=ChangesPage(note=history.note or "", changes=lines))


def feed(ctx, history: gitinfo.History) -> bytes:
    """Atom feed of the same changes (bytes, UTF-8)."""
    from feedgen.feed import FeedGenerator
    text = _text(ctx.lang)
    site, repo = urls(ctx)
    fg = FeedGenerator()
    fg.id(site + "changes/")
    fg.title(f"UPR Platform — {text['title']}")
    fg.link(href=site + "changes/feed.xml", rel="self")
    fg.link(href=site + "changes/", rel="alternate")
    fg.language(ctx.lang)
    fg.subtitle(text["intro"])
    fg.generator("UPR Platform")
    changes = history.changes[:LIMIT]
    fg.updated(changes[0].when if changes else "1970-01-01T00:00:00+00:00")
    for change in reversed(changes):  # feedgen prepends: add oldest first
        entry = fg.add_entry()
        entry.id(f"{repo}/commit/{change.sha}" if repo else f"urn:git:{change.sha}")
        entry.title(" ".join(change.subject.split()) or change.sha[:12])
        entry.updated(change.when)
        entry.published(change.when)
        for name in change.authors:
            entry.author({"name": name})
        if repo:
            entry.link(href=f"{repo}/commit/{change.sha}", rel="alternate")
        listed = "\n".join(change.files[:FEED_FILES])
        if len(change.files) > FEED_FILES:
            listed += "\n" + text["more"].format(n=len(change.files) - FEED_FILES)
        entry.content(listed, type="text")
    return fg.atom_str(pretty=True)


def generate(ctx) -> None:
    history = gitinfo.public_history(ctx)  # confidential files and private values left out
    ctx.write("changes/index.md", page(ctx, history))
    ctx.write("changes/feed.xml", feed(ctx, history))
