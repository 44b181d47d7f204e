"""Session and second-factor policies, each enforced and tested here.

- Every staff role needs the second factor: a password alone opens no staff
  page, whichever role the user holds (checked for every staff URL). After
  the administrator resets a lost app, a session verified with it must give
  the password again before pairing a new one.
- The session key changes at login and again when the second factor is
  verified, so a key seen before either opens nothing afterwards.
- A session ends after 30 idle minutes (SESSION_COOKIE_AGE) and, however
  active, after 10 hours (SESSION_MAX_SECONDS, lib/security.py).
- Changing a password ends every other session of that user; setting a new
  one for someone (the administrator) ends all of theirs.
"""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, User
from accounts.otp import current_code
from conftest import logged_in, make_user

SETUP = "/accounts/second-factor/"
# Open without a login, or the steps of logging in.
PUBLIC_NAMESPACES = {"portal", "pages", "hours", "feeds"}
PUBLIC_NAMES = {"home", "healthz", "set_language", "login", "logout", "otp_setup"}
SAMPLE_VALUES = ["1", "2026-11", "2026-11-03", "x"]


def password_only(user: User) -> Client:
    """A client that gave the password but not yet the code."""
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def staff_urls(patterns=None, namespace: str = "") -> list[tuple[str, str]]:
    """(name, path) of every named URL outside the public namespaces."""
    found: list[tuple[str, str]] = []
    for pattern in patterns or get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if inner not in PUBLIC_NAMESPACES:
                found += staff_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if pattern.name not in PUBLIC_NAMES:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                found.append((name, _path(name, pattern)))
    return found


def _path(name: str, pattern: URLPattern) -> str:
    kwargs = {}
    for key, converter in pattern.pattern.converters.items():
        sample = next(
            value
            for value in SAMPLE_VALUES
            if re.fullmatch(converter.regex, value)  # type: ignore[attr-defined]
        )
        kwargs[key] = converter.to_python(sample)  # type: ignore[attr-defined]
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("role", [role.value for role in Role])
def test_every_role_needs_the_second_factor(cast, role):
    office = None if role == Role.STATE_VIEW else cast.erz
    user = make_user(f"new-{role}", office, role)
    client = password_only(user)
    response = client.get("/desk/")
    assert response.status_code == 302
    assert response["Location"] == SETUP


def test_no_staff_url_opens_with_the_password_alone(cast):
    client = password_only(cast.carla)
    urls = staff_urls()
    assert len(urls) > 150, "the walk finds the staff URLs"
    opened = []
    for name, path in urls:
        response = client.get(path)
        if response.status_code == 405:
            continue  # POST only: the same gate stands behind it
        if response.status_code != 302 or response["Location"] != SETUP:
            opened.append(f"{name} {path}: {response.status_code}")
    assert opened == []


def test_the_session_key_changes_at_login(cast):
    client = Client(headers={"accept-language": "en"})
    session = client.session
    session["seen"] = True
    session.save()
    before = session.session_key
    token = current_code(TOTPDevice.objects.get(user=cast.carla))
    client.post(
        "/accounts/login/",
        {"username": "carla", "password": "carla-password-123", "otp_token": token},
    )
    assert client.session.session_key != before
    assert Client(cookies={settings.SESSION_COOKIE_NAME: before}).get(
        "/desk/"
    ).status_code == (302)


def test_the_session_key_changes_when_the_second_factor_is_set_up(cast, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    nele = make_user("nele", cast.erz, Role.GUIDE)
    TOTPDevice.objects.filter(user=nele).delete()
    client = Client(headers={"accept-language": "en"})
    client.post(
        "/accounts/login/", {"username": "nele", "password": "nele-password-123"}
    )
    before = client.session.session_key
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=nele)

    response = client.post(SETUP, {"otp_token": current_code(device)})

    assert response["Location"] == "/desk/"
    assert client.session.session_key != before
    assert client.get("/desk/").status_code == 200
    # Whoever saw the key of the password-only session gets nothing now.
    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = before
    assert stale.get("/desk/")["Location"].startswith("/accounts/login/")


