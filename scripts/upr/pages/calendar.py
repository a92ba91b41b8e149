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
SUMMARY_3 = "Summary of stakeholders' information"  # the /3 document of a review

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
    "unknown": {"fr": "inconnu", "es": "desconocido"},
    "Group": {"fr": "Groupe", "es": "Grupo"},
    "Geneva": {"fr": "heure de Genève", "es": "hora de Ginebra"},
    "intro": {
        "en": "Working Group sessions 1–{last} of the Universal Periodic Review, their deadlines and the Human "
              "Rights Council sessions that adopt the outcomes. Countdowns are computed on **{today}** "
              "(the date this site was built).",
        "fr": "Les sessions 1 à {last} du Groupe de travail de l'Examen périodique universel, leurs échéances et "
              "les sessions du Conseil des droits de l'homme qui en adoptent les résultats. Les comptes à rebours "
              "sont calculés au **{today}** (date de construction de ce site).",
        "es": "Los períodos de sesiones 1 a {last} del Grupo de Trabajo del Examen Periódico Universal, sus plazos "
              "y los períodos de sesiones del Consejo de Derechos Humanos que aprueban los resultados. Las cuentas "
              "atrás se calculan al **{today}** (fecha en que se generó este sitio)."},
    "no open deadline": {
        "en": "No open deadline is known in the calendar on {today}. Deadlines not yet published by OHCHR are "
              "unknown, not absent: check the [OHCHR UPR pages](https://www.ohchr.org/en/hr-bodies/upr/upr-main).",
        "fr": "Aucune échéance ouverte n'est connue dans le calendrier au {today}. Les échéances que le HCDH n'a "
              "pas encore publiées sont inconnues, pas inexistantes : consultez les "
              "[pages EPU du HCDH](https://www.ohchr.org/fr/hr-bodies/upr/upr-main).",
        "es": "No se conoce ningún plazo abierto en el calendario al {today}. Los plazos que el ACNUDH aún no ha "
              "publicado son desconocidos, no inexistentes: consulte las "
              "[páginas del EPU del ACNUDH](https://www.ohchr.org/es/hr-bodies/upr/upr-main)."},
    "No session with known dates in the next 12 months.": {
        "fr": "Aucune session aux dates connues dans les 12 prochains mois.",
        "es": "Ningún período de sesiones con fechas conocidas en los próximos 12 meses."},
    "all sessions note": {
        "en": "*unknown* means no source has been found yet; it is never guessed. \"month only\" and \"approx.\" "
              "mark dates the sources give only roughly.",
        "fr": "*inconnu* signifie qu'aucune source n'a encore été trouvée ; la valeur n'est jamais devinée. "
              "« mois seulement » et « approx. » signalent des dates que les sources ne donnent qu'approximativement.",
        "es": "*desconocido* significa que aún no se ha encontrado ninguna fuente; nunca se adivina. "
              "«solo el mes» y «aprox.» señalan fechas que las fuentes dan solo de forma aproximada."},
    "Cycle {cycle} (sessions {first}–{last})": {"fr": "Cycle {cycle} (sessions {first} à {last})",
                                                "es": "Ciclo {cycle} (períodos de sesiones {first} a {last})"},
    "number inferred": {"fr": "numéro déduit", "es": "número deducido"},
    "Next review": {"fr": "Prochain examen", "es": "Próximo examen"},
    "Working Group session": {"fr": "Session du Groupe de travail", "es": "Período de sesiones del Grupo de Trabajo"},
    "What": {"fr": "Étape", "es": "Etapa"},
    "When": {"fr": "Date", "es": "Fecha"},
    "Stakeholder submissions due": {"fr": "Remise des contributions des parties prenantes",
                                    "es": "Entrega de las contribuciones de las partes interesadas"},
    "National report due": {"fr": "Remise du rapport national", "es": "Entrega del informe nacional"},
    "Working Group session opens": {"fr": "Ouverture de la session du Groupe de travail",
                                    "es": "Apertura del período de sesiones del Grupo de Trabajo"},
    "No future review of this State is in the calendar yet.": {
        "fr": "Aucun examen futur de cet État ne figure encore dans le calendrier.",
        "es": "Todavía no figura en el calendario ningún examen futuro de este Estado."},
    "UPR Working Group session {n}": {"fr": "Session {n} du Groupe de travail de l'EPU",
                                      "es": "Período de sesiones {n} del Grupo de Trabajo del EPU"},
    "Stakeholder submissions deadline": {"fr": "Échéance des contributions des parties prenantes",
                                         "es": "Plazo de las contribuciones de las partes interesadas"},
    "Addendum deadlines": {"fr": "Échéances des additifs", "es": "Plazos de las adiciones"},
    "{n} States, {order}.": {"fr": "{n} États, {order}.", "es": "{n} Estados, {order}."},
    "in the order of review": {"fr": "dans l'ordre d'examen", "es": "en el orden del examen"},
    "in alphabetical order": {"fr": "par ordre alphabétique (anglais)", "es": "por orden alfabético (inglés)"},
    "in the order of adoption at the HRC": {"fr": "dans l'ordre d'adoption au CDH",
                                            "es": "en el orden de aprobación en el CDH"},
    "as listed by the source": {"fr": "dans l'ordre de la source", "es": "en el orden de la fuente"},
    "in the order the source gives (not known to be the order of review)": {
        "fr": "dans l'ordre donné par la source (dont on ne sait pas s'il est l'ordre d'examen)",
        "es": "en el orden que da la fuente (no se sabe si es el orden del examen)"},
    "State": {"fr": "État", "es": "Estado"},
    "National report": {"fr": "Rapport national", "es": "Informe nacional"},
    "UN compilation": {"fr": "Compilation des Nations Unies", "es": "Compilación de las Naciones Unidas"},
    "Summary of stakeholders' information": {"fr": "Résumé des communications des parties prenantes",
                                             "es": "Resumen de las comunicaciones de las partes interesadas"},
    "no States source": {
        "en": "*unknown*: no source listing the States of this session has been found yet.",
        "fr": "*inconnu* : aucune source donnant les États de cette session n'a encore été trouvée.",
        "es": "*desconocido*: aún no se ha encontrado ninguna fuente con los Estados de este período de sesiones."},
    "Notes": {"fr": "Notes", "es": "Notas"},
    "Sources": {"fr": "Sources", "es": "Fuentes"},
    "No source recorded.": {"fr": "Aucune source enregistrée.", "es": "Ninguna fuente registrada."},
    "About the {label}: {note}": {"fr": "À propos de l'{label} : {note}", "es": "Sobre el {label}: {note}"},
    "stakeholder deadline": {"fr": "échéance des parties prenantes", "es": "plazo de las partes interesadas"},
    "national report deadline": {"fr": "échéance du rapport national", "es": "plazo del informe nacional"},
    "Projected, not sourced": {"fr": "Projection, sans source", "es": "Proyección, sin fuente"},
    "projection note": {
        "en": "From cycle 2 on, the same group of States returns every {step} sessions. These rows repeat the States "
              "of the session {step} earlier. They are a planning aid, not an official calendar: no date is given, "
              "and OHCHR's list may differ.",
        "fr": "À partir du deuxième cycle, le même groupe d'États revient toutes les {step} sessions. Ces lignes "
              "reprennent les États de la session {step} sessions plus tôt. C'est une aide à la planification, pas un "
              "calendrier officiel : aucune date n'est donnée, et la liste du HCDH peut être différente.",
        "es": "A partir del segundo ciclo, el mismo grupo de Estados vuelve cada {step} períodos de sesiones. Estas "
              "filas repiten los Estados del período {step} períodos antes. Son una ayuda para planificar, no un "
              "calendario oficial: no se da ninguna fecha y la lista del ACNUDH puede ser distinta."},
    "Projected session": {"fr": "Session projetée", "es": "Período de sesiones proyectado"},
    "Repeats session": {"fr": "Reprend la session", "es": "Repite el período"},
    "States (projected)": {"fr": "États (projection)", "es": "Estados (proyección)"},
    "projected": {"fr": "projection", "es": "proyección"},
}


