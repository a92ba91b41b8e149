"""Pages of the tools library (issue 6).

* ``tools/index.md``: every tool, as a list whose items carry ``data-kind``,
  ``data-stages``, ``data-topics`` and ``data-languages``. Without JavaScript the
  whole list is shown; ``javascripts/tools-filter.js`` un-hides a form of four
  labelled ``<select>`` (kind, stage, topic, language) that filters it. Material's
  tags plugin was not used: it has one flat tag space, not four independent facets.
* ``tools/<slug>.md``: metadata, download buttons, the tool's Markdown body.
* ``tools/files/<name>``: copies of the attachments that tools use (only those:
  a file in ``tools_library/files/`` that no tool names is never published).

Front-matter strings are HTML-escaped wherever they go (raw HTML, Markdown,
the page's ``title:``), because contributions are untrusted (case 21).
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from markupsafe import Markup

from ..mkconfig import repo_url
from ..templating import render, trusted
from ..tools import (ALLOWED_TYPES, STAGES, KINDS, TOPICS, Tool, md_escape, kind_label,
                     language_autonym, language_label, stage_label, topic_label, translations)
from .. import i18n, metadata, repofiles
from ..i18n import N_
from ..gitinfo import page_footer
from ..yamlio import dump_yaml

ISSUE_FORM = "3-propose-a-tool.yml"

#: Long texts, by a short name (English; translated in the catalogs).
TEXTS = {
    'INTRO': N_('Questionnaires, templates, guides, checklists and training material that NGOs made for their work on the Universal Periodic Review, shared so that others, including local human rights defenders, can reuse them. Each tool says at which stage of the UPR it helps, what it covers and in which languages it exists.'),
}


def tr(key: str, lang: str, **values) -> str:
    """Interface text in ``lang`` (English fallback), with ``{name}`` values filled in."""
    text = i18n.gettext(lang, key)
    return text.format(**values) if values else text


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def _published_name(name: str) -> str:
    # MkDocs would render an attached .md as a page (and run its HTML): publish it as text.
    return name + ".txt" if name.lower().endswith(".md") else name


def _size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


def _languages_text(tool: Tool) -> str:
    return ", ".join(language_autonym(code) for code in tool.languages)


def _language_option(code: str, lang: str) -> str:
    """``Français (French)`` on the English site: each reader finds their own language."""
    own, here = language_autonym(code), language_label(code, lang)
    return own if own.casefold() == here.casefold() else f"{own} ({here})"


def _facets(tools: list[Tool], lang: str) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """(facet, label, 'all' option, [(value, label)]) for the values the tools use,
    in vocabulary order (languages by their name in ``lang``)."""
    used_kinds = {t.kind for t in tools}
    used_stages = {s for t in tools for s in t.stages}
    used_topics = {s for t in tools for s in t.topics}
    used_langs = {s for t in tools for s in t.languages}
    langs = sorted(used_langs, key=lambda c: language_label(c, lang).casefold())
    return [
        ("kind", tr("Kind of tool", lang), tr("All kinds", lang),
         [(k, tr(v, lang)) for k, v in KINDS.items() if k in used_kinds]),
        ("stage", tr("UPR stage", lang), tr("All stages", lang),
         [(k, tr(v, lang)) for k, v in STAGES.items() if k in used_stages]),
        ("topic", tr("Topic", lang), tr("All topics", lang),
         sorted(((k, i18n.topic(v, lang)) for k, v in TOPICS.items() if k in used_topics),
                key=lambda kv: kv[1].casefold()) if lang != "en" else
         [(k, v) for k, v in TOPICS.items() if k in used_topics]),
        ("language", tr("Language of the tool", lang), tr("All languages", lang),
         [(c, _language_option(c, lang)) for c in langs]),
    ]


def index_page(tools: list[Tool], repo_url: str, lang: str = "en") -> str:
    """Markdown (with a raw-HTML form and list) of ``tools/index.md``."""
    out = [
        "---", dump_yaml({"title": tr("Tools library", lang)}).strip(), "---", "",
        f"# {tr('Tools library', lang)}", "",
        tr(TEXTS["INTRO"], lang), "",
        tr("There are {n} tools.", lang, n=len(tools)),
    ]
    if repo_url:
        out += ["", f"[{tr('Propose a tool', lang)}]({repo_url}/issues/new?template={ISSUE_FORM}){{ .md-button }}"]
    # The controls are written as plain elements with data attributes and made into
    # <select>s by tools-filter.js: the build's sanitiser (upr.sanitize) keeps no
    # <form>, <select> or <button> in page content, and without JS they would be dead.
    out += ["",
            f'<div class="tool-filter upr-needs-js" id="tool-filter" role="group" '
            f'aria-label="{_esc(tr("Filter the tools", lang))}">']
    for facet, label, everything, options in _facets(tools, lang):
        out.append(f'<p class="tool-filter__field"><label for="tool-filter-{facet}">{_esc(label)}</label> '
                   f'<span class="tool-filter__choices" data-facet="{facet}">'
                   f'<span data-value="">{_esc(everything)}</span>'
                   + "".join(f'<span data-value="{_esc(v)}">{_esc(t)}</span>' for v, t in options)
                   + "</span></p>")
    out += [f'<p><span class="tool-filter__reset">{_esc(tr("Show all tools", lang))}</span></p>',
            "</div>",
            '<p class="tool-filter__status" id="tool-filter-status" role="status" aria-live="polite"'
            f' data-all="{_esc(tr("Showing all {n} tools.", lang))}"'
            f' data-some="{_esc(tr("Showing {shown} of {n} tools.", lang))}"'
            f' data-none="{_esc(tr("No tool matches these choices.", lang))}"></p>',
            "",
            '<ul class="tool-list" id="tool-list">']
    for tool in tools:
        summary, summary_lang = tool.summary_in(lang)
        meta = " · ".join([
            tr(kind_label(tool.kind), lang),
            ", ".join(tr(stage_label(s), lang) for s in tool.stages),
            _languages_text(tool),
            f"{tool.organisation}, {tool.year}",
        ])
        out.append(
            f'<li class="tool" data-slug="{_esc(tool.slug)}" data-kind="{_esc(tool.kind)}" '
            f'data-stage="{_esc(" ".join(tool.stages))}" data-topic="{_esc(" ".join(tool.topics))}" '
            f'data-language="{_esc(" ".join(tool.languages))}">'
            f'<a href="{_esc(tool.slug)}/" lang="{_esc(tool.languages[0])}"><strong>{_esc(tool.title)}</strong></a><br>'
            f'<span lang="{_esc(summary_lang)}">{_esc(summary)}</span><br><small>{_esc(meta)}</small></li>')
    out += ["</ul>", ""]
    return "\n".join(out)


def _cell(text: str) -> str:
    return md_escape(text).replace("\n", " ")


@dataclass
class Download:
    label: str          # "Template (Word, 45 KB)"
    file: str = ""      # the attachment's file name (a file of tools_library/files/), or ''
    target: Markup = Markup("")  # files/<published name> (a name upr check accepted)
    link: str = ""      # an address, for a link attachment


@dataclass
class ToolPage:
    """What a tool's page shows; ``templates/pages/tool.md.j2`` lays it out."""

    front_matter: Markup
    title: str
    lang_code: str       # the tool's first language
    summary: str
    summary_lang: str
    downloads: list[Download]
    kind: str            # the interface words below are in the page's language
    stages: str
    topics: str
    languages: Markup    # autonyms, then "also in" links to the other language versions
    organisation: str
    year: int
    licence: str
    body: Markup         # the tool's own Markdown (upr check: no raw HTML, no unsafe link)


