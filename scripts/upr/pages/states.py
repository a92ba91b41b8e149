"""State pages: ``states/index.md`` (every State by UN regional group) and one page
per State, ``states/<iso3>.md`` -> ``/states/<iso3>/`` (kept out of the navigation
by ``not_in_nav`` in mkdocs.yml).

A State page shows the UN names in English, French and Spanish, the codes (ISO
alpha-2 exactly as the file has it: Norway is ``NO``), M49, the regional group and
the review history from the session calendar (``content.sessions``, when loaded).
Every text taken from a content file is escaped: names contain apostrophes and
brackets, and contributions are untrusted (case 21).
"""
from __future__ import annotations

import datetime as dt
import html
import re

from ..gitinfo import page_footer
from ..i18n import N_, gettext
from ..mdtext import md_inline
from ..mkconfig import repo_url
from ..tools import tools_links_markdown
from .calendar import state_timeline
from .briefings import state_link as briefing_link
from .recommendations import followup_links
from .recommending import recommending_links
from ..states import REGIONAL_GROUPS, State
from ..yamlio import dump_yaml

LANG_LABELS = {"en": "English", "fr": "Français", "es": "Español"}

GROUP_ANCHORS = {
    "African Group": "african-group",
    "Asia-Pacific Group": "asia-pacific-group",
    "Eastern European Group": "eastern-european-group",
    "Latin American and Caribbean Group": "latin-american-and-caribbean-group",
    "Western European and Others Group": "western-european-and-others-group",
}
OBSERVERS_ANCHOR = "observer-states"


EDIT = N_("Edit this State's file")
_CYCLE_PAGE = re.compile(r"^states/([a-z]{3})/cycle-(\d+)\.md$")
SYMBOL_LABELS = (("national_report", N_("National report")), ("compilation", N_("UN compilation")),
                 ("stakeholder_summary", N_("Summary of stakeholders' information")))


def _t(msgid: str, lang: str) -> str:
    """Interface text ``msgid`` (English) in ``lang``."""
    return gettext(lang, msgid)


def _group_name(group: str, lang: str) -> str:
    """The UN name of a regional group (UN Terminology Database) in ``lang``."""
    return gettext(lang, group)


md = md_inline  # untrusted text in Markdown (upr.mdtext)


def _front_matter(title: str) -> str:
    # dump_yaml quotes what YAML would misread; the title is also HTML-escaped
    # because Material writes it unescaped into <title> and the navigation.
    return f"---\n{dump_yaml({'title': html.escape(title, quote=False)})}---\n\n"


def _lang(ctx) -> str:
    return getattr(ctx, "lang", "en") or "en"


def _calendar(ctx):
    return getattr(ctx.content, "sessions", None)


def _reviews(calendar, iso3: str) -> list:
    if calendar is None or not hasattr(calendar, "reviews_for"):
        return []
    return list(calendar.reviews_for(iso3))


def _session(calendar, number: int):
    sessions = getattr(calendar, "sessions", None)
    return sessions.get(number) if isinstance(sessions, dict) else None


def _is_held(calendar, review, today: dt.date) -> bool:
    """A review has been held if its session started on or before ``today``
    (or, when only the year is known, in an earlier year)."""
    session = _session(calendar, review.session)
    start = getattr(session, "start", None)
    if start is not None:
        return start.first <= today
    year = getattr(session, "year", None)
    return year is not None and year < today.year


def _dates(calendar, review, lang: str) -> str:
    session = _session(calendar, review.session)
    if session is not None and lang != "en" and hasattr(session, "dates_label"):
        try:
            return session.dates_label(lang)
        except Exception:  # a calendar without this locale: the English label is still right
            pass
    return review.dates_label


def _review_cell(calendar, review, lang: str, scheduled: bool) -> str:
    label = f"{_t('Session', lang)} {review.session}"
    # session_url is relative to a State page (/states/nor/); the index is one level up.
    url = review.session_url[3:] if review.session_url.startswith("../") else review.session_url
    link = f'<a href="{html.escape(url, quote=True)}">{html.escape(label)}</a>'
    text = f"{link} ({md(_dates(calendar, review, lang))})"
    return text + (f" — {_t('scheduled', lang)}" if scheduled else "")


