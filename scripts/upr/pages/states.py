"""State pages: ``states/index.md`` (every State by UN regional group) and one page
per State, ``states/<iso3>.md`` -> ``/states/<iso3>/`` (kept out of the navigation
by ``not_in_nav`` in mkdocs.yml).

A State page is written from the template ``templates/pages/state.md.j2`` (Jinja2,
escaping on: :mod:`upr.templating`) fed by a :class:`StatePage` computed here. It starts
with what NGOs need (issue 16): the next review with its deadlines and countdowns
(:func:`upr.pages.calendar.state_timeline`, projected sessions included), the country
groups of that review and how to join or start one, the calendar subscription and the
tools for this stage; then the recommendations to this State with their follow-up and
those it made; then the review history with the documents from the session calendar
(``content.sessions``, when loaded); the codes (ISO alpha-2 exactly as the file has it:
Norway is ``NO``), M49, the regional group and the UN names in English, French and
Spanish come last. Every text taken from a content file is escaped: names contain
apostrophes and brackets, and contributions are untrusted (case 21).
"""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

from markupsafe import Markup

from ..gitinfo import page_footer
from ..i18n import N_, gettext
from ..mdtext import md_inline
from ..mkconfig import repo_url
from ..templating import render, trusted
from ..tools import tools_links_markdown
from .calendar import state_feed_links, state_timeline
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


@dataclass
class IndexRow:
    name: str
    href: str
    iso3: str
    last_review: Markup = Markup("")  # raw-HTML link to the session and its escaped dates


@dataclass
class IndexSection:
    name: str      # the regional group's UN name in the page's language
    anchor: str
    states: list[IndexRow]


@dataclass
class StatesIndex:
    """What ``states/index.md`` shows; ``templates/pages/states_index.md.j2`` lays it out."""

    front_matter: Markup
    title: str
    sections: list[IndexSection]
    observers_name: str
    observers_anchor: str
    observers: list[IndexRow]


def index_page(states, calendar, today: dt.date, lang: str = "en") -> str:
    """Markdown of ``states/index.md``: one section (with an anchor) per UN regional
    group, then the observer States; each a table of name, ISO3 and last review."""
    title = _t("States", lang)
    members = [s for s in states.values() if not s.is_observer]
    observers = [s for s in states.values() if s.is_observer]
    sections = [IndexSection(_group_name(group, lang), GROUP_ANCHORS[group], [
        IndexRow(s.name(lang), f"{s.iso3.lower()}.md", s.iso3,
                 trusted(_last_review_cell(calendar, s.iso3, today, lang)))
        for s in sorted((s for s in members if s.regional_group == group), key=lambda s: _sort_key(s, lang))])
        for group in REGIONAL_GROUPS]
    page = StatesIndex(
        front_matter=Markup(_front_matter(title)), title=title, sections=sections,
        observers_name=_t("Observer States", lang), observers_anchor=OBSERVERS_ANCHOR,
        observers=[IndexRow(s.name(lang), f"{s.iso3.lower()}.md", s.iso3)
                   for s in sorted(observers, key=lambda s: _sort_key(s, lang))])
    return render("states_index.md.j2", lang, page=page)


def _symbol_url(symbol: str, lang: str) -> str:
    # undocs.org resolves a UN document symbol to the document in the official languages.
    return f"https://undocs.org/{lang}/{symbol}"


# --- the State page: a plain object (StatePage) put into templates/pages/state.md.j2 ---------

JOIN_FORM = "2-start-or-join-a-group.yml"  # the issue form "Start or join a country group"
HOW_TO_START = "CONTRIBUTING.md#start-a-group-web-editor"  # in the repository, on GitHub
STATUSES = {"member": N_("Member State"), "observer": N_("Observer State")}
HISTORY_NOTES = {"no calendar": N_("The review history is not available: the session calendar could not be read."),
                 "no review": N_("No review of this State is in the session calendar yet.")}


