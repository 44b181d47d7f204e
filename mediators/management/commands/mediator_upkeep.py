from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.models import Office
from mediators.tasks import send_upkeep_reminders


class Command(BaseCommand):
    help = (
        "Queue the upkeep reminders of the language mediator pool for every "
        "office: to the pool's staff a summary, to each mediator their own "
        "points (data not confirmed for a year, documents running out). Meant "
        "for a daily cron job, e.g. "
        "'30 6 * * * cd /srv/lotse && .venv/bin/python manage.py mediator_upkeep'; "
        "e-mails go out only on the 1st of each month, on other days the "
        "queued task sends nothing. The task worker (manage.py db_worker) "
        "sends them."
    )

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        offices = list(Office.objects.order_by("pk").values_list("pk", flat=True))
        for office_id in offices:
            send_upkeep_reminders.enqueue(office_id, today.isoformat())
        self.stdout.write(
            f"Queued the mediator upkeep reminders of {len(offices)} offices "
            f"for {today:%Y-%m-%d}."
        )