def _last_review_cell(calendar, iso3: str, today: dt.date, lang: str) -> str:
    reviews = _reviews(calendar, iso3)
    if not reviews:
        return "—"
    held = [r for r in reviews if _is_held(calendar, r, today)]
    if held:
        return _review_cell(calendar, max(held, key=lambda r: r.session), lang, False)
    return _review_cell(calendar, min(reviews, key=lambda r: r.session), lang, True)


def _sort_key(state: State, lang: str):
    import unicodedata
    name = unicodedata.normalize("NFD", state.name(lang)).casefold()
    return "".join(c for c in name if not unicodedata.combining(c))


def index_page(states, calendar, today: dt.date, lang: str = "en") -> str:
    """Markdown of ``states/index.md``: one section (with an anchor) per UN regional
    group, then the observer States; each a table of name, ISO3 and last review."""
    title = _t("States", lang)
    out = [_front_matter(title), f"# {md(title)}", "",
           _t("All UN Member States are reviewed by the Universal Periodic Review (UPR) once per cycle. "
              "The observer States make recommendations but are not reviewed.", lang), ""]
    members = [s for s in states.values() if not s.is_observer]
    observers = [s for s in states.values() if s.is_observer]
    jump = [f"[{md(_group_name(g, lang))}](#{GROUP_ANCHORS[g]}) ({sum(s.regional_group == g for s in members)})"
            for g in REGIONAL_GROUPS]
    jump.append(f"[{md(_t('Observer States', lang))}](#{OBSERVERS_ANCHOR}) ({len(observers)})")
    out += [f"**{_t('Jump to a group', lang)}:** " + " · ".join(jump), ""]
    header = [f"| {_t('State', lang)} | ISO3 | {_t('Last review', lang)} |", "|---|---|---|"]
    for group in REGIONAL_GROUPS:
        in_group = sorted((s for s in members if s.regional_group == group), key=lambda s: _sort_key(s, lang))
        out += [f"## {md(_group_name(group, lang))} {{ #{GROUP_ANCHORS[group]} }}", "", *header]
        for s in in_group:
            out.append(f"| [{md(s.name(lang))}]({s.iso3.lower()}.md) | {s.iso3} | "
                       f"{_last_review_cell(calendar, s.iso3, today, lang)} |")
        out.append("")
    out += [f"## {md(_t('Observer States', lang))} {{ #{OBSERVERS_ANCHOR} }}", "",
            _t("Observer States make recommendations to the States under review but are not reviewed.", lang),
            "", f"| {_t('State', lang)} | ISO3 |", "|---|---|"]
    for s in sorted(observers, key=lambda s: _sort_key(s, lang)):
        out.append(f"| [{md(s.name(lang))}]({s.iso3.lower()}.md) | {s.iso3} |")
    out.append("")
    return "\n".join(out)


def _symbol_link(symbol: str, lang: str) -> str:
    # undocs.org resolves a UN document symbol to the document in the official languages.
    url = f"https://undocs.org/{lang}/{symbol}"
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(symbol)}</a>'


def state_page(state: State, calendar, today: dt.date, lang: str = "en", edit_url: str = "",
               cycle_pages: frozenset[int] = frozenset()) -> str:
    """Markdown of ``states/<iso3>.md``. ``cycle_pages``: the cycles for which the
    recommendations generator wrote ``states/<iso3>/cycle-<n>.md`` (their cells link there)."""
    name = state.name(lang)
    formal = state.name(lang, "formal")
    out = [_front_matter(name), f"# {md(name)}", "", f"*{md(formal[:1].upper() + formal[1:])}*", ""]
    status = _t("Observer State", lang) if state.is_observer else _t("Member State", lang)
    out += [f"## {_t('Codes', lang)}", "", f"| {_t('Code', lang)} | {_t('Value', lang)} |", "|---|---|",
            f"| ISO 3166 alpha-3 | `{md(state.iso3)}` |",
            f"| ISO 3166 alpha-2 | `{md(state.iso2)}` |",
            f"| M49 | `{md(state.m49)}` |",
            f"| {_t('UN status', lang)} | {status} |"]
    if state.regional_group:
        anchor = GROUP_ANCHORS.get(state.regional_group, "")
        out.append(f"| {_t('Regional group', lang)} | "  # link to the group's section of the index
                   f"[{md(_group_name(state.regional_group, lang))}](index.md#{anchor}) |")
    out += ["", f"## {_t('Names', lang)}", "",
            f"| {_t('Language', lang)} | {_t('Short name', lang)} | {_t('Formal name', lang)} |",
            "|---|---|---|"]
    for code, label in LANG_LABELS.items():
        pair = state.names.get(code) or {}
        if pair:
            out.append(f"| {label} | {md(pair.get('short', ''))} | {md(pair.get('formal', ''))} |")
    out.append("")
    if state.notes:
        # Hand-written Markdown: upr check (upr.safety) rejects raw HTML and unsafe links in it.
        out += [f"## {_t('Notes', lang)}", "", state.notes, ""]
    if not state.is_observer:
        out += [f"## {_t('Review history', lang)}", ""]
        out += _history(state, calendar, today, lang, cycle_pages)
    if edit_url:
        out += [f"[{_t(EDIT, lang)}]({edit_url}){{ rel=nofollow }}", ""]
    return "\n".join(out)


