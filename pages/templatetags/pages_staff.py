from django import template

from pages.access import edits_pages as _edits_pages

register = template.Library()


@register.filter
def edits_pages(user) -> bool:
    """Whether the staff navigation offers the portal pages to this user."""
    return user.is_authenticated and _edits_pages(user)
