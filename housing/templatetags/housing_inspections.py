"""The inspections block of the accommodation page (its history and open
deficiencies), for templates/housing/includes/accommodation_inspections.html."""

from typing import Any

from django import template

from accounts.models import User
from housing.access import INSPECT_ROLES
from housing.models import Accommodation, Deficiency, DeficiencyStatus

register = template.Library()


@register.simple_tag
def inspections_of(accommodation: Accommodation, user: User) -> dict[str, Any]:
    return {
        "inspections": accommodation.inspections.all(),
        "open_deficiencies": Deficiency.objects.filter(
            inspection__accommodation=accommodation, status=DeficiencyStatus.OPEN
        ).select_related("responsible", "standard", "inspection"),
        "can_inspect": user.has_role(*INSPECT_ROLES),
    }
