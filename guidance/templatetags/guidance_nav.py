"""Which guide-service links the staff navigation shows to a user."""

from django import template

from accounts.models import User
from guidance.access import (
    CARE_ROLES,
    CASELOAD_ROLES,
    INTAKE_ROLES,
    TEMPLATE_ROLES,
    TRAINING_ROLES,
    cares_visible_to,
)

register = template.Library()


def _holds(user: User, roles: set) -> bool:
    return bool(user.office_id) and user.has_role(*roles)


@register.filter
def works_cares(user: User) -> bool:
    return _holds(user, CARE_ROLES)


@register.filter
def takes_in(user: User) -> bool:
    return _holds(user, INTAKE_ROLES)


@register.filter
def reads_caseloads(user: User) -> bool:
    return _holds(user, CASELOAD_ROLES)


@register.filter
def edits_plan_templates(user: User) -> bool:
    return _holds(user, TEMPLATE_ROLES)


@register.filter
def records_training(user: User) -> bool:
    return _holds(user, TRAINING_ROLES)


@register.filter
def sees_guidance(user: User) -> bool:
    return _holds(user, CARE_ROLES | CASELOAD_ROLES | TEMPLATE_ROLES)


@register.simple_tag
def person_cares(user: User, person) -> list:
    """The person's cares that the user may open, for the person's page."""
    if not _holds(user, CARE_ROLES):
        return []
    return list(cares_visible_to(user).filter(person=person).select_related("guide"))
