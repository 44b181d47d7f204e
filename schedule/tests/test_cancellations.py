"""Cancelling hours: vacations, closures, one rule's dates."""

import datetime

import pytest
import time_machine
from django.core import mail

from accounts.models import Site
from schedule.actions import Booker, book
from schedule.models import Appointment, AppointmentStatus, Cancellation
from schedule.sessions import session_of, sessions

from .factories import make_rule, make_site

NOW = "2026-11-02 09:00 +01:00"  # a Monday
NEW = "/hours/cancellations/new/"


def vacation(cast, **changes) -> dict:
    data = {
        "scope": "staff",
        "rule": "",
        "staff": cast.carla.pk,
        "site": "",
        "first_day": "2026-11-09",
        "last_day": "2026-11-13",
        "reason": "vacation",
        "public_note": "",
    }
    data.update(changes)
    return data


def book_at(rule, day: datetime.date, time: str, **booker):
    session = session_of(rule, day)
    assert session is not None
    appointment, _ = book(session, f"{day}T{time}", Booker(**booker), source="portal")
    return appointment


@pytest.fixture
def carlas_hours(cast):
    annaberg = Site.objects.get(office=cast.erz, name="Annaberg-Buchholz")
    start = datetime.date(2026, 11, 2)
    tuesdays = make_rule(cast.carla, annaberg, weekday=1, starts_on=start)
    thursdays = make_rule(
        cast.carla, make_site(cast.erz, "Aue"), weekday=3, starts_on=start
    )
    return tuesdays, thursdays


