"""Benchmark "guides": a recognition list of 100,000 rows checked and committed.

The list is a semicolon CSV in Windows-1252 as an immigration authority's
export would be, with names from the demo's pools (demo/data.py) in their
usual spellings, birth dates over sixty years (some known by year only),
the office's municipalities and recognition dates of the last months. It is
written to var/ once and reused. The run checks and commits it through
guidance.intake_actions for an office of its own (BGUI) and then removes
what it created, so that every run starts alike. The goal is 30 s.

Caseload figures (bench/guides_caseload.py, when present) are merged in.
"""

import csv
import datetime
import io
import platform
import random
import time
from pathlib import Path

import django
from django.core.management import call_command
from django.db import connection, transaction

from accounts.models import Municipality, Office, User
from bench.machine import database_version, machine
from demo.data import ERZ, ORIGINS
from guidance.intake_actions import check_import, receive_list, run_commit
from guidance.models import Care, ImportStatus, RowOutcome

ROWS = 100_000
GOAL_S = 30
SEED = "lotse-bench-guides"
OFFICE_CODE = "BGUI"
HEADER = [
    "Aktenzeichen",
    "Name",
    "Vorname(n)",
    "Geburtsdatum",
    "Staatsangehörigkeit",
    "Wohnort",
    "Anerkannt am",
]
LIST_PATH = Path(__file__).resolve().parent.parent / "var" / "bench-guides-100k.csv"


def run() -> dict:
    call_command("migrate", verbosity=0)
    office, desk = ensure_office()
    content = ensure_list(office)
    clean_up(office)
    started = time.perf_counter()
    found = receive_list(office, desk, content, LIST_PATH.name, "immigration")
    # receive_list leaves long lists to the worker; here it runs in-process.
    check_import(found)
    checked_s = time.perf_counter() - started
    new = found.rows.filter(outcome=RowOutcome.NEW).count()
    run_commit(found.pk, desk.pk)
    total_s = time.perf_counter() - started
    found.refresh_from_db()
    assert found.status == ImportStatus.DONE, found.problem
    created = Care.objects.filter(office=office).count()
    figures = {
        "import_100k_s": round(total_s, 2),
        "import_check_s": round(checked_s, 2),
        "import_commit_s": round(total_s - checked_s, 2),
        "import_rows_per_s": round(ROWS / total_s),
        "import_goal_s": GOAL_S,
    }
    context = {
        "rows": {"list": ROWS, "new": new, "cares_created": created},
        "database": {"vendor": connection.vendor, "version": database_version()},
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "python": platform.python_version(),
        "django": django.get_version(),
    }
    clean_up(office)
    try:
        from bench.guides_caseload import caseload_figures
    except ImportError:
        pass
    else:
        caseload = caseload_figures()
        figures |= caseload.get("figures", caseload)
        context |= caseload.get("context", {})
    return {"figures": figures, "context": context}


def ensure_office() -> tuple[Office, User]:
    office = Office.objects.filter(code=OFFICE_CODE).first()
    if office is None:
        office = Office.objects.create(
            name="Bench: Anerkennungslisten",
            code=OFFICE_CODE,
            slug="bench-guides-import",
            federal_state="SN",
        )
        Municipality.objects.bulk_create(
            Municipality(office=office, name=name, district=district)
            for name, district in ERZ.municipalities
        )
    desk, _created = User.objects.get_or_create(
        username="bench-guides-desk", defaults={"office": office, "first_name": "Bench"}
    )
    return office, desk


def ensure_list(office: Office) -> bytes:
    if LIST_PATH.exists():
        return LIST_PATH.read_bytes()
    rng = random.Random(SEED)
    places = list(office.municipalities.values_list("name", flat=True))
    origins = list(ORIGINS.values())
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    today = datetime.date.today()
    for n in range(ROWS):
        origin = rng.choice(origins)
        given = rng.choice(origin.female if rng.random() < 0.5 else origin.male)
        family = rng.choice(origin.family)
        born = datetime.date(1950, 1, 1) + datetime.timedelta(
            days=rng.randint(0, 26_000)
        )
        year_only = rng.random() < origin.year_only
        writer.writerow(
            [
                f"5{n:07d}-{rng.randint(100, 999)}",
                rng.choice(family[0]),
                rng.choice(given[0]),
                str(born.year) if year_only else born.strftime("%d.%m.%Y"),
                rng.choice(rng.choice(origin.countries)),
                rng.choice(places),
                (today - datetime.timedelta(days=rng.randint(1, 120))).strftime(
                    "%d.%m.%Y"
                ),
            ]
        )
    content = out.getvalue().encode("cp1252", errors="replace")
    LIST_PATH.parent.mkdir(parents=True, exist_ok=True)
    LIST_PATH.write_bytes(content)
    return content


def clean_up(office: Office) -> None:
    """Remove what an import made, so that the next run starts alike.

    Plain SQL: Django's delete() would write a history row for each of
    200,000 deleted objects first.
    """
    persons = "SELECT id FROM clients_person WHERE office_id = %s"
    statements = [
        "DELETE FROM guidance_importrow WHERE source_id IN "
        "(SELECT id FROM guidance_recognitionimport WHERE office_id = %s)",
        "DELETE FROM guidance_recognitionimport WHERE office_id = %s",
        "DELETE FROM guidance_historicalcare WHERE office_id = %s",
        "DELETE FROM guidance_planstep WHERE care_id IN "
        "(SELECT id FROM guidance_care WHERE office_id = %s)",
        "DELETE FROM guidance_care WHERE office_id = %s",
        f"DELETE FROM clients_nationality WHERE person_id IN ({persons})",
        f"DELETE FROM clients_personlanguage WHERE person_id IN ({persons})",
        # The duplicate lookup's keys (issue 8) of the imported persons.
        "DELETE FROM dedupe_personkey WHERE office_id = %s",
        "DELETE FROM clients_historicalperson WHERE office_id = %s",
        "DELETE FROM clients_person WHERE office_id = %s",
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, [office.pk])
