"""Booking an appointment on the portal, and cancelling it with the link."""

import datetime
import re

import pytest
import time_machine
from django.core import mail

from mediators.models import Request
from pages.actions import ensure_required_pages
from portal.forms import new_form_token
from portal.models import Throttle
from portal.tests.conftest import form_token, solved
from schedule.models import Appointment, Cancellation

from .factories import make_room, make_rule, make_site

NOW = "2026-11-22 09:00 +01:00"
TUESDAY = "2026-12-08"


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


def book_url(cast, rule, day: str = TUESDAY, lang: str = "en") -> str:
    return f"/p/{cast.erz.slug}/{lang}/book/{rule.pk}/{day}/"


def fields(**overrides) -> dict:
    data = {
        "slot": f"{TUESDAY}T14:30",
        "name": "Olena Kovalenko",
        "email": "olena@example.org",
        "phone": "",
        "language": "ukr",
        "subject": "Wohnungssuche",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def post(client, cast, rule, lang: str = "en", js: bool = True, **overrides):
    url = book_url(cast, rule, lang=lang)
    page = client.get(url)
    data = fields(**overrides)
    data.setdefault("form_token", form_token(page.content.decode()))
    if js:
        data["altcha"] = solved(client, cast.erz.slug, lang)
    return client.post(url, data)


def cancel_link(html: str) -> str:
    match = re.search(r'href="(http://testserver/p/[^"]+/appointment/[^"]+/)"', html)
    assert match, "the page shows the cancellation link"
    return match.group(1).removeprefix("http://testserver")


@time_machine.travel(NOW, tick=False)
def test_booking_in_ukrainian_with_a_mediator(
    client, cast, rule, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_URL = "https://lotse.example"
    page = client.get(book_url(cast, rule, lang="uk")).content.decode()
    assert '<option value="ukr" selected>' in page, "the portal language is the default"
    assert 'value="2026-12-08T14:00"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, cast, rule, "uk", mediator_needed="on")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Вівторок, 8 грудня 2026" in html
    assert "14:30–15:00" in html
    appointment = Appointment.objects.get()
    assert appointment.language == "ukr"
    assert appointment.mediator_needed
    assert appointment.portal_language == "uk"
    assert appointment.source == "portal"
    assert appointment.name == "Olena Kovalenko"
    assert appointment.subject == "Wohnungssuche"
    link = cancel_link(html)
    assert link.startswith(f"/p/{cast.erz.slug}/uk/appointment/")
    assert appointment.cancel_digest not in link, "only the digest is stored"
    (message,) = mail.outbox
    assert message.to == ["olena@example.org"]
    assert "8 грудня 2026" in message.subject
    assert "Вівторок, 8 грудня 2026" in message.body
    assert f"https://lotse.example{link}" in message.body


@time_machine.travel(NOW, tick=False)
def test_a_booking_with_a_mediator_makes_a_mediator_request(client, cast, rule):
    post(client, cast, rule, "uk", mediator_needed="on")
    appointment = Appointment.objects.select_related("mediator_request").get()
    request = appointment.mediator_request
    assert request is not None
    assert request.office == cast.erz
    assert request.language == "ukr"
    assert request.starts_at == appointment.starts_at
    assert request.minutes == 30
    assert request.mode == "on_site"
    assert request.contact == cast.carla, "the staff member of the hours"
    assert request.place.startswith("Stollberg, ")
    assert request.status == "open"
    assert "Wohnungssuche" not in request.place, "nothing of the concern"


@time_machine.travel(NOW, tick=False)
def test_without_a_mediator_no_request_is_made(client, cast, rule):
    post(client, cast, rule)
    assert Appointment.objects.get().mediator_request is None
    assert not Request.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_cancelling_the_appointment_cancels_its_mediator_request(client, cast, rule):
    link = cancel_link(post(client, cast, rule, mediator_needed="on").content.decode())
    client.post(link)
    appointment = Appointment.objects.select_related("mediator_request").get()
    assert appointment.mediator_request.status == "cancelled"


@time_machine.travel(NOW, tick=False)
def test_booking_works_without_javascript(client, cast, rule):
    response = post(client, cast, rule, js=False, email="", phone="0371 123456")
    assert "Your appointment is booked" in response.content.decode()
    assert "you get no confirmation" in response.content.decode()
    assert Appointment.objects.get().phone == "0371 123456"
    assert Throttle.objects.filter(scope="book-unsolved").count() == 1


@time_machine.travel(NOW, tick=False)
def test_the_cancellation_link_works_once(client, cast, rule):
    link = cancel_link(post(client, cast, rule).content.decode())
    page = client.get(link).content.decode()
    assert "Olena Kovalenko" in page
    assert "Cancel this appointment" in page
    response = client.post(link)
    assert "Your appointment is cancelled" in response.content.decode()
    assert Appointment.objects.get().status == "cancelled"
    again = client.post(link)
    assert "This appointment was already cancelled." in again.content.decode()
    assert f"/hours/{rule.site.pk}/" in again.content.decode(), "book a new one"
    assert "Cancel this appointment" not in client.get(link).content.decode()
    assert client.get(f"/p/{cast.erz.slug}/en/appointment/nonsense/").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_a_cancelled_time_can_be_booked_again(client, cast, rule):
    link = cancel_link(post(client, cast, rule).content.decode())
    client.post(link)
    response = post(client, cast, rule, name="Oksana")
    assert "Your appointment is booked" in response.content.decode()
    assert Appointment.objects.holding().get().name == "Oksana"


def test_a_past_appointment_is_shown_without_a_cancel_button(client, cast, rule):
    with time_machine.travel(NOW, tick=False):
        link = cancel_link(post(client, cast, rule).content.decode())
    with time_machine.travel("2026-12-09 09:00 +01:00", tick=False):
        page = client.get(link).content.decode()
        refused = client.post(link).content.decode()
    assert "This appointment has already passed." in page
    assert "Cancel this appointment" not in page
    assert "This appointment has already passed." in refused
    assert Appointment.objects.get().status == "booked"


@time_machine.travel(NOW, tick=False)
def test_a_slot_already_taken_is_refused_with_a_message(client, cast, rule):
    url = book_url(cast, rule)
    token = form_token(client.get(url).content.decode())
    first = fields(form_token=token, altcha=solved(client, cast.erz.slug))
    client.post(url, first)
    second = fields(
        form_token=token, altcha=solved(client, cast.erz.slug), name="Oksana"
    )
    response = client.post(url, second)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone has just booked this time. Please choose another." in html
    assert 'value="Oksana"' in html, "what was typed is kept"
    assert 'value="2026-12-08T14:30"' not in html, "the taken time is not offered"
    assert Appointment.objects.count() == 1


@time_machine.travel("2026-12-08 14:10 +01:00", tick=False)
def test_a_time_in_the_past_is_refused(client, cast, rule):
    page = client.get(book_url(cast, rule)).content.decode()
    assert 'value="2026-12-08T14:00"' not in page, "only future times are offered"
    assert 'value="2026-12-08T14:30"' in page
    response = post(client, cast, rule, slot="2026-12-08T14:00")
    assert "This time has already passed. Please choose another." in (
        response.content.decode()
    )
    assert not Appointment.objects.exists()


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"email": "", "phone": ""}, "Give an e-mail address or a phone number"),
        ({"consent": None}, "Please agree, or we cannot book the appointment."),
        ({"slot": "2026-12-08T14:10"}, "This time is not offered."),
        ({"slot": None}, "Choose a time."),
        ({"name": ""}, "This field is required."),
        ({"name": "N" * 121}, "Ensure this value has at most 120 characters"),
        ({"subject": "S" * 301}, "Ensure this value has at most 300 characters"),
        ({"phone": "call me"}, "Enter the phone number with digits only"),
        ({"email": "olena@"}, "Enter a valid email address."),
        ({"language": "xyz"}, "Select a valid choice."),
        ({"name": "Olena\u202e"}, "invisible control characters"),
    ],
)
@time_machine.travel(NOW, tick=False)
def test_bad_input_is_explained_and_nothing_is_stored(
    client, cast, rule, overrides, message
):
    response = post(client, cast, rule, **overrides)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert not Appointment.objects.exists()
    assert not mail.outbox


