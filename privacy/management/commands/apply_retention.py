from django.core.management.base import BaseCommand, CommandParser

from accounts.models import Office
from privacy import retention
from privacy.tasks import apply_retention


class Command(BaseCommand):
    help = (
        "Apply every office's retention rules: queue one task per office "
        "(run by manage.py db_worker). Meant for a nightly cron job, e.g. "
        "'15 2 * * * cd /srv/lotse && .venv/bin/python manage.py "
        "apply_retention'. With --dry-run nothing is changed and every record "
        "past its period is listed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what the run would treat; change nothing.",
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        offices = Office.objects.order_by("pk")
        for office in offices:
            if dry_run:
                self._list(office)
            else:
                apply_retention.enqueue(office.pk)
        if not dry_run:
            self.stdout.write(f"Queued the retention run of {len(offices)} offices.")

    def _list(self, office: Office) -> None:
        for item in retention.due(office.pk):
            rows = item.rows.order_by("pk")
            self.stdout.write(
                f"{office.code} {item.rule.kind}: {rows.count()} past "
                f"{item.rule.months} months, then {item.rule.action}"
            )
            for row in rows.iterator(chunk_size=1000):
                self.stdout.write(f"  {row._meta.label_lower} {row.pk}: {row}")
