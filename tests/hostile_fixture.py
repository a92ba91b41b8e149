"""A hostile content set for issue 13 (classes 2 and 3), written from scratch under a
temporary folder: the code side of the repository (mkdocs.yml, overrides/, scripts/upr,
docs' own scripts and stylesheets) and fixture content that plants confidential markers
everywhere a contribution can (never the live content of states/, groups/,
tools_library/ or docs/).

:func:`write` lays it out and makes a git history that holds confidential commits;
:data:`CANARIES` are the strings that must never reach any output byte; :func:`links`
adds symbolic links and hard links to files outside the repository.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import zipfile
from pathlib import Path

from conftest import CASES, ROOT

CASE43 = CASES / "43-private-notes-leak-into-site" / "input" / "content" / "groups" / "cote-divoire-coalition.md"

# Case 43's values, adapted to this repository's group format (groups/civ-47/index.md).
CDA = "Collectif des défenseures d'Abidjan (test)"
CDA_GITHUB = "cda-coordinator-test"
CDA_PHONE = "+225 07 00 00 00 00"
AWA = "Awa K. (test name)"
AIDH = "Association ivoirienne des droits humains (test)"
SHORT = "QXZW"  # a confidential member's acronym: short values are found as whole words only

CANARIES = [
    CDA, CDA_GITHUB, CDA_PHONE, AWA,
    "awa.k.canary@example.org", "awa-canary-gh", "public.contact.canary@example.org", "https://cda.example.org/secret",
    "CANARY-DRAFT-SENTENCE", "CANARY Speaker Org Kappa", "CANARY closed briefing with the Embassy",
    "CANARY Closed Briefing Org", "CANARY-SECRET-PAGE", "CANARY-SECRET-FR", "CANARY-NOT-BOOLEAN",
    "CANARY secret post about the shelter", "CANARY-SECRET-POST-BODY", "CANARY-FOLLOWUP",
    "CANARY-OUTSIDE-FILE", "CANARY-HARDLINK", "CANARY-LINKED-DIR", "CANARY-LINKED-ATTACHMENT",
    "CANARY-DOCX-AUTHOR", "CANARY-DOCX-LASTMOD", "CANARY-COMPANY", "CANARY-DOCX-COMMENTS", "CANARY-CUSTOM-PROP",
    "CANARY-TEMPLATE-PATH", "CANARY-XLSX-CREATOR", "CANARY-XLSX-COMPANY", "CANARY-PDF-AUTHOR", "CANARY-PDF-XMP",
    "CANARY-ODT-CREATOR", "CANARY-ODT-PRINTER", "CANARY-EXIF-ARTIST", "CANARY-PNG-TEXT", "CANARY-WEBP-XMP",
    "CANARY-JPEG-COMMENT", "CANARY-TIFF-ARTIST", "CANARY-GIF-COMMENT", "CANARY-EMBEDDED-EXIF",
    "CANARY-REVIEW-COMMENT", "CANARY-COMMIT-SUBJECT", "Hidden Historian", "canary.committer@example.org",
    "+225 01 02 03 04 05", "secret-page", "secret-post", "kara-visit",
]
GPS = {1: "N", 2: (5.0, 20.0, 12.0), 3: "W", 4: (4.0, 1.0, 30.0)}  # Abidjan

STATES = {  # iso3: (iso2, m49, short name en/fr/es, formal en/fr/es, regional group)
    "TGO": ("TG", "768", ("Togo", "Togo", "Togo"),
            ("the Togolese Republic", "la République togolaise", "la República Togolesa"), "African Group"),
    "CIV": ("CI", "384", ("Côte d'Ivoire", "Côte d'Ivoire", "Côte d'Ivoire"),
            ("the Republic of Côte d'Ivoire", "la République de Côte d'Ivoire", "la República de Côte d'Ivoire"),
            "African Group"),
    "NOR": ("NO", "578", ("Norway", "Norvège", "Noruega"),
            ("the Kingdom of Norway", "le Royaume de Norvège", "el Reino de Noruega"),
            "Western European and Others Group"),
    "FRA": ("FR", "250", ("France", "France", "Francia"),
            ("the French Republic", "la République française", "la República Francesa"),
            "Western European and Others Group"),
}


def _state(iso3: str) -> str:
    iso2, m49, short, formal, group = STATES[iso3]
    names = "".join(f"  {lang}:\n    short: \"{s}\"\n    formal: \"{f}\"\n"
                    for lang, s, f in zip(("en", "fr", "es"), short, formal))
    return (f"---\niso3: {iso3}\niso2: {iso2}\nm49: '{m49}'\nun_status: member\nregional_group: {group}\n"
            f"names:\n{names}---\n{short[0]} is a UN Member State.\n")


SESSIONS = """updated: '2026-11-30'
sessions:
  - session: 40
    cycle: 3
    year: 2022
    start: {date: '2022-01-24', precision: day}
    end: {date: '2022-02-04', precision: day}
    states: [TGO, NOR]
    order: alphabetical
  - session: 47
    cycle: 4
    year: 2024
    start: {date: '2024-11-04', precision: day}
    end: {date: '2024-11-15', precision: day}
    states: [CIV, FRA]
    order: alphabetical
  - session: 54
    cycle: 4
    year: 2027
    start: {date: '2027-01-25', precision: approximate}
    states: [TGO, NOR]
    order: alphabetical
