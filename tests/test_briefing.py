"""The lobby briefing for a review (issue 15, item 2), on the fixture corpus: Slovenia's
real recommendations of cycles 1–4 and copies of its example assessments."""
from __future__ import annotations

import io
import zipfile

import docx
import openpyxl
from advocacy_fixture import make_repo
from conftest import TODAY, run_upr

from upr import briefing, recommendations, reports
from upr.config import settings
from upr.content import load_content
from upr.site import BuildContext

SECRET = ("---\nrecommendations:\n  - SVN-20-115.4\nstatus: implemented\ndate: \"2026-09-01\"\n"
          "assessed_by: Secret Witness Org\nsources:\n  - https://example.org/secret-report\n"
          "confidential: true\n---\n\nThe name of a witness who must stay hidden.\n")
HOSTILE = ("---\nrecommendations:\n  - SVN-20-115.4\nstatus: partially implemented\ndate: \"2026-08-01\"\n"
           "assessed_by: \"=HYPERLINK(\\\"https://example.org\\\")\"\nsources:\n  - A/HRC/59/15/Add.1\n"
           "---\n\nA bill was tabled.\n")


def content_of(tmp_path, files: dict[str, str] | None = None, today=TODAY):
    root = make_repo(tmp_path / "repo")
    for rel, text in (files or {}).items():
        (root / rel).write_text(text, encoding="utf-8")
    content = load_content(settings(root, today))
    assert [p.format() for p in content.errors] == []
    return content


def svn(content, review=None):
    review = review or briefing.next_review(content.sessions, "SVN", content.settings.today)
    return briefing.build(content.recommendations, content.followup.public, review)


def test_next_review_is_the_current_one_or_projected(tmp_path):
    content = content_of(tmp_path)
    cal = content.sessions
    nxt = briefing.next_review(cal, "SVN", TODAY)
    assert (nxt.state, nxt.session, nxt.cycle, nxt.projected) == ("SVN", 62, 5, True)
    during = briefing.next_review(cal, "SVN", TODAY.replace(year=2025, month=1, day=25))
    assert (during.session, during.cycle, during.projected) == (48, 4, False)
    assert briefing.next_review(cal, "TGO", TODAY).session == 54  # listed, not over: not projected
    assert briefing.next_review(cal, "TGO", TODAY).projected is False
    assert briefing.next_review(cal, "FRA", TODAY) is None  # no review in the fixture calendar


def test_a_session_held_without_the_state_moves_the_projection_on(tmp_path):
    from advocacy_fixture import FIXTURE
    calendar = (FIXTURE / "states" / "sessions.yml").read_text(encoding="utf-8") + (
        "  - session: 62\n    cycle: 5\n    start: {date: \"2026-01-19\", precision: day}\n"
        "    end: {date: \"2026-01-30\", precision: day}\n")
    content = content_of(tmp_path, {"states/sessions.yml": calendar})
    nxt = briefing.next_review(content.sessions, "SVN", TODAY)
    assert (nxt.session, nxt.cycle, nxt.projected) == (76, 6, True)


def test_what_was_asked_before_per_theme(tmp_path):
    b = svn(content_of(tmp_path))
    assert (b.review.session, len(b.rows), b.cycles) == (62, 738, [1, 2, 3, 4])
    assert b.response_summary() == [("supported", 636), ("noted", 102)]
    themes = {t.name: t for t in b.themes}
    # OHCHR's cycle-2 codes are dropped: cycles 2-4 meet under one heading
    assert "B31 Equality & non-discrimination" not in themes
    equality = themes["Equality & non-discrimination"]
    assert b.themes[0] is equality and len(equality.rows) == 132 and equality.cycles == [2, 3, 4]
    ratify = next(r for r in b.rows if r.rec.id == "SVN-20-115.4")
    assert ratify.rec.text == "Ratify the Optional Protocol to the Covenant on Economic, Social and Cultural Rights"
    assert [(m.rec.id, m.score) for m in ratify.again][:4] == [
        ("SVN-48-140.7", 0.96), ("SVN-48-140.10", 0.88), ("SVN-48-140.9", 0.83), ("SVN-34-122.1", 0.82)]
    assert ratify.again_cycles == [3, 4]
    # latest public assessment: the example of 2026-03-20 on SVN-48-140.7
    row = next(r for r in b.rows if r.rec.id == "SVN-48-140.7")
    assert (row.assessment.status, row.assessment.date.isoformat(), row.assessments) == \
        ("partially implemented", "2026-03-20", 1)
    assert not row.again  # nothing after cycle 4 yet
    france = next(s for s in b.recommending_states() if s.code == "FRA")
    assert france.recommendations == sum(1 for r in b.rows if "FRA" in r.rec.recommending_states)


def test_a_group_review_briefs_on_the_cycles_before_it(tmp_path):
    content = content_of(tmp_path)
    b = svn(content, briefing.review_of_session(content.sessions, "SVN", 48))
    assert (len(b.rows), b.cycles) == (484, [1, 2, 3])
    # raised again includes the review itself once its recommendations are imported
    row = next(r for r in b.rows if r.rec.id == "SVN-34-122.7")
    assert [(m.rec.id, m.rec.cycle) for m in row.again] == [
        ("SVN-48-140.13", 4), ("SVN-48-140.14", 4), ("SVN-48-140.12", 4), ("SVN-48-140.11", 4)]


