"""Multi-step writes on concerns: each in one transaction, all or nothing."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Field, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Office, User
from clients.models import Consent, Person
from directory.models import Partner

from .models import Activity, Concern, FollowUp, Referral, ReferralStatus, Status, Topic
from .topics import DEFAULT_TOPICS


class ConsentMissing(Exception):
    """Personal data may not go to a partner without the person's consent."""


@dataclass
class Change:
    field: str
    theirs: str
    yours: str


class EditConflict(Exception):
    """Someone else saved the concern after this form was opened."""

    def __init__(self, current: Concern, changes: list[Change]) -> None:
        super().__init__("edit conflict")
        self.current = current
        self.changes = changes


def seed_topics(office: Office, language: str = "de") -> None:
    with translation.override(language):
        names = {source: _(source) for source in DEFAULT_TOPICS}
    existing = set(Topic.objects.filter(office=office).values_list("name", flat=True))
    Topic.objects.bulk_create(
        Topic(office=office, name=name, source=source)
        for source, name in names.items()
        if name not in existing
    )


def create_concern(form, office: Office, user: User) -> Concern:
    """Save a new concern from a valid form, with the next free case number."""
    concern = form.save(commit=False)
    concern.office = office
    concern.created_by = user
    return save_numbered(concern, form.save_m2m)


def save_numbered(
    concern: Concern, then: Callable[[], object] = lambda: None
) -> Concern:
    """Insert a new concern under the next free case number, then run ``then``.

    The office's row is locked first, so that on PostgreSQL concurrent
    inserts of one office number one after the other (SQLite serialises
    writers anyway). Should two still pick the same number, the unique
    constraint refuses the second and it takes the next one.
    """
    for _attempt in range(5):
        try:
            with transaction.atomic():
                lock = Office.objects.select_for_update().filter(pk=concern.office_id)
                list(lock.values_list("pk", flat=True))
                concern.assign_number()
                concern.save(force_insert=True)
                then()
                return concern
        except IntegrityError:
            concern.pk = None
            continue
    raise IntegrityError("no free case number after five attempts")


TRACKED_FIELDS = [
    "type",
    "channel",
    "subject",
    "description",
    "status",
    "site",
    "assigned_to",
    "group_description",
    "anonymous",
    "household",
    "outcome",
    "outcome_note",
    "justification",
    "opened_on",
]


def _changes_since(concern: Concern, seen_version: int, form) -> list[Change]:
    """What others changed since the version the user saw, next to the user's input."""
    seen = (
        concern.history.filter(version=seen_version).order_by("-history_date").first()
    )
    changes = []
    for name in TRACKED_FIELDS:
        if name not in form.fields:
            continue
        now_value = getattr(concern, name)
        then_value = getattr(seen, name) if seen else None
        if seen is not None and now_value == then_value:
            continue
        field = Concern._meta.get_field(name)
        assert isinstance(field, Field)
        display = getattr(concern, f"get_{name}_display", None)
        theirs = display() if display else str(now_value or "")
        yours = form.data.get(name, "")
        if hasattr(field, "choices") and field.choices:
            yours = dict(field.choices).get(yours, yours)
        changes.append(Change(str(field.verbose_name), theirs, str(yours)))
    return changes


def update_concern(form, seen_version: int) -> Concern:
    """Save an edit unless the concern changed since the form was opened."""
    with transaction.atomic():
        current = Concern.objects.select_for_update().get(pk=form.instance.pk)
        if current.version != seen_version:
            raise EditConflict(current, _changes_since(current, seen_version, form))
        concern = form.save(commit=False)
        concern.version = current.version + 1
        if concern.status == Status.CLOSED and concern.closed_at is None:
            concern.closed_at = timezone.now()
        elif concern.status != Status.CLOSED:
            concern.closed_at = None
        concern.save()
        form.save_m2m()
        return concern


def note_response(concern_id: int, day: datetime.date) -> None:
    """Keep the day of the office's first response (the earliest, also when
    an activity is recorded afterwards with an earlier date)."""
    Concern.objects.filter(pk=concern_id).filter(
        Q(first_response_on__isnull=True) | Q(first_response_on__gt=day)
    ).update(first_response_on=day)


def add_to_concern(
    record: Activity | FollowUp, concern: Concern, author: str, user: User
) -> None:
    """Save an activity or follow-up on the concern, with the user as its author."""
    with transaction.atomic():
        record.concern = concern
        setattr(record, author, user)
        record.save()
        if isinstance(record, Activity):
            note_response(concern.pk, timezone.localdate(record.occurred_at))


def close_concern(form, seen_version: int) -> Concern:
    form.instance.status = Status.CLOSED
    return update_concern(form, seen_version)


def reopen_concern(concern: Concern) -> Concern:
    with transaction.atomic():
        Concern.objects.filter(pk=concern.pk).update(version=concern.version + 1)
        concern.refresh_from_db()
        concern.status = Status.IN_PROGRESS
        concern.closed_at = None
        concern.save(update_fields=["status", "closed_at", "updated_at"])
    return concern


def refer_concern(
    concern: Concern,
    partner: Partner,
    user: User,
    *,
    person: Person | None,
    shares_personal_data: bool,
    reason: str = "",
) -> Referral:
    """Record a referral; refused when personal data would go without consent."""
    with transaction.atomic():
        consent = None
        if shares_personal_data:
            if person is None:
                raise ConsentMissing(_("Choose whose personal data is passed on."))
            consent = (
                Consent.objects.covering_partner(partner).filter(person=person).first()
            )
            if consent is None:
                raise ConsentMissing(
                    _(
                        "%(person)s has not consented to sharing personal data with "
                        "%(partner)s. Record the consent first, or refer without "
                        "personal data."
                    )
                    % {"person": person.full_name, "partner": partner.name}
                )
        referral = Referral.objects.create(
            concern=concern,
            partner=partner,
            person=person,
            shares_personal_data=shares_personal_data,
            consent=consent,
            reason=reason,
            created_by=user,
        )
        note_response(concern.pk, referral.sent_on)
        if concern.status == Status.NEW:
            concern.status = Status.WAITING
            concern.version += 1
            concern.save(update_fields=["status", "version", "updated_at"])
        return referral


def record_referral_result(referral: Referral, status: str, result: str) -> Referral:
    referral.status = status
    referral.result = result
    referral.save(update_fields=["status", "result"])
    concern = referral.concern
    open_referrals = concern.referrals.filter(
        status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED]
    )
    if concern.status == Status.WAITING and not open_referrals.exists():
        concern.status = Status.IN_PROGRESS
        concern.version += 1
        concern.save(update_fields=["status", "version", "updated_at"])
    return referral


def complete_follow_up(follow_up: FollowUp) -> FollowUp:
    follow_up.done_at = timezone.now()
    follow_up.save(update_fields=["done_at"])
    return follow_up
