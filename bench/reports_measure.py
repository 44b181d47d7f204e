"""One database's half of benchmark "reports", run in its own process.

    DATABASE_URL=... .venv/bin/python -m bench.reports_measure OUT.json

Builds the data when missing (bench/reports_data.py), then times the yearly
report's statistics and the raw GROUP BY beside it, and writes the figures
of this database to OUT.json for bench/reports.py to combine.
"""

import datetime
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

WARM_UP = 1
RUNS = 5
CONCERNS = 1_000_000
RAW_SQL = (
    "SELECT type, COUNT(*) FROM cases_concern "
    "WHERE office_id = %s AND opened_on BETWEEN %s AND %s GROUP BY type"
)


def concerns_wanted() -> int:
    """BENCH_REPORTS_CONCERNS: fewer rows for a quick trial run."""
    return int(os.environ.get("BENCH_REPORTS_CONCERNS") or CONCERNS)


def main(out: Path) -> None:
    from bench.machine import database_version
    from bench.run import configure

    configure()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.reports_data import REPORT_YEAR, ensure_dataset

    # Imported late: the statistics are being changed, their signature is not.
    from reports.statistics import Period, office_report

    concerns = concerns_wanted()
    office = ensure_dataset(concerns)
    period = Period(
        datetime.date(REPORT_YEAR, 1, 1), datetime.date(REPORT_YEAR, 12, 31)
    )

    def report() -> None:
        office_report(office, period)

    month = Period.month_of(datetime.date(REPORT_YEAR, 3, 1))

    def dashboard_month() -> None:
        # The dashboard's default: one month of the same office.
        office_report(office, month)

    def raw_sql() -> None:
        with connection.cursor() as cursor:
            cursor.execute(RAW_SQL, [office.pk, period.start, period.end])
            cursor.fetchall()

    vendor = connection.vendor
    print(f"Measuring on {vendor}: the report and the raw GROUP BY …", flush=True)
    timings = {
        "report": timed(report),
        "raw_sql": timed(raw_sql),
        "dashboard_month": timed(dashboard_month),
    }
    with CaptureQueriesContext(connection) as queries:
        report()
    result = {
        "vendor": vendor,
        "version": database_version(),
        "timings_s": timings,
        "report_queries": len(queries.captured_queries),
        "rows": rows(office),
        "settings": server_settings(),
    }
    out.write_text(json.dumps(result, indent=2) + "\n")


def timed(work: Callable[[], None]) -> list[float]:
    for _n in range(WARM_UP):
        work()
    timings = []
    for _n in range(RUNS):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return timings


def rows(office: Any) -> dict[str, int]:
    from cases.models import Concern, Referral
    from clients.models import Person
    from portal.models import Submission

    return {
        "concerns": Concern.objects.filter(office=office).count(),
        "persons": Person.objects.filter(office=office).count(),
        "concern_person_links": Concern.persons.through.objects.filter(
            concern__office=office
        ).count(),
        "concern_topic_links": Concern.topics.through.objects.filter(
            concern__office=office
        ).count(),
        "referrals": Referral.objects.filter(concern__office=office).count(),
        "portal_submissions": Submission.objects.filter(concern__office=office).count(),
    }


def server_settings() -> dict[str, str]:
    """What shapes the plans on PostgreSQL: the server's defaults unless set."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return {}
    found = {}
    with connection.cursor() as cursor:
        for name in ("shared_buffers", "work_mem", "jit", "max_parallel_workers"):
            cursor.execute(f"SHOW {name}")
            found[name] = str(cursor.fetchone()[0])
    return found


if __name__ == "__main__":
    main(Path(sys.argv[1]))
