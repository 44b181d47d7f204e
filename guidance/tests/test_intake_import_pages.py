"""The list of imports, the preview with filters and progress, the original."""

import datetime

import pytest
from django.urls import reverse

from guidance.models import ImportStatus, RecognitionImport, file_digest

from .files.intake_lists import ROWS, add_municipalities, csv_bytes, upload


@pytest.fixture(autouse=True)
def places(cast):
    add_municipalities(cast.erz)


def checked(cast, rows=None) -> RecognitionImport:
    upload(cast.client("olga"), csv_bytes(rows))
    return RecognitionImport.objects.latest("pk")


def test_preview_shows_counts_rows_and_buttons(cast):
    rows = [
        *ROWS,
        ROWS[0],
        ["Haddad", "Omar", "gestern", "SY", "Marienberg", "02.03.2026"],
    ]
    found = checked(cast, rows)
    response = cast.client("olga").get(
        reverse("guidance:import_detail", args=[found.pk])
    )
    page = response.content.decode()
    counts = {outcome: count for _label, outcome, count in response.context["counts"]}
    assert counts == {"new": 3, "existing": 0, "already": 0, "duplicate": 1, "error": 1}
    assert "Import 3 rows" in page
    assert "Import the rows without errors and leave the others out" in page
    assert "Discard" in page
    assert "The date of birth gestern is not a date." in page
    assert "Refresh" not in response


def test_preview_filters_by_outcome(cast):
    rows = [*ROWS, ["Haddad", "Omar", "gestern", "SY", "Marienberg", "02.03.2026"]]
    found = checked(cast, rows)
    url = reverse("guidance:import_detail", args=[found.pk])
    response = cast.client("olga").get(url, {"outcome": "error"})
    assert [row.number for row in response.context["page_obj"]] == [5]


def test_page_refreshes_itself_while_being_checked(cast):
    found = RecognitionImport.objects.create(
        office=cast.erz, file_name="gross.csv", original=b"x", digest=file_digest(b"x"),
        uploaded_by=cast.olga, rows_total=5000, rows_done=2000,
    )  # fmt: skip
    response = cast.client("olga").get(
        reverse("guidance:import_detail", args=[found.pk])
    )
    assert response["Refresh"] == "3"
    assert "2000 of 5000 rows done." in response.content.decode()


def test_list_page_shows_status_and_counts(cast):
    found = checked(cast)
    response = cast.client("dieter").get(reverse("guidance:import_list"))
    page = response.content.decode()
    assert found.file_name in page
    assert "Checked: waiting for your decision" in page
    assert list(response.context["page_obj"]) == [found]


def test_list_page_shows_only_the_own_office(cast):
    RecognitionImport.objects.create(
        office=cast.gr, file_name="goerlitz.csv", original=b"x",
        digest=file_digest(b"x"), uploaded_by=cast.otto, status=ImportStatus.DONE,
    )  # fmt: skip
    response = cast.client("olga").get(reverse("guidance:import_list"))
    assert list(response.context["page_obj"]) == []


def test_original_is_downloaded_as_uploaded(cast):
    content = csv_bytes(encoding="cp1252")
    upload(cast.client("olga"), content, "Anerkennungen März.csv")
    found = RecognitionImport.objects.get()
    response = cast.client("carla").get(
        reverse("guidance:import_original", args=[found.pk])
    )
    assert response.content == content
    assert response["Content-Type"] == "text/csv"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="import-{found.pk}.csv"'
    )


def test_dates_in_the_preview(cast):
    found = checked(cast)
    row = found.rows.get(number=2)
    assert row.data["birth_date"] == datetime.date(1990, 12, 31).isoformat()


def test_preview_shows_dates_of_birth_as_precisely_as_the_list_gave_them(cast):
    rows = [
        ["Haddad", "Rania", "31.12.1990", "SY", "Annaberg-Buchholz", "02.03.2026"],
        ["Ahmadi", "Zalmai", "1985", "AF", "Annaberg-Buchholz", "02.03.2026"],
    ]
    found = checked(cast, rows)
    page = cast.client("olga").get(f"/guidance/imports/{found.pk}/").content.decode()
    assert "31.12.1990" in page
    assert "1985-01-01" not in page and ">1985<" in page
