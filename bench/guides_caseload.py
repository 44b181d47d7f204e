"""Benchmark figures of the caseload page: 30 guides, 2 years, 3,000 cares.

Seed 004's largest district has seven guides; 30 guides and 3,000 cares over
two years (a quarter of them handed over once, about half ended) is a large
county's service. The data lives in its own office of the bench database
(code BCAS), built once with bulk_create and reused while the counts are
right. The page for the last 24 months is timed in-process through
django.test.Client as the office's commissioner, one request after the other.
``bench/guides.py`` merges these figures into ``bench/results/guides.json``.
"""

import datetime
import random
import statistics
import time

from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Municipality, Office, Role, RoleGrant, User
from bench.cases import fetch, logged_in
from clients.models import Person, ResidenceStatus
from demo.data import ERZ
from guidance.models import Care, CareSpell, EndReason, Source
from lib.months import month_index, month_of
from lib.names import name_key

OFFICE_CODE = "BCAS"
GUIDES = 30
CARES = 3_000
DAYS = 2 * 365
MONTHS = 24
WARM_UP = 5
REQUESTS = 50
GOAL_MS = 200
SEED = "lotse-bench-caseload"
COMMISSIONER = "bench-caseload-commissioner"
# Seed 004: 30 to 40 hours a week, a few part-time.
WEEKLY_HOURS = (40, 40, 40, 35, 30, 30, 25)
FAMILY_NAMES = (
    "Ahmadi", "Haddad", "Kovalenko", "Yilmaz", "Hassan", "Karimi", "Noori",
    "Warsame", "Gebremedhin", "Sultani", "Mansour", "Safi", "Rahimi", "Ali",
)  # fmt: skip


def caseload_figures() -> dict:
    ensure_dataset()
    client = logged_in(User.objects.get(username=COMMISSIONER))
    last = timezone.localdate().replace(day=1)
    first = month_of(month_index(last) - (MONTHS - 1))
    url = f"{reverse('guidance:caseload')}?start={first:%Y-%m}&end={last:%Y-%m}"
    for _n in range(WARM_UP):
        fetch(client, url)
    timings = []
    for _n in range(REQUESTS):
        started = time.perf_counter()
        fetch(client, url)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        fetch(client, url)
    percentiles = statistics.quantiles(timings, n=100, method="inclusive")
    return {
        "caseload_page_p50_ms": round(statistics.median(timings), 2),
        "caseload_page_p95_ms": round(percentiles[94], 2),
        "caseload_page_goal_ms": GOAL_MS,
        "caseload_queries": len(queries.captured_queries),
    }


# --- The data ------------------------------------------------------------------


def ensure_dataset() -> Office:
    """Build the office once; later runs reuse it when the counts are right."""
    call_command("migrate", verbosity=0)
    office = Office.objects.filter(code=OFFICE_CODE).first()
    if office and has_dataset(office):
        return office
    if office:
        raise SystemExit(
            f"The bench office {OFFICE_CODE} holds incomplete data. Delete "
            "var/bench-cases.sqlite3 (or the office) to have it built again."
        )
    print(f"Building {GUIDES} guides and {CARES} cares …")
    started = time.perf_counter()
    with transaction.atomic():
        build(random.Random(SEED))
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )
    print(f"Built in {time.perf_counter() - started:.0f} s.")
    return Office.objects.get(code=OFFICE_CODE)


def has_dataset(office: Office) -> bool:
    return (
        Care.objects.filter(office=office).count() == CARES
        and User.objects.filter(office=office, role_grants__role=Role.GUIDE).count()
        == GUIDES
    )


def build(rng: random.Random) -> None:
    office = Office.objects.create(
        name="Bench: Integrationslotsen",
        code=OFFICE_CODE,
        slug="bench-caseload",
        federal_state="MV",
    )
    commissioner = User.objects.create_user(
        username=COMMISSIONER, office=office, first_name="Bench", last_name="Lotsen"
    )
    RoleGrant.objects.create(user=commissioner, role=Role.COMMISSIONER)
    TOTPDevice.objects.create(user=commissioner, name="bench", confirmed=True)
    guides = User.objects.bulk_create(
        User(
            username=f"bench-caseload-guide-{n:02d}",
            office=office,
            first_name="Lotsin",
            last_name=f"{n:02d}",
            weekly_hours=rng.choice(WEEKLY_HOURS),
        )
        for n in range(GUIDES)
    )
    RoleGrant.objects.bulk_create(
        RoleGrant(user=guide, role=Role.GUIDE) for guide in guides
    )
    places = Municipality.objects.bulk_create(
        Municipality(office=office, name=name, district=district)
        for name, district in ERZ.municipalities
    )
    persons = Person.objects.bulk_create(
        person(office, places, n, rng) for n in range(CARES)
    )
    today = timezone.localdate()
    cares, spells = [], []
    for who in persons:
        care, held = care_of(office, commissioner, who, guides, today, rng)
        cares.append(care)
        spells.append(held)
    Care.objects.bulk_create(cares, batch_size=1_000)
    CareSpell.objects.bulk_create(
        (
            CareSpell(care=care, guide=guide, began_on=began, ended_on=ended)
            for care, held in zip(cares, spells, strict=True)
            for guide, began, ended in held
        ),
        batch_size=1_000,
    )


def person(
    office: Office, places: list[Municipality], n: int, rng: random.Random
) -> Person:
    family = f"{rng.choice(FAMILY_NAMES)} {n:04d}"
    return Person(
        office=office,
        family_name=family,
        given_names="Bench",
        name_key=name_key(family, "Bench", ""),
        municipality=rng.choice(places) if rng.random() < 0.9 else None,
        residence_status=rng.choices(
            [
                ResidenceStatus.PROTECTION,
                ResidenceStatus.TEMPORARY_PROTECTION,
                ResidenceStatus.OTHER_PERMIT,
                ResidenceStatus.UNKNOWN,
            ],
            weights=[70, 15, 10, 5],
        )[0],
    )


Held = tuple[User, datetime.date, datetime.date | None]


def care_of(
    office: Office,
    by: User,
    who: Person,
    guides: list[User],
    today: datetime.date,
    rng: random.Random,
) -> tuple[Care, list[Held]]:
    """A care with its spells: a quarter handed over once, about half ended."""
    started = today - datetime.timedelta(days=rng.randint(0, DAYS))
    ended: datetime.date | None = started + datetime.timedelta(
        days=rng.randint(60, 540)
    )
    if ended is not None and ended >= today:
        ended = None
    guide = rng.choice(guides)
    held: list[Held] = []
    until = ended or today
    if rng.random() < 0.25 and (until - started).days > 2:
        handover = started + datetime.timedelta(
            days=rng.randint(1, (until - started).days - 1)
        )
        successor = rng.choice([other for other in guides if other != guide])
        held.append((guide, started, handover - datetime.timedelta(days=1)))
        guide = successor
        started_with = handover
    else:
        started_with = started
    held.append((guide, started_with, ended))
    care = Care(
        office=office,
        person=who,
        guide=guide,
        source=rng.choice(Source.values),
        started_on=started,
        ended_on=ended,
        end_reason=rng.choice(EndReason.values) if ended else "",
        created_by=by,
    )
    return care, held
