"""The one way to fetch a mediator, a rate scheme, a request or an assignment.

Another office's object is 404 (its existence is not revealed); an object of
the own office that the user's roles do not reach is 403. A mediator who
logs in reaches only their own assignments, and through them only time,
place, language and contact person: never a concern.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from accounts.access import require
from accounts.models import Role, User

from .models import Assignment, Mediator, RateScheme, Request

# Who keeps the pool: contact data, documents, rates.
POOL_ROLES = {Role.COMMISSIONER, Role.DEPUTY, Role.OFFICE_STAFF, Role.ADMINISTRATOR}
# Who asks for a mediator and sees the ranked candidates.
REQUEST_ROLES = {Role.COMMISSIONER, Role.DEPUTY, Role.GUIDE, Role.OFFICE_STAFF}
# Who sees money: statements and the payment export.
PAY_ROLES = {Role.COMMISSIONER, Role.DEPUTY, Role.OFFICE_STAFF, Role.ADMINISTRATOR}
# Who reads demand and coverage (aggregates, no names).
DEMAND_ROLES = {Role.COMMISSIONER, Role.DEPUTY, Role.OFFICE_STAFF, Role.ANALYST}


def get_mediator_for(user: User, pk: int, roles: set[Role] = POOL_ROLES) -> Mediator:
    office_id = require(user, roles)
    found = Mediator.objects.filter(pk=pk).select_related("rate_scheme").first()
    if found is None or found.office_id != office_id:
        raise Http404
    return found


def get_rate_scheme_for(user: User, pk: int) -> RateScheme:
    office_id = require(user, PAY_ROLES)
    found = RateScheme.objects.filter(pk=pk).first()
    if found is None or found.office_id != office_id:
        raise Http404
    return found


def requests_visible_to(user: User) -> QuerySet[Request]:
    """Guides see the requests they made or are the contact of; the office's
    desk roles see all of the office's."""
    office_id = require(user, REQUEST_ROLES)
    found = Request.objects.filter(office_id=office_id)
    if user.has_role(Role.COMMISSIONER, Role.DEPUTY, Role.OFFICE_STAFF):
        return found
    return found.filter(created_by=user) | found.filter(contact=user)


def get_request_for(user: User, pk: int) -> Request:
    office_id = require(user, REQUEST_ROLES)
    found = Request.objects.filter(pk=pk).select_related("municipality").first()
    if found is None or found.office_id != office_id:
        raise Http404
    if not requests_visible_to(user).filter(pk=pk).exists():
        raise PermissionDenied
    return found


def own_mediator(user: User) -> Mediator:
    """The mediator record behind a mediator's login; 403 for anyone else."""
    office_id = require(user, {Role.MEDIATOR})
    found = Mediator.objects.filter(user=user, office_id=office_id).first()
    if found is None or not found.active:
        raise PermissionDenied
    return found


def get_own_assignment_for(user: User, pk: int) -> Assignment:
    """A mediator's own assignment; anyone else's is 404 to them."""
    mediator = own_mediator(user)
    found = (
        Assignment.objects.filter(pk=pk, mediator=mediator)
        .select_related("request__municipality", "request__contact")
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_assignment_for(user: User, pk: int) -> Assignment:
    """An assignment as staff see it, through its request."""
    office_id = require(user, REQUEST_ROLES | PAY_ROLES)
    found = (
        Assignment.objects.filter(pk=pk).select_related("request", "mediator").first()
    )
    if found is None or found.request.office_id != office_id:
        raise Http404
    if user.has_role(*(PAY_ROLES | (REQUEST_ROLES - {Role.GUIDE}))):
        return found
    get_request_for(user, found.request_id)
    return found
