"""What a database holds, in the numbers a restore is checked against."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

# Tables only: indexes, views and sequences come back with them.
TABLES_SQL = {
    "sqlite": (
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
    ),
    "postgresql": (
        "SELECT tablename FROM pg_catalog.pg_tables "
        "WHERE schemaname = ANY (current_schemas(false)) ORDER BY tablename"
    ),
}


@dataclass(frozen=True)
class Contents:
    tables: dict[str, int]
    migrations: dict[str, str]

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def read_contents(cursor: Any, vendor: str) -> Contents:
    """Rows per table and the last applied migration per app.

    Takes a plain DB-API cursor so that a SQLite file that is not the
    configured database (a backup being made or restored) can be read too.
    """
    cursor.execute(TABLES_SQL[vendor])
    names = [name for (name,) in cursor.fetchall()]
    tables = {}
    for name in names:
        cursor.execute(f"SELECT count(*) FROM {quote(name)}")
        tables[name] = cursor.fetchone()[0]
    return Contents(tables=tables, migrations=last_migrations(cursor, names))


def last_migrations(cursor: Any, tables: list[str]) -> dict[str, str]:
    if "django_migrations" not in tables:
        return {}
    cursor.execute("SELECT app, name FROM django_migrations")
    last: dict[str, str] = {}
    for app, name in cursor.fetchall():
        # Migration names start with their number, so the greatest is the last.
        last[app] = max(last.get(app, ""), name)
    return dict(sorted(last.items()))


def differences(expected: dict[str, int], found: dict[str, int]) -> list[str]:
    """Each table whose rows differ, as a line for the operator."""
    lines = []
    for name in sorted(expected.keys() | found.keys()):
        if name not in found:
            lines.append(f"{name}: missing (expected {expected[name]} rows)")
        elif name not in expected:
            lines.append(f"{name}: not in the manifest ({found[name]} rows)")
        elif expected[name] != found[name]:
            lines.append(f"{name}: {found[name]} rows, expected {expected[name]}")
    return lines


def quote(name: str) -> str:
    """An identifier quoted the same way for SQLite and PostgreSQL."""
    return '"' + name.replace('"', '""') + '"'


@contextmanager
def fresh_connection() -> Iterator[BaseDatabaseWrapper]:
    """A connection to the configured database of its own, so that what it
    does is apart from whatever the caller does on the usual one."""
    connection = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        connection.ensure_connection()
        yield connection
    finally:
        connection.close()
