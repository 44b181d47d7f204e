"""Managers keep consultation-hours rules through the staff pages."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Site
from schedule.actions import Booker, book
from schedule.models import AppointmentStatus, HoursRule
from schedule.sessions import session_of

from .factories import make_budget, make_room, make_rule, make_site

NOW = "2026-11-02 09:00 +01:00"  # a Monday
NEW_RULE = "/hours/rules/new/"


def rule_data(site: Site, staff, **changes) -> dict:
    data = {
        "site": site.pk,
        "room": "",
        "staff": staff.pk,
        "frequency": "weekly",
        "weekday": "1",
        "week_of_month": "",
        "interval": "1",
        "starts_on": "2026-11-02",
        "ends_on": "",
        "start_time": "14:00",
        "end_time": "17:00",
        "slot_minutes": "30",
        "bookable": "on",
        "note": "",
    }
    data.update(changes)
    return data


def annaberg(cast) -> Site:
    return Site.objects.get(office=cast.erz, name="Annaberg-Buchholz")


@time_machine.travel(NOW)
def test_manager_creates_monthly_hours_and_the_overview_shows_them_in_words(cast):
    carla = cast.client("carla")
    data = rule_data(annaberg(cast), cast.gina, frequency="monthly", week_of_month="2")
    response = carla.post(NEW_RULE, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    rule = HoursRule.objects.get()
    assert (rule.office, rule.staff, rule.week_of_month) == (cast.erz, cast.gina, 2)

    page = carla.get("/hours/").content.decode()
    assert "every second Tuesday of the month, 14:00–17:00" in page
    assert "Gina Test" in page
    for day in ("2026-11-10", "2026-12-08", "2027-01-12"):
        assert f"/hours/sessions/{rule.pk}/{day}/" in page
    assert f"/hours/rules/{rule.pk}/" in page


@time_machine.travel(NOW)
def test_overlapping_hours_are_refused_with_the_day_and_nothing_is_saved(cast):
    make_rule(
        cast.carla, annaberg(cast), weekday=1, starts_on=datetime.date(2026, 11, 2)
    )
    data = rule_data(
        make_site(cast.erz, "Aue"),
        cast.carla,
        frequency="monthly",
        week_of_month="-1",
        start_time="16:00",
        end_time="18:00",
    )
    response = cast.client("carla").post(NEW_RULE, data)
    assert response.status_code == 200
    assert "On 24.11.2026 this overlaps with other hours" in response.content.decode()
    assert HoursRule.objects.count() == 1


@time_machine.travel(NOW)
def test_hours_that_never_take_place_are_refused(cast):
    # Once, on Christmas Day.
    data = rule_data(
        annaberg(cast), cast.carla, frequency="once", weekday="", starts_on="2026-12-25"
    )
    response = cast.client("carla").post(NEW_RULE, data)
    assert response.status_code == 200
    assert "These hours would never take place" in response.content.decode()
    assert not HoursRule.objects.exists()


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    "changes, message",
    [
        (
            {"start_time": "17:00", "end_time": "14:00"},
            "The end must be after the beginning.",
        ),
        (
            {"starts_on": "2026-12-01", "ends_on": "2026-11-20"},
            "The last day must not be before the first day.",
        ),
        ({"weekday": ""}, "Choose the weekday."),
        ({"frequency": "monthly"}, "Choose which one in the month."),
        ({"interval": "0"}, "greater than or equal to 1"),
        ({"starts_on": "9999-12-01"}, "within the next ten years"),
        ({"start_time": ""}, "This field is required."),
    ],
)
def test_invalid_hours_are_refused_with_a_message(cast, changes, message):
    data = rule_data(annaberg(cast), cast.carla, **changes)
    response = cast.client("carla").post(NEW_RULE, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not HoursRule.objects.exists()


@time_machine.travel(NOW)
def test_a_room_of_another_site_is_refused(cast):
    room = make_room(make_site(cast.erz, "Aue"))
    data = rule_data(annaberg(cast), cast.carla, room=room.pk)
    response = cast.client("carla").post(NEW_RULE, data)
    assert (
        "The room Raum 1.12 is not at Annaberg-Buchholz." in response.content.decode()
    )
    assert not HoursRule.objects.exists()


@time_machine.travel(NOW)
def test_budget_warning_saves_nothing_until_confirmed(cast):
    make_budget(cast.erz, 10, cast.carla, cast.dieter)
    carla = cast.client("carla")
    data = rule_data(annaberg(cast), cast.carla)

    warned = carla.post(NEW_RULE, data)
    assert warned.status_code == 200
    page = warned.content.decode()
    # Four Tuesdays of three hours in November 2026.
    assert (
        "Ehrenamtliche Sprechzeiten: 12.0 h planned of 10.0 h in November 2026" in page
    )
    assert 'name="confirm_over_budget"' in page
    assert "Save anyway" in page
    assert not HoursRule.objects.exists()

    saved = carla.post(NEW_RULE, {**data, "confirm_over_budget": "1"})
    assert saved.status_code == 302
    assert HoursRule.objects.filter(staff=cast.carla).count() == 1


@time_machine.travel(NOW)
def test_hours_within_the_budget_save_without_a_warning(cast):
    make_budget(cast.erz, 24, cast.carla)
    response = cast.client("carla").post(
        NEW_RULE, rule_data(annaberg(cast), cast.carla)
    )
    assert response.status_code == 302
    assert HoursRule.objects.count() == 1


@time_machine.travel(NOW)
def test_editing_keeps_the_history(cast):
    rule = make_rule(cast.carla, annaberg(cast), starts_on=datetime.date(2026, 11, 2))
    before = rule.history.count()
    data = rule_data(annaberg(cast), cast.carla, start_time="09:00", end_time="12:00")
    response = cast.client("dieter").post(f"/hours/rules/{rule.pk}/", data)
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.start_time == datetime.time(9)
    assert rule.history.count() == before + 1
    assert rule.history.first().history_user == cast.dieter


@time_machine.travel(NOW)
def test_ending_hours_keeps_later_appointments_and_lists_them(cast):
    rule = make_rule(cast.carla, annaberg(cast), starts_on=datetime.date(2026, 11, 2))
    session = session_of(rule, datetime.date(2026, 11, 24))
    assert session is not None
    appointment, _ = book(
        session, "2026-11-24T14:00", Booker(name="Olena Kovalenko"), source="portal"
    )
    carla = cast.client("carla")
    assert carla.get(f"/hours/rules/{rule.pk}/end/").status_code == 200

    response = carla.post(f"/hours/rules/{rule.pk}/end/", {"last_day": "2026-11-17"})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.ends_on == datetime.date(2026, 11, 17)
    assert HoursRule.objects.filter(pk=rule.pk).exists()
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED

    page = carla.get(response["Location"]).content.decode()
    assert "1 appointment is booked after the last day" in page
    assert "Olena Kovalenko" in page
    assert f"/hours/appointments/{appointment.pk}/" in page


@time_machine.travel(NOW)
def test_ending_hours_without_later_appointments_goes_back_to_the_overview(cast):
    rule = make_rule(cast.carla, annaberg(cast), starts_on=datetime.date(2026, 11, 2))
    response = cast.client("carla").post(
        f"/hours/rules/{rule.pk}/end/", {"last_day": "2026-11-30"}
    )
    assert response["Location"] == reverse("schedule:hours_overview")


@time_machine.travel(NOW)
def test_a_last_day_in_the_past_is_refused(cast):
    rule = make_rule(cast.carla, annaberg(cast), starts_on=datetime.date(2026, 10, 1))
    response = cast.client("carla").post(
        f"/hours/rules/{rule.pk}/end/", {"last_day": "2026-11-01"}
    )
    assert response.status_code == 200
    assert "The last day must not be in the past." in response.content.decode()
    rule.refresh_from_db()
    assert rule.ends_on is None


@time_machine.travel(NOW)
@pytest.mark.parametrize("name", ["gina", "anton"])
def test_guides_and_analysts_cannot_create_hours(cast, name):
    client = cast.client(name)
    assert client.get(NEW_RULE).status_code == 403
    response = client.post(NEW_RULE, rule_data(annaberg(cast), cast.gina))
    assert response.status_code == 403
    assert not HoursRule.objects.exists()


@time_machine.travel(NOW)
def test_a_guide_reads_the_overview_without_edit_links(cast):
    rule = make_rule(cast.gina, annaberg(cast), starts_on=datetime.date(2026, 11, 2))
    response = cast.client("gina").get("/hours/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "every Tuesday, 14:00–17:00" in page
    assert f"/hours/sessions/{rule.pk}/2026-11-03/" in page
    for link in (
        NEW_RULE,
        f"/hours/rules/{rule.pk}/",
        "/hours/sites/",
        "/hours/cancellations/new/",
        "/hours/budget/",
    ):
        assert link not in page
    assert cast.client("anton").get("/hours/").status_code == 403


@time_machine.travel(NOW)
def test_another_offices_hours_are_not_found(cast):
    rule = make_rule(cast.carla, annaberg(cast), starts_on=datetime.date(2026, 11, 2))
    otto = cast.client("otto")
    assert otto.get(f"/hours/rules/{rule.pk}/").status_code == 404
    assert otto.get(f"/hours/rules/{rule.pk}/end/").status_code == 404
    response = otto.post(f"/hours/rules/{rule.pk}/end/", {"last_day": "2026-11-30"})
    assert response.status_code == 404
    rule.refresh_from_db()
    assert rule.ends_on is None
    # Otto's own overview does not show carla's hours.
    assert "14:00–17:00" not in otto.get("/hours/").content.decode()


@time_machine.travel(NOW)
def test_staff_choices_are_the_offices_hours_keepers(cast):
    page = cast.client("carla").get(NEW_RULE).content.decode()
    for name in ("Carla Test", "Dieter Test", "Gina Test", "Gustav Test"):
        assert name in page
    for name in ("Olga Test", "Anton Test", "Otto Test"):
        assert name not in page


@time_machine.travel(NOW)
def test_the_overview_needs_no_query_per_rule(cast):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert carla.get("/hours/").status_code == 200
        return len(queries)

    carla = cast.client("carla")
    make_rule(cast.carla, annaberg(cast), starts_on=datetime.date(2026, 11, 2))
    one_rule = count_queries()
    for weekday in range(5):
        site = make_site(cast.erz, f"Site {weekday}")
        make_room(site)
        make_rule(
            cast.dieter, site, weekday=weekday, starts_on=datetime.date(2026, 11, 2)
        )
    assert count_queries() == one_rule
