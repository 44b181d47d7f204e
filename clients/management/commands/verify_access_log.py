from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import Office
from clients.accesslog import Verdict, verify_chain


class Command(BaseCommand):
    help = (
        "Verify each office's access log chain: recompute every entry's digest "
        "from its anchor on, check that no sequence number is missing and that "
        "the head agrees with the newest entry. Prints per office the entries "
        "verified and the head digest; note that digest outside the system "
        "(e.g. in the daily report), since only a digest noted earlier shows "
        "that the newest entries were cut off together with the head. On a "
        "broken chain it names the first broken entry and exits with status 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--office", help="Code of one office, e.g. ERZ")

    def handle(self, *args, **options) -> None:
        offices = Office.objects.order_by("code")
        if options["office"]:
            offices = offices.filter(code=options["office"])
            if not offices.exists():
                raise CommandError(f"There is no office {options['office']!r}.")
        broken = 0
        for office in offices:
            verdict = verify_chain(office)
            self.stdout.write(describe(verdict))
            broken += not verdict.ok
        if broken:
            raise CommandError(
                f"The access log of {broken} office(s) is broken, see above."
            )


def describe(verdict: Verdict) -> str:
    walk = verdict.walk
    office = f"{verdict.office.code} ({verdict.office.name})"
    if walk.ok:
        return (
            f"{office}: {walk.entries} entries verified up to sequence "
            f"{walk.last_sequence}, head digest {verdict.head_digest}"
        )
    entry = f"entry with sequence {walk.broken_sequence}"
    if walk.broken_id is not None:
        entry += f" (id {walk.broken_id})"
    return (
        f"{office}: BROKEN at the {entry}: {walk.problem}. "
        f"{walk.entries} entries before it verified; head digest "
        f"{verdict.head_digest}"
    )
