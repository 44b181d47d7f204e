"""What every benchmark result records about the machine it ran on."""

import os
import platform


def machine() -> dict:
    return {
        "cpu_count": os.cpu_count(),
        "platform": platform.machine(),
        # Other work on the machine skews the figures; this shows how much.
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def database_version() -> str:
    """The version of the database the run measures (SQLite: the library's)."""
    import sqlite3

    from django.db import connection

    if connection.vendor == "sqlite":
        return sqlite3.sqlite_version
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return str(cursor.fetchone()[0])
