"""Load every kind of content once, validate it, and hand it on as models.

Data flows one way: content files -> :class:`Content` (validated models) ->
pages, feeds and exports. Each domain module listed in :data:`KINDS` provides

* ``load(settings) -> (models, problems)``: read and validate its own files;
* optionally ``cross_check(content) -> problems``: checks against other kinds
  (a session lists only existing States, a follow-up names an existing
  recommendation …).

``upr check`` and the site generator both go through :func:`load_content`.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from .config import Settings
from .problems import ERROR, Problem

# (attribute on Content, module). Order matters: later kinds may use earlier ones.
KINDS: list[tuple[str, str]] = [
    ("states", "upr.states"),
    ("sessions", "upr.sessions"),
    ("groups", "upr.groups"),
    ("recommendations", "upr.recommendations"),
    ("followup", "upr.followup"),
    ("tools", "upr.tools"),
    ("workflows", "upr.lint_workflows"),  # .github/workflows: case 28 (issue 7)
    ("news", "upr.news"),  # docs/news/posts: date, categories, title (issue 7)
    ("site_url", "upr.siteurl"),
    ("sources", "upr.sources"),  # sources/: raw files kept byte for byte, checked against sources/README.md (issue 12)  # mkdocs.yml site_url under the project page's sub-path (issue 7)
    ("files", "upr.repofiles"),  # links, hard links, special files in content: never followed (issue 13)
    ("metadata", "upr.metadata"),  # images of docs/: GPS positions refused, the rest stripped (issue 13)
    ("remote", "upr.remote"),  # remote images and other resources in pages (issue 13)
    ("privacy", "upr.privacy"),  # public mentions of private values, links to hidden pages (issue 13)
    ("limits", "upr.limits"),  # every content file: characters that are not text, lines no parser copes with (issue 13)
    ("spreadsheet", "upr.spreadsheet"),  # imported recommendation texts that look like formulas (case 38)
    ("safety", "upr.safety"),  # last: generic checks over every content file (issue 8)
]


@dataclass
class Content:
    """Everything the site is built from. Attributes are named by :data:`KINDS`."""

    settings: Settings
    problems: list[Problem] = field(default_factory=list)
    kinds: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        kinds = self.__dict__.get("kinds", {})
        if name in kinds:
            return kinds[name]
        raise AttributeError(name)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]


def load_content(settings: Settings) -> Content:
    """Load and check all content. Never raises on bad content: problems are
    collected in ``Content.problems`` (bad files are left out of the models)."""
    content = Content(settings=settings)
    modules = []
    for attr, module_name in KINDS:
        module = importlib.import_module(module_name)
        modules.append(module)
        models, problems = module.load(settings, content)
        content.kinds[attr] = models
        content.problems.extend(problems)
    for module in modules:
        cross = getattr(module, "cross_check", None)
        if cross:
            content.problems.extend(cross(content))
    # A file read by its kind and by a generic check (characters that are not text are
    # reported by both upr.yamlio and upr.characters) is reported once.
    content.problems = list(dict.fromkeys(content.problems))
    return content
