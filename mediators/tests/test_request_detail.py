"""The request page: ranked candidates, offers and their buttons, the work."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from cases.tests.factories import make_concern
from mediators.models import AssignmentStatus, Level, RequestStatus

from .factories import available, make_assignment, make_mediator, make_request

NOW = "2026-03-02 09:00 +01:00"
BERLIN = timezone.get_default_timezone()
THURSDAY = datetime.datetime(2026, 3, 5, 9, 30, tzinfo=BERLIN)

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def url(request) -> str:
    return f"/mediators/requests/{request.pk}/"


def test_candidates_are_listed_best_first_with_their_reasons(cast):
    usual = make_mediator(cast.erz, "Usual", "Mediator")
    available(usual, 3, "08:00", "14:00")
    make_mediator(cast.erz, "Other", "Mediator")
    request = make_request(cast.erz, cast.olga, THURSDAY)
    page = cast.client("olga").get(url(request)).content.decode()
    assert page.index("Usual Mediator") < page.index("Other Mediator")
    assert "Usually available Thursdays 08:00–14:00" in page
    assert "Speaks Dari (native speaker)" in page
    assert page.count('name="mediator"') == 2


def test_someone_who_cannot_be_asked_has_no_offer_button(cast):
    make_mediator(cast.erz, "Expired", conduct_valid_until=datetime.date(2026, 3, 1))
    request = make_request(cast.erz, cast.olga, THURSDAY)
    page = cast.client("olga").get(url(request)).content.decode()
    assert "Certificate of good conduct expired on 01.03.2026" in page
    assert 'name="mediator"' not in page
    assert "cannot be asked" in page


def test_a_language_nobody_speaks_is_warned_about_and_can_be_closed(cast):
    make_mediator(cast.erz)
    request = make_request(cast.erz, cast.olga, THURSDAY, language="tir")
    client = cast.client("olga")
    page = client.get(url(request)).content.decode()
    assert "Nobody in the pool speaks Tigrinya" in page
    response = client.post(f"{url(request)}unfilled/", follow=True)
    request.refresh_from_db()
    assert request.status == RequestStatus.UNFILLED
    assert "recorded as “nobody found”" in response.content.decode()


def test_the_offer_button_offers_and_says_so(cast):
    mediator = make_mediator(cast.erz)
    request = make_request(cast.erz, cast.olga, THURSDAY)
    response = cast.client("olga").post(
        f"{url(request)}offer/", {"mediator": mediator.pk}, follow=True
    )
    assert "Offered to Farid Ahmadi; they are told by e-mail." in (
        response.content.decode()
    )
    (assignment,) = request.assignments.all()
    assert assignment.status == AssignmentStatus.OFFERED


def test_an_offer_that_cannot_be_made_shows_why(cast):
    mediator = make_mediator(cast.erz)
    other = make_request(cast.erz, cast.olga, THURSDAY, language="pus")
    make_assignment(other, mediator, status=AssignmentStatus.ACCEPTED)
    request = make_request(cast.erz, cast.olga, THURSDAY)
    response = cast.client("olga").post(
        f"{url(request)}offer/", {"mediator": mediator.pk}, follow=True
    )
    assert response.status_code == 200
    assert "Busy then: another assignment 09:30–10:30" in response.content.decode()
    assert not request.assignments.exists()


@pytest.mark.parametrize("value", ["", "abc"])
def test_an_offer_without_a_mediator_says_so(cast, value):
    request = make_request(cast.erz, cast.olga, THURSDAY)
    response = cast.client("olga").post(
        f"{url(request)}offer/", {"mediator": value}, follow=True
    )
    assert "Choose a mediator to offer the assignment to." in response.content.decode()
    assert not request.assignments.exists()


def test_an_unknown_mediator_in_the_offer_is_404(cast):
    request = make_request(cast.erz, cast.olga, THURSDAY)
    response = cast.client("olga").post(f"{url(request)}offer/", {"mediator": 999999})
    assert response.status_code == 404


def test_another_offices_mediator_cannot_be_offered(cast):
    stranger = make_mediator(cast.gr, "Stranger")
    request = make_request(cast.erz, cast.olga, THURSDAY)
    response = cast.client("olga").post(
        f"{url(request)}offer/", {"mediator": stranger.pk}
    )
    assert response.status_code == 404


def test_offers_can_be_withdrawn_and_assignments_cancelled(cast):
    request = make_request(cast.erz, cast.olga, THURSDAY)
    offer = make_assignment(request, make_mediator(cast.erz, "Farid"))
    client = cast.client("olga")
    page = client.get(url(request)).content.decode()
    assert f"/mediators/assignments/{offer.pk}/withdraw/" in page
    client.post(f"/mediators/assignments/{offer.pk}/withdraw/")
    offer.refresh_from_db()
    assert offer.status == AssignmentStatus.WITHDRAWN
    taken = make_assignment(
        request, make_mediator(cast.erz, "Mina"), status=AssignmentStatus.ACCEPTED
    )
    client.post(f"/mediators/assignments/{taken.pk}/cancel/", {"by": "mediator"})
    taken.refresh_from_db()
    assert taken.status == AssignmentStatus.CANCELLED
    assert not taken.cancelled_by_office


def test_staff_record_the_work_and_the_feedback_after_the_start(cast):
    request = make_request(cast.erz, cast.olga, THURSDAY, status=RequestStatus.FILLED)
    held = make_assignment(
        request, make_mediator(cast.erz), status=AssignmentStatus.ACCEPTED
    )
    page = cast.client("olga").get(url(request)).content.decode()
    assert "The work can be recorded once the assignment has begun." in page
    with time_machine.travel("2026-03-05 12:00 +01:00", tick=False):
        client = cast.client("olga")
        assert "Time worked: hours" in client.get(url(request)).content.decode()
        response = client.post(
            f"/mediators/assignments/{held.pk}/work/",
            {
                "hours": 1,
                "minutes": 20,
                "travel_minutes": 40,
                "km": "18.5",
                "rating": 5,
            },
        )
    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.worked_minutes, held.travel_minutes, held.rating) == (80, 40, 5)
    assert held.km == Decimal("18.5")
    assert held.status == AssignmentStatus.DONE


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"hours": 0, "minutes": 0}, "The time worked must be 1 minute to 12 hours."),
        ({"hours": 12, "minutes": 30}, "The time worked must be 1 minute to 12 hours."),
        ({"km": "-3"}, "greater than or equal to 0"),
        ({"km": "abc"}, "Enter a number."),
        ({"rating": "9"}, "Select a valid choice."),
    ],
)
def test_absurd_work_is_refused_with_a_message(cast, data, message):
    request = make_request(cast.erz, cast.olga, THURSDAY, status=RequestStatus.FILLED)
    held = make_assignment(
        request, make_mediator(cast.erz), status=AssignmentStatus.ACCEPTED
    )
    fields = {"hours": 1, "minutes": 0, "travel_minutes": 0, "km": "0"} | data
    with time_machine.travel("2026-03-05 12:00 +01:00", tick=False):
        response = cast.client("olga").post(
            f"/mediators/assignments/{held.pk}/work/", fields
        )
    assert response.status_code == 200
    assert message in response.content.decode()
    held.refresh_from_db()
    assert held.worked_minutes is None


def test_the_concern_is_linked_for_who_may_open_it(cast):
    concern = make_concern(cast.erz, cast.carla, assigned_to=cast.gina)
    request = make_request(cast.erz, cast.gina, THURSDAY, concern=concern)
    page = cast.client("gina").get(url(request)).content.decode()
    assert f"/concerns/{concern.pk}/" in page
    assert concern.number in page
    assert concern.subject not in page


def test_a_filled_request_shows_no_candidates(cast):
    make_mediator(cast.erz, "Farid", languages=(("prs", "", Level.NATIVE),))
    request = make_request(cast.erz, cast.olga, THURSDAY, status=RequestStatus.FILLED)
    page = cast.client("olga").get(url(request)).content.decode()
    assert "Candidates</h2>" not in page
    assert 'name="mediator"' not in page


def test_the_first_twenty_candidates_then_all_on_request(cast):
    for n in range(22):
        make_mediator(cast.erz, f"Mediator{n:02d}")
    request = make_request(cast.erz, cast.olga, THURSDAY)
    client = cast.client("olga")
    page = client.get(url(request)).content.decode()
    assert page.count('name="mediator"') == 20
    assert "Show all 22 candidates" in page
    page = client.get(f"{url(request)}?candidates=all").content.decode()
    assert page.count('name="mediator"') == 22
