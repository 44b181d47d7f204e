"""The duplicate hints and merges shown on a person's page."""

import datetime
from dataclasses import dataclass
from typing import Any

from django import template

from accounts.models import User
from cases.models import Concern
from clients.models import Person
from dedupe.access import MERGE_ROLES
from dedupe.keys import record_of, values_of
from dedupe.lookup import Found, likely_persons
from dedupe.matching import Record
from dedupe.models import Merge

register = template.Library()


@dataclass(frozen=True)
class Candidate:
    person: Person
    found: Found


def _merges_records(user: User) -> bool:
    return bool(user.office_id) and user.has_role(*MERGE_ROLES)


@register.filter
def merges_records(user: User) -> bool:
    return _merges_records(user)


@register.simple_tag
def person_duplicates(user: User, person: Person) -> list[Candidate]:
    """Likely other records of the same person that the user may open."""
    if not _merges_records(user):
        return []
    record = record_of(values_of(person))
    found = likely_persons(person.office_id, record, exclude=[person.pk])
    return _visible(user, found)


@register.simple_tag
def person_merges(person: Person) -> list[Merge]:
    """Records merged into this one, undone ones included."""
    return list(
        Merge.objects.filter(kept=person).select_related("merged", "by", "undone_by")
    )


# The portal gives a name (and perhaps a phone), never a date of birth:
# fewer agreeing facts, so weaker likenesses are offered for staff to check.
CONTACT_THRESHOLD = 0.5


@register.simple_tag
def contact_matches(user: User, concern: Concern) -> list[Candidate]:
    """Known persons that the contact data of a portal submission may be."""
    submission = concern.submission
    if submission.anonymous or not user.sees_persons:
        return []
    record = Record(
        family_name=submission.contact_name[:500],
        given_names="",
        name_original="",
        birth_date=None,
        birth_precision="",
        phone=submission.contact_phone,
    )
    linked = concern.persons.values_list("pk", flat=True)
    found = likely_persons(
        concern.office_id, record, exclude=linked, threshold=CONTACT_THRESHOLD
    )
    return _visible(user, found)


def _visible(user: User, found: list[Found]) -> list[Candidate]:
    by_pk = {item.person_id: item for item in found}
    visible = Person.objects.visible_to(user).filter(pk__in=by_pk)
    candidates = [Candidate(other, by_pk[other.pk]) for other in visible]
    return sorted(candidates, key=lambda candidate: -candidate.found.score)


@register.simple_tag
def row_matches(user: User, office_id: int, row: Any) -> list[Candidate]:
    """Known persons that a new row of a recognition list may be (the list's
    own check only finds the same folded name and date of birth)."""
    data = row.data
    born = data.get("birth_date")
    record = Record(
        family_name=str(data.get("family_name", ""))[:500],
        given_names=str(data.get("given_names", ""))[:500],
        name_original="",
        birth_date=datetime.date.fromisoformat(born) if born else None,
        birth_precision=str(data.get("birth_date_precision") or ""),
        municipality_id=data.get("municipality_id"),
    )
    return _visible(user, likely_persons(office_id, record, limit=3))