"""

def recommendations_csv() -> str:
    """Two recommendations to Togo, in the layout of upr.recommendations (its columns)."""
    import csv
    from upr.recommendations import COLUMNS
    rows = [
        {"id": "TGO-40-u00000001", "state_under_review": "TGO", "cycle": "3", "session": "40",
         "text": "Ensure that human rights defenders can work without reprisals", "recommending_states": "NOR",
         "response": "supported", "action_category": "4", "issues": "Human rights defenders",
         "source_dataset": "fixture", "source_rows": "fixture:1"},
        {"id": "TGO-40-u00000002", "state_under_review": "TGO", "cycle": "3", "session": "40",
         "text": "Improve conditions of detention in all prisons", "recommending_states": "FRA",
         "response": "noted", "action_category": "3", "issues": "Detention", "source_dataset": "fixture",
         "source_rows": "fixture:2"},
    ]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


GROUP = f"""---
# Case 43 (tests/cases/43-private-notes-leak-into-site), in this repository's group format.
title: Côte d'Ivoire UPR coalition
state: CIV
session: 47
status: drafting
contacts:
  - organisation: {AIDH}
    role: coordinator
    channel: https://example.org/civ-coalition
    email: public.contact.canary@example.org
    github: civ-public-coordinator
  - name: {AWA}
    organisation: {CDA}
    role: liaison
    channel: "{CDA_PHONE}"
    email: awa.k.canary@example.org
    github: awa-canary-gh
    confidential: true
members:
  - organisation: {AIDH}
    acronym: AIDH
    github: aidh-test
  - organisation: {CDA}
    acronym: {SHORT}
    website: https://cda.example.org/secret
    github: {CDA_GITHUB}
    confidential: true
languages: [fr, en]
---

# Our plan

The coalition meets monthly to prepare the mid-term report.
Write to the public contact address to join.
"""

DRAFT = """---
confidential: true
title: "Joint submission on Côte d'Ivoire: CANARY-DRAFT-SENTENCE"
state: CIV
---

## Coalition

## Findings

1. CANARY-DRAFT-SENTENCE the coalition documented forced evictions in the north.
"""

BRIEFING_PUBLIC = """---
title: Pre-session briefing on Côte d'Ivoire
date: "2026-12-10"
start: "14:00"
end: "15:00"
place: Palais des Nations, Geneva
speakers:
  - organisation: {aidh}
  - organisation: CANARY Speaker Org Kappa
    confidential: true
---

Open to all permanent missions.
"""

BRIEFING_CLOSED = """---
confidential: true
title: CANARY closed briefing with the Embassy
date: "2026-12-11"
start: "10:00"
end: "11:00"
place: An embassy in Geneva
speakers:
  - organisation: CANARY Closed Briefing Org
