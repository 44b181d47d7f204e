"""Benchmark "reports": the yearly report's statistics over a million concerns.

`reports.statistics.office_report` for a whole year of one office with
1,000,000 concerns (bench/reports_data.py), on SQLite and on PostgreSQL 15,
beside one raw `SELECT type, COUNT(*) … GROUP BY type` over the same rows,
and their ratio. The goal is at most 2 s and at most 1.5 × the raw SQL;
reported, not asserted.

Each database is measured in a process of its own (bench/reports_measure.py)
with its DATABASE_URL: SQLite in var/bench-reports.sqlite3, PostgreSQL in
the server named by LOTSE_BENCH_PG_URL or else in one this benchmark starts
(data directory var/bench-pg, kept between runs, on a free port). The data
is built once per database and reused.
"""

import datetime
import json
import os
import platform
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import django
import psycopg

from bench.machine import machine
from bench.reports_measure import CONCERNS, RAW_SQL, RUNS, WARM_UP, concerns_wanted

ROOT = Path(__file__).resolve().parent.parent
GOAL_S = 2
GOAL_RATIO = 1.5
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_DATA = ROOT / "var" / "bench-pg"
# In figure names, as the issue spells them.
SHORT = {"sqlite": "sqlite", "postgresql": "postgres"}


def run() -> dict:
    concerns = concerns_wanted()
    measured: dict[str, dict[str, Any]] = {}
    wanted = databases()
    if "sqlite" in wanted:
        measured["sqlite"] = measure(sqlite_url(concerns), concerns)
    if "postgresql" in wanted:
        given = os.environ.get("LOTSE_BENCH_PG_URL")
        if given:
            measured["postgresql"] = measure(given, concerns)
            measured["postgresql"]["server"] = "LOTSE_BENCH_PG_URL"
        else:
            with own_server() as server:
                url = own_database(server, concerns)
                measured["postgresql"] = measure(url, concerns)
            measured["postgresql"]["server"] = "started by the benchmark (var/bench-pg)"
    figures: dict[str, float | int] = {}
    for vendor, found in measured.items():
        figures |= vendor_figures(SHORT[vendor], found["timings_s"])
        figures[f"report_{SHORT[vendor]}_queries"] = found["report_queries"]
    figures |= {"report_goal_s": GOAL_S, "ratio_goal": GOAL_RATIO}
    return {"figures": figures, "context": context(measured, concerns)}


def databases() -> list[str]:
    """BENCH_REPORTS_DATABASES=sqlite (or postgresql) measures only that one."""
    names = os.environ.get("BENCH_REPORTS_DATABASES") or "sqlite,postgresql"
    found = [name.strip() for name in names.split(",") if name.strip()]
    unknown = set(found) - set(SHORT)
    if unknown or not found:
        raise SystemExit(f"BENCH_REPORTS_DATABASES: one or both of {', '.join(SHORT)}")
    return found


def measure(url: str, concerns: int) -> dict[str, Any]:
    """Build if needed and measure in a process of its own on that database."""
    return measure_in_process(
        "bench.reports_measure", url, {"BENCH_REPORTS_CONCERNS": str(concerns)}
    )


