"""Writes that take more than one step: booking, cancelling, the queue."""

import datetime
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Site, User
from mediators import actions as mediation
from mediators.models import Mode, RequestStatus

from . import tasks
from .models import (
    Appointment,
    AppointmentSource,
    AppointmentStatus,
    Cancellation,
    FeedToken,
    WalkIn,
    WalkInStatus,
    token_digest,
)
from .sessions import Session


class BookingError(Exception):
    """Why a slot cannot be booked, in the user's language."""


@dataclass
class Booker:
    """Who the appointment is for, as given in a form."""

    name: str = ""
    email: str = ""
    phone: str = ""
    language: str = ""
    mediator_needed: bool = False
    subject: str = ""
    portal_language: str = ""
    client_id: int | None = None


def book(
    session: Session,
    slot_key: str,
    booker: Booker,
    *,
    source: str,
    by: User | None = None,
) -> tuple[Appointment, str]:
    """Book one slot of a session; returns the appointment and the secret
    of its cancellation link (only its digest is stored).

    The unique constraint on (staff, start) decides between two people who
    book the same slot at the same moment: the second insert fails and is
    turned into a message, the first stands.
    """
    slot = session.slot(slot_key)
    if slot is None or not session.takes_place:
        raise BookingError(_("This time is not offered. Please choose another."))
    if slot.starts_at <= timezone.now():
        raise BookingError(_("This time has already passed. Please choose another."))
    if source == AppointmentSource.PORTAL and not session.rule.bookable:
        raise BookingError(_("These hours cannot be booked online."))
    token = secrets.token_urlsafe(24)
    rule = session.rule
    try:
        with transaction.atomic():
            appointment = Appointment.objects.create(
                office_id=rule.office_id,
                rule=rule,
                site_id=rule.site_id,
                staff_id=rule.staff_id,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                source=source,
                cancel_digest=token_digest(token),
                created_by=by,
                **vars(booker),
            )
            _request_mediator(appointment, session, by)
    except IntegrityError:
        raise BookingError(
            _("Someone has just booked this time. Please choose another.")
        ) from None
    transaction.on_commit(lambda: tasks.after_booking(appointment.pk, token))
    return appointment, token


# A request in these states still waits for or holds a mediator.
WANTED = (RequestStatus.OPEN, RequestStatus.FILLED)


def _request_mediator(
    appointment: Appointment, session: Session, by: User | None
) -> None:
    """A mediator request for the time of the appointment, when one is needed
    and the language is known; the staff member of the hours is its contact.
    Staff then choose a mediator on the request's page."""
    if not (appointment.mediator_needed and appointment.language):
        return
    rule = session.rule
    place = rule.site.name + (f", {rule.room.name}" if rule.room else "")
    minutes = (appointment.ends_at - appointment.starts_at).seconds // 60
    try:
        request = mediation.create_request(
            rule.office,
            by or rule.staff,
            contact=rule.staff,
            language=appointment.language,
            starts_at=appointment.starts_at,
            minutes=max(minutes, 15),
            mode=Mode.ON_SITE,
            place=place,
        )
    except mediation.MediationError:
        # The booking stands; the flag on it still tells staff.
        return
    appointment.mediator_request = request
    appointment.save(update_fields=["mediator_request"])


def find_by_token(token: str) -> Appointment | None:
    if not token:
        return None
    return (
        Appointment.objects.filter(cancel_digest=token_digest(token))
        .select_related("site", "office", "staff")
        .first()
    )


def cancel_by_visitor(appointment: Appointment) -> None:
    """The visitor's own cancellation through the link in the e-mail."""
    if appointment.is_cancelled:
        raise BookingError(_("This appointment was already cancelled."))
    if appointment.is_past:
        raise BookingError(_("This appointment has already passed."))
    with transaction.atomic():
        _cancel(appointment)


