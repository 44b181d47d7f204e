"""Removing what identifies a person while keeping what the statistics count.

Each function takes the rows to treat and returns how many rows of which
table it changed or deleted. What stays is what the office's statistics
read (reports/breakdowns.py): a concern's type, channel, topics, site,
dates, status and outcome and the link to its persons; a person's residence
status, nationalities, languages and municipality; a care's kind and dates;
a mediator assignment with its hours (a payment record). Free text, names,
contact data, dates of birth, consents, name keys and every earlier version
in the history tables go, because the earlier versions hold what was just
removed.

Updates go through QuerySet.update(), which writes no new history rows.
Callers run these inside one transaction.
"""

from collections import Counter

from django.apps import apps
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from cases.models import Activity, Concern, FollowUp, Referral
from clients.models import Consent, Household, Person
from dedupe.models import Merge, PersonKey
from guidance.models import Care, CareSpell, ImportRow, PlanStep
from mediators.models import Request
from portal.models import Attachment, Submission
from schedule.models import Appointment, WalkIn

# A concern's subject is required; this stands in for the removed one.
BLANK_SUBJECT = "–"
BLANK_NAME = "–"


def _forget_history(model: type[models.Model], pks: list[int]) -> int:
    history = getattr(model, "history", None)
    if history is None or not pks:
        return 0
    deleted, _ = history.model.objects.filter(id__in=pks).delete()
    return deleted


def _changed(counts: Counter, model: type[models.Model], n: int) -> None:
    if n:
        counts[model._meta.label_lower] += n


def _update(counts: Counter, rows: QuerySet, **values: object) -> list[int]:
    pks = list(rows.values_list("pk", flat=True).distinct())
    if pks:
        model = rows.model
        model._default_manager.filter(pk__in=pks).update(**values)
        _changed(counts, model, len(pks))
        forgotten = _forget_history(model, pks)
        if forgotten:
            _changed(counts, model.history.model, forgotten)
    return pks


def _update_plain(counts: Counter, rows: QuerySet, **values: object) -> None:
    """For tables without history."""
    _changed(counts, rows.model, rows.update(**values))


def _delete(counts: Counter, rows: QuerySet) -> None:
    _, per_model = rows.delete()
    for label, n in per_model.items():
        if n:
            counts[label.lower()] += n


def delete(rows: QuerySet) -> Counter:
    """Delete rows and their dependants without a trace in the history
    tables: a deletion makes simple_history write one last version holding
    the row's values, which is removed at once."""
    counts: Counter = Counter()
    started = timezone.now()
    _, per_model = rows.delete()
    for label, n in per_model.items():
        if not n:
            continue
        counts[label.lower()] += n
        model = apps.get_model(label)
        history = getattr(model, "history", None)
        if history is not None:
            last_versions = history.model.objects.filter(
                history_type="-", history_date__gte=started
            )
            _changed(counts, history.model, last_versions.delete()[0])
    return counts


def delete_attachments(counts: Counter, attachments: QuerySet[Attachment]) -> None:
    """The files first: a row without its file is harmless, the reverse not."""
    for attachment in attachments:
        attachment.file.delete(save=False)
    _delete(counts, attachments)


def blank_submissions(counts: Counter, submissions: QuerySet[Submission]) -> None:
    delete_attachments(counts, Attachment.objects.filter(submission__in=submissions))
    _update_plain(
        counts,
        submissions,
        contact_name="",
        contact_email="",
        contact_phone="",
        place="",
        public_answer="",
    )


def concerns(
    concerns: QuerySet[Concern], *, mediator_requests_too: bool = True
) -> Counter:
    """Texts of the concerns and of everything recorded on them (the
    mediator requests made for them unless kept on a ground of their own)."""
    counts: Counter = Counter()
    pks = list(concerns.values_list("pk", flat=True))
    _update(counts, Activity.objects.filter(concern_id__in=pks), notes="")
    _update(counts, FollowUp.objects.filter(concern_id__in=pks), note="")
    _update(counts, Referral.objects.filter(concern_id__in=pks), reason="", result="")
    blank_submissions(counts, Submission.objects.filter(concern_id__in=pks))
    if mediator_requests_too:
        counts.update(mediator_requests(Request.objects.filter(concern_id__in=pks)))
    _update(
        counts,
        Concern.objects.filter(pk__in=pks),
        subject=BLANK_SUBJECT,
        description="",
        outcome_note="",
        group_description="",
        anonymised_at=timezone.now(),
    )
    return counts


def cares(cares: QuerySet[Care]) -> Counter:
    counts: Counter = Counter()
    pks = list(cares.values_list("pk", flat=True))
    _update(counts, PlanStep.objects.filter(care_id__in=pks), note="")
    _update_plain(counts, CareSpell.objects.filter(care_id__in=pks), handover_note="")
    _update(
        counts,
        Care.objects.filter(pk__in=pks),
        end_note="",
        anonymised_at=timezone.now(),
    )
    return counts


def appointments(rows: QuerySet[Appointment]) -> Counter:
    counts: Counter = Counter()
    _update(counts, rows, client=None, name="", email="", phone="", subject="")
    return counts


def walk_ins(rows: QuerySet[WalkIn]) -> Counter:
    counts: Counter = Counter()
    _update_plain(counts, rows, name="")
    return counts


def mediator_requests(rows: QuerySet[Request]) -> Counter:
    """Where the mediator was sent (often a home); the contact is staff."""
    counts: Counter = Counter()
    _update(counts, rows.exclude(place=""), place="")
    return counts


def persons(rows: QuerySet[Person]) -> Counter:
    """The persons themselves: an empty record that statistics still count."""
    counts: Counter = Counter()
    pks = list(rows.values_list("pk", flat=True))
    # Consents stay as the record of the lawful basis (a referral points at
    # its consent); only their free-text note could identify.
    _update(counts, Consent.objects.filter(person_id__in=pks), note="")
    _delete(counts, PersonKey.objects.filter(person_id__in=pks))
    _update_plain(
        counts, ImportRow.objects.filter(person_id__in=pks), data={}, message=""
    )
    _update_plain(counts, Merge.objects.filter(kept_id__in=pks), reason="", record={})
    _update_plain(counts, Merge.objects.filter(merged_id__in=pks), reason="", record={})
    households = list(
        Household.objects.filter(members__in=pks).values_list("pk", flat=True)
    )
    Person.guides.through.objects.filter(person_id__in=pks).delete()
    _update(
        counts,
        Person.objects.filter(pk__in=pks),
        family_name=BLANK_NAME,
        given_names="",
        name_original="",
        birth_date=None,
        gender="unstated",
        address="",
        phone="",
        email="",
        household=None,
        household_role="",
        anonymised_at=timezone.now(),
    )
    _update(
        counts,
        Household.objects.filter(pk__in=households).exclude(
            members__anonymised_at__isnull=True
        ),
        name=BLANK_NAME,
    )
    return counts