@time_machine.travel(NOW, tick=False)
def test_spam_checks_refuse_and_keep_the_input(client, cast, rule):
    honeypot = post(client, cast, rule, website="http://spam.example")
    assert "Leave the last field empty." in honeypot.content.decode()
    forged = post(client, cast, rule, form_token="forged", name="Oksana")
    assert "This form was open too long" in forged.content.decode()
    assert 'value="Oksana"' in forged.content.decode()
    assert not Appointment.objects.exists()


@pytest.mark.parametrize("day", ["2026-13-01", "tomorrow", "2026-12-09"])
@time_machine.travel(NOW, tick=False)
def test_a_day_without_these_hours_is_not_found(client, cast, rule, day):
    assert client.get(book_url(cast, rule, day=day)).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_past_hours_cannot_be_booked(client, cast, rule):
    response = client.get(book_url(cast, rule, day="2026-11-17"))
    assert response.status_code == 404
    assert "These hours are over." in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_a_foreign_or_unknown_rule_is_not_found(client, cast, rule):
    other = make_rule(cast.otto, make_site(cast.gr, "Görlitz"), weekday=1)
    assert client.get(book_url(cast, other)).status_code == 404
    assert client.get(f"/p/{cast.erz.slug}/en/book/99999/{TUESDAY}/").status_code == 404
    assert (
        client.get(f"/p/{cast.gr.slug}/en/book/{rule.pk}/{TUESDAY}/").status_code == 404
    )


