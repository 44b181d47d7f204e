"""lib/uploads.py: attachments are checked by content and lose their metadata.

Every fixture is made here with Pillow, pypdf and zipfile: no binary files
in the repository.
"""

import zipfile
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import Field
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from PIL import ExifTags, Image, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from lib.forms import KernForm
from lib.pdf import html_to_pdf
from lib.uploads import (
    JPEG,
    PDF,
    PNG,
    AttachmentsField,
    clean_upload,
    clean_uploads,
    safe_name,
    strip_jpeg_metadata,
)

# --- fixtures made in code --------------------------------------------------


@pytest.fixture(autouse=True)
def english():
    # The messages are read in English; the default language is German.
    with translation.override("en"):
        yield


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Artist] = "Amira Haddad"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (50.0, 35.0, 12.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (12.0, 58.0, 1.0),
    }
    return exif


def two_colour_image(size=(60, 30)) -> Image.Image:
    """Red left half, blue right half: shows where a rotation went."""
    image = Image.new("RGB", size, (255, 0, 0))
    image.paste((0, 0, 255), (size[0] // 2, 0, size[0], size[1]))
    return image


def image_bytes(image: Image.Image, fmt: str, **options) -> bytes:
    out = BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def pdf_bytes(pages: int = 1, **kwargs) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(200, 200)
    if kwargs.get("password") is not None:
        writer.encrypt(kwargs["password"], owner_password="owner-secret")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def errors_of(error: ValidationError) -> list[tuple[str | None, str]]:
    return [(e.code, message) for e in error.error_list for message in e.messages]


def refused(name: str, content: bytes) -> tuple[str | None, str]:
    with pytest.raises(ValidationError) as caught:
        clean_upload(upload(name, content))
    [(code, message)] = errors_of(caught.value)
    return code, message


def first_segment_markers(jpeg: bytes) -> set[int]:
    """The markers between the start of the JPEG and its picture data."""
    markers, position = set(), 2
    while jpeg[position + 1] != 0xDA:
        markers.add(jpeg[position + 1])
        position += 2 + int.from_bytes(jpeg[position + 2 : position + 4], "big")
    return markers


# --- photos -------------------------------------------------------------------


def test_jpeg_loses_exif_gps_comment_and_xmp_and_is_turned_upright():
    source = image_bytes(
        two_colour_image(),
        "JPEG",
        exif=gps_exif(orientation=6),
        comment=b"taken by Amira",
        xmp=b"<x:xmpmeta>Amira Haddad</x:xmpmeta>",
    )
    assert Image.open(BytesIO(source)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    clean = clean_upload(upload("IMG_2041.JPG", source))

    assert clean.content_type == "image/jpeg"
    assert clean.name == "IMG_2041.jpg"
    result = Image.open(BytesIO(clean.content))
    assert result.format == "JPEG"
    assert len(result.getexif()) == 0
    assert "exif" not in result.info and "xmp" not in result.info
    assert "comment" not in result.info
    assert b"Amira" not in clean.content and b"PhoneMaker" not in clean.content
    assert first_segment_markers(clean.content) & {0xE1, 0xFE} == set()
    # Orientation 6: the camera was turned; the red left half is now on top.
    assert result.size == (30, 60)
    top, bottom = result.getpixel((15, 5)), result.getpixel((15, 55))
    assert top[0] > 200 and top[2] < 60
    assert bottom[2] > 200 and bottom[0] < 60


def test_cmyk_jpeg_becomes_rgb():
    source = image_bytes(Image.new("CMYK", (40, 40), (0, 255, 255, 0)), "JPEG")

    clean = clean_upload(upload("scan.jpg", source))

    assert Image.open(BytesIO(clean.content)).mode == "RGB"


def test_large_photo_is_scaled_to_4000_pixels_on_the_longer_side():
    source = image_bytes(Image.new("RGB", (6000, 300), "white"), "JPEG")

    clean = clean_upload(upload("panorama.jpg", source))

    assert Image.open(BytesIO(clean.content)).size == (4000, 200)


def test_png_loses_text_chunks_and_stays_png():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Amira Haddad")
    info.add_itxt("Comment", "Wohnheim Annaberg", lang="de")
    source = image_bytes(two_colour_image(), "PNG", pnginfo=info, exif=gps_exif())
    assert Image.open(BytesIO(source)).text["Author"] == "Amira Haddad"

    clean = clean_upload(upload("screenshot.png", source))

    assert (clean.name, clean.content_type) == ("screenshot.png", "image/png")
    result = Image.open(BytesIO(clean.content))
    assert result.format == "PNG"
    assert result.text == {}
    assert len(result.getexif()) == 0
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"eXIf"):
        assert chunk not in clean.content
    assert b"Amira" not in clean.content


def test_png_keeps_its_transparency():
    image = Image.new("P", (20, 20), 1)
    image.putpalette([0, 0, 0, 255, 255, 255])
    source = image_bytes(image, "PNG", transparency=1)

    clean = clean_upload(upload("icon.png", source))

    assert Image.open(BytesIO(clean.content)).info["transparency"] == 1


def test_webp_loses_exif_and_stays_webp():
    source = image_bytes(two_colour_image(), "WEBP", exif=gps_exif())
    assert Image.open(BytesIO(source)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    clean = clean_upload(upload("Foto.webp", source))

    assert (clean.name, clean.content_type) == ("Foto.webp", "image/webp")
    result = Image.open(BytesIO(clean.content))
    assert result.format == "WEBP"
    assert len(result.getexif()) == 0
    assert b"EXIF" not in clean.content and b"Amira" not in clean.content


def test_photo_named_pdf_gets_the_extension_of_its_content():
    source = image_bytes(two_colour_image(), "PNG")

    clean = clean_upload(upload("Bescheid.pdf", source))

    assert (clean.name, clean.content_type) == ("Bescheid.png", "image/png")


def test_photo_from_a_phone_with_several_pictures_in_one_jpeg_is_taken():
    # Some phones save MPO: a JPEG with further pictures appended.
    first, second = two_colour_image(), Image.new("RGB", (60, 30), "green")
    source = image_bytes(first, "MPO", save_all=True, append_images=[second])

    clean = clean_upload(upload("portrait.jpg", source))

    assert clean.content_type == "image/jpeg"
    result = Image.open(BytesIO(clean.content))
    assert result.format == "JPEG"
    assert getattr(result, "n_frames", 1) == 1


# --- PDF ----------------------------------------------------------------------


def pdf_with_author_script_and_links() -> bytes:
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": "Amira Haddad", "/Title": "Meine Beschwerde"})
    writer.xmp_metadata = b"<x:xmpmeta>Amira Haddad</x:xmpmeta>"
    writer.add_open_action(JavaScript("app.alert('named script')"))
    writer.root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('open action')"),
        }
    )
    writer.add_attachment("secret.txt", b"embedded file")
    page = writer.pages[0]
    page[NameObject("/AA")] = DictionaryObject(
        {
            NameObject("/O"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject("app.alert('page open')"),
                }
            )
        }
    )
    page[NameObject("/Annots")] = ArrayObject(
        [
            link_annotation("/JavaScript", "/JS", "app.alert('link')"),
            link_annotation("/URI", "/URI", "https://example.org/info"),
        ]
    )
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def link_annotation(kind: str, key: str, value: str) -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (0, 0, 50, 50)]),
            NameObject("/A"): DictionaryObject(
                {
                    NameObject("/S"): NameObject(kind),
                    NameObject(key): TextStringObject(value),
                }
            ),
        }
    )


