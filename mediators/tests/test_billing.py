"""Billing of one assignment, checked against figures computed by hand.

No database: the rate, the request and the assignment live in memory.
"""

import datetime
from decimal import Decimal

from mediators.billing import cents, duration, price, round_up
from mediators.models import Assignment, AssignmentStatus, Rate, Request

BERLIN = datetime.timezone(datetime.timedelta(hours=2))
START = datetime.datetime(2026, 5, 12, 10, 0, tzinfo=BERLIN)


def rate(**figures) -> Rate:
    """15 EUR an hour per started half hour, 0.30 EUR per km, travel paid up
    to an hour, under 24 h notice pays up to two hours."""
    defaults = {
        "valid_from": datetime.date(2026, 1, 1),
        "hourly": Decimal("15.00"),
        "unit_minutes": 30,
        "per_km": Decimal("0.30"),
        "travel_minutes_cap": 60,
        "late_cancel_hours": 24,
        "late_cancel_minutes": 120,
    }
    return Rate(**(defaults | figures))


def assignment(minutes: int = 180, **fields) -> Assignment:
    request = Request(language="prs", starts_at=START, minutes=minutes)
    defaults = {"status": AssignmentStatus.DONE}
    return Assignment(
        request=request,
        starts_at=START,
        ends_at=START + datetime.timedelta(minutes=minutes),
        **(defaults | fields),
    )


def cancelled(hours_ahead: float, by_office: bool = True, **fields) -> Assignment:
    return assignment(
        status=AssignmentStatus.CANCELLED,
        cancelled_at=START - datetime.timedelta(hours=hours_ahead),
        cancelled_by_office=by_office,
        **fields,
    )


def test_work_is_billed_per_started_half_hour_and_km_added():
    # 1 h 20 min → 1.5 h × 15 € = 22.50 €; 24 km × 0.30 € = 7.20 €.
    line = price(assignment(worked_minutes=80, km=Decimal("24")), rate())
    assert line.work_minutes == 90
    assert line.fee == Decimal("22.50")
    assert line.travel_cost == Decimal("7.20")
    assert line.total == Decimal("29.70")
    assert line.paid
    assert line.day == datetime.date(2026, 5, 12)
    assert line.language == "prs"
    assert line.rate_from == datetime.date(2026, 1, 1)
    assert "billed per started 30 min: 1 h 30 min" in line.why


def test_unit_of_one_minute_bills_exactly_pro_rata():
    # 80 min at 15 €/h = 20.00 €, nothing rounded up.
    line = price(assignment(worked_minutes=80), rate(unit_minutes=1))
    assert line.work_minutes == 80
    assert line.fee == Decimal("20.00")


def test_a_full_unit_is_not_rounded_further():
    line = price(assignment(worked_minutes=60), rate())
    assert line.work_minutes == 60
    assert line.fee == Decimal("15.00")


def test_half_a_cent_rounds_up_for_the_fee():
    # 1 min at 0.30 €/h = 0.005 € → 0.01 €.
    line = price(
        assignment(worked_minutes=1), rate(hourly=Decimal("0.30"), unit_minutes=1)
    )
    assert line.fee == Decimal("0.01")


def test_half_a_cent_rounds_up_for_the_travel_cost():
    # 1.5 km × 0.51 € = 0.765 € → 0.77 € (half up, not half even: 0.76).
    line = price(
        assignment(worked_minutes=60, km=Decimal("1.5")), rate(per_km=Decimal("0.51"))
    )
    assert line.travel_cost == Decimal("0.77")


def test_fee_and_travel_cost_are_rounded_separately():
    # Fee 1 min at 0.30 €/h = 0.005 → 0.01; km 0.5 × 0.01 = 0.005 → 0.01.
    # Rounded together (0.010) the total would also be 0.01; per line it is 0.02.
    line = price(
        assignment(worked_minutes=1, km=Decimal("0.5")),
        rate(hourly=Decimal("0.30"), unit_minutes=1, per_km=Decimal("0.01")),
    )
    assert (line.fee, line.travel_cost, line.total) == (
        Decimal("0.01"),
        Decimal("0.01"),
        Decimal("0.02"),
    )


