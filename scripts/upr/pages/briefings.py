"""Lobby briefing pages (issue 15, item 2): ``states/<iso3>/briefing-<session>.md``
(``/states/<iso3>/briefing-<session>/``), one per State under Review for its next or
current review (:func:`upr.briefing.next_review`), and one per country group whose
review is another one.

Every language tree has the page: title, explanations and the summary tables (by
theme, and who recommended before) in its language. The detail, every earlier
recommendation theme by theme, is in the English page only, in English (as the
follow-up tables), and the French and Spanish pages say so and link to it.
Downloads: the Word briefing sheet and the Excel table under
``exports/briefings/`` (written by the post-build step of :mod:`upr.pages.recommendations`).

Data comes from :func:`upr.briefing.build` (public assessments only); this module
only writes Markdown and HTML, escaping every value from content or data where it is
written (:func:`upr.mdtext.md_inline` in Markdown, ``html.escape`` in HTML).
"""
from __future__ import annotations

import html
from urllib.parse import quote

from .. import briefing as model
from .. import i18n
from ..followup import FollowUp
from ..mdtext import md_inline
from ..yamlio import dump_yaml
from .recommendations import slug

EXPORT_DIR = "exports/briefings"

WORDS: dict[str, dict[str, str]] = {
    "TITLE": {"en": "{name}: lobby briefing for the review at session {n}",
              "fr": "{name} : note de plaidoyer pour l'examen de la session {n}",
              "es": "{name}: nota de incidencia para el examen del período de sesiones {n}"},
    "REVIEW": {"en": "Review: Working Group session {n}{dates}, cycle {c}.",
               "fr": "Examen : session {n} du Groupe de travail{dates}, cycle {c}.",
               "es": "Examen: período de sesiones {n} del Grupo de Trabajo{dates}, ciclo {c}."},
    "PROJECTED": {"en": "The calendar does not list this review yet: its session is projected from the "
                        "14-session pattern (the same States return every 14 sessions).",
                  "fr": "Le calendrier ne mentionne pas encore cet examen : sa session est une projection "
                        "(les mêmes États reviennent toutes les 14 sessions).",
                  "es": "El calendario aún no incluye este examen: su período de sesiones es una proyección "
                        "(los mismos Estados vuelven cada 14 períodos de sesiones)."},
    "INTRO": {"en": "What States asked {name} at its earlier reviews, theme by theme: which States raised each "
                    "subject, how {name} responded (supported or noted), what NGOs found since (the latest "
                    "assessment recorded on this platform), and whether a later review asked for the same "
                    "again. Use it to prepare meetings with the missions of recommending States in Geneva "
                    "before the review: a subject raised cycle after cycle, or supported and still not "
                    "implemented, is a point to raise again.",
              "fr": "Ce que les États ont demandé lors des examens précédents de cet État, thème par thème : "
                    "quels États ont soulevé chaque sujet, la réponse de l'État examiné (recommandation appuyée ou "
                    "notée), ce que les ONG ont constaté depuis (la dernière évaluation enregistrée sur cette "
                    "plateforme), et si un examen ultérieur a demandé la même chose. Elle sert à préparer les "
                    "rencontres avec les missions des États qui font des recommandations, à Genève, avant "
                    "l'examen : un sujet soulevé cycle après cycle, ou appuyé et toujours pas mis en œuvre, est "
                    "un point à soulever de nouveau.",
              "es": "Lo que los Estados pidieron en los exámenes anteriores de este Estado, tema por tema: qué "
                    "Estados plantearon cada asunto, cómo respondió el Estado examinado (recomendación apoyada o "
                    "de la que se tomó nota), qué constataron las ONG desde entonces (la última evaluación registrada en esta "
                    "plataforma) y si un examen posterior volvió a pedir lo mismo. Sirve para preparar las "
                    "reuniones con las misiones de los Estados recomendantes en Ginebra antes del examen: un "
                    "asunto planteado ciclo tras ciclo, o apoyado y aún no aplicado, es un punto que volver a "
                    "plantear."},
    "COUNTS": {"en": "{n} recommendations in cycle(s) {cycles}, {themes} themes: {responses}.",
               "fr": "{n} recommandations au(x) cycle(s) {cycles}, {themes} thèmes : {responses}.",
               "es": "{n} recomendaciones en el/los ciclo(s) {cycles}, {themes} temas: {responses}."},
    "NONE": {"en": "The platform has no recommendation to {name} from an earlier review yet.",
             "fr": "La plateforme n'a encore aucune recommandation d'un examen précédent de cet État.",
             "es": "La plataforma aún no tiene ninguna recomendación de un examen anterior de este Estado."},
    "DOWNLOAD": {"en": "Download for a meeting: <a href=\"{docx}\">briefing sheet (Word)</a> · "
                       "<a href=\"{xlsx}\">table (Excel)</a>",
                 "fr": "Télécharger pour une réunion : <a href=\"{docx}\">note (Word)</a> · "
                       "<a href=\"{xlsx}\">tableau (Excel)</a> (en anglais)",
                 "es": "Descargar para una reunión: <a href=\"{docx}\">nota (Word)</a> · "
                       "<a href=\"{xlsx}\">tabla (Excel)</a> (en inglés)"},
    "NO_FILES": {"en": "The Word briefing sheet and the Excel table are made for the reviews the calendar lists "
                       "and for the reviews of country groups; for this one a maintainer runs "
                       "`upr report briefing --state {iso3} --session {n}` (add `--format xlsx` for Excel).",
                 "fr": "La note Word et le tableau Excel sont produits pour les examens inscrits au calendrier et "
                       "pour ceux des groupes pays ; pour celui-ci, un mainteneur lance "
                       "`upr report briefing --state {iso3} --session {n}` (ajouter `--format xlsx` pour Excel).",
                 "es": "La nota en Word y la tabla en Excel se producen para los exámenes que figuran en el "
                       "calendario y para los de los grupos por país; para este, un mantenedor ejecuta "
                       "`upr report briefing --state {iso3} --session {n}` (añadir `--format xlsx` para Excel)."},
    "FOR_MISSION": {"en": "To prepare a meeting with one mission, filter the Excel table by recommending State, "
                          "or ask a maintainer for a sheet with only what that State asked: "
                          "`upr report briefing --state {iso3} --session {n} --for FRA`.",
                    "fr": "Pour préparer la rencontre avec une mission, filtrez le tableau Excel par État auteur, "
                          "ou demandez à un mainteneur une note limitée à ce que cet État a demandé : "
                          "`upr report briefing --state {iso3} --session {n} --for FRA`.",
                    "es": "Para preparar la reunión con una misión, filtre la tabla Excel por Estado recomendante "
                          "o pida a un mantenedor una nota limitada a lo que pidió ese Estado: "
                          "`upr report briefing --state {iso3} --session {n} --for FRA`."},
    "Summary by theme": {"fr": "Synthèse par thème", "es": "Resumen por tema"},
    "Who recommended before": {"fr": "Qui a fait des recommandations", "es": "Quién formuló recomendaciones"},
    "Theme": {"fr": "Thème", "es": "Tema"},
    "Recommendations": {"fr": "Recommandations", "es": "Recomendaciones"},
    "Cycles": {"fr": "Cycles", "es": "Ciclos"},
    "Recommending States": {"fr": "États auteurs", "es": "Estados recomendantes"},
    "Recommending State": {"fr": "État auteur", "es": "Estado recomendante"},
    "Supported": {"fr": "Appuyées", "es": "Apoyadas"},
    "Noted": {"fr": "Notées", "es": "Anotadas"},
    "Assessed by NGOs": {"fr": "Évaluées par des ONG", "es": "Evaluadas por ONG"},
    "Raised again": {"fr": "Demandées de nouveau", "es": "Planteadas de nuevo"},
    "Main themes": {"fr": "Principaux thèmes", "es": "Temas principales"},
    "HOW": {"en": "**Raised again**: a recommendation of a later review to {name} asks for the same in other "
                  "words (the similarity of the two texts, from 0 to 1, is shown; 1 means the same words). "
                  "**Latest NGO assessment**: public assessments only; see each State's follow-up table for "
                  "their narratives and sources.",
            "fr": "**Demandée de nouveau** : une recommandation d'un examen ultérieur demande "
                  "la même chose en d'autres termes (la similarité des deux textes, de 0 à 1, est indiquée ; "
                  "1 signifie les mêmes mots). **Dernière évaluation des ONG** : évaluations publiques "
                  "seulement.",
            "es": "**Planteada de nuevo**: una recomendación de un examen posterior pide lo "
                  "mismo con otras palabras (se indica la similitud de los dos textos, de 0 a 1; 1 significa "
                  "las mismas palabras). **Última evaluación de las ONG**: solo evaluaciones públicas."},
    "DETAIL_ELSEWHERE": {"fr": "Le détail, chaque recommandation thème par thème, est en anglais sur "
                               "<a href=\"{href}\">la version anglaise de cette page</a>.",
                         "es": "El detalle, cada recomendación tema por tema, está en inglés en "
                               "<a href=\"{href}\">la versión inglesa de esta página</a>."},
    "STATE_SECTION": {"en": "Lobby briefing", "fr": "Note de plaidoyer", "es": "Nota de incidencia"},
    "STATE_LINK": {"en": "Before the review at session {n}{projected}: [what States asked before, theme by "
                         "theme, with responses, NGO assessments and repeats]({href}) (also as Word and Excel).",
                   "fr": "Avant l'examen de la session {n}{projected} : [ce que les États ont demandé "
                         "auparavant, thème par thème, avec les réponses, les évaluations des ONG et les "
                         "demandes répétées]({href}) (aussi en Word et Excel).",
                   "es": "Antes del examen del período de sesiones {n}{projected}: [lo que los Estados pidieron "
                         "antes, tema por tema, con las respuestas, las evaluaciones de las ONG y las peticiones "
                         "repetidas]({href}) (también en Word y Excel)."},
    "projected": {"en": " (projected)", "fr": " (projection)", "es": " (proyección)"},
}

