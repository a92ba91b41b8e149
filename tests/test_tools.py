"""The shared tools library (issue 6): loading, checks with exact messages, pages,
the seed content and the issue form. Cases 02 and 08 are run as tool files."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml

from conftest import CASES, ROOT, SITE_FIXTURE, run_upr

FILES = SITE_FIXTURE / "tools_library" / "files"  # the example attachments (a fixture, not tools_library/)
from upr import tools
from upr.config import Settings
from upr.pages import tools as tool_pages
from upr.problems import Problem

GOOD = """---
title: {title}
summary: A guide that says how to brief embassies before the review.
kind: guide
stages: [pre-session]
topics: [upr-process, advocacy]
languages: [{languages}]
organisation: Test coalition
year: 2026
licence: CC BY 4.0
{extra}---

## How to use it

Read it.
"""


def pdf_bytes() -> bytes:
    """A real one-page PDF (attachments are opened to remove their metadata, issue 13)."""
    import io
    import pikepdf
    out = io.BytesIO()
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(out)
    return out.getvalue()


def make_root(tmp_path: Path) -> Settings:
    (tmp_path / "tools_library" / "files").mkdir(parents=True)
    return Settings(root=tmp_path)


def write_tool(s: Settings, slug: str, title: str = "Briefing guide", languages: str = "en",
               extra: str = "") -> Path:
    path = s.tools_dir / f"{slug}.md"
    path.write_text(GOOD.format(title=title, languages=languages, extra=extra), encoding="utf-8")
    return path


def messages(problems: list[Problem]) -> list[str]:
    return sorted(p.format() for p in problems)


# --- the example library (tests/fixtures/site/tools_library/) ----------------------

def test_seed_library_loads_without_problems(site_root):
    s = Settings(root=site_root)
    loaded, problems = tools.load(s)
    assert messages(problems) == []
    slugs = {t.slug for t in loaded}
    assert {"joint-submission-template", "implementation-evidence-questionnaire",
            "country-group-timeline-checklist", "pre-session-briefing-guide",
            "midterm-assessment-template", "local-defenders-guide"} <= slugs
    assert len(loaded) >= 6
    not_english = [t for t in loaded if set(t.languages) & {"fr", "es"}]
    assert {t.slug for t in not_english} >= {"guide-defenseurs-locaux-fr",
                                               "cuestionario-evidencias-implementacion-es"}
    # every translation points at an original that exists
    assert tools.cross_check(type("C", (), {"tools": loaded})()) == []
    assert {t.slug for t in tools.translations(type("C", (), {"tools": loaded})(),
                                                next(t for t in loaded if t.slug == "local-defenders-guide"))} \
        == {"guide-defenseurs-locaux-fr"}


def test_the_body_is_the_text_after_the_front_matter(site_root):
    """(A "250 words, no lorem/todo" rule lived here, on the live library, and nowhere else:
    dropped, see the commit — a short tool is a valid contribution.)"""
    loaded, _ = tools.load(Settings(root=site_root))
    for tool in loaded:
        assert tool.body.strip() and not tool.body.lstrip().startswith("---"), tool.slug
        assert "summary:" not in tool.body.split("\n", 1)[0], tool.slug
    defenders = next(t for t in loaded if t.slug == "local-defenders-guide")
    assert "reprisals" in defenders.body.lower()
    french = next(t for t in loaded if t.slug == "guide-defenseurs-locaux-fr")
    assert "représailles" in french.body


def test_joint_submission_docx_follows_the_ohchr_guidelines():
    path = FILES / "joint-submission-template.docx"
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "5,630 words" in text and "2,815" in text           # joint / individual word limits
    assert "12:00 Geneva time" in text
    assert "not a PDF" in text
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert len(numbered) >= 8                                     # numbered paragraphs
    footer_xml = document.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer_xml                         # numbered pages
    # the organisations are listed at the start, before part I
    first_heading = next(i for i, p in enumerate(document.paragraphs) if p.style.name == "Heading 1")
    assert any("Organisation 1" in p.text for p in document.paragraphs[:first_heading])


def test_midterm_assessment_xlsx_has_the_thematic_list_columns_and_real_examples():
    wb = openpyxl.load_workbook(FILES / "midterm-assessment-template.xlsx")
    ws = wb["Assessment"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Paragraph", "Recommendation", "Recommending State(s)", "Response"]
    assert "Level of implementation" in header
    assert ws["A2"].value == "140.18" and ws["C2"].value == "Algeria"      # a string, as in A/HRC/59/15
    assert ws["A3"].value == "140.100" and ws["E3"].value == "A/HRC/59/15/Add.1 - Para.3"
    rules = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert "noted" in rules["D2:D1000"] and "partially implemented" in rules["I2:I1000"]


# --- failure cases 02 and 08 ------------------------------------------------------

def test_case_02_norwegian_tool_names_the_fields_to_rename(tmp_path):
    s = make_root(tmp_path)
    shutil.copy(CASES / "02-norway-no-boolean/input/content/tools/veileder-oppfolging-upr.md", s.tools_dir)
    loaded, problems = tools.load(s)
    assert loaded == []
    got = messages(problems)
    assert "tools_library/veileder-oppfolging-upr.md:3: unknown field 'type' — did you mean 'kind'?" in got
    assert ("tools_library/veileder-oppfolging-upr.md:4: unknown field 'language' — did you mean "
            "'languages'? It is a list: write languages: [no]") in got
    # no duplicate "kind is missing" / "languages is missing" once the rename is named
    assert not [m for m in got if "required field 'kind'" in m or "required field 'languages'" in m]
    assert any(m.startswith("tools_library/veileder-oppfolging-upr.md:2: required field 'summary' is missing")
               for m in got)


def test_case_02_fixed_keeps_no_as_norwegian(tmp_path):
    s = make_root(tmp_path)
    write_tool(s, "veileder-oppfolging-upr", title="Veileder for oppfølging av UPR-anbefalinger",
               languages="no")
    loaded, problems = tools.load(s)
    assert messages(problems) == []
    assert loaded[0].languages == ["no"]
    assert tools.language_label("no") == "Norwegian"
    assert tools.language_autonym("no") == "Norsk"


def test_case_08_colon_in_title_is_reported_and_the_run_goes_on(tmp_path):
    s = make_root(tmp_path)
    shutil.copy(CASES / "08-unquoted-colon-in-title/input/content/tools/midterm-reporting-guide.md", s.tools_dir)
    write_tool(s, "other-tool", languages="xx")
    loaded, problems = tools.load(s)
    got = messages(problems)
    assert got == [
        'tools_library/midterm-reporting-guide.md:2:26: not valid YAML (mapping values are not allowed in '
        'this context) — a value that contains ": " must be quoted, e.g. '
        'title: "Mid-term reporting: a practical guide for NGOs"',
        "tools_library/other-tool.md:7: languages: 'xx' is not an ISO 639-1 language code — write the "
        "two-letter code, e.g. en (English), fr (French), es (Spanish), ar (Arabic), pt (Portuguese), "
        "no (Norwegian)",
    ]
    assert loaded == []


# --- attachments -----------------------------------------------------------------

def test_docm_attachment_is_rejected_with_file_and_line(tmp_path):
    s = make_root(tmp_path)
    (s.tools_dir / "files" / "survey.docm").write_bytes(b"PK\x03\x04 macro document")
    write_tool(s, "survey", extra="attachments:\n  - file: survey.docm\n    label: Survey\n")
    loaded, problems = tools.load(s)
    assert messages(problems) == [
        "tools_library/survey.md:12: attachment 'survey.docm': .docm files are not allowed (they can run "
        "code on the reader's computer) — save it as a Word Document (.docx) without macros"]
    assert loaded == []


def test_docx_carrying_macros_is_rejected(tmp_path):
    s = make_root(tmp_path)
    with zipfile.ZipFile(s.tools_dir / "files" / "survey.docx", "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/vbaProject.bin", b"\x00" * 10)
    write_tool(s, "survey", extra="attachments:\n  - file: survey.docx\n")
    _, problems = tools.load(s)
    assert messages(problems) == [
        "tools_library/survey.md:12: attachment 'survey.docx' contains macros (code that runs when it is "
        "opened) — remove the macros and save it again as a plain .docx"]


def test_program_renamed_to_pdf_is_rejected(tmp_path):
    s = make_root(tmp_path)
    (s.tools_dir / "files" / "guide.pdf").write_bytes(b"MZ\x90\x00" + b"\x00" * 100)
    write_tool(s, "guide", extra="attachments:\n  - file: guide.pdf\n")
    _, problems = tools.load(s)
    assert messages(problems) == [
        "tools_library/guide.md:12: attachment 'guide.pdf' is a program, not a .pdf file — share a PDF or "
        "Word version of the content instead"]


def test_oversized_attachment_is_rejected_at_the_default_10_mb(tmp_path):
    s = make_root(tmp_path)
    big = s.tools_dir / "files" / "big.pdf"
    with big.open("wb") as fh:
        fh.write(pdf_bytes())
        fh.truncate(10_000_001)
    ok = s.tools_dir / "files" / "ok.pdf"
    with ok.open("wb") as fh:
        fh.write(pdf_bytes())  # a real PDF: the build removes its metadata (issue 13), so it must open
        fh.truncate(10_000_000)
    write_tool(s, "big", extra="attachments:\n  - file: ok.pdf\n  - file: big.pdf\n")
    loaded, problems = tools.load(s)
    assert messages(problems) == [
        "tools_library/big.md:13: attachment 'big.pdf' is 10 MB, more than the 10 MB limit — make it "
        "smaller (e.g. save the PDF with reduced size, compress the images) or publish it elsewhere and "
        "write - link: https://… (the limit is max_attachment_mb in tools_library/config.yml)"]
    assert loaded == []


def test_size_limit_is_set_in_tools_library_config(tmp_path):
    s = make_root(tmp_path)
    (s.tools_dir / "config.yml").write_text("max_attachment_mb: 0.5\n", encoding="utf-8")
    (s.tools_dir / "files" / "notes.txt").write_text("x" * 600_000, encoding="utf-8")
    write_tool(s, "notes", extra="attachments:\n  - file: notes.txt\n")
    _, problems = tools.load(s)
    assert [p.format().split(" — ")[0] for p in problems] == [
        "tools_library/notes.md:12: attachment 'notes.txt' is 0.6 MB, more than the 0.5 MB limit"]
    (s.tools_dir / "config.yml").write_text("max_attachment_mb: big\n", encoding="utf-8")
    limit, problems = tools.max_attachment_bytes(s)
    assert limit == 10_000_000
    assert messages(problems) == ["tools_library/config.yml:1: max_attachment_mb must be a positive number "
                                  "of megabytes — write e.g. max_attachment_mb: 10"]


def test_attachment_types_paths_and_links(tmp_path):
    s = make_root(tmp_path)
    (s.tools_dir / "files" / "Checklist.pdf").write_bytes(pdf_bytes())
    (s.tools_dir / "files" / "fake.pdf").write_bytes(b"<html>")
    extra = ("attachments:\n"
             "  - file: checklist.pdf\n"           # 12: wrong case
             "  - file: ../../secrets.txt\n"       # 13
             "  - file: slides.zip\n"              # 14
             "  - file: fake.pdf\n"                # 15
             "  - link: htps//www.ohchr.org\n"     # 16
             "  - link: https://www.ohchr .org/x\n"  # 17
             "  - just-a-name.pdf\n"               # 18
             "  - link: https://www.ohchr.org/en/hr-bodies/upr/ngos-nhris\n"
             "  - file: files/Checklist.pdf\n")
    write_tool(s, "mixed", extra=extra)
    _, problems = tools.load(s)
    assert messages(problems) == sorted([
        "tools_library/mixed.md:12: attachment 'checklist.pdf' not found in tools_library/files/ — did you "
        "mean 'Checklist.pdf'? (names must match exactly, including capitals)",
        "tools_library/mixed.md:13: attachment '../../secrets.txt' must be a file name in tools_library/files/ "
        "— put the file directly in tools_library/files/ and write only its name, e.g. file: my-template.docx",
        "tools_library/mixed.md:14: attachment 'slides.zip': file type '.zip' is not allowed — use one of: "
        ".pdf, .docx, .odt, .xlsx, .ods, .md, .txt, .csv",
        "tools_library/mixed.md:15: attachment 'fake.pdf' is not a PDF file (it does not start with %PDF-) "
        "— export the document again as PDF and upload that file",
        "tools_library/mixed.md:16: link 'htps//www.ohchr.org' is not a web address — write the full address "
        "starting with https://",
        "tools_library/mixed.md:17: link 'https://www.ohchr .org/x' is not a well-formed web address — copy "
        "the address from the browser's address bar, e.g. https://www.ohchr.org/…",
        "tools_library/mixed.md:18: attachments[7] is a bare value: 'just-a-name.pdf' — write - file: "
        "just-a-name.pdf  (a file in tools_library/files/) or - link: https://…  (a web address)",
    ])


def test_valid_attachments_are_modelled(tmp_path):
    s = make_root(tmp_path)
    (s.tools_dir / "files" / "form.csv").write_text("question,answer\n", encoding="utf-8")
    write_tool(s, "form", extra="attachments:\n  - file: form.csv\n    label: Answer sheet\n"
                                "  - link: https://www.upr-info.org/en\n")
    loaded, problems = tools.load(s)
    assert messages(problems) == []
    a, b = loaded[0].attachments
    assert (a.file, a.label, a.size, a.extension, a.line) == ("form.csv", "Answer sheet", 16, "csv", 12)
    assert (b.link, b.label) == ("https://www.upr-info.org/en", "https://www.upr-info.org/en")


# --- other fields -----------------------------------------------------------------

def test_vocabularies_and_types_are_checked(tmp_path):
    s = make_root(tmp_path)
    (s.tools_dir / "Bad Name.md").write_text(
        "---\ntitle: A tool\nsummary: Short but long enough.\nkind: manual\nstages: [during]\n"
        "topics: [women]\nlanguages: [EN]\norganisation: X Y\nyear: '2026'\nlicence: CC BY\n"
        "licence_url: x\n---\nBody\n", encoding="utf-8")
    _, problems = tools.load(s)
    got = [p.format().split(" — ")[0] for p in problems]
    assert got == [
        "tools_library/Bad Name.md:1: file name 'Bad Name.md' is not a valid tool name (it becomes the page address)",
        "tools_library/Bad Name.md:11: unknown field 'licence_url'",
        "tools_library/Bad Name.md:4: kind must be one of: questionnaire, template, guide, checklist, training, "
        "other; got 'manual'",
        "tools_library/Bad Name.md:7: languages[1] has the wrong form: 'EN'",
        "tools_library/Bad Name.md:5: stages[1] must be one of: preparation, submission, pre-session, review, "
        "follow-up; got 'during'",
        "tools_library/Bad Name.md:6: topics[1] must be one of: " + ", ".join(tools.TOPICS) + "; got 'women'",
        "tools_library/Bad Name.md:9: year must be a whole number, got '2026'",
    ]
    assert problems[0].fix == "rename the file to bad-name.md (lower-case letters, digits and hyphens)"


def test_topics_are_upr_info_issues_plus_practice_topics():
    assert len(tools.UPR_INFO_ISSUES) == 56              # the Issue column of the 2018 export
    assert tools.TOPICS["womens-rights"] == "Women's rights"
    assert tools.TOPICS["rights-of-the-child"] == "Rights of the Child"
    assert tools.TOPICS["safety-and-reprisals"] == "Safety and reprisals"


def test_unknown_translation_is_reported(tmp_path):
    s = make_root(tmp_path)
    write_tool(s, "briefing-guide")
    write_tool(s, "guide-briefing-fr", title="Guide des réunions", languages="fr",
               extra="translation_of: briefing-guid\n")
    loaded, problems = tools.load(s)
    assert messages(problems) == []
    content = type("C", (), {"tools": loaded})()
    assert messages(tools.cross_check(content)) == [
        "tools_library/guide-briefing-fr.md:11: translation_of: no tool named 'briefing-guid' — did you mean "
        "'briefing-guide'?"]


# --- for other pages and the generated pages -----------------------------------------

XSS_TITLE = "\"Useful links <img src=x onerror=alert('xss-title')> [x](javascript:alert(1))\""


def test_tools_for_stage_and_links_markdown(tmp_path):
    s = make_root(tmp_path)
    write_tool(s, "briefing-guide")
    write_tool(s, "xss", title=XSS_TITLE)
    loaded, _ = tools.load(s)
    content = type("C", (), {"tools": loaded})()
    assert [t.slug for t in tools.tools_for_stage(content, "pre-session")] == ["briefing-guide", "xss"]
    assert tools.tools_for_stage(content, "follow-up") == []
    with pytest.raises(ValueError):
        tools.tools_for_stage(content, "pre-sessions")
    md = tools.tools_links_markdown(content, "pre-session", "states/nor.md")
    assert md.splitlines() == [
        "- [Briefing guide](../tools/briefing-guide.md) — guide (en)",
        "- [Useful links &lt;img src=x onerror=alert('xss-title')&gt; \\[x\\](javascript:alert(1))]"
        "(../tools/xss.md) — guide (en)",
    ]
    assert tools.tools_links_markdown(content, "review", "calendar/index.md") == ""


def test_pages_escape_front_matter_and_publish_only_used_files(tmp_path):
    s = make_root(tmp_path)
    (s.tools_dir / "files" / "steps.md").write_text("# Steps\n", encoding="utf-8")
    (s.tools_dir / "files" / "unused-private-notes.txt").write_text("do not publish", encoding="utf-8")
    write_tool(s, "xss", title=XSS_TITLE, extra="attachments:\n  - file: steps.md\n")
    loaded, problems = tools.load(s)
    assert messages(problems) == []
    written = {}

    class Ctx:
        settings = s
        content = type("C", (), {"tools": loaded})()
        lang = "fr"

        def write(self, rel, data):
            written[rel] = data

    tool_pages.generate(Ctx())
    assert sorted(written) == ["tools/files/steps.md.txt", "tools/index.md", "tools/xss.md"]
    page, index = written["tools/xss.md"], written["tools/index.md"]
    for text in (page, index):
        assert "<img" not in text
    assert "&lt;img src=x onerror=alert(&#x27;xss-title&#x27;)&gt;" in index
    assert "<h1 lang=\"en\">Useful links &lt;img src=x onerror=alert(&#x27;xss-title&#x27;)&gt;" in page
    front = yaml.safe_load(page.split("---\n")[1])
    assert front["title"].startswith("Useful links &lt;img")
    assert "[Markdown, 1 KB" not in page and "(Markdown, 1 KB)](files/steps.md.txt)" in page
    assert 'download="steps.md"' in page
    assert "## Télécharger" in page and "| Type | Guide |" in page       # French interface
    assert 'data-kind="guide" data-stage="pre-session" data-topic="upr-process advocacy" data-language="en"' in index
    assert '<span data-value="pre-session">Plaidoyer avant la session</span>' in index


# --- the issue form and the CLI ------------------------------------------------------------

def test_issue_form_is_valid_and_uses_the_vocabularies():
    path = ROOT / ".github" / "ISSUE_TEMPLATE" / "3-propose-a-tool.yml"
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    fields = {item.get("id"): item for item in form["body"]}
    def options(field_id):
        return [o.split(" — ")[0] for o in fields[field_id]["attributes"]["options"]]
    assert options("kind") == list(tools.KINDS)
    assert options("stages") == list(tools.STAGES)
    assert options("topics") == list(tools.TOPICS)
    result = subprocess.run([str(Path(sys.executable).with_name("check-jsonschema")), "--builtin-schema",
                             "vendor.github-issue-forms", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_upr_check_reports_docm_oversized_and_case_08_in_one_run(tmp_path):
    """The real CLI, on a repository holding only a tools library: every tool error
    is reported with file:line, and the run exits non-zero at the end."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    s = make_root(tmp_path)
    shutil.copy(CASES / "08-unquoted-colon-in-title/input/content/tools/midterm-reporting-guide.md", s.tools_dir)
    (s.tools_dir / "files" / "survey.docm").write_bytes(b"PK\x03\x04")
    with (s.tools_dir / "files" / "scan.pdf").open("wb") as fh:
        fh.write(b"%PDF-1.5\n")
        fh.truncate(12_400_000)
    write_tool(s, "survey", extra="attachments:\n  - file: survey.docm\n")
    write_tool(s, "scanned-guide", extra="attachments:\n  - link: https://www.ohchr.org/en/hr-bodies/upr\n"
                                         "  - file: scan.pdf\n")
    result = run_upr("check", env={"UPR_ROOT": str(tmp_path)})
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert ("tools_library/survey.md:12: attachment 'survey.docm': .docm files are not allowed (they can run "
            "code on the reader's computer) — save it as a Word Document (.docx) without macros") in lines
    assert any(line.startswith("tools_library/scanned-guide.md:13: attachment 'scan.pdf' is 12.4 MB, more than "
                               "the 10 MB limit — ") for line in lines)
    assert any(line.startswith("tools_library/midterm-reporting-guide.md:2:26: ") and "must be quoted" in line
               for line in lines)


