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


def t(key: str, lang: str) -> str:
    """Translate an interface string; English (the key) when no translation exists."""
    if lang == "en":
        return key
    return CATALOG.get(key, {}).get(lang, key)


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
