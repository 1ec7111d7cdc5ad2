"""core/uploads.py: file type by content, size limit, photo processing (EXIF and GPS removed)."""

import io
import zipfile

import pytest
from django.utils import translation
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core import uploads
from tests.coalitions.factories import minimal_pdf, png_bytes

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<Relationships/>",
                      "word/document.xml": b"<w:document/>"})


def xlsx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def odf_bytes(kind: str) -> bytes:
    return zip_bytes({"mimetype": f"application/vnd.oasis.opendocument.{kind}".encode(),
                      "content.xml": b"<office:document-content/>"})


def image_bytes(image_format: str, size=(60, 30), **save_options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buffer, image_format, **save_options)
    return buffer.getvalue()


def jpeg_with_gps(size=(60, 30), orientation=6) -> bytes:
    """A JPEG as a phone stores it: GPS position of the camera, an orientation tag, a comment."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "Vzorový telefon"  # Make
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (50.0, 8.0, 30.5), 3: "E", 4: (14.0, 6.0, 12.25)})
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG", exif=exif, comment=b"Kladno, Sportovni 1")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize("name, content, code", [
    ("metodika.pdf", minimal_pdf(), "pdf"),
    ("zapis.docx", docx_bytes(), "docx"),
    ("kapacity.xlsx", xlsx_bytes(), "xlsx"),
    ("zamer.odt", odf_bytes("text"), "odt"),
    ("tabulka.ods", odf_bytes("spreadsheet"), "ods"),
    ("foto.png", image_bytes("PNG"), "png"),
    ("foto.jpg", image_bytes("JPEG"), "jpeg"),
    ("foto.webp", image_bytes("WEBP"), "webp"),
])
def test_allowed_types_are_recognised_by_content(name, content, code):
    assert uploads.validate_document(upload(name, content)).code == code


@pytest.mark.parametrize("name, content", [
    ("bez-pripony", minimal_pdf()),
    ("obrazek.docx", image_bytes("PNG")),  # a real PNG named .docx is a PNG
    ("dokument.png", docx_bytes()),
])
def test_the_name_does_not_matter(name, content):
    detected = uploads.validate_document(upload(name, content))
    assert detected.code == uploads.detect_type(io.BytesIO(content)).code


def test_the_stored_name_follows_the_content():
    assert uploads.stored_name("Fotka z jednání.docx", uploads.FILE_TYPES["png"]) == "fotka-z-jednani.png"
    assert uploads.stored_name("../../etc/passwd", uploads.FILE_TYPES["pdf"]) == "passwd.pdf"
    assert uploads.stored_name("", uploads.FILE_TYPES["pdf"], fallback="dokument") == "dokument.pdf"


@pytest.mark.parametrize("name, content, message", [
    ("metodika.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "is not PDF"),
    ("metodika.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64, "is not PDF"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "cannot be uploaded"),
    ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "is not PNG"),
    ("animace.gif", image_bytes("GIF"), "cannot be uploaded"),
    ("obrazek.bmp", image_bytes("BMP"), "cannot be uploaded"),
    ("archiv.zip", zip_bytes({"readme.txt": b"ahoj"}), "cannot be uploaded"),
    ("makra.docx", zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>",
                              "word/vbaProject.bin": b"\x00"}), "is not DOCX"),
    ("kniha.odt", zip_bytes({"mimetype": b"application/epub+zip"}), "is not ODT"),
    ("rozbity.png", image_bytes("PNG")[:40], "is not PNG"),
    ("rozbity.docx", b"PK\x03\x04" + b"\x00" * 100, "is not DOCX"),
])
def test_disguised_and_other_files_are_refused_with_a_message(name, content, message):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        uploads.validate_document(upload(name, content))
    with translation.override("en"):
        assert message in error.value.messages[0]


def test_size_over_the_limit_is_refused(settings):
    settings.MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        uploads.validate_document(upload("velky.pdf", minimal_pdf() + b"0" * 2000))
    assert error.value.code == "too_large"
    assert "1000" in error.value.messages[0]  # the limit, in the message


def test_images_only_for_photos():
    with pytest.raises(ValidationError):
        uploads.validate_image(upload("foto.pdf", minimal_pdf()))
    assert uploads.validate_image(upload("foto.webp", image_bytes("WEBP"))).code == "webp"


def test_huge_pixel_counts_are_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PIXELS", 100)
    assert uploads.detect_type(io.BytesIO(image_bytes("PNG", size=(20, 20)))) is None


def test_a_photo_loses_exif_and_gps_and_is_turned_upright():
    original = jpeg_with_gps(size=(60, 30), orientation=6)
    with Image.open(io.BytesIO(original)) as before:  # the test file really carries what must go
        assert before.getexif().get_ifd(GPS_IFD)
        assert before.getexif()[ORIENTATION] == 6

    processed = uploads.process_photo(upload("IMG_0001.jpg", original), uploads.FILE_TYPES["jpeg"])

    data = processed.image.read()
    with Image.open(io.BytesIO(data)) as after:
        assert after.format == "JPEG"
        assert after.size == (30, 60)  # rotated as the orientation tag said, so the tag is not needed
        exif = after.getexif()
        assert len(exif) == 0 and not exif.get_ifd(GPS_IFD)
        assert "exif" not in after.info and "comment" not in after.info and "xmp" not in after.info
    assert b"Exif" not in data and b"Kladno" not in data and "Vzorový".encode() not in data
    assert processed.image.name == "img_0001.jpg"


def test_a_photo_gets_a_thumbnail_of_at_most_400_px():
    processed = uploads.process_photo(upload("foto.png", image_bytes("PNG", size=(1600, 1200))),
                                      uploads.FILE_TYPES["png"])
    with Image.open(processed.thumbnail) as thumbnail:
        assert thumbnail.format == "PNG" and thumbnail.size == (400, 300)
    assert processed.thumbnail.name == "foto-nahled.png"


def test_large_photos_are_scaled_down(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PHOTO_PX", 500)
    processed = uploads.process_photo(upload("foto.webp", image_bytes("WEBP", size=(1000, 400))),
                                      uploads.FILE_TYPES["webp"])
    with Image.open(processed.image) as image:
        assert image.format == "WEBP" and max(image.size) <= 1000


def test_transparent_and_palette_images_survive():
    buffer = io.BytesIO()
    Image.new("P", (30, 20), 3).save(buffer, "PNG", transparency=3)
    processed = uploads.process_photo(upload("paleta.png", buffer.getvalue()), uploads.FILE_TYPES["png"])
    with Image.open(processed.image) as image:
        assert image.size == (30, 20) and image.mode == "RGBA"


def test_image_documents_lose_their_metadata_too():
    original = upload("mapa.jpg", jpeg_with_gps())
    cleaned = uploads.strip_metadata(original, uploads.FILE_TYPES["jpeg"], "mapa.jpg")
    with Image.open(cleaned) as image:
        assert not image.getexif().get_ifd(GPS_IFD)


def test_content_type_of_a_stored_photo():
    assert uploads.content_type_of("photos/2026/01/foto.jpg") == "image/jpeg"
    assert uploads.content_type_of("photos/2026/01/foto-nahled.webp") == "image/webp"
    assert uploads.content_type_of("photos/2026/01/foto.svg") is None
    assert uploads.content_type_of("photos/2026/01/zapis.pdf") is None


def test_png_bytes_helper_is_a_png():
    assert uploads.detect_type(io.BytesIO(png_bytes())).code == "png"
