"""The recommendations index (``recommendations/index.md``) from a Jinja2 template (issue 16):
``recommendations_index.md.j2``, fed by :class:`upr.pages.recommendations.RecommendationsIndex`.
Values from an assessment are escaped by the template, and a designer reorders the page by
editing the template alone. Fixture: tests/fixtures/followup plus two assessments."""
from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT, TODAY
from upr import followup, recommendations, templating
from upr.config import settings
from upr.content import Content
from upr.pages import recommendations as pages
from upr.site import BuildContext

FIXTURE = ROOT / "tests" / "fixtures" / "followup"
HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1)) {: onclick=x }"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:alert(1)) \\{: onclick=x \\}"
ASSESSMENT = ('---\nrecommendations:\n  - {ids}\nstatus: unclear\ndate: "{day}"\nassessed_by: "{who}"\n'
              "sources:\n  - A/HRC/59/15/Add.1\n---\n\nWords.\n")


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    root = tmp_path_factory.mktemp("recs") / "repo"
    shutil.copytree(FIXTURE, root)
    folder = root / "states" / "followup" / "svn"
    folder.mkdir(parents=True)
    (folder / "2026-01-10-hostile.md").write_text(
        ASSESSMENT.format(ids="SVN-48-140.7", day="2026-01-10", who=HOSTILE), encoding="utf-8")
    (folder / "2026-02-10-plain.md").write_text(
        ASSESSMENT.format(ids="SVN-48-140.7\n  - SVN-48-140.8", day="2026-02-10", who="svn-coalition"),
        encoding="utf-8")
    s = settings(root, TODAY)
    content = Content(settings=s)
    for attr, module in (("recommendations", recommendations), ("followup", followup)):
        content.kinds[attr], _ = module.load(s, content)
    assert len(content.kinds["followup"].public.assessments) == 2
    return content


def render(content, lang: str, out) -> str:
    ctx = BuildContext(settings=content.settings, content=content, out_dir=out, lang=lang)
    pages.index_page(ctx, content.kinds["recommendations"], pages._followup(content))
    return (out / "recommendations" / "index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_values_from_an_assessment_are_escaped(content, tmp_path, lang):
    text = render(content, lang, tmp_path)
    assert "<script>" not in text
    assert not re.search(r"(?<!\\)\]\(javascript:", text) and not re.search(r"(?<!\\)\{: onclick", text)
    up = "../" if lang == "en" else "../../"
    assert (f'- 2026-01-10: <a href="{up}states/svn/cycle-4/#assessment-2026-01-10-hostile">SVN, cycle 4</a>'
            f" — unclear, 1 recommendation, by {ESCAPED}\n") in text
    # newest first (no State files in the fixture: the code stands for the name); counts in English plural
    assert text.index("- 2026-02-10: ") < text.index("- 2026-01-10: ") and "unclear, 2 recommendations, by svn-coalition" in text


def test_a_designer_reorders_the_index_by_editing_the_template_alone(content, tmp_path, monkeypatch):
    before = render(content, "fr", tmp_path / "before")
    assert before.index("## Rechercher dans toutes les recommandations") < before.index("## Télécharger")
    templates = tmp_path / "templates"
    shutil.copytree(templating.TEMPLATES, templates)
    source = (templates / "recommendations_index.md.j2").read_text(encoding="utf-8")
    search = source[source.index('## {{ _("Search all recommendations") }}'):source.index('## {{ _("Download") }}')]
    download = source[source.index('## {{ _("Download") }}'):]
    moved = source.replace(search + download, download + "\n" + search.rstrip("\n") + "\n", 1)
    assert moved != source
    (templates / "recommendations_index.md.j2").write_text(moved, encoding="utf-8")
    monkeypatch.setattr(templating, "TEMPLATES", templates)
    text = render(content, "fr", tmp_path / "after")
    assert text.index("## Télécharger") < text.index("## Rechercher dans toutes les recommandations")
    assert sorted(filter(None, text.splitlines())) == sorted(filter(None, before.splitlines()))
