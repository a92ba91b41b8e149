"""Calendar pages and feeds.

* ``calendar/index.md``: deadlines open now (with countdowns), then the next *projected*
  deadlines (:mod:`upr.projection`), and the sessions of the next 12 months, relative to the
  build date (``--today``); then every sourced session by cycle; then the next cycle
  *projected* from the 14-session pattern, in its own clearly labelled section with the
  figures it was computed from. Unknown values say "unknown"; low-precision dates say so
  ("May 2026, approx.", "January–February 2016 (month only)"); every computed value says
  "projected: not yet published by OHCHR" (or "inferred"). Links to the issue form
  "Correct a date", which brings the sourced value that replaces a projection.
* ``sessions/<n>.md`` (``/sessions/<n>/``, not in the nav): States, dates, deadlines,
  HRC adoption, notes and sources of one session, sourced or projected (55–68).
* ICS feeds (:mod:`upr.calendar`): ``calendar/upr-sessions.ics``, ``states/<iso3>.ics``,
  ``groups/<slug>.ics``, each with a ``webcal://`` subscribe link and a download link.

The two pages are Jinja2 templates (issue 16): this module computes a :class:`CalendarPage`
or a :class:`SessionPage` of plain values, laid out by ``templates/pages/calendar.md.j2`` and
``session.md.j2``, which escape every value from content where it is written
(:mod:`upr.templating`). :func:`state_timeline` gives the Markdown block a State page shows
(next review with countdowns, feed links); it is still written here in Python.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .. import calendar as ics
from ..i18n import N_, NP_, format_day, gettext, pgettext, state_name
from ..mdtext import md_inline
from ..tools import tools_links_markdown
from ..mkconfig import read_mkdocs_yml, repo_url
from ..templating import render, trusted
from ..sessions import PATTERN_STEP, Calendar, Deadline, FuzzyDate, Session, _add_months, basis_label

NEXT_MONTHS = 12
CORRECT_A_DATE = "5-correct-a-date.yml"  # the issue form that brings a sourced date (.github/ISSUE_TEMPLATE/)

#: Long texts of the State page's timeline, by a short name (English; translated in the catalogs);
#: the calendar and session pages have theirs in their templates.
TEXTS = {
    'correct a date': N_('A date is wrong or missing, or OHCHR has published one? Use the form [Correct a date]({url}) and give the source: a sourced value always replaces a projection.'),
    'projected review': N_('OHCHR has not published the States of session {n} yet: {name} is listed because session {m} reviewed it, and States return every {step} sessions. Every value marked *projected* is computed ([how](../calendar/index.md#projected)).'),
    'projected values': N_('Values marked *projected* are not yet published by OHCHR; they are computed from the 14-session pattern ([how](../calendar/index.md#projected)).'),
}


#: How a session says where its States come from (``Session.states_basis``).
BASIS_WORDS = (N_("projected"), N_("inferred"))

#: Words this page translates differently from the other pages (msgctxt "calendar" in the
#: catalogs): "What"/"When" head a table of stages and dates here, of briefings on group pages.
CONTEXT = "calendar"
_IN_CONTEXT = frozenset({NP_("calendar", "What"), NP_("calendar", "When"), NP_("calendar", "Stakeholder submissions due"),
                         NP_("calendar", "UN compilation")})


def _t(msgid: str, lang: str = "en") -> str:
    """Interface text ``msgid`` (English; long texts come from :data:`TEXTS`) in ``lang``."""
    if msgid in _IN_CONTEXT:
        return pgettext(lang, CONTEXT, msgid)
    return gettext(lang, msgid)


def md(text: Any) -> str:
    """Text from content files, safe inside Markdown and table cells (upr.mdtext.md_inline:
    HTML and every Markdown special escaped, { } of attribute lists included; issue 13)."""
    return md_inline(text)


def base_url(ctx) -> str:
    """The published site's URL for this language tree (``site_url`` + ``fr/`` …), or ''."""
    try:
        url = str(read_mkdocs_yml(ctx.settings.root).get("site_url") or "")
    except OSError:
        return ""
    lang = getattr(ctx, "lang", "en")
    if url and lang != "en":
        url = url.rstrip("/") + f"/{lang}/"
    return url


