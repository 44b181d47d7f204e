"""The mediator accepts or declines an offer on their own pages."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from conftest import logged_in
from mediators.models import AssignmentStatus, RequestStatus

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


def test_accepting_and_declining_from_the_own_pages(cast, farid):
    mina = make_mediator(cast.erz, "Mina", login=True)
    request = make_request(cast.erz, cast.olga, THURSDAY)
    his = make_assignment(request, farid)
    hers = make_assignment(request, mina)
    response = logged_in(farid.user).post(
        f"/mediators/mine/{his.pk}/accept/", follow=True
    )
    assert "You have accepted the assignment." in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.FILLED
    response = logged_in(mina.user).post(
        f"/mediators/mine/{hers.pk}/accept/", follow=True
    )
    assert "Another mediator has already accepted" in response.content.decode()


def test_declining_an_offer(cast, farid):
    offer = make_assignment(make_request(cast.erz, cast.olga, THURSDAY), farid)
    response = logged_in(farid.user).post(
        f"/mediators/mine/{offer.pk}/decline/", follow=True
    )
    assert "You have declined the offer." in response.content.decode()
    offer.refresh_from_db()
    assert offer.status == AssignmentStatus.DECLINED
