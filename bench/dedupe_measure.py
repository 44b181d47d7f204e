"""One database's half of benchmark "dedupe", run in its own process.

    DATABASE_URL=... .venv/bin/python -m bench.dedupe_measure OUT.json

Builds the data when missing (bench/dedupe_data.py), then times
`dedupe.lookup.likely_persons` for the intake records (INTAKE, after WARM_UP
others), and in a second, untimed pass where the time of a lookup goes:
the key counts query, the candidates query, fetching the candidates and
scoring them. Writes the result of this database to OUT.json for
bench/dedupe.py to combine.
"""

import datetime
import json
import os
import random
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

WARM_UP = 20
INTAKE = 300
KINDS = ("spelling", "swapped", "missing_given", "date_precision", "original_script")
# New persons with the most common names of the register, known by year only.
COMMON_GIVEN = ("Mohammed", "Muhammad", "Mohamad", "Ahmad", "Ahmed", "Ali")
COMMON_FAMILY = ("Ahmad", "Hussein", "Al-Hassan", "Mohammadi", "Ahmadi", "Ali")


def persons_wanted() -> int:
    """BENCH_DEDUPE_PERSONS: fewer persons for a quick trial run."""
    from bench.dedupe_data import PERSONS

    return int(os.environ.get("BENCH_DEDUPE_PERSONS") or PERSONS)


@dataclass(frozen=True)
class Intake:
    record: Any  # dedupe.matching.Record
    person_id: int | None  # the existing person it is a variant of
    kind: str


def main(out: Path) -> None:
    from bench.run import configure

    configure()
    from django.core.cache import cache
    from django.db import connection

    from bench.dedupe_data import ensure_dataset
    from bench.machine import database_version
    from bench.reports_measure import server_settings

    office = ensure_dataset(persons_wanted())
    # office_size is cached; this process's cache is new, but be sure.
    cache.delete(f"dedupe-office-size-{office.pk}")
    records = intake_records(office.pk, WARM_UP + INTAKE)
    warm_up, measured = records[:WARM_UP], records[WARM_UP:]
    print(f"Measuring on {connection.vendor}: {INTAKE} lookups …", flush=True)
    found = timed(office.pk, warm_up, measured)
    parts = breakdown(office.pk, measured)
    result = {
        "vendor": connection.vendor,
        "version": database_version(),
        "settings": server_settings(),
        "timings_ms": [ms for ms, _hit, _n in found],
        "kinds": [intake.kind for intake in measured],
        "found": [hit for _ms, hit, _n in found],
        "results": [n for _ms, _hit, n in found],
        "parts": parts,
        "rows": rows(office.pk),
    }
    out.write_text(json.dumps(result, indent=2) + "\n")


# --- Intake records ----------------------------------------------------------------


def intake_records(office_id: int, count: int) -> list[Intake]:
    """Two thirds variants of existing persons, one third new persons, in a
    fixed order (seeded)."""
    from bench.dedupe_names import SEED, People
    from clients.models import Person
    from dedupe.keys import FIELDS, record_of

    rng = random.Random(f"{SEED}-intake")
    persons = Person.objects.filter(office_id=office_id)
    ids = persons.order_by("pk").values_list("pk", flat=True)
    first, last = ids.first(), ids.last()
    assert first is not None and last is not None
    wanted = count * 2 // 3
    chosen = rng.sample(range(first, last + 1), wanted)
    by_id = {
        values["pk"]: values for values in persons.filter(pk__in=chosen).values(*FIELDS)
    }
    records = [
        variant(rng, record_of(by_id[pk]), pk, KINDS[n % len(KINDS)])
        for n, pk in enumerate(chosen)
        if pk in by_id
    ]
    people = People(random.Random(f"{SEED}-new"))
    while len(records) < count:
        one = people.someone()
        record = record_of(
            {
                "family_name": one.family_name,
                "given_names": one.given_names,
                "name_original": one.name_original,
                "birth_date": one.birth_date,
                "birth_date_precision": one.birth_precision,
                "municipality_id": None,
                "phone": "",
            }
        )
        kind = "new"
        if rng.random() < 0.35:
            kind = "new_common"
            record = replace(
                record,
                family_name=rng.choice(COMMON_FAMILY),
                given_names=rng.choice(COMMON_GIVEN),
                name_original="",
                birth_date=datetime.date(rng.randint(1960, 2010), 1, 1),
                birth_precision="year",
            )
        records.append(Intake(record, None, kind))
    rng.shuffle(records)
    return records


