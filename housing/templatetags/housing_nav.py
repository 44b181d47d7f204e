"""Which accommodation links the staff navigation shows to a user."""

from django import template

from accounts.models import User
from housing.access import MANAGE_ROLES, VIEW_ROLES
from housing.register_views import SETTINGS_ROLES

register = template.Library()


@register.filter
def sees_accommodations(user: User) -> bool:
    return bool(user.office_id) and user.has_role(*VIEW_ROLES)


@register.filter
def keeps_accommodations(user: User) -> bool:
    return bool(user.office_id) and user.has_role(*MANAGE_ROLES)


@register.filter
def sets_care_ratio(user: User) -> bool:
    return bool(user.office_id) and user.has_role(*SETTINGS_ROLES)
