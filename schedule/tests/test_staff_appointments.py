"""Staff book, list, cancel and close appointments."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from cases.tests.factories import make_person
from clients.models import PersonAccess, PersonLanguage
from schedule.actions import Booker, book
from schedule.models import Appointment, AppointmentStatus
from schedule.sessions import session_of

from .factories import make_rule, make_site

NOW = "2026-12-01 09:00 +01:00"
TUESDAY = datetime.date(2026, 12, 8)
CREATE = reverse("schedule:appointment_create")


@pytest.fixture
def rule(cast):
    """Carla on Tuesdays 14–17 in Stollberg, half-hour appointments."""
    return make_rule(
        cast.carla,
        make_site(cast.erz, "Stollberg"),
        weekday=1,
        starts_on=datetime.date(2026, 11, 1),
    )


@pytest.fixture
def person(cast):
    """Gina's client, who speaks Dari."""
    person = make_person(
        cast.erz, "Rahimi", "Farid", email="farid@example.org", phone="0151 123"
    )
    person.guides.add(cast.gina)
    PersonLanguage.objects.create(person=person, code="prs")
    return person


def booking_url(rule, person=None, day=TUESDAY, slot="") -> str:
    query = f"rule={rule.pk}&day={day.isoformat()}&slot={slot}"
    if person is not None:
        query = f"client={person.pk}&{query}"
    return f"{CREATE}?{query}"


def fields(**overrides) -> dict:
    data = {
        "slot": "2026-12-08T14:30",
        "language": "prs",
        "mediator_needed": "on",
        "subject": "Anerkennung des Abschlusses",
        "email": "farid@example.org",
        "phone": "",
        "portal_language": "fa",
    }
    data.update(overrides)
    return data


def book_portal(rule, key="2026-12-08T14:30", name="Olena Kovalenko"):
    session = session_of(rule, TUESDAY)
    assert session is not None
    return book(session, key, Booker(name=name), source="portal")[0]


def detail(appointment) -> str:
    return reverse("schedule:appointment_detail", args=[appointment.pk])


@time_machine.travel(NOW)
def test_first_step_offers_free_times_of_the_coming_weeks(cast, rule, person):
    book_portal(rule)
    response = cast.client("olga").get(f"{CREATE}?client={person.pk}")
    html = response.content.decode()
    assert response.status_code == 200
    link = f"client={person.pk}&amp;rule={rule.pk}&amp;day=2026-12-08&amp;slot="
    assert f"{link}2026-12-08T14%3A00" in html
    assert f"{link}2026-12-08T14%3A30" not in html
    # Four weeks ahead: 29.12. is offered, 05.01. is not.
    assert "day=2026-12-29" in html
    assert "day=2027-01-05" not in html


@time_machine.travel(NOW)
def test_second_step_fills_in_what_the_client_record_knows(cast, rule, person):
    response = cast.client("olga").get(
        booking_url(rule, person, slot="2026-12-08T15:00")
    )
    form = response.context["form"]
    assert "name" not in form.fields
    assert form["language"].value() == "prs"
    assert form["email"].value() == "farid@example.org"
    assert form["phone"].value() == "0151 123"
    assert form["slot"].value() == "2026-12-08T15:00"
    assert form["portal_language"].value() == "de"


@time_machine.travel(NOW)
def test_office_staff_book_for_a_guides_client(cast, rule, person):
    response = cast.client("olga").post(booking_url(rule, person), fields())
    appointment = Appointment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(appointment)
    assert appointment.client == person
    assert appointment.source == "staff"
    assert appointment.created_by == cast.olga
    assert appointment.staff == cast.carla
    assert appointment.starts_at == datetime.datetime(
        2026, 12, 8, 13, 30, tzinfo=datetime.UTC
    )
    assert (appointment.language, appointment.mediator_needed) == ("prs", True)
    assert appointment.portal_language == "fa"
    # On the session page and on the person's page, for the guide as well.
    session = reverse("schedule:session", args=[rule.pk, "2026-12-08"])
    assert "Rahimi, Farid" in cast.client("carla").get(session).content.decode()
    person_page = reverse("clients:person_detail", args=[person.pk])
    html = cast.client("gina").get(person_page).content.decode()
    assert detail(appointment) in html
    assert "Stollberg" in html
    assert f"{CREATE}?client={person.pk}" in html


