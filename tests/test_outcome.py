"""From the joint submission to the outcome (issue 15, item 4).

The fixture coalition ``svn-48`` (tests/fixtures/advocacy) lists 15 recommendations:
11 paraphrase real recommendations Slovenia received at session 48, 4 are on subjects
no State raised. LABELS below are the pairs (submission recommendation, paragraph of
A/HRC/59/15) that ask for the same thing, read by hand against all 254."""
from __future__ import annotations

import random

from advocacy_fixture import make_repo
from conftest import TODAY

from upr import groups, matching, news, outcome, recommendations
from upr.config import settings
from upr.content import Content, load_content
from upr.site import BuildContext

LABELS = {
    1: "7 8 9 10",                 # OP-ICESCR
    2: "11 12 13 14 253 254",      # statelessness: accession, determination procedure
    3: "72 73 74 75",              # the "erased"
    4: "77 78 79 80",              # marriage under 18
    5: "69 70",                    # decriminalise defamation
    6: "189 212 216 217 223 224",  # Roma: water, sanitation, segregation
    7: "188",                      # child rights ombudsman
    8: "240",                      # conversion practices
    9: "49 50 51 52 53 54",        # prison overcrowding
    10: "235 236 237 238 239",     # legal gender recognition
    11: "57",                      # Commission for the Prevention of Corruption
}
POSITIVE = {(n, f"140.{p}") for n, paras in LABELS.items() for p in paras.split()}


def repo(tmp_path):
    return make_repo(tmp_path / "repo")


def loaded(root, today=TODAY):
    s = settings(root, today)
    content = load_content(s)
    errors = [p.format() for p in content.errors]
    assert errors == []
    return s, content


def test_threshold_on_the_labelled_sample(tmp_path):
    """Precision and recall of the pairs found at the threshold, and every recommendation
    of the submission rightly taken up or not (the figures are in upr.matching's docstring)."""
    _, content = loaded(repo(tmp_path))
    result = outcome.of_group(content.groups["svn-48"], content.recommendations)
    assert result.imported and result.review_size == 254 and len(result.items) == 15
    found = {(i.rec.number, m.rec.paragraph) for i in result.items for m in i.matches}
    right = found & POSITIVE
    precision, recall = len(right) / len(found), len(right) / len(POSITIVE)
    assert len(POSITIVE) == 40
    # the figures written in upr.matching's docstring: 31 of 33 found are right, 31 of the 40
    assert (len(right), len(found)) == (31, 33), (precision, recall, sorted(found - POSITIVE))
    assert precision >= 0.9 and recall >= 0.75
    assert [i.rec.number for i in result.items if i.taken_up] == list(range(1, 12))
    assert [i.rec.number for i in result.items if not i.taken_up] == [12, 13, 14, 15]
    # the 4 not taken up are far below the threshold against all 254
    scores = matching.closest([i.rec.text for i in result.items[11:]],
                              [r for r in content.recommendations.by_state["SVN"] if r.session == 48], 0.0)
    assert max(m.score for row in scores for m in row) < matching.SUBMISSION_THRESHOLD - 0.05


def test_who_took_it_up_and_how_slovenia_responded(tmp_path):
    _, content = loaded(repo(tmp_path))
    items = outcome.of_group(content.groups["svn-48"], content.recommendations).items
    icescr = items[0]
    assert [m.rec.id for m in icescr.matches] == ["SVN-48-140.7", "SVN-48-140.10", "SVN-48-140.9", "SVN-48-140.8"]
    assert set(icescr.recommending_states) == {"MDV", "PRT", "MWI", "RWA", "ESP"}
    assert icescr.responses == {"supported": 4}
    defamation = items[4]
    assert {m.rec.paragraph for m in defamation.matches} == {"140.69", "140.70"}
    assert set(defamation.recommending_states) == {"IRL", "GBR"} and defamation.responses == {"noted": 2}
    corruption = items[10]
    assert [(m.rec.id, m.rec.recommending_states, m.rec.response) for m in corruption.matches] == [
        ("SVN-48-140.57", ["FRA"], "noted")]


def test_matching_is_deterministic_and_independent_of_order(tmp_path):
    _, content = loaded(repo(tmp_path))
    group = content.groups["svn-48"]
    review = [r for r in content.recommendations.by_state["SVN"] if r.session == 48]
    texts = [r.text for r in group.submission.recommendations]
    first = matching.closest(texts, review)
    shuffled = list(review)
    random.Random(7).shuffle(shuffled)
    again = matching.closest(texts, shuffled)
    assert [[(m.rec.id, m.score) for m in row] for row in first] == \
        [[(m.rec.id, m.score) for m in row] for row in again]


