"""Confidential contacts and members never reach the site, search index, feeds, exports
or the Word export (issue 5). The scan reads every output file (zip containers such
as DOCX/XLSX member by member, gzip files decompressed) and is shown to fail on a leak."""
from __future__ import annotations

import gzip
import html
import io
import json
import shutil
import urllib.parse
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, TODAY
from upr import groups, submission
from upr.config import settings
from upr.content import load_content


def forms(value: str) -> set[str]:
    """The ways a value can be written in output: as is, HTML-escaped, JSON-escaped, URL-encoded."""
    out = {value, html.escape(value), html.escape(value, quote=False), value.replace("'", "&#39;"),
           json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1],
           urllib.parse.quote(value), urllib.parse.quote_plus(value)}
    return {f.lower() for f in out}


def members(name: str, raw: bytes):
    if raw[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            for info in zf.infolist():
                yield from members(f"{name}!{info.filename}", zf.read(info))
        return
    if raw[:2] == b"\x1f\x8b":
        yield from members(name + "!gunzip", gzip.decompress(raw))
        return
    yield name, raw


def scan(folders: list[Path], secrets: set[str]) -> list[tuple[str, str]]:
    """``(file[!member], secret)`` for every secret found in any file under ``folders``."""
    table = {form: s for s in secrets for form in forms(s)}
    found = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            for name, raw in members(path.relative_to(folder).as_posix(), path.read_bytes()):
                text = raw.decode("utf-8", errors="replace").lower()
                found += [(name, secret) for form, secret in table.items() if form in text]
    return found


@pytest.fixture(scope="module")
def secrets(site_root) -> set[str]:
    values = groups.private_values(load_content(settings(site_root, TODAY)))
    # The example content really has confidential entries (else the scan proves nothing).
    assert {"Example NGO Kara Defenders Collective", "Example Contact Kara Defender",
            "kara-defenders@example.org", "Example NGO Aleppo Detainees Families Group"} <= values
    return values


@pytest.fixture(scope="module")
def docx_exports(tmp_path_factory, site_root) -> Path:
    out = tmp_path_factory.mktemp("docx")
    content = load_content(settings(site_root, TODAY))
    for group in content.groups.values():
        if group.has_draft:
            submission.to_docx(group, out / f"{group.slug}.docx")
    assert list(out.glob("*.docx"))
    return out


def test_no_confidential_value_in_the_built_site_or_the_word_exports(built_site, secrets, docx_exports):
    docs = built_site.parent / "docs"  # the generated Markdown, exports and feeds before MkDocs
    folders = [built_site, docx_exports] + ([docs] if docs.is_dir() else [])
    files = sum(1 for f in folders for p in f.rglob("*") if p.is_file())
    assert files > 500
    assert (built_site / "search" / "search_index.json").is_file()
    assert list(built_site.rglob("*.ics"))
    assert scan(folders, secrets) == []


def test_the_scan_fails_on_an_injected_leak(built_site, secrets, docx_exports, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(built_site / "groups", copy / "groups")
    page = copy / "groups" / "tgo-54" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</article>", "<p>Example NGO Kara Defenders Collective</p></article>"), encoding="utf-8")
    index = copy / "search_index.json"
    index.write_text(json.dumps({"docs": [{"text": "write to kara-defenders@example.org"}]}), encoding="utf-8")
    leaked = copy / "leak.docx"
    with zipfile.ZipFile(leaked, "w") as zf:
        zf.writestr("word/document.xml", "<w:t>Example NGO Aleppo Detainees Families Group</w:t>")
    found = scan([copy], secrets)
    assert ("groups/tgo-54/index.html", "Example NGO Kara Defenders Collective") in found
    assert ("search_index.json", "kara-defenders@example.org") in found
    assert ("leak.docx!word/document.xml", "Example NGO Aleppo Detainees Families Group") in found


def test_html_escaped_leak_is_found(tmp_path):
    (tmp_path / "page.html").write_text("<p>Example NGO Children&#39;s Shelter</p>", encoding="utf-8")
    assert scan([tmp_path], {"Example NGO Children's Shelter"}) == [("page.html", "Example NGO Children's Shelter")]


def test_docx_leaves_out_confidential_members(docx_exports, secrets):
    import docx
    document = docx.Document(str(docx_exports / "tgo-54.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Example NGO Lomé Human Rights Forum (ELHRF)" in text
    assert not any(s in text for s in secrets)
