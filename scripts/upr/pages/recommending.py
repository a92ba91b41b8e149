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
is computed apart from the writing below: each cycle's page is a :class:`RecommendedPage` of
plain values laid out by the Jinja2 template ``templates/pages/recommended.md.j2`` (issue 16),
which escapes every value from data where it is written (:mod:`upr.templating`: ``md_inline``
in Markdown, ``html.escape`` in the HTML of the filters and the table).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from .. import exports
from ..i18n import N_, gettext
from ..recommending import Made, all_made, made_by
from ..templating import render, trusted
from .recommendations import _followup, state_name

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


@dataclass
class Count:
    name: str                    # a response, a State under Review or a theme
    n: int
    share: int                   # per cent of the page's recommendations, rounded


@dataclass
class Option:
    value: str                   # what the filter matches (data-value)
    text: str
    n: int


@dataclass
class Row:
    sur: str                     # the State under Review's ISO3 code (the State filter uses it)
    sur_name: str
    id: str
    href: str                    # the row of the State under Review's follow-up table
    text: str
    others: list[str]            # the other States that made it
    response: str
    themes: list[str]


@dataclass
class RecommendedPage:
    title_json: Markup           # the title as a JSON string (the front matter)
    title: str
    name: str                    # the recommending State
    iso3: str
    cycle: int
    cycles: list[int]            # every cycle with a page, linked from each
    exports: str                 # exports/recommended/<iso3>, without the extension
    total: int
    joint: int                   # made jointly with other States
    responses: list[Count]
    states_under_review: list[Count]  # most recommendations first
    themes: list[Count]          # empty: themes not coded in the source for this cycle
    response_options: list[Option]
    state_options: list[Option]  # by name
    theme_options: list[Option]  # by theme
    rows: list[Row]


def _counts(counts, total: int) -> list[Count]:
    return [Count(name, n, round(100 * n / total) if total else 0) for name, n in counts]


def cycle_page(made: Made, cycles: list[int], name_of) -> str:
    """Markdown of ``states/<iso3>/recommended-cycle-<n>.md`` (``templates/pages/recommended.md.j2``);
    ``name_of(iso3)`` gives State names."""
    name, total = name_of(made.iso3), len(made.recs)
    title = f"{name}: recommendations made in cycle {made.cycle}"
    sur, themes = made.states_under_review, made.themes
    return render("recommended.md.j2", "en", page=RecommendedPage(
        title_json=trusted(json.dumps(title, ensure_ascii=False)), title=title, name=name, iso3=made.iso3,
        cycle=made.cycle, cycles=list(cycles), exports=f"{EXPORT_DIR}/{made.iso3.lower()}", total=total,
        joint=made.joint, responses=_counts(made.response_counts(), total),
        states_under_review=_counts(sorted(((name_of(k), n) for k, n in sur.items()),
                                           key=lambda kv: (-kv[1], kv[0])), total),
        themes=_counts(sorted(themes.items(), key=lambda kv: (-kv[1], kv[0])), total) if themes else [],
        response_options=[Option(x, x, n) for x, n in made.response_counts()],
        state_options=[Option(*o) for o in sorted(((k, name_of(k), n) for k, n in sur.items()), key=lambda o: o[1])],
        theme_options=[Option(t, t, n) for t, n in sorted(themes.items())],
        rows=_rows(made, name_of)))


def _rows(made: Made, name_of) -> list[Row]:
    # lean rows (1,885 on the largest page at full scale): the State filter uses the ISO3 code,
    # and the theme filter reads the themes cell (recommendations.js) instead of a copy of it
    return [Row(sur=rec.state_under_review, sur_name=name_of(rec.state_under_review), id=rec.id,
                href=f"../../{rec.state_under_review.lower()}/cycle-{rec.cycle}/#{quote(rec.id, safe='')}",
                text=rec.text, others=[name_of(c) for c in rec.recommending_states if c != made.iso3],
                response=rec.response, themes=list(rec.issues)) for rec in made.recs]


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
