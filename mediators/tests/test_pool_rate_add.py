"""A new rate for a scheme: from the 1st straight away, mid-month only
after a warning is confirmed; never twice on one day, never negative."""

import datetime
from decimal import Decimal

from django.urls import reverse

from mediators.models import Rate

from .factories import make_scheme


def url(scheme) -> str:
    return reverse("mediators:rate_add", args=[scheme.pk])


def rate_data(**extra) -> dict:
    data = {
        "valid_from": "2026-07-01",
        "hourly": "17.50",
        "unit_minutes": "30",
        "per_km": "0.35",
        "travel_minutes_cap": "60",
        "late_cancel_hours": "24",
        "late_cancel_minutes": "120",
    }
    return data | extra


def test_rate_from_the_first_of_a_month_is_added(cast):
    scheme = make_scheme(cast.erz)
    response = cast.client("olga").post(url(scheme), rate_data())
    assert response["Location"] == reverse("mediators:rate_detail", args=[scheme.pk])
    assert scheme.rate_on(datetime.date(2026, 6, 30)).hourly == Decimal("15.00")
    assert scheme.rate_on(datetime.date(2026, 7, 1)).hourly == Decimal("17.50")


def test_form_starts_with_the_latest_figures(cast):
    scheme = make_scheme(cast.erz, hourly=Decimal("16.00"), travel_minutes_cap=45)
    form = cast.client("olga").get(url(scheme)).context["form"]
    assert form.initial["hourly"] == Decimal("16.00")
    assert form.initial["travel_minutes_cap"] == 45
    assert "valid_from" not in form.initial


def test_mid_month_rate_shows_a_warning_and_is_not_saved_unconfirmed(cast):
    scheme = make_scheme(cast.erz)
    response = cast.client("olga").post(url(scheme), rate_data(valid_from="2026-07-15"))
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "The new rate starts in the middle of a month: assignments before "
        "07/15/2026 keep the old rate, the month&#x27;s statement shows both."
    ) in html
    assert 'name="confirm_mid_month"' in html
    assert response.context["form"].errors["confirm_mid_month"]
    assert scheme.rates.count() == 1


def test_mid_month_rate_is_saved_once_confirmed(cast):
    scheme = make_scheme(cast.erz)
    data = rate_data(valid_from="2026-07-15", confirm_mid_month="on")
    response = cast.client("olga").post(url(scheme), data)
    assert response.status_code == 302
    assert scheme.rate_on(datetime.date(2026, 7, 14)).hourly == Decimal("15.00")
    assert scheme.rate_on(datetime.date(2026, 7, 15)).hourly == Decimal("17.50")


def test_mid_month_before_every_rate_needs_no_confirmation(cast):
    scheme = make_scheme(cast.erz, valid_from=datetime.date(2026, 1, 1))
    response = cast.client("olga").post(url(scheme), rate_data(valid_from="2025-12-15"))
    assert response.status_code == 302
    assert scheme.rates.count() == 2


def test_second_rate_on_the_same_day_is_a_form_error(cast):
    scheme = make_scheme(cast.erz, valid_from=datetime.date(2026, 1, 1))
    response = cast.client("olga").post(url(scheme), rate_data(valid_from="2026-01-01"))
    assert response.context["form"].errors["valid_from"] == [
        "The scheme already has a rate from this day."
    ]
    assert scheme.rates.get().hourly == Decimal("15.00")


def test_same_day_in_another_scheme_is_fine(cast):
    make_scheme(cast.erz, "A", valid_from=datetime.date(2026, 7, 1))
    other = make_scheme(cast.erz, "B", valid_from=datetime.date(2026, 1, 1))
    assert cast.client("olga").post(url(other), rate_data()).status_code == 302


def test_negative_amounts_are_form_errors(cast):
    scheme = make_scheme(cast.erz)
    data = rate_data(hourly="-1", per_km="-0.10", late_cancel_minutes="-5")
    response = cast.client("olga").post(url(scheme), data)
    errors = response.context["form"].errors
    assert set(errors) == {"hourly", "per_km", "late_cancel_minutes"}
    assert scheme.rates.count() == 1


def test_implausible_day_is_a_form_error_not_a_crash(cast):
    scheme = make_scheme(cast.erz)
    for day in ["0001-01-02", "2026-02-30", "soon"]:
        response = cast.client("olga").post(url(scheme), rate_data(valid_from=day))
        assert response.status_code == 200
        assert response.context["form"].errors["valid_from"], day
    assert Rate.objects.count() == 1


def test_another_offices_scheme_is_404(cast):
    foreign = make_scheme(cast.gr)
    assert cast.client("carla").post(url(foreign), rate_data()).status_code == 404
    assert foreign.rates.count() == 1


def test_guide_cannot_add_a_rate(cast):
    scheme = make_scheme(cast.erz)
    assert cast.client("gina").post(url(scheme), rate_data()).status_code == 403
    assert scheme.rates.count() == 1
