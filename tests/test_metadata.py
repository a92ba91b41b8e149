"""Attachments and images are published without their metadata, or refused with a
clear message (issue 13, class 2). Each file is opened again after cleaning."""
from __future__ import annotations

import io
import zipfile

import docx
import openpyxl
import pikepdf
import pytest
from PIL import Image

import hostile_fixture as hf
from upr import metadata


def test_a_phone_photo_loses_gps_owner_camera_and_comment_and_is_turned_upright():
    raw = hf.jpeg()
    assert {"EXIF GPS position", "comment", "xmp"} <= set(metadata.image_metadata(raw))
    clean = metadata.clean("photo.jpg", raw)
    image = Image.open(io.BytesIO(clean))
    assert not image.getexif() and not {"comment", "xmp", "exif"} & set(image.info)
    assert image.size == (32, 64)  # orientation 6 applied: no EXIF left to say it
    assert image.getpixel((16, 2))[2] > 150  # the blue band, on top after the turn
    assert metadata.remaining("photo.jpg", clean) == []


def test_an_upright_jpeg_keeps_its_quantisation():
    raw = hf.jpeg(orientation=1)
    clean = metadata.clean("photo.jpg", raw)
    assert Image.open(io.BytesIO(clean)).quantization == Image.open(io.BytesIO(raw)).quantization
    assert metadata.remaining("photo.jpg", clean) == []


@pytest.mark.parametrize("name, make", [("a.png", hf.png), ("a.webp", hf.webp), ("a.gif", hf.gif),
                                        ("a.tif", hf.tiff)])
def test_other_images_lose_their_text_and_exif(name, make):
    raw = make()
    assert metadata.remaining(name, raw)  # the fixture does carry metadata
    clean = metadata.clean(name, raw)
    assert metadata.remaining(name, clean) == [] and b"CANARY" not in clean
    Image.open(io.BytesIO(clean)).load()


def test_word_files_lose_author_company_comments_custom_properties_template_and_photo_exif():
    raw = hf.docx_with_metadata()
    before = metadata.remaining("t.docx", raw)
    assert any("creator" in x for x in before) and any("Company" in x for x in before)
    clean = metadata.clean("t.docx", raw)
    assert b"CANARY" not in b"".join(zipfile.ZipFile(io.BytesIO(clean)).read(n)
                                     for n in zipfile.ZipFile(io.BytesIO(clean)).namelist())
    document = docx.Document(io.BytesIO(clean))
    assert document.core_properties.author == "" and document.paragraphs[0].text.startswith("A template")
    assert metadata.remaining("t.docx", clean) == []
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(clean)).infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_excel_pdf_and_opendocument_files_lose_their_authors():
    xlsx = metadata.clean("t.xlsx", hf.xlsx_with_metadata())
    wb = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert wb.properties.lastModifiedBy is None and wb.active["A1"].value == "Recommendation"
    pdf = metadata.clean("g.pdf", hf.pdf_with_metadata())
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert "/Author" not in doc.docinfo and "/Metadata" not in doc.Root and len(doc.pages) == 1
    odt = metadata.clean("n.odt", hf.odt_with_metadata())
    with zipfile.ZipFile(io.BytesIO(odt)) as zf:
        assert zf.infolist()[0].filename == "mimetype" and zf.infolist()[0].compress_type == zipfile.ZIP_STORED
        assert b"CANARY" not in b"".join(zf.read(n) for n in zf.namelist())
    for name, clean in (("t.xlsx", xlsx), ("g.pdf", pdf), ("n.odt", odt)):
        assert metadata.remaining(name, clean) == [], name
    assert metadata.clean("notes.txt", b"CANARY text stays") == b"CANARY text stays"


def test_check_refuses_what_cannot_be_removed_with_the_tool_line():
    gps = metadata.problems(hf.jpeg(), "p.jpg", "docs/p.jpg", 1)
    assert [p.format() for p in gps] == ["docs/p.jpg:1: p.jpg: the photo records where it was taken (GPS position) "
                                         "— " + metadata.GPS_FIX]
    assert metadata.problems(hf.jpeg(gps=False), "p.jpg", "docs/p.jpg", 1) == []  # the build strips the rest
    comments = metadata.problems(hf.docx_with_metadata(comments=True), "r.docx", "tools_library/t.md", 12)
    assert [p.format() for p in comments] == ["tools_library/t.md:12: r.docx: it contains comments, which name "
                                              "their authors — " + metadata.REFUSAL_FIX]
    with pytest.raises(metadata.MetadataError, match="comments"):
        metadata.clean("r.docx", hf.docx_with_metadata(comments=True))
    broken = metadata.problems(b"\xff\xd8\xff\xe0not really", "b.jpg", "docs/b.jpg", 1)
    assert broken and "cannot be read as an image" in broken[0].message


def test_tracked_changes_and_password_protected_pdfs_are_refused():
    raw = hf.docx_with_metadata()
    zin = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:r>", b'<w:ins w:id="1" w:author="CANARY"><w:r>', 1).replace(
                    b"</w:r>", b"</w:r></w:ins>", 1)
            zout.writestr(info, data)
    found = metadata.problems(out.getvalue(), "t.docx", "tools_library/t.md", 12)
    assert [p.message for p in found] == ["t.docx: it contains tracked changes, which name who made them"]
    locked = io.BytesIO()
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(locked, encryption=pikepdf.Encryption(owner="o", user="u"))
    found = metadata.problems(locked.getvalue(), "l.pdf", "tools_library/t.md", 13)
    assert [p.message for p in found] == ["l.pdf: the PDF is protected by a password; export it again without one"]


def test_the_post_build_step_fails_on_a_file_with_metadata(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "ok.jpg").write_bytes(metadata.clean("ok.jpg", hf.jpeg()))
    metadata.postbuild_step(None, tmp_path)
    (tmp_path / "img" / "raw.jpg").write_bytes(hf.jpeg())
    with pytest.raises(SystemExit, match=r"img/raw.jpg: EXIF GPS position, EXIF Make, Artist"):
        metadata.postbuild_step(None, tmp_path)
