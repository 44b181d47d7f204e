import pytest
from django.conf import settings
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, RoleGrant, User
from accounts.otp import current_code

code = current_code


def login(client: Client, username: str, password: str, token: str = ""):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password, "otp_token": token},
    )


def test_password_and_code_log_in(cast):
    device = TOTPDevice.objects.get(user=cast.carla)
    client = Client(headers={"accept-language": "en"})
    response = login(client, "carla", "carla-password-123", code(device))
    assert response.status_code == 302
    assert client.get("/desk/").status_code == 200


def test_password_alone_is_not_enough_once_a_device_is_set_up(cast):
    client = Client(headers={"accept-language": "en"})
    response = login(client, "carla", "carla-password-123")
    assert response.status_code == 200
    assert "wrong or expired" in response.content.decode()
    assert client.get("/desk/").status_code == 302


def test_wrong_code_is_refused(cast):
    device = TOTPDevice.objects.get(user=cast.carla)
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    response = login(
        Client(headers={"accept-language": "en"}), "carla", "carla-password-123", wrong
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in Client(headers={"accept-language": "en"}).session


def test_first_login_pairs_an_authenticator_before_any_data_shows(cast, settings):
    # django-otp slows down guessing after a wrong code; not what is tested here.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    newcomer = User.objects.create_user(
        "nina", password="nina-password-123", office=cast.erz
    )
    RoleGrant.objects.create(user=newcomer, role=Role.GUIDE)
    client = Client(headers={"accept-language": "en"})
    response = login(client, "nina", "nina-password-123")
    assert response["Location"] == "/accounts/second-factor/"
    # Without the second factor, office pages send her back to the set-up.
    assert client.get("/concerns/")["Location"] == "/accounts/second-factor/"
    setup = client.get("/accounts/second-factor/")
    assert setup.status_code == 200
    assert "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=newcomer)
    assert (
        client.post("/accounts/second-factor/", {"otp_token": "000000"}).status_code
        == 200
    )
    confirmed = client.post("/accounts/second-factor/", {"otp_token": code(device)})
    assert confirmed["Location"] == "/desk/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/concerns/").status_code == 200


def test_five_failures_lock_the_login_out(cast):
    client = Client(headers={"accept-language": "en"})
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "carla", "wrong-password")
    device = TOTPDevice.objects.get(user=cast.carla)
    locked = login(client, "carla", "carla-password-123", code(device))
    assert locked.status_code == 429
    assert "Login locked" in locked.content.decode()


def test_guessing_codes_also_locks_out(cast):
    client = Client(headers={"accept-language": "en"})
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "carla", "carla-password-123", "123456")
    device = TOTPDevice.objects.get(user=cast.carla)
    assert login(client, "carla", "carla-password-123", code(device)).status_code == 429


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    user = User.objects.create_user("hash", password="a-long-password-123")
    assert user.password.startswith("argon2$")


def test_production_settings_use_argon2_first():
    from lotse import settings as project

    assert project.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_sessions_expire_after_idle_time():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_logout_needs_post_and_ends_the_session(cast):
    client = cast.client("carla")
    assert client.get("/accounts/logout/").status_code == 405
    client.post("/accounts/logout/")
    assert client.get("/desk/").status_code == 302


def test_user_without_office_sees_no_office_data_even_with_a_role(cast):
    drifter = User.objects.create_user("drifter", office=None)
    RoleGrant.objects.create(user=drifter, role=Role.COMMISSIONER)
    TOTPDevice.objects.create(user=drifter, name="t", confirmed=True)
    from conftest import logged_in

    assert logged_in(drifter).get("/concerns/").status_code == 403


def test_next_parameter_cannot_leave_the_site(cast):
    device = TOTPDevice.objects.get(user=cast.carla)
    response = Client(headers={"accept-language": "en"}).post(
        "/accounts/login/",
        {
            "username": "carla",
            "password": "carla-password-123",
            "otp_token": code(device),
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == "/"


def test_staff_change_their_password_and_stay_logged_in(cast, settings):
    client = cast.client("gina")
    assert client.get("/accounts/password/").status_code == 200
    weak = client.post(
        "/accounts/password/",
        {
            "old_password": "gina-password-123",
            "new_password1": "short",
            "new_password2": "short",
        },
    )
    assert weak.status_code == 200
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "gina-password-123",
            "new_password1": "Ein-viel-laengeres-Passwort-2026",
            "new_password2": "Ein-viel-laengeres-Passwort-2026",
        },
    )
    assert response["Location"] == "/desk/"
    assert client.get("/concerns/").status_code == 200
    cast.gina.refresh_from_db()
    assert cast.gina.check_password("Ein-viel-laengeres-Passwort-2026")


def test_wrong_old_password_changes_nothing(cast):
    client = cast.client("gina")
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "not-it",
            "new_password1": "Ein-viel-laengeres-Passwort-2026",
            "new_password2": "Ein-viel-laengeres-Passwort-2026",
        },
    )
    assert response.status_code == 200
    cast.gina.refresh_from_db()
    assert cast.gina.check_password("gina-password-123")
