"""Sessions come from the rules, minus public holidays and cancellations."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from schedule.models import Cancellation, Frequency, HoursRule, WeekOfMonth
from schedule.sessions import sessions

from .factories import make_room, make_rule, make_site


def days(rule: HoursRule, first: str, last: str) -> list[datetime.date]:
    found = sessions(
        [rule], datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
    )
    return [s.day for s in found if s.takes_place]


@time_machine.travel("2026-11-02 09:00 +01:00")
def test_every_second_tuesday_of_the_month(cast):
    rule = make_rule(
        cast.carla,
        frequency=Frequency.MONTHLY,
        week_of_month=WeekOfMonth.SECOND,
        weekday=1,
        starts_on=datetime.date(2026, 11, 1),
    )
    assert days(rule, "2026-11-01", "2027-01-31") == [
        datetime.date(2026, 11, 10),
        datetime.date(2026, 12, 8),
        datetime.date(2027, 1, 12),
    ]


def test_every_other_week_counts_from_the_first_day(cast):
    rule = make_rule(
        cast.carla, weekday=0, interval=2, starts_on=datetime.date(2026, 11, 2)
    )
    assert days(rule, "2026-11-01", "2026-11-30") == [
        datetime.date(2026, 11, 2),
        datetime.date(2026, 11, 16),
        datetime.date(2026, 11, 30),
    ]


def test_public_holidays_of_the_office_state_are_skipped(cast):
    # Buß- und Bettag (18.11.2026) is a holiday in Saxony only.
    rule = make_rule(cast.carla, weekday=2, starts_on=datetime.date(2026, 11, 1))
    found = sessions([rule], datetime.date(2026, 11, 18), datetime.date(2026, 11, 18))
    assert [(s.day, s.takes_place, s.holiday) for s in found] == [
        (datetime.date(2026, 11, 18), False, "Buß- und Bettag")
    ]
    cast.erz.federal_state = "MV"
    cast.erz.save()
    rule.refresh_from_db()
    assert days(rule, "2026-11-18", "2026-11-18") == [datetime.date(2026, 11, 18)]


def test_vacation_cancels_every_rule_of_that_person(cast):
    aue = make_rule(cast.carla, make_site(cast.erz, "Aue"), weekday=1)
    marienberg = make_rule(cast.carla, make_site(cast.erz, "Marienberg"), weekday=3)
    Cancellation.objects.create(
        office=cast.erz,
        staff=cast.carla,
        first_day=datetime.date(2026, 12, 7),
        last_day=datetime.date(2026, 12, 13),
        reason="vacation",
        created_by=cast.olga,
    )
    found = sessions(
        [aue, marienberg], datetime.date(2026, 12, 7), datetime.date(2026, 12, 20)
    )
    assert [(s.day.day, s.takes_place) for s in found] == [
        (8, False),
        (10, False),
        (15, True),
        (17, True),
    ]


@time_machine.travel("2026-11-02 09:00 +01:00")
def test_rule_that_never_takes_place_is_refused(cast):
    # Once, on Christmas Day: a public holiday.
    rule = HoursRule(
        office=cast.erz,
        site=make_site(cast.erz),
        staff=cast.carla,
        frequency=Frequency.ONCE,
        starts_on=datetime.date(2026, 12, 25),
        start_time=datetime.time(9),
        end_time=datetime.time(12),
    )
    with pytest.raises(ValidationError, match="never take place"):
        rule.full_clean()


@time_machine.travel("2026-11-02 09:00 +01:00")
def test_rules_of_one_person_may_not_overlap(cast):
    make_rule(cast.carla, weekday=1, start="14:00", end="17:00")
    monthly = HoursRule(
        office=cast.erz,
        site=make_site(cast.erz, "Aue"),
        staff=cast.carla,
        frequency=Frequency.MONTHLY,
        weekday=1,
        week_of_month=WeekOfMonth.LAST,
        starts_on=datetime.date(2026, 11, 1),
        start_time=datetime.time(16),
        end_time=datetime.time(18),
    )
    with pytest.raises(ValidationError, match="24.11.2026"):
        monthly.full_clean()
    monthly.start_time = datetime.time(17)
    monthly.full_clean()


@time_machine.travel("2026-11-02 09:00 +01:00")
def test_two_people_may_not_share_a_room_at_once(cast):
    site = make_site(cast.erz)
    room = make_room(site)
    make_rule(cast.carla, site, room=room, weekday=1)
    other = HoursRule(
        office=cast.erz,
        site=site,
        room=room,
        staff=cast.dieter,
        frequency=Frequency.WEEKLY,
        weekday=1,
        starts_on=datetime.date(2026, 11, 2),
        start_time=datetime.time(15),
        end_time=datetime.time(16),
    )
    with pytest.raises(ValidationError, match="overlaps"):
        other.full_clean()
