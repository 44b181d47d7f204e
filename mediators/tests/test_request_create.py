"""A new request: the form, its checks, and the link to a concern."""

import pytest
import time_machine
from django.utils import timezone

from accounts.models import Municipality
from cases.tests.factories import make_concern
from mediators.models import Mode, Request, RequestStatus

from .factories import make_mediator

NOW = "2026-03-02 09:00 +01:00"
URL = "/mediators/requests/new/"

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def form(**changes) -> dict:
    return {
        "language": "prs",
        "dialect": "Herati",
        "day": "2026-03-05",
        "time": "09:30",
        "minutes": "90",
        "mode": Mode.ON_SITE,
        "place": "Landratsamt, Raum 2.21",
    } | changes


def test_a_new_request_is_saved_and_its_page_ranks_the_pool(cast):
    make_mediator(cast.erz, languages=(("prs", "Herati", 4),))
    town = Municipality.objects.create(office=cast.erz, name="Annaberg-Buchholz")
    data = form(municipality=town.pk, contact=cast.olga.pk)
    response = cast.client("olga").post(URL, data, follow=True)
    request = Request.objects.get()
    assert request.status == RequestStatus.OPEN
    assert request.minutes == 90
    assert f"{timezone.localtime(request.starts_at):%d.%m. %H:%M}" == "05.03. 09:30"
    assert request.contact == cast.olga
    assert request.created_by == cast.olga
    assert request.municipality == town
    assert "Dialect matches: Herati" in response.content.decode()


def test_the_contact_person_is_the_requester_unless_chosen(cast):
    page = cast.client("gina").get(URL).content.decode()
    assert f'<option value="{cast.gina.pk}" selected>' in page
    # Only the office's staff who ask for mediators can be chosen.
    assert f'<option value="{cast.otto.pk}"' not in page
    assert f'<option value="{cast.anton.pk}"' not in page


def test_a_time_in_the_past_is_refused_and_nothing_is_saved(cast):
    response = cast.client("olga").post(
        URL, form(day="2026-03-02", time="08:00", contact=cast.olga.pk)
    )
    assert response.status_code == 200
    assert "This time lies in the past." in response.content.decode()
    assert not Request.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"language": "zzz"}, "Select a valid choice."),
        ({"minutes": "abc"}, "Enter a whole number."),
        ({"minutes": "5"}, "greater than or equal to 15"),
        ({"day": "2031-01-01"}, "within the next two years"),
        ({"day": "05.03.2026x"}, "Enter a valid date."),
        ({"place": "Raum\u202e1"}, "invisible control characters"),
    ],
)
def test_bad_input_gives_a_message_not_an_error(cast, changes, message):
    response = cast.client("olga").post(URL, form(contact=cast.olga.pk, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Request.objects.exists()


def test_another_offices_municipality_cannot_be_chosen(cast):
    niesky = Municipality.objects.create(office=cast.gr, name="Niesky")
    response = cast.client("olga").post(
        URL, form(municipality=niesky.pk, contact=cast.olga.pk)
    )
    assert response.status_code == 200
    assert not Request.objects.exists()


def test_a_request_for_a_concern_keeps_a_link_only(cast):
    concern = make_concern(cast.erz, cast.carla, assigned_to=cast.gina)
    client = cast.client("gina")
    page = client.get(f"{URL}?concern={concern.pk}").content.decode()
    assert concern.number in page
    client.post(f"{URL}?concern={concern.pk}", form(contact=cast.gina.pk))
    request = Request.objects.get()
    assert request.concern == concern
    assert request.place == "Landratsamt, Raum 2.21"


def test_the_concern_page_links_the_request_form_for_those_who_ask(cast):
    concern = make_concern(cast.erz, cast.carla, assigned_to=cast.gina)
    link = f'href="{URL}?concern={concern.pk}"'
    page = cast.client("gina").get(f"/concerns/{concern.pk}/").content.decode()
    assert link in page
    assert "Request a mediator" in page
    # The administrator reads no concern; office staff ask like the desk.
    assert link in cast.client("olga").get(f"/concerns/{concern.pk}/").content.decode()


def test_a_concern_the_guide_may_not_open_is_refused(cast):
    concern = make_concern(cast.erz, cast.carla)
    response = cast.client("gustav").get(f"{URL}?concern={concern.pk}")
    assert response.status_code == 403


@pytest.mark.parametrize("value", ["abc", "999999"])
def test_a_broken_or_unknown_concern_is_404(cast, value):
    assert cast.client("olga").get(f"{URL}?concern={value}").status_code == 404


def test_another_offices_concern_is_404(cast):
    concern = make_concern(cast.gr, cast.otto)
    assert cast.client("carla").get(f"{URL}?concern={concern.pk}").status_code == 404
