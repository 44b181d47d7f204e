"""The mediator's list of their own assignments: offers, coming up, past."""

import datetime

import pytest
import time_machine
from django.utils import timezone

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


def test_the_list_shows_offers_upcoming_and_past(cast, farid):
    offer = make_assignment(make_request(cast.erz, cast.olga, THURSDAY), farid)
    upcoming = make_assignment(
        make_request(cast.erz, cast.olga, THURSDAY + datetime.timedelta(days=7)),
        farid,
        status=AssignmentStatus.ACCEPTED,
    )
    past = make_assignment(
        make_request(cast.erz, cast.olga, THURSDAY - datetime.timedelta(days=14)),
        farid,
        status=AssignmentStatus.DONE,
    )
    page = logged_in(farid.user).get("/mediators/mine/").content.decode()
    offers, rest = page.split("Coming up", 1)
    coming, earlier = rest.split("Past", 1)
    assert f"/mediators/mine/{offer.pk}/accept/" in offers
    assert f"/mediators/mine/{upcoming.pk}/" in coming
    assert f"/mediators/mine/{past.pk}/" in earlier


def test_another_mediators_assignments_are_not_listed_and_are_404(cast, farid):
    mina = make_mediator(cast.erz, "Mina", login=True)
    hers = make_assignment(make_request(cast.erz, cast.olga, THURSDAY), mina)
    client = logged_in(farid.user)
    assert f"/mediators/mine/{hers.pk}/" not in (
        client.get("/mediators/mine/").content.decode()
    )
    assert client.get(f"/mediators/mine/{hers.pk}/").status_code == 404
    assert client.post(f"/mediators/mine/{hers.pk}/accept/").status_code == 404
    hers.refresh_from_db()
    assert hers.status == AssignmentStatus.OFFERED


def test_an_inactive_mediator_is_refused(cast, farid):
    farid.active = False
    farid.save()
    assert logged_in(farid.user).get("/mediators/mine/").status_code == 403


@pytest.mark.parametrize("name", ["olga", "carla", "gina", "otto"])
def test_staff_have_no_own_mediator_pages(cast, name):
    assert cast.client(name).get("/mediators/mine/").status_code == 403