def _t(key: str, lang: str = "en") -> str:
    from ..i18n import t
    return t(key, lang, WORDS)  # long texts are keyed by a short name, with "en"


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
    return md(value.label(lang)) if value else f"*{_t(unknown, lang)}*"


def _hrc(session: Session, lang: str = "en") -> str:
    return md(session.hrc_adoption) if session.hrc_adoption else f"*{_t('unknown', lang)}*"


def _deadline_rows(deadlines: list[Deadline], names, today: dt.date, lang: str) -> list[str]:
    rows = [f"| {_t('Deadline', lang)} | {_t('Session', lang)} | {_t('States under Review', lang)} | "
            f"{_t('Date', lang)} | {_t('Countdown', lang)} |", "|---|---|---|---|---|"]
    for d in deadlines:
        states = ", ".join(_state_link(c, names, "../") for c in d.session.states) or f"*{_t('unknown', lang)}*"
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
    geneva = _t("Geneva", lang)
    for group, b in items:
        when = format_datetime(b.start, "d MMMM y, HH:mm", tzinfo=b.start.tzinfo, locale=locale(lang))
        out.append(f"| {when} ({geneva}) | {md(b.title)} | [{md(group.slug.upper())}](../groups/{group.slug}/index.md) |")
    return out + [""]


