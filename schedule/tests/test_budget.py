"""The hours budget: planned and used hours per month, and its upkeep."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine

from accounts.models import Site
from cases.models import Activity
from cases.tests.factories import make_concern
from schedule.models import HoursBudget, OutreachEvent

from .factories import make_budget, make_rule

NOW = "2026-11-02 09:00 +01:00"  # a Monday
BERLIN = datetime.timezone(datetime.timedelta(hours=1))
ROW = re.compile(
    r'<th scope="row" class="kern-table__cell">([^<]*)</th>\s*'
    r"<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]*)</td>"
)


def rows(page: str) -> list[tuple[str, str, str]]:
    return ROW.findall(page)


def at(day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, hour, tzinfo=BERLIN)


def record_activity(cast, user, minutes: int, when: datetime.datetime) -> None:
    Activity.objects.create(
        concern=make_concern(cast.erz, cast.carla),
        kind="counselling",
        minutes=minutes,
        staff=user,
        occurred_at=when,
    )


@pytest.fixture
def november(cast):
    """Carla's Tuesdays (4 × 3 h), an outreach day of dieter (2 h) and
    recorded work of both (1.5 h and 0.5 h) in November 2026."""
    site = Site.objects.get(office=cast.erz, name="Annaberg-Buchholz")
    make_rule(cast.carla, site, weekday=1, starts_on=datetime.date(2026, 11, 2))
    event = OutreachEvent.objects.create(
        office=cast.erz,
        kind="day",
        title="Außensprechtag Schneeberg",
        starts_at=at(20, 10),
        ends_at=at(20, 12),
        place="Gemeinschaftsunterkunft Schneeberg",
        created_by=cast.carla,
    )
    event.staff.set([cast.dieter])
    record_activity(cast, cast.carla, 90, at(5, 10))
    record_activity(cast, cast.dieter, 30, at(6, 10))
    # October's work does not count for November.
    record_activity(
        cast, cast.carla, 600, datetime.datetime(2026, 10, 30, 10, tzinfo=BERLIN)
    )


@time_machine.travel(NOW)
def test_month_page_shows_planned_and_used_hours_per_member(cast, november):
    budget = make_budget(cast.erz, 24, cast.carla, cast.dieter)
    response = cast.client("carla").get("/hours/budget/?month=2026-11")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hours budget: November 2026" in page
    assert rows(page) == [
        ("Carla Test", "12.0", "1.5"),
        ("Dieter Test", "2.0", "0.5"),
        ("Total", "14.0", "2.0"),
    ]
    assert "14.0 of 24.0 h (58 %)" in page
    assert "2.0 of 24.0 h (8 %)" in page
    assert '<meter min="0" max="24.0" value="14.0"' in page
    assert "More hours are planned" not in page
    assert f"/hours/budget/{budget.pk}/" in page
    assert "?month=2026-10" in page
    assert "?month=2026-12" in page


@time_machine.travel(NOW)
def test_overrun_of_planned_and_used_hours_is_pointed_out(cast, november):
    make_budget(cast.erz, 10, cast.carla, cast.dieter)
    record_activity(cast, cast.carla, 11 * 60, at(12, 9))
    page = cast.client("anton").get("/hours/budget/?month=2026-11").content.decode()
    assert "More hours are planned than the budget allows: 14.0 h of 10.0 h." in page
    assert "More hours were used than the budget allows: 13.0 h of 10.0 h." in page


@time_machine.travel(NOW)
@pytest.mark.parametrize("month", ["garbage", "2026-13", "9999-12", "0001-01", "", "-"])
def test_a_bad_month_shows_this_month(cast, month):
    response = cast.client("carla").get("/hours/budget/", {"month": month})
    assert response.status_code == 200
    assert "Hours budget: November 2026" in response.content.decode()


@time_machine.travel(NOW)
def test_budgets_not_in_force_are_left_out_of_the_month(cast):
    budget = make_budget(cast.erz, 24, cast.carla)
    budget.valid_until = datetime.date(2026, 10, 31)
    budget.save()
    page = cast.client("carla").get("/hours/budget/").content.decode()
    assert "No hours budget is in force in this month." in page
    # Still reachable for editing.
    assert f"/hours/budget/{budget.pk}/" in page


@time_machine.travel(NOW)
def test_who_sees_the_budget_and_who_edits_it(cast):
    budget = make_budget(cast.erz, 24, cast.carla)
    anton = cast.client("anton")
    page = anton.get("/hours/budget/").content.decode()
    assert "Ehrenamtliche Sprechzeiten" in page
    assert "/hours/budget/new/" not in page
    assert f"/hours/budget/{budget.pk}/" not in page
    assert anton.get("/hours/budget/new/").status_code == 403
    assert anton.get(f"/hours/budget/{budget.pk}/").status_code == 403
    assert cast.client("gina").get("/hours/budget/").status_code == 403
    assert cast.client("stella").get("/hours/budget/").status_code == 403
    assert cast.client("otto").get(f"/hours/budget/{budget.pk}/").status_code == 404
    # Otto's own month knows nothing of erz's budget.
    otto_page = cast.client("otto").get("/hours/budget/").content.decode()
    assert "Ehrenamtliche Sprechzeiten" not in otto_page


def budget_data(cast, **changes) -> dict:
    data = {
        "name": "Ehrenamt",
        "hours_per_month": "24",
        "members": [cast.carla.pk, cast.dieter.pk],
        "valid_from": "2026-11-01",
        "valid_until": "",
    }
    data.update(changes)
    return data


@time_machine.travel(NOW)
def test_manager_creates_and_edits_a_budget(cast):
    olga = cast.client("olga")
    assert olga.post("/hours/budget/new/", budget_data(cast)).status_code == 302
    budget = HoursBudget.objects.get()
    assert budget.office == cast.erz
    assert budget.hours_per_month == Decimal("24")
    assert set(budget.members.all()) == {cast.carla, cast.dieter}

    edited = olga.post(
        f"/hours/budget/{budget.pk}/",
        budget_data(cast, hours_per_month="30.5", members=[cast.carla.pk]),
    )
    assert edited.status_code == 302
    budget.refresh_from_db()
    assert budget.hours_per_month == Decimal("30.5")
    assert list(budget.members.all()) == [cast.carla]


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    "changes, message",
    [
        ({"hours_per_month": "0"}, "A budget must be more than 0 hours."),
        ({"hours_per_month": "-5"}, "A budget must be more than 0 hours."),
        ({"hours_per_month": "lots"}, "Enter a number."),
        (
            {"valid_from": "2026-11-01", "valid_until": "2026-10-01"},
            "The end must not be before the beginning.",
        ),
    ],
)
def test_invalid_budgets_are_refused(cast, changes, message):
    response = cast.client("carla").post(
        "/hours/budget/new/", budget_data(cast, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not HoursBudget.objects.exists()


@time_machine.travel(NOW)
def test_members_are_staff_of_the_own_office_only(cast):
    page = cast.client("carla").get("/hours/budget/new/").content.decode()
    assert "Gina Test" in page
    assert "Otto Test" not in page
    response = cast.client("carla").post(
        "/hours/budget/new/", budget_data(cast, members=[cast.otto.pk])
    )
    assert response.status_code == 200
    assert not HoursBudget.objects.exists()
