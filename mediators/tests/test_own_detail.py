"""One of the mediator's assignments: only time, place, language, mode and
contact person, and the work to record after the start."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from accounts.models import Municipality
from cases.tests.factories import make_concern
from clients.models import Person
from conftest import logged_in
from mediators.models import AssignmentStatus

from .factories import make_assignment, make_mediator, make_request

NOW = "2026-03-02 09:00 +01:00"
BERLIN = timezone.get_default_timezone()
THURSDAY = datetime.datetime(2026, 3, 5, 9, 30, tzinfo=BERLIN)

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def farid(cast):
    return make_mediator(cast.erz, "Farid", login=True)


@pytest.fixture
def confidential(cast):
    """A request for a concern whose subject and person nobody may tell."""
    cast.erz.phone = "03733 831-0"
    cast.erz.email = "integration@erz.example"
    cast.erz.save()
    person = Person.objects.create(
        office=cast.erz, family_name="Haddad", given_names="Mohammed"
    )
    concern = make_concern(cast.erz, cast.gina, person, subject="Streit mit dem Amt")
    return make_request(
        cast.erz,
        cast.gina,
        THURSDAY,
        concern=concern,
        municipality=Municipality.objects.create(
            office=cast.erz, name="Annaberg-Buchholz"
        ),
    )


def test_the_assignment_shows_time_place_and_contact_never_the_concern(
    cast, farid, confidential
):
    assignment = make_assignment(confidential, farid)
    client = logged_in(farid.user)
    for address in ("/mediators/mine/", f"/mediators/mine/{assignment.pk}/"):
        page = client.get(address).content.decode()
        for secret in ("Streit mit dem Amt", "Haddad", "Mohammed", "Vertrauliche"):
            assert secret not in page
        assert confidential.concern.number not in page
    page = client.get(f"/mediators/mine/{assignment.pk}/").content.decode()
    for shown in (
        "09:30–10:30",
        "Landratsamt, Raum 2.21",
        "Annaberg-Buchholz",
        "Gina Test",
        "03733 831-0",
        "integration@erz.example",
        "Dari",
    ):
        assert shown in page


def test_the_mediator_records_hours_and_minutes_after_the_start(cast, farid):
    assignment = make_assignment(
        make_request(cast.erz, cast.olga, THURSDAY),
        farid,
        status=AssignmentStatus.ACCEPTED,
    )
    address = f"/mediators/mine/{assignment.pk}/"
    assert "Time worked" not in logged_in(farid.user).get(address).content.decode()
    with time_machine.travel("2026-03-05 11:30 +01:00", tick=False):
        client = logged_in(farid.user)
        page = client.get(address).content.decode()
        assert "Time worked: hours" in page
        assert "Feedback" not in page
        data = {
            "hours": 1,
            "minutes": 20,
            "travel_minutes": 35,
            "km": "22",
            "rating": 1,
        }
        assert client.post(address, data).status_code == 302
    assignment.refresh_from_db()
    assert (assignment.worked_minutes, assignment.travel_minutes) == (80, 35)
    assert assignment.rating is None
    assert assignment.status == AssignmentStatus.DONE


def test_absurd_work_is_refused_with_a_message(cast, farid):
    assignment = make_assignment(
        make_request(cast.erz, cast.olga, THURSDAY),
        farid,
        status=AssignmentStatus.ACCEPTED,
    )
    with time_machine.travel("2026-03-05 11:30 +01:00", tick=False):
        response = logged_in(farid.user).post(
            f"/mediators/mine/{assignment.pk}/",
            {"hours": 13, "minutes": 0, "travel_minutes": -1, "km": "5000"},
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert "less than or equal to 12" in page
    assert "greater than or equal to 0" in page
    assert "less than or equal to 1000" in page
    assignment.refresh_from_db()
    assert assignment.worked_minutes is None


def test_a_german_mediator_types_kilometres_with_a_decimal_comma(cast, farid):
    assignment = make_assignment(
        make_request(cast.erz, cast.olga, THURSDAY),
        farid,
        status=AssignmentStatus.ACCEPTED,
    )
    with time_machine.travel("2026-03-05 11:30 +01:00", tick=False):
        client = logged_in(farid.user)
        data = {"hours": 1, "minutes": 0, "travel_minutes": 0, "km": "12,5"}
        response = client.post(
            f"/mediators/mine/{assignment.pk}/", data, headers={"accept-language": "de"}
        )
        assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.km == Decimal("12.5")
