"""The data protection links the navigation and a person's page show."""

from django import template

from accounts.models import User
from clients.models import Person

from ..access import PRIVACY_ROLES
from ..models import DataRequest

register = template.Library()


@register.filter
def answers_requests(user: User) -> bool:
    return bool(user.office_id) and user.has_role(*PRIVACY_ROLES)


@register.simple_tag
def restriction_of(person: Person) -> DataRequest | None:
    """The restriction in force on the record, if any."""
    return DataRequest.objects.restricting().filter(person=person).first()
