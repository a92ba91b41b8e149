"""Readable, stable anchors and file names (issue 14): letters are transliterated, never
dropped; Arabic, Cyrillic and Chinese headings keep their own words in the anchor. The
anchors are checked in a real MkDocs build of a page written into tmp_path."""
from __future__ import annotations

import io
import subprocess
import sys

import pytest
import yaml
from mkdocs.utils import yaml_load

from conftest import ROOT
from upr import mkconfig, tools
from upr.config import Settings
from upr.slugs import file_slug, toc_slug


@pytest.mark.parametrize("text, slug", [
    ("Türkiye guide", "turkiye-guide"),       # was t-rkiye-guide
    ("Định hướng", "dinh-huong"),             # was inh-huong: Đ has no decomposition
    ("Straße und Øresund", "strasse-und-oresund"),
    ("Women's rights", "womens-rights"),
    ("Côte d’Ivoire", "cote-divoire"),
    ("Права человека", "prava-cheloveka"),    # file names are ASCII: other scripts are romanised
    ("", ""),
])
def test_file_slug_transliterates_and_never_drops_letters(text, slug):
    assert file_slug(text) == slug


@pytest.mark.parametrize("heading, anchor", [
    ("Définir les priorités", "definir-les-priorites"),  # French and Spanish anchors as before
    ("Türkiye: next steps", "turkiye-next-steps"),
    ("Định hướng", "dinh-huong"),
    ("Права человека", "права-человека"),
    ("حقوق الإنسان", "حقوق-الإنسان"),
    ("人权 审议", "人权-审议"),
    ("Step 1 — draft", "step-1-draft"),
])
def test_anchors_keep_their_words(heading, anchor):
    assert toc_slug(heading, "-") == anchor


def test_a_real_mkdocs_build_gives_the_anchors(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        "# Guide\n\n## Права человека\n\n## حقوق الإنسان\n\n## 人权\n\n## Định hướng\n\n## Türkiye\n",
        encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/name:upr.slugs.toc_slug\n",
        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml")],
                            cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin",
                                 "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    for anchor in ("права-человека", "حقوق-الإنسان", "人权", "dinh-huong", "turkiye"):
        assert f'id="{anchor}"' in html
    assert 'id="_1"' not in html


def test_the_site_and_each_language_use_the_same_slugify():
    config = mkconfig.read_mkdocs_yml(ROOT)  # the configuration, not content
    toc, = [e["toc"] for e in config["markdown_extensions"] if isinstance(e, dict) and "toc" in e]
    assert toc["slugify"] == "upr.slugs.toc_slug"
    french = mkconfig._extensions_for(config["markdown_extensions"], "fr")
    text = yaml.dump({"markdown_extensions": french}, Dumper=mkconfig._ConfigDumper)
    loaded = yaml_load(io.StringIO(text))  # as MkDocs reads build/mkdocs.fr.yml
    toc_fr, = [e["toc"] for e in loaded["markdown_extensions"] if isinstance(e, dict) and "toc" in e]
    assert toc_fr["slugify"] is toc_slug


def test_a_tool_file_name_suggestion_keeps_every_letter(tmp_path):
    (tmp_path / "tools_library" / "files").mkdir(parents=True)
    path = tmp_path / "tools_library" / "Türkiye guide.md"
    path.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    _, problems = tools.load_tool(path, Settings(root=tmp_path), 10_000_000)
    assert problems[0].fix == "rename the file to turkiye-guide.md (lower-case letters, digits and hyphens)"
