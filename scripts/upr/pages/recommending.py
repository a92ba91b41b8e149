"""Recommending States (issue 15, item 1): for every State, the recommendations it made.

* ``states/<iso3>/recommended-cycle-<n>.md`` -> ``/states/<iso3>/recommended-cycle-<n>/``
  (English tree only, like the follow-up tables: the texts exist only in English): counts
  by response, State under Review and theme, then one table (State under Review, ID linking
  to the row of that State's follow-up table, text, the other States that made it, response,
  themes), filterable with the follow-up tables' script. One page per cycle keeps each page
  under 1 MB at full scale (``upr bench --full-scale`` prints the largest).
* ``exports/recommended/<iso3>.csv`` and ``.json`` here; ``.xlsx`` in the post-build step
  (:func:`upr.pages.recommendations.heavy_exports`). Same columns as the follow-up exports.
* :func:`recommending_links`: the State page's section (en/fr/es) linking to them.

How a recommendation counts: :mod:`upr.recommending`. Data (:func:`upr.recommending.made_by`)
is computed apart from the writing below.
"""
from __future__ import annotations

import json
from urllib.parse import quote

from .. import exports
from ..i18n import N_, gettext
from ..recommending import Made, all_made, made_by
from .recommendations import _e, _filter_select, _followup, _md, state_name

EXPORT_DIR = "exports/recommended"
_MEMO: dict[int, tuple[object, dict]] = {}

#: The State page's section, by a short name; the pages it links to are in English.
TEXTS = {
    "title": N_("Recommendations made by this State"), "cycle": N_("Cycle"), "to": N_("to"),
    "recommendations": N_("recommendations"), "states": N_("States under Review"), "colon": N_(":"),
    "recommendation": N_("recommendation"), "state": N_("State under Review"),
    "download": N_("Download every recommendation this State made"),
    "none": N_("No recommendation made by this State has been imported yet."),
    "rule": N_("A recommendation made jointly by several States counts for each of them, as in UPR Info's "
               "database."),
    "english only": N_("The tables and the texts of the recommendations are in English."),
    "supported": N_("supported"), "noted": N_("noted"), "supported in part": N_("supported in part"),
    "pending": N_("pending"), "no clear position": N_("no clear position"),
}


def words(lang: str) -> dict[str, str]:
    """:data:`TEXTS` in ``lang``."""
    return {key: gettext(lang, text) for key, text in TEXTS.items()}


def page_path(iso3: str, cycle: int) -> str:
    return f"states/{iso3.lower()}/recommended-cycle-{cycle}.md"


def made_of(content) -> dict:
    """:func:`upr.recommending.made_by` of the loaded corpus, computed once per load."""
    corpus = content.kinds.get("recommendations")
    if corpus is None:
        return {}
    memo = _MEMO.get(id(corpus))
    if memo is None or memo[0] is not corpus:
        _MEMO.clear()
        memo = _MEMO[id(corpus)] = (corpus, made_by(corpus))
    return memo[1]


def recommending_links(ctx, iso3: str) -> str:
    """Markdown of the State page's section: per cycle, how many recommendations this State
    made and to how many States, linking to the cycle's page; then the downloads. Raw HTML
    links so that they work from the French and Spanish sites too (the pages are English)."""
    per_cycle = made_of(ctx.content).get(iso3.upper())
    if not per_cycle:
        return ""
    w = words(ctx.lang)
    up = "../../" if ctx.lang == "en" else "../../../"
    low = iso3.lower()
    lines = [f"## {w['title']}", ""]
    if ctx.lang != "en":
        lines += [w["english only"], ""]
    for cycle, made in per_cycle.items():
        parts = ", ".join(f"{n} {w.get(x, x)}" for x, n in made.response_counts())
        n, states = len(made.recs), len(made.states_under_review)
        lines.append(f'- <a href="{up}states/{low}/recommended-cycle-{cycle}/">{w["cycle"]} {cycle}</a>{w["colon"]} '
                     f"{n} {w['recommendation' if n == 1 else 'recommendations']} {w['to']} {states} "
                     f"{w['state' if states == 1 else 'states']} — {parts}")
    lines += ["", w["rule"], "",
              f'{w["download"]}{w["colon"]} <a href="{up}{EXPORT_DIR}/{low}.csv">CSV</a> · '
              f'<a href="{up}{EXPORT_DIR}/{low}.xlsx">Excel</a> · <a href="{up}{EXPORT_DIR}/{low}.json">JSON</a>', ""]
    return "\n".join(lines)


def _counts(title: str, counts: list[tuple[str, int]], total: int) -> list[str]:
    rows = [f"| {_md(name)} | {n} | {round(100 * n / total) if total else 0} % |" for name, n in counts]
    return [f"| {title} | recommendations | share |", "|---|---:|---:|", *rows, ""]


