"""Uploading a list: it is kept, checked row by row, refused when known."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from clients.models import Person
from guidance.models import ImportRow, ImportStatus, RecognitionImport, RowOutcome
from guidance.tests.factories import make_care

from .files.intake_lists import ROWS, add_municipalities, csv_bytes, upload

pytestmark = pytest.mark.usefixtures("places")


@pytest.fixture
def places(cast):
    add_municipalities(cast.erz)


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0), tick=False):
        yield


def test_upload_keeps_the_original_and_checks_every_row(cast):
    content = csv_bytes(encoding="cp1252")
    response = upload(cast.client("olga"), content)
    found = RecognitionImport.objects.get()
    assert response["Location"] == reverse("guidance:import_detail", args=[found.pk])
    assert bytes(found.original) == content
    assert found.status == ImportStatus.CHECKED
    assert found.rows_total == 3
    outcomes = list(found.rows.values_list("number", "outcome"))
    assert outcomes == [(2, "new"), (3, "new"), (4, "new")]
    assert not Person.objects.exists()


def test_known_person_is_existing_and_one_in_care_is_already(cast):
    rania = Person.objects.create(
        office=cast.erz, family_name="Hadad", given_names="Rania",
        birth_date=datetime.date(1990, 12, 31),
    )  # fmt: skip
    zalmai = Person.objects.create(
        office=cast.erz, family_name="Ahmadi", given_names="Zalmai",
        birth_date=datetime.date(1985, 6, 1),
    )  # fmt: skip
    make_care(cast.erz, zalmai, None, cast.olga)
    upload(cast.client("olga"), csv_bytes())
    rows = {row.number: row for row in ImportRow.objects.all()}
    assert rows[2].outcome == RowOutcome.EXISTING
    assert rows[2].person == rania
    assert rows[2].message == "Likely Hadad, Rania, already known."
    # "1985" in the list meets 01.06.1985: the year is all the list knows.
    assert rows[3].outcome == RowOutcome.ALREADY
    assert rows[3].person == zalmai
    assert rows[4].outcome == RowOutcome.NEW


def test_persons_of_another_office_are_not_matched(cast):
    Person.objects.create(
        office=cast.gr, family_name="Haddad", given_names="Rania",
        birth_date=datetime.date(1990, 12, 31),
    )  # fmt: skip
    upload(cast.client("olga"), csv_bytes())
    assert ImportRow.objects.get(number=2).outcome == RowOutcome.NEW


def test_same_person_twice_in_a_list_is_a_duplicate(cast):
    rows = [ROWS[0], ROWS[1], ["HADDAD", "Rania", "1990-12-31", "SY", "Marienberg",
            "01.03.2026", ""]]  # fmt: skip
    upload(cast.client("olga"), csv_bytes(rows))
    duplicate = ImportRow.objects.get(number=4)
    assert duplicate.outcome == RowOutcome.DUPLICATE
    assert duplicate.message == "Same person as in row 2."


def test_bad_rows_are_errors_with_the_reason(cast):
    rows = [ROWS[0], ["Haddad", "Omar", "31.02.1990", "SY", "Berlin", "02.03.2026"]]
    upload(cast.client("olga"), csv_bytes(rows))
    error = ImportRow.objects.get(number=3)
    assert error.outcome == RowOutcome.ERROR
    assert error.message == (
        "The date of birth 31.02.1990 is not a date. "
        "Berlin is not one of the office's municipalities."
    )


def test_missing_columns_fail_the_whole_list_with_one_message(cast):
    content = csv_bytes([r[:2] for r in ROWS], header=["Name", "Vorname"])
    upload(cast.client("olga"), content)
    found = RecognitionImport.objects.get()
    assert found.status == ImportStatus.FAILED
    assert found.problem.startswith(
        "The list lacks these columns: date of birth, nationality, municipality, "
        "recognised on."
    )
    assert not found.rows.exists()
    page = cast.client("olga").get(reverse("guidance:import_detail", args=[found.pk]))
    assert found.problem in page.content.decode()


@pytest.mark.parametrize(
    ("content", "name", "error"),
    [
        (b"", "liste.csv", "The submitted file is empty."),
        (b"  \n", "liste.csv", "The file is empty."),
        (b"%PDF-1.4 ...", "liste.pdf", "This kind of file cannot be read."),
    ],
)
def test_empty_or_unknown_files_are_refused_in_the_form(cast, content, name, error):
    response = upload(cast.client("olga"), content, name)
    assert response.status_code == 200
    assert response.context["form"].errors["file"][0].startswith(error)
    assert not RecognitionImport.objects.exists()


def test_too_large_file_is_refused(cast, monkeypatch):
    monkeypatch.setattr("guidance.intake_forms.MAX_BYTES", 100)
    response = upload(cast.client("olga"), csv_bytes())
    assert response.context["form"].errors["file"] == ["The file is larger than 20 MB."]


def test_reimporting_a_done_list_is_refused(cast):
    content = csv_bytes()
    client = cast.client("olga")
    upload(client, content)
    found = RecognitionImport.objects.get()
    client.post(reverse("guidance:import_commit", args=[found.pk]))
    response = upload(client, content)
    assert response.context["form"].errors["file"] == [
        "This list was already imported on 03/10/2026 by Olga Test."
    ]
    assert RecognitionImport.objects.count() == 1
    assert Person.objects.count() == 3


def test_a_checked_but_not_imported_list_may_come_again(cast):
    client = cast.client("olga")
    upload(client, csv_bytes())
    upload(client, csv_bytes())
    assert RecognitionImport.objects.count() == 2


def test_upload_page_offers_the_sources(cast):
    response = cast.client("olga").get(reverse("guidance:import_create"))
    assert response.status_code == 200
    assert "List agreed with the Jobcenter" in response.content.decode()
