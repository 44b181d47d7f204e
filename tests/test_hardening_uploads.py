"""Every place a file is uploaded: a size limit, a check by content, a message.

The upload points (grep request.FILES): the portal's attachments
(lib/uploads.py), the photos of an accommodation inspection (the same
check, images only) and the recognition lists of the guide service (CSV,
XLSX, ODS by their content: lib/table_files.py). Each gets a wrong, an
empty, a truncated and an oversize file through its real URL and answers
with a form message, never a 500, and stores nothing. Above them all, a
request larger than any form takes is refused before it is read
(tests/test_hardening_headers.py).
"""

import datetime
import io
import random
import zipfile

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from accounts.models import Municipality
from cases.actions import seed_topics
from guidance.models import ImportStatus, RecognitionImport
from guidance.tests.files.intake_lists import (
    ROWS,
    add_municipalities,
    csv_bytes,
    ods_bytes,
    upload,
    xlsx_bytes,
)
from housing.models import Photo
from housing.tests.inspection_world import make_accommodation, make_inspection
from lib.table_files import CSV, DAMAGED, ODS, XLSX, table_kind
from portal.models import Submission
from portal.tests.conftest import send


def noisy_png(side: int = 120) -> bytes:
    # Noise does not compress: the file is as large as its pixels.
    pixels = random.Random(side).randbytes(side * side * 3)
    image = Image.frombytes("RGB", (side, side), pixels)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (200, 150), (30, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def zip_of(**members: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in members.items():
            archive.writestr(name.replace("__", "/"), text)
    return out.getvalue()


# Old Excel files (.xls) and password-protected workbooks start so.
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
BAD_IMAGES = {
    "empty": (b"", "is empty"),
    "truncated": (jpeg()[:300], "is damaged"),
    "zip named jpg": (zip_of(a="hello"), "cannot be attached"),
    "program named jpg": (b"MZ\x90\x00" + bytes(500), "cannot be attached"),
}


# --- the portal's attachments ---------------------------------------------------


@pytest.fixture
def office(cast):
    seed_topics(cast.erz)
    Municipality.objects.create(office=cast.erz, name="Aue-Bad Schlema")
    return cast.erz


@pytest.fixture
def public() -> Client:
    return Client(headers={"accept-language": "en"})


@pytest.mark.parametrize("case", list(BAD_IMAGES), ids=list(BAD_IMAGES))
def test_portal_refuses_a_bad_attachment_and_stores_nothing(public, office, case):
    content, message = BAD_IMAGES[case]
    attachment = SimpleUploadedFile("foto.jpg", content, "image/jpeg")
    response = send(public, office.slug, "en", attachments=attachment)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Submission.objects.exists()


def test_portal_refuses_an_oversize_attachment(public, office, settings):
    settings.PORTAL_MAX_FILE_BYTES = 10_000
    attachment = SimpleUploadedFile("foto.png", noisy_png(), "image/png")
    response = send(public, office.slug, "en", attachments=attachment)
    assert response.status_code == 200
    assert "is larger than" in response.content.decode()
    assert not Submission.objects.exists()


def test_portal_refuses_more_files_than_allowed(public, office, settings):
    settings.PORTAL_MAX_FILES = 2
    files = [SimpleUploadedFile(f"{n}.jpg", jpeg(), "image/jpeg") for n in range(3)]
    response = send(public, office.slug, "en", attachments=files)
    assert "You can attach at most 2 files. You chose 3." in response.content.decode()
    assert not Submission.objects.exists()


# --- the photos of an inspection ---------------------------------------------------


@pytest.fixture
def inspection(cast):
    return make_inspection(make_accommodation(cast.erz), cast.olga)


def add_photo(cast, inspection, content: bytes, name: str = "dusche.jpg"):
    return cast.client("olga").post(
        f"/accommodation/inspections/{inspection.pk}/photos/",
        {"photos": [SimpleUploadedFile(name, content, "image/jpeg")]},
    )


@pytest.mark.parametrize("case", list(BAD_IMAGES), ids=list(BAD_IMAGES))
def test_inspection_refuses_a_bad_photo_and_stores_nothing(cast, inspection, case):
    content, _message = BAD_IMAGES[case]
    response = add_photo(cast, inspection, content)
    assert response.status_code == 200
    assert "data-error-summary" in response.content.decode()
    assert not Photo.objects.exists()


def test_inspection_refuses_an_oversize_photo(cast, inspection, settings):
    settings.PORTAL_MAX_FILE_BYTES = 10_000
    response = add_photo(cast, inspection, noisy_png(), "flur.png")
    assert response.status_code == 200
    assert "is larger than" in response.content.decode()
    assert not Photo.objects.exists()


# --- the recognition lists -----------------------------------------------------------


@pytest.fixture
def places(cast):
    add_municipalities(cast.erz)


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0), tick=False):
        yield


def refusal(response) -> str:
    assert response.status_code == 200
    return response.context["form"].errors["file"][0]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"%PDF-1.7\n" + bytes(range(256)), "liste.csv", "cannot be read"),
        (b"MZ\x90\x00\x03" + bytes(600), "liste.csv", "cannot be read"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
            "liste.xlsx",
            "cannot be read",
        ),
        (zip_of(word__document_xml="<w/>"), "liste.xlsx", "cannot be read"),
        (xlsx_bytes(ROWS)[:400], "liste.xlsx", "damaged or protected"),
        (b"", "liste.csv", "The submitted file is empty."),
        (b" \r\n ", "liste.csv", "The file is empty."),
    ],
    ids=["pdf", "program", "old-excel", "word", "truncated", "empty", "blank"],
)
def test_a_list_that_is_no_table_is_refused_by_its_content(
    cast, places, content, name, message
):
    response = upload(cast.client("olga"), content, name)
    assert message in refusal(response)
    assert not RecognitionImport.objects.exists()


def test_a_list_larger_than_twenty_megabytes_is_refused(cast, places, monkeypatch):
    monkeypatch.setattr("guidance.intake_forms.MAX_BYTES", 100)
    response = upload(cast.client("olga"), csv_bytes())
    assert refusal(response) == "The file is larger than 20 MB."
    assert not RecognitionImport.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "kept_as"),
    [
        (xlsx_bytes(ROWS), "liste.csv", "liste.xlsx"),
        (csv_bytes(), "liste.xlsx", "liste.csv"),
        (ods_bytes(ROWS), "Liste vom März", "Liste vom März.ods"),
        (csv_bytes(encoding="cp1252"), "export.txt", "export.txt.csv"),
    ],
    ids=["workbook-named-csv", "csv-named-xlsx", "ods-without-name", "csv-named-txt"],
)
def test_a_table_under_a_wrong_name_is_read_as_what_it_is(
    cast, places, content, name, kept_as
):
    upload(cast.client("olga"), content, name)
    found = RecognitionImport.objects.get()
    assert found.status == ImportStatus.CHECKED, found.problem
    assert found.rows_total == 3
    assert found.file_name == kept_as


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (csv_bytes(), CSV),
        (csv_bytes(encoding="cp1252"), CSV),
        (xlsx_bytes(ROWS), XLSX),
        (ods_bytes(ROWS), ODS),
        (xlsx_bytes(ROWS)[:-30], DAMAGED),
        (zip_of(mimetype="application/vnd.oasis.opendocument.text"), ""),
        (jpeg(), ""),
        (b"\x00\x01\x02" * 100, ""),
    ],
    ids=["utf8", "cp1252", "xlsx", "ods", "cut-short", "odt", "jpeg", "binary"],
)
def test_table_kind_reads_the_content(content, kind):
    assert table_kind(content) == kind