def webcal(url: str) -> str:
    """``https://host/path`` -> ``webcal://host/path`` (calendar apps subscribe to it)."""
    return "webcal://" + url.split("://", 1)[1] if "://" in url else ""


def feed_links(ctx, rel_feed: str, rel_link: str) -> str:
    """One line: subscribe (webcal://, absolute) and download (relative ``rel_link``) links."""
    base, lang = base_url(ctx), _lang(ctx)
    parts = []
    if base:
        parts.append(f"[{_t('Subscribe in your calendar app', lang)}]({webcal(base.rstrip('/') + '/' + rel_feed)})")
    parts.append(f"[{_t('Download the .ics file', lang)}]({rel_link})")
    return " · ".join(parts)


def _lang(ctx) -> str:
    return getattr(ctx, "lang", "en")


def _names(ctx) -> dict[str, str]:
    states = getattr(ctx.content, "states", None) or {}
    lang = _lang(ctx)
    return {code: state_name(state, lang) for code, state in states.items()}


def countdown(days: int, lang: str = "en") -> str:
    """``**today**``, ``**tomorrow**``, ``in 55 days``, ``3 days ago`` (in ``lang``)."""
    if days == 0:
        return f"**{_t('today', lang)}**"
    if days == 1:
        return f"**{_t('tomorrow', lang)}**"
    key = N_("in {n} days") if days > 0 else N_("{n} days ago")
    return _t(key, lang).format(n=abs(days))


def about(days: int, lang: str = "en") -> str:
    """A countdown to a date known only roughly: 'in about 50 days'."""
    return _t("in about {n} days", lang).format(n=days) if days > 1 else countdown(days, lang)


def _date(value: FuzzyDate | None, lang: str, unknown: str = "unknown") -> str:
    """A date for a table cell; a computed one says *projected* (in italics, with the words of
    :func:`upr.sessions.basis_label`)."""
    if value is None:
        return f"*{_t(unknown, lang)}*"
    if value.computed:
        return f"{md(value.plain_label(lang))} *({md(basis_label(value.basis, lang))})*"
    return md(value.label(lang))


def left(value: FuzzyDate | None, today: dt.date, lang: str = "en") -> str:
    """The countdown cell of a date: exact days for a sourced day, 'in about' otherwise; a
    projected date counts to the first day it may be, and once its month is over says it has
    probably passed (an unpublished deadline may still be open: check OHCHR)."""
    if value is None:
        return f"*{_t('unknown', lang)}*"
    if value.computed:
        if value.last < today:
            return _t("probably passed: check OHCHR", lang)
        if value.first <= today:
            return _t("this month", lang)
        return about((value.first - today).days, lang)
    days = value.days_from(today)
    return countdown(days, lang) if value.exact or days < 0 else about(days, lang)


def _dates_cell(s: Session, lang: str) -> str:
    label = s.dates_label(lang)
    basis = (s.start.basis if s.start else "") or (s.end.basis if s.end else "")
    if basis:  # "April–May 2027 (projected: …)": the qualifier in italics, as in the other cells
        text = label.removesuffix(f" ({basis_label(basis, lang)})")
        return f"{md(text)} *({md(basis_label(basis, lang))})*"
    return md(label)


@dataclass
class StateRef:
    code: str                    # ISO 3166-1 alpha-3
    name: str                    # the State's name in the page's language, or its code
    href: str                    # its page; '' when the site has no page for it (shown as `code`)


@dataclass
class StatesCell:
    states: list[StateRef]       # empty: *unknown*
    basis: str                   # "projected" / "inferred" in the page's language, or ''


@dataclass
class DateCell:
    text: str | None             # None: *unknown*
    qualifier: str = ""          # "projected: …" (upr.sessions.basis_label), in italics after the date


@dataclass
class DeadlineRow:
    label: str                   # "Stakeholder submissions" in the page's language
    session: int
    states: StatesCell
    date: DateCell
    countdown: Markup            # interface text and numbers ("**today**", "in 55 days")


def _state_ref(code: str, names: dict[str, str], prefix: str = "../") -> StateRef:
    if code in names:
        return StateRef(code, names[code], f"{prefix}states/{code.lower()}.md")
    return StateRef(code, code, "")


