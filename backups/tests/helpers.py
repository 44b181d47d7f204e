"""The backup commands run against a second database in a process of their
own, the way an operator runs them, and a look into that database."""

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from typing import Any
from urllib.parse import quote

import psycopg
from django.conf import settings


def postgres_url(settings_dict: dict[str, Any], name: str) -> str:
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    host = quote(settings_dict["HOST"] or "localhost", safe="")
    port = settings_dict["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{name}"


def manage(url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`manage.py …` against the database at url."""
    env = {**os.environ, "DATABASE_URL": url}
    # The restored notes were encrypted with the suite's keys (lib/crypto.py).
    keys = getattr(settings, "FIELD_KEYS", [])
    if keys:
        env["LOTSE_FIELD_KEYS"] = ",".join(keys)
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    """Rows of a statement on the database at url, committed at once."""
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        with closing(sqlite3.connect(path, isolation_level=None)) as database:
            return database.execute(sql).fetchall()
    with psycopg.connect(url, autocommit=True) as database:
        cursor = database.execute(sql)
        return cursor.fetchall() if cursor.description else []


def table_names(url: str) -> list[str]:
    if url.startswith("sqlite:///"):
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
    else:
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
    return [name for (name,) in query(url, sql)]
