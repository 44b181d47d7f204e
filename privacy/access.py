"""Who answers data protection requests and sets retention: the
commissioner and the deputy, who speak for the office as controller."""

from django.http import Http404

from accounts.access import require
from accounts.models import Role, User

from .models import DataRequest

PRIVACY_ROLES = {Role.COMMISSIONER, Role.DEPUTY}


def get_request_for(user: User, pk: int) -> DataRequest:
    office_id = require(user, PRIVACY_ROLES)
    found = DataRequest.objects.filter(pk=pk, office_id=office_id).first()
    if found is None:
        raise Http404
    return found


def requests_for(user: User):
    office_id = require(user, PRIVACY_ROLES)
    return DataRequest.objects.filter(office_id=office_id)
