"""The care ratio from the two time series (seed 002: at most 1:80)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from housing.models import Accommodation, Kind, Occupancy, Settings, Staffing
from housing.ratio import (
    Ratio,
    max_residents_per_fte,
    ratio_on,
    ratio_series,
    step_chart,
)

JAN = datetime.date(2026, 1, 1)


def day(month: int, on: int = 1) -> datetime.date:
    return datetime.date(2026, month, on)


@pytest.fixture
def niesky(cast) -> Accommodation:
    return Accommodation.objects.create(
        office=cast.erz, name="GU Niesky", kind=Kind.SHARED, address="x", capacity=100
    )


def count(accommodation, on, residents, by):
    Occupancy.objects.create(
        accommodation=accommodation, on=on, residents=residents, recorded_by=by
    )


def staff(accommodation, on, fte, by):
    Staffing.objects.create(
        accommodation=accommodation, on=on, fte=Decimal(fte), recorded_by=by
    )


def test_95_residents_for_one_fte_raise_the_alert_at_80(cast, niesky):
    count(niesky, day(3), 95, cast.olga)
    staff(niesky, day(2), "1.0", cast.olga)

    ratio = ratio_on(niesky, day(3, 15))

    assert ratio.per_fte == Decimal("95.0")
    assert ratio.label == "1:95"
    assert ratio.alert
    assert not ratio.no_staff


def test_exactly_the_maximum_is_no_alert():
    assert not Ratio(JAN, 80, Decimal("1.00"), 80).alert
    assert Ratio(JAN, 81, Decimal("1.00"), 80).alert


def test_the_alert_compares_unrounded_and_the_label_has_one_decimal():
    # 165 / 2.06 = 80.097…: shown as 1:80.1, above 80.
    ratio = Ratio(JAN, 165, Decimal("2.06"), 80)
    assert ratio.per_fte == Decimal("80.1")
    with translation.override("en"):
        assert ratio.label == "1:80.1"
    with translation.override("de"):
        assert ratio.label == "1:80,1"
    assert ratio.alert
    # 160 / 2.0005 = 79.98…: shown as 1:80.0 (rounded), within the rule.
    assert not Ratio(JAN, 160, Decimal("2.0005"), 80).alert


def test_residents_with_zero_staff_alert_without_dividing(cast, niesky):
    count(niesky, day(1), 40, cast.olga)
    staff(niesky, day(1), "0", cast.olga)

    ratio = ratio_on(niesky, day(2))

    assert ratio.no_staff
    assert ratio.alert
    assert ratio.per_fte is None
    assert ratio.label == ""


def test_residents_with_no_staffing_recorded_alert(cast, niesky):
    count(niesky, day(1), 12, cast.olga)

    ratio = ratio_on(niesky, day(2))

    assert ratio.fte is None
    assert ratio.no_staff and ratio.alert


def test_no_data_is_no_ratio_and_no_alert(cast, niesky):
    ratio = ratio_on(niesky, day(2))

    assert not ratio.known
    assert ratio.per_fte is None
    assert not ratio.alert


def test_an_empty_accommodation_without_staff_is_no_alert():
    assert not Ratio(JAN, 0, Decimal(0), 80).alert
    assert not Ratio(JAN, 0, None, 80).alert


def test_entries_after_the_day_do_not_count(cast, niesky):
    count(niesky, day(1), 50, cast.olga)
    count(niesky, day(5), 120, cast.olga)
    staff(niesky, day(1), "1", cast.olga)

    assert ratio_on(niesky, day(4, 30)).residents == 50


def test_the_office_setting_decides_and_defaults_to_80(cast, niesky):
    assert max_residents_per_fte(cast.erz) == 80
    Settings.objects.filter(office=cast.erz).update(max_residents_per_fte=60)
    count(niesky, day(1), 70, cast.olga)
    staff(niesky, day(1), "1", cast.olga)

    assert ratio_on(niesky, day(2)).alert


def test_staffing_changing_mid_period_gives_a_point_per_change(
    cast, niesky, django_assert_num_queries
):
    count(niesky, datetime.date(2025, 11, 1), 90, cast.olga)
    staff(niesky, datetime.date(2025, 11, 1), "1.5", cast.olga)
    staff(niesky, day(3, 10), "0.5", cast.olga)  # a worker left
    count(niesky, day(4), 95, cast.olga)
    staff(niesky, day(5), "1.0", cast.olga)
    count(niesky, day(7), 10, cast.olga)  # after the period

    with django_assert_num_queries(2):
        series = ratio_series(niesky, day(1), day(6, 30), maximum=80)

    assert [(r.on, r.residents, r.fte, r.alert) for r in series] == [
        (day(1), 90, Decimal("1.50"), False),
        (day(3, 10), 90, Decimal("0.50"), True),
        (day(4), 95, Decimal("0.50"), True),
        (day(5), 95, Decimal("1.00"), True),
    ]
    assert [r.label for r in series] == ["1:60", "1:180", "1:190", "1:95"]


def test_a_series_without_data_has_one_unknown_point(cast, niesky):
    series = ratio_series(niesky, day(1), day(6, 30), maximum=80)

    assert len(series) == 1
    assert not series[0].known
    assert (
        step_chart([(r.on, r.residents) for r in series], day(1), day(6, 30), 100)
        is None
    )


def test_the_chart_breaks_its_line_where_the_ratio_is_unknown():
    chart = step_chart(
        [(day(1), Decimal(50)), (day(2), None), (day(3), Decimal(100))],
        day(1),
        day(4),
        reference=80,
    )

    assert chart is not None
    assert chart.path.count("M ") == 2
    assert chart.line_y is not None
    assert chart.top < chart.line_y < chart.plot_bottom