@time_machine.travel(NOW)
def test_vacation_cancels_the_sessions_and_calls_off_appointments(
    cast, carlas_hours, django_capture_on_commit_callbacks
):
    tuesdays, thursdays = carlas_hours
    tuesday = datetime.date(2026, 11, 10)
    by_mail = book_at(
        tuesdays, tuesday, "14:00", name="Olena Kovalenko", email="olena@example.org"
    )
    by_phone = book_at(
        tuesdays, tuesday, "14:30", name="Herr Ahmadi", phone="0151 2345678"
    )
    later = book_at(
        tuesdays, datetime.date(2026, 11, 17), "14:00", name="Frau Nowak", phone="1"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("olga").post(NEW, vacation(cast))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Please tell these people by phone" in page
    assert "Herr Ahmadi" in page
    assert "0151 2345678" in page
    assert "Olena Kovalenko" not in page
    assert "Frau Nowak" not in page

    cancellation = Cancellation.objects.get()
    assert (cancellation.staff, cancellation.rule, cancellation.site) == (
        cast.carla,
        None,
        None,
    )
    assert (cancellation.office, cancellation.created_by) == (cast.erz, cast.olga)
    statuses = {
        a.pk: a.status
        for a in Appointment.objects.filter(pk__in=[by_mail.pk, by_phone.pk, later.pk])
    }
    assert statuses == {
        by_mail.pk: AppointmentStatus.CANCELLED,
        by_phone.pk: AppointmentStatus.CANCELLED,
        later.pk: AppointmentStatus.BOOKED,
    }
    assert [message.to for message in mail.outbox] == [["olena@example.org"]]

    found = sessions(
        [tuesdays, thursdays], datetime.date(2026, 11, 9), datetime.date(2026, 11, 19)
    )
    assert [(s.day.day, s.takes_place) for s in found] == [
        (10, False),
        (12, False),
        (17, True),
        (19, True),
    ]
    overview = cast.client("olga").get("/hours/").content.decode()
    assert "All hours of Carla Test" in overview


@time_machine.travel(NOW)
def test_without_people_to_call_the_manager_returns_to_the_overview(cast, carlas_hours):
    tuesdays, _ = carlas_hours
    data = vacation(
        cast,
        scope="rule",
        rule=tuesdays.pk,
        staff="",
        first_day="2026-11-17",
        last_day="2026-11-17",
        public_note="Bitte kommen Sie nach Aue.",
    )
    response = cast.client("carla").post(NEW, data, follow=True)
    assert response.redirect_chain == [("/hours/", 302)]
    page = response.content.decode()
    assert "The hours are cancelled. No appointment was booked for them." in page
    assert "Bitte kommen Sie nach Aue." in page
    cancellation = Cancellation.objects.get()
    # The staff member chosen before switching the scope is dropped.
    assert (cancellation.rule, cancellation.staff) == (tuesdays, None)


@time_machine.travel(NOW)
def test_an_administrator_is_told_how_many_to_call_but_not_who(
    cast, carlas_hours, django_capture_on_commit_callbacks
):
    tuesdays, _ = carlas_hours
    book_at(
        tuesdays, datetime.date(2026, 11, 10), "14:00", name="Herr Ahmadi", phone="0151"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("ada").post(NEW, vacation(cast))
    page = response.content.decode()
    assert "1 more person without an e-mail address is not shown to you" in page
    assert "Herr Ahmadi" not in page


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    "changes, message",
    [
        ({"staff": ""}, "Choose the staff member whose hours are cancelled."),
        ({"scope": "site", "staff": ""}, "Choose the site whose hours are cancelled."),
        ({"scope": "rule"}, "Choose the hours that are cancelled."),
        ({"scope": ""}, "This field is required."),
        (
            {"first_day": "2026-11-13", "last_day": "2026-11-09"},
            "The last day must not be before the first day.",
        ),
        (
            {"first_day": "2026-10-01", "last_day": "2026-11-01"},
            "The last day must not be in the past.",
        ),
        ({"last_day": "not a day"}, "Enter a valid date."),
    ],
)
def test_invalid_cancellations_are_refused(cast, carlas_hours, changes, message):
    response = cast.client("carla").post(NEW, vacation(cast, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Cancellation.objects.exists()


@time_machine.travel(NOW)
def test_a_cancellation_that_began_yesterday_is_accepted(cast, carlas_hours):
    data = vacation(cast, first_day="2026-10-26", last_day="2026-11-06")
    response = cast.client("carla").post(NEW, data)
    assert response.status_code == 302
    assert Cancellation.objects.count() == 1


@time_machine.travel(NOW)
def test_links_preselect_the_scope(cast, carlas_hours):
    tuesdays, _ = carlas_hours
    page = cast.client("carla").get(f"{NEW}?rule={tuesdays.pk}").content.decode()
    assert (
        'value="rule" required class="kern-form-check__radio" id="id_scope_0" checked'
        in page
    )
    assert f'<option value="{tuesdays.pk}" selected>' in page
    assert 'value="2026-11-02"' in page


@time_machine.travel(NOW)
def test_deleting_a_cancellation_lets_the_hours_take_place_again(
    cast, carlas_hours, django_capture_on_commit_callbacks
):
    tuesdays, _ = carlas_hours
    tuesday = datetime.date(2026, 11, 10)
    appointment = book_at(tuesdays, tuesday, "14:00", name="Herr Ahmadi", phone="0151")
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("carla").post(NEW, vacation(cast))
    cancellation = Cancellation.objects.get()
    url = f"/hours/cancellations/{cancellation.pk}/delete/"

    assert cast.client("gina").post(url).status_code == 403
    assert cast.client("otto").post(url).status_code == 404
    assert cast.client("carla").get(url).status_code == 405
    assert Cancellation.objects.exists()

    response = cast.client("carla").post(url, follow=True)
    assert response.redirect_chain == [("/hours/", 302)]
    assert "Appointments it called off stay cancelled." in response.content.decode()
    assert not Cancellation.objects.exists()
    session = session_of(tuesdays, tuesday)
    assert session is not None and session.takes_place
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED


def test_anonymous_visitors_are_sent_to_the_login(cast, client):
    assert client.post("/hours/cancellations/1/delete/").status_code == 302
    assert client.get(NEW).status_code == 302


@time_machine.travel(NOW)
def test_guides_see_cancellations_without_delete_buttons(cast, carlas_hours):
    Cancellation.objects.create(
        office=cast.erz,
        staff=cast.carla,
        first_day=datetime.date(2026, 11, 9),
        last_day=datetime.date(2026, 11, 13),
        reason="vacation",
        created_by=cast.olga,
    )
    page = cast.client("gina").get("/hours/").content.decode()
    assert "All hours of Carla Test" in page
    assert "/delete/" not in page
    assert cast.client("gina").get(NEW).status_code == 403
