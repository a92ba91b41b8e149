"""Joint submission drafts: Word-style word count, OHCHR form checks, Word export (issue 5)."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from conftest import SITE_FIXTURE, run_upr
from upr import groups, submission
from upr.config import Settings

# A test document whose Word count was established by hand, token by token:
# The(1) State(2) under(3) Review(4) —(no) Togo(5) —(no) supported(6) 217(7) recommendations(8)
# in(9) 2022.(10) Human-rights(11) defenders(12) (HRDs)(13) said:(14) “We(15) need(16)
# A/HRC/WG.6/40/TGO/1(17) implemented!”(18) See(19) https://example.org/report.(20) –(no)
# 12.5%(21) of(22) children(23) …(no) were(24) registered;(25) 3(26) of(27) 4(28) weren't.(29)
HAND_COUNTED = ("The State under Review — Togo — supported 217 recommendations in 2022. Human-rights "
                "defenders (HRDs) said: “We need A/HRC/WG.6/40/TGO/1 implemented!” See "
                "https://example.org/report. – 12.5% of children … were registered; 3 of 4 weren't.")
HAND_COUNT = 29


def test_word_count_matches_a_hand_count_within_one_percent():
    counted = submission.word_count(HAND_COUNTED)
    assert abs(counted - HAND_COUNT) <= HAND_COUNT * 0.01
    assert counted == 29


def test_word_count_rules_hyphen_dash_and_other_scripts():
    assert submission.word_count("human-rights") == 1
    assert submission.word_count("— – … ; ( )") == 0
    assert submission.word_count("droits de l’homme") == 3
    assert submission.word_count("حقوق الإنسان") == 2


def test_markdown_markup_does_not_change_the_count():
    marked = ("The **State under Review** — *Togo* — supported 217 recommendations in 2022.[^1] "
              "[Human-rights defenders](https://example.org/hrd) (HRDs) said:")
    assert submission.word_count(submission.plain(marked)) == 14


def _group_folder(tmp_path: Path, index: str, draft: str | None) -> tuple[Settings, groups.Group]:
    folder = tmp_path / "groups" / "tgo-54"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(index, encoding="utf-8")
    if draft is not None:
        (folder / "submission.md").write_text(draft, encoding="utf-8")
    s = Settings(root=tmp_path)
    loaded, problems = groups.load(s, None)
    assert [p.format() for p in problems] == []
    return s, loaded["tgo-54"]


INDEX = """---
state: TGO
session: 54
status: drafting
contacts:
  - organisation: Example NGO One
    role: coordinator
    channel: https://example.org/one
members:
  - organisation: Example NGO One
  - organisation: Example NGO Two
  - organisation: Example NGO Hidden Partner
    confidential: true
languages: [en]
submission:
  word_limit: 120
---
"""

BAD_DRAFT = """---
title: Joint submission on Togo
state: SYR
---

## Introduction

1. First paragraph about Togo.[^1]

An unnumbered paragraph.

5. A paragraph numbered five, written with Example NGO Hidden Partner.[^2]

[^1]: A source.
[^3]: A note nobody cites.
"""


def test_check_reports_every_form_problem_with_its_line(tmp_path):
    s, group = _group_folder(tmp_path, INDEX, BAD_DRAFT)
    result, problems = submission.check(group, settings=s)
    text = "\n".join(p.format() for p in problems)
    assert "groups/tgo-54/submission.md:3: the draft is about SYR but the group is for TGO" in text
    assert "groups/tgo-54/submission.md:6: a joint submission must list its member organisations at the start" in text
    assert "groups/tgo-54/submission.md:10: paragraph is not numbered — start the paragraph with  2. " in text
    assert "groups/tgo-54/submission.md:12: paragraph numbered 5, expected 3" in text
    assert "groups/tgo-54/submission.md:12: the draft names a confidential member" in text
    assert "groups/tgo-54/submission.md:12: footnote [^2] is used but never written" in text
    assert "groups/tgo-54/submission.md:15: warning: footnote [^3] is never referred to" in text
    assert "there is no recommendations section" in text
    assert result.limit == 120 and result.total < 120


GOOD_DRAFT = """---
title: Joint submission on Togo
state: TGO
kind: joint
---

## Coalition

- Example NGO One
- Example NGO Two

## Civic space

1. Gatherings were prohibited on general grounds.[^1] This sentence has **bold** words.

2. Defenders face summonses.

## Recommendations

3. The coalition recommends that Togo:

- adopt a law on human rights defenders;
- publish yearly figures.

## Annex 1: Method

Interviews in five regions between September 2025 and April 2026.

