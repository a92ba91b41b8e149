"""The French and Spanish sites (issue 9), on the real built site: UN names of the
States, dates formatted by Babel, generated pages in the reader's language, tools'
summaries translated, untranslated pages falling back to English (never a 404).
Broken links in all languages: tests/test_site_build.py::test_no_broken_internal_links."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from upr import tools
from upr.config import Settings

pytestmark = [pytest.mark.build]


def page(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def text(html: str) -> str:
    """The visible text of the article, tags removed, spaces collapsed."""
    body = html.split('class="md-content"', 1)[1].split('<footer class="md-footer"', 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", body).replace("&#x27;", "'").replace("&#39;", "'").split())


def test_states_index_uses_the_un_names_in_each_language(built_site):
    en, fr, es = (text(page(built_site, p + "states")) for p in ("", "fr/", "es/"))
    assert "Germany" in en and "Allemagne" in fr and "Alemania" in es
    assert "Allemagne" not in en and "Germany" not in fr and "Germany" not in es
    # the UN's Spanish list writes the typographic apostrophe
    assert "Côte d'Ivoire" in fr and "Côte d’Ivoire" in es and "Côte d'Ivoire" in en
    # UN forms, not colloquial ones
    assert "Venezuela (République bolivarienne du)" in fr
    assert "República Árabe Siria" in es


def test_state_page_title_and_html_lang(built_site):
    fr = page(built_site, "fr/states/deu")
    es = page(built_site, "es/states/deu")
    assert '<html lang="fr"' in fr and re.search(r'<h1[^>]*>Allemagne<', fr)
    assert '<html lang="es"' in es and re.search(r'<h1[^>]*>Alemania<', es)
    assert "<title>Allemagne - UPR Platform</title>" in fr


def test_session_48_dates_in_french_and_spanish(built_site):
    fr = text(page(built_site, "fr/sessions/48"))
    es = text(page(built_site, "es/sessions/48"))
    assert "20–31 janvier 2025" in fr and "Session 48 du Groupe de travail de l'EPU" in fr
    assert "20–31 de enero de 2025" in es and "Slovenia" not in es and "Eslovenia" in es
    assert "20–31 January 2025" in text(page(built_site, "sessions/48"))


def test_calendar_reads_in_french_and_spanish(built_site):
    fr = text(page(built_site, "fr/calendar"))
    es = text(page(built_site, "es/calendar"))
    assert "Les sessions 1 à 54 du Groupe de travail" in fr and "30 novembre 2026" in fr
    assert "Los períodos de sesiones 1 a 54" in es and "30 de noviembre de 2026" in es
    for english in ("Working Group sessions", "means no source has been found", "(Geneva)", "*unknown*",
                    " unknown "):
        assert english not in fr and english not in es, english
    assert "Cycle 4 (sessions 41 à 54)" in fr and "Ciclo 4 (períodos de sesiones 41 a 54)" in es


def test_state_timeline_in_french(built_site):
    fr = text(page(built_site, "fr/states/tgo"))
    assert "Prochain examen" in fr and "Remise des contributions des parties prenantes" in fr
    assert "25 juin 2026" in fr and "Next review" not in fr
    es = text(page(built_site, "es/states/svn"))
    assert "Recomendaciones y seguimiento" in es and "217 apoyadas, 37 anotadas" in es


def test_tool_summaries_are_translated(built_site, site_root):
    library, _ = tools.load(Settings(root=site_root))
    translated = [t for t in library if {"fr", "es"} - {t.languages[0]} <= set(t.summaries)]
    assert len(translated) == len(library) == 8
    fr = page(built_site, "fr/tools")
    es = page(built_site, "es/tools")
    joint = next(t for t in library if t.slug == "joint-submission-template")
    assert f'<span lang="fr">{joint.summaries["fr"]}</span>' in fr
    assert f'<span lang="es">{joint.summaries["es"]}</span>' in es
    assert f'<span lang="en">{joint.summary}</span>' in page(built_site, "tools")
    # a Spanish tool on the French site: its French summary; on the English site: English
    cuest = next(t for t in library if t.slug == "cuestionario-evidencias-implementacion-es")
    assert cuest.summaries["fr"] in text(fr)
    assert f'<span lang="es">{cuest.summary}</span>' in es


def test_group_page_in_spanish(built_site):
    es = text(page(built_site, "es/groups/tgo-54"))
    assert "Estado examinado" in es and "25 de junio de 2026" in es
    assert "1 organización miembro más pidió no ser nombrada, por su seguridad." in es
    assert "asked not to be named" not in es and "Subscribe to this group" not in es


def test_untranslated_page_falls_back_to_english_with_a_note(built_site):
    """A News post has no French version: /fr/news/<post>/ exists, in English, with the
    note; the translated news index (docs/news/index.fr.md) has no note."""
    fr = page(built_site, "fr/news/2026-11-30-platform-opens")
    assert "Cette page n'a pas encore été traduite ; elle est affichée en anglais." in fr
    assert '<html lang="fr"' in fr
    index = text(page(built_site, "fr/news"))
    # the translated intro comes first; the English posts' excerpts below carry their note
    assert index.index("Annonces de la plateforme") < index.index("pas encore été traduite")


def test_every_tool_topic_has_a_french_and_spanish_label():
    from upr.i18n import topic
    missing = [(lang, label) for label in tools.TOPICS.values() for lang in ("fr", "es")
               if topic(label, lang) == label and label not in ("Corruption", "General", "Justice", "Migrants")]
    assert missing == []
    assert topic("Women's rights", "fr") == "Droits des femmes"
    assert topic("Women's rights", "es") == "Derechos de la mujer"
    assert topic("Women's rights", "en") == "Women's rights"


def test_tools_library_topic_filter_in_french(built_site):
    fr = text(page(built_site, "fr/tools"))
    assert "Défenseurs des droits de l'homme" in fr and "Human rights defenders" not in fr
    assert "Défenseurs des droits de l'homme" in text(page(built_site, "fr/tools/local-defenders-guide"))
