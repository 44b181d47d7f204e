"""Who may write the office's portal pages, and the one way to fetch a page."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Office, Role, User

from .models import Page

# The pages speak for the office: those who run it write them. Guides and
# analysts do not, nor does the state view.
EDITOR_ROLES = (
    Role.COMMISSIONER,
    Role.DEPUTY,
    Role.OFFICE_STAFF,
    Role.ADMINISTRATOR,
)


def edits_pages(user: User) -> bool:
    return user.office_id is not None and user.has_role(*EDITOR_ROLES)


def editor_office(user: User) -> Office:
    """The office whose pages the user may write."""
    if not edits_pages(user):
        raise PermissionDenied
    assert user.office is not None
    return user.office


def get_page_for(user: User, pk: int) -> Page:
    """Another office's page is 404: its existence is not revealed."""
    office = editor_office(user)
    page = Page.objects.filter(pk=pk, office=office).first()
    if page is None:
        raise Http404
    return page
