"""The CSO mid-term report (issue 15, item 5): ``upr report midterm --state SVN --cycle 4``
on the fixture corpus and a fixture copy of ``states/followup/svn``."""
from __future__ import annotations

import io
import re

import docx
from advocacy_fixture import FIXTURE, make_repo
from conftest import TODAY, run_upr

from upr import followup, midterm, reports
from upr.config import settings
from upr.content import load_content
from upr.site import BuildContext

SECRET = ("---\nrecommendations:\n  - SVN-48-140.7\nstatus: implemented\ndate: \"2026-09-01\"\n"
          "assessed_by: Secret Witness Org\nsources:\n  - https://example.org/secret-report\n"
          "confidential: true\n---\n\nThe name of a witness who must stay hidden.\n")


def texts(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_midterm_report_carries_every_assessment(tmp_path):
    root = make_repo(tmp_path / "repo")
    out = tmp_path / "svn4.docx"
    result = run_upr("report", "midterm", "--state", "SVN", "--cycle", "4", "--out", str(out),
                     env={"UPR_ROOT": str(root)})
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stderr and "(254 recommendations, 3 public assessments)" in result.stderr
    paragraphs = texts(out)
    body = "\n".join(paragraphs)
    assert paragraphs[0] == "Slovenia: CSO mid-term report on the recommendations of cycle 4"
    assert sum(1 for p in paragraphs if re.match(r"SVN-48-140\.\d+: ", p)) == 254
    # every assessment of the fixture copy of states/followup/svn: status, date, who, sources, narrative
    s = settings(root, TODAY)
    assessments, problems = followup.load(s)
    assert problems == [] and len(assessments.assessments) == 3
    for a in assessments.assessments:
        head = f"{a.status.capitalize()}, {a.date.isoformat()}, assessed by {a.assessed_by} [example"
        assert head in body, a.path
        first_sentence = " ".join(a.body.split("\n\n")[1].split())[:60]
        assert first_sentence in body, a.path
        for src in a.sources:
            assert src in body
    # the history: 2025-10-01 is the latest for 140.13/140.14, an earlier one for 140.11/140.12
    at = paragraphs.index(next(p for p in paragraphs if p.startswith("SVN-48-140.11: ")))
    assert paragraphs[at + 1] == "Response: Supported (source: A/HRC/59/15/Add.1)"
    assert paragraphs[at + 2].startswith("Latest assessment: Unclear, 2026-06-15")
    later = paragraphs[at + 2: at + 12]
    assert any(p.startswith("Earlier assessment: Not implemented, 2025-10-01") for p in later)
    at = paragraphs.index(next(p for p in paragraphs if p.startswith("SVN-48-140.13: ")))
    assert paragraphs[at + 2].startswith("Latest assessment: Not implemented, 2025-10-01")
    at = paragraphs.index(next(p for p in paragraphs if p.startswith("SVN-48-140.1: ")))
    assert paragraphs[at + 2] == "Latest assessment: not assessed yet."
    table = docx.Document(str(out)).tables[0]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Level of implementation", "Recommendations"], ["not implemented", "2"],
        ["partially implemented", "4"], ["unclear", "2"], ["not assessed", "246"]]


def test_fixture_assessments_are_copies_of_the_examples():
    """The fixture stands for states/followup/svn as it is in the repository: same three files."""
    names = sorted(p.name for p in (FIXTURE / "states" / "followup" / "svn").glob("*.md"))
    assert names == ["2025-10-01-statelessness-convention.md", "2026-03-20-op-icescr.md",
                     "2026-06-15-statelessness-convention.md"]


def test_confidential_assessment_stays_out_of_the_report(tmp_path):
    root = make_repo(tmp_path / "repo")
    (root / "states" / "followup" / "svn" / "2026-09-01-secret.md").write_text(SECRET, encoding="utf-8")
    content = load_content(settings(root, TODAY))
    assert content.followup.current("SVN-48-140.7").assessed_by == "Secret Witness Org"
    report = midterm.build(content.recommendations, content.followup.public, "SVN", 4)
    entry = next(e for e in report.entries if e.rec.id == "SVN-48-140.7")
    assert entry.latest.date.isoformat() == "2026-03-20" and entry.history == []
    raw = reports.midterm_docx(report, content.states.name)
    document = docx.Document(io.BytesIO(raw))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Secret Witness Org" not in body and "must stay hidden" not in body and "secret-report" not in body
    assert b"Secret" not in b"".join(_members(raw))


def _members(raw: bytes):
    import zipfile
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        for name in zf.namelist():
            yield zf.read(name)


def test_midterm_command_errors(tmp_path):
    root = make_repo(tmp_path / "repo")
    env = {"UPR_ROOT": str(root)}
    bad = run_upr("report", "midterm", "--state", "SVN", "--cycle", "7", "--out", str(tmp_path / "x.docx"), env=env)
    assert bad.returncode == 2
    assert "SVN has no recommendations in cycle 7; cycles with data: 1, 2, 3, 4" in bad.stderr
    bad = run_upr("report", "midterm", "--state", "NOR", "--cycle", "4", env=env)
    assert bad.returncode == 2 and "no recommendations for 'NOR'" in bad.stderr
    assert not (tmp_path / "x.docx").exists()


def test_site_offers_the_report_where_there_are_assessments(tmp_path):
    root = make_repo(tmp_path / "repo")
    content = load_content(settings(root, TODAY))
    from upr.pages import recommendations as pages
    ctx = BuildContext(settings=content.settings, content=content, out_dir=tmp_path / "out")
    pages.generate(ctx)
    cycle4 = (tmp_path / "out" / "states" / "svn" / "cycle-4.md").read_text(encoding="utf-8")
    cycle3 = (tmp_path / "out" / "states" / "svn" / "cycle-3.md").read_text(encoding="utf-8")
    link = '<a href="../../../exports/recommendations/svn-cycle-4-midterm.docx">CSO mid-term report (Word)</a>'
    assert link in cycle4 and "midterm" not in cycle3
    state = pages.followup_links(ctx, "SVN")
    line4 = next(x for x in state.splitlines() if "cycle-4/" in x)
    assert line4.endswith(' · <a href="../../exports/recommendations/svn-cycle-4-midterm.docx">'
                          "CSO mid-term report (Word)</a>")
    assert all("midterm" not in x for x in state.splitlines() if "cycle-3/" in x)
    fr = pages.followup_links(BuildContext(settings=content.settings, content=content, out_dir=tmp_path, lang="fr"),
                              "SVN")
    assert "rapport à mi-parcours des OSC (Word, en anglais)</a>" in fr
    # the post-build step writes it (through the export cache)
    site = tmp_path / "site"
    pages.heavy_exports(content, site)
    document = docx.Document(str(site / "exports" / "recommendations" / "svn-cycle-4-midterm.docx"))
    assert document.paragraphs[0].text == "Slovenia: CSO mid-term report on the recommendations of cycle 4"
    assert sorted(p.name for p in (site / "exports" / "briefings").iterdir()) == [
        "svn-48-briefing.docx", "svn-48-briefing.xlsx"]
