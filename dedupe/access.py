"""Who may look for duplicates and merge records: those who see the whole
office's persons at the desk (commissioner, deputy, office staff)."""

from django.http import Http404

from accounts.access import require
from accounts.models import Role, User
from clients.models import Person

from .models import Merge

MERGE_ROLES = {Role.COMMISSIONER, Role.DEPUTY, Role.OFFICE_STAFF}


def get_pair_for(user: User, pk: int, other: int) -> tuple[Person, Person]:
    """Two different persons of the user's office, neither merged away."""
    office_id = require(user, MERGE_ROLES)
    found = {
        person.pk: person
        for person in Person.objects.visible_to(user)
        .filter(office_id=office_id, pk__in=[pk, other])
        .select_related("municipality")
    }
    if pk == other or len(found) != 2:
        raise Http404
    return found[pk], found[other]


def get_merge_for(user: User, pk: int) -> Merge:
    office_id = require(user, MERGE_ROLES)
    found = Merge.objects.filter(pk=pk, office_id=office_id).first()
    if found is None:
        raise Http404
    return found
