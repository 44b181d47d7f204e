"""What keeps the pool trustworthy: data confirmed yearly, documents valid.

Reminders go out on the first day of each month only. Sending at most once
per 30 days per mediator and document on any day would need to remember
what was sent, i.e. a field or a table; until there is one, the fixed day
is that memory. The daily cron job (manage.py mediator_upkeep) may queue
the task every day: on other days it sends nothing.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from accounts.models import Office

from .models import CONFIRM_EVERY, EXPIRY_WARNING, Mediator, MediatorQuerySet

REMINDER_DAY = 1

STALE = "stale"
PLEDGE = "pledge"
CONDUCT = "conduct"


@dataclass(frozen=True)
class Issue:
    """One thing to put right; ``due`` is the day it fell or falls due
    (None: never confirmed, or the document is not recorded)."""

    kind: str
    due: datetime.date | None
    today: datetime.date

    @property
    def is_document(self) -> bool:
        return self.kind != STALE

    @property
    def missing(self) -> bool:
        return self.due is None

    @property
    def expired(self) -> bool:
        return self.is_document and self.due is not None and self.due < self.today

    @property
    def days_overdue(self) -> int | None:
        """Days since it fell due; negative: days left until it does."""
        return None if self.due is None else (self.today - self.due).days

    @property
    def days_left(self) -> int | None:
        days = self.days_overdue
        return None if days is None else -days


def issues_of(mediator: Mediator, today: datetime.date) -> list[Issue]:
    """The mediator's open points, most urgent first."""
    found = []
    if mediator.is_stale(today):
        confirmed = mediator.confirmed_on
        due = None if confirmed is None else confirmed + CONFIRM_EVERY
        found.append(Issue(STALE, due, today))
    soon = today + EXPIRY_WARNING
    for kind, until in (
        (PLEDGE, mediator.pledge_valid_until),
        (CONDUCT, mediator.conduct_valid_until),
    ):
        if until is None or until <= soon:
            found.append(Issue(kind, until, today))
    return sorted(found, key=urgency)


def urgency(issue: Issue) -> datetime.date:
    return datetime.date.min if issue.due is None else issue.due


@dataclass
class Upkeep:
    mediator: Mediator
    issues: list[Issue] = field(default_factory=list)

    @property
    def due(self) -> datetime.date:
        return min(urgency(issue) for issue in self.issues)


def needing_upkeep(
    mediators: MediatorQuerySet, today: datetime.date
) -> MediatorQuerySet:
    """Stale, with documents running out, or with a document not recorded."""
    missing = Q(pledge_valid_until__isnull=True) | Q(conduct_valid_until__isnull=True)
    return (
        mediators.stale(today)
        | mediators.documents_expiring(today)
        | mediators.filter(missing)
    )


def upkeep_list(office: Office, today: datetime.date) -> list[Upkeep]:
    """The office's active mediators needing upkeep, most overdue first."""
    mediators = needing_upkeep(Mediator.objects.of_office(office).active(), today)
    found = [Upkeep(mediator, issues_of(mediator, today)) for mediator in mediators]
    return sorted(found, key=lambda u: (u.due, u.mediator.last_name))


def is_reminder_day(today: datetime.date) -> bool:
    return today.day == REMINDER_DAY


def due_reminders(office: Office, today: datetime.date) -> list[Upkeep]:
    """Whom to remind today: everyone needing upkeep, on reminder days only."""
    if not is_reminder_day(today):
        return []
    return upkeep_list(office, today)