def calendar_page(ctx, cal: Calendar) -> str:
    today, lang = ctx.today, _lang(ctx)
    names = _names(ctx)
    out = ["---", f"title: {_t('UPR calendar', lang)}", "---", "", f"# {_t('UPR calendar', lang)}", "",
           _t("intro", lang).format(last=max(cal.sessions) if cal.sessions else 0, today=format_day(today, lang)), "",
           feed_links(ctx, ics.SESSIONS_FEED, "upr-sessions.ics"), ""]
    open_now = cal.open_deadlines(today)
    out += [f"## {_t('Deadlines open now', lang)} {{#open-deadlines}}", ""]
    if open_now:
        out += _deadline_rows(open_now, names, today, lang) + [""]
    else:
        out += [_t("no open deadline", lang).format(today=format_day(today, lang)), ""]
    upcoming = cal.next_sessions(today, months=NEXT_MONTHS)
    out += [f"## {_t('Sessions in the next 12 months', lang)} {{#next-sessions}}", ""]
    if upcoming:
        out += [f"| {_t('Session', lang)} | {_t('Dates', lang)} | {_t('States under Review', lang)} | "
                f"{_t('Stakeholder deadline', lang)} | {_t('Starts', lang)} |", "|---|---|---|---|---|"]
        for i, s in enumerate(upcoming):
            label = f"**[{s.number}](../sessions/{s.number}.md)** ({_t('next', lang)})" if i == 0 else f"[{s.number}](../sessions/{s.number}.md)"
            states = ", ".join(_state_link(c, names, "../") for c in s.states) or f"*{_t('unknown', lang)}*"
            days = (s.start.first - today).days
            starts = countdown(days, lang) if s.start.exact else about(days, lang)
            if days <= 0:
                starts = _t("under way", lang)
            out.append(f"| {label} | {md(s.dates_label(lang))} | {states} | "
                       f"{_date(s.stakeholder_deadline, lang)} | {starts} |")
        out.append("")
    else:
        out += [_t("No session with known dates in the next 12 months.", lang), ""]
    out += _briefings(ctx, lang)
    out += [f"## {_t('All sessions', lang)}", "", _t("all sessions note", lang), ""]
    for cycle in sorted({s.cycle for s in cal.sessions.values()}, reverse=True):
        numbers = sorted(n for n, s in cal.sessions.items() if s.cycle == cycle)
        out += ["### " + _t("Cycle {cycle} (sessions {first}–{last})", lang).format(
                    cycle=cycle, first=numbers[0], last=numbers[-1]), "",
                f"| {_t('Session', lang)} | {_t('Dates', lang)} | {_t('States', lang)} | {_t('Stakeholder deadline', lang)} "
                f"| {_t('National report deadline', lang)} | {_t('HRC adoption', lang)} |",
                "|---|---|---|---|---|---|"]
        for n in numbers:
            s = cal.sessions[n]
            states = str(len(s.states)) if s.states else f"*{_t('unknown', lang)}*"
            flag = f" ({_t('number inferred', lang)})" if s.number_inferred else ""
            out.append(f"| [{n}](../sessions/{n}.md){flag} | {md(s.dates_label(lang))} | {states} | "
                       f"{_date(s.stakeholder_deadline, lang)} | {_date(s.national_report_deadline, lang)} | "
                       f"{_hrc(s, lang)} |")
        out.append("")
    projected = cal.projected()
    if projected:
        out += [f"## {_t('Projected: the next cycle', lang)} {{#projected}}", "",
                f'!!! warning "{_t("Projected, not sourced", lang)}"',
                "    " + _t("projection note", lang).format(step=ics_step()), "",
                f"| {_t('Projected session', lang)} | {_t('Repeats session', lang)} | {_t('States (projected)', lang)} |",
                "|---|---|---|"]
        for number, source in projected:
            states = ", ".join(_state_link(c, names, "../") for c in source.states)
            out.append(f"| {number} ({_t('projected', lang)}) | [{source.number}](../sessions/{source.number}.md) | {states} |")
        out.append("")
    return "\n".join(out) + "\n"


def ics_step() -> int:
    from ..sessions import PATTERN_STEP
    return PATTERN_STEP