def test_travel_time_is_paid_up_to_the_cap():
    # 90 min work + 60 of 75 min travel = 150 min × 15 €/h = 37.50 €.
    line = price(assignment(worked_minutes=90, travel_minutes=75), rate())
    assert line.travel_minutes == 60
    assert line.minutes == 150
    assert line.fee == Decimal("37.50")
    assert "Travel 1 h 15 min, paid up to 1 h." in line.why


def test_travel_under_the_cap_is_paid_in_full_and_not_rounded_to_the_unit():
    # 60 min work + 25 min travel = 85 min × 15 €/h = 21.25 €.
    line = price(assignment(worked_minutes=60, travel_minutes=25), rate())
    assert line.travel_minutes == 25
    assert line.fee == Decimal("21.25")


def test_a_cap_of_zero_pays_no_travel_time():
    line = price(
        assignment(worked_minutes=60, travel_minutes=40), rate(travel_minutes_cap=0)
    )
    assert line.travel_minutes == 0
    assert line.fee == Decimal("15.00")
    assert "Travel time is not paid" in line.why


def test_unrecorded_minutes_count_as_planned_and_say_so():
    line = price(assignment(minutes=45, worked_minutes=None), rate())
    assert line.work_minutes == 60
    assert line.fee == Decimal("15.00")
    assert "not recorded" in line.why


def test_late_cancellation_by_the_office_pays_up_to_two_hours():
    # Planned 3 h, cancelled 5 h ahead: 2 h × 15 € = 30.00 €.
    line = price(cancelled(5), rate())
    assert line.paid
    assert line.work_minutes == 120
    assert line.fee == Decimal("30.00")
    assert line.why == "Cancelled 5 h ahead: under 24 h, 2 h paid."


def test_late_cancellation_pays_at_most_the_planned_time_rounded_up():
    # Planned 45 min → 1 h at the half-hour unit: 15.00 €.
    line = price(cancelled(2, minutes=45), rate())
    assert line.work_minutes == 60
    assert line.fee == Decimal("15.00")


def test_late_cancellation_adds_recorded_travel_and_km():
    # 2 h + 30 min travel = 150 min × 15 €/h = 37.50 €; 10 km × 0.30 = 3.00 €.
    line = price(cancelled(1, travel_minutes=30, km=Decimal("10")), rate())
    assert line.fee == Decimal("37.50")
    assert line.travel_cost == Decimal("3.00")
    assert line.total == Decimal("40.50")


def test_early_cancellation_pays_nothing():
    line = price(cancelled(30), rate())
    assert not line.paid
    assert line.total == Decimal("0")
    assert line.why == "Cancelled 30 h ahead: 24 h notice or more, nothing paid."


def test_cancellation_exactly_at_the_notice_period_is_early():
    line = price(cancelled(24), rate())
    assert not line.paid


def test_cancellation_by_the_mediator_pays_nothing_even_when_late():
    line = price(cancelled(1, by_office=False, travel_minutes=30), rate())
    assert not line.paid
    assert line.total == Decimal("0")
    assert "by the mediator" in line.why


def test_an_assignment_not_done_is_not_paid():
    line = price(assignment(status=AssignmentStatus.ACCEPTED), rate())
    assert not line.paid


def test_without_a_rate_nothing_is_priced():
    line = price(assignment(worked_minutes=60), None)
    assert not line.paid
    assert line.rate is None
    assert line.fee == Decimal("0")


def test_helpers_round_and_describe():
    assert round_up(61, 30) == 90
    assert round_up(60, 30) == 60
    assert round_up(0, 30) == 0
    assert cents(Decimal("2.345")) == Decimal("2.35")
    assert cents(Decimal("2.3449")) == Decimal("2.34")
    assert duration(45) == "45 min"
    assert duration(120) == "2 h"
    assert duration(90) == "1 h 30 min"
