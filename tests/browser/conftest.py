"""Browser tests: a real headless Chromium against pytest-django's live server.

One Chromium per xdist worker, a fresh browser context per page. Open pages
through ``page``, ``open_context`` or ``staff_page`` so that their requests
are recorded for ``assert_accessible`` (tests/browser/helpers.py).
"""

import os
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from accounts.models import Role, User
from cases.models import FollowUp, Referral
from cases.tests.factories import make_concern, make_partner, make_person, make_topic
from clients.models import Consent, ConsentForm, ConsentPurpose, Household
from conftest import Cast, logged_in, make_user
from directory.models import PartnerContact

from .helpers import record_requests
from .pages import PageData
from .portal_data import build_portal

CHROMIUM = "/usr/bin/chromium"
# No sandbox: Chromium refuses to start as root otherwise (containers, CI).
# The rest keeps Chromium from calling home: only the live server is contacted.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # Playwright's sync API leaves its event loop registered as running in
    # this thread for as long as the browser lives, so Django takes every
    # later ORM call of this worker (browser test or not) for one made from
    # async code and refuses it. The ORM calls are in fact synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def plain_http_cookies(settings) -> None:
    # The live server speaks plain HTTP; secure cookies would never come back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture
def open_context(
    browser: Browser, live_server, plain_http_cookies
) -> Iterator[Callable[..., BrowserContext]]:
    """Factory for browser contexts on the live server, German by default."""
    contexts: list[BrowserContext] = []

    def open_(
        java_script_enabled: bool = True, locale: str = "de-DE"
    ) -> BrowserContext:
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=java_script_enabled,
            locale=locale,
        )
        # Fail within seconds instead of waiting for Playwright's 30 s.
        context.set_default_timeout(10_000)
        record_requests(context, live_server.url, java_script_enabled)
        contexts.append(context)
        return context

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_context) -> Page:
    """An anonymous visitor's page."""
    return open_context().new_page()


def session_key(user: User, second_factor: bool = True) -> str:
    if second_factor:
        client = logged_in(user)
    else:
        client = Client()
        client.force_login(user)
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def staff_page(open_context, live_server) -> Callable[..., Page]:
    """Factory: a page of a logged-in user, without going through the form.

    ``staff_page(cast.carla)`` has the second factor; pass
    ``second_factor=False`` for a user who gave the password only.
    """

    def open_(user: User, second_factor: bool = True, **context_options) -> Page:
        context = open_context(**context_options)
        cookie = {
            "name": django_settings.SESSION_COOKIE_NAME,
            "value": session_key(user, second_factor),
            "url": live_server.url,
        }
        context.add_cookies([cookie])
        return context.new_page()

    return open_


@pytest.fixture
def live_cast(live_server, cast: Cast) -> Cast:
    # With live_server among a test's fixtures pytest-django gives `db` a
    # transactional database, so the root cast is visible to the server.
    return cast


@pytest.fixture
def newcomer(live_cast: Cast) -> User:
    """A user who has a password but has not paired an authenticator app."""
    user = make_user("nele", live_cast.erz, Role.GUIDE)
    TOTPDevice.objects.filter(user=user).delete()
    return user


@pytest.fixture
def page_data(live_cast: Cast, newcomer: User) -> PageData:
    erz, carla, gina = live_cast.erz, live_cast.carla, live_cast.gina
    person = make_person(erz, "Haddad", "Amina", name_original="أمينة حداد")
    person.guides.add(gina)
    concern = make_concern(erz, carla, person, assigned_to=gina)
    partner = make_partner(erz)
    ids = {
        "person": person.pk,
        "concern": concern.pk,
        "partner": partner.pk,
        "contact": PartnerContact.objects.create(
            partner=partner, name="Frau Berger"
        ).pk,
        "topic": make_topic(erz).pk,
        "household": Household.objects.create(office=erz, name="Familie Haddad").pk,
        "follow_up": FollowUp.objects.create(
            concern=concern, due_on=date.today(), note="Anrufen", created_by=carla
        ).pk,
        "referral": Referral.objects.create(
            concern=concern,
            partner=partner,
            shares_personal_data=False,
            created_by=carla,
        ).pk,
        "consent": Consent.objects.create(
            person=person,
            purpose=ConsentPurpose.COUNSELLING,
            form=ConsentForm.ORAL,
            recorded_by=carla,
        ).pk,
        # The portal's staff pages and public pages (portal_data.py).
        **build_portal(live_cast).ids,
    }
    return PageData(live_cast, newcomer, person, concern, partner, ids)
