"""Atom feed of the News section: ``news/feed.xml``.

Material's blog plugin renders the posts; their feed would need the separate
mkdocs-rss-plugin, which calls git for every page during the build (the cost
:mod:`upr.gitinfo` avoids) and is not a built-in that ProperDocs or Zensical
will carry. So the feed is written here, with feedgen, from the posts' front
matter (:mod:`upr.news`). Drafts are left out. ``<updated>`` is the newest
post's date, so the bytes change only when a post does.
"""
from __future__ import annotations

import datetime as dt

import markdown

from ..i18n import N_, gettext
from ..news import load
from .changes import urls

TITLE = N_("UPR Platform — News")


def feed(ctx, posts) -> bytes:
    from feedgen.feed import FeedGenerator
    site, _ = urls(ctx)
    fg = FeedGenerator()
    fg.id(site + "news/")
    fg.title(gettext(ctx.lang, TITLE))
    fg.link(href=site + "news/feed.xml", rel="self")
    fg.link(href=site + "news/", rel="alternate")
    fg.language(ctx.lang)
    fg.generator("UPR Platform")
    when = lambda d: dt.datetime.combine(d, dt.time(0, 0), dt.timezone.utc)  # noqa: E731
    fg.updated(when(posts[0].date) if posts else when(dt.date(1970, 1, 1)))
    for post in reversed(posts):  # feedgen prepends: add oldest first
        url = f"{site}news/{post.slug}/"
        entry = fg.add_entry()
        entry.id(url)
        entry.title(post.title)
        entry.link(href=url, rel="alternate")
        entry.published(when(post.date))
        entry.updated(when(post.date))
        for cat in post.categories:
            entry.category(term=cat)
        # Posts are written by maintainers (docs/), rendered as in the site; feedgen escapes it.
        entry.summary(markdown.markdown(post.summary, extensions=["tables", "upr.private_notes"]), type="html")
    return fg.atom_str(pretty=True)


def generate(ctx) -> None:
    posts, _ = load(ctx.settings)
    ctx.write("news/feed.xml", feed(ctx, [p for p in posts if not p.draft]))
