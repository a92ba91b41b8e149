"""Bad input never hangs or crashes (issue 13, class 5).

Every vector is written into a fixture repository in tmp_path. Checks that could hang
(alias bombs, 100 KB lines) or crash the interpreter (100,000 nested brackets) run
``upr check`` in a child process that must *finish* within :data:`HANG` seconds and
report the right problem: the timeout detects a hang, it measures nothing (the figures
are in ``upr bench --long-lines``).
"""
from __future__ import annotations

import datetime as dt
import io
import os
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import icalendar
import openpyxl
import pytest
from conftest import ROOT, TODAY

from upr import calendar as ics, exports, privacy, safety, tools, yamlio
from upr.config import settings
from upr.content import load_content
from upr.followup import Assessment, FollowUp
from upr.problems import ERROR
from upr.recommendations import Recommendation

HANG = 300  # seconds: far above what a linear check takes on a busy 2-core machine, far below a hang


def repo(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    root = tmp_path / "repo"
    root.mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text("site_name: fixture\nsite_url: https://example.org/upr/\n", encoding="utf-8")
    for rel, data in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8", newline="")
    return root


def check(root: Path) -> tuple[int, list[str]]:
    """``upr check`` in a child process: (exit code, problem lines). Fails if it does not finish."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "scripts"), UPR_ROOT=str(root))
    result = subprocess.run([sys.executable, "-m", "upr", "check"], cwd=root, env=env, capture_output=True,
                            text=True, timeout=HANG)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return result.returncode, result.stdout.splitlines()


def problems(root: Path, path: str) -> list[str]:
    content = load_content(settings(root, TODAY))
    return [p.format() for p in content.problems if p.path == path]


ASSESSMENT = ("---\nrecommendations:\n  - SVN-48-140.7\nstatus: implemented\ndate: \"2026-01-05\"\n"
              "assessed_by: {by}\nsources:\n  - A/HRC/59/15/Add.1\n---\n\n{body}\n")
BOMB = ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(f"{k}: &{k} [{','.join(['*' + p] * 9)}]\n" for p, k in zip("abcdefgh", "bcdefghi")))


# --- YAML: alias bombs and deep nesting, in every reader -------------------------------------------

@pytest.mark.parametrize("rel, text, line", [
    ("states/followup/svn/2026-01-05-bomb.md", "---\n" + BOMB + "---\n\nText.\n", 3),
    ("groups/svn-48/index.md", "---\n" + BOMB + "---\n\nPlan.\n", 3),
    ("tools_library/config.yml", BOMB, 2),
    ("states/sessions.yml", BOMB, 2),
    ("docs/about.md", "---\n" + BOMB + "---\n\n# About\n", 3),
    ("docs/news/posts/2026-01-05-bomb.md", "---\n" + BOMB + "---\n\n# A post\n", 3),
])
def test_a_billion_laughs_is_refused_with_file_and_line_by_every_reader(tmp_path, rel, text, line):
    root = repo(tmp_path, {rel: text})
    code, lines = check(root)
    assert code == 1
    assert f"{rel}:{line}:8: YAML alias '*a' is not allowed — write the value out in full where it is needed " \
           "(aliases can make a small file expand into billions of values)" in lines


@pytest.mark.parametrize("value", ["[" * 100_000 + "]" * 100_000, "{a: " * 50_000 + "1" + "}" * 50_000])
def test_deep_flow_nesting_is_refused_not_a_segmentation_fault(tmp_path, value):
    rel = "states/followup/svn/2026-01-05-deep.md"
    root = repo(tmp_path, {rel: f"---\nrecommendations: {value}\n---\n\nText.\n"})
    code, lines = check(root)
    assert code == 1
    assert any(ln.startswith(f"{rel}:2:") and "nested more than 20 levels deep" in ln for ln in lines), lines


def test_deep_block_nesting_is_refused(tmp_path):
    deep = "".join("  " * i + "- \n" for i in range(1500)) + "  " * 1500 + "- x\n"
    one_line = "- " * 100_000 + "x\n"
    root = repo(tmp_path, {"states/sessions.yml": "sessions:\n" + deep, "tools_library/config.yml": one_line})
    code, lines = check(root)
    assert any(ln.startswith("states/sessions.yml:21:39:") and "nested more than 20" in ln for ln in lines), lines
    assert any(ln.startswith("tools_library/config.yml:1:") and "nested more than 20" in ln for ln in lines), lines


def test_nothing_but_upr_yamlio_parses_contributed_yaml():
    """The one reader: every other module and workflow script reads YAML through it
    (mkdocs.yml, the maintainers' configuration, is read by upr.mkconfig with PyYAML's
    SafeLoader; upr.mdtext reads a page's front matter exactly as MkDocs will, with
    SafeLoader, to make the fields the theme prints safe; MkDocs itself reads front
    matter only after upr check has passed it)."""
    code = [*(ROOT / "scripts" / "upr").rglob("*.py"), *(ROOT / ".github" / "scripts").rglob("*.py")]
    users = sorted(p.relative_to(ROOT).as_posix() for p in code
                   if re.search(r"yaml\.(load|safe_load|full_load|unsafe_load|compose|parse)\(|frontmatter",
                                p.read_text(encoding="utf-8")))
    assert users == ["scripts/upr/mdtext.py", "scripts/upr/mkconfig.py", "scripts/upr/yamlio.py"]


# --- characters that are not text --------------------------------------------------------------------

def test_a_carriage_return_escape_in_a_group_title_is_refused(tmp_path):
    rel = "groups/svn-48/index.md"
    root = repo(tmp_path, {rel: '---\nstate: SVN\nsession: 48\ntitle: "Slovenia coalition\\rX-INJECTED:yes"\n---\n'})
    assert f"{rel}:4:8: a carriage return (U+000D) is not allowed (written as an escape in this quoted value) — " \
           "delete the escape (\\r, \\v, \\f, \\x…, \\u…) from the quoted value; for a text on several lines write  " \
           "key: |  and the lines below it, indented" in problems(root, rel)


LINE_BREAK_FIX = ("delete it and press Enter for a new line (it is invisible: it usually comes from copying text out "
                  "of Word or a PDF)")
INVISIBLE_FIX = "delete it (it is invisible: it usually comes from copying text out of Word or a PDF)"
OVERRIDE_FIX = "delete it: it makes the text display in another order than it is written"


@pytest.mark.parametrize("char, name, fix", [
    ("\x0b", "a vertical tab (U+000B)", LINE_BREAK_FIX), ("\x0c", "a form feed (U+000C)", LINE_BREAK_FIX),
    ("\x1b", "an escape character (U+001B)", INVISIBLE_FIX),
    ("\x85", "a next-line character (NEL) (U+0085)", LINE_BREAK_FIX),
    ("\u2028", "a line separator (U+2028)", LINE_BREAK_FIX), ("\u2029", "a paragraph separator (U+2029)", LINE_BREAK_FIX),
    ("\u202e", "a right-to-left override (U+202E)", OVERRIDE_FIX), ("\x00", "a NUL character (U+0000)", INVISIBLE_FIX),
])
def test_characters_that_are_not_text_are_refused_with_their_name_everywhere(tmp_path, char, name, fix):
    files = {
        "states/followup/svn/2026-01-05-a.md": ASSESSMENT.format(by="svn-48", body=f"First line.\nSee{char}here."),
        "states/recommendations/svn.csv": "id,text\nSVN-48-140.7,\"Ratify the\nconvention\"\n"
                                          f"SVN-48-140.8,Adopt{char}a law\n",
        "docs/about.md": f"# About\n\nText{char}.\n",
        "groups/svn-48/index.md": f"---\nstate: SVN\ntitle: Slovenia{char}coalition\n---\n",
    }
    root = repo(tmp_path, files)
    found = {p.format() for p in load_content(settings(root, TODAY)).problems if name in p.message}
    assert found == {
        f"states/followup/svn/2026-01-05-a.md:12:4: {name} is not allowed — {fix}",
        f"states/recommendations/svn.csv:4:19: {name} is not allowed — {fix}",
        f"docs/about.md:3:5: {name} is not allowed — {fix}",
        f"groups/svn-48/index.md:3:16: {name} is not allowed — {fix}",
    }


def test_a_file_full_of_control_characters_gives_a_few_problems_not_thousands(tmp_path):
    root = repo(tmp_path, {"docs/about.md": "# About\n" + "a\x0bb\n" * 5000})
    found = problems(root, "docs/about.md")
    assert len(found) == 11  # ten lines, then a count of the rest
    assert found[-1] == ("docs/about.md:11: 4990 more line(s) after this one hold characters that are not text — "
                         "search the file for them and delete them")


def test_a_file_name_with_a_character_that_is_not_text_is_refused(tmp_path):
    root = repo(tmp_path, {"tools_library/files/report\u202efdp.exe": b"MZ", "docs/a\x0bb.md": "# A\n",
                           "groups/svn-48\n/index.md": "---\nstate: SVN\n---\n"})
    found = sorted(p.format() for p in load_content(settings(root, TODAY)).problems if "the name holds" in p.message)
    assert found == [
        "docs/a?b.md: the name holds a vertical tab (U+000B) — rename it with letters, digits, hyphens and dots only",
        "groups/svn-48?: the name holds a line feed (U+000A) — rename it with letters, digits, hyphens and dots only",
        "tools_library/files/report?fdp.exe: the name holds a right-to-left override (U+202E) — rename it with "
        "letters, digits, hyphens and dots only"]


def test_the_data_handed_on_never_holds_the_character(tmp_path):
    data, found = yamlio.load_yaml('title: "A\\vB\\u2028C\\x1bD"\nname: "E\\rF"\n', "x.yml")
    assert data == {"title": "A B C D", "name": "E F"}
    assert [p.line for p in found] == [1, 2]
    doc = yamlio.parse_front_matter("---\ntitle: x\n---\nBody\x0bwith\u2029breaks\n", "x.md")
    assert doc.body == "Body with breaks\n"
    assert [(p.line, p.col) for p in doc.problems] == [(4, 5)]  # one problem per line: the first character


def _state_calendar():
    from upr.sessions import Calendar
    return Calendar(sessions={}, updated=dt.date(2026, 11, 1))


@pytest.mark.parametrize("title", ["Togo coalition folded\n", "Togo\rX-INJECTED:yes", "Togo\x0bcoalition\x0c",
                                   "Togo\u2028coalition", "Line one\nline two\n"])
def test_ics_names_and_summaries_stay_on_one_line(title):
    event = ics.Event(uid=f"x-{len(title)}@upr-platform", summary=title, start=dt.date(2026, 1, 5),
                      end=dt.date(2026, 1, 6), description="First\rsecond\x0bthird", location=title,
                      categories=[title])
    raw = ics.group_feed(_state_calendar(), title, [event])
    assert re.search(rb"\r(?!\n)|(?<!\r)\n|[\x00-\x08\x0b\x0c\x0e-\x1f]", raw) is None
    cal = icalendar.Calendar.from_ical(raw)
    name = str(cal["X-WR-CALNAME"])
    assert name == "UPR country group: " + " ".join(re.split(r"[\s\x0b\x0c\u2028]+", title.strip()))
    vevent = cal.walk("VEVENT")[0]
    assert "\n" not in str(vevent["SUMMARY"]) and "\n" not in str(vevent["LOCATION"])
    assert str(vevent["DESCRIPTION"]) == "First\nsecond\nthird"


def _recommendation(text: str) -> Recommendation:
    return Recommendation("SVN-48-140.7", "SVN", 4, 48, "140.7", text, ["NOR"], "supported", None,
                          ["Women's rights\x0b"], [], [], "fixture", "A/HRC/59/1", "fixture", line=2)


def _followup(body: str) -> FollowUp:
    return FollowUp.of([Assessment("states/followup/svn/a.md", "SVN", "a", ["SVN-48-140.7"], "implemented",
                                   dt.date(2026, 1, 5), "Coalition\x1b[31m", ["A/HRC/59/1"], body)])


HOSTILE = "Adopt\x0ba law\x0c now\rplease\x00\x1b[31m\u2028red\ud800"


def test_xlsx_and_csv_exports_write_text_with_control_characters():
    rec, fu = _recommendation(HOSTILE), _followup(HOSTILE)
    ws = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx([rec], fu, "SVN")))["SVN"]
    row = [c.value for c in ws[2]]
    assert row[5] == "Adopt\na law\n now\nplease[31m\nred\ufffd"
    assert row[exports.HEADER.index("assessed_by")] == "Coalition[31m"
    raw = exports.to_csv([rec], fu)
    assert re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xe2\x80\xa8", raw) is None


def test_word_matrix_writes_text_with_control_characters():
    raw = exports.matrix_docx([_recommendation(HOSTILE)], _followup(HOSTILE), "Slo\x0bvenia", 4)
    table = docx.Document(io.BytesIO(raw)).tables[0]
    assert table.rows[2].cells[0].text.startswith("140.7 Adopt\na law\n now\nplease[31m\nred\ufffd")


def test_word_submission_is_written_from_a_draft_with_control_characters(tmp_path):
    from upr import submission
    from upr.groups import Group, Member
    draft = ('---\ntitle: "Joint\\vsubmission on Slovenia"\nstate: SVN\n---\n\n## Coalition\n\n- A\n\n'
             "## Introduction\n\n1. Text\x0bwith\x0cbreaks\u2028and\x1bescape.[^1]\n\n"
             "## Recommendations\n\n2. Do it.\n\n[^1]: Note\x0bwith a tab.\n")
    folder = tmp_path / "groups" / "svn-48"
    folder.mkdir(parents=True)
    (folder / "submission.md").write_text(draft, encoding="utf-8")
    group = Group(slug="svn-48", path="groups/svn-48/index.md", folder=folder, state="SVN", session=48,
                  status="drafting", contacts=[], members=[Member("Example NGO")], languages=["en"], cycle=4)
    out = submission.to_docx(group, tmp_path / "out.docx")
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Joint submission on Slovenia" in text and "Text with breaks and escape." in text
    assert submission.read_footnotes(out) == ["Note with a tab."]


def test_a_commit_subject_with_control_characters_reaches_the_changes_feed_as_text():
    """Commit messages come with pull requests: an escape character crashed the Atom feed."""
    from upr import gitinfo
    raw = ("\x1e" + "a" * 40 + "\x1f2026-11-30T10:00:00+00:00\x1fAna\x1b[31m Red\x1fFix \x1b[31mcolour\x0b"
           "and\rmore\x1f\0states/svn.md\0")
    [(sha, when, authors, subject, files)] = gitinfo.parse_log(raw)
    assert (authors, subject, files) == (("Ana[31m Red",), "Fix [31mcolour and more", ("states/svn.md",))


# --- long lines: every check finishes, and says what is wrong -----------------------------------------

LINE = 100_000


def _long(token: str) -> str:
    return (token * (LINE // len(token) + 1))[:LINE]


def test_a_100_kb_line_anywhere_is_reported_and_the_check_finishes(tmp_path):
    tokens = ["<a ", "<!--", "%", "<https:", "[", "`", "\\", "[a](", "a@", "+1 "]
    files = {}
    for i, token in enumerate(tokens):
        files[f"docs/long-{i}.md"] = f"# Page {i}\n\n{_long(token)}\n"
        files[f"states/followup/svn/2026-01-0{i}-long.md"] = ASSESSMENT.format(by="svn-48", body=_long(token))
    files["tools_library/config.yml"] = f"note: \"{_long('<a ')}\"\n"
    files["states/recommendations/svn.csv"] = f"id,text\nSVN-48-140.7,\"{_long('[')}\"\n"
    files["groups/svn-48/index.md"] = f"---\nstate: SVN\ntitle: >\n  {_long('[a](')}\n---\n\n# {_long('`')}\n"
    root = repo(tmp_path, files)
    code, lines = check(root)
    assert code == 1
    fix = "break it into several lines: a paragraph may span many lines (a blank line starts a new one)"
    too_long = "this line is {:,} characters long (at most 20,000) — " + fix
    for i in range(len(tokens)):
        assert f"docs/long-{i}.md:3: " + too_long.format(LINE) in lines, i
        assert f"states/followup/svn/2026-01-0{i}-long.md:11: " + too_long.format(LINE) in lines, i
    assert "tools_library/config.yml:1: " + too_long.format(LINE + len('note: ""')) in lines
    assert "states/recommendations/svn.csv:2: " + too_long.format(LINE + len('SVN-48-140.7,""')) in lines
    assert "groups/svn-48/index.md:3:8: this value is 100,000 characters long (at most 10,000) — shorten it; " \
           "a long text belongs below the front matter, in the Markdown" in lines
    assert "groups/svn-48/index.md:7: " + too_long.format(LINE + 2) in lines


@pytest.mark.parametrize("line, message", [
    ("[" * 301, "301 '[' on one line (at most 300)"),
    ("<b " * 501, "501 '<' on one line (at most 500)"),
    ("*" * 201 + "a", "more than 200 '*' in a row"),
    ("1. " * 40 + "x", "more than 32 quotes or list markers open this line"),
    ("> " * 40 + "x", "more than 32 quotes or list markers open this line"),
    (" " * 300 + "??? note", "this line is indented by more than 256 columns"),
])
def test_markdown_that_python_markdown_cannot_render_in_time_is_refused(tmp_path, line, message):
    root = repo(tmp_path, {"docs/page.md": f"# Page\n\n{line}\n"})
    assert [p.split(" — ")[0] for p in problems(root, "docs/page.md")] == [f"docs/page.md:3: {message}"]


def test_ordinary_markdown_is_within_the_limits():
    from upr import limits
    text = ("# Title\n\n> A quote\n> > nested\n\n- a list\n  - nested [link](https://example.org) and `code`\n"
            "1. one\n2. two\n\n***\n\n" + "A long paragraph line with words. " * 500 + "\n\n| a | b |\n|---|---|\n")
    assert limits.line_problems(text, "x.md", "md") == []


def test_code_spans_are_found_as_the_regular_expression_finds_them():
    rng = random.Random(13)
    lines = ["".join(rng.choice("``` ab<") for _ in range(rng.randint(1, 30))) for _ in range(50_000)]
    old = lambda line: safety._CODE_SPAN.sub(lambda m: m.group(1) + " " * len(m.group(2)) + m.group(1), line)  # noqa
    assert [safety.mask_spans(x) for x in lines] == [old(x) for x in lines]


def test_a_loose_event_handler_is_found_as_before():
    old = re.compile(r"<[a-zA-Z][^>\n]*?[\s/\"'](on[a-z]+)\s*=", re.I)
    rng = random.Random(15)
    for _ in range(20_000):
        text = "".join(rng.choice(["<a", "<1", " onx=", " ", "'", ">", "\n", "b", "<"]) for _ in range(rng.randint(1, 12)))
        before = {text.count("\n", 0, m.start()) for m in old.finditer(text)}
        after = {text.count("\n", 0, m.start()) for m in safety._LOOSE_HANDLER.finditer(text)}
        assert before == after, text


# --- zip bombs: refused from the central directory, before anything is decompressed ---------------------

def _bomb(path: Path, megabytes: int = 20) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as fh:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                fh.write(chunk)
    return path


def _lying(path: Path, declared: int) -> Path:
    """A small zip whose central directory declares ``declared`` bytes for its member."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "<w:document/>" * 10)
    raw = bytearray(buf.getvalue())
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 24:central + 28] = declared.to_bytes(4, "little")  # uncompressed size
    path.write_bytes(bytes(raw))
    return path