def test_after_a_reset_of_the_app_pairing_a_new_one_takes_the_password(cast):
    gina = Client(headers={"accept-language": "en"})
    token = current_code(TOTPDevice.objects.get(user=cast.gina))
    gina.post(
        "/accounts/login/",
        {"username": "gina", "password": "gina-password-123", "otp_token": token},
    )
    assert gina.get("/desk/").status_code == 200
    cast.client("ada").post(f"/accounts/staff/{cast.gina.pk}/second-factor/reset/")
    assert gina.get("/desk/")["Location"] == SETUP
    response = gina.get(SETUP)
    assert response["Location"] == "/accounts/login/"
    assert not TOTPDevice.objects.filter(user=cast.gina).exists()
    assert "_auth_user_id" not in gina.session


def test_a_session_ends_after_thirty_idle_minutes(cast):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    with time_machine.travel("2026-03-10 08:00 +01:00", tick=False) as clock:
        client = cast.client("gina")
        assert client.get("/desk/").status_code == 200
        clock.shift(datetime.timedelta(minutes=29))
        assert client.get("/desk/").status_code == 200
        clock.shift(datetime.timedelta(minutes=31))
        assert client.get("/desk/")["Location"].startswith("/accounts/login/")


def test_a_busy_session_still_ends_after_ten_hours(cast):
    assert settings.SESSION_MAX_SECONDS == 10 * 60 * 60
    with time_machine.travel("2026-03-10 07:00 +01:00", tick=False) as clock:
        client = cast.client("gina")
        for _quarter in range(39):  # 9 h 45 min of work, never idle
            assert client.get("/desk/").status_code == 200
            clock.shift(datetime.timedelta(minutes=15))
        assert client.get("/desk/").status_code == 200
        clock.shift(datetime.timedelta(minutes=16))
        response = client.get("/desk/", follow=True)
    assert response.redirect_chain[0][0].startswith("/accounts/login/")
    assert "logged out after 10 hours" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_ten_hours_count_from_the_login_not_from_the_first_page(cast):
    with time_machine.travel("2026-03-10 07:00 +01:00", tick=False) as clock:
        client = Client(headers={"accept-language": "en"})
        token = current_code(TOTPDevice.objects.get(user=cast.carla))
        client.post(
            "/accounts/login/",
            {"username": "carla", "password": "carla-password-123", "otp_token": token},
        )
        clock.shift(datetime.timedelta(minutes=20))
        session = client.session
        started = session["lotse_session_started"]
        assert started == int(
            datetime.datetime(2026, 3, 10, 6, 0, tzinfo=datetime.UTC).timestamp()
        )


def test_changing_the_password_ends_the_other_sessions(cast):
    desk, laptop = cast.client("gina"), logged_in(cast.gina)
    response = desk.post(
        "/accounts/password/",
        {
            "old_password": "gina-password-123",
            "new_password1": "Ein-viel-laengeres-Passwort-2026",
            "new_password2": "Ein-viel-laengeres-Passwort-2026",
        },
    )
    assert response["Location"] == "/desk/"
    assert desk.get("/desk/").status_code == 200
    assert laptop.get("/desk/")["Location"].startswith("/accounts/login/")


def test_a_password_set_by_the_administrator_ends_all_sessions(cast):
    gina = cast.client("gina")
    assert gina.get("/desk/").status_code == 200
    response = cast.client("ada").post(
        f"/accounts/staff/{cast.gina.pk}/",
        {
            "first_name": "Gina",
            "last_name": "Test",
            "email": "",
            "weekly_hours": "40",
            "roles": [Role.GUIDE],
            "is_active": "on",
            "new_password": "Ein-neues-Passwort-fuer-Gina-2026",
        },
    )
    assert response.status_code == 302
    assert gina.get("/desk/")["Location"].startswith("/accounts/login/")
