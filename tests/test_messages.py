"""Issue 14: one problem, one message, and every message leads straight to the fix.

Everything runs on a small repository written into tmp_path (three States, one session,
one recommendation file), never on the live content: a State file that cannot be read
gives one message about that file and nothing elsewhere; an empty front matter is an
error; messages that know the answer give it (State names to codes, the nearest allowed
value or field name, the value in quotes)."""
from __future__ import annotations

from pathlib import Path

import pytest

from calendar_fixture import make_repo
from upr.config import Settings
from upr.content import load_content
from upr.suggest import closest, state_code

SESSIONS = """updated: '2026-12-01'
sessions:
  - session: 54
    cycle: 4
    start:
      date: '2027-01-19'
      precision: approximate
    states:
      - TGO
      - NOR
      - SVN
    order: unknown
"""
HEADER = ("id,state_under_review,cycle,session,paragraph,text,recommending_states,response,action_category,"
          "issues,affected_persons,sdgs,source_dataset,source_symbol,source_rows,annotation_id,former_ids\n")
GROUP = """---
state: TGO
session: 54
status: drafting
contacts:
  - organisation: Example NGO One
    role: coordinator
    channel: https://example.org/one
members:
  - organisation: Example NGO One
languages: [fr]
---
"""


@pytest.fixture
def repo(tmp_path) -> Path:
    root = make_repo(tmp_path, SESSIONS, ("TGO", "NOR", "SVN"))
    (root / "states" / "recommendations").mkdir()
    (root / "states" / "recommendations" / "tgo.csv").write_text(
        HEADER + 'TGO-54-100.1,TGO,4,54,100.1,"Ratify the Optional Protocol",NOR;SVN,supported,4,,,,test,,,,\n',
        encoding="utf-8")
    (root / "groups" / "tgo-54").mkdir(parents=True)
    (root / "groups" / "tgo-54" / "index.md").write_text(GROUP, encoding="utf-8")
    return root


def problems(root: Path) -> list[str]:
    return sorted(p.format() for p in load_content(Settings(root=root)).problems)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_fixture_is_clean(repo):
    assert problems(repo) == []


def test_an_unquoted_m49_gives_one_message_and_no_false_missing_state_elsewhere(repo):
    # before: 5 errors here (the session, the group, the recommendation file and the
    # recommending States all said TGO/NOR had no State file); on the real site, 177
    edit(repo / "states" / "tgo.md", 'm49: "768"', "m49: 768")
    assert problems(repo) == ['states/tgo.md:4: m49 must be a text, got 768 — put the value in quotes: m49: "768"']


def test_an_empty_front_matter_is_an_error_and_nothing_else_is_reported(repo):
    (repo / "states" / "nor.md").write_text("---\n---\n", encoding="utf-8")
    assert problems(repo) == [
        "states/nor.md:1: the front matter is empty: this State would disappear from the site — write the "
        "State's fields between the two --- lines, starting with iso3: NOR (see any other file in states/)"]


def test_stray_keys_each_get_their_line_and_the_nearest_field_name(repo):
    edit(repo / "states" / "svn.md", "un_status: member\n", "un_status: member\nfoo: 1\nregional_grup: x\nbaz: 3\n")
    allowed = "aliases, iso2, iso3, m49, names, regional_group, sources, un_status"
    assert problems(repo) == [
        f"states/svn.md:6: unknown field 'foo' — check the spelling; allowed fields are: {allowed}",
        f"states/svn.md:7: unknown field 'regional_grup' — did you mean regional_group? (allowed fields are: "
        f"{allowed})",
        f"states/svn.md:8: unknown field 'baz' — check the spelling; allowed fields are: {allowed}",
    ]


