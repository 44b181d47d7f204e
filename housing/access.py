"""Who may see and keep the accommodations; the only way views fetch them.

The commissioner's control duty (seed 003) is shared with the deputy and the
office staff, who keep the register, count residents and inspect; guides,
who visit residents there, read it. Nothing here names a resident.
"""

from django.db.models import QuerySet
from django.http import Http404

from accounts.access import require
from accounts.models import Role, User

from .models import Accommodation, Catalogue, Deficiency, Inspection

VIEW_ROLES = {Role.COMMISSIONER, Role.DEPUTY, Role.OFFICE_STAFF, Role.GUIDE}
MANAGE_ROLES = {Role.COMMISSIONER, Role.DEPUTY, Role.OFFICE_STAFF}
INSPECT_ROLES = MANAGE_ROLES


def accommodations_for(
    user: User, roles: set[Role] = VIEW_ROLES
) -> QuerySet[Accommodation]:
    return Accommodation.objects.filter(office_id=require(user, roles))


def get_accommodation_for(
    user: User, pk: int, roles: set[Role] = VIEW_ROLES
) -> Accommodation:
    found = (
        accommodations_for(user, roles)
        .filter(pk=pk)
        .select_related("municipality", "operator", "social_care")
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_inspection_for(
    user: User, pk: int, roles: set[Role] = VIEW_ROLES
) -> Inspection:
    office_id = require(user, roles)
    found = (
        Inspection.objects.filter(pk=pk, accommodation__office_id=office_id)
        .select_related("accommodation", "catalogue")
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_deficiency_for(
    user: User, pk: int, roles: set[Role] = INSPECT_ROLES
) -> Deficiency:
    office_id = require(user, roles)
    found = (
        Deficiency.objects.filter(pk=pk, inspection__accommodation__office_id=office_id)
        .select_related("inspection__accommodation")
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_catalogue_for(
    user: User, pk: int, roles: set[Role] = MANAGE_ROLES
) -> Catalogue:
    found = Catalogue.objects.filter(pk=pk, office_id=require(user, roles)).first()
    if found is None:
        raise Http404
    return found
