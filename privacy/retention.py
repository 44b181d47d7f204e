"""Which records are past their period, and what happens to them then.

For each kind of record: the rows of an office whose matter ended before
the rule's cutoff and that were not treated yet (so that the dry run lists
exactly what the next run would change), what anonymising them means, and
whether deleting them is allowed at all: mediator requests are payment
records (kept, budget law), persons and their concerns stay countable
(anonymised only), the access log is only ever pruned.
"""

import datetime
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from cases.models import Concern, Status
from clients.accesslog import AccessLogBroken, prunable, prune_access_log
from clients.models import Person, PersonAccess
from guidance.models import Care
from mediators.models import Request
from portal.models import Submission
from schedule.models import Appointment, WalkIn

from . import anonymise
from .models import RetentionAction, RetentionKind, RetentionRule, RetentionRun

logger = logging.getLogger(__name__)


def _closed_concerns(office_id: int, cutoff: datetime.datetime) -> models.QuerySet:
    return Concern.objects.filter(
        office_id=office_id,
        status=Status.CLOSED,
        closed_at__lt=cutoff,
        anonymised_at__isnull=True,
    )


def _portal_contacts(office_id: int, cutoff: datetime.datetime) -> models.QuerySet:
    has_person = Concern.persons.through.objects.filter(concern_id=OuterRef("concern"))
    with_contact = ~Q(contact_name="") | ~Q(contact_email="") | ~Q(contact_phone="")
    return Submission.objects.filter(
        with_contact,
        concern__office_id=office_id,
        concern__status=Status.CLOSED,
        concern__closed_at__lt=cutoff,
    ).exclude(Exists(has_person))


def _appointments(office_id: int, cutoff: datetime.datetime) -> models.QuerySet:
    identifying = Q(client__isnull=False) | ~Q(name="") | ~Q(email="") | ~Q(phone="")
    return Appointment.objects.filter(
        identifying, office_id=office_id, ends_at__lt=cutoff
    )


def _walk_ins(office_id: int, cutoff: datetime.datetime) -> models.QuerySet:
    return WalkIn.objects.filter(office_id=office_id, day__lt=cutoff.date()).exclude(
        name=""
    )


def _mediator_requests(office_id: int, cutoff: datetime.datetime) -> models.QuerySet:
    return Request.objects.filter(office_id=office_id, starts_at__lt=cutoff).exclude(
        place=""
    )


def _guide_plans(office_id: int, cutoff: datetime.datetime) -> models.QuerySet:
    return Care.objects.filter(
        office_id=office_id, ended_on__lt=cutoff.date(), anonymised_at__isnull=True
    )


def _persons(office_id: int, cutoff: datetime.datetime) -> models.QuerySet:
    """Nothing open, nothing recent: every concern closed before the cutoff,
    every care ended before it, no appointment after it, unchanged since."""
    recent_concern = Concern.objects.filter(persons=OuterRef("pk")).filter(
        ~Q(status=Status.CLOSED) | Q(closed_at__gte=cutoff)
    )
    recent_care = Care.objects.filter(person=OuterRef("pk")).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=cutoff.date())
    )
    recent_appointment = Appointment.objects.filter(
        client=OuterRef("pk"), ends_at__gte=cutoff
    )
    return Person.objects.filter(
        office_id=office_id, anonymised_at__isnull=True, updated_at__lt=cutoff
    ).exclude(Exists(recent_concern) | Exists(recent_care) | Exists(recent_appointment))


def _access_logs(office_id: int, cutoff: datetime.datetime) -> models.QuerySet:
    """Only a prefix of the chain can go (clients.accesslog)."""
    return prunable(office_id, cutoff)


@dataclass(frozen=True)
class Kind:
    due: Callable[[int, datetime.datetime], models.QuerySet]
    anonymise: Callable[[models.QuerySet], Counter] | None
    may_delete: bool
    default_months: int
    default_action: str