def variant(rng: random.Random, record: Any, person_id: int, kind: str) -> Intake:
    """The person as another intake would write them down."""
    from bench.dedupe_names import variants_of

    if kind == "swapped":
        changed = replace(
            record, family_name=record.given_names, given_names=record.family_name
        )
    elif kind == "missing_given" and record.given_names:
        changed = replace(record, given_names="")
    elif kind == "date_precision" and record.birth_date:
        if record.birth_precision == "year":
            born = record.birth_date.replace(
                month=rng.randint(1, 12), day=rng.randint(1, 28)
            )
            changed = replace(record, birth_date=born, birth_precision="day")
        else:
            born = record.birth_date.replace(month=1, day=1)
            changed = replace(record, birth_date=born, birth_precision="year")
    elif kind == "original_script" and record.name_original:
        changed = replace(record, family_name="", given_names="")
    else:
        kind = "spelling"
        spellings = variants_of()
        changed = record
        parts = ["family_name", "given_names"]
        rng.shuffle(parts)
        for part in parts:
            name = getattr(record, part)
            others = [s for s in spellings.get(name, ()) if s != name]
            if others:
                changed = replace(record, **{part: rng.choice(others)})
                break
        if changed == record:
            kind = "spelling_none"  # no other spelling known: the same again
    # Another intake knows the place half the time, the phone seldom.
    changed = replace(
        changed,
        municipality_id=record.municipality_id if rng.random() < 0.5 else None,
        phone=record.phone if rng.random() < 0.2 else "",
    )
    return Intake(changed, person_id, kind)


# --- Timing --------------------------------------------------------------------------


def timed(
    office_id: int, warm_up: list[Intake], measured: list[Intake]
) -> list[tuple[float, bool | None, int]]:
    """(ms, true person found or None for a new one, results) per lookup."""
    from dedupe.lookup import likely_persons

    for intake in warm_up:
        likely_persons(office_id, intake.record)
    found = []
    for intake in measured:
        started = time.perf_counter()
        results = likely_persons(office_id, intake.record)
        ms = (time.perf_counter() - started) * 1000
        hit = None
        if intake.person_id is not None:
            hit = any(item.person_id == intake.person_id for item in results)
        found.append((ms, hit, len(results)))
    return found


def breakdown(office_id: int, measured: list[Intake]) -> dict[str, Any]:
    """Where a lookup's time goes, per lookup (lists of ms and counts)."""
    import dedupe.lookup
    from dedupe.lookup import likely_persons

    parts: dict[str, list[float]] = {
        name: []
        for name in (
            "total_ms",
            "key_counts_ms",
            "candidates_ms",
            "persons_ms",
            "other_sql_ms",
            "scoring_ms",
            "scored",
            "keys",
        )
    }
    for intake in measured:
        spent = dict.fromkeys(parts, 0.0)
        with sql_timer(spent), scoring_timer(dedupe.lookup, spent):
            started = time.perf_counter()
            likely_persons(office_id, intake.record)
            spent["total_ms"] = (time.perf_counter() - started) * 1000
        spent["keys"] = len(dedupe.lookup.blocking_keys(intake.record))
        for name, value in spent.items():
            parts[name].append(value)
    return parts


@contextmanager
def sql_timer(spent: dict[str, float]) -> Iterator[None]:
    from django.db import connection

    def wrapper(execute: Callable, sql: str, params: Any, many: bool, context: Any):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            ms = (time.perf_counter() - started) * 1000
            if "dedupe_personkey" in sql and "COUNT(" in sql:
                spent["key_counts_ms"] += ms
            elif "dedupe_personkey" in sql:
                spent["candidates_ms"] += ms
            elif "clients_person" in sql and "COUNT(" not in sql:
                spent["persons_ms"] += ms
            else:
                spent["other_sql_ms"] += ms

    with connection.execute_wrapper(wrapper):
        yield


@contextmanager
def scoring_timer(module: Any, spent: dict[str, float]) -> Iterator[None]:
    """`compare` as the lookup calls it, timed and counted."""
    compare = module.compare

    def timed_compare(*args: Any) -> Any:
        started = time.perf_counter()
        try:
            return compare(*args)
        finally:
            spent["scoring_ms"] += (time.perf_counter() - started) * 1000
            spent["scored"] += 1

    module.compare = timed_compare
    try:
        yield
    finally:
        module.compare = compare


def rows(office_id: int) -> dict[str, Any]:
    from django.db import connection

    from clients.models import Person
    from dedupe.models import PersonKey

    persons = Person.objects.filter(office_id=office_id).count()
    keys = PersonKey.objects.filter(office_id=office_id).count()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT key, COUNT(*) FROM dedupe_personkey WHERE office_id = %s "
            "GROUP BY key ORDER BY 2 DESC LIMIT 8",
            [office_id],
        )
        largest = {key: n for key, n in cursor.fetchall()}
    return {
        "persons": persons,
        "person_keys": keys,
        "keys_per_person": round(keys / max(persons, 1), 1),
        "largest_blocks": largest,
    }


if __name__ == "__main__":
    main(Path(sys.argv[1]))
