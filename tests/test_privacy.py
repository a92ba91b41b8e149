"""Private values never reach the built site (issue 8): the notion, the scanner, a real build."""
from __future__ import annotations

import gzip
import io
import os
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from conftest import CASES, OUTPUT, TODAY, copy_site_root, run_upr, source_data
from upr import privacy
from upr.config import settings
from upr.yamlio import load_yaml

CASE21 = CASES / "21-raw-html-xss-in-contributions" / "input" / "content" / "tools" / "useful-links.md"

# Added to the real Togo group of a repository copy: a confidential contact (name,
# organisation, channel that is a phone number, e-mail), a public contact's personal
# e-mail, and a confidential member organisation.
PRIVATE_CONTACTS = """\
  - name: Zeta Fixture Defender
    organisation: Zeta Fixture Shelter Network
    role: liaison with defenders in the north
    channel: "+228 90 55 66 77"
    email: zeta.fixture@example.org
    confidential: true
  - organisation: Example NGO Lomé Human Rights Forum
    role: press officer
    channel: https://example.org/tgo-54/press
    email: o'brien.personal@example.org
"""
PRIVATE_MEMBER = """\
  - organisation: Zeta Fixture Confidential Member Org
    acronym: ZFCMO
    confidential: true
"""
FIXTURE_VALUES = {
    "Zeta Fixture Defender", "Zeta Fixture Shelter Network", "+228 90 55 66 77",
    "zeta.fixture@example.org", "o'brien.personal@example.org", "Zeta Fixture Confidential Member Org",
}
# Kept recommendation tables: the States of the groups and follow-up (a faster, still real, build).
KEEP_RECOMMENDATIONS = {"tgo", "syr", "bhr", "ecu", "svn", "aut", "nor"}


def add_private_fixture(repo: Path) -> None:
    index = repo / "groups" / "tgo-54" / "index.md"
    text = index.read_text(encoding="utf-8")
    assert "\ncontacts:\n" in text and "\nmembers:\n" in text
    text = text.replace("\ncontacts:\n", "\ncontacts:\n" + PRIVATE_CONTACTS, 1)
    text = text.replace("\nmembers:\n", "\nmembers:\n" + PRIVATE_MEMBER, 1)
    index.write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def hostile_site(site_root) -> tuple[Path, Path]:
    """A copy of the fixture content root with case 21 (as a tool and as a hand-written page) and
    private fixture values, built with ``upr build --force`` (the check bypassed).
    Returns ``(repo, site)``. The build itself runs the privacy scan: it must succeed."""
    base = OUTPUT / f"hostile-{os.getpid()}"  # one per test run, like conftest.built_site
    if base.exists():
        shutil.rmtree(base)
    repo = copy_site_root(site_root, base / "repo")
    for csv in (repo / "states" / "recommendations").glob("*.csv"):
        if csv.stem not in KEEP_RECOMMENDATIONS:
            csv.unlink()
    shutil.copyfile(CASE21, repo / "tools_library" / "useful-links.md")
    shutil.copyfile(CASE21, repo / "docs" / "case21.md")
    add_private_fixture(repo)
    result = run_upr("build", "--force", "--lang", "en", "--today", TODAY.isoformat(),
                     "--out", str(base / "out"), cwd=repo, env={"UPR_ROOT": str(repo), "UPR_SOURCE_DATA": str(source_data())})
    assert result.returncode == 0, result.stderr[-4000:]
    assert "privacy scan of every output file" in result.stderr
    yield repo, base / "out" / "site"
    shutil.rmtree(base, ignore_errors=True)


# --- the notion of private fields ---------------------------------------------------------------

GROUP = """\
title: A group
contacts:
  - name: Public Person
    organisation: Open NGO
    role: coordinator
    email: public.person@example.org
  - name: Hidden Person
    organisation: Open NGO
    role: coordinator
    channel: https://example.org/hidden
    confidential: true
members:
  - organisation: Hidden Org
    confidential: true
public_email: info@open-ngo.example.org
"""


def test_split_values_marks_confidential_entries_and_contact_fields():
    data, _ = load_yaml(GROUP, "groups/x/index.md", line_offset=1)
    private, public = privacy.split_values(data, "groups/x/index.md")
    assert {v: (s.line, s.field) for v, s in private.items()} == {
        "public.person@example.org": (7, "contacts[1].email"),
        "Hidden Person": (8, "contacts[2].name"),
        "Open NGO": (9, "contacts[2].organisation"),
        "https://example.org/hidden": (11, "contacts[2].channel"),
        "Hidden Org": (14, "members[1].organisation"),
    }
    assert "coordinator" not in private  # a confidential entry's role identifies nobody
    assert {"Public Person", "Open NGO", "info@open-ngo.example.org", "A group"} <= public


def test_schema_annotation_x_private_marks_any_field():
    schema = {"type": "object", "properties": {"nickname": privacy.private({"type": "string"}),
                                               "email": privacy.EMAIL, "phone": privacy.PHONE}}
    data, _ = load_yaml("nickname: Little Bird\ntitle: Visible\n", "x.yml")
    private, public = privacy.split_values(data, "x.yml", schema)
    assert set(private) == {"Little Bird"} and public == {"Visible"}
    assert privacy.EMAIL["x-private"] is True and privacy.PHONE["x-private"] is True


