"""Benchmark "cases": concern list, concern page and name search at county scale.

100,000 concerns and 30,000 persons in one office (ten years of a large
county), measured in-process with django.test.Client as the commissioner,
who sees the whole office. The data comes from the demo's generator, so the
names, their spellings and the shape of the cases are the demo's.
"""

import datetime
import platform
import random
import statistics
import time
from collections.abc import Iterator
from urllib.parse import urlencode

import django
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Office, User
from bench.machine import database_version, machine
from cases.models import Concern
from clients.models import Person
from demo import build, generate
from demo.data import ERZ, spelling_variants

CONCERNS = 100_000
PERSONS = 30_000
YEARS = 10
SEED = "lotse-bench-cases"
USERNAME = "beauftragter"  # the demo's commissioner of the Erzgebirgskreis
PER_PAGE = 25
GOAL_P95_MS = 100
WARM_UP = 20
REQUESTS = {"concern_list": 200, "concern_page": 300, "name_search": 200}


def run() -> dict:
    office = ensure_dataset()
    client = logged_in(User.objects.get(username=USERNAME))
    rng = random.Random(SEED)
    urls = {
        "concern_list": list_urls(rng),
        "concern_page": page_urls(office, rng),
        "name_search": search_urls(office, rng),
    }
    figures: dict[str, float | int] = {}
    for name, batch in urls.items():
        figures |= measure(client, name, batch)
    figures |= count_queries(client)
    # The goal is p95 <= 100 ms; below 1 means the goal is met.
    for name in urls:
        figures[f"{name}_p95_vs_goal"] = round(
            figures[f"{name}_p95_ms"] / GOAL_P95_MS, 2
        )
    return {
        "figures": figures,
        "context": context(office) | {"goal_p95_ms": GOAL_P95_MS},
    }


# --- The data ------------------------------------------------------------------


def ensure_dataset() -> Office:
    """Build the data once; later runs reuse it when the counts are right."""
    call_command("migrate", verbosity=0)
    office = Office.objects.filter(code=ERZ.code).first()
    if office and has_dataset(office):
        return office
    if office and office.persons.exists():
        raise SystemExit(
            "The benchmark database holds other data. Use an empty database, "
            "or delete var/bench-cases.sqlite3 to have it built again."
        )
    print(f"Building {CONCERNS} concerns and {PERSONS} persons (a few minutes) …")
    started = time.perf_counter()
    with transaction.atomic():
        build.build_structure()
        office = Office.objects.get(code=ERZ.code)
        generate.populate(
            office,
            ERZ,
            clients=PERSONS,
            concerns=CONCERNS,
            seed=SEED,
            days=365 * YEARS,
        )
    with connection.cursor() as cursor:
        # Fresh statistics, so that the planner sees the tables as they are;
        # on PostgreSQL also the visibility map that autovacuum would set, so
        # that index-only scans work as they would in a running office.
        vacuum = connection.vendor == "postgresql"
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    print(f"Built in {time.perf_counter() - started:.0f} s.")
    return office


def has_dataset(office: Office) -> bool:
    return office.persons.count() == PERSONS and office.concerns.count() == CONCERNS


# --- The requests --------------------------------------------------------------


def logged_in(user: User) -> Client:
    """A client with a full staff session: password and second factor."""
    client = Client()
    client.force_login(user)
    session = client.session
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    assert device is not None, f"{user} has no confirmed device"
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def list_urls(rng: random.Random) -> list[str]:
    """All concerns, not only the open ones, on pages drawn across the list."""
    pages = -(-CONCERNS // PER_PAGE)
    url = reverse("cases:concern_list")
    count = WARM_UP + REQUESTS["concern_list"]
    return [
        f"{url}?status=all&per_page={PER_PAGE}&page={rng.randint(1, pages)}"
        for _n in range(count)
    ]


def page_urls(office: Office, rng: random.Random) -> list[str]:
    ids = list(office.concerns.order_by("pk").values_list("pk", flat=True))
    count = WARM_UP + REQUESTS["concern_page"]
    return [reverse("cases:concern_detail", args=[pk]) for pk in rng.sample(ids, count)]


def search_urls(office: Office, rng: random.Random) -> list[str]:
    url = reverse("cases:search")
    count = WARM_UP + REQUESTS["name_search"]
    terms = search_terms(office, rng, count)
    return [f"{url}?{urlencode({'q': term})}" for term in terms]


def search_terms(office: Office, rng: random.Random, count: int) -> Iterator[str]:
    """Names as staff type them: often another spelling than the stored one."""
    variants = spelling_variants()

    def respelled(name: str) -> str:
        return rng.choice(variants.get(name, (name,)))

    ids = list(office.persons.order_by("pk").values_list("pk", flat=True))
    names = Person.objects.filter(pk__in=rng.sample(ids, count)).order_by("pk")
    for family, given, original in names.values_list(
        "family_name", "given_names", "name_original"
    ):
        draw = rng.random()
        if draw < 0.2 and original:
            yield original
        elif draw < 0.6 or not given:
            yield respelled(family)
        else:
            yield f"{respelled(given.split()[0])} {respelled(family)}"


def measure(client: Client, name: str, urls: list[str]) -> dict[str, float]:
    for url in urls[:WARM_UP]:
        fetch(client, url)
    timings = []
    for url in urls[WARM_UP:]:
        started = time.perf_counter()
        fetch(client, url)
        timings.append((time.perf_counter() - started) * 1000)
    percentiles = statistics.quantiles(timings, n=100, method="inclusive")
    return {
        f"{name}_p50_ms": round(statistics.median(timings), 2),
        f"{name}_p95_ms": round(percentiles[94], 2),
        # One client after the other: what a single worker serves.
        f"{name}_rps": round(1000 * len(timings) / sum(timings), 1),
    }


def fetch(client: Client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")


def count_queries(client: Client) -> dict[str, int]:
    counts = {}
    for per_page in (25, 100):
        url = f"{reverse('cases:concern_list')}?status=all&per_page={per_page}"
        with CaptureQueriesContext(connection) as queries:
            fetch(client, url)
        counts[f"concern_list_queries_{per_page}"] = len(queries.captured_queries)
    return counts


# --- The circumstances ---------------------------------------------------------


def context(office: Office) -> dict:
    return {
        "rows": {
            "concerns": Concern.objects.filter(office=office).count(),
            "persons": Person.objects.filter(office=office).count(),
        },
        "database": {"vendor": connection.vendor, "version": database_version()},
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "requests": REQUESTS,
        "warm_up_requests": WARM_UP,
        "user": "commissioner (sees the whole office)",
        "concern_list": f"status=all, per_page={PER_PAGE}, pages drawn at random",
        "name_search": "names of random persons, often in another spelling",
    }
