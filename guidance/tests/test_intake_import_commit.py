"""Committing a checked list: all good rows or none, never twice."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError
from django.urls import reverse

from clients.models import DatePrecision, Nationality, Person
from dedupe.lookup import likely_persons
from dedupe.matching import Record
from guidance import intake_actions
from guidance.actions import assign
from guidance.models import (
    Care,
    CareKind,
    ImportRow,
    ImportStatus,
    RecognitionImport,
    RowOutcome,
    Source,
)

from .files.intake_lists import ROWS, add_municipalities, csv_bytes, upload


@pytest.fixture(autouse=True)
def places(cast):
    add_municipalities(cast.erz)


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0), tick=False):
        yield


def commit(client, found, **data):
    return client.post(reverse("guidance:import_commit", args=[found.pk]), data)


def checked(cast, rows=None, source="jobcenter") -> RecognitionImport:
    upload(cast.client("olga"), csv_bytes(rows), source=source)
    return RecognitionImport.objects.latest("pk")


def test_commit_creates_persons_and_cares(cast, django_capture_on_commit_callbacks):
    found = checked(cast)
    # The duplicate keys are written by a task once the import has committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = commit(cast.client("olga"), found)
    assert response["Location"] == reverse("guidance:import_detail", args=[found.pk])
    found.refresh_from_db()
    assert found.status == ImportStatus.DONE
    assert found.committed_at is not None
    rania = Person.objects.get(family_name="Haddad")
    assert (
        rania.municipality is not None
        and rania.municipality.name == "Annaberg-Buchholz"
    )
    assert list(Person.objects.matching_name("Hadad Rania")) == [rania]
    # Created in bulk, yet found as a likely duplicate: the task wrote the keys.
    record = Record("Hadad", "Rania", "", rania.birth_date, rania.birth_date_precision)
    assert [found.person_id for found in likely_persons(cast.erz.pk, record)] == [
        rania.pk
    ]
    assert list(rania.nationalities.values_list("country", flat=True)) == ["SY"]
    assert rania.history.count() == 1
    zalmai = Person.objects.get(family_name="Ahmadi")
    assert zalmai.birth_date_precision == DatePrecision.YEAR
    care = Care.objects.get(person=rania)
    assert care.kind == CareKind.RECOGNITION
    assert care.source == Source.JOBCENTER
    assert care.recognised_on == datetime.date(2026, 3, 2)
    assert care.guide is None
    assert not care.steps.exists(), "the plan comes with the first guide"
    assign(care, cast.gina, by=cast.olga)
    first = care.steps.order_by("position").first()
    assert care.steps.count() == 12 and first is not None
    assert first.due_on is not None and first.due_on > care.started_on
    assert care.created_by == cast.olga
    row = ImportRow.objects.get(number=2)
    assert (row.person, row.care) == (rania, care)


def test_existing_person_gets_a_care_but_no_second_record(cast):
    known = Person.objects.create(
        office=cast.erz, family_name="Haddad", given_names="Rania",
        birth_date=datetime.date(1990, 12, 31),
    )  # fmt: skip
    found = checked(cast)
    commit(cast.client("olga"), found)
    assert Person.objects.filter(family_name="Haddad").get() == known
    assert Care.objects.get(person=known).recognised_on == datetime.date(2026, 3, 2)
    assert not Nationality.objects.filter(person=known).exists()


def test_rows_with_errors_block_the_commit_unless_left_out(cast):
    rows = [*ROWS, ["Haddad", "Omar", "gestern", "SY", "Marienberg", "02.03.2026"]]
    found = checked(cast, rows)
    client = cast.client("olga")
    response = commit(client, found)
    found.refresh_from_db()
    assert found.status == ImportStatus.CHECKED
    assert not Person.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Some rows have errors." in page
    commit(client, found, skip_errors="on")
    found.refresh_from_db()
    assert found.status == ImportStatus.DONE
    assert Person.objects.count() == 3
    assert ImportRow.objects.get(number=5).care is None


def test_duplicates_and_already_in_care_create_nothing(cast):
    rows = [*ROWS, ROWS[0]]
    found = checked(cast, rows)
    commit(cast.client("olga"), found)
    assert Person.objects.count() == 3
    assert Care.objects.count() == 3
    assert ImportRow.objects.get(number=5).outcome == RowOutcome.DUPLICATE


def test_a_changed_list_with_the_same_people_creates_nothing_twice(cast):
    client = cast.client("olga")
    commit(client, checked(cast))
    changed = [[*row[:6], "neu"] for row in ROWS]
    changed.append(
        ["Noori", "Sahar", "05.05.2001", "AF", "Marienberg", "03.03.2026", ""]
    )
    second = checked(cast, changed)
    assert list(second.rows.values_list("outcome", flat=True)) == [
        "already", "already", "already", "new",
    ]  # fmt: skip
    commit(client, second)
    assert Person.objects.count() == 4
    assert Care.objects.count() == 4


def test_a_failure_in_the_middle_stores_nothing(cast, monkeypatch):
    found = checked(cast)

    real = intake_actions._add_history

    def broken(model, objs, user):
        # Persons and their history are written by now; the cares fail.
        if model is Care:
            raise IntegrityError("disk full")
        real(model, objs, user)

    monkeypatch.setattr(intake_actions, "_add_history", broken)
    response = commit(cast.client("olga"), found)
    found.refresh_from_db()
    assert found.status == ImportStatus.CHECKED
    assert found.problem.startswith("The import failed and nothing was stored.")
    assert not Person.objects.exists()
    assert not Care.objects.exists()
    assert not Nationality.objects.exists()
    assert not Person.history.exists()
    assert response.status_code == 302
    monkeypatch.undo()
    commit(cast.client("olga"), found)
    found.refresh_from_db()
    assert found.status == ImportStatus.DONE
    assert Care.objects.count() == 3


def test_a_list_is_committed_only_once(cast):
    found = checked(cast)
    client = cast.client("olga")
    commit(client, found)
    response = commit(client, found)
    assert Care.objects.count() == 3
    page = client.get(response["Location"]).content.decode()
    assert "This list is no longer waiting for a decision." in page


def test_discard_leaves_nothing_and_cannot_be_committed(cast):
    found = checked(cast)
    client = cast.client("olga")
    response = client.post(reverse("guidance:import_discard", args=[found.pk]))
    assert response["Location"] == reverse("guidance:import_list")
    found.refresh_from_db()
    assert found.status == ImportStatus.DISCARDED
    assert not found.rows.exists()
    commit(client, found)
    assert not Person.objects.exists()


def test_a_done_list_cannot_be_discarded(cast):
    found = checked(cast)
    client = cast.client("olga")
    commit(client, found)
    client.post(reverse("guidance:import_discard", args=[found.pk]))
    found.refresh_from_db()
    assert found.status == ImportStatus.DONE
    assert found.rows.count() == 3
