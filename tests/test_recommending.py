"""Recommending States (issue 15, item 1) and repeats by meaning on the pages (item 3),
on the real sources imported into a fixture root (never the repository's states/):
France's cycle-2 count on its page and in its downloads equals the UPR Info export, counted
here straight from the raw CSV files; every State's cycle 1-2 counts do too; Slovenia's
cycle-4 follow-up table links its repeats from cycles 2 and 3."""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import shutil
import unicodedata
from collections import Counter

import pytest

from conftest import run_upr, source_data
from upr import exports, recommending, similarity
from upr.config import settings
from upr.content import load_content
from upr.followup import FollowUp
from upr.site import generate

UPR_INFO = "upr-info-database-export-2018__maxarvid_data-studio"
ROW = re.compile(r'<tr data-response="([^"]+)" data-sur="([A-Z]{3})"><td>[^<]*</td>'
                 r'<td><a href="([^"]+)">([^<]+)</a></td>')


def cycle_of(session: int) -> int:  # written out here, not taken from upr.sessions
    return 1 if session <= 12 else 2 if session <= 26 else 3 if session <= 40 else 4


def normalise(text: str) -> str:  # written out here: NFC, white space collapsed, case-folded
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().casefold()


def raw_rows() -> list[tuple[str, int, str, str, str]]:
    """(State under Review, session, normalised text, recommending State's NAME, response) of
    every row of the raw export: one row per recommending State. The one row without a
    session (Afghanistan, file 01-06) is in session 5, the only one of that State there."""
    out = []
    for path in sorted((source_data() / UPR_INFO).glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in list(csv.reader(fh, delimiter=";"))[1:]:
                session = int(row[10]) if row[10].strip() else 5
                out.append((row[0].strip(), session, normalise(row[3]), row[4].strip(), row[7].strip()))
    return out


def raw_counts() -> Counter:
    """(recommending State's name, cycle) -> recommendations it made: its rows, a row the
    export repeats (same review, State, text and response) counted once."""
    return Counter((rs, cycle_of(session)) for _, session, _, rs, _ in set(raw_rows()))


@pytest.fixture(scope="module")
def site(real_import, tmp_path_factory):
    """The real sources imported, the State files made from sources/ (upr import states),
    then every generator run for English and French."""
    root = tmp_path_factory.mktemp("recommending") / "repo"
    shutil.copytree(real_import, root)
    env = {"UPR_ROOT": str(root), "UPR_SOURCE_DATA": str(source_data())}
    result = run_upr("import", "states", "--from", str(source_data()), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Fixture\n")
    s = settings(root, today=dt.date(2026, 11, 30))
    content = load_content(s)
    out = root / "out"
    generate(s, content, out / "en", "en")
    generate(s, content, out / "fr", "fr")
    return root, content, out


def test_france_cycle_2_page_and_downloads_equal_the_upr_info_export(site):
    root, content, out = site
    expected = raw_counts()[("France", 2)]
    rows_of_france = sum(1 for _, session, _, rs, _ in raw_rows() if rs == "France" and 13 <= session <= 26)
    assert expected == rows_of_france == 1059  # the export's France rows in sessions 13-26
    page = (out / "en" / "states" / "fra" / "recommended-cycle-2.md").read_text(encoding="utf-8")
    rows = ROW.findall(page)
    assert len(rows) == expected
    assert f"**{expected}** recommendations to **" in page
    assert len({r[3] for r in rows}) == expected  # each recommendation once
    assert '<span data-filter="sur" data-label="State under Review"><span data-value="AFG">Afghanistan (' in page
    # every link goes to the row of the State under Review's follow-up table, which exists
    for _, _, href, rid in rows[:50]:
        sur, cycle = re.match(r"\.\./\.\./([a-z]{3})/cycle-(\d)/#", href).groups()
        assert (out / "en" / "states" / sur / f"cycle-{cycle}.md").is_file()
        assert f'<tr id="{rid}"' in (out / "en" / "states" / sur / f"cycle-{cycle}.md").read_text(encoding="utf-8")
    # the downloads (all cycles) hold the same cycle-2 count
    with (out / "en" / "exports" / "recommended" / "fra.csv").open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert sum(1 for r in table if r["cycle"] == "2") == expected
    assert all("FRA" in r["recommending_states"].split(";") for r in table)
    items = json.loads((out / "en" / "exports" / "recommended" / "fra.json").read_text(encoding="utf-8"))["recommendations"]
    assert sum(1 for r in items if r["cycle"] == 2) == expected
    from openpyxl import load_workbook
    made = content.kinds["recommendations"]
    recs = recommending.all_made(recommending.made_by(made)["FRA"])
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(recs, FollowUp(), "Made by FRA")), read_only=True).active
    cells = list(sheet.iter_rows(min_row=2, values_only=True))
    assert sum(1 for r in cells if r[2] == 2) == expected


