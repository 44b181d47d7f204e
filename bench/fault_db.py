"""What benchmark "load" finds in the database after the run, as JSON on stdout.

Run by bench/fault.py as ``python -m bench.fault_db <forms.json>`` with the
server's environment (its database and its SECRET_KEY, which signed the
form tokens). The file holds the office, the moment the run began and, per
form the clients sent, its signed form_token, the tracking code of its
receipt (or "") and the marker in its text.
"""

import datetime
import json
import sys
from collections import Counter
from pathlib import Path

import django


def facts(sent: dict) -> dict:
    from django.db import connection

    from bench.fault_client import MARKER
    from bench.machine import database_version
    from portal.forms import form_token_value
    from portal.models import Attachment, Submission, code_digest

    since = datetime.datetime.fromisoformat(sent["since"])
    run = Submission.objects.filter(
        concern__office__slug=sent["office"], created_at__gte=since
    )
    stored = {
        token: (digest, text)
        for token, digest, text in run.values_list(
            "form_token", "code_digest", "concern__description"
        )
    }
    forms = []
    for form in sent["forms"]:
        row = stored.get(form_token_value(form["token"])) if form["token"] else None
        forms.append(
            {
                "stored": row is not None,
                # The receipt's code is the one stored with this very form.
                "code_matches": bool(
                    row and form["code"] and row[0] == code_digest(form["code"])
                ),
            }
        )
    known = {form_token_value(form["token"]) for form in sent["forms"] if form["token"]}
    markers = Counter(marker_of(text, MARKER) for _digest, text in stored.values())
    return {
        "vendor": connection.vendor,
        "version": database_version(),
        "integrity": integrity(),
        "synchronous": synchronous(),
        "forms": forms,
        "acknowledged_stored": acknowledged_stored(
            [code_digest(form["code"]) for form in sent["forms"] if form["code"]]
        ),
        "rows": len(stored),
        # Stored during the run, but from no form the clients sent.
        "rows_unknown": len(stored.keys() - known),
        # The same message (same marker) stored more than once.
        "duplicates": sum(n - 1 for marker, n in markers.items() if marker),
        "rows_without_marker": markers[""],
        "attachments": Attachment.objects.filter(submission__in=run).count(),
        "submissions_in_office": Submission.objects.filter(
            concern__office__slug=sent["office"]
        ).count(),
    }


def marker_of(text: str, pattern) -> str:
    found = pattern.search(text)
    return found.group(1) if found else ""


def acknowledged_stored(digests: list[str]) -> int:
    """How many of the acknowledged codes have their submission in the database."""
    from portal.models import Submission

    found = 0
    for start in range(0, len(digests), 500):
        chunk = digests[start : start + 500]
        found += Submission.objects.filter(code_digest__in=chunk).count()
    return found


def synchronous() -> str:
    """When a commit reaches the disk, as the server's connections have it."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA synchronous")
            mode = ["OFF", "NORMAL", "FULL", "EXTRA"][cursor.fetchone()[0]]
            return f"synchronous={mode}"
        settings = []
        for name in ("synchronous_commit", "fsync"):
            cursor.execute(f"SHOW {name}")
            settings.append(f"{name}={cursor.fetchone()[0]}")
        return ", ".join(settings)


def integrity() -> str:
    """SQLite's own check of the file after the crash; "" elsewhere."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return ""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA integrity_check")
        return "; ".join(str(row[0]) for row in cursor.fetchall())


if __name__ == "__main__":
    django.setup()
    print(json.dumps(facts(json.loads(Path(sys.argv[1]).read_text()))))
