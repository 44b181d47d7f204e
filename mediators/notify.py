"""The e-mail that tells a mediator of an offer, sent by the task worker.

It says when, in which language and how, and where to answer; the place and
the contact person are in the mediator's own view, and nothing about the
person or the concern is ever written to a mediator.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from .models import Assignment, AssignmentStatus


@task()
def send_offer(assignment_id: int) -> None:
    assignment = (
        Assignment.objects.select_related(
            "mediator", "request__office", "request__municipality"
        )
        .filter(pk=assignment_id)
        .first()
    )
    # Withdrawn or answered before the worker came to it: nothing to tell.
    if assignment is None or assignment.status != AssignmentStatus.OFFERED:
        return
    mediator, request = assignment.mediator, assignment.request
    if not mediator.email:
        return
    office = request.office
    context = {
        "mediator": mediator,
        "request": request,
        "office": office,
        "starts_at": timezone.localtime(assignment.starts_at),
        "ends_at": timezone.localtime(assignment.ends_at),
        "link": f"{settings.PUBLIC_URL}"
        f"{reverse('mediators:own_detail', args=[assignment.pk])}"
        if mediator.user_id
        else "",
    }
    # The office's language: mediators read their mail in German.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("mediators/email/offer_subject.txt", context)
        body = render_to_string("mediators/email/offer_body.txt", context)
    EmailMessage(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [mediator.email],
        reply_to=[office.email] if office.email else None,
    ).send()
