"""Photos of an inspection: images only, without metadata, never public."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from housing.models import Photo
from portal.tests.conftest import jpeg_with_gps

from .inspection_world import make_accommodation, make_inspection, png

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection(cast):
    return make_inspection(make_accommodation(cast.erz), cast.olga)


def test_photos_are_stored_without_location_and_shown_on_the_page(cast, inspection):
    photo = SimpleUploadedFile("dusche.jpg", jpeg_with_gps(), "image/jpeg")
    client = cast.client("olga")
    response = client.post(
        f"/accommodation/inspections/{inspection.pk}/photos/",
        {"photos": [photo, png("flur.png")], "caption": "Sanitärtrakt"},
        follow=True,
    )
    assert "2 photos are added." in response.content.decode()
    stored = Photo.objects.get(name="dusche.jpg")
    assert stored.caption == "Sanitärtrakt" and stored.content_type == "image/jpeg"
    with stored.file.open("rb") as file:
        assert not Image.open(io.BytesIO(file.read())).getexif()
    url = f"/accommodation/inspections/{inspection.pk}/photos/{stored.pk}/"
    assert url in response.content.decode()
    shown = cast.client("gina").get(url)
    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/jpeg"
    assert shown["Cache-Control"] == "private, no-store"
    assert "/media/" not in response.content.decode()


@pytest.mark.parametrize(
    "upload",
    [
        lambda: SimpleUploadedFile(
            "bericht.pdf", b"%PDF-1.4 not really", "application/pdf"
        ),
        lambda: SimpleUploadedFile(
            "notiz.txt", b"Die Dusche ist kaputt.", "text/plain"
        ),
        lambda: SimpleUploadedFile("foto.jpg", b"Die Dusche ist kaputt.", "image/jpeg"),
    ],
    ids=["pdf", "text", "text-named-jpg"],
)
def test_a_file_that_is_not_an_image_is_refused(cast, inspection, upload):
    file = upload()
    response = cast.client("olga").post(
        f"/accommodation/inspections/{inspection.pk}/photos/", {"photos": [file]}
    )
    assert response.status_code == 200
    assert f"“\u2068{file.name}\u2069” is not a photo" in response.content.decode()
    assert not Photo.objects.exists()


def test_a_real_pdf_is_refused_too(cast, inspection):
    from pypdf import PdfWriter

    buffer = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.write(buffer)
    pdf = SimpleUploadedFile("protokoll.pdf", buffer.getvalue(), "application/pdf")
    response = cast.client("olga").post(
        f"/accommodation/inspections/{inspection.pk}/photos/", {"photos": [pdf]}
    )
    assert "is not a photo" in response.content.decode()
    assert not Photo.objects.exists()


def test_one_bad_file_stores_none(cast, inspection):
    text = SimpleUploadedFile("notiz.txt", b"Text", "text/plain")
    response = cast.client("olga").post(
        f"/accommodation/inspections/{inspection.pk}/photos/",
        {"photos": [png(), text]},
    )
    assert response.status_code == 200
    assert not Photo.objects.exists()


def test_an_empty_upload_says_so(cast, inspection):
    response = cast.client("olga").post(
        f"/accommodation/inspections/{inspection.pk}/photos/", {"caption": "x"}
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_a_photo_is_removed_with_its_file(
    cast, inspection, django_capture_on_commit_callbacks
):
    client = cast.client("olga")
    client.post(
        f"/accommodation/inspections/{inspection.pk}/photos/", {"photos": [png()]}
    )
    photo = Photo.objects.get()
    storage, name = photo.file.storage, photo.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/accommodation/inspections/{inspection.pk}/photos/{photo.pk}/remove/"
        )
    assert not Photo.objects.exists()
    assert not storage.exists(name)


def test_photos_are_not_for_analysts_or_another_office(cast, inspection):
    cast.client("olga").post(
        f"/accommodation/inspections/{inspection.pk}/photos/", {"photos": [png()]}
    )
    url = f"/accommodation/inspections/{inspection.pk}/photos/{Photo.objects.get().pk}/"
    assert cast.client("anton").get(url).status_code == 403
    assert cast.client("otto").get(url).status_code == 404
    assert (
        cast.client("gina")
        .post(
            f"/accommodation/inspections/{inspection.pk}/photos/", {"photos": [png()]}
        )
        .status_code
        == 403
    )
