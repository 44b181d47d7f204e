"""Facts about the portal benchmark's database, as JSON on stdout.

Run by bench/portal.py as ``python -m bench.portal_db <office-slug>`` with the
server's environment: the benchmark's own process is configured for another
database (bench/run.py's configure()), so it asks a process of the server's.
"""

import json
import sys

import django


def facts(slug: str) -> dict:
    from django.db import connection

    from accounts.models import Office
    from bench.machine import database_version
    from cases.models import Concern
    from portal.models import Submission

    office = Office.objects.filter(slug=slug).first()
    return {
        "vendor": connection.vendor,
        "version": database_version(),
        "offices": Office.objects.count(),
        "office_exists": office is not None,
        "concerns": Concern.objects.filter(office=office).count(),
        "submissions": Submission.objects.filter(concern__office=office).count(),
    }


if __name__ == "__main__":
    django.setup()
    print(json.dumps(facts(sys.argv[1])))
