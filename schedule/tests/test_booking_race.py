"""Two people pressing "book" for the same slot at the same moment.

Two threads post the portal's booking form at once, each with its own
connection. On PostgreSQL the two transactions really overlap: the partial
unique index on (staff, start) makes the second insert wait for the first
and then fail, and the form answers with a message. SQLite's in-memory test
database cannot hold two writing connections at all ("table is locked"),
so there the test cannot say anything; .ci/run runs it on PostgreSQL.
"""

import datetime
import threading

import pytest
import time_machine
from django.db import connection
from django.test import Client

from portal.forms import new_form_token
from schedule.models import Appointment

from .factories import make_rule

TUESDAY = "2026-12-08"
TAKEN = "Someone has just booked this time. Please choose another."

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs two concurrent transactions (PostgreSQL, see .ci/run)",
    ),
]


@time_machine.travel("2026-12-01 09:00 +01:00", tick=True)
def test_only_one_of_two_simultaneous_bookings_gets_the_slot(cast):
    rule = make_rule(cast.carla, weekday=1, starts_on=datetime.date(2026, 12, 1))
    url = f"/p/{cast.erz.slug}/en/book/{rule.pk}/{TUESDAY}/"
    barrier = threading.Barrier(2)
    answers: list[tuple[int, str]] = []

    def press_book(name: str) -> None:
        try:
            data = {
                "slot": f"{TUESDAY}T14:00",
                "name": name,
                "email": f"{name.lower()}@example.org",
                "language": "ukr",
                "consent": "on",
                "website": "",
                "form_token": new_form_token(),
            }
            browser = Client()
            barrier.wait(timeout=10)
            response = browser.post(url, data)
            answers.append((response.status_code, response.content.decode()))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=press_book, args=(n,)) for n in ("Olena", "Oksana")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    statuses = sorted(status for status, _html in answers)
    assert statuses == [200, 409]
    refused = next(html for status, html in answers if status == 409)
    assert TAKEN in refused
    booked = Appointment.objects.get()
    assert booked.name in {"Olena", "Oksana"}
    assert booked.starts_at.isoformat() == "2026-12-08T13:00:00+00:00"
