import logging

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from backups.smoke import run_smoke_checks


class Command(BaseCommand):
    help = (
        "Check that the configured database works, e.g. after a restore: "
        "migrations complete, and for every office the portal's start page, "
        "the desk, the concern list, a person, a concern and the statistics "
        "open and show what the database holds. Writes nothing (all in one "
        "transaction that is rolled back); exits non-zero on any failure."
    )

    def handle(self, *args, **options) -> None:
        # A failing page is one line below; its traceback (Django logs it as
        # an "Internal Server Error") only with --verbosity 2.
        requests = logging.getLogger("django.request")
        level = requests.level
        if options["verbosity"] < 2:
            requests.setLevel(logging.CRITICAL)
        try:
            checks = run_smoke_checks()
        except DatabaseError as error:
            raise CommandError(f"The database cannot be read: {error}") from error
        finally:
            requests.setLevel(level)
        for check in checks:
            if check.failed:
                state, note = "FAIL", check.failure
            elif check.skipped:
                state, note = "skip", check.skipped
            else:
                state, note = "ok", ""
            line = f"{state:4}  {check.office}  {check.page}  {check.url}  {note}"
            self.stdout.write(line.rstrip())
        failed = [c for c in checks if c.failed]
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(checks)} smoke checks failed:\n"
                + "\n".join(f"  {c.office} {c.page}: {c.failure}" for c in failed)
            )
        skipped = sum(1 for c in checks if c.skipped)
        self.stdout.write(
            f"No failures: {len(checks) - skipped} checks passed, {skipped} skipped."
        )
