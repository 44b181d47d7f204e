"""accept(), decline() and withdraw(): answering an offer."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from mediators import actions
from mediators.actions import MediationError
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
def request_(cast):
    return make_request(cast.erz, cast.olga, THURSDAY)


def status(assignment) -> str:
    assignment.refresh_from_db()
    return assignment.status


def test_accepting_fills_the_request_and_withdraws_the_other_offers(cast, request_):
    farid = make_assignment(request_, make_mediator(cast.erz, "Farid"))
    mina = make_assignment(request_, make_mediator(cast.erz, "Mina"))
    actions.accept(farid)
    farid.refresh_from_db()
    request_.refresh_from_db()
    assert farid.status == AssignmentStatus.ACCEPTED
    assert farid.answered_at == timezone.now()
    assert status(mina) == AssignmentStatus.WITHDRAWN
    assert request_.status == RequestStatus.FILLED


def test_a_second_mediator_cannot_accept_what_another_has(cast, request_):
    make_assignment(
        request_, make_mediator(cast.erz, "Farid"), status=AssignmentStatus.ACCEPTED
    )
    mina = make_assignment(request_, make_mediator(cast.erz, "Mina"))
    with pytest.raises(MediationError, match="Another mediator has already accepted"):
        actions.accept(mina)
    assert status(mina) == AssignmentStatus.OFFERED


def test_two_acceptances_at_once_leave_one_standing(cast, request_, monkeypatch):
    # Both passed the check before either saved: the constraint decides.
    make_assignment(
        request_, make_mediator(cast.erz, "Farid"), status=AssignmentStatus.ACCEPTED
    )
    mina = make_assignment(request_, make_mediator(cast.erz, "Mina"))
    monkeypatch.setattr(actions, "taken_by_another", lambda assignment: False)
    with pytest.raises(MediationError, match="Another mediator has already accepted"):
        actions.accept(mina)
    assert status(mina) == AssignmentStatus.OFFERED


def test_an_overlapping_accepted_assignment_refuses_the_second(cast, request_):
    mediator = make_mediator(cast.erz)
    earlier = make_request(
        cast.erz, cast.olga, THURSDAY - datetime.timedelta(minutes=30), language="pus"
    )
    make_assignment(earlier, mediator, status=AssignmentStatus.ACCEPTED)
    offer = make_assignment(request_, mediator)
    with pytest.raises(MediationError, match="another assignment at that time: 09:00"):
        actions.accept(offer)
    assert status(offer) == AssignmentStatus.OFFERED


def test_an_overlapping_open_offer_does_not_stop_accepting(cast, request_):
    mediator = make_mediator(cast.erz)
    other = make_request(cast.erz, cast.olga, THURSDAY, language="pus")
    make_assignment(other, mediator)
    offer = make_assignment(request_, mediator)
    actions.accept(offer)
    assert status(offer) == AssignmentStatus.ACCEPTED


def test_a_withdrawn_offer_cannot_be_accepted(cast, request_):
    offer = make_assignment(
        request_, make_mediator(cast.erz), status=AssignmentStatus.WITHDRAWN
    )
    with pytest.raises(MediationError, match="no longer open"):
        actions.accept(offer)


def test_a_past_offer_cannot_be_accepted(cast):
    request = make_request(cast.erz, cast.olga, THURSDAY - datetime.timedelta(days=7))
    offer = make_assignment(request, make_mediator(cast.erz))
    with pytest.raises(MediationError, match="passed"):
        actions.accept(offer)


def test_declining_keeps_the_request_open(cast, request_):
    offer = make_assignment(request_, make_mediator(cast.erz))
    actions.decline(offer)
    request_.refresh_from_db()
    assert status(offer) == AssignmentStatus.DECLINED
    assert request_.status == RequestStatus.OPEN


def test_an_accepted_assignment_cannot_be_declined(cast, request_):
    offer = make_assignment(
        request_, make_mediator(cast.erz), status=AssignmentStatus.ACCEPTED
    )
    with pytest.raises(MediationError, match="no longer open"):
        actions.decline(offer)


def test_staff_withdraw_an_open_offer_only(cast, request_):
    offer = make_assignment(request_, make_mediator(cast.erz, "Farid"))
    actions.withdraw(offer)
    assert status(offer) == AssignmentStatus.WITHDRAWN
    accepted = make_assignment(
        request_, make_mediator(cast.erz, "Mina"), status=AssignmentStatus.ACCEPTED
    )
    with pytest.raises(MediationError, match="cancel an accepted one"):
        actions.withdraw(accepted)
