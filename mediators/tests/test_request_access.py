"""Who reaches the request pages: a view × role matrix.

Another office's request is 404 (its existence is not revealed); one of the
own office that the user's roles do not reach is 403. Mediators and the
analyst never see requests; a guide sees the requests they made or are the
contact of.
"""

import datetime

import pytest
import time_machine
from django.utils import timezone

from conftest import logged_in
from mediators.models import AssignmentStatus

from .factories import make_assignment, make_mediator, make_request

NOW = "2026-03-02 09:00 +01:00"
THURSDAY = datetime.datetime(2026, 3, 5, 9, 30, tzinfo=timezone.get_default_timezone())

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world(cast):
    request = make_request(cast.erz, cast.gina, THURSDAY)
    mediator = make_mediator(cast.erz, "Farid", login=True)
    offer = make_assignment(request, mediator)
    taken = make_assignment(
        make_request(cast.erz, cast.gina, THURSDAY, language="ukr"),
        make_mediator(cast.erz, "Olena", languages=(("ukr", "", 4),)),
        status=AssignmentStatus.ACCEPTED,
    )
    return {"request": request, "mediator": mediator, "offer": offer, "taken": taken}


PAGES = [
    "/mediators/requests/",
    "/mediators/requests/new/",
    "/mediators/requests/{request}/",
]
POSTS = [
    ("/mediators/requests/{request}/offer/", {"mediator": "{mediator}"}),
    ("/mediators/requests/{request}/unfilled/", {}),
    ("/mediators/requests/{request}/cancel/", {}),
    ("/mediators/assignments/{offer}/withdraw/", {}),
    ("/mediators/assignments/{taken}/cancel/", {}),
    ("/mediators/assignments/{taken}/work/", {"hours": "1"}),
]

# Who may open a page of a request made by gina.
GET_STATUS = {
    "carla": (200, 200, 200),
    "dieter": (200, 200, 200),
    "olga": (200, 200, 200),
    "gina": (200, 200, 200),
    "gustav": (200, 200, 403),
    "anton": (403, 403, 403),
    "ada": (403, 403, 403),
    "stella": (403, 403, 403),
    "otto": (200, 200, 404),
}


def filled(template: str, world) -> str:
    return template.format(**{key: value.pk for key, value in world.items()})


@pytest.mark.parametrize("name", list(GET_STATUS))
def test_who_opens_which_request_page(cast, world, name):
    client = cast.client(name)
    statuses = tuple(client.get(filled(page, world)).status_code for page in PAGES)
    assert statuses == GET_STATUS[name]


@pytest.mark.parametrize(
    ("name", "status"),
    [("gustav", 403), ("anton", 403), ("ada", 403), ("stella", 403), ("otto", 404)],
)
def test_who_may_not_act_on_a_request_changes_nothing(cast, world, name, status):
    client = cast.client(name)
    for template, data in POSTS:
        form = {key: filled(value, world) for key, value in data.items()}
        assert client.post(filled(template, world), form).status_code == status
    world["offer"].refresh_from_db()
    world["taken"].refresh_from_db()
    world["request"].refresh_from_db()
    assert world["offer"].status == AssignmentStatus.OFFERED
    assert world["taken"].status == AssignmentStatus.ACCEPTED
    assert world["request"].status == "open"


def test_a_mediator_reaches_no_staff_page(cast, world):
    client = logged_in(world["mediator"].user)
    for page in PAGES:
        assert client.get(filled(page, world)).status_code == 403
    for template, data in POSTS:
        form = {key: filled(value, world) for key, value in data.items()}
        assert client.post(filled(template, world), form).status_code == 403


def test_the_request_actions_take_post_only(cast, world):
    client = cast.client("olga")
    for template, _data in POSTS:
        assert client.get(filled(template, world)).status_code == 405
