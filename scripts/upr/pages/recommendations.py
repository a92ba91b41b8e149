"""Follow-up tables: every recommendation a State received in a cycle, its response,
recommending States, themes, action category and latest NGO assessment (issue 3, item 5).

Pages (English tree only: recommendation texts exist only in English, and three
copies of ~600 table pages would triple build time and size):

* ``states/<iso3>/cycle-<n>.md`` -> ``/states/<iso3>/cycle-<n>/``: summary counts
  (responses, assessment status, themes, asked before in an earlier cycle: :mod:`upr.similarity`), then
  one HTML table, sortable (vendored tablesort) and filterable by response, theme
  and assessment status (``javascripts/recommendations.js``, also from the address:
  ``?response=noted&theme=Women%27s%20rights``). Each row's HTML id is the
  recommendation ID (deep link); a row asked before links to its closest recommendations of
  earlier cycles ("Asked before: cycle 2, SVN-20-115.38 (similar, 0.83)"), on their pages.
  Then every public assessment, newest first.
  Out of the built-in search index (``search: exclude``); Pagefind indexes the
  tables instead (:func:`postbuild_step`).
* ``recommendations/index.md``: overview, downloads, search box (Pagefind UI), in every
  language tree: a :class:`RecommendationsIndex` laid out by the Jinja2 template
  ``templates/pages/recommendations_index.md.j2`` (issue 16).
* ``recommendations/themes/index.md`` and ``recommendations/themes/<slug>.md``:
  cross-State counts by theme, each linking to the filtered State tables (English only):
  a :class:`ThemesIndex` and a :class:`ThemePage` laid out by the Jinja2 templates
  ``themes_index.md.j2`` and ``theme.md.j2`` (issue 16).
* ``exports/…`` (see :mod:`upr.exports`): per State CSV/JSON, whole corpus CSV/JSON;
  the XLSX files and OHCHR matrices (States and cycles with NGO assessments, see
  :func:`has_matrix`) are written by the post-build step :func:`postbuild_step`
  (``upr build`` only), because they take seconds.

:func:`followup_links` gives the Markdown a State page shows to link here.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup

from .. import coverage, exports, midterm, postbuild, reports, similarity
from ..site import atomic_write
from ..slugs import file_slug
from ..followup import STATUSES, FollowUp
from ..i18n import N_, gettext
from ..mdtext import md_inline
from ..recommendations import RESPONSES, Recommendation
from ..templating import render, trusted

NOT_ASSESSED = "not assessed"
EXPORT_DIR = "exports/recommendations"
_LAST: dict = {}  # the English build's content, for the post-build steps of the same run


def _corpus(content):
    return content.kinds.get("recommendations")


def _followup(content) -> FollowUp:
    fu = content.kinds.get("followup")
    return fu.public if fu is not None else FollowUp()


def state_name(content, iso3: str) -> str:
    states = content.kinds.get("states")
    if states is not None and hasattr(states, "name"):
        return states.name(iso3)
    return iso3


def by_cycle(recs: list[Recommendation]) -> dict[int, list[Recommendation]]:
    out: dict[int, list[Recommendation]] = {}
    for rec in recs:
        out.setdefault(rec.cycle, []).append(rec)
    return dict(sorted(out.items()))


def theme_slugs(themes) -> dict[str, str]:
    """theme -> unique slug (a second theme with the same slug gets ``-2``, in name order)."""
    out, used = {}, set()
    for t in sorted(themes):
        base = s = slug(t)
        n = 1
        while s in used:
            n += 1
            s = f"{base}-{n}"
        used.add(s)
        out[t] = s
    return out


def slug(text: str) -> str:
    """URL slug of a theme: ASCII, lower case, hyphens (``Women's rights`` -> ``womens-rights``)."""
    return file_slug(text, "theme")  # transliterated (upr.slugs), never dropped


def themes_of(rec: Recommendation) -> list[str]:
    return rec.issues


def page_path(iso3: str, cycle: int) -> str:
    return f"states/{iso3.lower()}/cycle-{cycle}.md"


#: The State page's "not imported yet" paragraph (English; translated in the catalogs).
WHERE_NOT_IMPORTED = N_(
    "Recommendations not imported yet are on [OHCHR's UPR page of this State]({ohchr}) (with the "
    "thematic list of each review) and in the [Universal Human Rights Index]({uhri}) (choose this "
    "State and the Universal Periodic Review). A coordinator can upload the thematic list (.docx) to "
    "the `imports/` folder (see Contribute); a maintainer imports everything with {line}, which the "
    "weekly import workflow runs by itself.")


#: Under the "asked before" count of a follow-up table (figures: tests/fixtures/similarity/README.md).
ASKED_BEFORE_NOTE = (
    "Each row links to its closest recommendations of earlier cycles. \"Similar\" means a similarity score "
    f"of at least {similarity.THRESHOLD:.2f} between the two texts (0 to 1, from the words they share; "
    "1 = the same text). On 275 pairs of real recommendations labelled by hand, 91 % of the pairs linked "
    "this way asked for the same thing, and 84 % of the pairs that did were linked: check the texts.")


def _t(msgid: str, lang: str) -> str:
    return gettext(lang, msgid)


def followup_links(ctx, iso3: str) -> str:
    """Markdown for the State page: per cycle, how many recommendations the platform
    has and from which source, with a link to its follow-up table — or, for a review
    that took place, "not imported yet" with where to find them and the line that
    imports them (:mod:`upr.coverage`); then the downloads. Links are raw HTML URLs so
    they also work from the French and Spanish sites (the tables exist only in the
    English site)."""
    from .. import coverage
    cycles = coverage.for_state(ctx.content, iso3, ctx.today)
    if not any(c.count or c.reviewed for c in cycles):
        return ""
    fu = _followup(ctx.content)
    corpus = _corpus(ctx.content)
    recs = corpus.by_state.get(iso3.upper(), []) if corpus else []
    up = "../../" if ctx.lang == "en" else "../../../"  # from /[lang/]states/<iso3>/ to the English root
    low = iso3.lower()
    lang = ctx.lang
    colon, semicolon, session = _t(":", lang), _t(";", lang), _t("session", lang)
    lines = [f"## {_t('Recommendations and follow-up', lang)}", ""]
    if lang != "en" and recs:
        lines += [_t("The follow-up tables and the texts of the recommendations are in English.", lang), ""]
    count = (lambda n: _n(n, "recommendation")) if lang == "en" else (lambda n: f"{n} {_t('recommendations', lang)}")
    state = (ctx.content.kinds.get("states") or {}).get(iso3.upper())
    by_c = by_cycle(recs)
    missing = []
    for c in cycles:
        if not c.count and not c.reviewed:
            continue
        sessions = ", ".join(str(s) for s in c.sessions)
        if not c.count:
            missing.append(c)
            lines.append(f"- {_t('Cycle', lang)} {c.cycle} ({session} {sessions}){colon} "
                         f"**{_t('not imported yet', lang)}**")
            continue
        crecs = by_c.get(c.cycle, [])
        assessed = sum(1 for r in crecs if fu.current(r.id))
        parts = ", ".join(f"{c.responses[x]} {_t(x, lang)}" for x in RESPONSES if c.responses[x])
        source = ", ".join(md_inline(x) for x in c.sources)
        midterm = (f' · <a href="{up}{EXPORT_DIR}/{low}-cycle-{c.cycle}-midterm.docx">'
                   f'{_t("CSO mid-term report (Word)", lang)}</a>' if assessed else "")
        lines.append(f'- <a href="{up}states/{low}/cycle-{c.cycle}/">{_t("Cycle", lang)} {c.cycle}</a> '
                     f"({session} {sessions}){colon} "
                     f"{count(c.count)} — {parts}{semicolon} {assessed} {_t('assessed by NGOs', lang)}"
                     f"{semicolon} {_t('source', lang)}{colon} {source}{midterm}")
    if missing and state is not None:
        lines += ["", _t(WHERE_NOT_IMPORTED, lang).format(
            ohchr=coverage.ohchr_country_page(state.iso2), uhri=coverage.UHRI_SEARCH,
            line=f"`{coverage.IMPORT_LINE}`")]
    if recs:
        lines += ["", f'{_t("Download all recommendations to this State", lang)}{colon} '
                  f'<a href="{up}{EXPORT_DIR}/{low}.csv">CSV</a> · '
                  f'<a href="{up}{EXPORT_DIR}/{low}.xlsx">Excel</a> · <a href="{up}{EXPORT_DIR}/{low}.json">JSON</a>']
    return "\n".join(lines + [""])


# --- the State and cycle page ------------------------------------------------------------

def _n(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _md(text) -> str:
    """Imported text (a theme, a State's name, a source) safe in Markdown: a table cell,
    a link label, a heading (issue 13: upr.mdtext.md_inline escapes HTML and every
    Markdown special, { } of attribute lists included)."""
    return md_inline(text)


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _count_table(title: str, counts: list[tuple[str, int]], total: int) -> str:
    rows = "\n".join(f"| {_md(name)} | {n} | {round(100 * n / total) if total else 0} % |" for name, n in counts)
    return f"| {title} | recommendations | share |\n|---|---:|---:|\n{rows}\n"


def _assessment_cell(rec: Recommendation, fu: FollowUp) -> str:
    history = fu.history(rec.id)
    if not history:
        return ""
    cur = history[0]
    extra = f" (+{len(history) - 1} earlier)" if len(history) > 1 else ""
    ex = ' <span class="upr-example">example</span>' if cur.example else ""
    return (f'<a href="#{_e(cur.anchor)}"><span class="upr-status upr-status--{slug(cur.status)}">'
            f"{_e(cur.status)}</span> {cur.date.isoformat()}</a>{_e(extra)}{ex}")


def _filter_select(name: str, label: str, options: list[tuple[str, str, int]]) -> str:
    """A filter as spans with data attributes: the site's sanitiser keeps no
    form/select in content, so recommendations.js turns each into a <select>."""
    opts = "".join(f'<span data-value="{_e(v)}">{_e(text)} ({n})</span>' for v, text, n in options)
    return f'<span data-filter="{name}" data-label="{_e(label)}">{opts}</span>'



def asked_before_counts(recs: list[Recommendation], repeats: similarity.Repeats) -> tuple[int, int]:
    """(recommendations asked before in an earlier cycle, of which with the same text)."""
    before = [repeats.earlier[r.id] for r in recs if r.id in repeats.earlier]
    return len(before), sum(1 for found in before if any(m.same_text for m in found))


def state_cycle_page(content, iso3: str, cycle: int, recs: list[Recommendation], all_recs: list[Recommendation],
                     fu: FollowUp, repeats: similarity.Repeats, has_matrix: bool) -> str:
    """Markdown of ``states/<iso3>/cycle-<n>.md``."""
    name = state_name(content, iso3)
    low = iso3.lower()
    total = len(recs)
    sessions = sorted({r.session for r in recs})
    cycles = sorted({r.cycle for r in all_recs})
    resp = Counter(r.response for r in recs)
    status = Counter((fu.current(r.id).status if fu.current(r.id) else NOT_ASSESSED) for r in recs)
    themes = Counter(t for r in recs for t in themes_of(r))
    datasets = Counter(r.source for r in recs)
    n_before, n_same = asked_before_counts(recs, repeats)
    earlier_cycles = [c for c in cycles if c < cycle]
    title = f"{name}: recommendations of cycle {cycle}"
    out = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "search:", "  exclude: true", "hide:", "  - navigation", "  - toc", "---", "",
           f"# {_md(name)}: recommendations of cycle {cycle}", ""]
    state_link = f"[{_md(name)}](../{low}.md)" if iso3 in (content.kinds.get("states") or {}) else _md(name)
    other = " · ".join(f"[cycle {c}](cycle-{c}.md)" if c != cycle else f"**cycle {c}**" for c in cycles)
    out += [f"{state_link} · {other} · session {', '.join(map(str, sessions))}", ""]
    downloads = [f'<a href="../../../{EXPORT_DIR}/{low}.csv">CSV</a>',
                 f'<a href="../../../{EXPORT_DIR}/{low}.xlsx">Excel</a>',
                 f'<a href="../../../{EXPORT_DIR}/{low}.json">JSON</a>']
    if has_matrix:
        downloads.append(f'<a href="../../../{EXPORT_DIR}/{low}-cycle-{cycle}-matrix.docx">'
                         "OHCHR matrix with NGO assessments (Word)</a>")
        downloads.append(f'<a href="../../../{EXPORT_DIR}/{low}-cycle-{cycle}-midterm.docx">'
                         "CSO mid-term report (Word)</a>")
    out += ['<p class="upr-downloads">Download: ' + " · ".join(downloads) + "</p>", ""]
    if not has_matrix:
        out += ["No NGO has assessed these recommendations yet, so there is no matrix with assessments "
                "to download; maintainers can make the Word matrix with "
                f"`upr export matrix --state {iso3} --cycle {cycle}`.", ""]
    out += ["## Summary", "", f"**{total}** recommendations.", ""]
    if earlier_cycles:
        out += [f"**{n_before}** asked before in an earlier cycle "
                f"({', '.join(map(str, earlier_cycles))}): **{n_same}** with the same text, "
                f"**{n_before - n_same}** similar in meaning. " + ASKED_BEFORE_NOTE, ""]
    out.append(_count_table("Response", [(x, resp[x]) for x in RESPONSES if resp[x]], total))
    out.append(_count_table("Latest NGO assessment",
                            [(x, status[x]) for x in (*STATUSES, NOT_ASSESSED) if status[x]], total))
    if len(datasets) > 1:
        out.append(_count_table("Source", sorted(datasets.items()), total))
    if themes:
        out += ['??? info "Recommendations by theme (' + str(len(themes)) + ' themes)"', ""]
        for line in _count_table("Theme", sorted(themes.items(), key=lambda kv: (-kv[1], kv[0])), total).splitlines():
            out.append("    " + line)
        out.append("")
    else:
        out += ["Themes were not coded in the source for this cycle.", ""]
    out += ["## Recommendations", "",
            "Sort by clicking a column header; filter with the lists below. "
            "The link of each ID points to that recommendation.", ""]
    filters = ['<div class="upr-filters upr-needs-js" data-table="upr-recs">',
               _filter_select("response", "Response", [(x, x, resp[x]) for x in RESPONSES if resp[x]])]
    if themes:
        filters.append(_filter_select("theme", "Theme", [(t, t, n) for t, n in sorted(themes.items())]))
    filters.append(_filter_select("status", "Assessment",
                                  [(x, x, status[x]) for x in (*STATUSES, NOT_ASSESSED) if status[x]]))
    if len(datasets) > 1:
        filters.append(_filter_select("source", "Source", [(d, d, n) for d, n in sorted(datasets.items())]))
    if earlier_cycles:
        filters.append(_filter_select("asked", "Asked before", [("yes", "yes", n_before),
                                                                ("no", "no", total - n_before)]))
    filters.append('<span data-filter="text" data-label="Words"></span>')
    filters.append(f'<span class="upr-count" aria-live="polite">{total} of {total} shown</span></div>')
    out += ["".join(filters), ""]
    out.append(_table(content, iso3, cycle, recs, fu, repeats, name))
    out.append("")
    ids = {r.id for r in recs}
    public = [a for a in fu.for_state(iso3) if any(fu.aliases.get(rid, rid) in ids for rid in a.recommendations)]
    out += ["## NGO assessments", ""]
    if not public:
        out += ["No group has recorded an assessment of these recommendations yet. "
                "See [how a group records an assessment](../../contribute.md).", ""]
    for a in public:
        ex = " (example)" if a.example else ""
        out += [f"### {a.date.isoformat()} — {a.status}{ex} {{ #{a.anchor} }}", ""]
        if a.example:
            out += ['!!! example "Example"', "    This assessment is an example written to show the format; "
                    "it is not a real finding.", ""]
        recs_html = ", ".join(f'<a href="#{_e(fu.aliases.get(r, r))}">{_e(fu.aliases.get(r, r))}</a>'
                              for r in a.recommendations)
        out += [f'<p><strong>Recommendations:</strong> {recs_html}<br>'
                f"<strong>Assessed by:</strong> {_e(a.assessed_by)}<br>"
                f"<strong>Sources:</strong> " + "; ".join(_source(s) for s in a.sources) + "</p>", ""]
        out += [_narrative(a.body), ""]
    return "\n".join(out) + "\n"


def _source(src: str) -> str:
    if src.startswith("https://"):
        return f'<a href="{_e(src)}" rel="nofollow noopener">{_e(src)}</a>'
    return f"<code>{_e(src)}</code>"


def _narrative(body: str) -> str:
    """The contributor's Markdown as sanitised HTML (raw HTML in it never reaches the page unfiltered)."""
    import markdown
    import nh3

    rendered = markdown.markdown(body, extensions=["extra", "sane_lists", "upr.private_notes"])
    return '<div class="upr-narrative">' + nh3.clean(rendered) + "</div>"


def asked_before_html(found: list[similarity.Match]) -> str:
    """``Asked before: cycle 2, <a>SVN-20-115.38</a> (similar, 0.83); …``, each ID linking to
    its row on the other cycle's page (``../cycle-2/#SVN-20-115.38``, relative to a cycle page)."""
    parts, current = [], None
    for m in found:
        link = (f'<a href="../cycle-{m.cycle}/#{quote(m.id, safe="")}">{_e(m.id)}</a> '
                + ("(same text)" if m.same_text else f"(similar, {m.score:.2f})"))
        if m.cycle != current:
            parts.append(f"cycle {m.cycle}, {link}")
            current = m.cycle
        else:
            parts[-1] += f", {link}"
    return '<small class="upr-asked-before">Asked before: ' + "; ".join(parts) + "</small>"


def _table(content, iso3: str, cycle: int, recs, fu: FollowUp, repeats: similarity.Repeats, name: str) -> str:
    states = content.kinds.get("states")
    rows = []
    for i, rec in enumerate(recs):
        cur = fu.current(rec.id)
        themes = themes_of(rec)
        rs = ", ".join(_e(states.name(c)) if states is not None and hasattr(states, "name") else c
                       for c in rec.recommending_states)
        found = repeats.earlier.get(rec.id, [])
        before = f"<br>{asked_before_html(found)}" if found else ""
        para = f"{_e(rec.paragraph)} " if rec.paragraph else ""
        persons = (f'<br><small>Affected persons: {_e(", ".join(rec.affected_persons))}</small>'
                   if rec.affected_persons else "")
        rows.append(
            f'<tr id="{_e(rec.id)}" data-response="{_e(rec.response)}" data-themes="{_e("|".join(themes))}" '
            f'data-status="{_e(cur.status if cur else NOT_ASSESSED)}" data-source="{_e(rec.source)}" '
            f'data-asked="{"yes" if found else "no"}">'
            f'<td data-sort="{i:05d}"><a href="#{_e(rec.id)}">{_e(rec.id)}</a></td>'
            f"<td>{para}{_e(rec.text)}{before}</td><td>{rs}</td><td>{_e(rec.response)}</td>"
            f'<td>{"<br>".join(_e(t) for t in themes)}{persons}</td>'
            f'<td>{rec.action_category or ""}</td><td>{_assessment_cell(rec, fu)}</td></tr>')
    head = ('<thead><tr><th scope="col">ID</th><th scope="col">Recommendation</th><th scope="col">Recommending States</th>'
            '<th scope="col">Response</th><th scope="col">Themes</th><th scope="col" data-sort-method="number">Action</th>'
            '<th scope="col">Latest assessment</th></tr></thead>')
    # screen readers name the table (issue 9); the page heading already shows it
    head = f'<caption class="upr-sr-only">Recommendations to {_e(name)}, cycle {cycle}</caption>' + head
    # Pagefind's UI writes a filter's value as HTML ({@html} in pagefind-ui.js) and its
    # indexer decodes character references (escaping twice does not help): the value
    # carries no markup characters at all (issue 13; upr check refuses them in names).
    return (f'<div class="upr-recs-wrap" data-pagefind-body '
            f'data-pagefind-filter="state:{_e(re.sub(r"[<>&]", "", name))}">'
            f'<span data-pagefind-meta="title" class="upr-never-shown">{_e(name)}, cycle {cycle}</span>'
            f'<table class="upr-recs" id="upr-recs">{head}<tbody>\n' + "\n".join(rows) + "\n</tbody></table></div>")


# --- theme pages ---------------------------------------------------------------------------

@dataclass
class ThemeCount:
    name: str
    href: str                    # the theme's page
    recommendations: int
    supported: int
    noted: int


@dataclass
class ThemesIndex:
    themes: list[ThemeCount]     # by name, case-insensitive


@dataclass
class ThemeRow:
    state: str                   # the State under Review's name
    cycle: int
    recommendations: int
    supported: int
    noted: int
    href: str                    # its follow-up table, filtered by the theme


@dataclass
class ThemePage:
    title_json: Markup           # the title as a JSON string (the front matter)
    name: str
    recommendations: int
    supported: int
    noted: int
    states: int                  # States under Review with a recommendation on the theme
    rows: list[ThemeRow]         # by State name, then cycle


def theme_pages(ctx, corpus) -> None:
    """``recommendations/themes/index.md`` and one page per theme (English), from the templates
    ``themes_index.md.j2`` (:class:`ThemesIndex`) and ``theme.md.j2`` (:class:`ThemePage`)."""
    by_theme: dict[str, Counter] = {}
    cells: dict[str, dict[tuple[str, int], Counter]] = {}
    for rec in corpus:
        for t in themes_of(rec):
            by_theme.setdefault(t, Counter())[rec.response] += 1
            cells.setdefault(t, {}).setdefault((rec.state_under_review, rec.cycle), Counter())[rec.response] += 1
    slugs = theme_slugs(by_theme)
    ctx.write("recommendations/themes/index.md", render("themes_index.md.j2", "en", page=ThemesIndex([
        ThemeCount(t, f"{slugs[t]}.md", sum(c.values()), c["supported"], c["noted"])
        for t, c in sorted(by_theme.items(), key=lambda kv: kv[0].casefold())])))
    for t, per in cells.items():
        rows = [ThemeRow(state_name(ctx.content, iso3), cycle, sum(c.values()), c["supported"], c["noted"],
                         f"../../../states/{iso3.lower()}/cycle-{cycle}/?theme={quote(t)}")
                for (iso3, cycle), c in sorted(per.items(), key=lambda kv: (state_name(ctx.content, kv[0][0]), kv[0][1]))]
        ctx.write(f"recommendations/themes/{slugs[t]}.md", render("theme.md.j2", "en", page=ThemePage(
            title_json=trusted(json.dumps("Theme: " + t, ensure_ascii=False)), name=t,
            recommendations=sum(by_theme[t].values()), supported=by_theme[t]["supported"],
            noted=by_theme[t]["noted"], states=len({k[0] for k in per}), rows=rows)))


@dataclass
class ResponseCount:
    count: int
    label: str        # "supported", "noted" in the page's language


@dataclass
class CoverageRow:
    cycle: int
    recommendations: int
    with_data: int    # States whose recommendations the platform has
    reviewed: int     # States reviewed so far in the cycle


@dataclass
class LatestAssessment:
    date: str
    href: str         # its place on the follow-up table of its State and cycle
    state: str
    cycle: int
    status: str
    example: bool
    recommendations: int
    assessed_by: str


@dataclass
class RecommendationsIndex:
    up: str           # from the page to the English site's root
    exports: str      # the folder of the downloads
    count: int
    states: int
    responses: list[ResponseCount]
    assessed: int     # recommendations with a public NGO assessment
    coverage: list[CoverageRow]
    latest: list[LatestAssessment]


def index_page(ctx, corpus, fu: FollowUp) -> None:
    """``recommendations/index.md`` in every language tree (it is in the nav), from
    ``templates/pages/recommendations_index.md.j2``; its links are raw HTML to the
    English site, where the tables, index and exports are."""
    up = "../" if ctx.lang == "en" else "../../"
    resp = Counter(r.response for r in corpus)
    lang = ctx.lang
    page = RecommendationsIndex(
        up=up, exports=EXPORT_DIR, count=corpus.count, states=len(corpus.by_state),
        responses=[ResponseCount(resp[x], _t(x, lang) if lang != "en" else x) for x in RESPONSES if resp[x]],
        assessed=len({rid for rid in fu.by_recommendation if rid in corpus.by_id}),
        coverage=[CoverageRow(*row) for row in coverage.by_cycle(ctx.content, ctx.today)],
        latest=_latest_assessments(ctx, corpus, fu, up))
    ctx.write("recommendations/index.md", render("recommendations_index.md.j2", lang, page=page))


def _latest_assessments(ctx, corpus, fu: FollowUp, up: str, limit: int = 10) -> list[LatestAssessment]:
    """The newest public assessments, each with its place on the follow-up table of its
    State and cycle."""
    latest = [a for a in reversed(fu.assessments) if any(corpus.get(r) for r in a.recommendations)][:limit]
    out = []
    for a in latest:
        cycle = next(corpus.get(r).cycle for r in a.recommendations if corpus.get(r))
        out.append(LatestAssessment(
            date=a.date.isoformat(), href=f"{up}states/{a.state.lower()}/cycle-{cycle}/#{quote(a.anchor)}",
            state=state_name(ctx.content, a.state), cycle=cycle, status=a.status, example=bool(a.example),
            recommendations=len(a.recommendations), assessed_by=a.assessed_by))
    return out


def generate(ctx) -> None:
    corpus = _corpus(ctx.content)
    if corpus is None or not corpus.count:
        ctx.write("recommendations/index.md", "---\ntitle: Recommendations\n---\n\n# Recommendations\n\n"
                  "No recommendations have been imported yet (see `upr import --help`).\n")
        return
    if ctx.lang != "en":
        index_page(ctx, corpus, _followup(ctx.content))
        return
    _LAST["content"] = ctx.content
    fu = _followup(ctx.content)
    repeats = similarity.for_content(ctx.content)
    all_rows: list[str] = []
    all_items: list[str] = []
    for iso3, recs in sorted(corpus.by_state.items()):
        cycles = by_cycle(recs)
        for cycle, crecs in cycles.items():
            ctx.write(page_path(iso3, cycle), state_cycle_page(
                ctx.content, iso3, cycle, crecs, recs, fu, repeats, has_matrix(iso3, cycle, cycles, fu)))
        # serialised once, for the State's file and for the corpus file
        rows, items = exports.csv_rows(recs, fu), exports.json_items(recs, fu)
        all_rows.append(rows)
        all_items += items
        ctx.write(f"{EXPORT_DIR}/{iso3.lower()}.csv", exports.csv_file(rows))
        ctx.write(f"{EXPORT_DIR}/{iso3.lower()}.json", exports.json_file(items))
    ctx.write(f"{EXPORT_DIR}/all.csv", exports.csv_file(*all_rows))
    ctx.write(f"{EXPORT_DIR}/all.json", exports.json_file(all_items))
    theme_pages(ctx, corpus)
    index_page(ctx, corpus, fu)


def has_matrix(iso3: str, cycle: int, cycles: dict, fu: FollowUp) -> bool:
    """The site carries the Word matrix of every State and cycle with at least one
    public NGO assessment: that 4th column is what the platform adds to OHCHR's own
    lists. python-docx takes ~0.8 ms a row (measured): matrices of every State's
    latest cycle added 2-3 minutes to a build on 2 cores. Others: ``upr export matrix``."""
    return any(fu.current(r.id) for r in cycles[cycle])


# --- post-build steps (upr build only) ------------------------------------------------------

def postbuild_step(settings, site_dir: Path) -> None:
    """``upr build`` only: the Pagefind index (a subprocess, started first so it runs
    on the second core) while the XLSX files and Word matrices are written."""
    content = _LAST.get("content")
    if content is None or _corpus(content) is None:
        return
    t0 = time.perf_counter()
    pagefind = subprocess.Popen([sys.executable, "-m", "pagefind_bin", "--site", str(site_dir), "--silent"],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        heavy_exports(content, site_dir)
    finally:
        output, _ = pagefind.communicate()
    if pagefind.returncode:
        raise RuntimeError(f"pagefind failed:\n{output}")
    print(f"upr build: Pagefind index and recommendation XLSX/Word in {time.perf_counter() - t0:.1f} s",
          file=sys.stderr)


class ExportCache:
    """XLSX/DOCX files kept in the git-ignored ``build/cache/exports/`` under the SHA-1
    of everything they are made from (the rows, the names, the code of
    :mod:`upr.exports`). Their bytes are reproducible, so a State whose data did not
    change is copied instead of rebuilt (openpyxl takes ~7 s for 60k rows). Files
    not used by a build are removed at the end of it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[Path] = set()
        self.hits = self.misses = 0
        from .. import briefing, matching, midterm, reports
        code = b"".join(Path(m.__file__).read_bytes()
                        for m in (exports, reports, briefing, midterm, matching, similarity))
        self.version = hashlib.sha1(code).hexdigest()

    def copy(self, target: Path, name: str, parts: list[str], make) -> None:
        digest = hashlib.sha1("\0".join([self.version, name, *parts]).encode("utf-8")).hexdigest()[:20]
        cached = self.folder / f"{name}-{digest}{target.suffix}"
        self.used.add(cached)
        try:
            shutil.copyfile(cached, target)
            self.hits += 1
        except FileNotFoundError:  # not made yet (or pruned by a concurrent build)
            self.misses += 1
            data = make()
            target.write_bytes(data)
            atomic_write(cached, data)

    def prune(self) -> None:
        for path in self.folder.glob("*"):
            if path.is_file() and path not in self.used:
                path.unlink()


def heavy_exports(content, site_dir: Path) -> None:
    """XLSX per State and for the whole corpus, and the Word matrices, straight into
    ``site/exports/recommendations/`` (through :class:`ExportCache`)."""
    corpus, fu = _corpus(content), _followup(content)
    out = site_dir / EXPORT_DIR
    out.mkdir(parents=True, exist_ok=True)
    cache = ExportCache(content.settings.build_dir.parent / "cache" / "exports")
    all_rows = []
    for iso3, recs in sorted(corpus.by_state.items()):
        rows = exports.csv_rows(recs, fu)
        all_rows.append(rows)
        cache.copy(out / f"{iso3.lower()}.xlsx", iso3.lower(), [rows], lambda: exports.to_xlsx(recs, fu, iso3))
        cycles = by_cycle(recs)
        for cycle, crecs in cycles.items():
            if not has_matrix(iso3, cycle, cycles, fu):
                continue
            names = [state_name(content, iso3)] + sorted({state_name(content, c) for r in crecs
                                                         for c in r.recommending_states})
            cache.copy(out / f"{iso3.lower()}-cycle-{cycle}-matrix.docx", f"{iso3.lower()}-{cycle}",
                       names + exports.json_items(crecs, fu),
                       lambda: exports.matrix_docx(crecs, fu, state_name(content, iso3), cycle,
                                                   lambda c: state_name(content, c)))
            cache.copy(out / f"{iso3.lower()}-cycle-{cycle}-midterm.docx", f"{iso3.lower()}-{cycle}-midterm",
                       names + exports.json_items(crecs, fu),
                       lambda: reports.midterm_docx(midterm.build(corpus, fu, iso3, cycle),
                                                    lambda c: state_name(content, c)))
    cache.copy(out / "all.xlsx", "all", all_rows, lambda: exports.to_xlsx(corpus, fu, "All recommendations"))
    # what each recommending State made (issue 15): exports/recommended/<iso3>.xlsx
    from ..recommending import all_made, made_by
    made_dir = site_dir / "exports" / "recommended"
    made_dir.mkdir(parents=True, exist_ok=True)
    for iso3, per_cycle in made_by(corpus).items():
        recs = all_made(per_cycle)
        cache.copy(made_dir / f"{iso3.lower()}.xlsx", f"recommended-{iso3.lower()}", [exports.csv_rows(recs, fu)],
                   lambda: exports.to_xlsx(recs, fu, f"Made by {iso3}"))
    _briefing_exports(content, site_dir, cache)
    cache.prune()
    print(f"upr build: recommendation XLSX/Word files: {cache.hits} from build/cache, {cache.misses} made",
          file=sys.stderr)


def _briefing_exports(content, site_dir: Path, cache: ExportCache) -> None:
    """The Word briefing sheet and Excel table of every lobby briefing page
    (:mod:`upr.pages.briefings`), keyed by everything they show."""
    from .briefings import briefings, export_name, has_files
    name_of = (lambda c: state_name(content, c))
    for b in briefings(content, content.settings.today):
        if not has_files(content, b):
            continue
        key = f"{b.state.lower()}-{b.review.session}-briefing"
        parts = [json.dumps([b.review.session, b.review.cycle, b.review.projected,
                             sorted({name_of(c) for r in b.rows for c in (b.state, *r.rec.recommending_states)})])]
        parts += [json.dumps([r.theme, r.rec.to_row(), r.assessment.path if r.assessment else "",
                              r.assessments, [(m.rec.id, m.score) for m in r.again]], ensure_ascii=False)
                  for r in b.rows]
        parts += [a.path + a.status + a.date.isoformat() + a.assessed_by + ";".join(a.sources)
                  for a in {r.assessment.path: r.assessment for r in b.rows if r.assessment}.values()]
        for ext, make in (("docx", reports.briefing_docx), ("xlsx", reports.briefing_xlsx)):
            target = site_dir / export_name(b.state, b.review.session, ext)
            target.parent.mkdir(parents=True, exist_ok=True)
            cache.copy(target, f"{key}-{ext}", parts, lambda make=make, b=b: make(b, name_of))


def warm_export_cache(content) -> None:
    """Make the XLSX/Word files into ``build/cache/exports`` ahead of the post-build
    step (run in a background process by ``upr build``; see upr.postbuild.BACKGROUND),
    so that step only copies them. Output goes to a scratch folder that is removed."""
    import tempfile
    if _corpus(content) is None:
        return
    scratch = Path(tempfile.mkdtemp(prefix="upr-exports-"))
    try:
        heavy_exports(content, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if warm_export_cache not in postbuild.BACKGROUND:
    postbuild.BACKGROUND.append(warm_export_cache)


# Full-text search: Pagefind (pagefind-bin) indexes only elements marked
# data-pagefind-body (the tables) and writes site/pagefind/ in small chunks.
if postbuild_step not in postbuild.STEPS:
    postbuild.STEPS.append(postbuild_step)
