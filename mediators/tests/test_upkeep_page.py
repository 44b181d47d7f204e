"""The upkeep page: who is stale or has documents running out, most urgent first."""

import datetime

import time_machine
from django.urls import reverse

from .factories import make_mediator, make_scheme

URL = reverse("mediators:upkeep")
TODAY = datetime.date(2026, 3, 10)


@time_machine.travel(TODAY, tick=False)
def test_page_lists_stale_and_expiring_with_days_sorted_by_urgency(cast):
    scheme = make_scheme(cast.erz)
    make_mediator(cast.erz, "Fresh", "One", scheme=scheme)
    make_mediator(
        cast.erz,
        "Olena",
        "Koval",
        scheme=scheme,
        confirmed_on=datetime.date(2025, 3, 5),
    )
    make_mediator(
        cast.erz,
        "Amal",
        "Haddad",
        scheme=scheme,
        conduct_valid_until=datetime.date(2026, 2, 28),
    )
    make_mediator(
        cast.erz,
        "Farid",
        "Ahmadi",
        scheme=scheme,
        pledge_valid_until=datetime.date(2026, 4, 9),
    )
    make_mediator(cast.gr, "Other", "Office", confirmed_on=None)
    response = cast.client("olga").get(URL)
    html = response.content.decode()
    order = [row.mediator.last_name for row in response.context["rows"]]
    assert order == ["Haddad", "Koval", "Ahmadi"]
    assert (
        "Certificate of good conduct expired on 02/28/2026 – <strong>10 days overdue"
        in html
    )
    assert "Data not confirmed for a year – <strong>5 days overdue" in html
    assert "Confidentiality pledge expires on 04/09/2026 – in 30 days" in html
    assert "3 mediators need upkeep" in html
    assert "Office" not in [row.mediator.last_name for row in response.context["rows"]]


@time_machine.travel(TODAY, tick=False)
def test_page_says_when_nothing_is_due(cast):
    make_mediator(cast.erz)
    html = cast.client("carla").get(URL).content.decode()
    assert "Nothing is due" in html


@time_machine.travel(TODAY, tick=False)
def test_inactive_mediators_need_no_upkeep(cast):
    make_mediator(cast.erz, confirmed_on=None, active=False)
    assert cast.client("carla").get(URL).context["rows"] == []


def test_only_pool_roles_see_the_upkeep(cast):
    for name in ["carla", "dieter", "olga", "ada", "otto"]:
        assert cast.client(name).get(URL).status_code == 200, name
    for name in ["gina", "gustav", "anton", "stella"]:
        assert cast.client(name).get(URL).status_code == 403, name