@time_machine.travel(NOW)
def test_person_page_does_not_show_appointments_the_user_may_not_see(
    cast, rule, person
):
    appointment = book_portal(rule)
    appointment.client = person
    appointment.save()
    # Gustav may not open gina's client at all; dieter sees everything.
    person_page = reverse("clients:person_detail", args=[person.pk])
    assert (
        detail(appointment) in cast.client("dieter").get(person_page).content.decode()
    )
    assert cast.client("gustav").get(person_page).status_code == 403


@time_machine.travel(NOW)
def test_booking_reads_the_client_through_the_access_check(cast, rule, person):
    assert cast.client("gustav").get(booking_url(rule, person)).status_code == 403
    assert cast.client("otto").get(f"{CREATE}?client={person.pk}").status_code == 404
    assert cast.client("olga").get(f"{CREATE}?client=x").status_code == 404
    cast.client("olga").get(booking_url(rule, person))
    assert PersonAccess.objects.filter(user=cast.olga, person=person).exists()


@time_machine.travel(NOW)
def test_a_taken_slot_is_refused_with_a_message(cast, rule, person):
    book_portal(rule)
    response = cast.client("olga").post(booking_url(rule, person), fields())
    assert response.status_code == 200
    assert "Someone has just booked this time" in response.content.decode()
    assert Appointment.objects.count() == 1


@time_machine.travel("2026-12-08 14:40 +01:00")
def test_a_past_slot_is_refused_with_a_message(cast, rule, person):
    response = cast.client("olga").post(
        booking_url(rule, person), fields(slot="2026-12-08T14:00")
    )
    assert response.status_code == 200
    assert "This time has already passed" in response.content.decode()
    assert not Appointment.objects.exists()


@time_machine.travel(NOW)
def test_a_slot_outside_the_hours_is_refused(cast, rule, person):
    response = cast.client("olga").post(
        booking_url(rule, person), fields(slot="2026-12-08T18:00")
    )
    assert response.status_code == 200
    assert "slot" in response.context["form"].errors
    assert not Appointment.objects.exists()


@time_machine.travel(NOW)
def test_without_a_client_a_name_is_required(cast, rule):
    client = cast.client("olga")
    response = client.post(booking_url(rule), fields(name=""))
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert not Appointment.objects.exists()
    response = client.post(booking_url(rule), fields(name="Herr Haidari"))
    appointment = Appointment.objects.get()
    assert (appointment.name, appointment.client) == ("Herr Haidari", None)


@time_machine.travel(NOW)
def test_cancelled_hours_send_back_to_the_choice(cast, rule, person):
    from schedule.models import Cancellation

    Cancellation.objects.create(
        office=cast.erz,
        rule=rule,
        first_day=TUESDAY,
        last_day=TUESDAY,
        reason="closure",
        created_by=cast.olga,
    )
    response = cast.client("olga").get(booking_url(rule, person), follow=True)
    assert "These hours do not take place on that day." in response.content.decode()
    assert "form" not in response.context
    offered = [session.day for session, _free in response.context["offered"]]
    assert TUESDAY not in offered
    assert datetime.date(2026, 12, 15) in offered


