"""Every form open to the public, and the login, is limited per address.

The public forms that accept POST without a login: the portal's send form,
the accessibility feedback, the booking form and the appointment link (open
and cancel); the status look-up is a GET form. Each refuses with 429 and a
message in the reader's language once its hourly limit is used up, and
another address is not affected. The staff login has two limits: django-axes
per user name and address, and one per address across all user names.
"""

import datetime
import re

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.otp import current_code
from cases.actions import seed_topics
from pages.actions import ensure_required_pages
from pages.models import Kind, Page
from portal.tests.conftest import form_token, send, solved
from schedule.tests.factories import make_room, make_rule, make_site

OTHER_ADDRESS = "192.0.2.77"


def from_address(address: str, language: str = "en") -> Client:
    return Client(REMOTE_ADDR=address, headers={"accept-language": language})


def log_in(client: Client, username: str, password: str, token: str = ""):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password, "otp_token": token},
    )


# --- the login -----------------------------------------------------------------


def test_password_spraying_across_user_names_is_stopped_per_address(cast, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 6
    sprayer = from_address("203.0.113.9")
    # One guess per user name: far below the lock of each account (5).
    for name in ["carla", "dieter", "gina", "gustav", "olga", "anton"]:
        assert log_in(sprayer, name, "Sommer2026!").status_code == 200

    refused = log_in(
        sprayer,
        "ada",
        "ada-password-123",
        current_code(TOTPDevice.objects.get(user=cast.ada)),
    )

    assert refused.status_code == 429
    assert "Too many logins failed from your network" in refused.content.decode()
    assert "_auth_user_id" not in sprayer.session
    # Someone at another address logs in as usual.
    colleague = from_address(OTHER_ADDRESS)
    token = current_code(TOTPDevice.objects.get(user=cast.ada))
    assert log_in(colleague, "ada", "ada-password-123", token).status_code == 302


def test_the_address_limit_says_so_in_german(cast, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 1
    client = from_address("203.0.113.10", "de")
    log_in(client, "carla", "falsch")
    refused = log_in(client, "carla", "falsch")
    assert refused.status_code == 429
    assert 'lang="de"' in refused.content.decode()


def test_failures_older_than_the_cool_off_no_longer_count(cast, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 2
    client = from_address("203.0.113.11")
    log_in(client, "carla", "wrong")
    log_in(client, "dieter", "wrong")
    long_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1)
    AccessAttempt.objects.update(attempt_time=long_ago)
    token = current_code(TOTPDevice.objects.get(user=cast.carla))
    assert log_in(client, "carla", "carla-password-123", token).status_code == 302


def test_the_lock_per_user_name_still_comes_first(cast, settings):
    client = from_address("203.0.113.12")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "gina", "wrong")
    token = current_code(TOTPDevice.objects.get(user=cast.gina))
    locked = log_in(client, "gina", "gina-password-123", token)
    assert locked.status_code == 429
    assert "Login locked" in locked.content.decode()


# --- the public forms ------------------------------------------------------------


@pytest.fixture
def portal(cast):
    seed_topics(cast.erz)
    ensure_required_pages(cast.erz)
    return cast.erz


def test_the_send_form_is_limited_per_address(portal, settings):
    settings.PORTAL_SUBMISSIONS_PER_HOUR = 2
    client = from_address("198.51.100.1")
    assert send(client, portal.slug, "en").status_code == 200
    assert send(client, portal.slug, "en").status_code == 200
    refused = send(client, portal.slug, "en")
    assert refused.status_code == 429
    assert "Many messages were sent from your connection" in refused.content.decode()
    assert send(from_address(OTHER_ADDRESS), portal.slug, "en").status_code == 200


def test_the_status_look_up_is_limited_per_address(portal, settings):
    settings.PORTAL_LOOKUPS_PER_HOUR = 2
    client = from_address("198.51.100.2")
    url = f"/p/{portal.slug}/en/status/?code=2222-3333-4444"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 429
    assert from_address(OTHER_ADDRESS).get(url).status_code == 200


def test_the_accessibility_feedback_is_limited_per_address(portal, settings):
    settings.PORTAL_SUBMISSIONS_PER_HOUR = 1
    statement = Page.objects.get(office=portal, kind=Kind.ACCESSIBILITY)
    client = from_address("198.51.100.3")
    url = f"/p/{portal.slug}/en/accessibility/feedback/"

    def feedback() -> int:
        page = client.get(f"/p/{portal.slug}/en/page/{statement.slug}/")
        data = {
            "message": "Der Kontrast ist zu schwach.",
            "email": "",
            "token": form_token_of(page.content.decode()),
        }
        return client.post(url, data).status_code

    assert feedback() == 200
    assert feedback() == 429


def form_token_of(html: str) -> str:
    match = re.search(r'name="token" value="([^"]+)"', html)
    assert match, "the feedback form carries a token"
    return match.group(1)


@pytest.fixture
def rule(cast):
    """Carla's hours on Tuesdays, bookable in half hours."""
    site = make_site(cast.erz, "Stollberg")
    return make_rule(
        cast.carla,
        site,
        room=make_room(site),
        weekday=1,
        starts_on=datetime.date(2026, 11, 1),
    )


@time_machine.travel("2026-11-22 09:00 +01:00", tick=False)
def test_the_booking_form_is_limited_per_address(portal, rule, settings):
    settings.PORTAL_SUBMISSIONS_PER_HOUR = 1
    day = "2026-12-08"
    url = f"/p/{portal.slug}/en/book/{rule.pk}/{day}/"
    client = from_address("198.51.100.4")

    def book(slot: str) -> int:
        page = client.get(url)
        data = {
            "slot": f"{day}T{slot}",
            "name": "Olena Kovalenko",
            "email": "",
            "phone": "0151 1234567",
            "language": "ukr",
            "subject": "Wohnungssuche",
            "consent": "on",
            "website": "",
            "form_token": form_token(page.content.decode()),
            "altcha": solved(client, portal.slug, "en"),
        }
        return client.post(url, data).status_code

    assert book("14:00") == 200
    assert book("14:30") == 429


def test_the_appointment_link_is_limited_per_address(portal, settings):
    settings.PORTAL_APPOINTMENT_LOOKUPS_PER_HOUR = 3
    guesser = from_address("198.51.100.5")
    for guess in ["aaaa", "bbbb", "cccc"]:
        url = f"/p/{portal.slug}/en/appointment/{guess}/"
        assert guesser.get(url).status_code == 404
    refused = guesser.post(f"/p/{portal.slug}/en/appointment/dddd/")
    assert refused.status_code == 429
    assert "Many requests came from your connection" in refused.content.decode()
    other = from_address(OTHER_ADDRESS).get(f"/p/{portal.slug}/en/appointment/eeee/")
    assert other.status_code == 404


def test_the_appointment_limit_answers_in_the_portals_language(portal, settings):
    settings.PORTAL_APPOINTMENT_LOOKUPS_PER_HOUR = 0
    refused = from_address("198.51.100.6").get(f"/p/{portal.slug}/ar/appointment/x/")
    assert refused.status_code == 429
    assert '<html lang="ar" dir="rtl">' in refused.content.decode()