---

CANARY closed briefing with the Embassy: only invited missions attend this meeting.
"""

FOLLOWUP = """---
recommendations: [TGO-40-u00000002]
status: not implemented
date: "2026-10-01"
assessed_by: Fixture coalition
sources: [A/HRC/49/1]
private: true
---

CANARY-FOLLOWUP a witness described the cells of the gendarmerie in Kara in great detail.
"""

PAGES = {
    "index.md": "# UPR Platform (fixture)\n\nA fixture site. See [the gallery](gallery.md).\n",
    "about.md": "# About\n\nFixture about page.\n",
    "contribute.md": "# Contribute\n\nFixture contribute page.\n",
    "news/index.md": "# News\n\nFixture news. Subscribe to the [news feed (Atom)](feed.xml).\n",
    "secret-page.md": "---\nconfidential: true\ntitle: CANARY-SECRET-PAGE safe house\n---\n\n"
                      "# CANARY-SECRET-PAGE safe house\n\nCANARY-SECRET-PAGE text about the safe house in Bouaké.\n",
    "secret-page.fr.md": "# CANARY-SECRET-FR maison sûre\n\nCANARY-SECRET-FR texte sur la maison sûre de Bouaké.\n",
    "not-boolean.md": "---\nprivate: yes\n---\n\n# CANARY-NOT-BOOLEAN notes\n\nCANARY-NOT-BOOLEAN text.\n",
    "news/posts/2026-11-20-secret-post.md": "---\nprivate: true\ndate: 2026-11-20\ncategories: [Briefings]\n---\n\n"
                                            "# CANARY secret post about the shelter\n\nCANARY-SECRET-POST-BODY "
                                            "where the families meet.\n\n<!-- more -->\n\nMore.\n",
    "news/posts/2026-11-21-public-post.md": "---\ndate: 2026-11-21\ncategories: [Announcements]\n---\n\n"
                                            "# A public announcement\n\nThe coalition published its report.\n\n"
                                            "<!-- more -->\n\nMore.\n",
    "gallery.md": "# Gallery\n\n![A photo](images/photo.jpg)\n\n![A PNG](images/drawing.png)\n\n"
                  "![A WebP](images/picture.webp)\n\n![A GIF](images/anim.gif)\n\n[A TIFF scan](images/scan.tif)\n",
}

TOOL = """---
title: Fixture toolkit
summary: A fixture tool whose attachments carry metadata that must never be published.
kind: template
stages: [submission]
topics: [upr-process]
languages: [en]
organisation: Fixture coalition
year: 2026
licence: CC BY 4.0
attachments:
  - file: template.docx
  - file: table.xlsx
  - file: guide.pdf
  - file: notes.odt
---

## How to use it

Open the files.
"""

TOOL_REFUSED = """---
title: Reviewed template
summary: A Word file that still carries review comments, refused by upr check.
kind: template
stages: [submission]
topics: [upr-process]
languages: [en]
organisation: Fixture coalition
year: 2026
licence: CC BY 4.0
attachments:
  - file: reviewed.docx
---

## How to use it