@time_machine.travel(NOW, tick=False)
def test_holidays_cancelled_and_offline_hours_cannot_be_booked(client, cast, rule):
    christmas = make_rule(
        cast.dieter, rule.site, weekday=4, starts_on=datetime.date(2026, 11, 1)
    )
    response = client.get(book_url(cast, christmas, day="2026-12-25"))
    assert response.status_code == 404
    assert "Erster Weihnachtstag" in response.content.decode()
    Cancellation.objects.create(
        office=cast.erz,
        rule=rule,
        first_day=datetime.date(2026, 12, 8),
        last_day=datetime.date(2026, 12, 8),
        reason="vacation",
        public_note="Bitte kommen Sie nach Aue.",
        created_by=cast.olga,
    )
    response = client.post(book_url(cast, rule), fields(form_token=new_form_token()))
    assert response.status_code == 404
    assert "Bitte kommen Sie nach Aue." in response.content.decode()
    rule.bookable = False
    rule.save()
    response = client.get(book_url(cast, rule, day="2026-12-15"))
    assert "These hours cannot be booked online." in response.content.decode()
    assert not Appointment.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_fully_booked_session_says_so(client, cast, rule):
    rule.end_time = datetime.time(14, 30)
    rule.save()
    post(client, cast, rule, slot=f"{TUESDAY}T14:00")
    page = client.get(book_url(cast, rule)).content.decode()
    assert "All times of these hours are booked." in page
    assert "<form" not in page.split("</header>")[1]


@time_machine.travel(NOW, tick=False)
def test_the_form_links_the_privacy_notice_and_carries_the_spam_checks(
    client, cast, rule
):
    ensure_required_pages(cast.erz)
    html = client.get(book_url(cast, rule, lang="ar")).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert f'href="/p/{cast.erz.slug}/ar/page/datenschutz/"' in html
    assert 'name="website"' in html
    assert f"/p/{cast.erz.slug}/ar/challenge/" in html
    assert 'name="form_token"' in html
    response = client.get(book_url(cast, rule))
    assert "no-cache" in response.headers["Cache-Control"]
