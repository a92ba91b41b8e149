"""How the privacy scan recognises a private value (issue 13): any encoding, markup
between the words, slugs and file names, short values as whole words only."""
from __future__ import annotations

import gzip
import io
import json
import zipfile

import pytest

from upr import privacy
from upr.privatetext import MIN_CHARS, Matcher, normalize, searchable

AWA = "Awa K."
CDA = "Collectif des défenseures d'Abidjan"


@pytest.mark.parametrize("text", [
    "Awa K.", "AWA K.", "Awa&nbsp;K.", "Awa&#160;K.", "Awa <b>K.</b>", "Awa <span class=\"x\">K.</span>",
    "<p>Awa</p>\n<p>K.</p>", "Awa%20K.", "Awa+K.", "\"Aw\\u00e1 K.\"", "awa-k", "awa_k.pdf", "A\u00adwa K.",
    "<img alt=\"Awa K.\" src=\"x.png\">", "<!-- Coordinator: Awa K. -->", "Awa\u200b K.", "Ａｗａ Ｋ.",
    "&amp;nbsp;Awa&amp;nbsp;K.", "\\u0041wa K.",
])
def test_a_short_name_is_found_in_every_encoding(text):
    assert Matcher({AWA: "src"}).find(text) == ["src"], normalize(text)


@pytest.mark.parametrize("text", [
    "Collectif des défenseures d&#39;Abidjan", "collectif-des-defenseures-d-abidjan",
    "collectif-des-defenseures-dabidjan", "collectifdesdefenseuresdabidjan", "COLLECTIF DES DÉFENSEURES D’ABIDJAN",
    "Collectif des <em>défenseures</em> d'Abid<b>jan</b>", "Collectif%20des%20d%C3%A9fenseures%20d%27Abidjan",
    "{\"text\": \"Collectif des d\\u00e9fenseures d\\u0027Abidjan\"}", "/groups/collectif_des_defenseures_dabidjan/",
])
def test_a_long_value_is_found_as_slug_file_name_and_with_its_words_run_together(text):
    assert Matcher({CDA: "src"}).find(text) == ["src"], normalize(text)


@pytest.mark.parametrize("text, found", [
    ("The AIDH report", True), ("L'AIDH", True), ("aidh-report.pdf", True), ("groups/aidh/", True),
    ("<abbr title=\"x\">AIDH</abbr>", True), ("SAIDH", False), ("aidhx", False), ("raidhi", False),
    ("A I D H", False), ("AI<b>DH</b>", False),  # a short value split inside a word by markup: documented limit
])
def test_a_short_acronym_matches_whole_words_only(text, found):
    assert bool(Matcher({"AIDH": 1}).find(text)) is found


def test_values_too_short_to_recognise_are_set_aside():
    m = Matcher({"K.": 1, "AI": 2, "AIDH": 3, "王伟": 4})
    assert sorted(m.too_short) == ["AI", "K."]
    assert not searchable("K.") and searchable("ABC") and MIN_CHARS == 3
    assert m.find("我是王伟的朋友") == [4]  # each Chinese character is a word: a two-character name is found


def test_web_addresses_are_found_whatever_their_scheme():
    m = Matcher({"https://example.org/hidden": 1})
    assert m.find("see http://www.example.org/hidden/") == [1]
    assert m.find("https://example.org/public") == []


SRC = privacy.Source("groups/x/index.md", 8, "members[2].acronym")


@pytest.mark.parametrize("name, data", [
    ("groups/x/index.html", b"<p>Coalition: <abbr>QXZW</abbr></p>"),
    ("search/search_index.json", json.dumps({"text": "Member: QXZW."}).encode()),
    ("x.ics", "DESCRIPTION:Speakers: QXZW\\, others".encode()),
    ("x.csv", "a,b\r\n1,QXZW\r\n".encode("utf-16")),  # UTF-16, as some exports write
    ("sitemap.xml.gz", gzip.compress(b"<loc>https://x/qxzw/</loc>")),
])
def test_the_scan_finds_a_short_value_in_every_kind_of_file(tmp_path, name, data):
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_bytes(data)
    (tmp_path / "clean.html").write_text("<p>SQXZW and qxzwa are other words</p>")
    leaks = privacy.scan([tmp_path], {"QXZW": SRC})
    assert [(leak.file, leak.source) for leak in leaks] == [(name, SRC)]


def test_the_scan_finds_a_value_in_file_names_and_zip_member_names(tmp_path):
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "qxzw-report.pdf").write_bytes(b"%PDF-1.4 nothing")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/media/qxzw.png", b"\x89PNG")
    (tmp_path / "export.docx").write_bytes(buf.getvalue())
    leaks = privacy.scan([tmp_path], {"QXZW": SRC})
    assert sorted((leak.file, leak.member) for leak in leaks) == [
        ("export.docx", privacy.FILE_NAME), ("files/qxzw-report.pdf", privacy.FILE_NAME)]


def test_history_values_are_looked_for_only_in_the_recent_changes_pages(tmp_path):
    (tmp_path / "changes").mkdir()
    (tmp_path / "changes" / "feed.xml").write_text("<title>Add Old Secret Name</title>")
    (tmp_path / "index.html").write_text("<p>Old Secret Name was made public since.</p>")
    leaks = privacy.scan([tmp_path], {}, {"changes": {"Old Secret Name": SRC}})
    assert [leak.file for leak in leaks] == ["changes/feed.xml"]
