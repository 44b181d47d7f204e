"""A hand-counted set of concerns; the tests check the pages against these counts.

Erzgebirgskreis, opened in 2025 (16 concerns):
  10 March: 7 walk-in visits (consultation hour, closed)
            6 requests (phone, in progress)
  20 May:   3 complaints (1 consultation hour, 2 e-mail, new; 1 justified)
  Topics: Housing on 5 visits; Work on 2 requests and the first visit.
  Persons (14): 7 "Quixotebottom" (protection), one each on the visits, the
  first also on the last request; 5 "Wunderlichkeit" (asylum procedure) on
  the first 5 requests; 2 "Zauberflinte" (tolerated) on 2 complaints.
  Referrals (7): Jobcenter from 6 visits (4 accepted, 2 done); immigration
  authority from the first complaint (sent).
  Outside 2025: 1 visit on 15 December 2024.
Landkreis Görlitz, 10 March 2025 (33 concerns): 20 visits, 8 requests,
  5 complaints, all by phone and new; 1 "Fremdbuero" (protection) on a visit.
"""

import datetime

import pytest

from cases.models import Topic
from directory.models import Partner, PartnerKind

from .helpers import add_concerns, add_persons, link, refer, tag

MARCH = datetime.date(2025, 3, 10)
MAY = datetime.date(2025, 5, 20)
YEAR_2025 = "?start=2025-01-01&end=2025-12-31"
PERSON_NAMES = ["Quixotebottom", "Wunderlichkeit", "Zauberflinte", "Fremdbuero"]


@pytest.fixture
def counted(cast):
    erz, carla = cast.erz, cast.carla
    visits = add_concerns(erz, carla, 7, MARCH, status="closed")
    requests = add_concerns(
        erz, carla, 6, MARCH, type="request", channel="phone", status="in_progress"
    )
    complaints = add_concerns(
        erz, carla, 1, MAY, type="complaint", justification="justified"
    ) + add_concerns(erz, carla, 2, MAY, type="complaint", channel="email")
    add_concerns(erz, carla, 1, datetime.date(2024, 12, 15))

    protected = add_persons(erz, "Quixotebottom", 7, "protection")
    link(visits, protected)
    requests[5].persons.add(protected[0])
    link(requests[:5], add_persons(erz, "Wunderlichkeit", 5, "asylum_procedure"))
    link(complaints[:2], add_persons(erz, "Zauberflinte", 2, "tolerated"))

    tag(visits[:5], Topic.objects.create(office=erz, name="Housing"))
    tag([*requests[:2], visits[0]], Topic.objects.create(office=erz, name="Work"))

    jobcenter = Partner.objects.create(
        office=erz, kind=PartnerKind.JOBCENTER, name="Jobcenter Erzgebirgskreis"
    )
    authority = Partner.objects.create(
        office=erz, kind=PartnerKind.IMMIGRATION_AUTHORITY, name="Ausländerbehörde"
    )
    refer(visits[:4], jobcenter, carla, "accepted")
    refer(visits[4:6], jobcenter, carla, "done")
    refer(complaints[:1], authority, carla, "sent")

    gr, otto = cast.gr, cast.otto
    gr_visits = add_concerns(gr, otto, 20, MARCH, channel="phone")
    add_concerns(gr, otto, 8, MARCH, type="request", channel="phone")
    add_concerns(gr, otto, 5, MARCH, type="complaint", channel="phone")
    link(gr_visits[:1], add_persons(gr, "Fremdbuero", 1, "protection"))
    return cast