def test_a_private_value_also_written_publicly_stays_private_and_the_mention_is_an_error(tmp_path):
    """Issue 13: "Open NGO" is a confidential contact's organisation and a public
    contact's: it stays private, and upr check names the public mention (file:line)."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "groups" / "x").mkdir(parents=True)
    (tmp_path / "groups" / "x" / "index.md").write_text(f"---\n{GROUP}---\nPlan\n", encoding="utf-8")
    values = privacy.collect(settings(tmp_path))
    assert set(values) == {"public.person@example.org", "Hidden Person", "Open NGO", "https://example.org/hidden",
                           "Hidden Org"}
    assert values["Hidden Org"].format() == "groups/x/index.md:14 (members[1].organisation)"
    _, problems = privacy.load(settings(tmp_path))
    assert [p.format() for p in problems] == [
        "groups/x/index.md:5: the public field 'contacts[1].organisation' names a private value (written at "
        "groups/x/index.md:9 (contacts[2].organisation)): it would be published here — " + privacy.MENTION_FIX,
        # the address's domain spells the name too
        "groups/x/index.md:16: the public field 'public_email' names a private value (written at "
        "groups/x/index.md:9 (contacts[2].organisation)): it would be published here — " + privacy.MENTION_FIX]


def test_private_values_include_the_confidential_entries_of_the_example_groups(site_root):
    """privacy.collect on the fixture root (it once ran on the repository itself, through
    settings() and the current folder: the live-content guard found it)."""
    values = privacy.collect(settings(site_root))
    assert "kara-defenders@example.org" in values  # groups/tgo-54: a confidential contact's e-mail
    assert "Example Contact Kara Defender" in values


# --- the scanner --------------------------------------------------------------------------------

SRC = privacy.Source("groups/x/index.md", 8, "contacts[2].name")


def _docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("name, data", [
    ("page/index.html", "<p>Contact O&#x27;Brien Hidden</p>".encode()),
    ("page/other.html", "<p>Contact O&#39;Brien Hidden</p>".encode()),
    ("search/search_index.json", b'{"text": "o\'brien hidden"}'),
    ("exports/x.csv", "name\nO'Brien Hidden\n".encode("utf-8")),
    ("sitemap.xml.gz", gzip.compress(b"<loc>O'Brien Hidden</loc>")),
    ("exports/x.docx", None),
])
def test_scan_finds_a_private_value_in_every_form(tmp_path, name, data):
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data if data is not None else _docx_bytes("Speaker: O'Brien Hidden"))
    (tmp_path / "clean.html").write_text("<p>Nothing here</p>")
    leaks = privacy.scan([tmp_path], {"O'Brien Hidden": SRC})
    assert [(l.file, l.source) for l in leaks] == [(name, SRC)]
    if name.endswith(".docx"):
        assert leaks[0].member == "word/document.xml"


def test_scan_finds_a_phone_number_written_without_spaces(tmp_path):
    (tmp_path / "index.html").write_text('<a href="tel:+22890556677">call</a>')
    leaks = privacy.scan([tmp_path], {"+228 90 55 66 77": SRC})
    assert len(leaks) == 1


def test_postbuild_step_fails_without_printing_the_value(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "groups" / "x").mkdir(parents=True)
    (tmp_path / "groups" / "x" / "index.md").write_text(f"---\n{GROUP}---\nPlan\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>Public Person works with many.</p>")
    privacy.postbuild_step(settings(tmp_path), site)  # clean: no exception
    (site / "feed.ics").write_text("BEGIN:VEVENT\nDESCRIPTION:Speaker Hidden Person\nEND:VEVENT\n")
    with pytest.raises(privacy.PrivateDataLeak) as exc:
        privacy.postbuild_step(settings(tmp_path), site)
    message = str(exc.value)
    assert "feed.ics: contains the private value written at groups/x/index.md:8 (contacts[2].name)" in message
    assert "Hidden Person" not in message  # build logs are public


# --- a real build from fixtures with private values ----------------------------------------------

def test_built_site_holds_no_private_value(hostile_site):
    repo, site = hostile_site
    values = privacy.collect(settings(repo))
    assert FIXTURE_VALUES <= set(values)
    assert privacy.scan([site], values) == []
    # The group page was built, with its public part.
    page = (site / "groups" / "tgo-54" / "index.html").read_text(encoding="utf-8")
    assert "Example NGO Lomé Human Rights Forum" in page


def test_scan_fails_when_one_private_value_is_injected(hostile_site, tmp_path):
    repo, site = hostile_site
    values = privacy.collect(settings(repo))
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "groups" / "tgo-54" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</article>", "<p>zeta.fixture@example.org</p></article>", 1), encoding="utf-8")
    leaks = privacy.scan([copy], values)
    lines = (repo / "groups" / "tgo-54" / "index.md").read_text(encoding="utf-8").split("\n")
    line = lines.index("    email: zeta.fixture@example.org") + 1
    assert [l.format() for l in leaks] == [
        "groups/tgo-54/index.html: contains the private value written at "
        f"groups/tgo-54/index.md:{line} (contacts[1].email)"]
    with pytest.raises(privacy.PrivateDataLeak):
        privacy.postbuild_step(settings(repo), copy)


def test_a_confidential_file_keeps_its_narrative_private(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    folder = tmp_path / "states" / "followup" / "tgo"
    folder.mkdir(parents=True)
    (folder / "2026-10-01-detention.md").write_text(
        "---\nrecommendations: [TGO-40-120.3]\nstatus: not implemented\nprivate: true\n---\n\n"
        "# Detention\n\n"
        "A witness in Kara described the cells of the gendarmerie in detail.\n"
        "**Short.**\n", encoding="utf-8")
    values = privacy.collect(settings(tmp_path))
    assert {v: s.format() for v, s in values.items()} == {
        "A witness in Kara described the cells of the gendarmerie in detail.":
            "states/followup/tgo/2026-10-01-detention.md:9 (text of a confidential file)"}
