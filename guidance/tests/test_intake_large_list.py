"""A long list is checked and committed by the task worker, row by row."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from clients.models import Person
from guidance.models import Care, ImportStatus, RecognitionImport, RowOutcome

from .files.intake_lists import add_municipalities, csv_bytes, upload

ROWS = 50_000


FAMILIES = ["Haddad", "Ahmadi", "Kovalenko"]


def long_list() -> list[list[str]]:
    """Unique by name and date of birth: digits fold away in names."""
    rows = []
    for n in range(ROWS):
        born = datetime.date(1950, 1, 1) + datetime.timedelta(days=n % 20_000)
        family = FAMILIES[n // 20_000]
        rows.append(
            [family, "Rania", born.strftime("%d.%m.%Y"), "SY", "Marienberg",
             "02.03.2026", f"AZ-{n}"]
        )  # fmt: skip
    rows[100][2] = "gestern"
    rows[200] = rows[199]
    return rows


@pytest.mark.slow
def test_fifty_thousand_rows_checked_as_a_task_and_committed_whole(
    cast, django_capture_on_commit_callbacks
):
    add_municipalities(cast.erz)
    client = cast.client("olga")
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0), tick=False):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            upload(client, csv_bytes(long_list(), encoding="cp1252"))
        assert len(callbacks) == 1  # the check went to the worker
        found = RecognitionImport.objects.get()
        assert found.status == ImportStatus.CHECKED
        assert found.rows_total == found.rows_done == ROWS
        assert found.rows.filter(outcome=RowOutcome.NEW).count() == ROWS - 2
        assert found.rows.get(number=102).outcome == RowOutcome.ERROR
        assert found.rows.get(number=202).message == "Same person as in row 201."
        url = reverse("guidance:import_commit", args=[found.pk])
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, {"skip_errors": "on"})
    found.refresh_from_db()
    assert found.status == ImportStatus.DONE
    assert Person.objects.count() == Care.objects.count() == ROWS - 2
    assert not found.rows.filter(outcome=RowOutcome.NEW, care__isnull=True).exists()
