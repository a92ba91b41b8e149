"""Calendar pages and feeds.

* ``calendar/index.md``: deadlines open now (with countdowns) and the sessions of the next
  12 months, relative to the build date (``--today``); then every session by cycle; then
  the next cycle *projected* from the 14-session pattern, in its own clearly labelled
  section (never mixed with sourced dates). Unknown values say "unknown"; low-precision
  dates say so ("May 2026, approx.", "January–February 2016 (month only)").
* ``sessions/<n>.md`` (``/sessions/<n>/``, not in the nav): States, dates, deadlines,
  HRC adoption, notes and sources of one session.
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
from ..i18n import format_day, state_name
from ..tools import tools_links_markdown
from ..mkconfig import read_mkdocs_yml
from ..sessions import Calendar, Deadline, FuzzyDate, Session

NEXT_MONTHS = 12

# Interface words of these pages (English is the key; upr.i18n.t is the fallback).
WORDS = {
    "UPR calendar": {"fr": "Calendrier de l'EPU", "es": "Calendario del EPU"},
    "Deadlines open now": {"fr": "Échéances ouvertes", "es": "Plazos abiertos"},
    "Sessions in the next 12 months": {"fr": "Sessions des 12 prochains mois",
                                       "es": "Períodos de sesiones de los próximos 12 meses"},
    "All sessions": {"fr": "Toutes les sessions", "es": "Todos los períodos de sesiones"},
    "Projected: the next cycle": {"fr": "Projection : le prochain cycle", "es": "Proyección: el próximo ciclo"},
    "Subscribe in your calendar app": {"fr": "S'abonner dans votre agenda", "es": "Suscribirse en su calendario"},
    "Download the .ics file": {"fr": "Télécharger le fichier .ics", "es": "Descargar el archivo .ics"},
    "Deadline": {"fr": "Échéance", "es": "Plazo"},
    "Session": {"fr": "Session", "es": "Período de sesiones"},
    "States under Review": {"fr": "États examinés", "es": "Estados examinados"},
    "States": {"fr": "États", "es": "Estados"},
    "Date": {"fr": "Date", "es": "Fecha"},
    "Dates": {"fr": "Dates", "es": "Fechas"},
    "Countdown": {"fr": "Compte à rebours", "es": "Cuenta atrás"},
    "Starts": {"fr": "Début", "es": "Inicio"},
    "Cycle": {"fr": "Cycle", "es": "Ciclo"},
    "Stakeholder deadline": {"fr": "Échéance des parties prenantes", "es": "Plazo de las partes interesadas"},
    "National report deadline": {"fr": "Échéance du rapport national", "es": "Plazo del informe nacional"},
    "HRC adoption": {"fr": "Adoption au CDH", "es": "Aprobación en el CDH"},
    "stakeholder submissions": {"fr": "contributions des parties prenantes",
                                "es": "contribuciones de las partes interesadas"},
    "national report": {"fr": "rapport national", "es": "informe nacional"},
    "next": {"fr": "prochaine", "es": "próximo"},
    "under way": {"fr": "en cours", "es": "en curso"},
    "today": {"fr": "aujourd'hui", "es": "hoy"},
    "tomorrow": {"fr": "demain", "es": "mañana"},
    "in {n} days": {"fr": "dans {n} jours", "es": "dentro de {n} días"},
    "in about {n} days": {"fr": "dans environ {n} jours", "es": "dentro de unos {n} días"},
    "{n} days ago": {"fr": "il y a {n} jours", "es": "hace {n} días"},
}


def _t(key: str, lang: str = "en") -> str:
    from ..i18n import t
    return WORDS.get(key, {}).get(lang, t(key, lang)) if lang != "en" else key


def md(text: Any) -> str:
    """Text from content files, safe inside Markdown and table cells (HTML escaped: case 21)."""
    value = html.escape(str(text), quote=False)
    for ch in "\\`*_[]|":
        value = value.replace(ch, "\\" + ch)
    return value


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
    key = "in {n} days" if days > 0 else "{n} days ago"
    return _t(key, lang).format(n=abs(days))


def about(days: int, lang: str = "en") -> str:
    """A countdown to a date known only roughly: 'in about 50 days'."""
    return _t("in about {n} days", lang).format(n=days) if days > 1 else countdown(days, lang)


def _date(value: FuzzyDate | None, lang: str, unknown: str = "unknown") -> str:
    return md(value.label(lang)) if value else f"*{unknown}*"


def _hrc(session: Session) -> str:
    return md(session.hrc_adoption) if session.hrc_adoption else "*unknown*"


def _deadline_rows(deadlines: list[Deadline], names, today: dt.date, lang: str) -> list[str]:
    rows = [f"| {_t('Deadline', lang)} | {_t('Session', lang)} | {_t('States under Review', lang)} | "
            f"{_t('Date', lang)} | {_t('Countdown', lang)} |", "|---|---|---|---|---|"]
    for d in deadlines:
        states = ", ".join(_state_link(c, names, "../") for c in d.session.states) or "*unknown*"
        rows.append(f"| {md(_t(d.label, lang).capitalize())} | [{d.session.number}](../sessions/{d.session.number}.md) | "
                    f"{states} | {_date(d.date, lang)} | "
                    f"{countdown(d.days_left(today), lang) if d.date.exact else about(d.days_left(today), lang)} |")
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
    title = {"fr": "Briefings pré-session", "es": "Reuniones informativas previas"}.get(lang, "Pre-session briefings")
    out = [f"## {title} {{#briefings}}", "", f"| {_t('Date', lang)} | Briefing | {_t('Group', lang)} |", "|---|---|---|"]
    for group, b in items:
        when = format_datetime(b.start, "d MMMM y, HH:mm", tzinfo=b.start.tzinfo, locale=locale(lang))
        out.append(f"| {when} (Geneva) | {md(b.title)} | [{md(group.slug.upper())}](../groups/{group.slug}/index.md) |")
    return out + [""]


def calendar_page(ctx, cal: Calendar) -> str:
    today, lang = ctx.today, _lang(ctx)
    names = _names(ctx)
    out = ["---", f"title: {_t('UPR calendar', lang)}", "---", "", f"# {_t('UPR calendar', lang)}", "",
           f"Working Group sessions 1–{max(cal.sessions) if cal.sessions else 0} of the Universal Periodic Review, "
           f"their deadlines and the Human Rights Council sessions that adopt the outcomes. "
           f"Countdowns are computed on **{format_day(today, lang)}** (the date this site was built).", "",
           feed_links(ctx, ics.SESSIONS_FEED, "upr-sessions.ics"), ""]
    open_now = cal.open_deadlines(today)
    out += [f"## {_t('Deadlines open now', lang)} {{#open-deadlines}}", ""]
    if open_now:
        out += _deadline_rows(open_now, names, today, lang) + [""]
    else:
        out += [f"No open deadline is known in the calendar on {format_day(today, lang)}. "
                "Deadlines not yet published by OHCHR are unknown, not absent: check the "
                "[OHCHR UPR pages](https://www.ohchr.org/en/hr-bodies/upr/upr-main).", ""]
    upcoming = cal.next_sessions(today, months=NEXT_MONTHS)
    out += [f"## {_t('Sessions in the next 12 months', lang)} {{#next-sessions}}", ""]
    if upcoming:
        out += [f"| {_t('Session', lang)} | {_t('Dates', lang)} | {_t('States under Review', lang)} | "
                f"{_t('Stakeholder deadline', lang)} | {_t('Starts', lang)} |", "|---|---|---|---|---|"]
        for i, s in enumerate(upcoming):
            label = f"**[{s.number}](../sessions/{s.number}.md)** ({_t('next', lang)})" if i == 0 else f"[{s.number}](../sessions/{s.number}.md)"
            states = ", ".join(_state_link(c, names, "../") for c in s.states) or "*unknown*"
            days = (s.start.first - today).days
            starts = countdown(days, lang) if s.start.exact else about(days, lang)
            if days <= 0:
                starts = _t("under way", lang)
            out.append(f"| {label} | {md(s.dates_label(lang))} | {states} | "
                       f"{_date(s.stakeholder_deadline, lang)} | {starts} |")
        out.append("")
    else:
        out += ["No session with known dates in the next 12 months.", ""]
    out += _briefings(ctx, lang)
    out += [f"## {_t('All sessions', lang)}", "",
            "*unknown* means no source has been found yet; it is never guessed. "
            "\"month only\" and \"approx.\" mark dates the sources give only roughly.", ""]
    for cycle in sorted({s.cycle for s in cal.sessions.values()}, reverse=True):
        numbers = sorted(n for n, s in cal.sessions.items() if s.cycle == cycle)
        out += [f"### Cycle {cycle} (sessions {numbers[0]}–{numbers[-1]})", "",
                f"| {_t('Session', lang)} | {_t('Dates', lang)} | {_t('States', lang)} | {_t('Stakeholder deadline', lang)} "
                f"| {_t('National report deadline', lang)} | {_t('HRC adoption', lang)} |",
                "|---|---|---|---|---|---|"]
        for n in numbers:
            s = cal.sessions[n]
            states = str(len(s.states)) if s.states else "*unknown*"
            flag = " (number inferred)" if s.number_inferred else ""
            out.append(f"| [{n}](../sessions/{n}.md){flag} | {md(s.dates_label(lang))} | {states} | "
                       f"{_date(s.stakeholder_deadline, lang)} | {_date(s.national_report_deadline, lang)} | "
                       f"{_hrc(s)} |")
        out.append("")
    projected = cal.projected()
    if projected:
        out += [f"## {_t('Projected: the next cycle', lang)} {{#projected}}", "",
                '!!! warning "Projected, not sourced"',
                f"    From cycle 2 on, the same group of States returns every {ics_step()} sessions. "
                "These rows repeat the States of the session 14 earlier. They are a planning aid, "
                "not an official calendar: no date is given, and OHCHR's list may differ.", "",
                "| Projected session | Repeats session | States (projected) |", "|---|---|---|"]
        for number, source in projected:
            states = ", ".join(_state_link(c, names, "../") for c in source.states)
            out.append(f"| {number} (projected) | [{source.number}](../sessions/{source.number}.md) | {states} |")
        out.append("")
    return "\n".join(out) + "\n"


def ics_step() -> int:
    from ..sessions import PATTERN_STEP
    return PATTERN_STEP


def session_page(ctx, s: Session) -> str:
    lang, today = _lang(ctx), ctx.today
    names = _names(ctx)
    title = f"UPR Working Group session {s.number}"
    out = ["---", f"title: {title}", "---", "", f"# {title}", ""]
    if s.number_inferred:
        out += ['!!! note "Session number inferred"', "    No source states this session's number; "
                "it was inferred (see the notes below).", ""]
    deadline = lambda v: _date(v, lang) + (f" ({countdown(v.days_from(today), lang)})" if v and v.last >= today else "")  # noqa: E731
    out += ["| | |", "|---|---|", f"| Cycle | {s.cycle} |", f"| Dates | {md(s.dates_label(lang))} |",
            f"| Stakeholder submissions deadline | {deadline(s.stakeholder_deadline)} |",
            f"| National report deadline | {deadline(s.national_report_deadline)} |"]
    if s.addenda_deadlines:
        out.append(f"| Addendum deadlines | {', '.join(_date(a, lang) for a in s.addenda_deadlines)} |")
    out += [f"| HRC adoption | {_hrc(s)} |", ""]
    out += [feed_links(ctx, ics.SESSIONS_FEED, "../calendar/upr-sessions.ics"), ""]
    order = {"review": "in the order of review", "alphabetical": "in alphabetical order",
             "hrc_adoption": "in the order of adoption at the HRC", "as_listed": "as listed by the source",
             "unknown": "in the order the source gives (not known to be the order of review)"}[s.order]
    out += ["## States under Review", ""]
    if s.states:
        out += [f"{len(s.states)} States, {order}.", "",
                "| # | State | National report | UN compilation | Summary of stakeholders' information |",
                "|---|---|---|---|---|"]
        for i, code in enumerate(s.states, 1):
            base = f"A/HRC/WG.6/{s.number}/{code}"
            out.append(f"| {i} | {_state_link(code, names, '../')} | {base}/1 | {base}/2 | {base}/3 |")
        out.append("")
    else:
        out += ["*unknown*: no source listing the States of this session has been found yet.", ""]
    if s.notes:
        out += ["## Notes", "", md(s.notes), ""]
    for label, value in (("stakeholder deadline", s.stakeholder_deadline),
                         ("national report deadline", s.national_report_deadline)):
        if value and value.note:
            out += [f"- About the {label}: {md(value.note)}"]
    out += ["", "## Sources", ""]
    if s.sources:
        for src in s.sources:
            if src.startswith(("http://", "https://")):
                out.append(f"- <{html.escape(src, quote=True)}>")
            else:
                out.append(f"- `{src.replace('`', '')}`")
    else:
        out.append("*No source recorded.*")
    out += ["", "[All sessions](../calendar/index.md)", ""]
    return "\n".join(out)


def state_timeline(ctx, iso3: str, prefix: str = "../") -> str:
    """Markdown for a State page (``states/<iso3>.md``): its next review with a countdown to each
    deadline, relative to ``ctx.today``, and the State's feed links. '' without a calendar."""
    cal: Calendar | None = getattr(ctx.content, "sessions", None)
    if not cal or not cal.sessions:
        return ""
    code, lang, today = iso3.upper(), _lang(ctx), ctx.today
    upcoming = [s for s in cal.next_sessions(today) if code in s.states]
    out = ["## Next review", ""]
    if upcoming:
        s = upcoming[0]
        label = md(s.dates_label(lang))
        out += [f"Working Group session [{s.number}]({prefix}sessions/{s.number}.md): {label}"
                + ("" if label.endswith(".") else "."), "",
                "| What | When | Countdown |", "|---|---|---|"]
        for label, value in (("Stakeholder submissions due", s.stakeholder_deadline),
                             ("National report due", s.national_report_deadline),
                             ("Working Group session opens", s.start)):
            when = _date(value, lang)
            left = "*unknown*"
            if value:
                days = value.days_from(today)
                left = countdown(days, lang) if value.exact or days < 0 else about(days, lang)
            out.append(f"| {label} | {when} | {left} |")
        out.append("")
    else:
        out += ["No future review of this State is in the calendar yet.", ""]
    out += [feed_links(ctx, f"states/{code.lower()}.ics", f"{code.lower()}.ics"), ""]
    return "\n".join(out)


def generate(ctx) -> None:
    cal: Calendar | None = ctx.content.kinds.get("sessions")
    if cal is None or not cal.sessions:
        # the nav lists calendar/index.md: a repository without a calendar still builds
        ctx.write("calendar/index.md", f"# {_t('UPR calendar', _lang(ctx))}\n\nThe session calendar "
                  "(states/sessions.yml) is empty or missing: run `upr import calendar`.\n")
        return
    base = base_url(ctx)
    tools = tools_links_markdown(ctx.content, "submission", "calendar/index.md")
    heading = {"fr": "Outils pour préparer une contribution", "es": "Herramientas para preparar una contribución"}
    ctx.write("calendar/index.md", calendar_page(ctx, cal) + (
        f"\n## {heading.get(_lang(ctx), 'Tools for preparing a submission')}\n\n{tools}" if tools else ""))
    ctx.write(ics.SESSIONS_FEED, ics.sessions_feed(cal, base))
    for s in cal.sessions.values():
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
