"""SQLite: online backup through SQLite's backup API, restore the same way."""

import sqlite3
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections

from .contents import Contents, fresh_connection, read_contents
from .errors import BackupError

SUFFIX = "sqlite3"


def dump(target: Path) -> Contents:
    with fresh_connection() as source:
        copy = sqlite3.connect(target)
        try:
            # In one step: one read transaction, so the copy is a single
            # moment, while the application goes on writing to the WAL.
            source.connection.backup(copy)
            # One self-contained file, without -wal and -shm beside it.
            copy.execute("PRAGMA journal_mode=DELETE")
            check_integrity(copy, target.name)
            return read_contents(copy.cursor(), "sqlite")
        finally:
            copy.close()


def ensure_empty() -> None:
    target = database_file()
    database = sqlite3.connect(target)
    try:
        (objects,) = database.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        database.close()
    if objects:
        raise BackupError(
            f"The database {target} is not empty ({objects} tables and indexes); "
            "nothing was restored. Restore only into an empty database: stop "
            "Lotse and move the file away first."
        )


def restore(source: Path) -> Contents:
    backup = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        check_integrity(backup, source.name)
        database = sqlite3.connect(database_file())
        try:
            backup.backup(database)
            # The application's mode (lotse/settings.py), set once in the file.
            database.execute("PRAGMA journal_mode=WAL")
            return read_contents(database.cursor(), "sqlite")
        finally:
            database.close()
    finally:
        backup.close()


def check_integrity(database: sqlite3.Connection, name: str) -> None:
    try:
        problems = [row[0] for row in database.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        raise BackupError(
            f"{name} is not a readable SQLite database: {error}."
        ) from error
    if problems != ["ok"]:
        raise BackupError(
            f"{name} fails SQLite's integrity check: " + "; ".join(problems[:5])
        )


def database_file() -> Path:
    name = str(connections[DEFAULT_DB_ALIAS].settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise BackupError("The configured database lives in memory, not in a file.")
    return Path(name)