Do not.
"""


# --- files with metadata --------------------------------------------------------------------------

def jpeg(artist: str = "CANARY-EXIF-ARTIST", gps: bool = True, comment: bytes = b"CANARY-JPEG-COMMENT",
         orientation: int = 6) -> bytes:
    from PIL import Image
    im = Image.new("RGB", (64, 32), (200, 30, 30))
    im.paste((20, 20, 200), (0, 0, 16, 32))  # a blue band on the left, to see the turn
    exif = Image.Exif()
    exif[0x013B] = artist
    exif[0x010F] = "FixtureCam"
    exif[0x0112] = orientation
    if gps:
        exif[0x8825] = GPS
    out = io.BytesIO()
    im.save(out, "JPEG", exif=exif, comment=comment, xmp=b"<x:xmpmeta>CANARY-EXIF-ARTIST</x:xmpmeta>")
    return out.getvalue()


def png() -> bytes:
    from PIL import Image, PngImagePlugin
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "CANARY-PNG-TEXT")
    info.add_itxt("Comment", "CANARY-PNG-TEXT ünïcode")
    exif = Image.Exif()
    exif[0x013B] = "CANARY-EXIF-ARTIST"
    exif[0x8825] = GPS
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 128, 0, 255)).save(out, "PNG", pnginfo=info, exif=exif)
    return out.getvalue()


def webp() -> bytes:
    from PIL import Image
    exif = Image.Exif()
    exif[0x013B] = "CANARY-EXIF-ARTIST"
    exif[0x8825] = GPS
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 0, 128)).save(out, "WEBP", exif=exif, xmp=b"<x>CANARY-WEBP-XMP</x>")
    return out.getvalue()


def gif() -> bytes:
    from PIL import Image
    frames = [Image.new("RGB", (10, 10), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], comment=b"CANARY-GIF-COMMENT", loop=0)
    return out.getvalue()


def tiff() -> bytes:
    from PIL import Image
    from PIL.TiffImagePlugin import ImageFileDirectory_v2
    tags = ImageFileDirectory_v2()
    tags[315] = "CANARY-TIFF-ARTIST"  # Artist
    tags[270] = "CANARY-TIFF-ARTIST description"
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (90, 90, 90)).save(out, "TIFF", tiffinfo=tags)
    return out.getvalue()


def docx_with_metadata(comments: bool = False) -> bytes:
    import docx
    document = docx.Document()
    document.add_paragraph("A template for a joint submission.")
    document.add_picture(io.BytesIO(jpeg(artist="CANARY-EMBEDDED-EXIF", gps=False, comment=b"CANARY-EMBEDDED-EXIF")))
    cp = document.core_properties
    cp.author, cp.last_modified_by, cp.comments = "CANARY-DOCX-AUTHOR Awa", "CANARY-DOCX-LASTMOD", "CANARY-DOCX-COMMENTS"
    if comments:
        document.add_comment(document.paragraphs[0].runs, text="CANARY-REVIEW-COMMENT please remove the name",
                             author="CANARY-DOCX-AUTHOR Awa", initials="AK")
    raw = io.BytesIO()
    document.save(raw)
    return _with_extra_parts(raw.getvalue())


def _with_extra_parts(raw: bytes) -> bytes:
    """Add what Word writes and python-docx does not: Company, a template path, custom properties."""
    zin = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "docProps/app.xml":
                data = data.replace(b"</Properties>", b"<Company>CANARY-COMPANY</Company><Manager>CANARY-COMPANY "
                                    b"boss</Manager><Template>C:\\Users\\CANARY-TEMPLATE-PATH\\Normal.dotm</Template>"
                                    b"</Properties>")
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/docProps/custom.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
            if info.filename == "_rels/.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdCustom" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/custom-properties" '
                                    b'Target="docProps/custom.xml"/></Relationships>')
            zout.writestr(info, data)
        zout.writestr("docProps/custom.xml", b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                      b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
                      b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                      b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Reviewer">'
                      b'<vt:lpwstr>CANARY-CUSTOM-PROP</vt:lpwstr></property></Properties>')
        zout.writestr("word/_rels/settings.xml.rels", b'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships '
                      b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                      b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
                      b'Target="file:///C:\\Users\\CANARY-TEMPLATE-PATH\\Templates\\Normal.dotm" '
                      b'TargetMode="External"/></Relationships>')
    return out.getvalue()


def xlsx_with_metadata() -> bytes:
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Recommendation"
    wb.properties.creator = "CANARY-XLSX-CREATOR"
    wb.properties.lastModifiedBy = "CANARY-XLSX-CREATOR"
    wb.properties.description = "CANARY-XLSX-CREATOR notes"
    raw = io.BytesIO()
    wb.save(raw)
    zin = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "docProps/app.xml":
                data = data.replace(b"</Properties>", b"<Company>CANARY-XLSX-COMPANY</Company></Properties>")
            zout.writestr(info, data)
    return out.getvalue()


def pdf_with_metadata(author: str = "CANARY-PDF-AUTHOR") -> bytes:
    import pikepdf
    out = io.BytesIO()
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.docinfo["/Author"] = author
        pdf.docinfo["/Creator"] = "CANARY-PDF-AUTHOR's laptop"
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:creator"] = ["CANARY-PDF-XMP"]
        annot = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[0, 0, 10, 10],
                                   Contents=pikepdf.String("a note"), T=pikepdf.String("CANARY-PDF-AUTHOR"))
        pdf.pages[0].obj["/Annots"] = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(annot)]))
        pdf.save(out)
    return out.getvalue()


def odt_with_metadata() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
                   'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                   '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
                   'opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type='
                   '"text/xml"/><manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                   '<manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>'
                   '</manifest:manifest>')
        z.writestr("content.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content xmlns:office='
                   '"urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:'
                   'xmlns:text:1.0" office:version="1.2"><office:body><office:text><text:p>Notes for the '
                   'coalition.</text:p></office:text></office:body></office:document-content>')
        z.writestr("meta.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta xmlns:office="urn:'
                   'oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:'
                   'meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"><office:meta>'
                   '<meta:initial-creator>CANARY-ODT-CREATOR</meta:initial-creator><dc:creator>CANARY-ODT-CREATOR'
                   '</dc:creator><meta:user-defined meta:name="Case">CANARY-ODT-CREATOR</meta:user-defined>'
                   '</office:meta></office:document-meta>')
        z.writestr("settings.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-settings '
                   'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:config="urn:oasis:names:tc:'
                   'opendocument:xmlns:config:1.0"><office:settings><config:config-item-set config:name="ooo:'
                   'configuration-settings"><config:config-item config:name="PrinterName" config:type="string">'
                   'CANARY-ODT-PRINTER</config:config-item></config:config-item-set></office:settings>'
                   '</office:document-settings>')
    return out.getvalue()


# --- the layout -----------------------------------------------------------------------------------

def code_side(dest: Path) -> Path:
    """The code of the repository (no content): what a fixture site is built with."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "overrides", dest / "overrides", ignore=ignore)
    shutil.copytree(ROOT / "scripts" / "upr", dest / "scripts" / "upr", ignore=ignore)
    for folder in ("javascripts", "stylesheets"):  # the project's own scripts and styles, not content
        shutil.copytree(ROOT / "docs" / folder, dest / "docs" / folder, ignore=ignore)
    return dest


