"""Benchmark "mediators": ranking the candidates for a request at scale.

5,000 mediators in one office (far more than any county has: the ranking
must not care), 40 languages spread like real demand (Zipf: a few languages
carry most requests, many are rare), dialects where they matter, weekly
windows, municipalities, and 200,000 past assignments over two years with
feedback, plus the coming weeks' offered and accepted ones that make
mediators busy. Then `rank()` runs in-process for 200 requests of varied
languages, dialects, modes, places and times; the goal is p95 < 50 ms.

The data lives in its own office of the bench database (var/bench-cases.
sqlite3 without DATABASE_URL), built once with bulk_create and reused while
the counts are right; the other benchmarks' data is left alone.
"""

import datetime
import platform
import random
import statistics
import time
from decimal import Decimal

import django
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Municipality, Office, User
from bench.machine import database_version, machine
from demo.data import ERZ
from mediators.models import (
    Assignment,
    AssignmentStatus,
    Availability,
    Mediator,
    MediatorLanguage,
    Mode,
    Qualification,
    Rate,
    RateScheme,
    Request,
    RequestStatus,
)
from mediators.ranking import rank

MEDIATORS = 5_000
ASSIGNMENTS = 200_000
UPCOMING = 2_000
DAYS = 2 * 365
RANKS = 200
WARM_UP = 20
GOAL_MS = 50
SEED = "lotse-bench-mediators"
OFFICE_CODE = "BMED"
BATCH = 2_000

# The 40 languages by how often the office needs them; Zipf weights 1/rank.
LANGUAGES = [
    "ukr", "ara", "prs", "rus", "tur", "fas", "pus", "kmr", "ckb", "apc",
    "tir", "som", "sqi", "srp", "ron", "bul", "pol", "vie", "urd", "amh",
    "aze", "hye", "kat", "bos", "hrv", "mkd", "spa", "por", "fra", "eng",
    "zho", "tgk", "uzb", "kir", "swa", "hun", "ell", "lit", "ita", "arz",
]  # fmt: skip
DIALECTS = {
    "ara": ["Levantine", "Iraqi", "Egyptian", "Gulf", "Maghrebi"],
    "prs": ["Kabuli", "Herati", "Hazaragi"],
    "pus": ["Kandahari", "Yusufzai"],
    "kmr": ["Badini", "Serhedi"],
    "ckb": ["Sulaimani", "Hewleri"],
    "apc": ["Syrian", "Lebanese"],
    "fas": ["Tehrani"],
    "som": ["Northern", "Benadiri"],
}
FIRST_NAMES = [
    "Farid", "Mina", "Zalmai", "Rania", "Karwan", "Olena", "Dmytro", "Aylin",
    "Mehmet", "Tesfay", "Hodan", "Arben", "Milica", "Ioana", "Nguyen", "Amina",
    "Sahar", "Yusuf", "Natalia", "Giorgi", "Anahit", "Elif", "Bashir", "Layla",
]  # fmt: skip
LAST_NAMES = [
    "Ahmadi", "Rahimi", "Noori", "Haddad", "Ali", "Kovalenko", "Shevchenko",
    "Yilmaz", "Demir", "Gebremedhin", "Warsame", "Hoxha", "Petrović", "Popescu",
    "Tran", "Hassan", "Karimi", "Sultani", "Ivanova", "Beridze", "Petrosyan",
    "Kaya", "Safi", "Mansour",
]  # fmt: skip


def run() -> dict:
    office = ensure_dataset()
    rng = random.Random(SEED)
    requests = bench_requests(office, rng, WARM_UP + RANKS)
    for request in requests[:WARM_UP]:
        rank(request)
    timings, sizes = [], []
    for request in requests[WARM_UP:]:
        started = time.perf_counter()
        candidates = rank(request)
        timings.append((time.perf_counter() - started) * 1000)
        sizes.append(len(candidates))
    with CaptureQueriesContext(connection) as queries:
        rank(requests[0])
    percentiles = statistics.quantiles(timings, n=100, method="inclusive")
    figures = {
        "rank_p50_ms": round(statistics.median(timings), 2),
        "rank_p95_ms": round(percentiles[94], 2),
        "ranks_per_second": round(1000 * len(timings) / sum(timings), 1),
        "rank_goal_ms": GOAL_MS,
        "rank_queries": len(queries.captured_queries),
        "candidates_mean": round(statistics.mean(sizes), 1),
        "candidates_max": max(sizes),
    }
    return {"figures": figures, "context": context(office)}


# --- The data ------------------------------------------------------------------


