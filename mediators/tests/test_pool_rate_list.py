"""The office's rate schemes with the rate valid today."""

import datetime
from decimal import Decimal

import time_machine
from django.urls import reverse

from mediators.models import Rate

from .factories import make_scheme

URL = reverse("mediators:rate_list")


@time_machine.travel(datetime.date(2026, 3, 10), tick=False)
def test_list_shows_own_schemes_with_todays_rate(cast):
    scheme = make_scheme(cast.erz, "Honorarordnung")
    Rate.objects.create(
        scheme=scheme, valid_from=datetime.date(2026, 3, 1), hourly=Decimal("17.50")
    )
    Rate.objects.create(
        scheme=scheme, valid_from=datetime.date(2026, 7, 1), hourly=Decimal("19.00")
    )
    make_scheme(cast.gr, "Görlitzer Sätze")
    response = cast.client("olga").get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("mediators:rate_detail", args=[scheme.pk]) in html
    assert "17.50 €" in html
    assert "19.00" not in html
    assert "Görlitzer Sätze" not in html


def test_scheme_whose_rates_start_later_has_none_today(cast):
    make_scheme(cast.erz, valid_from=datetime.date(2099, 1, 1))
    html = cast.client("olga").get(URL).content.decode()
    assert "No rate valid today." in html


def test_only_pay_roles_see_rates(cast):
    for name in ["carla", "dieter", "olga", "ada", "otto"]:
        assert cast.client(name).get(URL).status_code == 200, name
    for name in ["gina", "gustav", "anton", "stella"]:
        assert cast.client(name).get(URL).status_code == 403, name
