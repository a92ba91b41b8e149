"""The strict reader of hand-written YAML and front matter (cases 01, 02, 07, 08)."""
from __future__ import annotations

import pytest

from conftest import CASES
from upr.yamlio import (YamlSyntaxError, dump_yaml, load_yaml, parse_front_matter, read_document,
                        read_text, read_yaml_file)

CASE01 = CASES / "01-windows-saved-markdown" / "input" / "content" / "states"


@pytest.mark.parametrize("name,iso2,iso3", [("norway", "NO", "NOR"), ("sweden", "SE", "SWE"),
                                            ("denmark", "DK", "DNK")])
def test_bom_and_crlf_files_keep_their_front_matter(name, iso2, iso3):
    raw = (CASE01 / f"{name}.md").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf---") or b"\r\n" in raw  # the fixture really is Windows-saved
    doc = read_document(CASE01 / f"{name}.md")
    assert doc.problems == []
    assert doc.meta["iso2"] == iso2 and doc.meta["iso3"] == iso3 and doc.meta["cycle"] == 4
    assert all("\r" not in str(v) for v in doc.meta.values())
    assert "iso3:" not in doc.body and doc.body.lstrip().startswith(f"# {name.capitalize()}")


def test_norway_and_other_yaml11_booleans_stay_strings():
    case = CASES / "02-norway-no-boolean" / "input"
    group, problems = read_yaml_file(case / "data" / "groups" / "nordic-states.yaml")
    assert problems == []
    assert group["members"] == ["DK", "FI", "IS", "NO", "SE"]
    assert group["focal_points"]["NO"] == "Oslo office"
    assert False not in group["focal_points"]
    assert read_document(case / "content" / "states" / "norway.md").meta["iso2"] == "NO"
    assert read_document(case / "content" / "tools" / "veileder-oppfolging-upr.md").meta["language"] == "no"
    data, _ = load_yaml("a: yes\nb: off\nc: On\nd: n\ne: y\nf: true\ng: False\n")
    assert data == {"a": "yes", "b": "off", "c": "On", "d": "n", "e": "y", "f": True, "g": False}


def test_numbers_that_are_codes_keep_their_digits():
    data, _ = load_yaml("m49: 012\npara: 115.10\nother: 115.1\ntime: 12:30\nday: 2025-01-20\n"
                        "year: 2023\nneg: -4\nhex: 0x1F\nexp: 1e3\n")
    assert data == {"m49": "012", "para": "115.10", "other": "115.1", "time": "12:30",
                    "day": "2025-01-20", "year": 2023, "neg": -4, "hex": "0x1F", "exp": "1e3"}


def test_duplicate_keys_are_reported_with_both_lines_and_the_first_value_kept():
    path = CASES / "07-duplicate-keys" / "input" / "content" / "recommendations" / "norway" / "115-10.md"
    doc = read_document(path, display="states/followup/nor/115-10.md")
    messages = [p.format() for p in doc.problems]
    assert messages[0].startswith("states/followup/nor/115-10.md:9: duplicate key 'status' (first defined on line 6)")
    assert messages[1].startswith("states/followup/nor/115-10.md:10: duplicate key 'status_updated' (first defined on line 7)")
    assert len(messages) == 2
    assert doc.meta["id"] == "115.10" and doc.meta["status"] == "not-started"


def test_unquoted_colon_names_file_line_column_and_the_quoted_fix():
    path = CASES / "08-unquoted-colon-in-title" / "input" / "content" / "tools" / "midterm-reporting-guide.md"
    doc = read_document(path, display="tools_library/midterm-reporting-guide.md")
    assert len(doc.problems) == 1
    text = doc.problems[0].format()
    assert text.startswith("tools_library/midterm-reporting-guide.md:2:26: front matter is not valid YAML") or \
        text.startswith("tools_library/midterm-reporting-guide.md:2:26: not valid YAML")
    assert 'title: "Mid-term reporting: a practical guide for NGOs"' in text


def test_lines_are_file_lines(tmp_path):
    f = tmp_path / "x.md"
    f.write_text("---\ntitle: A\nmembers:\n  - name: B\n    confidential: true\n---\nbody\n", encoding="utf-8")
    doc = read_document(f)
    assert doc.meta.lines == {"title": 2, "members": 3}
    assert doc.meta["members"].lines == [4]
    assert doc.meta["members"][0].lines["confidential"] == 5
    assert doc.body_line == 7 and doc.body == "body\n"


