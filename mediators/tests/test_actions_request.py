"""create_request, cancel_request and mark_unfilled."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from accounts.models import Municipality
from cases.tests.factories import make_concern
from mediators import actions
from mediators.actions import MediationError
from mediators.models import AssignmentStatus, Mode, RequestStatus

from .factories import make_assignment, make_mediator, make_request

NOW = "2026-03-02 09:00 +01:00"
BERLIN = timezone.get_default_timezone()
LATER = datetime.datetime(2026, 3, 5, 9, 30, tzinfo=BERLIN)

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def fields(**changes) -> dict:
    return {"language": "prs", "starts_at": LATER, "minutes": 60} | changes


def test_a_new_request_is_open_with_the_requester_as_contact(cast):
    request = actions.create_request(cast.erz, cast.gina, **fields(mode=Mode.PHONE))
    assert request.status == RequestStatus.OPEN
    assert request.contact == cast.gina
    assert request.created_by == cast.gina
    assert request.office == cast.erz


def test_a_request_keeps_only_a_link_to_the_concern(cast):
    concern = make_concern(cast.erz, cast.gina)
    request = actions.create_request(cast.erz, cast.gina, concern=concern, **fields())
    assert request.concern == concern
    assert request.place == ""


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"starts_at": LATER - datetime.timedelta(days=4)}, "past"),
        ({"minutes": 5}, "15 to 600"),
        ({"minutes": 601}, "15 to 600"),
        ({"language": "xx"}, "language"),
    ],
)
def test_implausible_requests_are_refused(cast, changes, message):
    with pytest.raises(MediationError, match=message):
        actions.create_request(cast.erz, cast.olga, **fields(**changes))


def test_another_offices_municipality_is_refused(cast):
    goerlitz = Municipality.objects.create(office=cast.gr, name="Niesky")
    with pytest.raises(MediationError, match="another office"):
        actions.create_request(cast.erz, cast.olga, **fields(municipality=goerlitz))


def test_cancelling_a_request_withdraws_offers_and_cancels_the_assignment(cast):
    request = make_request(cast.erz, cast.olga, LATER)
    offered = make_assignment(request, make_mediator(cast.erz, "Offered"))
    accepted = make_assignment(
        request, make_mediator(cast.erz, "Taken"), status=AssignmentStatus.ACCEPTED
    )
    actions.cancel_request(request)
    request.refresh_from_db()
    offered.refresh_from_db()
    accepted.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED
    assert offered.status == AssignmentStatus.WITHDRAWN
    assert accepted.status == AssignmentStatus.CANCELLED
    assert accepted.cancelled_by_office
    assert accepted.cancelled_at == timezone.now()


def test_a_done_request_cannot_be_cancelled(cast):
    request = make_request(cast.erz, cast.olga, LATER, status=RequestStatus.DONE)
    with pytest.raises(MediationError, match="no longer open"):
        actions.cancel_request(request)


def test_nobody_found_withdraws_the_open_offers(cast):
    request = make_request(cast.erz, cast.olga, LATER)
    offered = make_assignment(request, make_mediator(cast.erz))
    actions.mark_unfilled(request)
    request.refresh_from_db()
    offered.refresh_from_db()
    assert request.status == RequestStatus.UNFILLED
    assert offered.status == AssignmentStatus.WITHDRAWN


def test_a_filled_request_cannot_be_marked_as_nobody_found(cast):
    request = make_request(cast.erz, cast.olga, LATER, status=RequestStatus.FILLED)
    with pytest.raises(MediationError, match="Only an open request"):
        actions.mark_unfilled(request)
