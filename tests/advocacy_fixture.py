"""A throw-away repository for the advocacy tests (issue 15): the fixture content of
``tests/fixtures/advocacy`` (Slovenia's real recommendations, copies of its example
assessments, an invented coalition ``svn-48``, a News post), plus what a site build
needs beside content: the platform's code and configuration (``mkdocs.yml``,
``overrides/``, the site's own scripts and styles) and tiny hand-written pages.

A State file is written for every recommending State the fixture names and has no
file for (codes and English names from pycountry, regional group chosen at random
among the five: fixture data, so that ``upr check`` passes). Nothing is read from the
live ``states/``, ``groups/``, ``tools_library/`` or ``docs/`` content.
"""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

from conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "advocacy"
GROUPS = ("African Group", "Asia-Pacific Group", "Eastern European Group",
          "Latin American and Caribbean Group", "Western European and Others Group")
PAGES = {
    "index.md": "# UPR Platform (fixture)\n\nA fixture site.\n",
    "about.md": "# About\n\nFixture.\n",
    "contribute.md": "# Contribute\n\nFixture.\n",
    "news/index.md": "# News\n",
}


def _state_file(code: str, i: int) -> str:
    import pycountry
    country = pycountry.countries.get(alpha_3=code)
    if code in ("VAT", "PSE"):
        status, group = "observer", None
    else:
        status, group = "member", GROUPS[i % len(GROUPS)]
    name = getattr(country, "common_name", None) or country.name
    lines = ["---", f"iso3: {code}", f'iso2: "{country.alpha_2}"', f'm49: "{country.numeric}"',
             f"un_status: {status}"] + ([f"regional_group: {group}"] if group else []) + ["names:"]
    for lang in ("en", "fr", "es"):
        lines += [f"  {lang}:", f'    short: "{name}"', f'    formal: "{name}"']
    return "\n".join(lines + ["---", ""])


def make_repo(dest: Path) -> Path:
    """The fixture repository at ``dest`` (created); returns ``dest``."""
    shutil.copytree(FIXTURE, dest)
    (dest / "README.md").unlink()
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    for assets in ("javascripts", "stylesheets"):  # the platform's own code, not content
        shutil.copytree(ROOT / "docs" / assets, dest / "docs" / assets)
    for rel, text in PAGES.items():
        (dest / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / "docs" / rel).write_text(text, encoding="utf-8")
    (dest / ".github").mkdir()
    from upr import codeowners
    (dest / ".github" / "CODEOWNERS").write_text(codeowners.render({}), encoding="utf-8")
    states = dest / "states"
    with open(states / "recommendations" / "svn.csv", encoding="utf-8", newline="") as f:
        codes = sorted({c for row in csv.DictReader(f) for c in row["recommending_states"].split(";") if c})
    for i, code in enumerate(codes):
        path = states / f"{code.lower()}.md"
        if not path.exists():
            path.write_text(_state_file(code, i), encoding="utf-8")
    return dest