@dataclass
class DocumentLink:
    label: str   # "National report", in the page's language
    symbol: str  # the UN document symbol, e.g. A/HRC/WG.6/47/NOR/1
    url: str


@dataclass
class HistoryRow:
    cycle: int
    cycle_href: str  # the recommendations page of that cycle, '' when there is none
    session: int
    session_href: str
    dates: str
    scheduled: bool
    documents: list[DocumentLink]


@dataclass
class GroupLine:
    title: str
    href: str
    session: int
    status: str  # in the page's language
    members: int  # member organisations shown on its page (confidential ones left out)


@dataclass
class NameRow:
    language: str
    short: str
    formal: str


@dataclass
class StatePage:
    """What a State page shows, computed by this module; the template decides the order."""

    front_matter: Markup
    name: str
    formal: str
    iso3: str
    iso2: str
    m49: str
    status: str                 # Member State / Observer State, in the page's language
    regional_group: str         # its UN name in the page's language ('' for none)
    regional_group_anchor: str
    names: list[NameRow]
    notes: Markup               # hand-written Markdown (upr check: no raw HTML, no unsafe link)
    history: list[HistoryRow] | None  # None for an observer State (not reviewed)
    history_note: str = ""      # instead of the table: why there is no history
    edit_url: str = ""
    next_review: Markup = Markup("")   # upr.pages.calendar.state_timeline (without the feed links)
    next_session: int | None = None
    groups: list[GroupLine] | None = None  # None: no groups section (observers)
    has_group_for_next: bool = False
    join_form: str = ""       # the issue form "Start or join a country group"
    how_to_start: str = ""    # CONTRIBUTING's steps to start a group
    feeds: Markup = Markup("")
    tools: Markup = Markup("")
    briefing: Markup = Markup("")  # upr.pages.briefings.state_link: the next review's lobby briefing
    followup: Markup = Markup("")
    recommending: Markup = Markup("")
    footer: Markup = Markup("")


def state_model(state: State, calendar, today: dt.date, lang: str = "en", edit_url: str = "",
                cycle_pages: frozenset[int] = frozenset()) -> StatePage:
    """The :class:`StatePage` of ``state`` from the State file and the calendar; the sections
    other generators write (next review, groups, recommendations, tools, footer) are added by
    :func:`generate`. ``cycle_pages``: the cycles for which the recommendations generator wrote
    ``states/<iso3>/cycle-<n>.md`` (the history links there)."""
    name = state.name(lang)
    formal = state.name(lang, "formal")
    names = [NameRow(label, pair.get("short", ""), pair.get("formal", ""))
             for code, label in LANG_LABELS.items() if (pair := state.names.get(code) or {})]
    history, note = None, ""
    if not state.is_observer:
        history, note = _history(state, calendar, today, lang, cycle_pages)
    return StatePage(
        front_matter=Markup(_front_matter(name)), name=name, formal=formal[:1].upper() + formal[1:],
        iso3=state.iso3, iso2=state.iso2, m49=state.m49,
        status=_t(STATUSES["observer" if state.is_observer else "member"], lang),
        regional_group=_group_name(state.regional_group, lang) if state.regional_group else "",
        regional_group_anchor=GROUP_ANCHORS.get(state.regional_group, ""),
        names=names, notes=trusted(state.notes), history=history, history_note=note, edit_url=edit_url)


def state_page(state: State, calendar, today: dt.date, lang: str = "en", edit_url: str = "",
               cycle_pages: frozenset[int] = frozenset(), **sections) -> str:
    """Markdown of ``states/<iso3>.md``: :func:`state_model` (with ``sections``, the fields of
    :class:`StatePage` other generators fill) put into ``templates/pages/state.md.j2``."""
    page = state_model(state, calendar, today, lang, edit_url, cycle_pages)
    for key, value in sections.items():
        setattr(page, key, value)
    return render("state.md.j2", lang, page=page)