[^1]: Interviews held by member organisations in 2025.
"""


def test_good_draft_passes_and_settings_change_what_counts(tmp_path):
    s, group = _group_folder(tmp_path, INDEX, GOOD_DRAFT)
    result, problems = submission.check(group, settings=s)
    assert [p.format() for p in problems] == []
    assert result.footnotes == 7 and result.annexes == 13  # counted by hand
    assert result.total == result.main + 7
    no_notes, _ = submission.check(group, count_footnotes=False, count_annexes=True, settings=s)
    assert no_notes.total == result.main + 13


def test_over_the_limit_is_an_error_naming_the_excess(tmp_path):
    long_draft = GOOD_DRAFT.replace("2. Defenders face summonses.", "2. " + "word " * 200)
    s, group = _group_folder(tmp_path, INDEX, long_draft)
    result, problems = submission.check(group, settings=s)
    assert result.total > 120
    assert any(f"over OHCHR's limit of 120 for a joint submission by {result.total - 120:,} words" in p.message
               for p in problems)


def test_docx_holds_paragraphs_footnotes_page_field_and_public_coalition(tmp_path):
    s, group = _group_folder(tmp_path, INDEX, GOOD_DRAFT)
    out = submission.to_docx(group, tmp_path / "out.docx", settings=s)
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Joint submission on Togo"
    assert "Example NGO One" in texts and "Example NGO Two" in texts
    assert not any("Hidden Partner" in t for t in texts)
    assert "1.\tGatherings were prohibited on general grounds. This sentence has bold words." in texts
    assert "3.\tThe coalition recommends that Togo:" in texts
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert bold == ["bold"]
    assert submission.read_footnotes(out) == ["Interviews held by member organisations in 2025."]
    with zipfile.ZipFile(out) as zf:
        body = zf.read("word/document.xml").decode()
        footer = "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("word/footer"))
        settings_xml = zf.read("word/settings.xml").decode()
    assert 'w:footnoteReference w:id="1"' in body
    assert 'w:instr=" PAGE "' in footer
    assert "<w:footnotePr>" in settings_xml


def test_docx_bytes_are_reproducible(tmp_path, monkeypatch):
    import time
    s, group = _group_folder(tmp_path, INDEX, GOOD_DRAFT)
    first = submission.to_docx(group, tmp_path / "a.docx", settings=s).read_bytes()
    real = time.localtime
    monkeypatch.setattr(time, "localtime", lambda *a: real(time.time() + 3600))  # an hour later
    second = submission.to_docx(group, tmp_path / "b.docx", settings=s).read_bytes()
    assert first == second


def test_count_equals_the_words_of_the_exported_document(tmp_path):
    """The check counts exactly what the Word file holds (±1%), on the real example draft."""
    src = SITE_FIXTURE / "groups" / "tgo-54"
    shutil.copytree(src, tmp_path / "groups" / "tgo-54")
    s = Settings(root=tmp_path)
    group = groups.load(s, None)[0]["tgo-54"]
    result, problems = submission.check(group, settings=s)
    assert [p for p in problems if p.severity == "error"] == []
    out = submission.to_docx(group, tmp_path / "tgo.docx", settings=s)
    document = docx.Document(str(out))
    in_word = sum(submission.word_count(p.text) for p in document.paragraphs)
    in_word += sum(submission.word_count(n) for n in submission.read_footnotes(out))
    everything = result.main + result.footnotes + result.annexes
    assert abs(in_word - everything) <= everything * 0.01
    assert 700 <= result.total <= 900  # the example draft is about 800 words
    assert len(submission.read_footnotes(out)) == 2


def test_cli_check_and_docx_on_the_example_group(tmp_path, site_root):
    def upr(*args):
        return run_upr(*args, cwd=site_root, env={"UPR_ROOT": str(site_root)})
    result = upr("submission", "check", "tgo-54")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "words counted of 5,630 allowed" in result.stdout
    assert "footnotes counted" in result.stdout and "annexes not counted" in result.stdout
    flags = upr("submission", "check", "tgo-54", "--no-footnotes", "--include-annexes")
    assert "footnotes not counted" in flags.stdout and "annexes counted" in flags.stdout
    out = tmp_path / "tgo.docx"
    made = upr("submission", "docx", "tgo-54", "--out", str(out))
    assert made.returncode == 0, made.stderr
    assert docx.Document(str(out)).paragraphs[0].text.startswith("Joint submission on Togo")
    missing = upr("submission", "check", "xyz-99")
    assert missing.returncode == 2 and "no valid group 'xyz-99'" in missing.stderr
