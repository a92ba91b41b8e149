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
import re

from ..tools import (ALLOWED_TYPES, STAGES, KINDS, TOPICS, Tool, _md_text, kind_label,
                     language_autonym, language_label, stage_label, topic_label, translations)
from ..yamlio import dump_yaml

ISSUE_FORM = "3-propose-a-tool.yml"


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def _repo_url(ctx) -> str:
    """``repo_url`` from mkdocs.yml (for the 'Propose a tool' issue form link)."""
    path = ctx.settings.root / "mkdocs.yml"
    if path.is_file():
        m = re.search(r"^repo_url:\s*(\S+)\s*$", path.read_text(encoding="utf-8"), re.M)
        if m:
            return m.group(1).strip("'\"").rstrip("/")
    return ""


def _published_name(name: str) -> str:
    # MkDocs would render an attached .md as a page (and run its HTML): publish it as text.
    return name + ".txt" if name.lower().endswith(".md") else name


def _size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


def _languages_text(tool: Tool) -> str:
    return ", ".join(language_autonym(code) for code in tool.languages)


def _facets(tools: list[Tool]) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """(facet, label, 'all' option, [(value, label)]) for the values the tools use,
    in vocabulary order (languages by English name)."""
    used_kinds = {t.kind for t in tools}
    used_stages = {s for t in tools for s in t.stages}
    used_topics = {s for t in tools for s in t.topics}
    used_langs = {s for t in tools for s in t.languages}
    langs = sorted(used_langs, key=lambda c: language_label(c))
    return [
        ("kind", "Kind of tool", "All kinds", [(k, v) for k, v in KINDS.items() if k in used_kinds]),
        ("stage", "UPR stage", "All stages", [(k, v) for k, v in STAGES.items() if k in used_stages]),
        ("topic", "Topic", "All topics", [(k, v) for k, v in TOPICS.items() if k in used_topics]),
        ("language", "Language", "All languages",
         [(c, f"{language_autonym(c)} ({language_label(c)})" if language_autonym(c) != language_label(c)
           else language_label(c)) for c in langs]),
    ]


def index_page(tools: list[Tool], repo_url: str) -> str:
    """Markdown (with a raw-HTML list and form) of ``tools/index.md``."""
    out = [
        "---", "title: Tools library", "---", "",
        "# Tools library", "",
        "Questionnaires, templates, guides, checklists and training material that NGOs made for their work on the "
        "Universal Periodic Review, shared so that others, including local human rights defenders, can reuse them.",
        "Each tool says at which stage of the UPR it helps, what it covers and in which languages it exists.",
        "",
        f"There are **{len(tools)}** tools.",
    ]
    if repo_url:
        out += ["", f"[Propose a tool]({repo_url}/issues/new?template={ISSUE_FORM}){{ .md-button }}"]
    out += ["",
            '<form class="tool-filter" id="tool-filter" hidden aria-label="Filter the tools">']
    for facet, label, everything, options in _facets(tools):
        out.append(f'<p class="tool-filter__field"><label for="tool-filter-{facet}">{_esc(label)}</label> '
                   f'<select id="tool-filter-{facet}" name="{facet}" data-facet="{facet}">'
                   f'<option value="">{_esc(everything)}</option>'
                   + "".join(f'<option value="{_esc(v)}">{_esc(t)}</option>' for v, t in options)
                   + "</select></p>")
    out += ['<p><button type="reset" class="md-button">Show all tools</button></p>',
            "</form>",
            '<p class="tool-filter__status" id="tool-filter-status" role="status" aria-live="polite"></p>',
            "",
            '<ul class="tool-list" id="tool-list">']
    for tool in tools:
        meta = " · ".join([
            kind_label(tool.kind),
            ", ".join(stage_label(s) for s in tool.stages),
            _languages_text(tool),
            f"{tool.organisation}, {tool.year}",
        ])
        out.append(
            f'<li class="tool" data-slug="{_esc(tool.slug)}" data-kind="{_esc(tool.kind)}" '
            f'data-stage="{_esc(" ".join(tool.stages))}" data-topic="{_esc(" ".join(tool.topics))}" '
            f'data-language="{_esc(" ".join(tool.languages))}" lang="{_esc(tool.languages[0])}">'
            f'<a href="{_esc(tool.slug)}/"><strong>{_esc(tool.title)}</strong></a><br>'
            f'{_esc(tool.summary)}<br><small>{_esc(meta)}</small></li>')
    out += ["</ul>", ""]
    return "\n".join(out)


def _cell(text: str) -> str:
    return _md_text(text).replace("\n", " ")


def tool_page(tool: Tool, others: list[Tool]) -> str:
    """Markdown of ``tools/<slug>.md``: metadata, downloads, then the tool's own body."""
    front = dump_yaml({"title": html.escape(tool.title, quote=False)}).strip()
    out = ["---", front, "---", "",
           f'<h1 lang="{_esc(tool.languages[0])}">{_esc(tool.title)}</h1>', "",
           f"*{_cell(tool.summary)}*", ""]
    if tool.attachments:
        out += ["## Download", ""]
        for att in tool.attachments:
            if att.file:
                kind = ALLOWED_TYPES.get(att.extension, att.extension.upper())
                label = f"{att.label} ({kind}, {_size(att.size)})"
                target = f"files/{_published_name(att.file)}"
                out.append(f'[{_cell(label)}]({target}){{ .md-button .md-button--primary '
                           f'download="{_esc(att.file)}" }}')
            else:
                out.append(f"[{_cell(att.label)}]({att.link}){{ .md-button }}")
            out.append("")
    langs = _languages_text(tool)
    if others:
        links = ", ".join(f"[{_cell(language_autonym(o.languages[0]))}: {_cell(o.title)}]({o.slug}.md)"
                          for o in others)
        langs += f" — also in {links}"
    out += ["## About this tool", "",
            "| | |", "|---|---|",
            f"| Kind | {_cell(kind_label(tool.kind))} |",
            f"| UPR stage | {_cell(', '.join(stage_label(s) for s in tool.stages))} |",
            f"| Topics | {_cell(', '.join(topic_label(t) for t in tool.topics))} |",
            f"| Languages | {langs} |",
            f"| Made by | {_cell(tool.organisation)} |",
            f"| Year | {tool.year} |",
            f"| Licence | {_cell(tool.licence)} |",
            "", "[All tools](index.md)", "",
            "---", ""]
    out.append(tool.body.strip("\n"))
    out.append("")
    return "\n".join(out)


def generate(ctx) -> None:
    tools = list(getattr(ctx.content, "tools", None) or [])
    ctx.write("tools/index.md", index_page(tools, _repo_url(ctx)))
    files_dir = ctx.settings.tools_dir / "files"
    for tool in tools:
        ctx.write(tool.page, tool_page(tool, translations(ctx.content, tool)))
        for att in tool.attachments:
            if att.file:
                ctx.write(f"tools/files/{_published_name(att.file)}", (files_dir / att.file).read_bytes())