def measure_in_process(module: str, url: str, env: dict[str, str]) -> dict[str, Any]:
    """`python -m module OUT.json` with that DATABASE_URL (and env); its OUT.json."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "measured.json"
        env = os.environ | env | {"DATABASE_URL": url}
        command = [sys.executable, "-m", module, str(out)]
        if subprocess.run(command, env=env, cwd=ROOT).returncode:
            raise SystemExit(f"The measurement on {url} failed (see above).")
        return json.loads(out.read_text())


def vendor_figures(short: str, timings: dict[str, list[float]]) -> dict[str, float]:
    figures = {}
    for name, runs in timings.items():
        figures[f"{name}_{short}_s"] = round(statistics.median(runs), 4)
        quantiles = statistics.quantiles(runs, n=20, method="inclusive")
        figures[f"{name}_{short}_p95_s"] = round(quantiles[18], 4)
        figures[f"{name}_{short}_min_s"] = round(min(runs), 4)
    ratio = statistics.median(timings["report"]) / statistics.median(timings["raw_sql"])
    figures[f"ratio_{short}"] = round(ratio, 2)
    return figures


def sqlite_url(concerns: int) -> str:
    # A trial run with fewer rows gets its own file and keeps the full one.
    suffix = "" if concerns == CONCERNS else f"-{concerns}"
    return f"sqlite:///{ROOT / 'var' / f'bench-reports{suffix}.sqlite3'}"


# --- A PostgreSQL server of the benchmark's own -----------------------------------


@contextmanager
def own_server() -> Iterator[str]:
    """PostgreSQL 15 on a free port of 127.0.0.1 for this run, stopped after.

    The data directory stays, so that the data is built only once. Started as
    .ci/run does it: as the postgres user (the server refuses root), without
    fsync (the build writes gigabytes; the measured runs only read).
    """
    if not (PG_DATA / "PG_VERSION").exists():
        print(f"Creating a PostgreSQL data directory in {PG_DATA} …", flush=True)
        PG_DATA.mkdir(parents=True, exist_ok=True)
        PG_DATA.chmod(0o700)
        if os.getuid() == 0:
            shutil.chown(PG_DATA, "postgres", "postgres")
        initdb: list[str | Path] = [PG_BIN / "initdb", "-D", PG_DATA, "-A", "trust"]
        as_postgres([*initdb, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"])
    if as_postgres([PG_BIN / "pg_ctl", "-D", PG_DATA, "status"], check=False) == 0:
        raise SystemExit(
            f"A server already runs on {PG_DATA} (another run?). Stop it with "
            f"{PG_BIN / 'pg_ctl'} -D {PG_DATA} stop (as the postgres user)."
        )
    port = free_port()
    options = (
        f"-p {port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c full_page_writes=off"
    )
    log = PG_DATA / "server.log"
    as_postgres(
        [PG_BIN / "pg_ctl", "-D", PG_DATA, "-l", log, "-w", "-o", options, "start"]
    )
    try:
        yield f"postgres://postgres@127.0.0.1:{port}"
    finally:
        as_postgres([PG_BIN / "pg_ctl", "-D", PG_DATA, "-m", "fast", "stop"])


def as_postgres(command: list[str | Path], check: bool = True) -> int:
    words = [str(word) for word in command]
    if os.getuid() == 0:
        words = ["su", "postgres", "-s", "/bin/sh", "-c", shlex.join(words)]
    done = subprocess.run(words, check=check, stdout=subprocess.DEVNULL)
    return done.returncode


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def own_database(server: str, concerns: int) -> str:
    """The bench's database on its own server, created when missing."""
    name = "lotse_bench_reports" + ("" if concerns == CONCERNS else f"_{concerns}")
    return database_on(server, name)


def database_on(server: str, name: str) -> str:
    """The URL of database `name` on the server, created when missing."""
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


# --- The circumstances ---------------------------------------------------------


def measured_context(
    measured: dict[str, dict[str, Any]],
    per_database: Callable[[dict[str, Any]], dict[str, Any]] = lambda found: {},
) -> dict:
    """What a benchmark run on both databases records about them."""
    first = next(iter(measured.values()))
    return {
        "rows": first["rows"],
        # SQLite is the reference: run.py names the file after this vendor,
        # so a run of both writes one file. Both are under "measured".
        "database": {
            "vendor": first["vendor"],
            "version": first["version"],
            "measured": {
                vendor: {
                    "version": found["version"],
                    "server": found.get("server", "file in var/"),
                    "settings": found["settings"],
                    "rows": found["rows"],
                    **per_database(found),
                }
                for vendor, found in measured.items()
            },
        },
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "python": platform.python_version(),
        "django": django.get_version(),
    }


def context(measured: dict[str, dict[str, Any]], concerns: int) -> dict:
    return {
        **measured_context(measured),
        "period": "the whole year of one office (Period 1 Jan – 31 Dec)",
        "warm_up_runs": WARM_UP,
        "runs": RUNS,
        "figures": "median of the runs; _p95_s and _min_s beside it",
        "raw_sql": " ".join(RAW_SQL.split()),
        "concerns_wanted": concerns,
    }