def test_a_state_name_where_the_code_belongs_gets_the_code(repo):
    edit(repo / "groups" / "tgo-54" / "index.md", "state: TGO", "state: Togo")
    edit(repo / "states" / "sessions.yml", "      - NOR\n", "      - norvège\n")
    assert problems(repo) == [
        "groups/tgo-54/index.md:2: state has the wrong form: 'Togo' — write state: TGO (Togo): the State's "
        "ISO 3166 alpha-3 code in capitals",
        "states/sessions.yml:10: sessions[1].states[2] has the wrong form: 'norvège' — write - NOR (Norway): "
        "the State's ISO 3166 alpha-3 code in capitals",
    ]


def test_a_vocabulary_value_gets_did_you_mean(repo):
    edit(repo / "states" / "svn.md", "un_status: member", "un_status: membre")
    assert problems(repo) == ["states/svn.md:5: un_status must be one of: member, observer; got 'membre' — "
                              "did you mean member? Write it exactly so"]


@pytest.mark.parametrize("typed, code", [("Haiti", "HTI"), ("tunisie", "TUN"), ("hti", "HTI"), ("Haïti", "HTI"),
                                         ("Tunsia", "TUN"), ("Atlantis", None)])
def test_state_names_to_codes_through_the_name_index(typed, code):
    from upr.names import NameIndex
    from upr.states import States

    class Known(States):
        pass
    states = Known({"HTI": None, "TUN": None})
    states.__dict__["_index"] = NameIndex.from_states([
        {"iso3": "HTI", "un_status": "member", "names": {"en": {"short": "Haiti"}, "fr": {"short": "Haïti"}}},
        {"iso3": "TUN", "un_status": "member", "names": {"en": {"short": "Tunisia"}, "fr": {"short": "Tunisie"}}},
    ])
    assert state_code(states, typed) == code


def test_closest_value_and_acronyms():
    assert closest("womens-right", ["womens-rights", "children", "torture"]) == "womens-rights"
    assert closest("Member", ["member", "observer"]) == "member"
    assert closest("WEOG", ["African Group", "Western European and Others Group"]) == \
        "Western European and Others Group"
    assert closest("xyz", ["member", "observer"]) is None


TOOL = """---
title: {title}
summary: A guide that says how to brief embassies before the review.
kind: guide
stages: [pre-session]
topics: [upr-process]
languages: [{lang}]
organisation: Test coalition
year: 2026
licence: CC BY 4.0
{extra}---

Read it.
"""
ASSESSMENT = """---
recommendations:
  - TGO-54-100.1
status: implemented
date: "2026-03-20"
assessed_by: tgo-54
sources:
  - https://example.org/report
---

A law was passed.
"""


def test_a_group_or_tool_with_errors_is_not_reported_missing_where_it_is_named(repo):
    (repo / "tools_library" / "files").mkdir(parents=True)
    (repo / "tools_library" / "guide.md").write_text(TOOL.format(title="Guide", lang="en", extra=""),
                                                     encoding="utf-8")
    (repo / "tools_library" / "guide-fr.md").write_text(
        TOOL.format(title="Guide FR", lang="fr", extra="translation_of: guide\n"), encoding="utf-8")
    (repo / "states" / "followup" / "tgo").mkdir(parents=True)
    (repo / "states" / "followup" / "tgo" / "2026-03-20-law.md").write_text(ASSESSMENT, encoding="utf-8")
    assert problems(repo) == []
    edit(repo / "tools_library" / "guide.md", "kind: guide", "kind: guidebook")
    edit(repo / "groups" / "tgo-54" / "index.md", "status: drafting", "status: drafted")
    found = problems(repo)
    assert [p.split(" — ")[0] for p in found] == [
        "groups/tgo-54/index.md:4: status must be one of: forming, drafting, submitted, published, following up; "
        "got 'drafted'",
        "tools_library/guide.md:4: kind must be one of: questionnaire, template, guide, checklist, training, other; "
        "got 'guidebook'",
    ]