def test_pdf_loses_metadata_scripts_and_embedded_files_but_keeps_its_pages():
    source = pdf_with_author_script_and_links()
    assert PdfReader(BytesIO(source)).metadata["/Author"] == "Amira Haddad"
    assert b"/JavaScript" in source and b"/OpenAction" in source

    clean = clean_upload(upload("Beschwerde.pdf", source))

    assert (clean.name, clean.content_type) == ("Beschwerde.pdf", "application/pdf")
    result = PdfReader(BytesIO(clean.content))
    assert len(result.pages) == 3
    assert not result.metadata  # no /Info dictionary at all
    assert result.xmp_metadata is None
    for marker in (b"Amira", b"Beschwerde", b"/OpenAction", b"/JavaScript", b"/JS"):
        assert marker not in clean.content
    for marker in (b"/AA", b"/EmbeddedFile", b"embedded file", b"/Names"):
        assert marker not in clean.content
    # The harmless link stays, the script link is gone.
    [annotation] = result.pages[0]["/Annots"]
    assert annotation.get_object()["/A"]["/URI"] == "https://example.org/info"


def test_pdf_loses_exif_of_the_photos_in_it():
    photo = two_colour_image((200, 100))
    out = BytesIO()
    # Pillow stores the picture in the PDF as a JPEG, EXIF included.
    photo.save(out, "PDF", exif=gps_exif(), author="Amira Haddad")
    source = out.getvalue()
    assert b"Exif" in source and b"PhoneMaker" in source

    clean = clean_upload(upload("photo-scan.pdf", source))

    assert b"Exif" not in clean.content and b"PhoneMaker" not in clean.content
    [image] = PdfReader(BytesIO(clean.content)).pages[0].images
    assert image.image is not None
    assert image.image.size == (200, 100)
    assert image.image.getpixel((10, 50))[0] > 200  # still the red half