KINDS: dict[str, Kind] = {
    RetentionKind.CLOSED_CONCERNS: Kind(
        _closed_concerns, anonymise.concerns, True, 36, RetentionAction.ANONYMISE
    ),
    RetentionKind.PORTAL_CONTACTS: Kind(
        _portal_contacts,
        lambda rows: _blank_submissions(rows),
        False,
        6,
        RetentionAction.ANONYMISE,
    ),
    RetentionKind.APPOINTMENTS: Kind(
        _appointments, anonymise.appointments, True, 6, RetentionAction.ANONYMISE
    ),
    RetentionKind.WALK_INS: Kind(
        _walk_ins, anonymise.walk_ins, True, 1, RetentionAction.DELETE
    ),
    RetentionKind.MEDIATOR_ASSIGNMENTS: Kind(
        _mediator_requests,
        anonymise.mediator_requests,
        False,
        120,
        RetentionAction.ANONYMISE,
    ),
    RetentionKind.GUIDE_PLANS: Kind(
        _guide_plans, anonymise.cares, True, 36, RetentionAction.ANONYMISE
    ),
    RetentionKind.PERSONS: Kind(
        _persons, anonymise.persons, False, 36, RetentionAction.ANONYMISE
    ),
    RetentionKind.ACCESS_LOGS: Kind(
        _access_logs, None, True, 24, RetentionAction.DELETE
    ),
}


def _blank_submissions(rows: models.QuerySet) -> Counter:
    counts: Counter = Counter()
    anonymise.blank_submissions(counts, rows)
    return counts


def rules_of(office_id: int) -> list[RetentionRule]:
    """The office's rules, one per kind, the defaults where none was set."""
    have = {
        rule.kind: rule for rule in RetentionRule.objects.filter(office_id=office_id)
    }
    return [
        have.get(kind)
        or RetentionRule(
            office_id=office_id,
            kind=kind,
            months=spec.default_months,
            action=spec.default_action,
        )
        for kind, spec in KINDS.items()
    ]


@dataclass
class Due:
    rule: RetentionRule
    rows: models.QuerySet
    count: int | None = None  # filled by pages that show it

    @property
    def kind(self) -> Kind:
        return KINDS[self.rule.kind]


def due(office_id: int, now: datetime.datetime | None = None) -> list[Due]:
    """What the next run would treat, per rule (the dry run)."""
    now = now or timezone.now()
    return [
        Due(rule, KINDS[rule.kind].due(office_id, rule.cutoff(now)))
        for rule in rules_of(office_id)
    ]


def apply(office_id: int, now: datetime.datetime | None = None) -> RetentionRun:
    """One run for an office: every rule in one transaction, recorded."""
    now = now or timezone.now()
    counts: Counter = Counter()
    with transaction.atomic():
        for item in due(office_id, now):
            counts.update(_treat(item, office_id, now))
        return RetentionRun.objects.create(
            office_id=office_id, at=now, counts=dict(counts)
        )


def _treat(item: Due, office_id: int, now: datetime.datetime) -> Counter:
    if item.rule.kind == RetentionKind.ACCESS_LOGS:
        try:
            pruned = prune_access_log(office_id, item.rule.cutoff(now))
        except AccessLogBroken:
            # The evidence stays; the rest of the run goes ahead, and the
            # failure shows in the run and in the server log.
            logger.exception("Access log of office %s not pruned", office_id)
            return Counter({"access_log_broken": 1})
        return Counter({PersonAccess._meta.label_lower: pruned} if pruned else {})
    assert item.kind.anonymise is not None
    pks = list(item.rows.values_list("pk", flat=True))
    model = item.rows.model
    # Anonymised first also when deleting: that removes files and the
    # earlier versions in the history tables.
    counts = item.kind.anonymise(model._default_manager.filter(pk__in=pks))
    if item.rule.action == RetentionAction.DELETE and item.kind.may_delete:
        counts.update(anonymise.delete(model._default_manager.filter(pk__in=pks)))
    return counts