def test_level_one_heading_in_body_is_a_warning_and_the_tool_is_kept(tmp_path):
    s = make_root(tmp_path)
    path = write_tool(s, "guide")
    path.write_text(path.read_text(encoding="utf-8") + "\n```\n# a comment in code\n```\n\n# Steps\n",
                    encoding="utf-8")
    loaded, problems = tools.load(s)
    assert messages(problems) == ["tools_library/guide.md:21: warning: a heading with one # repeats the page "
                                  "title level — start headings at ## (e.g. ## How to use it)"]
    assert [t.slug for t in loaded] == ["guide"]


def test_contributing_template_is_a_valid_tool(tmp_path):
    """The commented template in CONTRIBUTING passes the checks (docs cannot drift from code)."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Propose a tool", 1)[1]
    template = section.split("```markdown\n", 1)[1].split("\n```\n", 1)[0]
    s = make_root(tmp_path)
    (s.tools_dir / "files" / "implementation-questionnaire.docx").write_bytes(
        (FILES / "joint-submission-template.docx").read_bytes())
    (s.tools_dir / "my-tool.md").write_text(template + "\n", encoding="utf-8")
    loaded, problems = tools.load(s)
    assert messages(problems) == []
    assert loaded[0].translation_of == "implementation-evidence-questionnaire"
