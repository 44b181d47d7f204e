"""Which mediator links the staff navigation shows to a user."""

from django import template

from accounts.models import Role, User
from mediators.access import DEMAND_ROLES, PAY_ROLES, POOL_ROLES, REQUEST_ROLES

register = template.Library()


@register.filter
def sees_mediator_pool(user: User) -> bool:
    return bool(user.office_id) and user.has_role(*(POOL_ROLES | REQUEST_ROLES))


@register.filter
def requests_mediators(user: User) -> bool:
    return bool(user.office_id) and user.has_role(*REQUEST_ROLES)


@register.filter
def is_mediator(user: User) -> bool:
    return bool(user.office_id) and user.has_role(Role.MEDIATOR)


@register.filter
def keeps_pool(user: User) -> bool:
    return bool(user.office_id) and user.has_role(*POOL_ROLES)


@register.filter
def pays_mediators(user: User) -> bool:
    return bool(user.office_id) and user.has_role(*PAY_ROLES)


@register.filter
def reads_demand(user: User) -> bool:
    return bool(user.office_id) and user.has_role(*DEMAND_ROLES)
