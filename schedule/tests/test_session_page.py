"""The session page: the slots of one day's hours, with names only for
those who may see them."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from schedule.actions import Booker, book
from schedule.models import Cancellation
from schedule.sessions import session_of

from .factories import make_room, make_rule, make_site

NOW = "2026-12-01 09:00 +01:00"
TUESDAY = datetime.date(2026, 12, 8)


@pytest.fixture
def rule(cast):
    """Carla on Tuesdays 14–17 in Stollberg, half-hour appointments."""
    site = make_site(cast.erz, "Stollberg")
    return make_rule(
        cast.carla,
        site,
        room=make_room(site),
        weekday=1,
        starts_on=datetime.date(2026, 11, 1),
    )


def url(rule, day=TUESDAY) -> str:
    return reverse("schedule:session", args=[rule.pk, day.isoformat()])


def book_portal(rule, key="2026-12-08T14:30", name="Olena Kovalenko"):
    session = session_of(rule, TUESDAY)
    assert session is not None
    return book(session, key, Booker(name=name, language="ukr"), source="portal")[0]


@time_machine.travel(NOW)
def test_commissioner_sees_who_booked_a_slot(cast, rule):
    appointment = book_portal(rule)
    response = cast.client("carla").get(url(rule))
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["nav"] == "hours"
    assert "Olena Kovalenko" in html
    assert reverse("schedule:appointment_detail", args=[appointment.pk]) in html
    assert "Ukrainian" in html
    assert "Raum 1.12" in html


@time_machine.travel(NOW)
def test_guide_sees_only_that_a_foreign_slot_is_booked(cast, rule):
    appointment = book_portal(rule)
    response = cast.client("gustav").get(url(rule))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Olena Kovalenko" not in html
    assert reverse("schedule:appointment_detail", args=[appointment.pk]) not in html
    row = next(r for r in response.context["rows"] if r.slot.key.endswith("14:30"))
    assert row.slot.taken and row.appointment is None
    assert ">booked<" in html


@time_machine.travel(NOW)
def test_guide_sees_the_names_at_her_own_hours(cast):
    rule = make_rule(cast.gina, weekday=1, starts_on=datetime.date(2026, 11, 1))
    book_portal(rule, name="Amir Haidari")
    html = cast.client("gina").get(url(rule)).content.decode()
    assert "Amir Haidari" in html


@time_machine.travel("2026-12-08 15:10 +01:00")
def test_only_free_future_slots_can_be_booked_from_the_page(cast, rule):
    book_portal(rule, key="2026-12-08T16:00")
    html = cast.client("olga").get(url(rule)).content.decode()
    create = reverse("schedule:appointment_create")
    link = f"{create}?rule={rule.pk}&amp;day=2026-12-08&amp;slot=2026-12-08T"
    assert f"{link}15%3A30" in html
    assert f"{link}16%3A30" in html
    assert f"{link}14%3A00" not in html  # passed
    assert f"{link}15%3A00" not in html  # begun
    assert f"{link}16%3A00" not in html  # taken


@time_machine.travel(NOW)
def test_cancelled_hours_say_why_and_offer_no_slots(cast, rule):
    Cancellation.objects.create(
        office=cast.erz,
        staff=cast.carla,
        first_day=TUESDAY,
        last_day=TUESDAY,
        reason="illness",
        public_note="Bitte kommen Sie nach Aue.",
        created_by=cast.olga,
    )
    response = cast.client("olga").get(url(rule))
    html = response.content.decode()
    assert "Cancelled: Illness" in html
    assert "Bitte kommen Sie nach Aue." in html
    assert response.context["rows"] == []
    assert reverse("schedule:appointment_create") + "?rule" not in html


@time_machine.travel("2026-12-20 09:00 +01:00")
def test_public_holiday_is_named(cast):
    # 25.12.2026 is a Friday.
    rule = make_rule(cast.carla, weekday=4, starts_on=datetime.date(2026, 12, 1))
    html = cast.client("olga").get(url(rule, datetime.date(2026, 12, 25))).content
    assert "Public holiday (Erster Weihnachtstag)" in html.decode()


@time_machine.travel(NOW)
def test_a_day_without_these_hours_is_404(cast, rule):
    wednesday = reverse("schedule:session", args=[rule.pk, "2026-12-09"])
    nonsense = reverse("schedule:session", args=[rule.pk, "2026-13-45"])
    assert cast.client("carla").get(wednesday).status_code == 404
    assert cast.client("carla").get(nonsense).status_code == 404


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("carla", 200),
        ("dieter", 200),
        ("gina", 200),
        ("olga", 200),
        ("anton", 403),
        ("ada", 403),
        ("stella", 403),
        ("otto", 404),
    ],
)
def test_who_may_open_the_session_page(cast, rule, name, status):
    assert cast.client(name).get(url(rule)).status_code == status