def test_briefing_for_one_mission(tmp_path):
    content = content_of(tmp_path)
    review = briefing.next_review(content.sessions, "SVN", TODAY)
    b = briefing.build(content.recommendations, content.followup.public, review, "FRA")
    assert b.rows and all("FRA" in r.rec.recommending_states for r in b.rows)
    assert len(b.rows) == sum(1 for r in content.recommendations.by_state["SVN"] if "FRA" in r.recommending_states)


def test_word_briefing_sheet_opens_with_real_values(tmp_path):
    content = content_of(tmp_path)
    b = svn(content)
    document = docx.Document(io.BytesIO(reports.briefing_docx(b, content.states.name)))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Slovenia: lobby briefing for the review at session 62"
    assert document.paragraphs[0].style.name == "Title"
    assert ("What was asked before: 738 recommendations to Slovenia in cycle(s) 1–4 (636 supported, 102 noted), "
            f"in {len(b.themes)} themes.") in paragraphs
    at = paragraphs.index("SVN-20-115.4 (cycle 2, session 20): Ratify the Optional Protocol to the Covenant on "
                          "Economic, Social and Cultural Rights")
    assert paragraphs[at + 1].startswith("Recommended by: ") and paragraphs[at + 1].endswith(". Response: supported")
    assert paragraphs[at + 3].startswith("Raised again: cycle 4: SVN-48-140.7 (0.96); cycle 4: SVN-48-140.10")
    at = next(i for i, p in enumerate(paragraphs) if p.startswith("SVN-48-140.7 (cycle 4"))
    assert paragraphs[at + 2] == ("Latest NGO assessment: partially implemented (2026-03-20, Example coalition "
                                  "(format demonstration)) [example]. Sources: A/HRC/59/15/Add.1")
    summary, states = document.tables
    assert [c.text for c in summary.rows[0].cells][:3] == ["Theme", "Recommendations", "Cycles"]
    assert [c.text for c in summary.rows[1].cells][:3] == ["Equality & non-discrimination", "132", "2–4"]
    portugal = next(r for r in states.rows if r.cells[0].text == "Portugal")
    assert portugal.cells[1].text == str(next(s.recommendations for s in b.recommending_states() if s.code == "PRT"))
    assert [p.style.name for p in document.paragraphs if p.text == "Equality & non-discrimination"] == ["Heading 1"]


