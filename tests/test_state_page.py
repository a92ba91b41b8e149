"""The State page for its readers (issue 16): what is next first (the next review with its
deadlines, the country groups of that review and how to join or start one, the calendar
subscription), then recommendations and the review history, codes and names last, in
English, French and Spanish; written from a Jinja2 template that a designer can reorder
alone. Fixture repository in tmp_path (calendar snapshot, a few States, one group)."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from calendar_fixture import make_repo
from upr import templating
from upr.config import settings
from upr.content import load_content
from upr.site import generate

TODAY = dt.date(2026, 12, 1)
GROUP = """---
state: TGO
session: 54
cycle: 4
status: submitted
title: "Togo coalition_2027 *together* | all"
contacts:
  - organisation: Example NGO Lomé Forum
    role: coordinator
    channel: https://example.org/contact
members:
  - organisation: Example NGO Lomé Forum
  - organisation: Example NGO Kara
  - organisation: Example NGO Hidden
    confidential: true
languages:
  - fr
submission:
  sent: "2026-06-19"
---

# Our plan

Draft the joint submission.
"""
HEADINGS = {
    "en": ["## Next review", "## Country groups", "Subscribe in your calendar app", "## Review history",
           "## Codes", "## Names"],
    "fr": ["## Prochain examen", "## Groupes pays", "S'abonner dans votre agenda", "## Historique des examens",
           "## Codes", "## Noms"],
    "es": ["## Próximo examen", "## Grupos por país", "Suscribirse en su calendario", "## Historial de exámenes",
           "## Códigos", "## Nombres"],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_repo(tmp_path_factory.mktemp("repo"))
    (root / "mkdocs.yml").write_text("site_name: fixture\nsite_url: https://example.org/upr-test/\n"
                                     "repo_url: https://github.com/example-org/upr-test\n", encoding="utf-8")
    (root / "groups" / "tgo-54").mkdir(parents=True)
    (root / "groups" / "tgo-54" / "index.md").write_text(GROUP, encoding="utf-8")
    s = settings(root, today=TODAY)
    content = load_content(s)
    assert [p.format() for p in content.problems if p.path.startswith("groups/")] == []
    assert list(content.groups) == ["tgo-54"]
    for lang in HEADINGS:
        generate(s, content, root / "out" / lang, lang)
    return root / "out", s, content


def page(site, lang: str, iso3: str) -> str:
    return (site[0] / lang / "states" / f"{iso3}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", list(HEADINGS))
def test_what_is_next_comes_first_and_the_codes_last(site, lang):
    text = page(site, lang, "tgo")
    positions = [text.index(h) for h in HEADINGS[lang]]
    assert positions == sorted(positions)
    # the next review is session 54 with its deadlines and countdowns, before anything else
    assert text.index("[54](../sessions/54.md)") < text.index(HEADINGS[lang][1])
    assert "../groups/tgo-54/index.md" in text


def test_the_group_of_the_next_review_with_how_to_join(site):
    text = page(site, "en", "tgo")
    section = text[text.index("## Country groups"):text.index("Subscribe in your calendar app")]
    # the title from the group's file is escaped for Markdown; the confidential member is not counted
    assert ("- [Togo coalition\\_2027 \\*together\\* \\| all](../groups/tgo-54/index.md)"
            " — submission sent to OHCHR — member organisations: 2") in section
    assert ("To join the group, write to its contact (on its page) or use the form [Start or join a country "
            "group](https://github.com/example-org/upr-test/issues/new?template=2-start-or-join-a-group.yml).") in section
    fr = page(site, "fr", "tgo")
    assert "contribution envoyée au HCDH — organisations membres\u202f: 2" in fr


def test_a_state_without_a_group_is_told_how_to_start_one(site):
    text = page(site, "es", "bhr")
    section = text[text.index("## Grupos por país"):text.index("## Historial de exámenes")]
    assert "Ningún grupo por país trabaja aún sobre este examen." in section
    assert "`groups/bhr-55/index.md`" in section and "CONTRIBUTING.md#start-a-group-web-editor" in section  # Bahrain's next review is session 55
    assert "- [" not in section


def test_history_documents_codes_and_names_are_kept(site):
    text = page(site, "en", "svn")
    assert "| ISO 3166 alpha-2 | `SI` |" in text and "| M49 | `705` |" in text
    assert "| Français | Slovénie | Slovénie |" in text
    assert "[Eastern European Group](index.md#eastern-european-group)" in text
    assert ('| 4 | <a href="../../sessions/48/">48</a> | 20–31 January 2025 | National report: '
            '<a href="https://undocs.org/en/A/HRC/WG.6/48/SVN/1">A/HRC/WG.6/48/SVN/1</a><br>') in text


def test_a_designer_reorders_the_page_by_editing_the_template_alone(site, tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    shutil.copytree(templating.TEMPLATES, templates)
    source = (templates / "state.md.j2").read_text(encoding="utf-8")
    codes = source[source.index("## {{ _(\"Codes\") }}"):source.index("## {{ _(\"Names\") }}")]
    moved = source.replace(codes, "").replace("{% if page.next_review %}", codes + "{% if page.next_review %}", 1)
    (templates / "state.md.j2").write_text(moved, encoding="utf-8")
    monkeypatch.setattr(templating, "TEMPLATES", templates)
    out, s, content = site
    generate(s, content, out / "designer", "fr")
    text = (out / "designer" / "states" / "tgo.md").read_text(encoding="utf-8")
    assert text.index("## Codes") < text.index("## Prochain examen") < text.index("## Noms")
    assert "| ISO 3166 alpha-3 | `TGO` |" in text
