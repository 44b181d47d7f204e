"""cancel_assignment(): who called it off, when, and what becomes of the request."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from mediators import actions
from mediators.actions import MediationError
from mediators.models import AssignmentStatus, RequestStatus

from .factories import make_assignment, make_mediator, make_request, make_scheme

NOW = "2026-03-05 08:00 +01:00"
BERLIN = timezone.get_default_timezone()
THURSDAY = datetime.datetime(2026, 3, 5, 9, 30, tzinfo=BERLIN)

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def accepted(cast, starts_at=THURSDAY, name="Farid"):
    request = make_request(cast.erz, cast.olga, starts_at, status=RequestStatus.FILLED)
    return make_assignment(
        request, make_mediator(cast.erz, name), status=AssignmentStatus.ACCEPTED
    )


def test_the_office_cancelling_late_is_recorded_for_billing(cast):
    assignment = accepted(cast)
    actions.cancel_assignment(assignment, by_office=True)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CANCELLED
    assert assignment.cancelled_at == timezone.now()
    assert assignment.cancelled_by_office
    rate = make_scheme(cast.erz, name="Test").rate_on(datetime.date(2026, 3, 5))
    assert rate is not None
    assert assignment.cancelled_late(rate)


def test_a_request_still_to_come_is_open_again(cast):
    assignment = accepted(cast)
    actions.cancel_assignment(assignment, by_office=False)
    assignment.refresh_from_db()
    assignment.request.refresh_from_db()
    assert not assignment.cancelled_by_office
    assert assignment.request.status == RequestStatus.OPEN


def test_after_the_start_the_request_ends_with_the_cancellation(cast):
    by_office = accepted(cast, THURSDAY.replace(hour=7))
    actions.cancel_assignment(by_office, by_office=True)
    by_office.request.refresh_from_db()
    assert by_office.request.status == RequestStatus.CANCELLED
    by_mediator = accepted(cast, THURSDAY.replace(hour=7, minute=45), name="Mina")
    actions.cancel_assignment(by_mediator, by_office=False)
    by_mediator.request.refresh_from_db()
    assert by_mediator.request.status == RequestStatus.UNFILLED


def test_only_an_accepted_assignment_can_be_cancelled(cast):
    request = make_request(cast.erz, cast.olga, THURSDAY)
    offer = make_assignment(request, make_mediator(cast.erz))
    with pytest.raises(MediationError, match="Only an accepted assignment"):
        actions.cancel_assignment(offer, by_office=True)
    offer.refresh_from_db()
    assert offer.status == AssignmentStatus.OFFERED