def _history(state: State, calendar, today: dt.date, lang: str, cycle_pages=frozenset()) -> list[str]:
    if calendar is None or not hasattr(calendar, "reviews_for"):
        return [_t("The review history is not available: the session calendar could not be read.", lang), ""]
    reviews = sorted(_reviews(calendar, state.iso3), key=lambda r: r.session)
    if not reviews:
        return [_t("No review of this State is in the session calendar yet.", lang), ""]
    out = [f"| {_t('Cycle', lang)} | {_t('Session', lang)} | {_t('Dates', lang)} | {_t('Documents', lang)} |",
           "|---|---|---|---|"]
    for r in reviews:
        session = f'<a href="{html.escape(r.session_url, quote=True)}">{r.session}</a>'
        scheduled = "" if _is_held(calendar, r, today) else f" ({_t('scheduled', lang)})"
        docs = "<br>".join(f"{_t(label, lang)}: {_symbol_link(r.symbols[key], lang)}"
                           for key, label in SYMBOL_LABELS if r.symbols.get(key))
        cycle = f"[{r.cycle}]({state.iso3.lower()}/cycle-{r.cycle}.md)" if r.cycle in cycle_pages else str(r.cycle)
        out.append(f"| {cycle} | {session} | {md(_dates(calendar, r, lang))}{scheduled} | {docs} |")
    out.append("")
    return out


def generate(ctx) -> None:
    """Write ``states/index.md`` and ``states/<iso3>.md`` for every loaded State."""
    states = getattr(ctx.content, "states", None)
    if not states:
        return
    lang = _lang(ctx)
    calendar = _calendar(ctx)
    repo = repo_url(ctx.settings.root)
    # Recommendation pages of each cycle, if the recommendations generator (which runs
    # before this one: generators run in name order) wrote them.
    cycles: dict[str, set[int]] = {}
    for rel in ctx.written:
        m = _CYCLE_PAGE.match(rel)
        if m:
            cycles.setdefault(m.group(1), set()).add(int(m.group(2)))
    ctx.write("states/index.md", index_page(states, calendar, ctx.today, lang))
    for state in states.values():
        low = state.iso3.lower()
        edit = f"{repo}/edit/main/{state.path}" if repo and state.path else ""
        page = state_page(state, calendar, ctx.today, lang, edit, frozenset(cycles.get(low, ())))
        if not state.is_observer:
            page += ("\n" + followup_links(ctx, state.iso3) + "\n" + recommending_links(ctx, state.iso3)
                     + "\n" + briefing_link(ctx, state.iso3)
                     + "\n" + state_timeline(ctx, state.iso3) + _tools_section(ctx, state, calendar))
        else:  # observer States make recommendations too (issue 15)
            page += "\n" + recommending_links(ctx, state.iso3)
        ctx.write(f"states/{low}.md", page
                  + (page_footer(ctx, state.path) if state.path else ""))  # last updated (issue 7)


def _tools_section(ctx, state: State, calendar) -> str:
    """Tools of the library for where this State is in its cycle: preparing a
    submission when a review is coming, follow-up otherwise."""
    upcoming = calendar is not None and any(
        state.iso3 in s.states for s in calendar.next_sessions(ctx.today))
    stage = "submission" if upcoming else "follow-up"
    links = tools_links_markdown(ctx.content, stage, f"states/{state.iso3.lower()}.md", ctx.lang)
    if not links:
        return ""
    return f"\n## {_t('Tools for this stage', _lang(ctx))}\n\n{links}\n"
