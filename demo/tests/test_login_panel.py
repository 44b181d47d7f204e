import re

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from demo import build
from demo.data import DEMO_PASSWORD, DEMO_USERNAMES, OFFICES, STATE_STAFF, totp_secret


@pytest.fixture
def demo_staff(db) -> None:
    """The demo's users and offices, without the rest of the demo."""
    password = make_password(DEMO_PASSWORD)
    for spec in OFFICES:
        office = build.ensure_office(spec)
        for staff in spec.staff:
            build.ensure_user(staff, office, password)
    for staff in STATE_STAFF:
        build.ensure_user(staff, None, password)
    build.add_later_staff()


def shown_code(html: str, username: str) -> str:
    match = re.search(rf'data-demo-code="{re.escape(username)}">(\d+)<', html)
    assert match, f"no code shown for {username}"
    return match.group(1)


def login_page(client) -> str:
    return client.get(reverse("accounts:login")).content.decode()


def test_login_page_shows_each_demo_user_with_a_code_their_device_accepts(
    client, settings, demo_staff
):
    settings.DEMO = True
    html = login_page(client)
    assert "Demo users" in html
    for username in DEMO_USERNAMES:
        code = shown_code(html, username)
        assert len(code) == 6
        assert TOTPDevice.objects.get(user__username=username).verify_token(code)


def test_login_page_shows_the_documented_secret(client, settings, demo_staff):
    settings.DEMO = True
    html = login_page(client)
    secret = totp_secret("lotse-vg-3")
    assert secret == "LOTSEVGDREIDEMOLOTSEDEMOLOTSEDEM"
    assert " ".join(secret[i : i + 4] for i in range(0, 32, 4)) in html
    assert DEMO_PASSWORD in html


def test_demo_user_logs_in_with_the_shown_code(client, settings, demo_staff):
    settings.DEMO = True
    code = shown_code(login_page(client), "beauftragter")
    response = client.post(
        reverse("accounts:login"),
        {"username": "beauftragter", "password": DEMO_PASSWORD, "otp_token": code},
    )
    assert response.status_code == 302
    assert DEVICE_ID_SESSION_KEY in client.session


def test_login_page_lists_only_the_demo_users(client, settings, demo_staff):
    settings.DEMO = True
    other = User.objects.create_user("real-person", password="x" * 16)
    TOTPDevice.objects.create(user=other, name="app", confirmed=True)
    html = login_page(client)
    assert "real-person" not in html
    assert html.count("data-demo-code=") == len(DEMO_USERNAMES)


def test_login_page_shows_no_demo_users_outside_a_demo(client, settings, demo_staff):
    settings.DEMO = False
    html = login_page(client)
    assert "data-demo-code" not in html
    assert DEMO_PASSWORD not in html
    assert "demo-users-heading" not in html
