"""A forced build of a hostile content set (tests/hostile_fixture.py) publishes no
planted confidential marker in any output byte, zip and gzip members included, in
en, fr and es; attachments and images are published without their metadata; links
to files outside the repository are never followed (issue 13, classes 2 and 3)."""
from __future__ import annotations

import gzip
import html
import io
import json
import re
import shutil
import urllib.parse
import zipfile
from pathlib import Path

import pytest

import hostile_fixture as hf
from conftest import run_upr

TODAY = "2026-11-30"


def forms(value: str) -> set[str]:
    """The ways a value can be written in output (independent of upr.privatetext)."""
    out = {value, html.escape(value), html.escape(value, quote=False), value.replace("'", "&#39;"),
           json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1],
           urllib.parse.quote(value), urllib.parse.quote_plus(value), value.replace(" ", "&nbsp;"),
           re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")}
    return {f.lower() for f in out if len(f) >= 4}


def members(name: str, raw: bytes):
    if raw[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            for info in zf.infolist():
                yield f"{name}!{info.filename}", info.filename, zf.read(info)
        return
    if raw[:2] == b"\x1f\x8b":
        yield from members(name + "!gunzip", gzip.decompress(raw))
        return
    yield name, "", raw


def every_output(folder: Path):
    """(name, bytes) of every file under ``folder``, zip and gzip members opened."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        for name, member, raw in members(rel, path.read_bytes()):
            yield name, raw


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """``(root, site, check output, link targets)``: the fixture, checked, then built with
    ``upr codeowners`` and ``upr build --force`` (all three languages)."""
    base = tmp_path_factory.mktemp("hostile")
    root = hf.write(base / "repo")
    targets = hf.links(root, base / "outside")
    env = {"UPR_ROOT": str(root)}
    check = run_upr("check", cwd=root, env=env)
    owners = run_upr("codeowners", cwd=root, env=env)
    assert owners.returncode == 0, owners.stderr
    build = run_upr("build", "--force", "--today", TODAY, "--out", str(base / "out"), cwd=root, env=env)
    assert build.returncode == 0, build.stderr[-6000:]
    assert "privacy scan of every output file" in build.stderr
    assert "no metadata left" in build.stderr and "loads anything from another site" in build.stderr
    yield root, base / "out" / "site", check, targets
    shutil.rmtree(base, ignore_errors=True)


def test_no_planted_marker_in_any_output_byte(hostile):
    root, site, _, _ = hostile
    outputs = [(name, raw.decode("utf-8", "replace").lower()) for name, raw in every_output(site)]
    outputs += [(f"build/{name}", raw.decode("utf-8", "replace").lower())
                for name, raw in every_output(site.parent / "docs")]  # the generated tree MkDocs read
    assert len(outputs) > 300
    found = sorted({(name, canary) for canary in hf.CANARIES for form in forms(canary)
                    for name, text in outputs if form in text or form in name.lower()})
    assert found == []
    # The short confidential acronym, as a whole word (it is a substring of many binary files).
    short = re.compile(rf"(?<![a-z0-9]){hf.SHORT.lower()}(?![a-z0-9])")
    assert [name for name, text in outputs if name.endswith((".html", ".json", ".xml", ".ics", ".csv", ".md"))
            and short.search(text)] == []


def test_every_language_and_index_was_built_and_holds_the_public_content(hostile):
    _, site, _, _ = hostile
    for prefix in ("", "fr/", "es/"):
        group = (site / prefix / "groups" / "civ-47" / "index.html").read_text(encoding="utf-8")
        assert hf.AIDH in html.unescape(group)
        assert (site / prefix / "search" / "search_index.json").is_file()
        feed = (site / prefix / "news" / "feed.xml").read_text(encoding="utf-8")
        assert "A public announcement" in feed and "secret" not in feed.lower()
        assert (site / prefix / "news" / "2026-11-21-public-post" / "index.html").is_file()
        assert not (site / prefix / "secret-page").exists() and not (site / prefix / "not-boolean").exists()
        assert not (site / prefix / "groups" / "civ-47" / "submission").exists()
        assert not list((site / prefix / "groups" / "civ-47").glob("*.docx"))  # the draft is confidential
        changes = (site / prefix / "changes" / "index.html").read_text(encoding="utf-8")
        assert "Publish the gallery" in changes
        assert "Initial content" not in changes  # it also added the confidential files: hidden whole
        assert "[e-mail address]" in changes and "[phone number]" in changes
    assert list((site / "pagefind").rglob("*.pf_fragment")), "Pagefind indexed the recommendation tables"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "gallery/" in sitemap and "secret" not in sitemap
    calendar = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.ics"))
    assert "Pre-session briefing on Côte d'Ivoire" in calendar.replace("\r\n ", "")


def test_codeowners_names_only_public_handles(hostile):
    root, _, _, _ = hostile
    owners = (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/groups/civ-47/ @civ-public-coordinator" in owners
    for canary in (hf.CDA_GITHUB, "awa-canary-gh", hf.CDA, hf.AWA):
        assert canary not in owners


def test_attachments_and_images_are_published_without_metadata(hostile):
    import docx
    import openpyxl
    import pikepdf
    from PIL import Image
    _, site, _, _ = hostile
    files = site / "tools" / "files"
    document = docx.Document(str(files / "template.docx"))
    cp = document.core_properties
    assert (cp.author, cp.last_modified_by, cp.comments) == ("", "", "")
    assert document.paragraphs[0].text == "A template for a joint submission."  # still the same document
    with zipfile.ZipFile(files / "template.docx") as zf:
        assert b"<property" not in zf.read("docProps/custom.xml")
        assert b"Company" not in zf.read("docProps/app.xml")
        media = [n for n in zf.namelist() if n.startswith("word/media/")]
        assert media and all(not Image.open(io.BytesIO(zf.read(n))).getexif() for n in media)
    wb = openpyxl.load_workbook(files / "table.xlsx")
    assert wb.properties.lastModifiedBy is None and wb.properties.description is None
    with zipfile.ZipFile(files / "table.xlsx") as zf:  # openpyxl reads a missing creator as "openpyxl"
        assert b"creator" not in zf.read("docProps/core.xml") and b"Company" not in zf.read("docProps/app.xml")
    assert wb.active["A1"].value == "Recommendation"
    with pikepdf.open(files / "guide.pdf") as pdf:
        assert "/Author" not in pdf.docinfo and "/Metadata" not in pdf.Root and len(pdf.pages) == 1
        assert all("/T" not in a for a in pdf.pages[0].obj.get("/Annots", []))
    with zipfile.ZipFile(files / "notes.odt") as zf:
        assert zf.namelist()[0] == "mimetype" and b"creator" not in zf.read("meta.xml")
        assert b"Notes for the coalition." in zf.read("content.xml")
    images = site / "images"
    photo = Image.open(images / "photo.jpg")
    assert not photo.getexif() and "comment" not in photo.info and "xmp" not in photo.info
    assert photo.size == (32, 64)  # turned as the EXIF orientation said (6: 90° clockwise)
    tiff = Image.open(images / "scan.tif")
    assert 315 not in tiff.tag_v2 and 270 not in tiff.tag_v2  # Artist, ImageDescription (a TIFF's EXIF is its tags)
    for name in ("drawing.png", "picture.webp", "anim.gif"):
        image = Image.open(images / name)
        assert not image.getexif(), name
        assert not {"comment", "xmp", "Author", "Comment"} & set(image.info), (name, image.info)
    assert Image.open(images / "anim.gif").n_frames == 2


def test_check_refuses_what_the_build_had_to_leave_out(hostile):
    _, _, check, targets = hostile
    assert check.returncode == 1
    out = check.stdout
    for rel in targets:
        assert f"{rel}:1: is a symbolic link; links are never followed — put the file itself here" in out, rel
    assert "docs/hard.md:1: is a hard link" in out
    assert "docs/not-boolean.md:2: confidential/private is 'yes', not true or false" in out
    assert "docs/images/photo.jpg:1: photo.jpg: the photo records where it was taken (GPS position)" in out
    assert ("tools_library/reviewed-template.md:12: reviewed.docx: it contains comments, which name their "
            "authors") in out
    assert "Traceback" not in check.stderr


def test_case43_fixture_carries_the_case_values():
    """The adapted group (hostile_fixture.GROUP) holds the case's own canary values."""
    case = hf.CASE43.read_text(encoding="utf-8")
    for value in ("Collectif des défenseures d'Abidjan (test)", "cda-coordinator-test", "+225 07 00 00 00 00",
                  "Association ivoirienne des droits humains (test)"):
        assert value in case and value in hf.GROUP
    assert "Awa K. (test name)" in case
