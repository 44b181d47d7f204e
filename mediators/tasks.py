"""Upkeep reminders by e-mail, sent by the task worker (see upkeep.py)."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from accounts.models import Office, User

from .access import POOL_ROLES
from .upkeep import Upkeep, due_reminders


def pool_staff(office: Office) -> list[User]:
    """Who keeps the office's pool and can be written to."""
    found = User.objects.filter(
        office=office, is_active=True, role_grants__role__in=POOL_ROLES
    )
    return list(found.exclude(email="").distinct().order_by("pk"))


def _send(template: str, context: dict, to: str, office: Office) -> None:
    subject = render_to_string(
        f"mediators/email/upkeep_{template}_subject.txt", context
    )
    body = render_to_string(f"mediators/email/upkeep_{template}.txt", context)
    EmailMessage(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [to],
        reply_to=[office.email] if office.email else None,
    ).send()


@task()
def send_upkeep_reminders(office_id: int, on: str = "") -> int:
    """Remind the pool's staff (one summary) and each mediator (their own
    points); ``on`` is the day the job was queued, so that a worker running
    after midnight does not skip the 1st. Returns the number of e-mails."""
    office = Office.objects.get(pk=office_id)
    today = datetime.date.fromisoformat(on) if on else timezone.localdate()
    due = due_reminders(office, today)
    if not due:
        return 0
    staff = pool_staff(office)
    link = settings.PUBLIC_URL + reverse("mediators:upkeep")
    with translation.override(settings.LANGUAGE_CODE):
        for member in staff:
            context = {"office": office, "rows": due, "link": link, "staff": member}
            _send("staff", context, member.email, office)
        written = [row for row in due if row.mediator.email]
        for row in written:
            _send(
                "mediator", _mediator_context(office, row), row.mediator.email, office
            )
    return len(staff) + len(written)


def _mediator_context(office: Office, row: Upkeep) -> dict:
    mediator = row.mediator
    return {
        "office": office,
        "mediator": mediator,
        "issues": row.issues,
        "languages": mediator.languages.all(),
    }
