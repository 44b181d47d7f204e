"""The cast every test plays with (see STYLE.md).

Office Erzgebirgskreis ("erz"):
  carla  – commissioner          dieter – deputy
  gina   – guide with a client   gustav – guide without assignment
  olga   – office staff          anton  – analyst (aggregates only)
  ada    – administrator
Office Landkreis Görlitz ("gr"):
  otto   – commissioner of the other office
No office:
  stella – state view (aggregates across offices)
"""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Office, Role, RoleGrant, Site, User


@pytest.fixture
def client() -> Client:
    """The anonymous client, in English like logged_in()."""
    return Client(headers={"accept-language": "en"})


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    # Argon2 on purpose is slow; its use is tested in accounts/tests/test_login.py.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def portal_settings(settings, tmp_path):
    # Background tasks (e-mails) run at once; attachments go to a temporary
    # directory; the proof of work is solved in milliseconds.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    settings.PORTAL_MEDIA_ROOT = tmp_path / "media"
    settings.PORTAL_CHALLENGE_COST = 1
    settings.PORTAL_CHALLENGE_COUNTER = (1, 20)
    # Rendered portal pages are cached per office id and version; ids come
    # back after a test's rollback, so every test starts with an empty cache.
    cache.clear()


def make_office(name: str, code: str, slug: str, state: str = "SN") -> Office:
    return Office.objects.create(name=name, code=code, slug=slug, federal_state=state)


def make_user(username: str, office: Office | None, *roles: str, **extra) -> User:
    user = User.objects.create_user(
        username=username,
        password=f"{username}-password-123",
        first_name=username.capitalize(),
        last_name="Test",
        office=office,
        **extra,
    )
    for role in roles:
        RoleGrant.objects.create(user=user, role=role)
    TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return user


def logged_in(user: User) -> Client:
    """A client with a full staff session: password and second factor.

    It asks for English pages so that tests read the source strings; the
    German catalogue is checked by tools/check_translations.py.
    """
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


@dataclass
class Cast:
    erz: Office
    gr: Office
    carla: User
    dieter: User
    gina: User
    gustav: User
    olga: User
    anton: User
    ada: User
    otto: User
    stella: User

    def client(self, name: str) -> Client:
        return logged_in(getattr(self, name))


@pytest.fixture
def cast(db) -> Cast:
    erz = make_office("Erzgebirgskreis", "ERZ", "erzgebirgskreis")
    gr = make_office("Landkreis Görlitz", "GR", "goerlitz")
    Site.objects.create(office=erz, name="Annaberg-Buchholz")
    return Cast(
        erz=erz,
        gr=gr,
        carla=make_user("carla", erz, Role.COMMISSIONER),
        dieter=make_user("dieter", erz, Role.DEPUTY),
        gina=make_user("gina", erz, Role.GUIDE, weekly_hours=40),
        gustav=make_user("gustav", erz, Role.GUIDE, weekly_hours=30),
        olga=make_user("olga", erz, Role.OFFICE_STAFF),
        anton=make_user("anton", erz, Role.ANALYST),
        ada=make_user("ada", erz, Role.ADMINISTRATOR),
        otto=make_user("otto", gr, Role.COMMISSIONER),
        stella=make_user("stella", None, Role.STATE_VIEW),
    )