def _states(s: Session, names, lang: str) -> StatesCell:
    return StatesCell([_state_ref(c, names) for c in s.states], _t(s.states_basis, lang) if s.states_basis else "")


def _date_cell(value: FuzzyDate | None, lang: str) -> DateCell:
    """:func:`_date` as a value for a template."""
    if value is None:
        return DateCell(None)
    if value.computed:
        return DateCell(value.plain_label(lang), basis_label(value.basis, lang))
    return DateCell(value.label(lang))


def _session_dates(s: Session, lang: str) -> DateCell:
    """:func:`_dates_cell` as a value for a template."""
    label = s.dates_label(lang)
    basis = (s.start.basis if s.start else "") or (s.end.basis if s.end else "")
    if basis:
        return DateCell(label.removesuffix(f" ({basis_label(basis, lang)})"), basis_label(basis, lang))
    return DateCell(label)


def _deadline_rows(deadlines: list[Deadline], names, today: dt.date, lang: str) -> list[DeadlineRow]:
    return [DeadlineRow(_t(d.label, lang).capitalize(), d.session.number, _states(d.session, names, lang),
                        _date_cell(d.date, lang), trusted(left(d.date, today, lang))) for d in deadlines]


@dataclass
class Briefing:
    when: str                    # "3 March 2027, 10:00", Geneva time
    title: str
    group: str                   # the group's slug, upper case
    href: str


def _briefings(ctx, lang: str) -> list[Briefing]:
    """Upcoming pre-session briefings of the country groups (public view only:
    confidential speakers are left out by ``groups.public_view``), Geneva time."""
    from babel.dates import format_datetime

    from ..groups import upcoming_briefings
    from ..i18n import locale
    return [Briefing(format_datetime(b.start, "d MMMM y, HH:mm", tzinfo=b.start.tzinfo, locale=locale(lang)), b.title,
                     group.slug.upper(), f"../groups/{group.slug}/index.md")
            for group, b in upcoming_briefings(ctx.content, ctx.today)]


def correct_a_date_url(ctx) -> str:
    """The issue form "Correct a date" of this repository, or '' without a repo_url."""
    url = repo_url(ctx.settings.root)
    return f"{url}/issues/new?template={CORRECT_A_DATE}" if url else ""


def _correct_a_date(ctx, lang: str) -> list[str]:
    url = correct_a_date_url(ctx)
    return [_t(TEXTS["correct a date"], lang).format(url=url), ""] if url else []


@dataclass
class Feeds:
    subscribe: str               # webcal:// link, '' when mkdocs.yml has no site_url
    download: str                # the .ics file, relative


def _feeds(ctx, rel_feed: str, rel_link: str) -> Feeds:
    """:func:`feed_links` as a value for a template."""
    base = base_url(ctx)
    return Feeds(webcal(base.rstrip("/") + "/" + rel_feed) if base else "", rel_link)


@dataclass
class ProjectionNote:
    """The figures the projection was computed from (:meth:`Calendar.measures`)."""
    slots: str                   # "20 January, 1 May, 4 November" in the page's language
    first: int                   # the sessions measured
    last: int
    sd: int | str                # days from the stakeholder deadline to the session, or "unknown"
    nr: int | str                # the same for the national report
    measured: str                # the sessions both offsets were measured on, "45, 46"


def _projection_note(cal: Calendar, lang: str) -> ProjectionNote | None:
    from babel.dates import format_date

    from ..i18n import locale
    m = cal.measures()
    if m is None:
        return None
    slots = ", ".join(format_date(dt.date(2001, month, day), "d MMMM", locale=locale(lang))
                      for _, (month, day, _) in sorted(m.slots.items(), key=lambda kv: (kv[1][0], kv[1][1])))
    sd, nr = m.offsets.get("stakeholder_deadline"), m.offsets.get("national_report_deadline")
    measured = sorted(set((sd.sessions if sd else ()) + (nr.sessions if nr else ())))
    unknown = _t("unknown", lang)
    return ProjectionNote(slots=slots or unknown, first=m.window[0], last=m.window[1],
                          sd=sd.days if sd else unknown, nr=nr.days if nr else unknown,
                          measured=", ".join(map(str, measured)) or unknown)


