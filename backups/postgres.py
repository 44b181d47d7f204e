"""PostgreSQL: pg_dump's custom format, restored by pg_restore."""

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

from .contents import Contents, fresh_connection, read_contents
from .errors import BackupError

SUFFIX = "dump"
# Debian keeps the programs of each major version here; PATH may lack them.
PG_BIN = Path("/usr/lib/postgresql/15/bin")
# Connection options of DATABASES' OPTIONS that the programs take from libpq's
# environment, like the application's own connection does.
LIBPQ_ENVIRONMENT = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}


def dump(target: Path) -> Contents:
    pg_dump = find_program("pg_dump")
    with fresh_connection() as connection:
        connection.set_autocommit(False)
        with connection.cursor() as cursor:
            # pg_dump joins this transaction's snapshot, so the dump and the
            # counts of the manifest see the same moment while Lotse writes on.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
            run(
                pg_dump,
                "--format=custom",
                "--no-password",
                f"--snapshot={snapshot}",
                f"--file={target}",
            )
            return read_contents(cursor, "postgresql")


def ensure_empty() -> None:
    with fresh_connection() as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_catalog.pg_class c "
            "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'"
        )
        (relations,) = cursor.fetchone()
        name = connection.settings_dict["NAME"]
    if relations:
        raise BackupError(
            f"The database {name} is not empty ({relations} tables, indexes and "
            "sequences); nothing was restored. Restore only into an empty "
            "database: drop it and create it anew first (dropdb, createdb)."
        )


def restore(source: Path) -> Contents:
    pg_restore = find_program("pg_restore")
    name = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]
    # Everything or nothing (one transaction, stop at the first error); the
    # objects belong to whoever restores, whatever roles the old server had.
    try:
        run(
            pg_restore,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--no-password",
            f"--dbname={name}",
            str(source),
        )
    except BackupError as error:
        raise BackupError(
            f"{error}\nNothing was restored (one transaction)."
        ) from error
    with fresh_connection() as connection, connection.cursor() as cursor:
        # pg_restore leaves the planner without statistics.
        cursor.execute("ANALYZE")
        return read_contents(cursor, "postgresql")


def find_program(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(PG_BIN))
    if found is None:
        raise BackupError(
            f"{name} was found neither on PATH nor in {PG_BIN}. Install the "
            "PostgreSQL 15 client programs (Debian: postgresql-client-15)."
        )
    return found


def run(program: str, *arguments: str) -> None:
    settings_dict = connections[DEFAULT_DB_ALIAS].settings_dict
    try:
        done = subprocess.run(
            [program, *arguments],
            env=libpq_environment(settings_dict),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as error:
        raise BackupError(f"{program} could not be started: {error}") from error
    if done.returncode != 0:
        message = done.stderr.strip() or "no message"
        raise BackupError(
            f"{Path(program).name} failed (exit code {done.returncode}): {message}"
        )


def libpq_environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    """The connection of DATABASES for a child program; the password goes
    through the environment, never the command line (others see that)."""
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
    }
    options = settings_dict.get("OPTIONS") or {}
    for option, variable in LIBPQ_ENVIRONMENT.items():
        values[variable] = options.get(option)
    return {**os.environ, **{k: str(v) for k, v in values.items() if v}}
