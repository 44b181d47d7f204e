from collections.abc import Iterable

from django.db import transaction
from django.utils.crypto import get_random_string
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import OFFICE_ROLES, StaffCreateForm, StaffEditForm
from .models import Office, Role, RoleGrant, User


def set_roles(user: User, roles: Iterable[str]) -> None:
    """Grant exactly these office roles; installation-wide grants stay untouched."""
    wanted = set(roles)
    office_roles = {value for value, _label in OFFICE_ROLES}
    # One by one, so that the history records each withdrawn role.
    for grant in user.role_grants.filter(role__in=office_roles - wanted):
        grant.delete()
    held = set(user.role_grants.values_list("role", flat=True))
    for role in wanted - held:
        RoleGrant.objects.create(user=user, role=role)
    user.__dict__.pop("roles", None)


def create_staff(form: StaffCreateForm, office: Office) -> User:
    with transaction.atomic():
        user = form.save(commit=False)
        user.office = office
        user.set_password(form.cleaned_data["password"])
        user.save()
        set_roles(user, form.cleaned_data["roles"])
    return user


def update_staff(form: StaffEditForm) -> User:
    with transaction.atomic():
        user = form.save(commit=False)
        if form.cleaned_data.get("new_password"):
            user.set_password(form.cleaned_data["new_password"])
        user.save()
        set_roles(user, form.cleaned_data["roles"])
    return user


def reset_second_factor(user: User) -> None:
    """Forget the paired apps (a lost phone); the next login pairs a new one."""
    TOTPDevice.objects.filter(user=user).delete()


def create_office(
    *, name: str, code: str, slug: str, state: str, admin: str, admin_email: str = ""
) -> tuple[Office, User, str]:
    """A new office with its first administrator and a one-time random password."""
    password = get_random_string(20)
    with transaction.atomic():
        office = Office(name=name, code=code, slug=slug, federal_state=state)
        office.full_clean()
        office.save()
        user = User(username=admin, email=admin_email, office=office)
        user.set_password(password)
        user.full_clean()
        user.save()
        RoleGrant.objects.create(user=user, role=Role.ADMINISTRATOR)
    return office, user, password