def cycle_page(made: Made, cycles: list[int], name_of) -> str:
    """Markdown of ``states/<iso3>/recommended-cycle-<n>.md``; ``name_of(iso3)`` gives State names."""
    name, total = name_of(made.iso3), len(made.recs)
    low = made.iso3.lower()
    title = f"{name}: recommendations made in cycle {made.cycle}"
    other = " · ".join(f"[cycle {c}](recommended-cycle-{c}.md)" if c != made.cycle else f"**cycle {c}**"
                       for c in cycles)
    sur = made.states_under_review
    themes = made.themes
    out = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "search:", "  exclude: true",
           "hide:", "  - navigation", "  - toc", "---", "", f"# {_md(title)}", "",
           f"[{_md(name)}](../{low}.md) · {other}", "",
           f'<p class="upr-downloads">Download every recommendation {_e(name)} made (all cycles): '
           f'<a href="../../../{EXPORT_DIR}/{low}.csv">CSV</a> · <a href="../../../{EXPORT_DIR}/{low}.xlsx">Excel</a> · '
           f'<a href="../../../{EXPORT_DIR}/{low}.json">JSON</a></p>', "",
           "## Summary", "",
           f"**{total}** recommendations to **{len(sur)}** States under Review, "
           + ", ".join(f"{n} {x}" for x, n in made.response_counts())
           + f". **{made.joint}** of them were made jointly with other States: a recommendation made by several "
           "States counts once for each of them, as in UPR Info's database, and a paragraph of an OHCHR list "
           "that merges several States' texts counts once for each State it names.", "",
           *_counts("Response", made.response_counts(), total),
           f'??? info "States under Review ({len(sur)})"', "",
           *["    " + ln for ln in _counts("State under Review", sorted(
               ((name_of(k), n) for k, n in sur.items()), key=lambda kv: (-kv[1], kv[0])), total)]]
    if themes:
        out += [f'??? info "Themes ({len(themes)})"', "",
                *["    " + ln for ln in _counts("Theme", sorted(themes.items(), key=lambda kv: (-kv[1], kv[0])),
                                                 total)]]
    else:
        out += ["Themes were not coded in the source for this cycle.", ""]
    filters = ['<div class="upr-filters upr-needs-js" data-table="upr-made">',
               _filter_select("response", "Response", [(x, x, n) for x, n in made.response_counts()]),
               _filter_select("sur", "State under Review", sorted(((k, name_of(k), n) for k, n in sur.items()),
                                                                  key=lambda o: o[1]))]
    if themes:
        filters.append(_filter_select("theme", "Theme", [(t, t, n) for t, n in sorted(themes.items())]))
    filters += ['<span data-filter="text" data-label="Words"></span>',
                f'<span class="upr-count" aria-live="polite">{total} of {total} shown</span></div>']
    out += ["## Recommendations", "", "Each ID links to the recommendation in the follow-up table of the State "
            "under Review (its latest NGO assessment is there). Tables are in English.", "", "".join(filters), "",
            _table(made, name_of), ""]
    return "\n".join(out)


def _table(made: Made, name_of) -> str:
    rows = []
    for rec in made.recs:
        sur = name_of(rec.state_under_review)
        others = ", ".join(_e(name_of(c)) for c in rec.recommending_states if c != made.iso3)
        href = f"../../{rec.state_under_review.lower()}/cycle-{rec.cycle}/#{quote(rec.id, safe='')}"
        # lean rows (1,885 on the largest page at full scale): the State filter uses the ISO3 code,
        # and the theme filter reads the themes cell (recommendations.js) instead of a copy of it
        rows.append(f'<tr data-response="{_e(rec.response)}" data-sur="{rec.state_under_review}">'
                    f'<td>{_e(sur)}</td><td><a href="{href}">{_e(rec.id)}</a></td><td>{_e(rec.text)}</td>'
                    f'<td>{others}</td><td>{_e(rec.response)}</td>'
                    f'<td class="upr-themes">{"<br>".join(_e(t) for t in rec.issues)}</td></tr>')
    name = _e(name_of(made.iso3))
    head = (f'<caption class="upr-sr-only">Recommendations made by {name}, cycle {made.cycle}</caption>'
            '<thead><tr><th scope="col">State under Review</th><th scope="col">ID</th>'
            '<th scope="col">Recommendation</th><th scope="col">Made together with</th>'
            '<th scope="col">Response</th><th scope="col">Themes</th></tr></thead>')
    return (f'<div class="upr-recs-wrap"><table class="upr-recs upr-made" id="upr-made">{head}<tbody>\n'
            + "\n".join(rows) + "\n</tbody></table></div>")


def generate(ctx) -> None:
    """English tree: the pages and the CSV/JSON downloads (other trees: nothing; the State
    pages of every language link to the English ones)."""
    if ctx.lang != "en":
        return
    made = made_of(ctx.content)
    if not made:
        return
    fu = _followup(ctx.content)

    def name_of(iso3: str) -> str:
        return state_name(ctx.content, iso3)

    for iso3, per_cycle in made.items():
        cycles = list(per_cycle)
        for cycle, m in per_cycle.items():
            ctx.write(page_path(iso3, cycle), cycle_page(m, cycles, name_of))
        recs = all_made(per_cycle)
        ctx.write(f"{EXPORT_DIR}/{iso3.lower()}.csv", exports.to_csv(recs, fu))
        ctx.write(f"{EXPORT_DIR}/{iso3.lower()}.json", exports.to_json(recs, fu))
