"""Check ``site_url`` in mkdocs.yml (issue 7, item 6).

The site is published as a GitHub *project* page, under a sub-path
(``https://<org>.github.io/<repo>/``). MkDocs builds the sitemap, the 404 page's
asset links and canonical URLs from ``site_url``; the feeds and calendar links
use it too. A ``site_url`` without the sub-path, without the final ``/`` or on
http gives a site whose 404 page, sitemap and feeds point to the wrong place,
while every page still seems to work — so it is checked, not trusted.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from .problems import Problem

EXAMPLE = "https://upr-platform.github.io/upr-platform/"


def check(text: str, path: str = "mkdocs.yml") -> list[Problem]:
    """Problems of ``site_url`` (and its agreement with ``repo_url``) in mkdocs.yml text."""
    found = re.search(r"^site_url:[ \t]*(.*?)[ \t]*$", text, re.M)
    if not found:
        return [Problem(path, 1, "site_url is missing (the sitemap, 404 page and feeds need it)",
                        f"add a line site_url: {EXAMPLE}")]
    line = text.count("\n", 0, found.start()) + 1
    url = found.group(1).strip("'\"")
    parts = urlsplit(url)
    problems = []
    if parts.scheme != "https" or not parts.netloc:
        problems.append(Problem(path, line, f"site_url '{url}' is not an https address",
                                f"write the full address of the published site, e.g. site_url: {EXAMPLE}"))
        return problems
    if not url.endswith("/"):
        problems.append(Problem(path, line, f"site_url '{url}' does not end with /",
                                f"write site_url: {url}/ (without it, links under the sub-path break)"))
    if parts.query or parts.fragment:
        problems.append(Problem(path, line, f"site_url '{url}' has a query or fragment",
                                f"write only the address, e.g. {EXAMPLE}"))
    repo = re.search(r"^repo_url:[ \t]*['\"]?https://github\.com/([^/\s'\"]+)/([^/\s'\"]+?)/?['\"]?[ \t]*$",
                     text, re.M)
    if parts.netloc.lower().endswith(".github.io"):
        # An error, not a warning (issue 14, item 8): with the sub-path missing the site
        # still builds and its pages seem to work, but the sitemap, the 404 page, the
        # feeds and every calendar link point outside the published site.
        org = parts.netloc.lower()[:-len(".github.io")]
        if repo:
            org, name = repo.group(1), repo.group(2)
            expected = (f"https://{org.lower()}.github.io/" if name.lower() == f"{org.lower()}.github.io"
                        else f"https://{org.lower()}.github.io/{name}/")
            if url.lower().rstrip("/") + "/" != expected.lower():
                problems.append(Problem(path, line, f"site_url '{url}' is not where GitHub Pages publishes "
                                        f"{org}/{name}", f"write site_url: {expected}"))
        elif parts.path.strip("/") == "":
            problems.append(Problem(
                path, line, f"site_url '{url}' misses the sub-path: GitHub Pages publishes a repository's site "
                f"under its name (https://{org}.github.io/<repository name>/)",
                f"write site_url: https://{org}.github.io/<repository name>/ and add a line "
                f"repo_url: https://github.com/{org}/<repository name>"))
    return problems


def load(settings, content=None):
    """``upr check`` hook (:data:`upr.content.KINDS`): returns the URL and its problems."""
    path = settings.root / "mkdocs.yml"
    if not path.is_file():
        return None, []
    text = path.read_text(encoding="utf-8")
    found = re.search(r"^site_url:[ \t]*(.*?)[ \t]*$", text, re.M)
    return (found.group(1).strip("'\"") if found else None), check(text, settings.rel(path))