def test_files_in_the_wrong_place_are_reported_with_their_other_problems(repo):
    """Before, states/<sub>/x.md and groups/x.md were silently ignored: the contribution
    vanished with a green check."""
    (repo / "states" / "new").mkdir()
    (repo / "states" / "new" / "hti.md").write_text('---\niso3: HTI\niso2: "HT"\n---\n', encoding="utf-8")
    (repo / "groups" / "nor-54.md").write_text(GROUP.replace("state: TGO", "state: NOR").replace(
        "status: drafting", "status: drafted"), encoding="utf-8")
    found = [p.split(" — ")[0] for p in problems(repo)]
    assert found == [
        "groups/nor-54.md: a group's file must be index.md in the group's folder",
        "groups/nor-54.md:4: status must be one of: forming, drafting, submitted, published, following up; "
        "got 'drafted'",
        "states/new/hti.md: a State file must be directly in states/, not in a sub-folder",
        "states/new/hti.md:2: required field 'm49' is missing",
        "states/new/hti.md:2: required field 'names' is missing",
        "states/new/hti.md:2: required field 'un_status' is missing",
    ]
    assert "move it to groups/nor-54/index.md" in problems(repo)[0]


BRIEFING = """---
# EXAMPLE CONTENT (invented organisations).
title: Online briefing for Geneva missions on Togo
date: "2026-12-10"
start: "10:00"
end: "11:00"
online: https://example.org/meet
speakers:
  - organisation: Example NGO One
---

A one-hour online briefing.
"""


def _briefing(repo: Path, name: str, text: str) -> Path:
    folder = repo / "groups" / "tgo-54" / "briefings"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_group_with_an_invalid_index_still_gets_its_briefings_checked(repo):
    """Found by a newcomer: with state: Togo in index.md, the briefing's own mistake was
    reported only on the next run. Both in one run, and nothing caused by the index."""
    _briefing(repo, "2026-12-10-missions-online.md", BRIEFING.replace('end: "11:00"', 'end: "09:00"'))
    edit(repo / "groups" / "tgo-54" / "index.md", "state: TGO", "state: Togo")
    assert problems(repo) == [
        "groups/tgo-54/briefings/2026-12-10-missions-online.md:6: the briefing ends (09:00) before it starts "
        "(10:00) — write an end time after the start time",
        "groups/tgo-54/index.md:2: state has the wrong form: 'Togo' — write state: TGO (Togo): the State's "
        "ISO 3166 alpha-3 code in capitals",
    ]


def test_a_group_with_an_unreadable_index_still_gets_its_briefings_checked(repo):
    _briefing(repo, "2026-12-10-missions-online.md", BRIEFING.replace('end: "11:00"', 'end: "09:00"'))
    edit(repo / "groups" / "tgo-54" / "index.md", "status: drafting", "status:drafting\n\tx: 1")
    found = problems(repo)
    assert [p.split(":")[0] for p in found] == ["groups/tgo-54/briefings/2026-12-10-missions-online.md",
                                                 "groups/tgo-54/index.md"], found
    assert "the briefing ends (09:00) before it starts (10:00)" in found[0]


def test_a_briefing_whose_front_matter_is_not_yaml_gets_only_the_yaml_message(repo):
    """Before: the tab message and five false 'required field … is missing' on line 1."""
    _briefing(repo, "2026-12-10-missions-online.md",
              BRIEFING.replace("  - organisation: Example NGO One", "\t- organisation: Example NGO One"))
    assert problems(repo) == [
        "groups/tgo-54/briefings/2026-12-10-missions-online.md:9:1: this line is indented with a tab character; "
        "YAML allows only spaces — replace the tab with spaces, as many as on the lines around it"]


def test_a_missing_list_field_is_suggested_in_list_form(repo):
    """Before: add a line  speakers: "- organisation: Example NGO …"  (a quoted text, not a list)."""
    _briefing(repo, "2026-12-10-missions-online.md", BRIEFING.replace(
        "speakers:\n  - organisation: Example NGO One\n", ""))
    assert problems(repo) == [
        "groups/tgo-54/briefings/2026-12-10-missions-online.md:3: required field 'speakers' is missing — add a line  "
        "speakers:  and under it, indented by two spaces, a line  - organisation: \"Example NGO Lomé Rights Forum\"  "
        "(organisations of the speakers)"]