def put(root: Path, rel: str, data: str | bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)


def write(root: Path) -> Path:
    """Code side plus hostile content under ``root``, committed with a history that holds
    confidential commits. Returns ``root``."""
    code_side(root)
    for iso3 in STATES:
        put(root, f"states/{iso3.lower()}.md", _state(iso3))
    put(root, "states/sessions.yml", SESSIONS)
    put(root, "states/recommendations/tgo.csv", recommendations_csv())
    put(root, "groups/civ-47/index.md", GROUP)
    put(root, "groups/civ-47/submission.md", DRAFT)
    put(root, "groups/civ-47/briefings/2026-12-10-pre-session.md", BRIEFING_PUBLIC.format(aidh=AIDH))
    put(root, "groups/civ-47/briefings/2026-12-11-embassy.md", BRIEFING_CLOSED)
    put(root, "states/followup/tgo/2026-10-01-kara-visit.md", FOLLOWUP)
    for rel, text in PAGES.items():
        put(root, f"docs/{rel}", text)
    put(root, "docs/images/photo.jpg", jpeg())
    put(root, "docs/images/drawing.png", png())
    put(root, "docs/images/picture.webp", webp())
    put(root, "docs/images/anim.gif", gif())
    put(root, "docs/images/scan.tif", tiff())
    # Images of docs/ are published only when a maintainer lists them (issue 13, class 1):
    # these are listed, so that the build publishes them and their metadata is checked.
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    listed = "".join(f"    images/{name}:\n" for name in
                     ("photo.jpg", "drawing.png", "picture.webp", "anim.gif", "scan.tif"))
    (root / "mkdocs.yml").write_text(config.replace("  published_files:\n", "  published_files:\n" + listed, 1),
                                     encoding="utf-8")
    put(root, "tools_library/config.yml", "max_attachment_mb: 10\n")
    put(root, "tools_library/fixture-toolkit.md", TOOL)
    put(root, "tools_library/reviewed-template.md", TOOL_REFUSED)
    put(root, "tools_library/files/template.docx", docx_with_metadata())
    put(root, "tools_library/files/reviewed.docx", docx_with_metadata(comments=True))
    put(root, "tools_library/files/table.xlsx", xlsx_with_metadata())
    put(root, "tools_library/files/guide.pdf", pdf_with_metadata())
    put(root, "tools_library/files/notes.odt", odt_with_metadata())
    history(root)
    return root