@dataclass
class UpcomingRow:
    session: int
    next: bool                   # the first row: the next session, in bold
    dates: DateCell
    states: StatesCell
    stakeholder: DateCell
    starts: Markup               # "under way" or a countdown (interface text and numbers)


@dataclass
class SessionRow:
    session: int
    number_inferred: bool
    dates: str
    count: int | None            # the States a source lists; None: see inferred
    inferred: int | None         # the States inferred from session inferred_from; None: *unknown*
    inferred_from: int | None
    stakeholder: DateCell
    national: DateCell
    hrc: str | None              # None: *unknown*


@dataclass
class Cycle:
    cycle: int
    first: int
    last: int
    rows: list[SessionRow]


@dataclass
class ProjectedRow:
    session: int
    projected: bool              # its States are projected ("(projected)" after the number)
    dates: DateCell
    states: StatesCell
    stakeholder: DateCell
    national: DateCell


@dataclass
class CalendarPage:
    last: int                    # the last session of the calendar
    today: str                   # the build date, in words
    feeds: Feeds
    correct_url: str             # the issue form "Correct a date", '' without a repo_url
    open_now: list[DeadlineRow]
    projected: list[DeadlineRow]  # the projected deadlines of the next 12 months (at least the next one)
    next_stakeholder: DeadlineRow | None  # the next projected stakeholder deadline
    upcoming: list[UpcomingRow]
    briefings: list[Briefing]
    cycles: list[Cycle]          # every sourced session, the latest cycle first
    future_cycles: str           # the projected cycle(s), "5" or "4–5"; '' without a projection
    future: list[ProjectedRow]
    note: ProjectionNote | None
    step: int                    # States return every <step> sessions
    tools: Markup                # the tools for preparing a submission (upr.tools), or ''


def calendar_page(ctx, cal: Calendar, tools: str = "") -> str:
    """Markdown of ``calendar/index.md`` in ``ctx.lang``, from ``templates/pages/calendar.md.j2``;
    ``tools`` (Markdown of :func:`upr.tools.tools_links_markdown`) ends the page."""
    today, lang = ctx.today, _lang(ctx)
    names = _names(ctx)
    schedule = cal.schedule()
    projected = cal.open_deadlines(today, projected=True)
    limit = _add_months(today, NEXT_MONTHS)
    stakeholder = next((d for d in projected if d.kind == "stakeholder"), None)
    upcoming = cal.next_sessions(today, months=NEXT_MONTHS, projected=True)
    cycles = []
    for cycle in sorted({s.cycle for s in cal.sessions.values()}, reverse=True):
        numbers = sorted(n for n, s in cal.sessions.items() if s.cycle == cycle)
        rows = []
        for n in numbers:
            s = cal.sessions[n]
            shown = schedule.get(n, s)
            inferred = not s.states and shown.states_basis == "inferred"
            rows.append(SessionRow(
                session=n, number_inferred=bool(s.number_inferred), dates=s.dates_label(lang),
                count=len(s.states) if s.states else None, inferred=len(shown.states) if inferred else None,
                inferred_from=shown.projected_from if inferred else None,
                stakeholder=_date_cell(s.stakeholder_deadline, lang), national=_date_cell(s.national_report_deadline, lang),
                hrc=s.hrc_adoption or None))
        cycles.append(Cycle(cycle, numbers[0], numbers[-1], rows))
    measures = cal.measures()
    future = [schedule[n] for n in sorted(schedule) if n > (measures.window[1] if measures else max(schedule))
              and schedule[n].computed]
    return render("calendar.md.j2", lang, page=CalendarPage(
        last=max(cal.sessions) if cal.sessions else 0, today=format_day(today, lang),
        feeds=_feeds(ctx, ics.SESSIONS_FEED, "upr-sessions.ics"), correct_url=correct_a_date_url(ctx),
        open_now=_deadline_rows(cal.open_deadlines(today), names, today, lang),
        projected=_deadline_rows([d for d in projected if d.date.first <= limit] or projected[:1], names, today, lang),
        next_stakeholder=_deadline_rows([stakeholder], names, today, lang)[0] if stakeholder else None,
        upcoming=[UpcomingRow(
            session=s.number, next=i == 0, dates=_session_dates(s, lang), states=_states(s, names, lang),
            stakeholder=_date_cell(s.stakeholder_deadline, lang),
            starts=trusted(_t("under way", lang) if s.start.first <= today else left(s.start, today, lang)))
            for i, s in enumerate(upcoming)],
        briefings=_briefings(ctx, lang), cycles=cycles,
        future_cycles="–".join(map(str, sorted({s.cycle for s in future}))),
        future=[ProjectedRow(
            session=s.number, projected=bool(s.states_basis), dates=_session_dates(s, lang), states=_states(s, names, lang),
            stakeholder=_date_cell(s.stakeholder_deadline, lang), national=_date_cell(s.national_report_deadline, lang))
            for s in future],
        note=_projection_note(cal, lang), step=PATTERN_STEP, tools=trusted(tools)))


