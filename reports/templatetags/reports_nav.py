"""Which pages of the statistics section the navigation shows to a user."""

from django import template

from accounts.models import User
from reports.access import may_write_texts

register = template.Library()


@register.filter
def writes_report_texts(user: User) -> bool:
    return may_write_texts(user)
