"""Writes on requests and assignments: asking, offering, answering, working.

Each runs in one transaction and refuses with a MediationError whose message
the views show as it is. The mediator's row is locked while an offer or an
acceptance checks their time, so that two desks cannot give one person two
assignments at once; the partial unique constraint one_mediator_per_request
decides between two mediators who accept the same request at one moment.
"""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Office, User
from lib.iso import is_language_code

from . import notify, ranking
from .models import (
    Assignment,
    AssignmentStatus,
    Mediator,
    Request,
    RequestStatus,
)

WORKED_MINUTES = (1, 720)
TRAVEL_MINUTES = (0, 600)
KILOMETRES = (Decimal("0"), Decimal("1000"))
DURATION_MINUTES = (15, 600)


class MediationError(Exception):
    """Why a step cannot be taken, in the user's language."""


def create_request(office: Office, by: User, **fields) -> Request:
    """A new open request; the contact person is the requester unless given."""
    fields.setdefault("contact", by)
    starts_at = fields.get("starts_at")
    minutes = fields.get("minutes")
    if starts_at is None or starts_at <= timezone.now():
        raise MediationError(_("The time lies in the past. Choose a later one."))
    if minutes is None or not DURATION_MINUTES[0] <= minutes <= DURATION_MINUTES[1]:
        raise MediationError(_("The duration must be 15 to 600 minutes."))
    if not is_language_code(fields.get("language", "")):
        raise MediationError(_("Choose a language."))
    for name in ("municipality", "concern", "contact"):
        linked = fields.get(name)
        if linked is not None and linked.office_id != office.pk:
            raise MediationError(_("This belongs to another office."))
    with transaction.atomic():
        return Request.objects.create(office=office, created_by=by, **fields)


def offer(request: Request, mediator: Mediator, by: User) -> Assignment:
    """Offer the assignment to one mediator; they answer in their own view.
    Who made the offer goes into the assignment's history."""
    with transaction.atomic():
        Mediator.objects.select_for_update().filter(pk=mediator.pk).first()
        request = _locked(request)
        if request.status != RequestStatus.OPEN:
            raise MediationError(_("This request is no longer open."))
        if request.starts_at <= timezone.now():
            raise MediationError(_("The time of this request has passed."))
        candidate = ranking.assess(request, mediator)
        if candidate is None:
            raise MediationError(
                _(
                    "%(name)s cannot be offered this assignment: not an active "
                    "mediator of this office who speaks the language."
                )
                % {"name": mediator}
            )
        if not candidate.offerable:
            raise MediationError(
                _("%(name)s cannot be offered this assignment: %(why)s.")
                % {"name": mediator, "why": "; ".join(candidate.blockers)}
            )
        try:
            with transaction.atomic():
                assignment = Assignment(
                    request=request,
                    mediator=mediator,
                    starts_at=request.starts_at,
                    ends_at=request.ends_at,
                    reasons=candidate.reasons,
                )
                # Also outside a web request (the middleware sets it there).
                assignment._history_user = by  # type: ignore[attr-defined]
                assignment.save()
        except IntegrityError:
            raise MediationError(
                _("%(name)s has been offered this assignment already.")
                % {"name": mediator}
            ) from None
        if mediator.email:
            pk = assignment.pk
            transaction.on_commit(lambda: notify.send_offer.enqueue(pk))
    return assignment


def accept(assignment: Assignment) -> None:
    """The mediator takes the assignment; the other open offers of the
    request are withdrawn."""
    with transaction.atomic():
        Mediator.objects.select_for_update().filter(pk=assignment.mediator_id).first()
        assignment = _fresh(assignment)
        request = _locked(assignment.request)
        if taken_by_another(assignment):
            raise MediationError(
                _("Another mediator has already accepted this assignment.")
            )
        if assignment.status != AssignmentStatus.OFFERED:
            raise MediationError(_("This offer is no longer open."))
        if request.status != RequestStatus.OPEN:
            raise MediationError(_("This request is no longer open."))
        if assignment.starts_at <= timezone.now():
            raise MediationError(_("The time of this assignment has passed."))
        clash = (
            Assignment.objects.filter(
                mediator_id=assignment.mediator_id,
                status__in=[AssignmentStatus.ACCEPTED, AssignmentStatus.DONE],
            )
            .overlapping(assignment.starts_at, assignment.ends_at)
            .exclude(pk=assignment.pk)
            .first()
        )
        if clash is not None:
            raise MediationError(
                _("You have another assignment at that time: %(start)s–%(end)s.")
                % {"start": _hhmm(clash.starts_at), "end": _hhmm(clash.ends_at)}
            )
        assignment.status = AssignmentStatus.ACCEPTED
        assignment.answered_at = timezone.now()
        try:
            with transaction.atomic():
                assignment.save(update_fields=["status", "answered_at"])
        except IntegrityError:
            raise MediationError(
                _("Another mediator has already accepted this assignment.")
            ) from None
        others = request.assignments.filter(status=AssignmentStatus.OFFERED)
        for other in others.exclude(pk=assignment.pk):
            _set(other, AssignmentStatus.WITHDRAWN)
        _set_request(request, RequestStatus.FILLED)


def decline(assignment: Assignment) -> None:
    with transaction.atomic():
        assignment = _fresh(assignment)
        if assignment.status != AssignmentStatus.OFFERED:
            raise MediationError(_("This offer is no longer open."))
        assignment.status = AssignmentStatus.DECLINED
        assignment.answered_at = timezone.now()
        assignment.save(update_fields=["status", "answered_at"])


