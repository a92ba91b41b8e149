"""A small repository for calendar tests: the frozen calendar snapshot (or a given
``sessions.yml``) and a tiny set of States, written into ``tmp_path``. Never the live
``states/`` folder (a valid change to the content must never turn a test red)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import ROOT

SNAPSHOT = ROOT / "tests" / "fixtures" / "calendar" / "sessions.yml"
SITE = "https://example.org/upr-test/"
REPO = "https://github.com/example-org/upr-test"

# iso3: (iso2, m49, regional group, en, fr, es) — enough for names on pages and feeds.
STATES = {
    "BHR": ("BH", "048", "Asia-Pacific Group", "Bahrain", "Bahreïn", "Bahrein"),
    "ECU": ("EC", "218", "Latin American and Caribbean Group", "Ecuador", "Équateur", "Ecuador"),
    "SVN": ("SI", "705", "Eastern European Group", "Slovenia", "Slovénie", "Eslovenia"),
    "TGO": ("TG", "768", "African Group", "Togo", "Togo", "Togo"),
    "USA": ("US", "840", "Western European and Others Group", "United States of America",
            "États-Unis d'Amérique", "Estados Unidos de América"),
    "NOR": ("NO", "578", "Western European and Others Group", "Norway", "Norvège", "Noruega"),
}


def state_file(iso3: str) -> str:
    iso2, m49, group, en, fr, es = STATES[iso3]
    return (f'---\niso3: {iso3}\niso2: "{iso2}"\nm49: "{m49}"\nun_status: member\nregional_group: {group}\n'
            f'names:\n  en:\n    short: "{en}"\n    formal: "{en}"\n  fr:\n    short: "{fr}"\n    formal: "{fr}"\n'
            f'  es:\n    short: "{es}"\n    formal: "{es}"\n---\n')


def make_repo(root: Path, sessions: str | None = None, states: tuple[str, ...] = tuple(STATES)) -> Path:
    """Write ``states/sessions.yml`` (the snapshot when ``sessions`` is None), the State files
    and a minimal ``mkdocs.yml`` under ``root``; returns ``root``."""
    (root / "states").mkdir(parents=True, exist_ok=True)
    text = SNAPSHOT.read_text(encoding="utf-8") if sessions is None else sessions
    (root / "states" / "sessions.yml").write_text(text, encoding="utf-8")
    for code in states:
        (root / "states" / f"{code.lower()}.md").write_text(state_file(code), encoding="utf-8")
    (root / "mkdocs.yml").write_text(f"site_name: UPR test\nsite_url: {SITE}\nrepo_url: {REPO}\n", encoding="utf-8")
    return root


def snapshot_with(extra_entries: str = "", replace: tuple[str, str] | None = None) -> str:
    """The snapshot's text with ``extra_entries`` appended to the list of sessions (YAML, indented
    as the file's entries) and/or one ``(old, new)`` replacement."""
    text = SNAPSHOT.read_text(encoding="utf-8")
    if replace is not None:
        assert replace[0] in text, replace[0]
        text = text.replace(replace[0], replace[1], 1)
    return text.rstrip("\n") + "\n" + extra_entries


def context(root: Path, today: dt.date, lang: str = "en"):
    """A page-generation context on the fixture repository (content loaded for real)."""
    from types import SimpleNamespace

    from upr.config import settings
    from upr.content import load_content
    s = settings(root, today)
    content = load_content(s)
    return SimpleNamespace(settings=s, content=content, today=today, lang=lang)
