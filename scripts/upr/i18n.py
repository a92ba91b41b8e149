"""Languages of the public site: English, French, Spanish.

Each language is generated from the same loaded content into its own tree and
built by MkDocs as its own site (``/``, ``/fr/``, ``/es/``), so that Material's
interface, ``<html lang>``, search and navigation are in that language.

* Interface words of the generated pages: :data:`CATALOG` via :func:`t`. A key
  missing in French or Spanish falls back to English (never to the key).
* Dates and numbers: Babel (CLDR), e.g. ``format_range(start, end, "fr")`` ->
  ``20–31 janvier 2025``. English uses the en_GB locale, the UN's own style
  ("20–31 January 2025").
* State names: the UN's official short names in each language from
  ``states/<iso3>.md`` (``names.fr.short`` …), see :func:`state_name`.
"""
from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal

LANGUAGES = ("en", "fr", "es")
LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES"}
NATIVE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}

CATALOG: dict[str, dict[str, str]] = {
    # navigation sections
    "Home": {"fr": "Accueil", "es": "Inicio"},
    "States": {"fr": "États", "es": "Estados"},
    "Calendar": {"fr": "Calendrier", "es": "Calendario"},
    "Country groups": {"fr": "Groupes pays", "es": "Grupos por país"},
    "Recommendations": {"fr": "Recommandations", "es": "Recomendaciones"},
    "Tools library": {"fr": "Boîte à outils", "es": "Biblioteca de herramientas"},
    "News": {"fr": "Actualités", "es": "Noticias"},
    "Recent changes": {"fr": "Modifications récentes", "es": "Cambios recientes"},
    "About": {"fr": "À propos", "es": "Acerca de"},
    "Contribute": {"fr": "Contribuer", "es": "Contribuir"},
    # common words on generated pages
    "unknown": {"fr": "inconnu", "es": "desconocido"},
    "approx.": {"fr": "approx.", "es": "aprox."},
    "month only": {"fr": "mois seulement", "es": "solo el mes"},
    "Session": {"fr": "Session", "es": "Período de sesiones"},
    "Cycle": {"fr": "Cycle", "es": "Ciclo"},
    "State under Review": {"fr": "État examiné", "es": "Estado examinado"},
    "Regional group": {"fr": "Groupe régional", "es": "Grupo regional"},
    "Review history": {"fr": "Historique des examens", "es": "Historial de exámenes"},
    # title of the ¶ link after each heading (Python-Markdown toc's permalink_title)
    "Permanent link": {"fr": "Lien permanent", "es": "Enlace permanente"},
    # kinds of tools (upr.tools.KINDS)
    "Questionnaire": {"fr": "Questionnaire", "es": "Cuestionario"},
    "Template": {"fr": "Modèle", "es": "Plantilla"},
    "Guide": {"fr": "Guide", "es": "Guía"},
    "Checklist": {"fr": "Liste de contrôle", "es": "Lista de verificación"},
    "Training material": {"fr": "Support de formation", "es": "Material de formación"},
    "Other": {"fr": "Autre", "es": "Otro"},
    "This page has not been translated yet; it is shown in English.": {
        "fr": "Cette page n'a pas encore été traduite ; elle est affichée en anglais.",
        "es": "Esta página aún no se ha traducido; se muestra en inglés."},
}


def t(key: str, lang: str, *tables: dict) -> str:
    """Translate an interface string.

    ``tables`` are a page module's own word lists, looked up before :data:`CATALOG`;
    each maps an English key to ``{"fr": …, "es": …}`` and, for a long text keyed by
    a short name, ``"en": …``. Falls back to the English text, then to the key."""
    english = None
    for table in (*tables, CATALOG):
        entry = table.get(key) or {}
        if entry.get(lang):
            return entry[lang]
        english = english or entry.get("en")  # a later table may still translate it
    return english or key


def locale(lang: str) -> str:
    return LOCALES.get(lang, "en_GB")


def format_day(day: dt.date, lang: str = "en") -> str:
    """``20 January 2025`` / ``20 janvier 2025`` / ``20 de enero de 2025``."""
    return format_date(day, "long", locale=locale(lang))


_DAY_MONTH = {"en": "d MMMM", "fr": "d MMMM", "es": "d 'de' MMMM"}
_MONTH_YEAR = {"en": "LLLL y", "fr": "LLLL y", "es": "LLLL 'de' y"}