def test_pdf_named_jpg_is_accepted_as_pdf():
    clean = clean_upload(upload("scan.jpg", pdf_bytes()))

    assert (clean.name, clean.content_type) == ("scan.pdf", "application/pdf")
    assert len(PdfReader(BytesIO(clean.content)).pages) == 1


def test_pdf_with_leading_whitespace_is_a_pdf():
    clean = clean_upload(upload("scan", b"\r\n" + pdf_bytes()))

    assert (clean.name, clean.content_type) == ("scan.pdf", "application/pdf")


def test_pdf_with_a_password_is_refused_with_a_clear_message():
    code, message = refused("Bescheid.pdf", pdf_bytes(password="geheim"))

    assert code == "encrypted"
    assert "Bescheid.pdf" in message and "password" in message


def test_pdf_that_opens_without_password_is_taken_unprotected():
    # Only editing is restricted (owner password): it opens for everyone.
    clean = clean_upload(upload("Bescheid.pdf", pdf_bytes(password="")))

    result = PdfReader(BytesIO(clean.content))
    assert not result.is_encrypted
    assert len(result.pages) == 1


def test_pdf_with_too_many_pages_is_refused():
    code, message = refused("book.pdf", pdf_bytes(pages=101))

    assert code == "too_many_pages"
    assert "100 pages" in message


def test_pdf_of_100_pages_is_taken():
    clean = clean_upload(upload("book.pdf", pdf_bytes(pages=100)))

    assert len(PdfReader(BytesIO(clean.content)).pages) == 100


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.7\nthis is not a pdf at all\n", pdf_bytes()[:200]],
    ids=["garbage", "truncated"],
)
def test_broken_pdf_is_refused(content):
    code, message = refused("letter.pdf", content)

    assert code == "damaged"
    assert "letter.pdf" in message


def test_jpeg_metadata_stripper_leaves_unparsable_data_alone():
    assert strip_jpeg_metadata(b"not a jpeg") == b"not a jpeg"
    no_markers = b"\xff\xd8\x00\x00\x00\x00"
    assert strip_jpeg_metadata(no_markers) == no_markers


# --- refused input -----------------------------------------------------------


def zip_bytes() -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("evil.exe", b"MZ" + b"\0" * 100)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.jpg", zip_bytes()),
        ("letter.pdf", b"Dear office,\nplease help.\n"),
        ("drawing.jpg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
        ("funny.jpg", image_bytes(Image.new("RGB", (10, 10)), "GIF")),
        ("setup.png", b"MZ\x90\x00" + b"\0" * 200),
        ("IMG_0001.HEIC", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 100),
    ],
    ids=["zip-as-jpg", "text-as-pdf", "svg", "gif", "exe", "heic"],
)
def test_wrong_types_are_refused_with_a_list_of_what_is_accepted(name, content):
    code, message = refused(name, content)

    assert code == "wrong_type"
    assert name in message
    assert "JPEG, PNG, WebP" in message and "PDF" in message


def test_empty_file_is_refused():
    code, message = refused("photo.jpg", b"")

    assert code == "empty"
    assert "photo.jpg" in message


