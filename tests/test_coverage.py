"""What the platform has of each State's recommendations, per cycle (issue 12, item 5)."""
from __future__ import annotations

import datetime as dt
import shutil

from conftest import ROOT
from upr import coverage, recommendations, sessions
from upr.config import settings
from upr.content import Content
from upr.site import BuildContext
from upr.states import State

FIXTURE = ROOT / "tests" / "fixtures" / "followup"
CALENDAR = """\
sessions:
  - session: 7
    cycle: 1
    start: {date: "2010-02-01", precision: day}
    states: [SVN, AUT]
  - session: 20
    cycle: 2
    start: {date: "2014-10-27", precision: day}
    states: [SVN, AUT]
  - session: 34
    cycle: 3
    start: {date: "2019-11-04", precision: day}
    states: [SVN, AUT]
  - session: 48
    cycle: 4
    start: {date: "2025-01-20", precision: day}
    states: [SVN]
  - session: 49
    cycle: 4
    start: {date: "2025-04-28", precision: day}
    states: [AUT]
  - session: 62
    cycle: 5
    start: {date: "2029-11", precision: month}
    states: [SVN]
"""


def content(tmp_path, today=dt.date(2026, 12, 1)) -> Content:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    (root / "states" / "sessions.yml").write_text(CALENDAR)
    s = settings(root, today)
    c = Content(settings=s)
    c.kinds["recommendations"], problems = recommendations.load(s, c)
    assert problems == []
    c.kinds["sessions"], problems = sessions.load(s, c)
    assert [p for p in problems if p.severity == "error"] == []
    names = {"en": {"short": "Slovenia", "formal": "the Republic of Slovenia"},
             "fr": {"short": "Slovénie (la)", "formal": "la République de Slovénie"},
             "es": {"short": "Eslovenia", "formal": "la República de Eslovenia"}}
    c.kinds["states"] = {"SVN": State("SVN", "SI", "705", "member", "Eastern European Group", names),
                         "AUT": State("AUT", "AT", "040", "member", "Western European and Others Group", names)}
    return c


def test_each_cycle_says_how_many_and_from_which_source_or_that_it_is_missing(tmp_path):
    c = content(tmp_path)
    svn = {x.cycle: x for x in coverage.for_state(c, "SVN", dt.date(2026, 12, 1))}
    assert sorted(svn) == [1, 2, 3, 4, 5, 6]                 # 6: projected from session 62 (14 sessions on)
    assert not svn[6].reviewed and svn[6].sessions == [76]
    assert (svn[1].count, svn[1].sources, svn[1].sessions) == (1, ["UPR Info export 2018-07-25"], [7])
    assert svn[3].missing and svn[3].sessions == [34]       # reviewed, nothing imported
    assert not svn[5].reviewed and not svn[5].missing          # a future review is not "missing"
    aut = {x.cycle: x for x in coverage.for_state(c, "AUT", dt.date(2026, 12, 1))}
    assert aut[4].missing and aut[4].sessions == [49]
    # before session 49 started, AUT's cycle 4 is not missing yet
    early = {x.cycle: x for x in coverage.for_state(c, "AUT", dt.date(2025, 4, 1))}
    assert not early[4].reviewed


def test_the_state_page_section_and_the_index_table(tmp_path):
    from upr.pages.recommendations import followup_links
    c = content(tmp_path)
    ctx = BuildContext(settings=c.settings, content=c, out_dir=tmp_path / "out")
    text = followup_links(ctx, "SVN")
    assert "- Cycle 3 (session 34): **not imported yet**" in text
    assert "[OHCHR's UPR page of this State](https://www.ohchr.org/en/hr-bodies/upr/si-index)" in text
    assert "`upr import recommendations export-full-en.json`" in text
    assert "Cycle 5" not in text
    cycle4 = next(line for line in text.splitlines() if "cycle-4/" in line)
    assert cycle4.endswith("; source: OHCHR thematic list")
    fr = followup_links(BuildContext(settings=c.settings, content=c, out_dir=tmp_path / "fr", lang="fr"), "SVN")
    assert "- Cycle 3 (session 34)\u202f: **pas encore importées**" in fr
    rows = coverage.by_cycle(c, dt.date(2026, 12, 1))
    # cycle 1: SVN (1); cycle 2: SVN (2) and AUT (1); cycle 3: none of 2 reviewed; cycle 4: SVN (4) of SVN and AUT
    assert rows == [(1, 1, 1, 2), (2, 3, 2, 2), (3, 0, 0, 2), (4, 4, 1, 2)]