DETAIL_HEAD = ("ID", "Cycle", "Recommendation", "Recommending States", "Response",
               "Latest NGO assessment", "Raised again")


def tr(lang: str, key: str, **values) -> str:
    text = i18n.t(key, lang, WORDS)
    return text.format(**values) if values else text


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def page_path(iso3: str, session: int) -> str:
    return f"states/{iso3.lower()}/briefing-{session}.md"


def export_name(iso3: str, session: int, ext: str) -> str:
    return f"{EXPORT_DIR}/{iso3.lower()}-{session}-briefing.{ext}"


def _followup(content) -> FollowUp:
    fu = content.kinds.get("followup")
    return fu.public if fu is not None else FollowUp()


def reviews(content, today) -> list[model.Review]:
    """The reviews that get a briefing: every State under Review with recommendations,
    its next or current review; and each country group's review when it is another."""
    corpus = content.kinds.get("recommendations")
    calendar = content.kinds.get("sessions")
    states = content.kinds.get("states") or {}
    out: dict[tuple[str, int], model.Review] = {}
    for iso3 in sorted((getattr(corpus, "by_state", None) or {})):
        if getattr(states.get(iso3), "is_observer", False):
            continue
        review = model.next_review(calendar, iso3, today)
        if review is not None:
            out[(iso3, review.session)] = review
    for g in (content.kinds.get("groups") or {}).values():
        if (g.state, g.session) not in out and corpus is not None and g.state in corpus.by_state:
            out[(g.state, g.session)] = model.review_of_session(calendar, g.state, g.session, g.projected)
    return [out[k] for k in sorted(out)]


