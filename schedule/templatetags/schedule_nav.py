"""Which schedule links the staff navigation shows to a user."""

from django import template

from accounts.models import User
from schedule.access import BUDGET_ROLES, DESK_ROLES, MANAGER_ROLES, OFFICE_ROLES

register = template.Library()


@register.filter
def works_hours(user: User) -> bool:
    return bool(user.office_id) and user.has_role(*(MANAGER_ROLES | DESK_ROLES))


@register.filter
def works_desk(user: User) -> bool:
    return bool(user.office_id) and user.has_role(*DESK_ROLES)


@register.filter
def sees_budget(user: User) -> bool:
    return bool(user.office_id) and user.has_role(*BUDGET_ROLES)


@register.filter
def keeps_calendar(user: User) -> bool:
    return bool(user.office_id) and user.has_role(*OFFICE_ROLES)