def test_a_zip_bomb_attachment_is_refused_without_decompressing_it(tmp_path, monkeypatch):
    files = tmp_path / "files"
    files.mkdir()
    _bomb(files / "template.docx")

    def refuse(*args, **kwargs):
        raise AssertionError("a member was decompressed")
    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "read", refuse)
    with zipfile.ZipFile(files / "template.docx") as zf:  # the central directory: what the file declares
        info = zf.getinfo("word/document.xml")
    ratio = info.file_size // info.compress_size
    att, found = tools._check_file("template.docx", "tools_library/x.md", 9, files, 10 * 1024 * 1024)
    assert [p.format() for p in found] == [
        f"tools_library/x.md:9: attachment 'template.docx' is refused: 'word/document.xml' inside it is "
        f"compressed {ratio:,} to 1 (a zip bomb; real documents stay under 200 to 1) — open it and save it again "
        "as .docx; if it really is that big, publish it elsewhere and write - link: https://…"]
    assert ratio > 500


def test_an_attachment_over_the_size_limit_is_not_read(tmp_path, monkeypatch):
    files = tmp_path / "files"
    files.mkdir()
    (files / "notes.txt").write_bytes(b"x" * 1_500_000)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read"))
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: pytest.fail(f"{self} was opened"))
    att, found = tools._check_file("notes.txt", "tools_library/x.md", 9, files, 1_000_000)
    assert [p.format().split(" — ")[0] for p in found] == [
        "tools_library/x.md:9: attachment 'notes.txt' is 1.5 MB, more than the 1 MB limit"]


