"""E-mails about appointments, sent by the task worker.

The cancellation link's secret travels only in the confirmation task's
arguments; the reminder, sent a day ahead, points back to that e-mail
instead of keeping the secret in the task table for days.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from portal.languages import BY_CODE, SOURCE

from .models import Appointment, AppointmentStatus

REMINDER_AHEAD = datetime.timedelta(hours=24)


def after_booking(appointment_id: int, token: str) -> None:
    """Queue the confirmation now and the reminder for the day before."""
    appointment = Appointment.objects.get(pk=appointment_id)
    if not appointment.email:
        return
    send_confirmation.enqueue(appointment_id, token)
    remind_at = appointment.starts_at - REMINDER_AHEAD
    # The immediate backend (tests, no worker) cannot wait; there the
    # reminder is sent by calling the task, see schedule/tests/test_emails.py.
    if remind_at > timezone.now() and send_reminder.get_backend().supports_defer:
        send_reminder.using(run_after=remind_at).enqueue(appointment_id)


def cancel_url(appointment: Appointment, token: str) -> str:
    path = reverse(
        "hours:appointment",
        kwargs={
            "office": appointment.office.slug,
            "lang": appointment.portal_language or SOURCE.code,
            "token": token,
        },
    )
    return f"{settings.PUBLIC_URL}{path}"


def _send(appointment: Appointment, template: str, context: dict) -> None:
    language = BY_CODE.get(appointment.portal_language, SOURCE)
    context = {
        "appointment": appointment,
        "office": appointment.office,
        "language": language,
        "starts_at": timezone.localtime(appointment.starts_at),
        "ends_at": timezone.localtime(appointment.ends_at),
        **context,
    }
    with translation.override(language.code):
        subject = render_to_string(f"schedule/email/{template}_subject.txt", context)
        body = render_to_string(f"schedule/email/{template}.txt", context)
    send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [appointment.email],
    )


def _load(appointment_id: int) -> Appointment:
    return Appointment.objects.select_related("office", "site", "rule__room").get(
        pk=appointment_id
    )


@task()
def send_confirmation(appointment_id: int, token: str) -> None:
    appointment = _load(appointment_id)
    _send(appointment, "confirmation", {"cancel_url": cancel_url(appointment, token)})


@task()
def send_reminder(appointment_id: int) -> None:
    appointment = _load(appointment_id)
    # Cancelled or moved since it was queued: nothing to remind of.
    if appointment.status != AppointmentStatus.BOOKED or appointment.reminder_sent_at:
        return
    if appointment.is_past:
        return
    _send(appointment, "reminder", {})
    appointment.reminder_sent_at = timezone.now()
    appointment.save(update_fields=["reminder_sent_at"])


@task()
def send_cancelled(appointment_id: int) -> None:
    appointment = _load(appointment_id)
    _send(appointment, "cancelled", {})
