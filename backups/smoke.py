"""Smoke checks that a (restored) database works: the main pages of every
office open through the whole stack and show what the database holds."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.html import escape
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user

from accounts.models import Office, Role, User
from cases.models import Concern
from clients.models import Person

from .schema import migration_gaps

# Whole-office roles first: they see every person and concern.
READER_ROLES = [Role.COMMISSIONER, Role.DEPUTY, Role.OFFICE_STAFF, Role.GUIDE]
STATISTICS_ROLES = [Role.COMMISSIONER, Role.DEPUTY, Role.ANALYST]


@dataclass
class Check:
    office: str
    page: str
    url: str = ""
    failure: str = ""
    skipped: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.failure)


def run_smoke_checks() -> list[Check]:
    checks = check_migrations()
    offices = list(Office.objects.order_by("name"))
    if not offices:
        checks.append(Check("-", "offices", failure="the database holds no office"))
    # The test client's host; the configured hosts stay as they are.
    hosts = [*settings.ALLOWED_HOSTS, "testserver"]
    with override_settings(ALLOWED_HOSTS=hosts), transaction.atomic():
        for office in offices:
            checks += check_office_guarded(office)
        # The check's sessions and access log entries are no real reads of
        # anyone's record: nothing it wrote is kept.
        transaction.set_rollback(True)
    return checks


def check_migrations() -> list[Check]:
    gaps = migration_gaps()
    check = Check("-", "migrations (migrate --check)")
    if gaps.unapplied:
        check.failure = "not applied: " + listing(gaps.unapplied)
    elif gaps.unknown:
        check.failure = "unknown to this version of Lotse: " + listing(gaps.unknown)
    return [check]


def listing(names: list[str], most: int = 10) -> str:
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return ", ".join(names[:most]) + more


def check_office_guarded(office: Office) -> list[Check]:
    """An office whose records cannot even be read is one failure, and the
    next office is still checked."""
    try:
        with transaction.atomic():
            return check_office(office)
    except Exception as error:  # any error at all is what a smoke check reports
        return [Check(office.slug, "office", failure=describe_error(error))]


def check_office(office: Office) -> list[Check]:
    public = Client(headers={"accept-language": "en"})
    start = reverse("portal:start", kwargs={"office": office.slug, "lang": "de"})
    checks = [open_page(public, office, "portal start page", start, office.name)]
    reader = staff_member(office, READER_ROLES)
    if reader is None:
        checks.append(skip(office, "staff pages", "no user who sees persons"))
    else:
        checks += check_staff_pages(office, reader)
    analyst = staff_member(office, STATISTICS_ROLES)
    if analyst is None:
        checks.append(skip(office, "statistics", "no user who sees statistics"))
    else:
        dashboard = reverse("reports:office")
        client = logged_in(analyst)
        checks.append(open_page(client, office, "statistics", dashboard, office.name))
    return checks


def check_staff_pages(office: Office, user: User) -> list[Check]:
    client = logged_in(user)
    concern = Concern.objects.visible_to(user).order_by("-opened_on", "-sequence")[:1]
    newest = concern[0] if concern else None
    person = Person.objects.visible_to(user).order_by("-pk").first()
    concern_list = reverse("cases:concern_list") + "?status=all"
    checks = [
        open_page(client, office, "desk", reverse("cases:desk"), str(user)),
        open_page(
            client,
            office,
            "concern list",
            concern_list,
            newest.number if newest else office.name,
        ),
    ]
    if person is None:
        checks.append(skip(office, "person page", "no person"))
    else:
        url = reverse("clients:person_detail", args=[person.pk])
        checks.append(open_page(client, office, "person page", url, person.family_name))
    if newest is None:
        checks.append(skip(office, "concern page", "no concern"))
    else:
        url = newest.get_absolute_url()
        checks.append(open_page(client, office, "concern page", url, newest.number))
    return checks


def open_page(
    client: Client, office: Office, page: str, url: str, expected: str
) -> Check:
    check = Check(office.slug, page, url)
    try:
        # A savepoint: a failing page must not spoil the others' transaction.
        with transaction.atomic():
            response = client.get(url, secure=True)
    except Exception as error:  # any error at all is what a smoke check reports
        check.failure = describe_error(error)
        return check
    if response.status_code != 200:
        check.failure = f"answered {response.status_code}"
    elif escape(expected) not in response.content.decode(errors="replace"):
        check.failure = f"does not show {expected!r}"
    return check


def describe_error(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


def skip(office: Office, page: str, reason: str) -> Check:
    return Check(office.slug, page, skipped=reason)


def staff_member(office: Office, roles: Sequence[str]) -> User | None:
    """The first active member of staff with one of the roles (in that
    order) and a second factor, which a staff session needs."""
    for role in roles:
        users = User.objects.filter(
            office=office, is_active=True, role_grants__role=role
        ).order_by("pk")
        for user in users.distinct():
            if next(devices_for_user(user, confirmed=True), None) is not None:
                return user
    return None


def logged_in(user: User) -> Client:
    """A staff session as after password and second factor."""
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    session = client.session
    device = next(devices_for_user(user, confirmed=True))
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
