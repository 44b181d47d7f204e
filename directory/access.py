"""The one way to fetch a partner or contact: office and role checked."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.http import StaffRequest
from accounts.models import Office, Role, User

from .models import Partner, PartnerContact

# Guides look partners up for their clients but keep the directory to the office.
READ_ROLES = (
    Role.COMMISSIONER,
    Role.DEPUTY,
    Role.GUIDE,
    Role.OFFICE_STAFF,
    Role.ADMINISTRATOR,
)
WRITE_ROLES = (Role.COMMISSIONER, Role.DEPUTY, Role.OFFICE_STAFF, Role.ADMINISTRATOR)


def edits_directory(user: User) -> bool:
    return user.office_id is not None and user.has_role(*WRITE_ROLES)


def directory_office(request: StaffRequest) -> Office:
    """The office whose directory the user may read."""
    office = request.user.office
    if office is None:
        raise PermissionDenied
    if not request.user.has_role(*READ_ROLES):
        raise PermissionDenied
    return office


def get_partner_for(request: StaffRequest, pk: int) -> Partner:
    """Another office's partner is 404: its existence is not revealed."""
    office = directory_office(request)
    partner = Partner.objects.filter(pk=pk, office=office).first()
    if partner is None:
        raise Http404
    return partner


def get_contact_for(request: StaffRequest, pk: int) -> PartnerContact:
    office = directory_office(request)
    contact = (
        PartnerContact.objects.filter(pk=pk, partner__office=office)
        .select_related("partner")
        .first()
    )
    if contact is None:
        raise Http404
    return contact
