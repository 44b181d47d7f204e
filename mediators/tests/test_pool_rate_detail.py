"""A rate scheme: its rates as a table of periods and who is paid by it."""

import datetime
from decimal import Decimal

import time_machine
from django.urls import reverse

from mediators.models import Rate

from .factories import make_mediator, make_scheme


def url(scheme) -> str:
    return reverse("mediators:rate_detail", args=[scheme.pk])


@time_machine.travel(datetime.date(2026, 3, 10), tick=False)
def test_rates_are_shown_as_periods_newest_first(cast):
    scheme = make_scheme(cast.erz, valid_from=datetime.date(2025, 1, 1))
    Rate.objects.create(
        scheme=scheme,
        valid_from=datetime.date(2026, 3, 16),
        hourly=Decimal("17.50"),
        late_cancel_hours=48,
    )
    make_mediator(cast.erz, scheme=scheme)
    response = cast.client("olga").get(url(scheme))
    html = response.content.decode()
    periods = [(r.valid_from, until) for r, until in response.context["periods"]]
    assert periods == [
        (datetime.date(2026, 3, 16), None),
        (datetime.date(2025, 1, 1), datetime.date(2026, 3, 15)),
    ]
    assert "from 03/16/2026" in html
    assert "01/01/2025 to 03/15/2026" in html
    assert "valid today" in html
    assert "coming" in html
    assert "17.50 €" in html
    assert "under 48 h notice: up to 120 min paid" in html
    assert "Farid Ahmadi" in html


def test_another_offices_scheme_is_404(cast):
    foreign = make_scheme(cast.gr)
    assert cast.client("carla").get(url(foreign)).status_code == 404


def test_guide_and_analyst_cannot_see_rates(cast):
    scheme = make_scheme(cast.erz)
    assert cast.client("gina").get(url(scheme)).status_code == 403
    assert cast.client("anton").get(url(scheme)).status_code == 403
