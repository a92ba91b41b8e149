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

:func:`state_timeline` gives the Markdown block a State page shows (next review with
countdowns, feed links).
"""
from __future__ import annotations

import datetime as dt
import html
from typing import Any

from .. import calendar as ics
from ..i18n import N_, NP_, format_day, gettext, pgettext, state_name
from ..mdtext import md_inline
from ..tools import tools_links_markdown
from ..mkconfig import read_mkdocs_yml, repo_url
from ..sessions import PATTERN_STEP, Calendar, Deadline, FuzzyDate, Session, _add_months, basis_label

NEXT_MONTHS = 12
CORRECT_A_DATE = "5-correct-a-date.yml"  # the issue form that brings a sourced date (.github/ISSUE_TEMPLATE/)
SUMMARY_3 = "Summary of stakeholders' information"  # the /3 document of a review

#: Long texts, by a short name (English; translated in the catalogs).
TEXTS = {
    'intro': N_('Working Group sessions 1–{last} of the Universal Periodic Review, their deadlines and the Human Rights Council sessions that adopt the outcomes. Countdowns are computed on **{today}** (the date this site was built).'),
    'no open deadline': N_('No open deadline is known in the calendar on {today}. Deadlines not yet published by OHCHR are unknown, not absent: check the [OHCHR UPR pages](https://www.ohchr.org/en/hr-bodies/upr/upr-main).'),
    'all sessions note': N_('*unknown* means no source has been found yet; it is never guessed. "month only" and "approx." mark dates the sources give only roughly.'),
    'no States source': N_('*unknown*: no source listing the States of this session has been found yet.'),
    'projection note': N_('OHCHR has not published these sessions yet. From cycle 2 on, the same group of States returns every {step} sessions, and the Working Group meets three times a year (January–February, April–May, October–November). So each row repeats the States of the session {step} earlier; its month follows the sessions of the same slot ({slots}, the medians of sessions {first}–{last}); the stakeholder deadline is projected {sd} days before the session and the national report {nr} days before (the medians of sessions {measured}, which have both an exact start and the deadline). This is a planning aid, not an official calendar: a date or list published by OHCHR always replaces it.'),
    'no published deadline': N_('No deadline published by OHCHR is open in the calendar on {today}.'),
    'projected deadlines intro': N_('OHCHR has not published these deadlines yet: they are projected from the 14-session pattern ([how](#projected)). Plan with them, and check the [OHCHR UPR pages](https://www.ohchr.org/en/hr-bodies/upr/upr-main) before you rely on one.'),
    'next stakeholder deadline': N_('**Next projected stakeholder deadline:** {when}, session {n}.'),
    'correct a date': N_('A date is wrong or missing, or OHCHR has published one? Use the form [Correct a date]({url}) and give the source: a sourced value always replaces a projection.'),
    'projected review': N_('OHCHR has not published the States of session {n} yet: {name} is listed because session {m} reviewed it, and States return every {step} sessions. Every value marked *projected* is computed ([how](../calendar/index.md#projected)).'),
    'projected values': N_('Values marked *projected* are not yet published by OHCHR; they are computed from the 14-session pattern ([how](../calendar/index.md#projected)).'),
    'states projected': N_("{count} States, projected: the States of session {m} (OHCHR has not published this session's list yet)."),
    'states inferred': N_("{count} States, inferred: the States of session {m} (no source listing this session's States has been found)."),
    'left out': N_('Left out: {names} (a source places them in another session of this cycle).'),
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


def _state_link(code: str, names: dict[str, str], prefix: str) -> str:
    if code in names:
        return f"[{md(names[code])}]({prefix}states/{code.lower()}.md)"
    return f"`{md(code)}`"


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


def _hrc(session: Session, lang: str = "en") -> str:
    return md(session.hrc_adoption) if session.hrc_adoption else f"*{_t('unknown', lang)}*"


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


def _session_link(s: Session, prefix: str = "../", bold: bool = False) -> str:
    link = f"[{s.number}]({prefix}sessions/{s.number}.md)"
    return f"**{link}**" if bold else link


def _states_cell(s: Session, names, lang: str, prefix: str = "../") -> str:
    states = ", ".join(_state_link(c, names, prefix) for c in s.states) or f"*{_t('unknown', lang)}*"
    if s.states_basis:
        states += f" *({_t(s.states_basis, lang)})*"
    return states


def _deadline_rows(deadlines: list[Deadline], names, today: dt.date, lang: str) -> list[str]:
    rows = [f"| {_t('Deadline', lang)} | {_t('Session', lang)} | {_t('States under Review', lang)} | "
            f"{_t('Date', lang)} | {_t('Countdown', lang)} |", "|---|---|---|---|---|"]
    for d in deadlines:
        rows.append(f"| {md(_t(d.label, lang).capitalize())} | {_session_link(d.session)} | "
                    f"{_states_cell(d.session, names, lang)} | {_date(d.date, lang)} | {left(d.date, today, lang)} |")
    return rows


def _briefings(ctx, lang: str) -> list[str]:
    """Upcoming pre-session briefings of the country groups (public view only:
    confidential speakers are left out by ``groups.public_view``), Geneva time."""
    from babel.dates import format_datetime

    from ..groups import upcoming_briefings
    from ..i18n import locale
    items = upcoming_briefings(ctx.content, ctx.today)
    if not items:
        return []
    title = _t("Pre-session briefings", lang)
    out = [f"## {title} {{#briefings}}", "", f"| {_t('Date', lang)} | {_t('Briefing', lang)} | {_t('Group', lang)} |",
           "|---|---|---|"]
    geneva = _t("Geneva", lang)
    for group, b in items:
        when = format_datetime(b.start, "d MMMM y, HH:mm", tzinfo=b.start.tzinfo, locale=locale(lang))
        out.append(f"| {when} ({geneva}) | {md(b.title)} | [{md(group.slug.upper())}](../groups/{group.slug}/index.md) |")
    return out + [""]


def correct_a_date_url(ctx) -> str:
    """The issue form "Correct a date" of this repository, or '' without a repo_url."""
    url = repo_url(ctx.settings.root)
    return f"{url}/issues/new?template={CORRECT_A_DATE}" if url else ""


def _correct_a_date(ctx, lang: str) -> list[str]:
    url = correct_a_date_url(ctx)
    return [_t(TEXTS["correct a date"], lang).format(url=url), ""] if url else []


def _projected_deadlines(cal: Calendar, names, today: dt.date, lang: str) -> list[str]:
    """The projected deadlines of the next 12 months (at least the next one), with the next
    projected stakeholder deadline first in words: what NGOs plan for."""
    projected = cal.open_deadlines(today, projected=True)
    if not projected:
        return []
    limit = _add_months(today, NEXT_MONTHS)
    shown = [d for d in projected if d.date.first <= limit] or projected[:1]
    out = [f"### {_t('Next projected deadlines', lang)} {{#projected-deadlines}}", "",
           _t(TEXTS["projected deadlines intro"], lang), ""]
    stakeholder = next((d for d in projected if d.kind == "stakeholder"), None)
    if stakeholder is not None:
        out += [_t(TEXTS["next stakeholder deadline"], lang).format(when=_date(stakeholder.date, lang),
                                                             n=_session_link(stakeholder.session)), ""]
    return out + _deadline_rows(shown, names, today, lang) + [""]


def _projection_note(cal: Calendar, lang: str) -> str:
    from babel.dates import format_date

    from ..i18n import locale
    m = cal.measures()
    if m is None:
        return ""
    slots = ", ".join(format_date(dt.date(2001, month, day), "d MMMM", locale=locale(lang))
                      for _, (month, day, _) in sorted(m.slots.items(), key=lambda kv: (kv[1][0], kv[1][1])))
    sd, nr = m.offsets.get("stakeholder_deadline"), m.offsets.get("national_report_deadline")
    measured = sorted(set((sd.sessions if sd else ()) + (nr.sessions if nr else ())))
    unknown = _t("unknown", lang)
    return _t(TEXTS["projection note"], lang).format(
        step=PATTERN_STEP, slots=slots or unknown, first=m.window[0], last=m.window[1],
        sd=sd.days if sd else unknown, nr=nr.days if nr else unknown,
        measured=", ".join(map(str, measured)) or unknown)


def calendar_page(ctx, cal: Calendar) -> str:
    today, lang = ctx.today, _lang(ctx)
    names = _names(ctx)
    schedule = cal.schedule()
    out = ["---", f"title: {_t('UPR calendar', lang)}", "---", "", f"# {_t('UPR calendar', lang)}", "",
           _t(TEXTS["intro"], lang).format(last=max(cal.sessions) if cal.sessions else 0, today=format_day(today, lang)), "",
           feed_links(ctx, ics.SESSIONS_FEED, "upr-sessions.ics"), ""]
    out += _correct_a_date(ctx, lang)
    open_now = cal.open_deadlines(today)
    out += [f"## {_t('Deadlines open now', lang)} {{#open-deadlines}}", ""]
    if open_now:
        out += _deadline_rows(open_now, names, today, lang) + [""]
    projected_rows = _projected_deadlines(cal, names, today, lang)
    if not open_now:
        if projected_rows:
            out += [_t(TEXTS["no published deadline"], lang).format(today=format_day(today, lang)), ""]
        else:
            out += [_t(TEXTS["no open deadline"], lang).format(today=format_day(today, lang)), ""]
    out += projected_rows
    upcoming = cal.next_sessions(today, months=NEXT_MONTHS, projected=True)
    out += [f"## {_t('Sessions in the next 12 months', lang)} {{#next-sessions}}", ""]
    if upcoming:
        out += [f"| {_t('Session', lang)} | {_t('Dates', lang)} | {_t('States under Review', lang)} | "
                f"{_t('Stakeholder deadline', lang)} | {_t('Starts', lang)} |", "|---|---|---|---|---|"]
        for i, s in enumerate(upcoming):
            label = f"{_session_link(s, bold=True)} ({_t('next', lang)})" if i == 0 else _session_link(s)
            starts = _t("under way", lang) if s.start.first <= today else left(s.start, today, lang)
            out.append(f"| {label} | {_dates_cell(s, lang)} | {_states_cell(s, names, lang)} | "
                       f"{_date(s.stakeholder_deadline, lang)} | {starts} |")
        out.append("")
    else:
        out += [_t("No session with known dates in the next 12 months.", lang), ""]
    out += _briefings(ctx, lang)
    out += [f"## {_t('All sessions', lang)}", "", _t(TEXTS["all sessions note"], lang), ""]
    for cycle in sorted({s.cycle for s in cal.sessions.values()}, reverse=True):
        numbers = sorted(n for n, s in cal.sessions.items() if s.cycle == cycle)
        out += ["### " + _t("Cycle {cycle} (sessions {first}–{last})", lang).format(
                    cycle=cycle, first=numbers[0], last=numbers[-1]), "",
                f"| {_t('Session', lang)} | {_t('Dates', lang)} | {_t('States', lang)} | {_t('Stakeholder deadline', lang)} "
                f"| {_t('National report deadline', lang)} | {_t('HRC adoption', lang)} |",
                "|---|---|---|---|---|---|"]
        for n in numbers:
            s = cal.sessions[n]
            shown = schedule.get(n, s)
            if s.states:
                states = str(len(s.states))
            elif shown.states_basis == "inferred":
                states = "*" + _t("{n} (inferred from session {m})", lang).format(
                    n=len(shown.states), m=shown.projected_from) + "*"
            else:
                states = f"*{_t('unknown', lang)}*"
            flag = f" ({_t('number inferred', lang)})" if s.number_inferred else ""
            out.append(f"| [{n}](../sessions/{n}.md){flag} | {md(s.dates_label(lang))} | {states} | "
                       f"{_date(s.stakeholder_deadline, lang)} | {_date(s.national_report_deadline, lang)} | "
                       f"{_hrc(s, lang)} |")
        out.append("")
    measures = cal.measures()
    future = [schedule[n] for n in sorted(schedule) if n > (measures.window[1] if measures else max(schedule))
              and schedule[n].computed]
    if future:
        cycles = sorted({s.cycle for s in future})
        title = _t("Projected: cycle {cycle} (sessions {first}–{last})", lang).format(
            cycle="–".join(map(str, cycles)), first=future[0].number, last=future[-1].number)
        out += [f"## {title} {{#projected}}", "",
                f'!!! warning "{_t("Projected: not yet published by OHCHR", lang)}"',
                "    " + _projection_note(cal, lang), "",
                f"| {_t('Session', lang)} | {_t('Dates', lang)} | {_t('States (from session n−14)', lang)} | "
                f"{_t('Stakeholder deadline', lang)} | {_t('National report deadline', lang)} |",
                "|---|---|---|---|---|"]
        for s in future:
            flag = f" ({_t('projected', lang)})" if s.states_basis else ""
            out.append(f"| {_session_link(s)}{flag} | {_dates_cell(s, lang)} | {_states_cell(s, names, lang)} | "
                       f"{_date(s.stakeholder_deadline, lang)} | {_date(s.national_report_deadline, lang)} |")
        out.append("")
        out += _correct_a_date(ctx, lang)
    return "\n".join(out) + "\n"


def ics_step() -> int:
    return PATTERN_STEP


def session_page(ctx, s: Session) -> str:
    lang, today = _lang(ctx), ctx.today
    names = _names(ctx)
    title = _t("UPR Working Group session {n}", lang).format(n=s.number)
    out = ["---", f"title: {title}", "---", "", f"# {title}", ""]
    if s.number_inferred:
        out += [f'!!! note "{_t("Session number inferred", lang)}"',
                "    " + _t("No source states this session's number; it was inferred (see the notes below).", lang),
                ""]
    if s.computed:
        heading = _t("Projected: not yet published by OHCHR", lang)
        out += [f'!!! warning "{heading}"', "    " + _t(TEXTS["projected values"], lang), ""]
        out += ["    " + line if line else "" for line in _correct_a_date(ctx, lang)]

    def deadline(v):
        if v is None or v.last < today:
            return _date(v, lang)
        return f"{_date(v, lang)} ({left(v, today, lang)})"

    out += [f"| {_t('Session', lang)} {s.number} | |", "|---|---|", f"| {_t('Cycle', lang)} | {s.cycle} |",
            f"| {_t('Dates', lang)} | {_dates_cell(s, lang)} |",
            f"| {_t('Stakeholder submissions deadline', lang)} | {deadline(s.stakeholder_deadline)} |",
            f"| {_t('National report deadline', lang)} | {deadline(s.national_report_deadline)} |"]
    if s.addenda_deadlines:
        out.append(f"| {_t('Addendum deadlines', lang)} | {', '.join(_date(a, lang) for a in s.addenda_deadlines)} |")
    out += [f"| {_t('HRC adoption', lang)} | {_hrc(s, lang)} |", ""]
    out += [feed_links(ctx, ics.SESSIONS_FEED, "../calendar/upr-sessions.ics"), ""]
    order = {"review": N_("in the order of review"), "alphabetical": N_("in alphabetical order"),
             "hrc_adoption": N_("in the order of adoption at the HRC"), "as_listed": N_("as listed by the source"),
             "unknown": N_("in the order the source gives (not known to be the order of review)")}[s.order]
    out += [f"## {_t('States under Review', lang)}", ""]
    if s.states:
        if s.states_basis:
            key = TEXTS["states projected"] if s.states_basis == "projected" else TEXTS["states inferred"]
            out += [_t(key, lang).format(count=len(s.states), m=_session_link_number(s.projected_from)), ""]
        else:
            out += [_t("{n} States, {order}.", lang).format(n=len(s.states), order=_t(order, lang)), ""]
        out += [f"| # | {_t('State', lang)} | {_t('National report', lang)} | {_t('UN compilation', lang)} | "
                f"{_t(SUMMARY_3, lang)} |",
                "|---|---|---|---|---|"]
        for i, code in enumerate(s.states, 1):
            base = f"A/HRC/WG.6/{s.number}/{code}"
            out.append(f"| {i} | {_state_link(code, names, '../')} | {base}/1 | {base}/2 | {base}/3 |")
        out.append("")
        if s.left_out:
            listed = ", ".join(f"{_state_link(c, names, '../')} ({_t('Session', lang).lower()} "
                               f"{_session_link_number(n)})" for c, n in sorted(s.left_out.items()))
            out += [_t(TEXTS["left out"], lang).format(names=listed), ""]
    else:
        out += [_t(TEXTS["no States source"], lang), ""]
    if s.notes:
        out += [f"## {_t('Notes', lang)}", "", md(s.notes), ""]
    for label, value in ((N_("stakeholder deadline"), s.stakeholder_deadline),
                         (N_("national report deadline"), s.national_report_deadline)):
        if value and value.note:
            out += ["- " + _t("About the {label}: {note}", lang).format(label=_t(label, lang), note=md(value.note))]
    if s.departure:
        out += ["", f"## {_t('Why this session departs from the pattern', lang)}", "", md(s.departure.note), ""]
        out += [_source_item(src) for src in s.departure.sources]
    out += ["", f"## {_t('Sources', lang)}", ""]
    if s.sources:
        out += [_source_item(src) for src in s.sources]
    else:
        out.append(f"*{_t('No source recorded.', lang)}*")
    out += ["", f"[{_t('All sessions', lang)}](../calendar/index.md)", ""]
    return "\n".join(out)


def _session_link_number(number: int | None) -> str:
    return f"[{number}](../sessions/{number}.md)" if number else "?"


def _source_item(src: str) -> str:
    if src.startswith(("http://", "https://")):
        return f"- <{html.escape(src, quote=True)}>"
    return f"- `{src.replace('`', '')}`"


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
    ctx.write("calendar/index.md", calendar_page(ctx, cal) + (
        f"\n## {_t('Tools for preparing a submission', _lang(ctx))}\n\n{tools}" if tools else ""))
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
