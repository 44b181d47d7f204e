"""The one way to fetch what the schedule keeps, kind by kind.

Another office's object is 404; one of the own office that the user's
roles do not reach is 403.
"""

import datetime
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from accounts.access import require
from accounts.http import StaffRequest
from accounts.models import PERSON_ROLES, Role, Site, User
from clients.models import Person

from .models import (
    Appointment,
    Cancellation,
    HoursBudget,
    HoursRule,
    OutreachEvent,
    Room,
    WalkIn,
)
from .sessions import Session, session_of

M = TypeVar("M", bound=Model)

# Who keeps the sites, the rules, the cancellations and the budget.
MANAGER_ROLES = {Role.COMMISSIONER, Role.DEPUTY, Role.OFFICE_STAFF, Role.ADMINISTRATOR}
# Who sees the hours budget: the managers and those who read statistics.
BUDGET_ROLES = MANAGER_ROLES | {Role.ANALYST}
# Who works with appointments, walk-ins and outreach (they hold names).
DESK_ROLES = PERSON_ROLES
# Who keeps a personal calendar: everyone who works in an office. The state
# view works in none; mediators have no hours, their assignments have their
# own page.
OFFICE_ROLES = set(Role) - {Role.STATE_VIEW, Role.MEDIATOR}
# Who reads outreach notes: like counselling notes.
OUTREACH_NOTE_ROLES = {Role.COMMISSIONER, Role.DEPUTY, Role.GUIDE}


def _one(queryset: QuerySet[M], office_id: int, pk: int) -> M:
    found = queryset.filter(pk=pk).first()
    if found is None or _office_of(found) != office_id:
        raise Http404
    return found


def _office_of(found: Model) -> int:
    if isinstance(found, Room):
        return found.site.office_id
    return found.office_id  # type: ignore[attr-defined]


def get_site_for(request: StaffRequest, pk: int) -> Site:
    office_id = require(request.user, MANAGER_ROLES)
    return _one(Site.objects.all(), office_id, pk)


def get_room_for(request: StaffRequest, pk: int) -> Room:
    office_id = require(request.user, MANAGER_ROLES)
    return _one(Room.objects.select_related("site"), office_id, pk)


def get_rule_for(request: StaffRequest, pk: int) -> HoursRule:
    office_id = require(request.user, MANAGER_ROLES)
    return _one(HoursRule.objects.select_related("site", "staff"), office_id, pk)


def get_cancellation_for(request: StaffRequest, pk: int) -> Cancellation:
    office_id = require(request.user, MANAGER_ROLES)
    return _one(Cancellation.objects.all(), office_id, pk)


def get_budget_for(request: StaffRequest, pk: int) -> HoursBudget:
    office_id = require(request.user, MANAGER_ROLES)
    return _one(HoursBudget.objects.all(), office_id, pk)


def get_session_for(request: StaffRequest, rule_pk: int, day: str) -> Session:
    """A session page: anyone at the desk of the office may open it."""
    office_id = require(request.user, DESK_ROLES)
    rule = _one(
        HoursRule.objects.select_related("site", "staff", "office", "room"),
        office_id,
        rule_pk,
    )
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    session = session_of(rule, date)
    if session is None:
        raise Http404
    return session


def appointments_visible_to(user: User) -> QuerySet[Appointment]:
    """Appointments whose names a user may read.

    Commissioner, deputy and office staff see the office's; a guide sees
    those with her and those of clients she may open.
    """
    if user.office_id is None or not user.has_role(*DESK_ROLES):
        return Appointment.objects.none()
    mine = Appointment.objects.filter(office_id=user.office_id)
    if user.sees_whole_office or user.has_role(Role.OFFICE_STAFF):
        return mine
    clients = Person.objects.visible_to(user).values("pk")
    return mine.filter(Q(staff=user) | Q(client__in=clients))


def get_appointment_for(request: StaffRequest, pk: int) -> Appointment:
    user = request.user
    office_id = require(user, DESK_ROLES)
    found = (
        appointments_visible_to(user)
        .select_related("site", "staff", "client", "rule__room")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        if Appointment.objects.filter(pk=pk, office_id=office_id).exists():
            raise PermissionDenied
        raise Http404
    return found


def get_walk_in_for(request: StaffRequest, pk: int) -> WalkIn:
    office_id = require(request.user, DESK_ROLES)
    return _one(WalkIn.objects.select_related("site"), office_id, pk)


def get_outreach_for(request: StaffRequest, pk: int) -> OutreachEvent:
    office_id = require(request.user, DESK_ROLES)
    return _one(OutreachEvent.objects.select_related("municipality"), office_id, pk)
