"""A new rate scheme always comes with its first rate."""

import datetime
from decimal import Decimal

from django.urls import reverse

from mediators.models import Rate, RateScheme

from .factories import make_scheme

URL = reverse("mediators:rate_create")


def scheme_data(**extra) -> dict:
    data = {
        "name": "Honorarordnung 2026",
        "note": "Beschluss des Kreistags vom 12.12.2025",
        "rate-valid_from": "2026-01-01",
        "rate-hourly": "15.00",
        "rate-unit_minutes": "30",
        "rate-per_km": "0.30",
        "rate-travel_minutes_cap": "60",
        "rate-late_cancel_hours": "24",
        "rate-late_cancel_minutes": "120",
    }
    return data | extra


def test_create_stores_scheme_and_first_rate(cast):
    response = cast.client("olga").post(URL, scheme_data())
    scheme = RateScheme.objects.get()
    assert response["Location"] == reverse("mediators:rate_detail", args=[scheme.pk])
    assert scheme.office == cast.erz
    rate = scheme.rates.get()
    assert rate.valid_from == datetime.date(2026, 1, 1)
    assert rate.hourly == Decimal("15.00")
    assert rate.per_km == Decimal("0.30")


def test_first_rate_within_a_month_needs_no_confirmation(cast):
    response = cast.client("olga").post(
        URL, scheme_data(**{"rate-valid_from": "2026-01-15"})
    )
    assert response.status_code == 302
    assert RateScheme.objects.get().rates.get().valid_from.day == 15


def test_negative_amounts_are_refused_and_nothing_is_stored(cast):
    data = scheme_data(**{"rate-hourly": "-15.00", "rate-per_km": "-0.30"})
    response = cast.client("olga").post(URL, data)
    assert response.status_code == 200
    errors = response.context["rate_form"].errors
    assert errors["hourly"] == ["Ensure this value is greater than or equal to 0."]
    assert errors["per_km"]
    assert not RateScheme.objects.exists()
    assert not Rate.objects.exists()


def test_missing_name_stores_no_rate(cast):
    response = cast.client("olga").post(URL, scheme_data(name=""))
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not Rate.objects.exists()


def test_duplicate_name_is_a_form_error(cast):
    make_scheme(cast.erz, "Honorarordnung 2026")
    response = cast.client("olga").post(URL, scheme_data(name="honorarordnung 2026"))
    assert "already has a rate scheme with this name" in response.content.decode()
    assert RateScheme.objects.filter(office=cast.erz).count() == 1


def test_same_name_in_another_office_is_fine(cast):
    make_scheme(cast.gr, "Honorarordnung 2026")
    assert cast.client("olga").post(URL, scheme_data()).status_code == 302


def test_unit_beyond_an_hour_and_nonsense_are_refused(cast):
    data = scheme_data(**{"rate-unit_minutes": "90", "rate-hourly": "fifteen"})
    response = cast.client("olga").post(URL, data)
    errors = response.context["rate_form"].errors
    assert set(errors) == {"unit_minutes", "hourly"}
    assert not RateScheme.objects.exists()


def test_guide_cannot_create_a_scheme(cast):
    assert cast.client("gina").post(URL, scheme_data()).status_code == 403
    assert cast.client("anton").post(URL, scheme_data()).status_code == 403
    assert not RateScheme.objects.exists()
