"""Build the demo installation; every step can run again without duplicating.

Offices, places, partners, topics and staff are looked up by their natural
keys and created only when missing. Invented clients and their concerns are
generated for an office only while it has no persons at all.
"""

from base64 import b32decode
from binascii import hexlify
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Municipality, Office, RoleGrant, Site, User
from cases.actions import seed_topics
from cases.models import Concern
from clients.models import Person
from directory.seed import seed_partners

from . import generate
from .data import (
    DEMO_PASSWORD,
    LATER_STAFF,
    OFFICES,
    STATE_STAFF,
    OfficeSpec,
    StaffSpec,
    totp_secret,
)
from .dedupe import seed_dedupe
from .guidance import seed_guidance
from .housing import seed_housing
from .mediators import seed_mediators
from .portal import seed_portal
from .privacy import seed_privacy
from .reports import seed_reports
from .schedule import seed_schedule

# Scale of the random parts with --small: enough to click through, quick in tests.
SMALL = 0.1


@dataclass
class Summary:
    offices: int
    users: int
    persons: int
    concerns: int
    generated_for: list[str]


def load(small: bool = False) -> Summary:
    with transaction.atomic():
        build_structure()
    generated = []
    for spec in OFFICES:
        office = Office.objects.get(code=spec.code)
        if not office.persons.exists():
            with transaction.atomic():
                populate(office, spec, SMALL if small else 1.0)
            generated.append(office.name)
    with transaction.atomic():
        add_later_staff()
    # After the generated concerns, so that the portal's new ones number last.
    with transaction.atomic():
        for office in Office.objects.all():
            seed_portal(office)
    for office in Office.objects.all():
        seed_schedule(office)
        seed_mediators(office)
        seed_guidance(office)
        seed_reports(office)
        seed_dedupe(office)
        seed_housing(office)
        seed_privacy(office)
    return Summary(
        offices=Office.objects.count(),
        users=User.objects.count(),
        persons=Person.objects.count(),
        concerns=Concern.objects.count(),
        generated_for=generated,
    )


def add_later_staff() -> None:
    password = make_password(DEMO_PASSWORD)
    for code, specs in LATER_STAFF.items():
        office = Office.objects.get(code=code)
        for spec in specs:
            ensure_user(spec, office, password)


def build_structure() -> None:
    # One hash for all: the password is the same, and Argon2 is slow on purpose.
    password = make_password(DEMO_PASSWORD)
    for spec in OFFICES:
        office = ensure_office(spec)
        ensure_places(office, spec)
        seed_partners(office, spec.partners)
        seed_topics(office)
        for staff in spec.staff:
            ensure_user(staff, office, password)
    for staff in STATE_STAFF:
        ensure_user(staff, None, password)


def ensure_office(spec: OfficeSpec) -> Office:
    office, _created = Office.objects.get_or_create(
        code=spec.code,
        defaults={
            "name": spec.name,
            "slug": spec.slug,
            "federal_state": spec.federal_state,
            "commissioner_title": spec.commissioner_title,
            "address": spec.address,
            "email": spec.email,
        },
    )
    return office


def ensure_places(office: Office, spec: OfficeSpec) -> None:
    for name, address, accessibility in spec.sites:
        Site.objects.get_or_create(
            office=office,
            name=name,
            defaults={"address": address, "accessibility": accessibility},
        )
    for name, district in spec.municipalities:
        Municipality.objects.get_or_create(
            office=office, name=name, defaults={"district": district}
        )


def ensure_user(spec: StaffSpec, office: Office | None, password: str) -> User:
    user, _created = User.objects.get_or_create(
        username=spec.username,
        defaults={
            "first_name": spec.first_name,
            "last_name": spec.last_name,
            "email": f"{spec.username}@lotse-demo.example",
            "office": office,
            "weekly_hours": spec.weekly_hours,
            "federal_state": spec.federal_state,
            "password": password,
        },
    )
    for role in spec.roles:
        RoleGrant.objects.get_or_create(user=user, role=role)
    TOTPDevice.objects.get_or_create(
        user=user,
        name="Demo",
        defaults={"key": totp_key(spec.username), "confirmed": True},
    )
    return user


def totp_key(username: str) -> str:
    """The device key (hex) for the documented base32 secret of a demo user."""
    return hexlify(b32decode(totp_secret(username))).decode()


def populate(office: Office, spec: OfficeSpec, scale: float) -> None:
    generate.populate(
        office,
        spec,
        clients=max(4, round(spec.clients * scale)),
        concerns=max(6, round(spec.concerns * scale)),
        seed=f"lotse-demo-{spec.code}",
    )
