"""CONTRIBUTING.md and the contributor experience stay true to the code: its links
and anchors resolve, the check messages it quotes are what `upr check` prints, its
templates pass the check, the labels it explains are the ones in use, and the
pre-commit hooks are local and runnable."""
from __future__ import annotations

import fnmatch
import inspect
import re
import shutil
import subprocess

import pytest

from conftest import ROOT, copy_site_root, run_upr
from upr import news
from upr.yamlio import load_yaml

TEXT = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
GITHUB = ROOT / ".github"


def sections() -> dict[str, str]:
    parts = re.split(r"^## (.+)$", TEXT, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def github_slug(heading: str) -> str:
    slug = heading.strip().lower()
    slug = re.sub(r"[^\w\- ]", "", slug)
    return slug.replace(" ", "-")


def test_the_sections_other_maintainers_fill_are_there():
    for title in ("Start or join a country group", "How a group records an assessment", "Propose a tool",
                  "Write a News post", "What the checks on your pull request mean", "Labels",
                  "Before you start: safety"):
        assert title in sections(), title


def test_every_anchor_in_contributing_points_to_a_heading():
    headings = {github_slug(h) for h in re.findall(r"^#{2,4} (.+)$", TEXT, re.M)}
    anchors = set(re.findall(r"\]\((?:[^)#\s]*CONTRIBUTING\.md)?#([^)\s]+)\)", TEXT))
    assert len(anchors) >= 10
    assert anchors <= headings, sorted(anchors - headings)


def test_issue_form_links_name_existing_numbered_forms():
    linked = set(re.findall(r"issues/new\?template=([\w.-]+)", TEXT))
    forms = {p.name for p in (GITHUB / "ISSUE_TEMPLATE").glob("[0-9]-*.yml")}
    assert linked == forms
    assert sorted(int(name.split("-")[0]) for name in forms) == [1, 2, 3, 4, 5]
    config, problems = load_yaml((GITHUB / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    assert not problems and config["blank_issues_enabled"] is False


def test_every_label_in_use_is_explained():
    explained = set(re.findall(r"^\| `([^`]+)` \|", sections()["Labels"], re.M))
    used = set()
    for path in [*(GITHUB / "ISSUE_TEMPLATE").glob("*.yml"), *(GITHUB / "DISCUSSION_TEMPLATE").glob("*.yml"),
                 GITHUB / "dependabot.yml"]:
        for block in re.findall(r"^\s*labels:\s*\[([^\]]*)\]", path.read_text(encoding="utf-8"), re.M):
            used |= {x.strip().strip("'\"") for x in block.split(",") if x.strip()}
    for path in (GITHUB / "workflows").glob("*.yml"):
        used |= set(re.findall(r'--label "([^"$]+)"', path.read_text(encoding="utf-8")))
    used |= {"reminder"}  # created by .github/scripts/reminder_issues.py
    assert used <= explained, sorted(used - explained)


def test_news_categories_agree_with_mkdocs_yml():
    mk = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    allowed = re.search(r"categories_allowed:\s*\[([^\]]*)\]", mk).group(1)
    assert tuple(x.strip() for x in allowed.split(",")) == news.CATEGORIES
    assert ", ".join(news.CATEGORIES) in sections()["Write a News post"]


def test_the_yaml_example_parses_and_keeps_codes_as_typed():
    block = re.search(r"```markdown\n---\n(.*?)\n---\n", sections()["How files are written (YAML front matter)"],
                      re.S).group(1)
    data, problems = load_yaml(block)
    assert problems == []
    assert (data["iso2"], data["recommendation"], data["date"]) == ("NO", "115.10", "2025-01-28")


@pytest.fixture(scope="module")
def newcomer(tmp_path_factory, site_root):
    """A copy of the fixture content root in which a newcomer made the usual mistakes,
    and used CONTRIBUTING's templates. Returns the output of `upr check`."""
    root = copy_site_root(site_root, tmp_path_factory.mktemp("newcomer") / "root")
    shutil.copytree(GITHUB, root / ".github", ignore=shutil.ignore_patterns("node_modules", "CODEOWNERS"),
                    dirs_exist_ok=True)  # the workflows and forms; CODEOWNERS is the fixture's own
    (root / "scripts" / "upr").mkdir(parents=True)
    (root / "tools_library" / "guide d'essai.md").write_text(
        "---\ntitle: Mid-term reporting: a guide\nsummary: test\nkind: guide\n---\nBody\n", encoding="utf-8")
    (root / "tools_library" / "second-tool.md").write_text(
        "---\ntitle: \"Second tool\"\nsummary: A short summary of the tool for the list.\nkind: guide\n"
        "kind: template\nstages: [follow-up]\ntopics: [upr-process]\nlanguages: [en]\nyear: 2026\n---\nBody\n",
        encoding="utf-8")
    (root / "states" / "followup" / "svn" / "2026-11-30-test.md").write_text(
        "---\nrecommendations:\n  - SVN-48-140.700\nstatus: done\ndate: 30/11/2026\nassessed_by: Test\n"
        "sources:\n  - A/HRC/59/15/Add.1\n---\nText\n", encoding="utf-8")
    (root / "states" / "followup" / "svn" / "2026-11-30-unknown.md").write_text(
        "---\nrecommendations:\n  - SVN-48-140.700\nstatus: implemented\ndate: \"2026-11-30\"\n"
        "assessed_by: Test\nsources:\n  - A/HRC/59/15/Add.1\n---\nText\n", encoding="utf-8")
    (root / "states" / "followup" / "svn" / "2026-11-30-pasted.md").write_text(  # text pasted from Word
        "---\nrecommendations:\n  - SVN-48-140.7\nstatus: implemented\ndate: \"2026-11-30\"\n"
        "assessed_by: Test\nsources:\n  - A/HRC/59/15/Add.1\n---\nA line\x0bbreak from Word.\n\n"
        + "word " * 5000 + "\n", encoding="utf-8")
    (root / "tools_library" / "aliased.md").write_text(
        "---\ntitle: &a A tool\nsummary: *a\n---\nBody\n", encoding="utf-8")
    (root / "docs" / "news" / "posts" / "2026-11-29-bad-encoding.md").write_bytes(
        "---\ndate: 2026-11-29\n---\n\n# Caf\u00e9\n".encode("cp1252"))
    (root / "tools_library" / "tab-tool.md").write_text(
        "---\ntitle: Tab tool\nstages:\n\t- follow-up\n---\nBody\n", encoding="utf-8")
    (root / "tools_library" / "no-space-tool.md").write_text(
        "---\ntitle: No space\nkind:guide\nyear: 2026\n---\nBody\n", encoding="utf-8")
    (root / "groups" / "hti-99").mkdir()
    (root / "groups" / "hti-99" / "index.md").write_text("---\nstate: Haiti\nsession: 99\n---\n", encoding="utf-8")
    template = re.search(r"```markdown\n(---\n.*?)```", sections()["Write a News post"], re.S).group(1)
    (root / "docs" / "news" / "posts" / "2026-11-30-from-the-template.md").write_text(template, encoding="utf-8")
    result = run_upr("check", cwd=root, env={"UPR_ROOT": str(root)})
    return result.stdout


def test_check_messages_quoted_in_contributing_are_real(newcomer):
    table = sections()["What the checks on your pull request mean"]
    quoted = re.findall(r"^\| `([^`]+)` \|", table, re.M)
    assert len(quoted) >= 8
    lines = newcomer.splitlines()
    for message in quoted:
        if message.startswith("warning:"):
            continue
        # '…' values and … stand for whatever the file holds
        pattern = "*" + re.sub(r"'[^']*'", "'*'", message.replace("[", "[[]")).replace("…", "*") + "*"
        assert any(fnmatch.fnmatchcase(line, pattern) for line in lines), (message, newcomer)
    example = re.search(r"```text\n(.+?)\n```", table).group(1)
    assert example in lines


def test_the_news_template_passes_the_check(newcomer):
    assert "2026-11-30-from-the-template.md" not in newcomer


def test_a_file_that_is_not_utf8_gets_one_message(newcomer):
    about = [line for line in newcomer.splitlines() if "2026-11-29-bad-encoding.md" in line]
    assert about == ["docs/news/posts/2026-11-29-bad-encoding.md:5: file is not UTF-8 (byte 0xE9) — save the file "
                     "as UTF-8 (in GitHub's web editor this is automatic; in Word or Excel choose 'UTF-8')"]


def test_pre_commit_hooks_are_local_and_runnable():
    config, problems = load_yaml((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert problems == []
    assert [r["repo"] for r in config["repos"]] == ["local"]
    hooks = config["repos"][0]["hooks"]
    assert {h["id"] for h in hooks} >= {"upr-check", "zizmor", "workflow-schema"}
    for hook in hooks:
        assert hook["language"] == "system"
        program, *args = hook["entry"].split()
        assert (ROOT / program).is_file(), program
        files = [] if hook.get("pass_filenames") is False else [
            str(p) for p in sorted(ROOT.glob(".github/**/*")) if re.search(hook["files"], p.relative_to(ROOT).as_posix())]
        result = subprocess.run([str(ROOT / program), *args, *files], cwd=ROOT, capture_output=True, text=True,
                                env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"})
        assert result.returncode == 0, (hook["id"], result.stdout[-2000:], result.stderr[-2000:])


def test_the_deadline_and_subscription_answers_match_what_the_site_generates():
    """Issue 14: CONTRIBUTING says where the next deadline is and how to subscribe, with the
    feed addresses and labels the code really writes; its example values are made up."""
    from upr import calendar as ics, coverage
    from upr.mkconfig import read_mkdocs_yml
    from upr import templating
    from upr.pages import calendar as calendar_pages
    from upr.pages import recommendations as recommendation_pages
    part = sections()["How files are written (YAML front matter)"]
    deadline = part.split("### Find your State's next deadline and subscribe to its calendar", 1)[1]
    site = read_mkdocs_yml(ROOT)["site_url"].rstrip("/")
    webcal = calendar_pages.webcal(site)
    assert f"`{webcal}/states/<code>.ics`" in deadline
    assert f"`{webcal}/groups/<group folder>.ics`" in deadline
    assert f"`{webcal}/{ics.SESSIONS_FEED}`" in deadline
    assert f"`{site}/states/<code>/`" in deadline
    for label in ("Next review", "Subscribe in your calendar app", "Download the .ics file",
                  "Stakeholder submissions due", "National report due", "Working Group session opens"):
        assert label in deadline and calendar_pages._t(label, "en") == label
    assert "**Subscribe to this group's calendar (ICS)**" in deadline
    assert "[Subscribe to this group's calendar (ICS)](../{slug}.ics)" in \
        (templating.TEMPLATES / "group.md.j2").read_text(encoding="utf-8")
    assert "**not imported yet**" in deadline and "'not imported yet'" in inspect.getsource(
        recommendation_pages.followup_links)
    assert f"`{coverage.IMPORT_LINE}`" in deadline
    assert "**Recommendations and follow-up**" in deadline and "'Recommendations and follow-up'" in \
        inspect.getsource(recommendation_pages.followup_links)
    # made-up values only: no date before 2050 and no real session number in the example table
    assert not re.findall(r"\b20[2-4]\d\b", deadline.split("**Subscribe to a calendar.**")[0])
