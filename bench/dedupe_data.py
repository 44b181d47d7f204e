"""The data of benchmark "dedupe": an office of a million persons and their keys.

One office of its own (BDUP) with the persons of bench/dedupe_names.py and
their blocking keys (dedupe.matching.blocking_keys, as dedupe.keys stores
them) in dedupe_personkey. Written with raw SQL in one transaction
(executemany on SQLite, COPY on PostgreSQL; bench.reports_data.Rows gives
every other column its default), then ANALYZE; reused while the office has
the right number of persons. When the keys of a sample of persons are no
longer what blocking_keys makes (the matcher changed), the office's keys are
written again.
"""

import datetime
import random
import time

from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

from accounts.models import Municipality, Office
from bench.dedupe_names import REFERENCE, SEED, People
from bench.reports_data import Rows, analyze, next_id, stamp_format
from clients.models import Person
from dedupe.keys import FIELDS, record_of
from dedupe.matching import blocking_keys
from dedupe.models import PersonKey
from demo.data import ERZ
from lib.names import name_key

OFFICE_CODE = "BDUP"
PERSONS = 1_000_000
BATCH = 20_000
SAMPLE = 300  # persons whose stored keys are compared with blocking_keys


def ensure_dataset(persons: int) -> Office:
    """The bench office with `persons` persons and their keys, built when missing."""
    call_command("migrate", verbosity=0)
    office = Office.objects.filter(code=OFFICE_CODE).first()
    if office is None:
        return build(persons)
    if (found := Person.objects.filter(office=office).count()) != persons:
        raise SystemExit(
            f"The bench office {OFFICE_CODE} holds {found:,} persons, not "
            f"{persons:,}. Delete its database (var/bench-dedupe*.sqlite3, or the "
            "PostgreSQL database) to have it built again."
        )
    if not keys_current(office):
        print("The blocking keys have changed: writing them again …", flush=True)
        started = time.perf_counter()
        fast_writes()
        with transaction.atomic():
            PersonKey.objects.filter(office=office).delete()
            write_keys(office)
        analyze()
        connection.close()
        print(f"Keys written in {time.perf_counter() - started:.0f} s.", flush=True)
    return office


def fast_writes() -> None:
    if connection.vendor == "sqlite":
        # Only for this connection; the measured lookups use a new one.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-1000000")


def build(count: int) -> Office:
    print(f"Building {count:,} persons and their blocking keys …", flush=True)
    started = time.perf_counter()
    fast_writes()
    with transaction.atomic():
        office = make_office()
        build_persons(office, count)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Person]):
                cursor.execute(sql)
        write_keys(office)
    print(f"  inserted in {time.perf_counter() - started:.0f} s", flush=True)
    analyze()
    connection.close()
    print(f"Built in {time.perf_counter() - started:.0f} s.", flush=True)
    return office


def make_office() -> Office:
    office = Office.objects.create(
        name="Bench: Dubletten",
        code=OFFICE_CODE,
        slug="bench-dedupe",
        federal_state="SN",
    )
    Municipality.objects.bulk_create(
        Municipality(office=office, name=name, district=district)
        for name, district in ERZ.municipalities
    )
    return office


def build_persons(office: Office, count: int) -> None:
    started = time.perf_counter()
    rng = random.Random(SEED)
    people = People(rng)
    stamp = stamp_format()
    places = list(
        Municipality.objects.filter(office=office).values_list("pk", flat=True)
    )
    rows = Rows(
        Person,
        [
            "id",
            "office_id",
            "family_name",
            "given_names",
            "name_original",
            "birth_date",
            "birth_date_precision",
            "gender",
            "municipality_id",
            "phone",
            "name_key",
            "created_at",
            "updated_at",
        ],
    )
    folded: dict[tuple[str, str, str], str] = {}
    batch: list[tuple] = []
    first = next_id(Person)
    for pk in range(first, first + count):
        one = people.someone()
        names = (one.family_name, one.given_names, one.name_original)
        key = folded.get(names)
        if key is None:
            key = folded[names] = name_key(*names)
        # Registered at some time over the last eight years.
        since = REFERENCE - datetime.timedelta(days=rng.randrange(8 * 365))
        created = stamp(since, 9, rng.randrange(60))
        batch.append(
            (
                pk,
                office.pk,
                one.family_name,
                one.given_names,
                one.name_original,
                one.birth_date.isoformat() if one.birth_date else None,
                one.birth_precision,
                one.gender,
                rng.choice(places) if one.has_municipality else None,
                one.phone,
                key,
                created,
                created,
            )
        )
        if len(batch) == BATCH:
            rows.insert(batch)
            batch.clear()
            if rows.count % 100_000 == 0:
                print(f"  persons: {rows.count:,} of {count:,}", flush=True)
    rows.insert(batch)
    seconds = time.perf_counter() - started
    print(f"  {rows.count:,} persons in {seconds:.0f} s", flush=True)


def write_keys(office: Office) -> int:
    """The blocking keys of every person of the office, as dedupe.keys makes
    them; the number written."""
    started = time.perf_counter()
    keys = Rows(PersonKey, ["office_id", "person_id", "key"])
    total = Person.objects.filter(office=office).count()
    persons = Person.objects.filter(office=office).order_by("pk").values(*FIELDS)
    batch: list[tuple] = []
    done = 0
    for values in persons.iterator(chunk_size=BATCH):
        person = values["pk"]
        batch.extend(
            (office.pk, person, key) for key in blocking_keys(record_of(values))
        )
        done += 1
        if len(batch) >= BATCH * 10:
            keys.insert(batch)
            batch.clear()
        if done % 100_000 == 0:
            print(f"  keys: {done:,} of {total:,} persons", flush=True)
    keys.insert(batch)
    seconds = time.perf_counter() - started
    print(f"  {keys.count:,} keys of {done:,} persons in {seconds:.0f} s", flush=True)
    return keys.count


def keys_current(office: Office) -> bool:
    """Whether the stored keys of a sample of persons are blocking_keys'."""
    persons = Person.objects.filter(office=office)
    ids = list(persons.order_by("pk").values_list("pk", flat=True)[:SAMPLE])
    stored: dict[int, set[str]] = {pk: set() for pk in ids}
    for person, key in PersonKey.objects.filter(person_id__in=ids).values_list(
        "person_id", "key"
    ):
        stored[person].add(key)
    for values in persons.filter(pk__in=ids).values(*FIELDS):
        if stored[values["pk"]] != blocking_keys(record_of(values)):
            return False
    return True