def test_before_the_review_nothing_is_matched(tmp_path):
    root = repo(tmp_path)
    csv = root / "states" / "recommendations" / "svn.csv"
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    csv.write_text("".join(line for line in lines if ",SVN,4,48," not in line), encoding="utf-8")
    import shutil
    shutil.rmtree(root / "states" / "followup")  # the example assessments are of session-48 recommendations
    _, content = loaded(root)
    result = outcome.of_group(content.groups["svn-48"], content.recommendations)
    assert not result.imported and result.review_size == 0
    assert all(not i.matches for i in result.items)
    page = _group_page(content)
    assert "After the review, once the Working Group's recommendations of session 48 are imported" in page
    assert "1. Ratify without further delay the Optional Protocol" in page


def _group_page(content, lang="en"):
    from upr.pages import groups as pages
    ctx = BuildContext(settings=content.settings, content=content, out_dir=content.settings.root / "out", lang=lang)
    return pages.group_page(ctx, content.groups["svn-48"])


def test_group_page_shows_what_was_taken_up(tmp_path):
    _, content = loaded(repo(tmp_path))
    page = _group_page(content)
    assert "## Recommendations of the joint submission { #outcome }" in page
    assert ("**11 of the 15 recommendations** of the joint submission were taken up by **26 recommending "
            "States**, in 33 of the Working Group's 254 recommendations to Slovenia at session 48 "
            "(20 supported, 13 noted).") in page
    row = next(line for line in page.splitlines() if line.startswith("| 11 (¶41) |"))
    assert row == ('| 11 (¶41) | Increase the resources of the Commission for the Prevention of Corruption | France | '
                   '<a href="../../states/svn/cycle-4/#SVN-48-140.57">SVN-48-140.57</a> noted (0.70) |')
    assert "| 12 (¶42) | Regulate the use of facial recognition technology" in page and "*not taken up*" in page
    # confidential members and contacts stay off the page
    assert "Maribor Witness Support" not in page and "hidden-channel" not in page
    fr = _group_page(content, "fr")
    assert "## Recommandations de la contribution conjointe { #outcome }" in fr
    assert "**11 des 15 recommandations** de la contribution conjointe ont été reprises par **26 États**" in fr
    assert 'href="../../../states/svn/cycle-4/#SVN-48-140.57">SVN-48-140.57</a> notées (0.70)' in fr


def test_submission_texts_are_escaped_on_the_page(tmp_path):
    root = repo(tmp_path)
    index = root / "groups" / "svn-48" / "index.md"
    text = index.read_text(encoding="utf-8").replace(
        '"Create a public register of meetings between lobbyists and members of the National Assembly"',
        '"Create a register <script>alert(1)</script> of [lobbyists](javascript:alert(1)) | and *members*"')
    index.write_text(text, encoding="utf-8")
    content = load_content(settings(root, TODAY))
    # upr check refuses the HTML (upr.safety) …
    assert [(p.path, p.line, p.message) for p in content.errors] == [
        ("groups/svn-48/index.md", 53, "HTML is not allowed in submission.recommendations[13].text")]
    # … and the page escapes it all the same
    page = _group_page(content)
    row = next(line for line in page.splitlines() if line.startswith("| 13 (¶43) |"))
    assert "<script>" not in row and "&lt;script&gt;" in row
    assert "\\[lobbyists\\](javascript:alert(1))" in row and "\\| and \\*members\\*" in row