def withdraw(assignment: Assignment) -> None:
    """Staff take back an offer nobody has answered yet."""
    with transaction.atomic():
        assignment = _fresh(assignment)
        if assignment.status != AssignmentStatus.OFFERED:
            raise MediationError(
                _("Only an open offer can be withdrawn; cancel an accepted one.")
            )
        _set(assignment, AssignmentStatus.WITHDRAWN)


def cancel_assignment(assignment: Assignment, by_office: bool) -> None:
    """Call off an accepted assignment. Whether that was late, and so paid,
    billing decides from the time recorded here and the rate.

    A request still to come is open again, for another mediator; one whose
    time has come is cancelled when the office called it off, and counts
    as nobody found when the mediator did.
    """
    with transaction.atomic():
        assignment = _fresh(assignment)
        request = _locked(assignment.request)
        if assignment.status != AssignmentStatus.ACCEPTED:
            raise MediationError(_("Only an accepted assignment can be cancelled."))
        now = timezone.now()
        assignment.status = AssignmentStatus.CANCELLED
        assignment.cancelled_at = now
        assignment.cancelled_by_office = by_office
        assignment.save(update_fields=["status", "cancelled_at", "cancelled_by_office"])
        if request.starts_at > now:
            _set_request(request, RequestStatus.OPEN)
        elif by_office:
            _set_request(request, RequestStatus.CANCELLED)
        else:
            _set_request(request, RequestStatus.UNFILLED)


def cancel_request(request: Request) -> None:
    """Nobody is needed any more: open offers are withdrawn, an accepted
    assignment is cancelled by the office."""
    with transaction.atomic():
        request = _locked(request)
        if request.status not in (RequestStatus.OPEN, RequestStatus.FILLED):
            raise MediationError(_("This request is no longer open."))
        now = timezone.now()
        for assignment in request.assignments.filter(
            status__in=[AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED]
        ):
            if assignment.status == AssignmentStatus.OFFERED:
                _set(assignment, AssignmentStatus.WITHDRAWN)
                continue
            assignment.status = AssignmentStatus.CANCELLED
            assignment.cancelled_at = now
            assignment.cancelled_by_office = True
            assignment.save(
                update_fields=["status", "cancelled_at", "cancelled_by_office"]
            )
        _set_request(request, RequestStatus.CANCELLED)


def mark_unfilled(request: Request) -> None:
    """Nobody was found; open offers are withdrawn. Demand counts these."""
    with transaction.atomic():
        request = _locked(request)
        if request.status != RequestStatus.OPEN:
            raise MediationError(
                _("Only an open request can be marked as “nobody found”.")
            )
        for assignment in request.assignments.filter(status=AssignmentStatus.OFFERED):
            _set(assignment, AssignmentStatus.WITHDRAWN)
        _set_request(request, RequestStatus.UNFILLED)


def record_work(
    assignment: Assignment,
    worked_minutes: int,
    travel_minutes: int,
    km: Decimal,
    rating: int | None = None,
) -> None:
    """The work done, after the start; recording again corrects it. A rating
    of None leaves an earlier one as it was."""
    if not WORKED_MINUTES[0] <= worked_minutes <= WORKED_MINUTES[1]:
        raise MediationError(_("The time worked must be 1 minute to 12 hours."))
    if not TRAVEL_MINUTES[0] <= travel_minutes <= TRAVEL_MINUTES[1]:
        raise MediationError(_("The travel time must be 0 to 600 minutes."))
    if not KILOMETRES[0] <= km <= KILOMETRES[1]:
        raise MediationError(_("The kilometres must be 0 to 1000."))
    if rating is not None and not 1 <= rating <= 5:
        raise MediationError(_("The feedback must be 1 to 5."))
    with transaction.atomic():
        assignment = _fresh(assignment)
        request = _locked(assignment.request)
        if assignment.status not in (AssignmentStatus.ACCEPTED, AssignmentStatus.DONE):
            raise MediationError(
                _("Work can be recorded only for an accepted assignment.")
            )
        if assignment.starts_at > timezone.now():
            raise MediationError(
                _("The work can be recorded once the assignment has begun.")
            )
        assignment.status = AssignmentStatus.DONE
        assignment.worked_minutes = worked_minutes
        assignment.travel_minutes = travel_minutes
        assignment.km = km
        fields = ["status", "worked_minutes", "travel_minutes", "km"]
        if rating is not None:
            assignment.rating = rating
            fields.append("rating")
        assignment.save(update_fields=fields)
        _set_request(request, RequestStatus.DONE)


# --- Helpers -----------------------------------------------------------------


def taken_by_another(assignment: Assignment) -> bool:
    """Whether another mediator holds the request already. Two acceptances
    at the same moment both pass this; the unique constraint stops one."""
    taken = Assignment.objects.filter(
        request_id=assignment.request_id,
        status__in=[AssignmentStatus.ACCEPTED, AssignmentStatus.DONE],
    )
    return taken.exclude(pk=assignment.pk).exists()


def _locked(request: Request) -> Request:
    """The request as it is now, its row locked until the transaction ends."""
    # Only the request's own row: PostgreSQL cannot lock the nullable side
    # of the outer join to the municipality.
    return (
        Request.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=request.pk)
    )


def _fresh(assignment: Assignment) -> Assignment:
    """The assignment as it is now: a page may show an old state."""
    return Assignment.objects.select_for_update().get(pk=assignment.pk)


def _set(assignment: Assignment, status: str) -> None:
    assignment.status = status
    assignment.save(update_fields=["status"])


def _set_request(request: Request, status: str) -> None:
    if request.status != status:
        request.status = status
        request.save(update_fields=["status"])


def _hhmm(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%H:%M}"
