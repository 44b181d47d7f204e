"""offer(): who can be offered an assignment, and the e-mail it sends."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone, translation

from mediators import actions
from mediators.actions import MediationError
from mediators.models import AssignmentStatus, Level, RequestStatus

from .factories import make_assignment, make_mediator, make_request

NOW = "2026-03-02 09:00 +01:00"
BERLIN = timezone.get_default_timezone()
THURSDAY = datetime.datetime(2026, 3, 5, 9, 30, tzinfo=BERLIN)

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False), translation.override("en"):
        yield


@pytest.fixture
def request_(cast):
    return make_request(cast.erz, cast.olga, THURSDAY)


def test_an_offer_records_the_reasons_and_mails_the_mediator(
    cast, request_, django_capture_on_commit_callbacks
):
    mediator = make_mediator(cast.erz)
    with django_capture_on_commit_callbacks(execute=True):
        assignment = actions.offer(request_, mediator, cast.olga)
    assert assignment.status == AssignmentStatus.OFFERED
    assert (assignment.starts_at, assignment.ends_at) == (
        request_.starts_at,
        request_.ends_at,
    )
    assert "Speaks Dari (native speaker)" in assignment.reasons
    assert assignment.history.first().history_user == cast.olga
    assert [m.to for m in mail.outbox] == [["farid@example.org"]]


def test_no_mail_without_an_address(cast, request_, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.offer(request_, make_mediator(cast.erz, email=""), cast.olga)
    assert mail.outbox == []


def test_someone_busy_then_cannot_be_offered(cast, request_):
    mediator = make_mediator(cast.erz)
    other = make_request(cast.erz, cast.olga, THURSDAY, language="pus")
    make_assignment(other, mediator, status=AssignmentStatus.ACCEPTED)
    with pytest.raises(MediationError, match="Busy then: another assignment"):
        actions.offer(request_, mediator, cast.olga)
    assert request_.assignments.count() == 0


def test_expired_documents_on_the_day_refuse_the_offer(cast, request_):
    mediator = make_mediator(cast.erz, conduct_valid_until=datetime.date(2026, 3, 4))
    with pytest.raises(MediationError, match="Certificate of good conduct expired"):
        actions.offer(request_, mediator, cast.olga)


@pytest.mark.parametrize(
    "fields",
    [
        {"active": False},
        {"languages": (("pus", "", Level.NATIVE),)},
    ],
)
def test_an_inactive_mediator_or_one_without_the_language_is_refused(
    cast, request_, fields
):
    with pytest.raises(MediationError, match="not an active mediator"):
        actions.offer(request_, make_mediator(cast.erz, **fields), cast.olga)


def test_another_offices_mediator_is_refused(cast, request_):
    with pytest.raises(MediationError, match="not an active mediator"):
        actions.offer(request_, make_mediator(cast.gr), cast.olga)


def test_the_same_mediator_is_not_offered_twice(cast, request_):
    mediator = make_mediator(cast.erz)
    actions.offer(request_, mediator, cast.olga)
    with pytest.raises(MediationError, match="offered this assignment already"):
        actions.offer(request_, mediator, cast.olga)


def test_a_filled_request_takes_no_more_offers(cast):
    request = make_request(cast.erz, cast.olga, THURSDAY, status=RequestStatus.FILLED)
    with pytest.raises(MediationError, match="no longer open"):
        actions.offer(request, make_mediator(cast.erz), cast.olga)


def test_a_past_request_takes_no_offers(cast):
    request = make_request(cast.erz, cast.olga, THURSDAY - datetime.timedelta(days=7))
    with pytest.raises(MediationError, match="passed"):
        actions.offer(request, make_mediator(cast.erz), cast.olga)