def test_not_utf8_is_an_error_with_a_line_not_mojibake(tmp_path):
    f = tmp_path / "cp1252.md"
    f.write_bytes("---\ntitle: ok\n---\nCôte d’Ivoire\n".encode("cp1252"))
    with pytest.raises(YamlSyntaxError) as info:
        read_text(f, "docs/cp1252.md")
    assert info.value.problem.format().startswith("docs/cp1252.md:4: file is not UTF-8 (byte 0xF4)")
    doc = read_document(f, "docs/cp1252.md")
    assert doc.problems[0].line == 4


def test_front_matter_problems_are_reported_not_raised(tmp_path):
    f = tmp_path / "open.md"
    f.write_text("---\ntitle: never closed\n", encoding="utf-8")
    assert "never closed" in read_document(f).problems[0].message
    g = tmp_path / "list.md"
    g.write_text("---\n- a\n- b\n---\n", encoding="utf-8")
    assert read_document(g).problems[0].line == 2
    h = tmp_path / "content.md"
    h.write_text("---\ncontent: fine here\n---\nx\n", encoding="utf-8")  # crashes python-frontmatter
    assert read_document(h).meta == {"content": "fine here"}


def test_dump_round_trips_through_pyyaml_and_the_strict_loader():
    import yaml
    data = {"iso2": "NO", "m49": "012", "paragraph": "115.10", "lang": "no", "on": "yes", "n": 3,
            "list": ["NO", "SE"], "title": "Mid-term reporting: a guide"}
    text = dump_yaml(data)
    assert yaml.safe_load(text) == data
    assert load_yaml(text)[0] == data


# --- YAML errors in plain words, on the line of the mistake (issue 14) ------------------

@pytest.mark.parametrize("text, expected", [
    # PyYAML gives up on the NEXT line ("could not find expected ':'", line 3)
    ("title: x\ncycle:1\nsession: 3\n",
     "f.yml:2:7: 'cycle:1' has no space after the colon — write cycle: 1  (a space after the colon)"),
    ("a:\n  - b: 1\n    c:2\n    d: 3\n",
     "f.yml:3:7: 'c:2' has no space after the colon — write c: 2  (a space after the colon)"),
    # the C parser does not even mention the tab ("found character that cannot start any token")
    ("a: 1\nb:\n\t- x\n",
     "f.yml:3:1: this line is indented with a tab character; YAML allows only spaces — replace the tab "
     "with spaces, as many as on the lines around it"),
    ("title: \"abc\nb: 1\nc: 2\n",
     'f.yml:1:8: the value that starts with " on this line has no closing " — add the closing " at the end '
     "of the value"),
    ("a:\n  b: 1\n   c: 2\n",
     "f.yml:3:4: this line is indented differently from the line above it — line it up with the other fields "
     "(the same number of spaces at the start)"),
    # a list item without the space after its dash is text to the parser, which gives up a line later
    ("aliases:\n  - DR Congo\n  -RD Congo\nsources:\n  - a\n",
     "f.yml:3:3: the list item '-RD Congo' has no space after the dash — write - RD Congo  (a space after the "
     "dash, like the items around it)"),
    ("a: 1\nb https://example.org\nc: 2\n",
     "f.yml:2:1: this line has no colon: each field is 'key: value' — add the colon and a space after the "
     "field's name, e.g. title: My title (or, if this continues the value above, put the whole value in quotes)"),
])
def test_yaml_errors_in_plain_words_on_the_line_of_the_mistake(text, expected):
    with pytest.raises(YamlSyntaxError) as err:
        load_yaml(text, "f.yml")
    assert err.value.problem.format() == expected


def test_front_matter_lines_count_from_the_file():
    doc = parse_front_matter("---\ntitle: x\ncycle:1\nsession: 3\n---\nbody\n", "g.md")
    assert [p.format() for p in doc.problems] == [
        "g.md:3:7: 'cycle:1' has no space after the colon — write cycle: 1  (a space after the colon)"]
