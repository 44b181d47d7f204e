"""The records the permission matrix and the page registry need: an access
request and a restriction in force, both on a person of their own (a
restriction would hide the shared test person from the guides)."""

import datetime

from cases.tests.factories import make_person
from privacy.models import DataRequest, RequestKind, RequestStatus


def build_privacy(cast) -> dict:
    person = make_person(cast.erz, "Sommer", "Lena")
    done = {"status": RequestStatus.DONE, "done_by": cast.carla}
    access = DataRequest.objects.create(
        office=cast.erz,
        number="DS-2026-0001",
        kind=RequestKind.ACCESS,
        person=person,
        created_by=cast.carla,
        outcome={"language": "de", "disclosed": {"clients.person": 1}},
        **done,
    )
    restriction = DataRequest.objects.create(
        office=cast.erz,
        number="DS-2026-0002",
        kind=RequestKind.RESTRICTION,
        person=person,
        received_on=datetime.date(2026, 1, 5),
        created_by=cast.carla,
        **done,
    )
    return {
        "privacy_person": person.pk,
        "access_request": access.pk,
        "restriction": restriction.pk,
    }