def _name(ctx, iso3: str) -> str:
    states = ctx.content.kinds.get("states") or {}
    state = states.get(iso3) if isinstance(states, dict) else None
    return i18n.state_name(state, ctx.lang) if state is not None else iso3


def _cycles(numbers) -> str:
    numbers = sorted(set(numbers))
    if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{numbers[0]}–{numbers[-1]}"
    return ", ".join(map(str, numbers))


def _anchors(themes) -> dict[str, str]:
    out, used = {}, set()
    for t in themes:
        base = a = "theme-" + slug(t.name)
        n = 1
        while a in used:
            n += 1
            a = f"{base}-{n}"
        used.add(a)
        out[t.name] = a
    return out


def _review_line(ctx, review: model.Review) -> str:
    dates = ""
    info = review.session_info
    if info is not None and hasattr(info, "dates_label") and getattr(info, "start", None) is not None:
        dates = f" ({info.dates_label(ctx.lang)})"
    return tr(ctx.lang, "REVIEW", n=review.session, dates=dates, c=review.cycle)


def page(ctx, b: model.Briefing) -> str:
    """Markdown of one briefing page in ``ctx.lang``."""
    lang, review = ctx.lang, b.review
    name = _name(ctx, b.state)
    title = tr(lang, "TITLE", name=name, n=review.session)
    # from states/<iso3>/briefing-<n>/ (three folders deep; four under /fr/ and /es/) to the
    # English site's root, where the exports are
    up = "../../../" if lang == "en" else "../../../../"
    out = ["---", dump_yaml({"title": html.escape(title, quote=False), "search": {"exclude": True}}).strip(),
           "---", "", f"# {md_inline(title)}", "",
           f"[{md_inline(name)}](../{b.state.lower()}.md) · {md_inline(_review_line(ctx, review))}", ""]
    if review.projected:
        out += [tr(lang, "PROJECTED"), ""]
    out += [tr(lang, "INTRO", name=md_inline(name)), ""]
    if not b.rows:
        return "\n".join(out + [tr(lang, "NONE", name=md_inline(name)), ""])
    responses = ", ".join(f"{n} {i18n.t(x, lang, _RESPONSE_WORDS)}" for x, n in b.response_summary())
    out += [tr(lang, "COUNTS", n=len(b.rows), cycles=_cycles(b.cycles), themes=len(b.themes), responses=responses),
            ""]
    if has_files(ctx.content, b):
        out += ['<p class="upr-downloads">' + tr(
            lang, "DOWNLOAD", docx=_e(up + export_name(b.state, review.session, "docx")),
            xlsx=_e(up + export_name(b.state, review.session, "xlsx"))) + "</p>", "",
            tr(lang, "FOR_MISSION", iso3=b.state, n=review.session), ""]
    else:
        out += [tr(lang, "NO_FILES", iso3=b.state, n=review.session), ""]
    out += [tr(lang, "HOW", name=md_inline(name)), ""]
    anchors = _anchors(b.themes)
    state_name = (lambda c: _name(ctx, c))
    out += [f"## {tr(lang, 'Summary by theme')}", "",
            "| " + " | ".join(tr(lang, w) for w in ("Theme", "Recommendations", "Cycles", "Recommending States",
                                                     "Supported", "Noted", "Assessed by NGOs", "Raised again"))
            + " |", "|---|---:|---|---|---:|---:|---:|---:|"]
    for t in b.themes:
        top = ", ".join(f"{md_inline(state_name(c))} ({n})" for c, n in sorted(
            t.recommending_states.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
        label = f"[{md_inline(t.name)}](#{anchors[t.name]})" if lang == "en" else md_inline(t.name)
        out.append(f"| {label} | {len(t.rows)} | {_cycles(t.cycles)} | {top} | {t.responses['supported']} | "
                   f"{t.responses['noted']} | {t.assessed} | {t.raised_again} |")
    out += ["", f"## {tr(lang, 'Who recommended before')}", "",
            "| " + " | ".join(tr(lang, w) for w in ("Recommending State", "Recommendations", "Supported",
                                                     "Noted", "Main themes")) + " |", "|---|---:|---:|---:|---|"]
    for s in b.recommending_states():
        themes = "; ".join(md_inline(t) for t, _ in sorted(s.themes.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
        out.append(f"| {md_inline(state_name(s.code))} | {s.recommendations} | {s.responses['supported']} | "
                   f"{s.responses['noted']} | {themes} |")
    out.append("")
    if lang != "en":
        href = "../../../../states/{}/briefing-{}/".format(b.state.lower(), review.session)
        return "\n".join(out + [tr(lang, "DETAIL_ELSEWHERE", href=_e(href)), ""])
    for t in b.themes:
        out += [f"## {md_inline(t.name)} {{ #{anchors[t.name]} }}", "", _detail(ctx, t, name), ""]
    return "\n".join(out)


_RESPONSE_WORDS = {"supported": {"fr": "appuyées", "es": "apoyadas"}, "noted": {"fr": "notées", "es": "anotadas"},
                   "supported in part": {"fr": "appuyées en partie", "es": "apoyadas en parte"},
                   "pending": {"fr": "en attente", "es": "pendientes"},
                   "no clear position": {"fr": "sans position claire", "es": "sin posición clara"}}


def _row_link(rec) -> str:
    return f"../cycle-{rec.cycle}/#{quote(rec.id)}"


def _detail(ctx, t: model.Theme, sur_name: str) -> str:
    """The theme's recommendations as an HTML table (English)."""
    rows = []
    for row in t.rows:
        rec, a = row.rec, row.assessment
        states = ", ".join(_e(_name(ctx, c)) for c in rec.recommending_states)
        if a is not None:
            href = f"../cycle-{rec.cycle}/#{quote(a.anchor)}"
            extra = f" (+{row.assessments - 1} earlier)" if row.assessments > 1 else ""
            latest = (f'<a href="{_e(href)}">{_e(a.status)}</a> {a.date.isoformat()}{_e(extra)}'
                      + (" (example)" if a.example else ""))
        else:
            latest = ""
        again = "<br>".join(f'cycle {m.rec.cycle}: <a href="{_e(_row_link(m.rec))}">{_e(m.rec.id)}</a> '
                            f"({m.score:.2f})" for m in row.again)
        rows.append(f'<tr><td><a href="{_e(_row_link(rec))}">{_e(rec.id)}</a></td><td>{rec.cycle}</td>'
                    f"<td>{_e(rec.text)}</td><td>{states}</td><td>{_e(rec.response)}</td><td>{latest}</td>"
                    f"<td>{again}</td></tr>")
    head = "".join(f'<th scope="col">{h}</th>' for h in DETAIL_HEAD)
    caption = _e(f"Recommendations to {sur_name} on {t.name}")
    return (f'<table class="upr-recs"><caption class="upr-sr-only">{caption}</caption><thead><tr>{head}</tr>'
            "</thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>")


def state_link(ctx, iso3: str) -> str:
    """Markdown for the State page: a link to its briefing (the next review's), or ''."""
    rel = None
    review = model.next_review(ctx.content.kinds.get("sessions"), iso3.upper(), ctx.today)
    if review is not None:
        rel = page_path(iso3, review.session)
    if rel is None or rel not in ctx.written:
        return ""
    href = f"{iso3.lower()}/briefing-{review.session}.md"  # relative to states/<iso3>.md
    projected = tr(ctx.lang, "projected") if review.projected else ""
    return "\n".join([f"## {tr(ctx.lang, 'STATE_SECTION')}", "",
                      tr(ctx.lang, "STATE_LINK", n=review.session, projected=projected, href=href), ""])


def has_files(content, b: model.Briefing) -> bool:
    """Whether the site carries the Word and Excel files of a briefing: for the reviews
    the calendar lists (the States under Review of the coming sessions) and for country
    groups' reviews, when there is something to brief on. python-docx and openpyxl take
    ~0.3 s a State: files for every State's projected review would add about a minute
    to a build without cache (CI) for reviews years away; ``upr report briefing`` makes
    any of them."""
    if not b.rows:
        return False
    groups = content.kinds.get("groups") or {}
    return not b.review.projected or any(
        g.state == b.state and g.session == b.review.session for g in groups.values())


def briefings(content, today) -> list[model.Briefing]:
    """Every briefing the site carries (see :func:`reviews`)."""
    from .. import similarity
    corpus = content.kinds.get("recommendations")
    fu = _followup(content)
    repeats = similarity.for_content(content)  # the follow-up tables' repeats, computed once a build
    return [model.build(corpus, fu, r, repeats=repeats) for r in reviews(content, today)]


def generate(ctx) -> None:
    if not getattr(ctx.content.kinds.get("recommendations"), "count", 0):
        return
    for b in briefings(ctx.content, ctx.today):
        ctx.write(page_path(b.state, b.review.session), page(ctx, b))