def ensure_dataset() -> Office:
    """Build the pool once; later runs reuse it when the counts are right."""
    call_command("migrate", verbosity=0)
    office = Office.objects.filter(code=OFFICE_CODE).first()
    if office and has_dataset(office):
        return office
    if office:
        raise SystemExit(
            f"The bench office {OFFICE_CODE} holds an incomplete pool. Delete "
            "var/bench-cases.sqlite3 (or the office) to have it built again."
        )
    print(f"Building {MEDIATORS} mediators and {ASSIGNMENTS} assignments (a minute) …")
    started = time.perf_counter()
    rng = random.Random(SEED)
    with transaction.atomic():
        office = Office.objects.create(
            name="Bench: Sprachmittlerpool",
            code=OFFICE_CODE,
            slug="bench-mediators",
            federal_state="SN",
        )
        desk = User.objects.create_user(
            username="bench-mediators-desk", office=office, first_name="Bench"
        )
        Municipality.objects.bulk_create(
            Municipality(office=office, name=name, district=district)
            for name, district in ERZ.municipalities
        )
        mediators = build_pool(office, rng)
        build_history(office, desk, mediators, rng)
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )
    print(f"Built in {time.perf_counter() - started:.0f} s.")
    return office


def has_dataset(office: Office) -> bool:
    assignments = Assignment.objects.filter(mediator__office=office)
    return (
        Mediator.objects.filter(office=office).count() == MEDIATORS
        and assignments.count() == ASSIGNMENTS + UPCOMING
    )


def zipf(count: int) -> list[float]:
    return [1 / rank for rank in range(1, count + 1)]


def build_pool(office: Office, rng: random.Random) -> list[Mediator]:
    scheme = RateScheme.objects.create(office=office, name="Honorarordnung")
    Rate.objects.create(
        scheme=scheme,
        valid_from=datetime.date(2020, 1, 1),
        hourly=Decimal("15.00"),
        per_km=Decimal("0.30"),
        travel_minutes_cap=60,
    )
    today = timezone.localdate()
    mediators = []
    for n in range(MEDIATORS):
        draw = rng.random()
        mediators.append(
            Mediator(
                office=office,
                first_name=rng.choice(FIRST_NAMES),
                last_name=f"{rng.choice(LAST_NAMES)} {n:04d}",
                email=f"mediator{n}@example.org",
                qualification=rng.choice(Qualification.values),
                on_site=rng.random() < 0.85,
                by_phone=rng.random() < 0.5,
                by_video=rng.random() < 0.3,
                rate_scheme=scheme,
                pledge_signed_on=today - datetime.timedelta(days=400),
                pledge_valid_until=None
                if draw < 0.02
                else today + datetime.timedelta(days=rng.randint(30, 900)),
                conduct_valid_until=today
                + datetime.timedelta(
                    days=rng.randint(-200, -1) if draw > 0.95 else rng.randint(30, 900)
                ),
                confirmed_on=today - datetime.timedelta(days=rng.randint(0, 500)),
                active=rng.random() < 0.95,
            )
        )
    mediators = Mediator.objects.bulk_create(mediators, batch_size=BATCH)
    weights = zipf(len(LANGUAGES))
    languages, windows, covered = [], [], []
    municipalities = list(Municipality.objects.filter(office=office))
    through = Mediator.municipalities.through
    for mediator in mediators:
        spoken: set[str] = set()
        for _n in range(rng.choices([1, 2, 3], [6, 3, 1])[0]):
            spoken.add(rng.choices(LANGUAGES, weights)[0])
        for code in spoken:
            dialects = DIALECTS.get(code, [])
            languages.append(
                MediatorLanguage(
                    mediator=mediator,
                    language=code,
                    dialect=rng.choice(dialects)
                    if dialects and rng.random() < 0.6
                    else "",
                    level=rng.choices([4, 3, 2, 1], [50, 30, 15, 5])[0],
                )
            )
        for weekday in rng.sample(
            range(6), rng.choices([0, 1, 2, 3, 4], [1, 2, 3, 3, 1])[0]
        ):
            start = rng.randint(7, 12)
            windows.append(
                Availability(
                    mediator=mediator,
                    weekday=weekday,
                    start=datetime.time(start),
                    end=datetime.time(min(22, start + rng.randint(3, 8))),
                )
            )
        if rng.random() > 0.4:
            for municipality in rng.sample(municipalities, rng.randint(1, 5)):
                covered.append(
                    through(mediator_id=mediator.pk, municipality_id=municipality.pk)
                )
    MediatorLanguage.objects.bulk_create(languages, batch_size=BATCH)
    Availability.objects.bulk_create(windows, batch_size=BATCH)
    through.objects.bulk_create(covered, batch_size=BATCH)
    return mediators


def speakers_by_language(office: Office) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    rows = MediatorLanguage.objects.filter(mediator__office=office).values_list(
        "language", "mediator_id"
    )
    for language, mediator_id in rows:
        found.setdefault(language, []).append(mediator_id)
    return found


