"""The list of requests: whose, which, and for whom."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

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


def rows(client, query: str = "") -> list[str]:
    page = client.get(f"/mediators/requests/{query}").content.decode()
    return [
        line
        for line in page.splitlines()
        if re.search(r'href="/mediators/requests/\d+/"', line)
    ]


def test_the_desk_sees_every_open_request_of_the_office(cast):
    make_request(cast.erz, cast.gina, THURSDAY)
    make_request(cast.erz, cast.gustav, THURSDAY, language="ukr")
    make_request(cast.gr, cast.otto, THURSDAY)
    assert len(rows(cast.client("olga"))) == 2


def test_a_guide_sees_only_the_requests_they_made_or_are_the_contact_of(cast):
    own = make_request(cast.erz, cast.gina, THURSDAY)
    contact = make_request(cast.erz, cast.gustav, THURSDAY, contact=cast.gina)
    foreign = make_request(cast.erz, cast.gustav, THURSDAY)
    page = cast.client("gina").get("/mediators/requests/").content.decode()
    assert f"/mediators/requests/{own.pk}/" in page
    assert f"/mediators/requests/{contact.pk}/" in page
    assert f"/mediators/requests/{foreign.pk}/" not in page


def test_the_filter_shows_filled_unfilled_or_all(cast):
    make_request(cast.erz, cast.olga, THURSDAY)
    filled = make_request(cast.erz, cast.olga, THURSDAY, status=RequestStatus.FILLED)
    make_assignment(
        filled,
        make_mediator(cast.erz, "Farid", "Ahmadi"),
        status=AssignmentStatus.ACCEPTED,
    )
    make_request(cast.erz, cast.olga, THURSDAY, status=RequestStatus.UNFILLED)
    client = cast.client("olga")
    assert len(rows(client)) == 1
    (row,) = rows(client, "?show=filled")
    assert f"/mediators/requests/{filled.pk}/" in row
    assert (
        "Farid Ahmadi"
        in client.get("/mediators/requests/?show=filled").content.decode()
    )
    assert len(rows(client, "?show=unfilled")) == 1
    assert len(rows(client, "?show=all")) == 3
    # A broken filter value shows the default list, not an error page.
    assert len(rows(client, "?show=nonsense")) == 1


@pytest.mark.parametrize("name", ["anton", "ada", "stella"])
def test_who_does_not_request_mediators_is_refused(cast, name):
    assert cast.client(name).get("/mediators/requests/").status_code == 403
