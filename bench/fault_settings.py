"""bench "portal"'s settings, with SQLite's synchronous mode chosen for a trial.

BENCH_LOAD_SQLITE_SYNCHRONOUS=FULL measures what it would cost to make every
commit durable through a power loss too (lotse/settings.py has NORMAL).
"""

import os

from bench.portal_settings import *  # noqa: F403
from bench.portal_settings import DATABASES

_wanted = os.environ.get("BENCH_LOAD_SQLITE_SYNCHRONOUS", "")
if _wanted and DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _options = DATABASES["default"]["OPTIONS"]
    _options["init_command"] = _options["init_command"].replace(
        "synchronous=NORMAL", f"synchronous={_wanted}"
    )