def test_every_state_cycles_1_and_2_equal_the_export(site):
    root, content, _ = site
    from upr import names
    index = names.default_index(settings(root))
    raw = raw_counts()
    by_code = Counter()
    for (name, cycle), n in raw.items():
        code = index.resolve(name)
        if code and cycle in (1, 2):
            by_code[(code, cycle)] += n
    made = recommending.made_by(content.kinds["recommendations"])
    ours = Counter({(iso3, c): len(m.recs) for iso3, per in made.items() for c, m in per.items() if c in (1, 2)})
    assert ours == by_code
    # four rows of the export repeat another row word for word (same review, State, text and
    # response: Thailand to Australia in session 10, Moldova to Montenegro, the United Kingdom
    # to Tonga, Paraguay to Tajikistan): one recommendation each, not two
    rows = raw_rows()
    assert len(rows) - len(set(rows)) == 4
    # a joint recommendation counts for each State that made it
    joint = next(r for r in content.kinds["recommendations"] if r.id == "ITA-20-u578bf25c")
    assert joint.recommending_states == ["PRT", "CRI", "PER", "GHA", "FRA", "TGO"]
    for code in joint.recommending_states:
        assert joint in made[code][2].recs


def test_state_page_section_in_english_and_french(site):
    _, _, out = site
    en = (out / "en" / "states" / "fra.md").read_text(encoding="utf-8")
    assert "## Recommendations made by this State" in en
    assert '<a href="../../states/fra/recommended-cycle-2/">Cycle 2</a>: 1059 recommendations to ' in en
    assert '<a href="../../exports/recommended/fra.xlsx">Excel</a>' in en
    fr = (out / "fr" / "states" / "fra.md").read_text(encoding="utf-8")
    assert "## Recommandations faites par cet État" in fr
    assert '<a href="../../../states/fra/recommended-cycle-2/">Cycle 2</a>\u202f: 1059 recommandations à ' in fr
    assert "Les tableaux et les textes des recommandations sont en anglais." in fr
    # an observer State recommends too: its page has the section
    vat = (out / "en" / "states" / "vat.md").read_text(encoding="utf-8")
    assert "## Recommendations made by this State" in vat


def test_slovenia_cycle_4_links_its_repeats_from_cycles_2_and_3(site):
    _, content, out = site
    page = (out / "en" / "states" / "svn" / "cycle-4.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r'<tr id="(SVN-48-[^"]+)"[^>]*data-asked="(yes|no)">', page))
    assert len(rows) == 254
    links = re.findall(r'<a href="\.\./cycle-(\d)/#(SVN-\d+-[\d.]+)">\2</a> \((same text|similar, (0\.\d\d|1\.00))\)',
                       page)
    linked_cycles = Counter(c for c, *_ in links)
    assert linked_cycles["3"] > 20 and linked_cycles["2"] > 20
    # OP-ICESCR: asked in cycles 2 and 3 in other words
    row = re.search(r'<tr id="SVN-48-140\.7".*?</tr>', page).group(0)
    assert re.search(r'Asked before: cycle 3, <a href="\.\./cycle-3/#SVN-34-122\.1">SVN-34-122\.1</a> '
                     r'\(similar, 0\.\d\d\).*; cycle 2, <a href="\.\./cycle-2/#SVN-20-115\.4">', row)
    # every linked ID is a row of the linked page; scores are at or above the threshold
    for cycle, rid, _, score in links:
        target = (out / "en" / "states" / "svn" / f"cycle-{cycle}.md").read_text(encoding="utf-8")
        assert f'<tr id="{rid}"' in target
        assert not score or float(score) >= similarity.THRESHOLD
    # the summary counts them
    repeats = similarity.repeats(content.kinds["recommendations"])
    n = sum(1 for rid in rows if rid in repeats.earlier)
    same = sum(1 for rid in rows if rid in repeats.earlier and any(m.same_text for m in repeats.earlier[rid]))
    assert sum(1 for flag in rows.values() if flag == "yes") == n
    assert f"**{n}** asked before in an earlier cycle (1, 2, 3): **{same}** with the same text, " \
           f"**{n - same}** similar in meaning." in page
    assert n > 50 and same >= 1