def test_check_reports_bad_lists_with_file_and_line(tmp_path):
    root = repo(tmp_path)
    index = root / "groups" / "svn-48" / "index.md"
    lines = index.read_text(encoding="utf-8").splitlines()
    at = lines.index("  recommendations:") + 1
    lines[at + 2:at + 2] = [
        '    - text: "Ratify without further delay the Optional Protocol to the International Covenant on '
        'Economic, Social and Cultural Rights, so that individuals can bring complaints to the Committee."',
        '    - text: "Too short"',
        '    - text: "Publish the names of Example NGO Maribor Witness Support partners in a register"',
        '    - text: "A recommendation the coalition would rather keep off the site for now"',
        "      confidential: true",
        '    - text: "Adopt a national action plan on business and human rights with civil society"',
        "      paragraph: 12b3",
        '    - "Adopt a law on the protection of human rights defenders"',
    ]
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")
    s = settings(root, TODAY)
    _, problems = groups.load(s, None)
    shown = "groups/svn-48/index.md"
    got = sorted((p.line, p.message, p.fix) for p in problems)
    first = at + 1  # line of the first recommendation's text
    assert got == sorted([
        (at + 4, "submission.recommendations[3].text: 'Too short' is too short",
         "the recommendation as written in the submission, in double quotes (at least 20 characters)"),
        (at + 7, "unknown field 'confidential' in submission.recommendations[5]",
         "every recommendation listed here is published on the group page; to keep one private, delete it "
         "from the list"),
        (at + 9, "submission.recommendations[6].paragraph has the wrong form: '12b3'",
         "the number of the submission's paragraph that holds it, in quotes (optional) (e.g. \"14\")"),
        (at + 10, "submission.recommendations[7] must be a group of 'key: value' lines, got 'Adopt a law on the "
                  "protection of human rights defenders'",
         'start the line with  - text:  and put the recommendation in double quotes, e.g.  - text: "Ratify the '
         'Optional Protocol …"'),
    ]), got
    assert all(p.path == shown for p in problems)
    # with the form fixed, the two content rules remain: a repeated text, a confidential member named
    lines = [line for line in lines if "Too short" not in line and line != "      confidential: true"
             and "paragraph: 12b3" not in line and "defenders" not in line]
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = groups.load(s, None)
    assert sorted((p.line, p.message) for p in problems) == [
        (first + 2, "recommendation 2 of the submission repeats recommendation 1 (line %d)" % first),
        (first + 3, "recommendation 3 of the submission names a confidential member"),
    ]


def test_news_include_is_expanded_in_every_language(tmp_path):
    _, content = loaded(repo(tmp_path))
    from upr.pages.groups import expand_outcome_includes
    post = (content.settings.docs_dir / "news" / "posts" / "2025-07-20-what-came-of-our-submission.md").read_text()
    en = expand_outcome_includes(post, BuildContext(settings=content.settings, content=content, out_dir=tmp_path))
    assert "<!-- upr:outcome" not in en and "**11 of the 15 recommendations**" in en
    assert '<a href="../../states/svn/cycle-4/#SVN-48-140.57">' in en
    assert "From the [svn-48 country group](../../groups/svn-48/index.md#outcome)." in en
    es = expand_outcome_includes(post, BuildContext(settings=content.settings, content=content, out_dir=tmp_path,
                                                    lang="es"))
    assert "**11 de las 15 recomendaciones**" in es and '<a href="../../../states/svn/cycle-4/#SVN-48-140.57">' in es


def test_check_reports_a_bad_news_include(tmp_path):
    root = repo(tmp_path)
    post = root / "docs" / "news" / "posts" / "2025-07-20-what-came-of-our-submission.md"
    text = post.read_text(encoding="utf-8")
    text = text.replace("<!-- upr:outcome svn-48 -->",
                        "<!-- upr:outcome svn-48 -->\n<!-- upr:outcome SVN 48 -->\n<!-- upr:outcome fra-41 -->")
    post.write_text(text, encoding="utf-8")
    content = load_content(settings(root, TODAY))
    found = [p for p in content.problems if p.path.endswith("what-came-of-our-submission.md")]
    line = text.splitlines().index("<!-- upr:outcome SVN 48 -->") + 1
    assert [(p.line, p.message) for p in found] == [
        (line, "this upr include has the wrong form"),
        (line + 1, "there is no country group 'fra-41' in groups/")]
    assert "<!-- upr:outcome svn-48 -->" in found[0].fix


def test_outcome_of_a_group_without_a_list_is_none(tmp_path):
    s = settings(repo(tmp_path), TODAY)
    content = Content(settings=s)
    content.kinds["recommendations"], _ = recommendations.load(s, content)
    group = groups.load(s, None)[0]["svn-48"]
    group.submission.recommendations = []
    assert outcome.of_group(group, content.recommendations) is None
    assert news.INCLUDE.match("<!-- upr:outcome svn-48 -->").group(1) == "svn-48"


def test_contributing_example_passes_the_check(tmp_path):
    """The complete example in CONTRIBUTING.md, pasted into a group, is valid and matched."""
    import re
    from conftest import ROOT
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("### List the recommendations of your submission", 1)[1].split("\n### ", 1)[0]
    example = re.search(r"```yaml\n(submission:\n.*?)```", section, re.S).group(1)
    root = repo(tmp_path)
    index = root / "groups" / "svn-48" / "index.md"
    head, rest = index.read_text(encoding="utf-8").split("submission:\n", 1)
    index.write_text(head + example + "---" + rest.split("\n---", 1)[1], encoding="utf-8")
    _, content = loaded(root)
    result = outcome.of_group(content.groups["svn-48"], content.recommendations)
    assert [(i.rec.paragraph, i.taken_up) for i in result.items] == [("31", True), ("33", True), (None, True)]
    assert "<!-- upr:outcome svn-48 -->" in text