def cancel_by_staff(appointment: Appointment) -> None:
    """Staff cancel; a visitor who gave an e-mail address is told."""
    if appointment.is_cancelled:
        raise BookingError(_("This appointment was already cancelled."))
    with transaction.atomic():
        _cancel(appointment)
        _tell_cancelled(appointment)


def set_outcome(appointment: Appointment, status: str) -> None:
    """Attended or missed, once the time has come."""
    if appointment.is_cancelled:
        raise BookingError(_("This appointment was cancelled."))
    if not appointment.is_past:
        raise BookingError(
            _("Whether the person came can be recorded once the appointment has begun.")
        )
    appointment.status = status
    appointment.save(update_fields=["status"])


def cancel_hours(cancellation: Cancellation) -> list[Appointment]:
    """Record a cancellation and call off the appointments it covers.

    Returns those appointments: people without an e-mail address must be
    told another way, and the page says so.
    """
    with transaction.atomic():
        cancellation.save()
        affected = [
            appointment
            for appointment in _booked_between(cancellation)
            if appointment.rule
            and cancellation.covers(appointment.rule, _day(appointment))
        ]
        for appointment in affected:
            _cancel(appointment)
            _tell_cancelled(appointment)
    return affected


def _booked_between(cancellation: Cancellation) -> list[Appointment]:
    tz = timezone.get_default_timezone()
    first = datetime.datetime.combine(cancellation.first_day, datetime.time(), tz)
    after = datetime.datetime.combine(
        cancellation.last_day + datetime.timedelta(days=1), datetime.time(), tz
    )
    return list(
        Appointment.objects.filter(
            office_id=cancellation.office_id,
            status=AppointmentStatus.BOOKED,
            starts_at__gte=max(first, timezone.now()),
            starts_at__lt=after,
        ).select_related("rule", "client")
    )


def _day(appointment: Appointment) -> datetime.date:
    return timezone.localtime(appointment.starts_at).date()


def _cancel(appointment: Appointment) -> None:
    appointment.status = AppointmentStatus.CANCELLED
    appointment.cancelled_at = timezone.now()
    appointment.save(update_fields=["status", "cancelled_at"])
    request = appointment.mediator_request
    if request is not None and request.status in WANTED:
        # Offers are withdrawn; an accepted mediator is cancelled by the
        # office, which the rate's cancellation rule may still pay.
        mediation.cancel_request(request)


def _tell_cancelled(appointment: Appointment) -> None:
    if appointment.email:
        pk = appointment.pk
        transaction.on_commit(lambda: tasks.send_cancelled.enqueue(pk))


def add_walk_in(
    site: Site, by: User, *, name: str, language: str, mediator_needed: bool
) -> WalkIn:
    """Queue someone at today's open hours under the next number.

    The site row is locked so that two desks adding at once do not draw
    the same number.
    """
    today = timezone.localdate()
    with transaction.atomic():
        Site.objects.select_for_update().filter(pk=site.pk).first()
        last = WalkIn.objects.filter(site=site, day=today).aggregate(Max("number"))
        return WalkIn.objects.create(
            office_id=site.office_id,
            site=site,
            day=today,
            number=(last["number__max"] or 0) + 1,
            name=name,
            language=language,
            mediator_needed=mediator_needed,
            created_by=by,
        )


def move_walk_in(walk_in: WalkIn, status: str, by: User) -> None:
    """Call someone in, finish, or note that they left."""
    walk_in.status = status
    now = timezone.now()
    if status == WalkInStatus.SERVING:
        walk_in.called_at = now
        walk_in.seen_by = by
    else:
        walk_in.done_at = now
    walk_in.save(update_fields=["status", "called_at", "done_at", "seen_by"])


def new_feed_token(user: User) -> str:
    """A new secret feed address; any earlier one stops working."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        FeedToken.objects.filter(user=user).delete()
        FeedToken.objects.create(user=user, digest=token_digest(token))
    return token


def revoke_feed_token(user: User) -> None:
    FeedToken.objects.filter(user=user).delete()
