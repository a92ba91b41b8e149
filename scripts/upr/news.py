"""News posts (issue 7): ``docs/news/posts/*.md``, rendered by Material's blog plugin.

Checked here so that a contributor gets ``path:line: … — …`` from ``upr check``
instead of a MkDocs traceback: ``date`` (YYYY-MM-DD) is required, ``categories``
must be among :data:`CATEGORIES` (the same list as ``categories_allowed`` in
mkdocs.yml), and the post needs a ``# Title``. :func:`load` returns the posts,
newest first, for the feed (:mod:`upr.pages.news`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from . import privacy, repofiles
from .problems import WARNING, Problem
from .yamlio import YamlSyntaxError, read_document

CATEGORIES = ("Announcements", "Briefings", "Reflections")
EXCERPT = "<!-- more -->"
#: A line that the site replaces with what came of a country group's joint submission
#: (issue 15): ``<!-- upr:outcome svn-48 -->`` (see upr.pages.groups.expand_outcome_includes).
INCLUDE = re.compile(r"^<!-- upr:outcome ([a-z]{3}-[1-9][0-9]*) -->[ \t]*$", re.M)
_ANY_INCLUDE = re.compile(r"<!--\s*upr\s*:", re.I)


@dataclass(frozen=True)
class Post:
    """One post: ``slug`` is the file name without ``.md`` (its URL is ``news/<slug>/``)."""

    path: Path
    slug: str
    date: dt.date
    title: str
    categories: tuple[str, ...]
    summary: str          # Markdown before <!-- more --> (without the title)
    draft: bool = False


def posts_dir(settings) -> Path:
    return settings.docs_dir / "news" / "posts"


def load(settings, content=None) -> tuple[list[Post], list[Problem]]:
    posts, problems = [], []
    folder = posts_dir(settings)
    hidden = privacy.hidden_pages(settings)
    for path in repofiles.files(folder, (".md",), recursive=False):
        shown = settings.rel(path)
        try:
            doc = read_document(path, shown)
        except YamlSyntaxError as exc:
            problems.append(exc.problem)
            continue
        problems.extend(doc.problems)
        meta = doc.meta if isinstance(doc.meta, dict) else {}
        if privacy.is_hidden_page(settings, path.relative_to(settings.docs_dir).as_posix(), hidden):
            continue  # kept off the site and the feed, in every language (issue 13)
        if doc.problems and not meta:  # unreadable (not UTF-8, broken YAML): that one message is enough
            continue
        line = lambda key: getattr(meta, "lines", {}).get(key, 1)  # noqa: E731
        date = None
        raw_date = meta.get("date")
        if isinstance(raw_date, dict):  # Material also accepts date: {created: …}
            raw_date = raw_date.get("created")
        try:
            # Material's blog also accepts a time: "2026-11-30 10:00:00"
            date = dt.datetime.fromisoformat(str(raw_date)).date()
        except ValueError:
            problems.append(Problem(shown, line("date"), f"date '{raw_date}' is missing or not a date"
                                    if raw_date is not None else "the post has no date",
                                    "write date: YYYY-MM-DD at the top, e.g. date: 2026-11-30"))
        cats = meta.get("categories") or []
        cats = [cats] if isinstance(cats, str) else cats
        for i, cat in enumerate(cats if isinstance(cats, list) else []):
            if cat not in CATEGORIES:
                lines = getattr(cats, "lines", [])
                problems.append(Problem(shown, lines[i] if i < len(lines) else line("categories"),
                                        f"category '{cat}' is not one of the news categories",
                                        "use one of: " + ", ".join(CATEGORIES)))
        title = re.search(r"^# (.+)$", doc.body, re.M)
        if not title:
            problems.append(Problem(shown, doc.body_line, "the post has no title",
                                    "write the title on its own line after the front matter: # Title of the post"))
        problems += _check_includes(settings, content, shown, doc)
        if date is None or not title:
            continue
        head = doc.body.split(EXCERPT)[0]
        summary = re.sub(r"^# .+$", "", head, count=1, flags=re.M).strip()
        posts.append(Post(path, path.stem, date, title.group(1).strip(), tuple(map(str, cats)), summary,
                          meta.get("draft") is True))
    posts.sort(key=lambda p: (p.date, p.slug), reverse=True)
    return posts, problems


def _check_includes(settings, content, shown: str, doc) -> list[Problem]:
    """Each ``<!-- upr:… -->`` line has the one known form and names an existing group."""
    problems = []
    groups = getattr(content, "kinds", {}).get("groups") if content is not None else None
    for offset, line in enumerate(doc.body.split("\n")):
        if not _ANY_INCLUDE.search(line):
            continue
        number = doc.body_line + offset
        found = INCLUDE.match(line)
        if not found:
            problems.append(Problem(shown, number, "this upr include has the wrong form",
                                    "write it alone on its line as  <!-- upr:outcome svn-48 -->  (the group's "
                                    "folder name: State code in lower case, a dash, the session)"))
            continue
        slug = found.group(1)
        if not (settings.groups_dir / slug / "index.md").is_file():
            problems.append(Problem(shown, number, f"there is no country group '{slug}' in groups/",
                                    "write the folder name of an existing group, e.g. "
                                    + (next(iter(sorted(groups)), "svn-48") if groups else "svn-48")))
        elif isinstance(groups, dict) and slug in groups and not groups[slug].submission.recommendations:
            problems.append(Problem(shown, number, f"group '{slug}' lists no recommendations of its joint "
                                    "submission, so the include shows nothing",
                                    f"add them under submission: recommendations: in groups/{slug}/index.md "
                                    "(see CONTRIBUTING.md)", severity=WARNING))
    return problems