def test_declared_sizes_over_the_total_are_refused(tmp_path):
    from upr import archives
    path = _lying(tmp_path / "big.xlsx", 300 * 1024 * 1024)
    assert archives.check_file(path) == "it would decompress to more than 256 MB"


def test_a_member_that_holds_more_than_it_declares_is_never_read_past_its_size(tmp_path):
    from upr import archives
    path = _lying(tmp_path / "liar.docx", 10)
    with zipfile.ZipFile(path) as zf:
        info = zf.infolist()[0]
        with pytest.raises((archives.ArchiveTooBig, zipfile.BadZipFile)):
            archives.read_member(zf, info)


def test_the_privacy_scan_refuses_a_zip_bomb_in_the_site(tmp_path):
    from upr import archives
    site = tmp_path / "site"
    site.mkdir()
    _bomb(site / "attachment.docx")
    source = privacy.Source("groups/x/index.md", 3, "members[1].organisation")
    with pytest.raises(archives.ArchiveTooBig, match="attachment.docx: 'word/document.xml' inside it is compressed"):
        privacy.scan([site], {"Hidden Organisation": source})


def test_the_ohchr_importer_refuses_a_zip_bomb(tmp_path):
    from upr.importers import ohchr_docx
    items, found = ohchr_docx.read_list(_bomb(tmp_path / "list.docx"), "list.docx")
    assert items == [] and len(found) == 1
    assert found[0].format().startswith("list.docx: refused: 'word/document.xml' inside it is compressed")
