"""Interface text in gettext catalogs (issue 16): every text of the code has a French and a
Spanish translation that is not fuzzy, the extractor finds texts inside f-strings, and a
translator's change to a ``.po`` file reaches the generated French page."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from calendar_fixture import make_repo
from conftest import ROOT
from upr import catalogs, i18n
from upr.config import settings
from upr.content import load_content
from upr.site import generate


def test_every_interface_text_has_a_french_and_a_spanish_translation():
    wanted = catalogs.extract(ROOT)
    # the texts the pages need are found, including those inside f-strings and the N_-marked ones
    assert (None, "Review history") in wanted and (None, "Women's rights") in wanted
    assert ("calendar", "What") in wanted and (None, "Geneva time") in wanted
    assert len(wanted) > 250
    for lang in catalogs.LANGUAGES:
        assert catalogs.problems(i18n.po_path(lang, ROOT), wanted) == []


def test_the_template_lists_every_text_of_the_code():
    """locale/messages.pot is what `make messages-extract` writes: no text is missing from it
    (translators work from it; `make messages-update` merges it into each .po)."""
    from babel.messages.pofile import read_po
    with (ROOT / "locale" / "messages.pot").open("rb") as fh:
        pot = {(m.context, m.id) for m in read_po(fh) if m.id}
    assert set(catalogs.extract(ROOT)) == pot


def test_missing_and_fuzzy_translations_are_reported_with_file_and_line(tmp_path):
    po = tmp_path / "messages.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
                  'msgid "Codes"\nmsgstr "Codes"\n\n'
                  '#, fuzzy\nmsgid "Names"\nmsgstr "Noms"\n\n'
                  'msgid "Value"\nmsgstr ""\n', encoding="utf-8")
    found = catalogs.problems(po, {(None, "Codes"), (None, "Names"), (None, "Value"), (None, "Language")})
    assert found == [
        f"{po}: no translation for 'Language' — write it in the msgstr line under this msgid "
        "(run `make messages-update` first if the msgid is not in the file)",
        f"{po}:9: the translation of 'Names' is marked fuzzy (not used) — check it, then delete the "
        "'#, fuzzy' line above it",
        f"{po}:12: no translation for 'Value' — write it in the msgstr line under this msgid "
        "(run `make messages-update` first if the msgid is not in the file)",
    ]


def test_extractor_reads_f_strings_markers_and_contexts(tmp_path):
    source = tmp_path / "page.py"
    source.write_text(
        'LABELS = {"a": N_("Stage one"), "b": NP_("calendar", "When")}\n'
        'def page(lang, name):\n'
        '    return f"# {_t(\'Codes\', lang)} {gettext(lang, \'Names\')} {_t(name, lang)}"\n', encoding="utf-8")
    with source.open("rb") as fh:
        found = [(line, message) for line, _, message, _ in catalogs.extract_python(fh, None, None, None)]
    assert sorted(found, key=str) == sorted([(1, "Stage one"), (1, ("calendar", "When")), (3, "Codes"),
                                             (3, "Names")], key=str)


def test_a_changed_french_translation_changes_the_french_page(tmp_path):
    root = make_repo(tmp_path / "repo")
    shutil.copytree(ROOT / "locale", root / "locale")
    s = settings(root, today=dt.date(2026, 11, 30))
    content = load_content(s)
    page = root / "out" / "states" / "tgo.md"
    try:
        generate(s, content, root / "out", "fr")
        assert "## Historique des examens" in page.read_text(encoding="utf-8")
        po = root / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
        text = po.read_text(encoding="utf-8")
        entry = 'msgid "Review history"\nmsgstr "Historique des examens"\n'
        assert entry in text
        po.write_text(text.replace(entry, 'msgid "Review history"\nmsgstr "Examens de l\'État"\n'), encoding="utf-8")
        generate(s, content, root / "out", "fr")
        assert "## Examens de l'État" in page.read_text(encoding="utf-8")
        assert "Historique des examens" not in page.read_text(encoding="utf-8")
        assert (root / "build" / "locale" / "fr" / "LC_MESSAGES" / "messages.mo").is_file()
    finally:
        i18n.use_catalogs(None)  # the other tests translate with the checkout's catalogs again


def test_a_translation_with_a_placeholder_the_english_lacks_is_reported_and_not_used(tmp_path):
    po = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
                  'msgid "in {n} days"\nmsgstr "dans {m} jours"\n\n'
                  'msgid "and {n} more"\nmsgstr "et {n autres"\n\n'
                  'msgid "Codes"\nmsgstr "Codes {x}"\n\n'
                  'msgid "Names"\nmsgstr "Noms"\n\n'
                  'msgid "Recommendations to {name} at session {n}"\n'
                  'msgstr "Recommandations à l\'État examiné à la session {n}"\n', encoding="utf-8")
    wanted = {(None, "in {n} days"), (None, "and {n} more"), (None, "Codes"), (None, "Names"),
              (None, "Recommendations to {name} at session {n}")}
    assert catalogs.problems(po, wanted) == [
        f"{po}:11: the translation of 'Codes' has {{x}}, which the English text does not have — remove it "
        "(not used: the page shows English)",
        f"{po}:8: the translation of 'and {{n}} more' has a {{ or }} without its pair — write {{n}} exactly "
        "as in the English text (not used: the page shows English)",
        f"{po}:5: the translation of 'in {{n}} days' has {{m}}, which the English text does not have — use "
        "only {n} (not used: the page shows English)",
    ]
    try:
        i18n.use_catalogs(tmp_path)
        assert i18n.gettext("fr", "in {n} days") == "in {n} days"  # English, so .format(n=…) still works
        assert i18n.gettext("fr", "Names") == "Noms"
        # leaving a place out is allowed (as GNU gettext allows for named places): the sentence is used
        assert i18n.tr_lang("fr", "Recommendations to {name} at session {n}", name="Togo", n=54) == \
            "Recommandations à l'État examiné à la session 54"
    finally:
        i18n.use_catalogs(None)


def test_a_broken_catalog_names_the_file_and_line(tmp_path):
    po = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "Codes"\nmsgstr "Codes"\nxx\n', encoding="utf-8")
    try:
        i18n.use_catalogs(tmp_path)
        with pytest.raises(ValueError, match=r"messages\.po:7: Unknown or misformatted keyword — write the entry"):
            i18n.gettext("fr", "Codes")
    finally:
        i18n.use_catalogs(None)


#: Dictionaries by language that are not interface text: locale codes, each language's own name,
#: CLDR date patterns.
NOT_WORDS = {"LOCALES", "NATIVE_NAMES", "_DAY_MONTH", "_MONTH_YEAR", "LANG_LABELS"}


def _word_lists(source: str) -> list[tuple[int, str]]:
    """(line, name) of each dict literal in ``source`` that gives a text per language
    ({"fr": "…", "es": "…"}), outside the dictionaries of NOT_WORDS."""
    import ast
    tree = ast.parse(source)
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in NOT_WORDS for t in targets) and node.value is not None:
                skip |= {id(n) for n in ast.walk(node.value)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict) and id(node) not in skip:
            keys = {k.value for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant)
                    and k.value in ("fr", "es") and isinstance(v, (ast.Constant, ast.JoinedStr))}
            if keys:
                found.append((node.lineno, ", ".join(sorted(keys))))
    return sorted(found)


def test_no_interface_word_list_remains_in_the_code():
    """Issue 16: every interface text is in the catalogs; no {"fr": …, "es": …} table in the code."""
    found = {f"{path.relative_to(ROOT)}:{line}": keys for path in sorted((ROOT / "scripts" / "upr").rglob("*.py"))
             for line, keys in _word_lists(path.read_text(encoding="utf-8"))}
    assert found == {}
    # the check finds a word list where there is one
    assert _word_lists('WORDS = {"Members": {"fr": "Membres", "es": "Miembros"}}\n'
                       'heading = {"fr": "Outils", "es": "Herramientas"}\n'
                       'LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES"}\n') == [(1, "es, fr"), (2, "es, fr")]