def build_history(
    office: Office, desk: User, mediators: list[Mediator], rng: random.Random
) -> None:
    """Two years of requests with one assignment each, then the coming weeks'."""
    speakers = speakers_by_language(office)
    languages = [code for code in LANGUAGES if code in speakers]
    weights = zipf(len(languages))
    # Some mediators are asked far more often than others.
    busyness = {m.pk: rng.paretovariate(1.5) for m in mediators}
    municipalities = list(Municipality.objects.filter(office=office))
    now = timezone.now()
    made = 0
    while made < ASSIGNMENTS + UPCOMING:
        count = min(BATCH, ASSIGNMENTS + UPCOMING - made)
        upcoming = made >= ASSIGNMENTS
        requests, picks = [], []
        for _n in range(count):
            language = rng.choices(languages, weights)[0]
            pool = speakers[language]
            mediator_id = rng.choices(pool, [busyness[pk] for pk in pool])[0]
            if upcoming:
                day = timezone.localdate() + datetime.timedelta(days=rng.randint(1, 28))
            else:
                day = timezone.localdate() - datetime.timedelta(
                    days=rng.randint(1, DAYS)
                )
            starts_at = timezone.make_aware(
                datetime.datetime.combine(
                    day, datetime.time(rng.randint(7, 16), rng.choice([0, 15, 30, 45]))
                )
            )
            minutes = rng.choice([30, 45, 60, 60, 90, 120, 180])
            mode = rng.choices(Mode.values, [8, 3, 1])[0]
            if upcoming:
                status = rng.choice(
                    [AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED]
                )
            else:
                status = rng.choices(
                    [
                        AssignmentStatus.DONE,
                        AssignmentStatus.CANCELLED,
                        AssignmentStatus.DECLINED,
                    ],
                    [88, 4, 8],
                )[0]
            requests.append(
                Request(
                    office=office,
                    language=language,
                    starts_at=starts_at,
                    minutes=minutes,
                    mode=mode,
                    municipality=rng.choice(municipalities)
                    if mode == Mode.ON_SITE
                    else None,
                    contact=desk,
                    created_by=desk,
                    status=request_status(status),
                )
            )
            picks.append((mediator_id, status))
        requests = Request.objects.bulk_create(requests, batch_size=BATCH)
        assignments = []
        for request, (mediator_id, status) in zip(requests, picks, strict=True):
            done = status == AssignmentStatus.DONE
            assignments.append(
                Assignment(
                    request=request,
                    mediator_id=mediator_id,
                    starts_at=request.starts_at,
                    ends_at=request.starts_at
                    + datetime.timedelta(minutes=request.minutes),
                    status=status,
                    offered_at=min(now, request.starts_at) - datetime.timedelta(days=3),
                    worked_minutes=request.minutes if done else None,
                    travel_minutes=rng.randint(0, 60) if done else None,
                    km=Decimal(rng.randint(0, 600)) / 10 if done else None,
                    rating=rng.choices([5, 4, 3, 2, 1], [45, 35, 12, 5, 3])[0]
                    if done and rng.random() < 0.7
                    else None,
                )
            )
        Assignment.objects.bulk_create(assignments, batch_size=BATCH)
        made += count


def request_status(status: str) -> str:
    statuses: dict[str, str] = {
        AssignmentStatus.DONE: RequestStatus.DONE,
        AssignmentStatus.CANCELLED: RequestStatus.CANCELLED,
        AssignmentStatus.DECLINED: RequestStatus.UNFILLED,
        AssignmentStatus.OFFERED: RequestStatus.OPEN,
        AssignmentStatus.ACCEPTED: RequestStatus.FILLED,
    }
    return statuses[status]


# --- The requests ranked -------------------------------------------------------


def bench_requests(office: Office, rng: random.Random, count: int) -> list[Request]:
    """Unsaved requests for the coming weeks, drawn like the demand: the
    benchmark leaves the database as it found it."""
    desk = User.objects.get(username="bench-mediators-desk")
    municipalities = list(Municipality.objects.filter(office=office))
    weights = zipf(len(LANGUAGES))
    found = []
    for _n in range(count):
        language = rng.choices(LANGUAGES, weights)[0]
        dialects = DIALECTS.get(language, [])
        day = timezone.localdate() + datetime.timedelta(days=rng.randint(1, 28))
        mode = rng.choices(Mode.values, [8, 3, 1])[0]
        found.append(
            Request(
                office=office,
                language=language,
                dialect=rng.choice(dialects) if dialects and rng.random() < 0.5 else "",
                starts_at=timezone.make_aware(
                    datetime.datetime.combine(
                        day, datetime.time(rng.randint(7, 17), rng.choice([0, 30]))
                    )
                ),
                minutes=rng.choice([30, 60, 90, 120]),
                mode=mode,
                municipality=rng.choice(municipalities)
                if mode == Mode.ON_SITE
                else None,
                contact=desk,
                created_by=desk,
            )
        )
    return found


# --- The circumstances ---------------------------------------------------------


def context(office: Office) -> dict:
    assignments = Assignment.objects.filter(mediator__office=office)
    return {
        "rows": {
            "mediators": Mediator.objects.filter(office=office).count(),
            "mediator_languages": MediatorLanguage.objects.filter(
                mediator__office=office
            ).count(),
            "availability_windows": Availability.objects.filter(
                mediator__office=office
            ).count(),
            "assignments": assignments.count(),
            "requests": Request.objects.filter(office=office).count(),
        },
        "database": {"vendor": connection.vendor, "version": database_version()},
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "ranks": RANKS,
        "warm_up_ranks": WARM_UP,
        "languages": f"{len(LANGUAGES)}, Zipf-weighted in pool and requests",
        "measured": "mediators.ranking.rank() in-process, one after the other",
    }