def format_month(day: dt.date, lang: str = "en") -> str:
    """``January 2025`` / ``janvier 2025`` / ``enero de 2025`` (month precision)."""
    return format_date(day, _MONTH_YEAR.get(lang, "LLLL y"), locale=locale(lang))


def format_range(start: dt.date, end: dt.date, lang: str = "en") -> str:
    """A date range, inclusive, in the language's own style, with full month names
    (CLDR's interval formats abbreviate them): ``20–31 January 2025``,
    ``4 November – 2 December 2024``, ``20–31 de enero de 2025``."""
    if start == end:
        return format_day(start, lang)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{format_day(end, lang)}"
    if start.year == end.year:
        head = format_date(start, _DAY_MONTH.get(lang, "d MMMM"), locale=locale(lang))
        return f"{head} – {format_day(end, lang)}"
    return f"{format_day(start, lang)} – {format_day(end, lang)}"


def format_number(value: int | float, lang: str = "en") -> str:
    """``61,014`` / ``61 014`` / ``61.014``."""
    return format_decimal(value, locale=locale(lang))


def state_name(state, lang: str = "en", form: str = "short") -> str:
    """The UN name of a State in ``lang`` (``form`` short or formal), English when missing.

    ``state`` is a :class:`upr.states.State` (its ``names`` dict: lang -> {short, formal}).
    """
    names = getattr(state, "names", {}) or {}
    for code in (lang, "en"):
        value = (names.get(code) or {}).get(form)
        if value:
            return value
    return getattr(state, "iso3", "")

