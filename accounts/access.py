"""Access to staff records: only those of the own office, only for its managers."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice

from .http import StaffRequest
from .models import Role, User


def require(user: User, roles: set[Role]) -> int:
    """The user's office id, if one of the roles is held there; else 403.
    The gate of the access helpers of the apps that work in one office."""
    if user.office_id is None or not user.has_role(*roles):
        raise PermissionDenied
    return user.office_id


def staff_of_office(request: StaffRequest) -> QuerySet[User]:
    user = request.user
    if not user.manages_settings or user.office_id is None:
        raise PermissionDenied
    paired = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return User.objects.filter(office_id=user.office_id).annotate(
        has_second_factor=Exists(paired)
    )


def get_staff_member_for(request: StaffRequest, pk: int) -> User:
    member = staff_of_office(request).filter(pk=pk).first()
    if member is None:
        raise Http404
    return member