def ics_step() -> int:
    return PATTERN_STEP


@dataclass
class DeadlineCell:
    date: DateCell
    countdown: Markup            # '' once the date has passed


@dataclass
class LeftOut:
    state: StateRef
    session: int | None          # the session a source places it in


@dataclass
class Source:
    url: bool                    # a link (<…>); otherwise a reference shown as code
    text: str | Markup           # a reference: backticks removed, shown in a code span


@dataclass
class About:
    label: str                   # "stakeholder deadline" in the page's language
    note: str


@dataclass
class SessionPage:
    number: int
    cycle: int
    number_inferred: bool
    computed: bool               # projected: the warning and the "Correct a date" link
    correct_url: str
    dates: DateCell
    stakeholder: DeadlineCell
    national: DeadlineCell
    addenda: list[DateCell]
    hrc: str | None
    feeds: Feeds
    states: list[StateRef]       # in the order of the source
    states_basis: str            # "projected", "inferred" or ''
    projected_from: int | None
    order: str                   # "in the order of review" in the page's language
    left_out: list[LeftOut]
    notes: str
    about: list[About]           # notes on the deadlines
    departure: str               # why the session departs from the pattern, or ''
    departure_sources: list[Source]
    sources: list[Source]


def _source(src: str) -> Source:
    if src.startswith(("http://", "https://")):
        return Source(True, src)
    # inside a code span Markdown and HTML are text: only a backtick could end it
    return Source(False, trusted(src.replace("`", "")))


def session_page(ctx, s: Session) -> str:
    """Markdown of ``sessions/<n>.md`` in ``ctx.lang``, from ``templates/pages/session.md.j2``."""
    lang, today = _lang(ctx), ctx.today
    names = _names(ctx)

    def deadline(v):
        return DeadlineCell(_date_cell(v, lang), trusted("" if v is None or v.last < today else left(v, today, lang)))

    order = {"review": N_("in the order of review"), "alphabetical": N_("in alphabetical order"),
             "hrc_adoption": N_("in the order of adoption at the HRC"), "as_listed": N_("as listed by the source"),
             "unknown": N_("in the order the source gives (not known to be the order of review)")}[s.order]
    return render("session.md.j2", lang, page=SessionPage(
        number=s.number, cycle=s.cycle, number_inferred=bool(s.number_inferred), computed=bool(s.computed),
        correct_url=correct_a_date_url(ctx), dates=_session_dates(s, lang),
        stakeholder=deadline(s.stakeholder_deadline), national=deadline(s.national_report_deadline),
        addenda=[_date_cell(a, lang) for a in s.addenda_deadlines], hrc=s.hrc_adoption or None,
        feeds=_feeds(ctx, ics.SESSIONS_FEED, "../calendar/upr-sessions.ics"),
        states=[_state_ref(c, names) for c in s.states], states_basis=s.states_basis or "",
        projected_from=s.projected_from, order=_t(order, lang),
        left_out=[LeftOut(_state_ref(c, names), n) for c, n in sorted(s.left_out.items())] if s.left_out else [],
        notes=s.notes or "",
        about=[About(_t(label, lang), value.note) for label, value in (
            (N_("stakeholder deadline"), s.stakeholder_deadline),
            (N_("national report deadline"), s.national_report_deadline)) if value and value.note],
        departure=s.departure.note if s.departure else "",
        departure_sources=[_source(src) for src in s.departure.sources] if s.departure else [],
        sources=[_source(src) for src in s.sources]))


