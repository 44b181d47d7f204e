"""A client with something in every table that holds data about clients,
and a second client whose data must never show up in the first one's
report or be touched by her erasure."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from accounts.models import Site
from cases.models import Activity, ActivityKind, Concern, FollowUp, Referral, Status
from cases.tests.factories import give_sharing_consent, make_concern, make_partner
from clients.models import Nationality, Person, PersonLanguage
from conftest import Cast
from guidance.models import PlanStep
from guidance.tests.factories import make_care
from mediators.tests.factories import make_assignment, make_mediator, make_request
from portal.models import Submission
from schedule.models import Appointment

# Words that only occur in Amina's data: found in her report, gone after
# her erasure.
AMINA_NOTE = "Rückenschmerzen seit der Flucht"
AMINA_ACTIVITY = "Attest beim Hausarzt besprochen"
AMINA_STEP = "Anerkennung der Pflegeausbildung"
OTHER_NOTE = "Nur Yusufs eigene Sache"
SHARED_NOTE = "Familie gemeinsam beraten"


@dataclass
class World:
    amina: Person
    yusuf: Person
    own: Concern
    shared: Concern
    theirs: Concern


def closed(concern: Concern, at: datetime.datetime) -> Concern:
    Concern.objects.filter(pk=concern.pk).update(
        status=Status.CLOSED, outcome="advised", closed_at=at
    )
    concern.refresh_from_db()
    return concern


def build(cast: Cast, closed_at: datetime.datetime | None = None) -> World:
    office, carla = cast.erz, cast.carla
    closed_at = closed_at or timezone.now() - datetime.timedelta(days=10)
    amina = Person.objects.create(
        office=office,
        family_name="Haddad",
        given_names="Amina",
        name_original="أمينة حداد",
        birth_date=datetime.date(1990, 4, 2),
        phone="0151 2345678",
        residence_status="protection",
    )
    Nationality.objects.create(person=amina, country="SY")
    PersonLanguage.objects.create(person=amina, code="ara")
    yusuf = Person.objects.create(
        office=office, family_name="Demir", given_names="Yusuf"
    )
    partner = make_partner(office)
    consent = give_sharing_consent(amina, partner, carla)

    opened = {"opened_on": (closed_at - datetime.timedelta(days=30)).date()}
    own = make_concern(office, carla, amina, description=AMINA_NOTE, **opened)
    Activity.objects.create(
        concern=own,
        kind=ActivityKind.VISIT,
        occurred_at=closed_at - datetime.timedelta(days=3),
        minutes=30,
        notes=AMINA_ACTIVITY,
        staff=carla,
    )
    FollowUp.objects.create(
        concern=own,
        due_on=datetime.date(2026, 1, 5),
        note="Attest nachreichen",
        created_by=carla,
        done_at=closed_at,
    )
    Referral.objects.create(
        concern=own,
        partner=partner,
        person=amina,
        shares_personal_data=True,
        consent=consent,
        reason="Arbeitsaufnahme trotz Schmerzen",
        created_by=carla,
    )
    Submission.objects.create(
        concern=own,
        kind="question",
        portal_language="ar",
        contact_name="Amina H.",
        contact_email="amina@example.org",
        consent_at=closed_at - datetime.timedelta(days=20),
        code_digest="d" * 64,
        form_token="t" * 64,
    )
    request = make_request(
        office,
        carla,
        closed_at - datetime.timedelta(days=5),
        language="arb",
        concern=own,
        place="Wohnung Haddad, Annaberg",
    )
    make_assignment(request, make_mediator(office), status="done", worked_minutes=60)
    closed(own, closed_at)

    shared = make_concern(
        office, carla, amina, yusuf, description=SHARED_NOTE, **opened
    )
    theirs = make_concern(office, carla, yusuf, description=OTHER_NOTE, **opened)
    closed(shared, closed_at)
    closed(theirs, closed_at)

    started = (closed_at - datetime.timedelta(days=200)).date()
    care = make_care(office, amina, cast.gina, carla, started_on=started)
    PlanStep.objects.create(care=care, position=1, title="Anerkennung", note=AMINA_STEP)
    care.ended_on = closed_at.date()
    care.end_reason = "goals"
    care.save()
    care.spells.update(ended_on=care.ended_on)

    site = Site.objects.get(office=office, name="Annaberg-Buchholz")
    Appointment.objects.create(
        office=office,
        site=site,
        staff=carla,
        starts_at=closed_at - datetime.timedelta(days=8),
        ends_at=closed_at - datetime.timedelta(days=8, minutes=-30),
        client=amina,
        name="Amina Haddad",
        phone="0151 2345678",
        subject="Schmerzen, Attest",
        source="staff",
    )
    return World(amina, yusuf, own, shared, theirs)
