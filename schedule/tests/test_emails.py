"""The e-mails a visitor gets about an appointment, in their portal language."""

import datetime

import pytest
import time_machine
from django.core import mail

from schedule import actions, tasks
from schedule.actions import Booker
from schedule.models import Appointment, Cancellation
from schedule.sessions import session_of

from .factories import make_room, make_rule, make_site

NOW = "2026-11-22 09:00 +01:00"
TUESDAY = datetime.date(2026, 12, 8)


@pytest.fixture(autouse=True)
def public_url(settings):
    settings.PUBLIC_URL = "https://lotse.example"


@pytest.fixture
def session(cast):
    site = make_site(cast.erz, "Stollberg")
    room = make_room(site)
    room.notes = "2. Etage, Fahrstuhl am Hintereingang"
    room.save()
    rule = make_rule(
        cast.carla, site, room=room, weekday=1, starts_on=datetime.date(2026, 11, 1)
    )
    cast.erz.phone = "03733 831-0"
    cast.erz.save()
    found = session_of(rule, TUESDAY)
    assert found is not None
    return found


def booked(session, capture, lang: str = "en", **fields) -> tuple[Appointment, str]:
    booker = Booker(
        name="Olena",
        email="olena@example.org",
        language="ukr",
        portal_language=lang,
        **fields,
    )
    with capture(execute=True):
        return actions.book(session, "2026-12-08T14:30", booker, source="portal")


@time_machine.travel(NOW, tick=False)
def test_the_confirmation_says_when_where_what_to_bring_and_how_to_cancel(
    cast, session, django_capture_on_commit_callbacks
):
    appointment, token = booked(
        session, django_capture_on_commit_callbacks, mediator_needed=True
    )
    (message,) = mail.outbox
    assert message.to == ["olena@example.org"]
    assert message.subject == ("Your appointment on 8 December 2026 – Erzgebirgskreis")
    body = message.body
    for part in (
        "Date: Tuesday, 8 December 2026",
        "Time: 14:30–15:00",
        "Place: Stollberg\nUhlmannstraße 1–3\n09366 Stollberg",
        "Room: Raum 1.12 (2. Etage, Fahrstuhl am Hintereingang)",
        "Please bring your documents",
        "You asked for a language mediator.",
        f"https://lotse.example/p/{cast.erz.slug}/en/appointment/{token}/",
        "03733 831-0",
    ):
        assert part in body
    assert "&" not in body, "plain text, not HTML-escaped"


@time_machine.travel(NOW, tick=False)
def test_no_interpreter_note_unless_asked_and_no_mail_without_an_address(
    cast, session, django_capture_on_commit_callbacks
):
    booked(session, django_capture_on_commit_callbacks, lang="de")
    (message,) = mail.outbox
    assert message.subject == "Ihr Termin am 8. Dezember 2026 – Erzgebirgskreis"
    assert "language mediator" not in message.body
    with django_capture_on_commit_callbacks(execute=True):
        actions.book(session, "2026-12-08T15:00", Booker(name="Ali"), source="portal")
    assert len(mail.outbox) == 1


@time_machine.travel(NOW, tick=False)
def test_the_reminder_goes_out_once_and_points_to_the_confirmation(
    cast, session, django_capture_on_commit_callbacks
):
    appointment, token = booked(session, django_capture_on_commit_callbacks, "ru")
    mail.outbox.clear()
    tasks.send_reminder.call(appointment.pk)
    tasks.send_reminder.call(appointment.pk)
    (message,) = mail.outbox
    assert "8 декабря 2026" in message.subject
    assert "Вторник, 8 декабря 2026" in message.body
    assert "/appointment/" not in message.body
    assert token not in message.body, "the secret is not kept for the reminder"
    appointment.refresh_from_db()
    assert appointment.reminder_sent_at is not None


@time_machine.travel(NOW, tick=False)
def test_no_reminder_for_a_cancelled_appointment(
    cast, session, django_capture_on_commit_callbacks
):
    appointment, _ = booked(session, django_capture_on_commit_callbacks)
    actions.cancel_by_visitor(appointment)
    mail.outbox.clear()
    tasks.send_reminder.call(appointment.pk)
    assert not mail.outbox


@time_machine.travel(NOW, tick=False)
def test_cancelled_hours_tell_the_visitor_and_link_the_hours_page(
    cast, session, django_capture_on_commit_callbacks
):
    appointment, _ = booked(session, django_capture_on_commit_callbacks, "tr")
    mail.outbox.clear()
    cancellation = Cancellation(
        office=cast.erz,
        site=session.rule.site,
        first_day=TUESDAY,
        last_day=TUESDAY,
        reason="closure",
        created_by=cast.olga,
    )
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel_hours(cancellation)
    (message,) = mail.outbox
    assert message.subject == (
        "8 Aralık 2026 tarihli randevunuz iptal edildi – Erzgebirgskreis"
    )
    assert f"https://lotse.example/p/{cast.erz.slug}/tr/hours/" in message.body
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"
