"""record_work(): after the start only, with plausible figures."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from mediators import actions
from mediators.actions import MediationError
from mediators.models import AssignmentStatus, RequestStatus

from .factories import make_assignment, make_mediator, make_request

BERLIN = timezone.get_default_timezone()
THURSDAY = datetime.datetime(2026, 3, 5, 9, 30, tzinfo=BERLIN)
AFTER = "2026-03-05 11:00 +01:00"
BEFORE = "2026-03-05 09:00 +01:00"


@pytest.fixture
def assignment(cast):
    request = make_request(cast.erz, cast.olga, THURSDAY, status=RequestStatus.FILLED)
    return make_assignment(
        request, make_mediator(cast.erz), status=AssignmentStatus.ACCEPTED
    )


@time_machine.travel(AFTER, tick=False)
def test_recording_the_work_makes_assignment_and_request_done(assignment):
    actions.record_work(assignment, 80, 30, Decimal("12.5"), rating=4)
    assignment.refresh_from_db()
    assignment.request.refresh_from_db()
    assert assignment.status == AssignmentStatus.DONE
    assert (assignment.worked_minutes, assignment.travel_minutes) == (80, 30)
    assert assignment.km == Decimal("12.5")
    assert assignment.rating == 4
    assert assignment.request.status == RequestStatus.DONE


@time_machine.travel(AFTER, tick=False)
def test_a_correction_without_a_rating_keeps_the_earlier_one(assignment):
    actions.record_work(assignment, 80, 30, Decimal("12.5"), rating=4)
    actions.record_work(assignment, 90, 20, Decimal("10"))
    assignment.refresh_from_db()
    assert (assignment.worked_minutes, assignment.rating) == (90, 4)


@time_machine.travel(BEFORE, tick=False)
def test_work_cannot_be_recorded_before_the_start(assignment):
    with pytest.raises(MediationError, match="once the assignment has begun"):
        actions.record_work(assignment, 60, 0, Decimal("0"))
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED


@time_machine.travel(AFTER, tick=False)
@pytest.mark.parametrize(
    ("worked", "travel", "km", "rating", "message"),
    [
        (0, 0, Decimal("0"), None, "time worked"),
        (721, 0, Decimal("0"), None, "time worked"),
        (60, -5, Decimal("0"), None, "travel time"),
        (60, 601, Decimal("0"), None, "travel time"),
        (60, 0, Decimal("-1"), None, "kilometres"),
        (60, 0, Decimal("1000.1"), None, "kilometres"),
        (60, 0, Decimal("0"), 6, "feedback"),
    ],
)
def test_absurd_figures_are_refused(assignment, worked, travel, km, rating, message):
    with pytest.raises(MediationError, match=message):
        actions.record_work(assignment, worked, travel, km, rating=rating)
    assignment.refresh_from_db()
    assert assignment.worked_minutes is None


@time_machine.travel(AFTER, tick=False)
def test_an_offer_nobody_accepted_takes_no_work(cast):
    request = make_request(cast.erz, cast.olga, THURSDAY)
    offer = make_assignment(request, make_mediator(cast.erz))
    with pytest.raises(MediationError, match="only for an accepted assignment"):
        actions.record_work(offer, 60, 0, Decimal("0"))