@time_machine.travel(NOW)
def test_list_shows_coming_appointments_and_filters_mine(cast, rule):
    book_portal(rule, name="Olena Kovalenko")
    gina_rule = make_rule(
        cast.gina, make_site(cast.erz, "Aue"), weekday=3, start="09:00", end="11:00"
    )
    session = session_of(gina_rule, datetime.date(2026, 12, 10))
    assert session is not None
    book(session, "2026-12-10T09:00", Booker(name="Amir Haidari"), source="staff")
    url = reverse("schedule:appointment_list")
    response = cast.client("carla").get(url)
    html = response.content.decode()
    assert response.context["nav"] == "hours"
    assert "Olena Kovalenko" in html and "Amir Haidari" in html
    assert "online" in html and "by staff" in html
    html = cast.client("carla").get(url, {"show": "mine"}).content.decode()
    assert "Olena Kovalenko" in html and "Amir Haidari" not in html
    # Gustav sees neither: not his hours, not his clients.
    html = cast.client("gustav").get(url).content.decode()
    assert "Olena Kovalenko" not in html and "Amir Haidari" not in html


@time_machine.travel(NOW)
def test_cancel_twice_gives_a_message(cast, rule):
    appointment = book_portal(rule)
    client = cast.client("olga")
    url = reverse("schedule:appointment_cancel", args=[appointment.pk])
    response = client.post(url, follow=True)
    assert "The appointment is cancelled." in response.content.decode()
    assert "please tell the person another way" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    response = client.post(url, follow=True)
    assert "This appointment was already cancelled." in response.content.decode()
    assert "Cancel appointment" not in response.content.decode()


@time_machine.travel(NOW)
def test_cancel_is_post_only(cast, rule):
    appointment = book_portal(rule)
    url = reverse("schedule:appointment_cancel", args=[appointment.pk])
    assert cast.client("olga").get(url).status_code == 405
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED


def test_outcome_only_once_the_appointment_has_begun(cast, rule):
    with time_machine.travel(NOW):
        appointment = book_portal(rule)
        url = reverse("schedule:appointment_outcome", args=[appointment.pk])
        response = cast.client("carla").post(url, {"status": "attended"}, follow=True)
        assert "once it has begun" in response.content.decode()
        appointment.refresh_from_db()
        assert appointment.status == AppointmentStatus.BOOKED
        assert (
            "Did not come"
            not in cast.client("carla").get(detail(appointment)).content.decode()
        )
    with time_machine.travel("2026-12-08 14:35 +01:00"):
        page = cast.client("carla").get(detail(appointment)).content.decode()
        assert "Did not come" in page and "Cancel appointment" not in page
        cast.client("carla").post(url, {"status": "nonsense"})
        appointment.refresh_from_db()
        assert appointment.status == AppointmentStatus.BOOKED
        response = cast.client("carla").post(url, {"status": "missed"}, follow=True)
        assert "Recorded: Did not come." in response.content.decode()
        appointment.refresh_from_db()
        assert appointment.status == AppointmentStatus.MISSED


@time_machine.travel(NOW)
def test_detail_links_a_visible_client_and_a_concern(cast, rule, person):
    appointment = book_portal(rule)
    appointment.client = person
    appointment.save()
    html = cast.client("gina").get(detail(appointment)).content.decode()
    assert reverse("clients:person_detail", args=[person.pk]) in html
    assert f"{reverse('cases:concern_create')}?person={person.pk}" in html


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    ("name", "status"),
    [("carla", 200), ("olga", 200), ("gustav", 403), ("anton", 403), ("otto", 404)],
)
def test_who_may_open_an_appointment(cast, rule, name, status):
    appointment = book_portal(rule)
    assert cast.client(name).get(detail(appointment)).status_code == status


@time_machine.travel(NOW)
def test_another_office_cannot_touch_an_appointment(cast, rule):
    appointment = book_portal(rule)
    otto = cast.client("otto")
    for name, data in [
        ("schedule:appointment_cancel", {}),
        ("schedule:appointment_outcome", {"status": "missed"}),
    ]:
        url = reverse(name, args=[appointment.pk])
        assert otto.post(url, data).status_code == 404
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED
