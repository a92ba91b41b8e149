"""Messages of schema validation: file line, what is wrong, what to write instead."""
from upr.schema import validate
from upr.yamlio import load_yaml

SCHEMA = {
    "type": "object",
    "required": ["title", "languages"],
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "description": "the title", "examples": ["Mid-term guide"]},
        "status": {"enum": ["forming", "drafting"], "description": "where the group is"},
        "languages": {"type": "array", "description": "two-letter codes in lower case",
                      "examples": [["en", "fr"]], "items": {"type": "string", "pattern": "^[a-z]{2}$"}},
    },
}


def messages(text):
    data, _ = load_yaml(text, "x.md", line_offset=1)
    return [p.format() for p in validate(data, SCHEMA, "x.md")]


def test_each_error_names_the_line_and_says_what_to_write():
    out = messages("status: active\nlanguages: [en, NO]\ncolour: red\n")
    assert "x.md:2: status must be one of: forming, drafting; got 'active' — write one of the allowed values exactly as listed" in out
    assert "x.md:3: languages[2] has the wrong form: 'NO' — two-letter codes in lower case (e.g. \"en\")" in out
    assert any(o.startswith("x.md:4: unknown field 'colour' — check the spelling; allowed fields are: languages, status, title") for o in out)
    assert any(o.startswith("x.md:2: required field 'title' is missing — add a line  title: \"Mid-term guide\"") for o in out)
    assert len(out) == 4
    assert not any("^[a-z]" in o for o in out)  # never a regular expression


def test_a_bare_yes_no_value_gets_the_quoting_hint():
    out = messages("title: true\nlanguages: [en]\n")
    assert out == ["x.md:2: title must be a text, got true — write a text, e.g. title: \"Mid-term guide\"; "
                   "a bare yes/no/true/false is read as a yes-or-no value: put it in quotes"]


def test_one_escaper_for_untrusted_text_in_markdown():
    from upr.mdtext import md_inline
    assert md_inline("Côte d'Ivoire") == "Côte d'Ivoire"
    assert md_inline("A*b* | <img onerror=x> [l](javascript:x) {: onclick=y }\n# h") == \
        "A\\*b\\* \\| &lt;img onerror=x&gt; \\[l\\](javascript:x) \\{: onclick=y \\} \\# h"


def test_a_list_field_is_suggested_in_list_form_never_as_a_quoted_text():
    assert messages("title: Guide\n") == [
        "x.md:2: required field 'languages' is missing — add a line  languages:  and under it, indented by two "
        "spaces, a line  - \"en\"  (two-letter codes in lower case)"]
    assert messages("title: Guide\nlanguages: en\n") == [
        "x.md:3: languages must be a list (one '- item' per line), got 'en' — write a list (one '- item' per "
        "line), e.g. a line  languages:  and under it, indented by two spaces, a line  - \"en\""]
