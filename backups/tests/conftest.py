"""A second, empty database of the suite's engine for the restore tests."""

import uuid
from collections.abc import Iterator

import pytest
from django.db import connection

from .helpers import postgres_url


@pytest.fixture
def empty_database(transactional_db, tmp_path) -> Iterator[str]:
    """DATABASE_URL of a new empty database: a new SQLite file, or a new
    database on the suite's PostgreSQL server, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"lotse_restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        # template0 is never connected to, so parallel workers cannot collide.
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    try:
        yield postgres_url(connection.settings_dict, name)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
