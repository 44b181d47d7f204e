"""Counting residents and entering social care staff on an accommodation."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from housing.models import Accommodation, Kind, Occupancy, Staffing

NOW = "2026-06-10 09:00 +02:00"


@pytest.fixture
def niesky(cast) -> Accommodation:
    return Accommodation.objects.create(
        office=cast.erz, name="GU Niesky", kind=Kind.SHARED, address="x", capacity=100
    )


def count(client, accommodation, on="2026-06-10", residents="90"):
    return client.post(
        f"/accommodation/{accommodation.pk}/occupancy/",
        {"occupancy-on": on, "occupancy-residents": residents},
        follow=True,
    )


def staff(client, accommodation, on="2026-06-10", fte="1.5"):
    return client.post(
        f"/accommodation/{accommodation.pk}/staffing/",
        {"staffing-on": on, "staffing-fte": fte},
        follow=True,
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@time_machine.travel(NOW)
def test_a_count_is_saved_with_who_recorded_it(cast, niesky):
    response = count(cast.client("olga"), niesky)

    entry = Occupancy.objects.get()
    assert (entry.on, entry.residents, entry.recorded_by) == (
        datetime.date(2026, 6, 10),
        90,
        cast.olga,
    )
    assert response.redirect_chain[-1][0].endswith(f"/{niesky.pk}/#entries")


@time_machine.travel(NOW)
def test_occupancy_above_capacity_is_saved_but_flagged(cast, niesky):
    response = count(cast.client("olga"), niesky, residents="112")

    assert Occupancy.objects.get().residents == 112
    assert messages_of(response) == [
        "Saved; 112 residents for 100 places: the accommodation is over capacity."
    ]
    assert "over capacity" in response.content.decode().split("</h1>", 1)[1]


@time_machine.travel(NOW)
def test_a_second_count_of_the_same_day_replaces_the_first(cast, niesky):
    client = cast.client("olga")
    count(client, niesky, residents="90")

    response = count(client, niesky, residents="92")

    assert list(Occupancy.objects.values_list("residents", flat=True)) == [92]
    assert "It replaces the count of the same day (90)." in messages_of(response)[0]


@time_machine.travel(NOW)
@pytest.mark.parametrize("on", ["2026-06-11", "2031-01-01"])
def test_a_count_in_the_future_is_refused(cast, niesky, on):
    response = count(cast.client("olga"), niesky, on=on)

    assert response.status_code == 200
    assert response.context["occupancy_form"].errors["on"] == [
        "The day lies in the future. Enter a day up to today."
    ]
    assert not Occupancy.objects.exists()


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    "on, residents",
    [("", "10"), ("1999-12-31", "10"), ("2026-06-01", "-1"), ("2026-06-01", "")],
)
def test_bad_counts_are_refused_with_a_message(cast, niesky, on, residents):
    response = count(cast.client("olga"), niesky, on=on, residents=residents)

    assert response.status_code == 200
    assert response.context["occupancy_form"].errors
    assert not Occupancy.objects.exists()


@time_machine.travel(NOW)
def test_staffing_is_saved_and_zero_staff_is_flagged(cast, niesky):
    client = cast.client("dieter")
    count(client, niesky, on="2026-06-01", residents="40")

    fine = staff(client, niesky, on="2026-06-01", fte="0.5")
    none = staff(client, niesky, on="2026-06-10", fte="0")

    assert list(Staffing.objects.order_by("on").values_list("fte", flat=True)) == [
        Decimal("0.50"),
        Decimal("0.00"),
    ]
    assert "Without social care staff" not in messages_of(fine)[0]
    assert (
        "Without social care staff the care ratio alert is raised."
        in (messages_of(none)[0])
    )
    assert "Care ratio alert: no social care staff recorded" in (none.content.decode())


@time_machine.travel(NOW)
@pytest.mark.parametrize("fte", ["-1", "abc", "1000", "0.001"])
def test_bad_staffing_is_refused(cast, niesky, fte):
    response = staff(cast.client("olga"), niesky, fte=fte)

    assert response.status_code == 200
    assert response.context["staffing_form"].errors["fte"]
    assert not Staffing.objects.exists()


@time_machine.travel(NOW)
def test_staffing_in_the_future_is_refused(cast, niesky):
    response = staff(cast.client("olga"), niesky, on="2026-07-01")

    assert response.context["staffing_form"].errors["on"]
    assert not Staffing.objects.exists()


@time_machine.travel(NOW)
def test_guides_may_not_enter_and_other_offices_find_nothing(cast, niesky):
    assert count(cast.client("gina"), niesky).status_code == 403
    assert staff(cast.client("gina"), niesky).status_code == 403
    assert count(cast.client("otto"), niesky).status_code == 404
    assert not Occupancy.objects.exists() and not Staffing.objects.exists()


@time_machine.travel(NOW)
def test_entries_are_posted_only(cast, niesky):
    response = cast.client("olga").get(f"/accommodation/{niesky.pk}/occupancy/")

    assert response.status_code == 405
