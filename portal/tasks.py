"""E-mails to people who left an address: sent by the task worker, not the request.

The tracking code travels as a task argument, so it sits in the task table
until the worker has sent the mail (prune_db_task_results clears it).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from .languages import BY_CODE
from .models import Submission


def enqueue_confirmation(submission: Submission, code: str) -> None:
    send_confirmation.enqueue(submission.pk, code)


def enqueue_answer(submission: Submission) -> None:
    send_answer.enqueue(submission.pk)


def _status_url(submission: Submission, code: str = "") -> str:
    path = reverse(
        "portal:status",
        kwargs={
            "office": submission.concern.office.slug,
            "lang": submission.answer_language or "de",
        },
    )
    query = f"?code={code}" if code else ""
    return f"{settings.PUBLIC_URL}{path}{query}"


def _send(submission: Submission, template: str, context: dict) -> None:
    language = BY_CODE.get(submission.answer_language, BY_CODE["de"])
    with translation.override(language.code):
        subject = render_to_string(f"portal/email/{template}_subject.txt", context)
        body = render_to_string(f"portal/email/{template}.txt", context)
    send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [submission.contact_email],
    )


@task()
def send_confirmation(submission_id: int, code: str) -> None:
    submission = Submission.objects.select_related("concern__office").get(
        pk=submission_id
    )
    context = {
        "submission": submission,
        "office": submission.concern.office,
        "code": code,
        "status_url": _status_url(submission, code),
    }
    _send(submission, "confirmation", context)


@task()
def send_answer(submission_id: int) -> None:
    submission = Submission.objects.select_related("concern__office").get(
        pk=submission_id
    )
    context = {
        "submission": submission,
        "office": submission.concern.office,
        "status_url": _status_url(submission),
    }
    _send(submission, "answer", context)
