"""Generate the pages MkDocs renders, into the git-ignored ``build/``.

One tree per language, all from one load of the content: ``build/docs`` (English,
the ``docs_dir`` of ``mkdocs.yml``), ``build/docs-fr`` and ``build/docs-es``, each
built by MkDocs as its own site (``site/``, ``site/fr/``, ``site/es/``; see
:mod:`upr.commands.build`). The hand-written pages of ``docs/`` are copied first
(``page.fr.md`` is the French version of ``page.md``; without one, the English
page is used with a note), then every generator in :mod:`upr.pages` writes its
pages, using ``ctx.lang`` and ``ctx.t``. A file is rewritten only when its bytes change
(so ``mkdocs serve`` reloads only what changed), and files left from an earlier
run that no generator wrote are removed. ``mkdocs.yml`` points ``docs_dir`` at
``build/docs``, so any Material-compatible builder can render the result.
"""
from __future__ import annotations

import importlib
import pkgutil
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import i18n, mdtext, pages, repofiles, scriptcheck
from .atomic import atomic_write  # noqa: F401  (re-exported: writers import it from here)
from .config import Settings
from .content import Content


@dataclass
class BuildContext:
    """What a page generator gets: the settings, the loaded content and ``write``."""

    settings: Settings
    content: Content
    out_dir: Path
    lang: str = "en"
    written: set[str] = field(default_factory=set)

    @property
    def today(self):
        return self.settings.today

    def t(self, key: str) -> str:
        """Interface string in this tree's language (English fallback)."""
        return i18n.t(key, self.lang)

    def write(self, rel: str, data: str | bytes) -> Path:
        """Write ``data`` to ``out_dir/rel`` (atomically, only if it changed). A Markdown
        page's front matter goes through :func:`upr.mdtext.safe_front_matter` first
        (fields the theme prints unescaped; issue 13)."""
        target = self.out_dir / rel
        self.written.add(Path(rel).as_posix())
        if rel.endswith(".md"):
            data = _safe_page(data)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if target.is_file() and target.read_bytes() == raw:
            return target
        atomic_write(target, raw)
        return target


def _safe_page(data: str | bytes) -> str | bytes:
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return data  # MkDocs refuses to read it: nothing is rendered
        safe = mdtext.safe_front_matter(text)
        return data if safe is text else safe
    return mdtext.safe_front_matter(data)


def generators():
    """Page generator modules of :mod:`upr.pages`, in name order."""
    for info in sorted(pkgutil.iter_modules(pages.__path__), key=lambda m: m.name):
        yield importlib.import_module(f"{pages.__name__}.{info.name}")


def docs_dir_for(base: Path, lang: str) -> Path:
    """``base/docs`` for English, ``base/docs-fr`` … for the others."""
    return base / ("docs" if lang == i18n.LANGUAGES[0] else f"docs-{lang}")


def _copy_docs(ctx: BuildContext) -> None:
    """Copy the hand-written pages of ``docs/`` into this language's tree. Never through
    a link (:mod:`upr.repofiles`), never a page marked confidential in any of its
    languages (:func:`upr.privacy.hidden_pages`), and images without their metadata
    (:mod:`upr.metadata`)."""
    from .metadata import clean
    from .privacy import hidden_pages, is_hidden_page
    docs = ctx.settings.docs_dir
    hidden = hidden_pages(ctx.settings)
    suffixes = {f".{lang}.md" for lang in i18n.LANGUAGES}
    policy = scriptcheck.policy_of(ctx.settings)
    for src in repofiles.files(docs):
        rel = src.relative_to(docs).as_posix()
        if not rel.endswith(".md") and not scriptcheck.publishable(rel, src.read_bytes(), policy):
            continue  # not Markdown and not listed in mkdocs.yml (upr check says so): never published
        if rel.endswith(".md") and is_hidden_page(ctx.settings, rel, hidden):
            continue  # kept off the site, its feeds, search index and sitemap in every language
        own = next((x for x in suffixes if rel.endswith(x)), None)
        if own:  # a translation: only in its own tree, under the English name
            if own == f".{ctx.lang}.md":
                ctx.write(rel[: -len(own)] + ".md", _includes(rel, repofiles.read_bytes(src, ctx.settings.rel(src)), ctx))
            continue
        if rel.endswith(".md") and ctx.lang != "en":
            if repofiles.is_regular(src.with_name(src.stem + f".{ctx.lang}.md")):
                continue
            ctx.write(rel, _includes(rel, _untranslated(repofiles.read_text(src, ctx.settings.rel(src)), ctx,
                                                        wrap=not rel.startswith("news/posts/")), ctx))
            continue
        ctx.write(rel, _includes(rel, clean(rel, repofiles.read_bytes(src, ctx.settings.rel(src))), ctx))


def _includes(rel: str, data: str | bytes, ctx: BuildContext) -> str | bytes:
    """A News post with its ``<!-- upr:outcome <group> -->`` lines replaced by what came of
    that group's joint submission (:func:`upr.pages.groups.expand_outcome_includes`);
    any other file unchanged."""
    if not (rel.startswith("news/posts/") and rel.endswith(".md")):
        return data
    from .pages.groups import expand_outcome_includes
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    expanded = expand_outcome_includes(text, ctx)
    return data if expanded == text else expanded


def _untranslated(text: str, ctx: BuildContext, wrap: bool = True) -> str:
    """The English page, with a note saying so, after its front matter. With
    ``wrap``, the English text sits in ``<div lang="en" markdown>`` (md_in_html) so
    that screen readers read it with an English voice on a French or Spanish page.
    News posts are not wrapped: the blog plugin cuts their excerpt at ``<!-- more -->``."""
    note = f'!!! note ""\n    {ctx.t("This page has not been translated yet; it is shown in English.")}\n\n'
    head, body = "", text
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            head, body = text[: end + 5] + "\n", text[end + 5:]
    if wrap:
        body = f'<div lang="en" markdown>\n\n{body.strip()}\n\n</div>\n'
    return head + note + body


def generate(settings: Settings, content: Content, out_dir: Path | None = None,
             lang: str = "en") -> BuildContext:
    """Copy ``docs/`` and run every generator into ``out_dir`` (default: this
    language's tree under ``build/``), in language ``lang``.

    Returns the context (``ctx.written`` lists the files of this run).
    """
    out = out_dir or docs_dir_for(settings.build_dir.parent, lang)
    out.mkdir(parents=True, exist_ok=True)
    ctx = BuildContext(settings=settings, content=content, out_dir=out, lang=lang)
    i18n.use_catalogs(settings.root)  # locale/<lang>/LC_MESSAGES/messages.po, compiled into build/locale/
    _copy_docs(ctx)
    for module in generators():
        module.generate(ctx)
    for old in sorted(out.rglob("*"), reverse=True):
        rel = old.relative_to(out).as_posix()
        if old.is_file() and rel not in ctx.written:
            old.unlink()
        elif old.is_dir() and not any(old.iterdir()):
            old.rmdir()
    return ctx


def clean(out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)


def generate_all(settings: Settings, content: Content, base: Path | None = None,
                 languages: tuple[str, ...] = i18n.LANGUAGES) -> list[BuildContext]:
    """Generate every language's tree under ``base`` (default ``build/``)."""
    base = base or settings.build_dir.parent
    return [generate(settings, content, docs_dir_for(base, lang), lang) for lang in languages]