def test_excel_table_every_text_a_string_never_a_formula(tmp_path):
    content = content_of(tmp_path, {"states/followup/svn/2026-08-01-hostile.md": HOSTILE})
    raw = reports.briefing_xlsx(svn(content), content.states.name)
    book = openpyxl.load_workbook(io.BytesIO(raw))
    sheet = book["Briefing"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == reports.BRIEFING_COLUMNS and len(rows) == 739
    row = next(r for r in rows if r[1] == "SVN-20-115.4")
    assert row[:8] == ("Acceptance of international norms", "SVN-20-115.4", 2, 20, "115.4",
                       "Ratify the Optional Protocol to the Covenant on Economic, Social and Cultural Rights",
                       "Spain, Tunisia, Portugal", "supported")
    assert row[8:12] == ("partially implemented", "2026-08-01", '=HYPERLINK("https://example.org")',
                         "A/HRC/59/15/Add.1")
    assert row[12].startswith("SVN-48-140.7; SVN-48-140.10") and row[13] == "3, 4" and row[14] == 0.96
    cell = next(c for c in sheet[rows.index(row) + 1] if c.column == 11)
    assert cell.data_type == "s"  # a string, not a formula
    sheet_xml = zipfile.ZipFile(io.BytesIO(raw)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    states = list(book["Recommending States"].iter_rows(values_only=True))
    assert states[0] == reports.STATES_COLUMNS
    assert all(isinstance(v, str) for r in states[1:] for v in (r[0], r[1], r[5]))
    assert all(isinstance(v, int) for r in states[1:] for v in r[2:5])


def test_confidential_assessments_never_reach_the_briefing(tmp_path):
    content = content_of(tmp_path, {"states/followup/svn/2026-09-01-secret.md": SECRET})
    b = svn(content)
    row = next(r for r in b.rows if r.rec.id == "SVN-20-115.4")
    assert row.assessment is None  # the only assessment of it is confidential
    from upr.pages import briefings as pages
    ctx = BuildContext(settings=content.settings, content=content, out_dir=tmp_path / "out")
    outputs = [pages.page(ctx, b).encode(), reports.briefing_docx(b, content.states.name),
               reports.briefing_xlsx(b, content.states.name)]
    for raw in outputs:
        text = _all_text(raw)
        assert "Secret Witness Org" not in text and "secret-report" not in text and "must stay hidden" not in text
    assert content.followup.current("SVN-20-115.4").assessed_by == "Secret Witness Org"  # it was loaded


def _all_text(raw: bytes) -> str:
    if raw[:2] != b"PK":
        return raw.decode("utf-8")
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        return "".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist())


def test_briefing_pages_in_three_languages(tmp_path):
    content = content_of(tmp_path)
    from upr.pages import briefings as pages
    from upr.pages import groups as group_pages
    written = {}
    for lang in ("en", "fr", "es"):
        ctx = BuildContext(settings=content.settings, content=content, out_dir=tmp_path / lang, lang=lang)
        pages.generate(ctx)
        written[lang] = ctx
    assert sorted(written["en"].written) == ["states/svn/briefing-48.md", "states/svn/briefing-62.md"]
    en = (tmp_path / "en" / "states" / "svn" / "briefing-62.md").read_text(encoding="utf-8")
    assert "# Slovenia: lobby briefing for the review at session 62" in en
    assert "738 recommendations in cycle(s) 1–4, " in en
    assert "## Equality &amp; non-discrimination { #theme-equality-non-discrimination }" in en
    assert ('<td><a href="../cycle-2/#SVN-20-115.4">SVN-20-115.4</a></td><td>2</td><td>Ratify the Optional Protocol '
            "to the Covenant on Economic, Social and Cultural Rights</td>") in en
    assert 'cycle 4: <a href="../cycle-4/#SVN-48-140.7">SVN-48-140.7</a> (0.96)' in en
    assert ('<a href="../cycle-4/#assessment-2026-03-20-op-icescr">partially implemented</a> 2026-03-20 (example)'
            in en)
    # projected review: no files, says how to make them; the group's review has them
    assert "exports/briefings/svn-62-briefing.docx" not in en and "upr report briefing --state SVN --session 62" in en
    en48 = (tmp_path / "en" / "states" / "svn" / "briefing-48.md").read_text(encoding="utf-8")
    assert '<a href="../../../exports/briefings/svn-48-briefing.docx">briefing sheet (Word)</a>' in en48
    fr = (tmp_path / "fr" / "states" / "svn" / "briefing-62.md").read_text(encoding="utf-8")
    assert "# Slovénie : note de plaidoyer pour l'examen de la session 62" in fr
    assert "## Synthèse par thème" in fr and "## Qui a fait des recommandations" in fr
    assert '<a href="../../../../states/svn/briefing-62/">la version anglaise de cette page</a>' in fr
    assert "<table" not in fr  # the detail is on the English page only
    es = (tmp_path / "es" / "states" / "svn" / "briefing-62.md").read_text(encoding="utf-8")
    assert "# Eslovenia: nota de incidencia para el examen del período de sesiones 62" in es
    # the State page and the group page link to the briefing
    assert "[what States asked before, theme by theme, with responses, NGO assessments and repeats]" \
           "(svn/briefing-62.md)" in pages.state_link(written["en"], "SVN")
    group_page = group_pages.group_page(written["en"], content.groups["svn-48"])
    assert "- Lobby briefing for this review: [what States asked Slovenia before, theme by theme]" \
           "(../../states/svn/briefing-48.md)" in group_page


def test_theme_names_from_data_are_escaped(tmp_path):
    root = make_repo(tmp_path / "repo")
    csv = root / "states" / "recommendations" / "svn.csv"
    text = csv.read_text(encoding="utf-8").replace(
        "Rights of the Child", "Rights <img src=x onerror=alert(1)> {: onclick=x} [a](javascript:x)", 1)
    csv.write_text(text, encoding="utf-8")
    content = load_content(settings(root, TODAY))
    from upr.pages import briefings as pages
    ctx = BuildContext(settings=content.settings, content=content, out_dir=tmp_path / "out")
    page = pages.page(ctx, svn(content))
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "\\{: onclick=x\\}" in page and "\\[a\\](javascript:x)" in page


def test_upr_report_briefing_command(tmp_path):
    root = make_repo(tmp_path / "repo")
    env = {"UPR_ROOT": str(root)}
    out = tmp_path / "fra.docx"
    result = run_upr("report", "briefing", "--state", "svn", "--for", "fra", "--out", str(out),
                     "--today", TODAY.isoformat(), env=env)
    assert result.returncode == 0, result.stderr
    corpus, _ = recommendations.load(settings(root, TODAY))
    n = sum(1 for r in corpus.by_state["SVN"] if "FRA" in r.recommending_states)
    assert f"({n} earlier recommendations in" in result.stderr and "session 62 (projected)" in result.stderr
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "Slovenia: lobby briefing for the review at session 62, for the mission of France"
    assert sum(1 for p in document.paragraphs if p.text.startswith("Recommended by: ")) == n
    xlsx = tmp_path / "svn.xlsx"
    result = run_upr("report", "briefing", "--state", "SVN", "--session", "48", "--format", "xlsx",
                     "--out", str(xlsx), env=env)
    assert result.returncode == 0, result.stderr
    assert openpyxl.load_workbook(xlsx)["Briefing"].max_row == 485
    bad = run_upr("report", "briefing", "--state", "XYZ", env=env)
    assert bad.returncode == 2 and "no recommendations for 'XYZ'" in bad.stderr