def tool_model(tool: Tool, others: list[Tool], lang: str = "en") -> ToolPage:
    """The :class:`ToolPage` of ``tool``; ``others``: its versions in other languages."""
    downloads = []
    for att in tool.attachments:
        if att.file:
            kind = ALLOWED_TYPES.get(att.extension, att.extension.upper())
            downloads.append(Download(label=f"{att.label} ({kind}, {_size(att.size)})", file=att.file,
                                      target=trusted(f"files/{_published_name(att.file)}")))
        else:
            # raw HTML with the address escaped: in a Markdown link a ")" in it would end it early
            downloads.append(Download(label=att.label, link=att.link))
    langs = _languages_text(tool)
    if others:
        links = ", ".join(f"[{_cell(language_autonym(o.languages[0]))}: {_cell(o.title)}]({o.slug}.md)"
                          for o in others)
        langs += f" — {tr('also in', lang)} {links}"
    body = tool.body.strip("\n")
    if tool.languages[0] != lang:  # read with the tool's own voice by screen readers (md_in_html)
        body = f'<div lang="{_esc(tool.languages[0])}" markdown>\n\n{body}\n\n</div>'
    summary, summary_lang = tool.summary_in(lang)
    return ToolPage(
        front_matter=trusted(dump_yaml({"title": html.escape(tool.title, quote=False)}).strip()),
        title=tool.title, lang_code=tool.languages[0], summary=summary, summary_lang=summary_lang,
        downloads=downloads, kind=tr(kind_label(tool.kind), lang),
        stages=", ".join(tr(stage_label(s), lang) for s in tool.stages),
        topics=", ".join(i18n.topic(topic_label(t), lang) for t in tool.topics),
        languages=trusted(langs), organisation=tool.organisation, year=tool.year, licence=tool.licence,
        body=trusted(body))


def tool_page(tool: Tool, others: list[Tool], lang: str = "en") -> str:
    """Markdown of ``tools/<slug>.md`` (``templates/pages/tool.md.j2``): metadata, downloads,
    then the tool's own body."""
    return render("tool.md.j2", lang, page=tool_model(tool, others, lang))


def generate(ctx) -> None:
    lang = getattr(ctx, "lang", "en")
    tools = list(getattr(ctx.content, "tools", None) or [])
    ctx.write("tools/index.md", index_page(tools, repo_url(ctx.settings.root), lang))
    files_dir = ctx.settings.tools_dir / "files"
    for tool in tools:
        ctx.write(tool.page, tool_page(tool, translations(ctx.content, tool), lang)
                  + page_footer(ctx, tool.path))  # last updated, contributors (issue 7)
        for att in tool.attachments:
            if att.file:
                raw = repofiles.read_bytes(files_dir / att.file, f"tools_library/files/{att.file}")
                ctx.write(f"tools/files/{_published_name(att.file)}", metadata.clean(att.file, raw))  # issue 13
