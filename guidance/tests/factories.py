"""Cares and their spells for the tests."""

import datetime

from accounts.models import Office, User
from clients.models import Person
from guidance.models import Care, CareKind, CareSpell, Source


def make_care(
    office: Office,
    person: Person,
    guide: User | None,
    by: User,
    started_on: datetime.date = datetime.date(2026, 1, 15),
    kind: str = CareKind.RECOGNITION,
    **fields,
) -> Care:
    """A running care, with the guide's open spell when a guide is given."""
    care = Care.objects.create(
        office=office,
        person=person,
        guide=guide,
        kind=kind,
        source=fields.pop("source", Source.IMMIGRATION),
        started_on=started_on,
        created_by=by,
        **fields,
    )
    if guide is not None:
        CareSpell.objects.create(care=care, guide=guide, began_on=started_on)
    return care
