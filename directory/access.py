from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.http import StaffRequest

from .models import Partner


def get_partner_for(request: StaffRequest, pk: int) -> Partner:
    user = request.user
    if not (user.sees_persons or user.manages_settings) or user.office_id is None:
        raise PermissionDenied
    partner = Partner.objects.filter(pk=pk, office_id=user.office_id).first()
    if partner is None:
        raise Http404
    return partner