def test_truncated_jpeg_is_refused():
    noise = Image.effect_noise((300, 300), 80).convert("RGB")
    source = image_bytes(noise, "JPEG")

    code, message = refused("photo.jpg", source[: len(source) // 2])

    assert code == "damaged"
    assert "photo.jpg" in message


def test_decompression_bomb_is_refused_not_decoded():
    # 100 megapixels of one colour: a few kilobytes of PNG.
    source = image_bytes(Image.new("1", (10_000, 10_000)), "PNG")
    assert len(source) < 100_000

    code, message = refused("bomb.png", source)

    assert code == "too_many_pixels"
    assert "50 megapixels" in message


def test_photo_over_our_own_pixel_limit_is_refused():
    # 56 megapixels: below Pillow's own warning, above our limit.
    source = image_bytes(Image.new("1", (8000, 7000)), "PNG")

    code, _message = refused("huge.png", source)

    assert code == "too_many_pixels"


def test_file_over_the_size_limit_is_refused_naming_the_limit(settings):
    settings.PORTAL_MAX_FILE_BYTES = 1024 * 1024
    source = pdf_bytes()
    source += b"%" * (1024 * 1024 + 1 - len(source))

    code, message = refused("scan.pdf", source)

    assert code == "too_large"
    assert "1 MB" in message and "scan.pdf" in message


def test_file_of_exactly_the_size_limit_is_taken(settings):
    source = pdf_bytes()
    settings.PORTAL_MAX_FILE_BYTES = len(source)

    assert clean_upload(upload("scan.pdf", source)).content_type == "application/pdf"


# --- several files ------------------------------------------------------------


def test_more_than_five_files_are_refused(settings):
    files = [upload(f"scan{n}.pdf", pdf_bytes()) for n in range(6)]

    with pytest.raises(ValidationError) as caught:
        clean_uploads(files)

    [(code, message)] = errors_of(caught.value)
    assert code == "too_many_files"
    assert "at most 5 files" in message and "You chose 6" in message


def test_five_files_are_taken():
    files = [upload(f"scan{n}.pdf", pdf_bytes()) for n in range(5)]

    assert [clean.name for clean in clean_uploads(files)] == [
        f"scan{n}.pdf" for n in range(5)
    ]


def test_all_problems_are_reported_at_once():
    files = [
        upload("good.pdf", pdf_bytes()),
        upload("photo.jpg", zip_bytes()),
        upload("empty.png", b""),
    ]

    with pytest.raises(ValidationError) as caught:
        clean_uploads(files)

    found = errors_of(caught.value)
    assert [code for code, _message in found] == ["wrong_type", "empty"]
    assert "photo.jpg" in found[0][1] and "empty.png" in found[1][1]


# --- names --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\amira\\Desktop\\Brief 1.JPG", "Brief 1.pdf"),
        ("a\x00b\x1fc\x7f.pdf", "abc.pdf"),
        ("rechnung\u202egpj.exe", "rechnunggpj.pdf"),
        ("صورة الغرفة.jpg", "صورة الغرفة.pdf"),
        ("می\u200cخواهم.pdf", "می\u200cخواهم.pdf"),
        ("Wohnung: Schimmel?.png", "Wohnung_ Schimmel_.pdf"),
        ("Unterla\u0308gen.pdf", "Unterlägen.pdf"),
        ("  many   spaces\t.pdf", "many spaces.pdf"),
        ("..", "attachment.pdf"),
        ("", "attachment.pdf"),
        (".pdf", "attachment.pdf"),
        ("x" * 300 + ".pdf", "x" * 96 + ".pdf"),
    ],
)
def test_names_are_made_safe(original, expected):
    assert safe_name(original, PDF) == expected


def test_name_gets_the_extension_of_the_content():
    assert safe_name("foto.jpg", PDF) == "foto.pdf"
    assert safe_name("scan.pdf", JPEG) == "scan.jpg"
    assert safe_name("archive.tar.gz", PNG) == "archive.tar.png"


def test_upload_names_with_paths_and_control_characters_are_sanitised():
    clean = clean_upload(upload("C:\\fakepath\\Mi\x07etvertrag\u202e.pdf", pdf_bytes()))

    assert clean.name == "Mietvertrag.pdf"


# --- form field ---------------------------------------------------------------


class ComplaintForm(KernForm):
    attachments = AttachmentsField(label="Photos or documents")


def bound(*files) -> ComplaintForm:
    return ComplaintForm(data={}, files=MultiValueDict({"attachments": list(files)}))


def test_form_field_returns_clean_files():
    png = image_bytes(two_colour_image(), "PNG")
    form = bound(upload("scan.jpg", pdf_bytes()), upload("room.png", png))

    assert form.is_valid(), form.errors
    cleaned = form.cleaned_data["attachments"]
    assert [(c.name, c.content_type) for c in cleaned] == [
        ("scan.pdf", "application/pdf"),
        ("room.png", "image/png"),
    ]


def test_form_field_without_files_gives_an_empty_list():
    form = ComplaintForm(data={}, files=MultiValueDict())

    assert form.is_valid()
    assert form.cleaned_data["attachments"] == []


def test_form_field_shows_the_problem_of_a_bad_file():
    form = bound(upload("photo.jpg", zip_bytes()))

    assert not form.is_valid()
    [message] = form.errors["attachments"]
    assert "photo.jpg" in message and "JPEG, PNG, WebP" in message
    assert "photo.jpg" in str(form)


def test_form_field_can_be_required():
    class RequiredForm(KernForm):
        attachments = AttachmentsField(label="Proof", required=True)

    form = RequiredForm(data={}, files=MultiValueDict())

    assert not form.is_valid()
    required = Field.default_error_messages["required"]
    assert form.errors["attachments"] == [str(required)]


def test_form_field_renders_a_multiple_file_input_with_limits():
    html = str(ComplaintForm())

    assert 'type="file"' in html and "multiple" in html
    assert 'accept="image/jpeg,image/png,image/webp,application/pdf,' in html
    assert "Up to 5 files of at most 10 MB each" in html


def test_truncated_jpeg_is_refused_also_after_a_pdf_was_made():
    """WeasyPrint's import lets Pillow accept truncated images process-wide;
    lib/pdf.py turns that back."""
    html_to_pdf("<html lang='de'><head><title>T</title></head><body>x</body></html>")
    noise = Image.effect_noise((300, 300), 80).convert("RGB")
    source = image_bytes(noise, "JPEG")

    code, _message = refused("photo.jpg", source[: len(source) // 2])

    assert code == "damaged"