#: Topics of the tools library (upr.tools.TOPICS: UPR Info's issues and practice topics) in
#: French and Spanish, for the filter and the tool pages (issue 9). The coding stays UPR Info's;
#: only its labels are translated.
TOPIC_LABELS: dict[str, dict[str, str]] = {
    'Asylum-seekers - refugees': {"fr": "Demandeurs d'asile - réfugiés", "es": 'Solicitantes de asilo - refugiados'},
    'Business and human rights': {"fr": "Entreprises et droits de l'homme", "es": 'Empresas y derechos humanos'},
    'CP rights - general': {"fr": 'Droits civils et politiques - général', "es": 'Derechos civiles y políticos - general'},
    'Civil society': {"fr": 'Société civile', "es": 'Sociedad civil'},
    'Corruption': {"fr": 'Corruption', "es": 'Corrupción'},
    'Counter-terrorism': {"fr": 'Lutte antiterroriste', "es": 'Lucha contra el terrorismo'},
    'Death penalty': {"fr": 'Peine de mort', "es": 'Pena de muerte'},
    'Detention': {"fr": 'Détention', "es": 'Detención'},
    'Development': {"fr": 'Développement', "es": 'Desarrollo'},
    'Disabilities': {"fr": 'Handicap', "es": 'Discapacidad'},
    'ESC rights - general': {"fr": 'Droits économiques, sociaux et culturels - général', "es": 'Derechos económicos, sociales y culturales - general'},
    'Elections': {"fr": 'Élections', "es": 'Elecciones'},
    'Enforced disappearances': {"fr": 'Disparitions forcées', "es": 'Desapariciones forzadas'},
    'Environment': {"fr": 'Environnement', "es": 'Medio ambiente'},
    'Extrajudicial executions': {"fr": 'Exécutions extrajudiciaires', "es": 'Ejecuciones extrajudiciales'},
    'Freedom of association and peaceful assembly': {"fr": "Liberté d'association et de réunion pacifique", "es": 'Libertad de asociación y de reunión pacífica'},
    'Freedom of movement': {"fr": 'Liberté de circulation', "es": 'Libertad de circulación'},
    'Freedom of opinion and expression': {"fr": "Liberté d'opinion et d'expression", "es": 'Libertad de opinión y de expresión'},
    'Freedom of religion and belief': {"fr": 'Liberté de religion et de conviction', "es": 'Libertad de religión o de creencias'},
    'Freedom of the press': {"fr": 'Liberté de la presse', "es": 'Libertad de prensa'},
    'General': {"fr": 'Général', "es": 'General'},
    'HIV - Aids': {"fr": 'VIH - sida', "es": 'VIH - sida'},
    'Human rights defenders': {"fr": "Défenseurs des droits de l'homme", "es": 'Defensores de los derechos humanos'},
    'Human rights education and training': {"fr": "Éducation et formation aux droits de l'homme", "es": 'Educación y formación en derechos humanos'},
    'Human rights violations by state agents': {"fr": "Violations des droits de l'homme par des agents de l'État", "es": 'Violaciones de los derechos humanos por agentes del Estado'},
    'Impunity': {"fr": 'Impunité', "es": 'Impunidad'},
    'Indigenous peoples': {"fr": 'Peuples autochtones', "es": 'Pueblos indígenas'},
    'Internally displaced persons': {"fr": 'Personnes déplacées dans leur propre pays', "es": 'Desplazados internos'},
    'International humanitarian law': {"fr": 'Droit international humanitaire', "es": 'Derecho internacional humanitario'},
    'International instruments': {"fr": 'Instruments internationaux', "es": 'Instrumentos internacionales'},
    'Justice': {"fr": 'Justice', "es": 'Justicia'},
    'Labour': {"fr": 'Travail', "es": 'Trabajo'},
    'Migrants': {"fr": 'Migrants', "es": 'Migrantes'},
    'Minorities': {"fr": 'Minorités', "es": 'Minorías'},
    'National Human Rights Institution': {"fr": "Institution nationale des droits de l'homme", "es": 'Institución nacional de derechos humanos'},
    'Other': {"fr": 'Autre', "es": 'Otro'},
    'Poverty': {"fr": 'Pauvreté', "es": 'Pobreza'},
    'Privacy': {"fr": 'Vie privée', "es": 'Privacidad'},
    'Public security': {"fr": 'Sécurité publique', "es": 'Seguridad pública'},
    'Racial discrimination': {"fr": 'Discrimination raciale', "es": 'Discriminación racial'},
    'Right to education': {"fr": "Droit à l'éducation", "es": 'Derecho a la educación'},
    'Right to food': {"fr": "Droit à l'alimentation", "es": 'Derecho a la alimentación'},
    'Right to health': {"fr": 'Droit à la santé', "es": 'Derecho a la salud'},
    'Right to housing': {"fr": 'Droit au logement', "es": 'Derecho a la vivienda'},
    'Right to land': {"fr": 'Droit à la terre', "es": 'Derecho a la tierra'},
    'Right to water and sanitation': {"fr": "Droit à l'eau et à l'assainissement", "es": 'Derecho al agua y al saneamiento'},
    'Rights of the Child': {"fr": "Droits de l'enfant", "es": 'Derechos del niño'},
    'Sexual Orientation and Gender Identity': {"fr": 'Orientation sexuelle et identité de genre', "es": 'Orientación sexual e identidad de género'},
    'Special procedures': {"fr": 'Procédures spéciales', "es": 'Procedimientos especiales'},
    'Statelessness and the right to nationality': {"fr": 'Apatridie et droit à une nationalité', "es": 'Apatridia y derecho a una nacionalidad'},
    'Technical assistance and cooperation': {"fr": 'Assistance technique et coopération', "es": 'Asistencia técnica y cooperación'},
    'Torture and other CID treatment': {"fr": 'Torture et autres traitements cruels, inhumains ou dégradants', "es": 'Tortura y otros tratos crueles, inhumanos o degradantes'},
    'Trafficking': {"fr": 'Traite des personnes', "es": 'Trata de personas'},
    'Treaty bodies': {"fr": 'Organes conventionnels', "es": 'Órganos de tratados'},
    'UPR process': {"fr": "Processus de l'EPU", "es": 'Proceso del EPU'},
    "Women's rights": {"fr": 'Droits des femmes', "es": 'Derechos de la mujer'},
    'Monitoring and documentation': {"fr": 'Suivi et documentation', "es": 'Monitoreo y documentación'},
    'Advocacy': {"fr": 'Plaidoyer', "es": 'Incidencia'},
    'Coalition work': {"fr": 'Travail en coalition', "es": 'Trabajo en coalición'},
    'Safety and reprisals': {"fr": 'Sécurité et représailles', "es": 'Seguridad y represalias'},
}


def topic(label: str, lang: str) -> str:
    """A tool topic's label (English, as in upr.tools.TOPICS) in ``lang``; English when missing."""
    return TOPIC_LABELS.get(label, {}).get(lang, label) if lang != "en" else label