def state_timeline(ctx, iso3: str, prefix: str = "../", feeds: bool = True) -> str:
    """Markdown for a State page (``states/<iso3>.md``): its next review with a countdown to each
    deadline, relative to ``ctx.today``, and the State's feed links. '' without a calendar.
    The next review comes from :meth:`Calendar.schedule`: for most States today it is a
    projected session, and every projected value says so."""
    cal: Calendar | None = getattr(ctx.content, "sessions", None)
    if not cal or not cal.sessions:
        return ""
    code, lang, today = iso3.upper(), _lang(ctx), ctx.today
    s = cal.next_review(code, today)
    out = [f"## {_t('Next review', lang)}", ""]
    if s is not None:
        label = _dates_cell(s, lang)
        colon = _t(":", lang)  # French typography: a thin space before the colon
        flag = f" ({_t(s.states_basis, lang)})" if s.states_basis else ""
        out += [f"{_t('Working Group session', lang)} [{s.number}]({prefix}sessions/{s.number}.md){flag}{colon} {label}"
                + ("" if label.endswith((".", "*")) else "."), ""]
        if s.states_basis:
            names = _names(ctx)
            out += [_t(TEXTS["projected review"], lang).format(n=s.number, m=s.projected_from, step=PATTERN_STEP,
                                                       name=md(names.get(code, code))), ""]
        elif s.computed:
            out += [_t(TEXTS["projected values"], lang), ""]
        out += [f"| {_t('What', lang)} | {_t('When', lang)} | {_t('Countdown', lang)} |", "|---|---|---|"]
        for what, value in (("Stakeholder submissions due", s.stakeholder_deadline),
                            (N_("National report due"), s.national_report_deadline),
                            (N_("Working Group session opens"), s.start)):
            out.append(f"| {_t(what, lang)} | {_date(value, lang)} | {left(value, today, lang)} |")
        out.append("")
        if s.computed:
            out += _correct_a_date(ctx, lang)
    else:
        out += [_t("No future review of this State is in the calendar yet.", lang), ""]
    if feeds:
        out += [state_feed_links(ctx, code), ""]
    return "\n".join(out)


def state_feed_links(ctx, iso3: str) -> str:
    """The subscribe and download links of a State's calendar (``states/<iso3>.ics``)."""
    return feed_links(ctx, f"states/{iso3.lower()}.ics", f"{iso3.lower()}.ics")


def generate(ctx) -> None:
    cal: Calendar | None = ctx.content.kinds.get("sessions")
    if cal is None or not cal.sessions:
        # the nav lists calendar/index.md: a repository without a calendar still builds
        ctx.write("calendar/index.md", f"# {_t('UPR calendar', _lang(ctx))}\n\nThe session calendar "
                  "(states/sessions.yml) is empty or missing: run `upr import calendar`.\n")
        return
    base = base_url(ctx)
    tools = tools_links_markdown(ctx.content, "submission", "calendar/index.md", _lang(ctx))
    ctx.write("calendar/index.md", calendar_page(ctx, cal, tools))
    ctx.write(ics.SESSIONS_FEED, ics.sessions_feed(cal, base))
    for s in cal.schedule().values():
        ctx.write(f"sessions/{s.number}.md", session_page(ctx, s))
    states = getattr(ctx.content, "states", None) or {}
    for code, state in states.items():
        ctx.write(f"states/{code.lower()}.ics", ics.state_feed(cal, code, state_name(state, "en"), base))
    groups = ctx.content.kinds.get("groups") or {}
    for slug, group in groups.items():
        state = states.get(getattr(group, "state", ""))
        name = state_name(state, "en") if state else getattr(group, "state", slug)
        events = ics.events_for_group(group, cal, name, base)
        ctx.write(f"groups/{slug}.ics", ics.group_feed(cal, getattr(group, "title", None) or slug, events))