def _history(state: State, calendar, today: dt.date, lang: str,
             cycle_pages=frozenset()) -> tuple[list[HistoryRow], str]:
    if calendar is None or not hasattr(calendar, "reviews_for"):
        return [], _t(HISTORY_NOTES["no calendar"], lang)
    reviews = sorted(_reviews(calendar, state.iso3), key=lambda r: r.session)
    if not reviews:
        return [], _t(HISTORY_NOTES["no review"], lang)
    low = state.iso3.lower()
    return [HistoryRow(
        cycle=r.cycle, cycle_href=f"{low}/cycle-{r.cycle}.md" if r.cycle in cycle_pages else "",
        session=r.session, session_href=r.session_url, dates=_dates(calendar, r, lang),
        scheduled=not _is_held(calendar, r, today),
        documents=[DocumentLink(_t(label, lang), r.symbols[key], _symbol_url(r.symbols[key], lang))
                   for key, label in SYMBOL_LABELS if r.symbols.get(key)])
        for r in reviews], ""


def _groups(ctx, state: State, next_session: int | None) -> tuple[list[GroupLine], bool]:
    """The country groups of this State, the one for the next review first, then the others
    from the most recent session."""
    from .groups import state_label, status_label, tr_lang
    from ..groups import public_view
    groups = getattr(ctx.content, "groups", None) or {}
    mine = [g for g in groups.values() if g.state == state.iso3]
    mine.sort(key=lambda g: (g.session != next_session, -g.session, g.slug))
    lang = _lang(ctx)
    lines = [GroupLine(
        title=g.title or tr_lang(lang, "{name}: country group, session {n}", name=state_label(ctx, g.state),
                                 n=g.session),
        href=f"../groups/{g.slug}/index.md", session=g.session, status=status_label(g.status, lang),
        members=len(public_view(g).members)) for g in mine]
    return lines, any(g.session == next_session for g in mine)


def generate(ctx) -> None:
    """Write ``states/index.md`` and ``states/<iso3>.md`` for every loaded State."""
    states = getattr(ctx.content, "states", None)
    if not states:
        return
    lang = _lang(ctx)
    calendar = _calendar(ctx)
    repo = repo_url(ctx.settings.root)
    join_form = f"{repo}/issues/new?template={JOIN_FORM}" if repo else "../contribute.md"
    how_to_start = f"{repo}/blob/main/{HOW_TO_START}" if repo else "../contribute.md"
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
        page = state_model(state, calendar, ctx.today, lang, edit, frozenset(cycles.get(low, ())))
        page.recommending = trusted(recommending_links(ctx, state.iso3))  # observers recommend too (issue 15)
        if not state.is_observer:
            page.next_review = trusted(state_timeline(ctx, state.iso3, feeds=False))
            nxt = calendar.next_review(state.iso3, ctx.today) if calendar is not None and calendar.sessions else None
            page.next_session = getattr(nxt, "number", None)
            page.groups, page.has_group_for_next = _groups(ctx, state, page.next_session)
            page.join_form, page.how_to_start = join_form, how_to_start
            if calendar is not None and calendar.sessions:
                page.feeds = trusted(state_feed_links(ctx, state.iso3))
            page.tools = trusted(_tools_links(ctx, state, calendar))
            page.briefing = trusted(briefing_link(ctx, state.iso3))  # lobby briefing for the next review
            page.followup = trusted(followup_links(ctx, state.iso3))
        page.footer = trusted(page_footer(ctx, state.path) if state.path else "")  # last updated (issue 7)
        ctx.write(f"states/{low}.md", render("state.md.j2", lang, page=page))


def _tools_links(ctx, state: State, calendar) -> str:
    """Tools of the library for where this State is in its cycle: preparing a
    submission when a review is coming, follow-up otherwise."""
    upcoming = calendar is not None and any(
        state.iso3 in s.states for s in calendar.next_sessions(ctx.today))
    stage = "submission" if upcoming else "follow-up"
    return tools_links_markdown(ctx.content, stage, f"states/{state.iso3.lower()}.md", ctx.lang)