def history(root: Path) -> None:
    """Commit the content, then changes that Recent changes must never show."""
    import git
    repo = git.Repo.init(root)

    def commit(message: str, author: str, day: int, files: dict[str, str] | None = None) -> None:
        for rel, text in (files or {}).items():
            put(root, rel, text)
        repo.git.add("--all")
        actor = git.Actor(author, "fixture@example.org")
        stamp = f"{int(dt.datetime(2026, 11, day, 12, tzinfo=dt.timezone.utc).timestamp())} +0000"
        repo.index.commit(message, author=actor, committer=actor, author_date=stamp, commit_date=stamp)

    commit("Initial content", "Fixture Maintainer", 1)
    commit("Note the embassy", "Hidden Historian", 2,
           {"groups/civ-47/briefings/2026-12-11-embassy.md": BRIEFING_CLOSED + "\nMore.\n"})
    commit(f"CANARY-COMMIT-SUBJECT {CDA} joins", "Fixture Maintainer", 3,
           {"groups/civ-47/index.md": GROUP + "\nUpdated.\n"})
    commit("Ask canary.committer@example.org or call +225 01 02 03 04 05 about the page", "Fixture Maintainer", 4,
           {"docs/about.md": PAGES["about.md"] + "\nMore about.\n"})
    commit("Publish the gallery", "Fixture Maintainer", 5, {"docs/gallery.md": PAGES["gallery.md"] + "\n"})


def links(root: Path, outside: Path) -> dict[str, str]:
    """Symbolic and hard links to files outside the repository, in every content folder.
    Returns {link path: what it points to} (``outside`` holds the canaries)."""
    outside.mkdir(parents=True, exist_ok=True)
    secret = outside / "secret.md"
    secret.write_text("---\ntitle: CANARY-OUTSIDE-FILE\n---\n\n# CANARY-OUTSIDE-FILE\n\nCANARY-OUTSIDE-FILE\n",
                      encoding="utf-8")
    (outside / "dir").mkdir(exist_ok=True)
    (outside / "dir" / "index.md").write_text("# CANARY-LINKED-DIR\n\nCANARY-LINKED-DIR\n", encoding="utf-8")
    (outside / "attachment.pdf").write_bytes(pdf_with_metadata("CANARY-LINKED-ATTACHMENT"))
    (outside / "hard.md").write_text("# CANARY-HARDLINK\n\nCANARY-HARDLINK\n", encoding="utf-8")
    made = {
        "docs/leak.md": secret, "docs/passwd.txt": Path("/etc/passwd"), "docs/linked-dir": outside / "dir",
        "states/leak.md": secret, "groups/civ-47/briefings/leak.md": secret, "groups/linked-group": outside / "dir",
        "tools_library/leak.md": secret, "tools_library/files/linked.pdf": outside / "attachment.pdf",
        "states/followup/tgo/2026-10-02-leak.md": secret, "sources/leak.csv": secret, "imports/leak.md": secret,
    }
    for rel, target in made.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, root / rel)
    os.link(outside / "hard.md", root / "docs" / "hard.md")
    put(root, "tools_library/linked-tool.md", TOOL_REFUSED.replace("reviewed.docx", "linked.pdf")
        .replace("Reviewed template", "Linked attachment"))
    return {rel: str(target) for rel, target in made.items()}
