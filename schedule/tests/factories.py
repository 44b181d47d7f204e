"""Building blocks for schedule tests (the cast comes from conftest.py)."""

import datetime

from accounts.models import Office, Site, User
from schedule.models import Frequency, HoursBudget, HoursRule, Room


def next_weekday(weekday: int, after: datetime.date | None = None) -> datetime.date:
    """The first such weekday after the given day (today by default)."""
    day = (after or datetime.date.today()) + datetime.timedelta(days=1)
    while day.weekday() != weekday:
        day += datetime.timedelta(days=1)
    return day


def make_site(office: Office, name: str = "Stollberg") -> Site:
    site, _ = Site.objects.get_or_create(
        office=office,
        name=name,
        defaults={"address": "Uhlmannstraße 1–3\n09366 Stollberg"},
    )
    return site


def make_room(site: Site, name: str = "Raum 1.12") -> Room:
    return Room.objects.create(site=site, name=name, step_free=True)


def make_rule(
    staff: User,
    site: Site | None = None,
    *,
    weekday: int = 1,
    start: str = "14:00",
    end: str = "17:00",
    **fields,
) -> HoursRule:
    """Weekly hours (Tuesday 14–17 by default) from today on, saved unchecked."""
    office = staff.office
    assert office is not None
    fields.setdefault("frequency", Frequency.WEEKLY)
    fields.setdefault("starts_on", datetime.date.today())
    return HoursRule.objects.create(
        office=office,
        site=site or make_site(office),
        staff=staff,
        weekday=weekday,
        start_time=datetime.time.fromisoformat(start),
        end_time=datetime.time.fromisoformat(end),
        **fields,
    )


def make_budget(office: Office, hours: int, *members: User) -> HoursBudget:
    budget = HoursBudget.objects.create(
        office=office,
        name="Ehrenamtliche Sprechzeiten",
        hours_per_month=hours,
        valid_from=datetime.date(2020, 1, 1),
    )
    budget.members.set(members)
    return budget