def session_page(ctx, s: Session) -> str:
    lang, today = _lang(ctx), ctx.today
    names = _names(ctx)
    title = _t("UPR Working Group session {n}", lang).format(n=s.number)
    out = ["---", f"title: {title}", "---", "", f"# {title}", ""]
    if s.number_inferred:
        out += ['!!! note "Session number inferred"', "    No source states this session's number; "
                "it was inferred (see the notes below).", ""]
    deadline = lambda v: _date(v, lang) + (f" ({countdown(v.days_from(today), lang)})" if v and v.last >= today else "")  # noqa: E731
    out += [f"| {_t('Session', lang)} {s.number} | |", "|---|---|", f"| {_t('Cycle', lang)} | {s.cycle} |",
            f"| {_t('Dates', lang)} | {md(s.dates_label(lang))} |",
            f"| {_t('Stakeholder submissions deadline', lang)} | {deadline(s.stakeholder_deadline)} |",
            f"| {_t('National report deadline', lang)} | {deadline(s.national_report_deadline)} |"]
    if s.addenda_deadlines:
        out.append(f"| {_t('Addendum deadlines', lang)} | {', '.join(_date(a, lang) for a in s.addenda_deadlines)} |")
    out += [f"| {_t('HRC adoption', lang)} | {_hrc(s, lang)} |", ""]
    out += [feed_links(ctx, ics.SESSIONS_FEED, "../calendar/upr-sessions.ics"), ""]
    order = {"review": "in the order of review", "alphabetical": "in alphabetical order",
             "hrc_adoption": "in the order of adoption at the HRC", "as_listed": "as listed by the source",
             "unknown": "in the order the source gives (not known to be the order of review)"}[s.order]
    out += [f"## {_t('States under Review', lang)}", ""]
    if s.states:
        out += [_t("{n} States, {order}.", lang).format(n=len(s.states), order=_t(order, lang)), "",
                f"| # | {_t('State', lang)} | {_t('National report', lang)} | {_t('UN compilation', lang)} | "
                f"{_t(SUMMARY_3, lang)} |",
                "|---|---|---|---|---|"]
        for i, code in enumerate(s.states, 1):
            base = f"A/HRC/WG.6/{s.number}/{code}"
            out.append(f"| {i} | {_state_link(code, names, '../')} | {base}/1 | {base}/2 | {base}/3 |")
        out.append("")
    else:
        out += [_t("no States source", lang), ""]
    if s.notes:
        out += [f"## {_t('Notes', lang)}", "", md(s.notes), ""]
    for label, value in (("stakeholder deadline", s.stakeholder_deadline),
                         ("national report deadline", s.national_report_deadline)):
        if value and value.note:
            out += ["- " + _t("About the {label}: {note}", lang).format(label=_t(label, lang), note=md(value.note))]
    out += ["", f"## {_t('Sources', lang)}", ""]
    if s.sources:
        for src in s.sources:
            if src.startswith(("http://", "https://")):
                out.append(f"- <{html.escape(src, quote=True)}>")
            else:
                out.append(f"- `{src.replace('`', '')}`")
    else:
        out.append(f"*{_t('No source recorded.', lang)}*")
    out += ["", f"[{_t('All sessions', lang)}](../calendar/index.md)", ""]
    return "\n".join(out)


def state_timeline(ctx, iso3: str, prefix: str = "../") -> str:
    """Markdown for a State page (``states/<iso3>.md``): its next review with a countdown to each
    deadline, relative to ``ctx.today``, and the State's feed links. '' without a calendar."""
    cal: Calendar | None = getattr(ctx.content, "sessions", None)
    if not cal or not cal.sessions:
        return ""
    code, lang, today = iso3.upper(), _lang(ctx), ctx.today
    upcoming = [s for s in cal.next_sessions(today) if code in s.states]
    out = [f"## {_t('Next review', lang)}", ""]
    if upcoming:
        s = upcoming[0]
        label = md(s.dates_label(lang))
        colon = "\u202f:" if lang == "fr" else ":"  # French typography: a thin space before the colon
        out += [f"{_t('Working Group session', lang)} [{s.number}]({prefix}sessions/{s.number}.md){colon} {label}"
                + ("" if label.endswith(".") else "."), "",
                f"| {_t('What', lang)} | {_t('When', lang)} | {_t('Countdown', lang)} |", "|---|---|---|"]
        for label, value in (("Stakeholder submissions due", s.stakeholder_deadline),
                             ("National report due", s.national_report_deadline),
                             ("Working Group session opens", s.start)):
            when = _date(value, lang)
            left = f"*{_t('unknown', lang)}*"
            if value:
                days = value.days_from(today)
                left = countdown(days, lang) if value.exact or days < 0 else about(days, lang)
            out.append(f"| {_t(label, lang)} | {when} | {left} |")
        out.append("")
    else:
        out += [_t("No future review of this State is in the calendar yet.", lang), ""]
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
    tools = tools_links_markdown(ctx.content, "submission", "calendar/index.md", _lang(ctx))
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
