"""Demo guide service (seed 004): the cares of the Mecklenburg-Vorpommern offices.

Every invented client who has a responsible guide gets a care after
recognition that began up to two years ago, so that the caseload pages show
months with clients coming and going: older cares ended, some handed over
to a colleague. Dates are relative to the day the demo is loaded.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Office, Role
from guidance.actions import end_care, start_care, transfer
from guidance.models import Care, CareKind, EndReason, Source
from guidance.templates_seed import ensure_templates

SOURCES = [Source.IMMIGRATION, Source.JOBCENTER, Source.ACCOMMODATION, Source.SELF]
ENDS = [EndReason.GOALS_REACHED, EndReason.MOVED, EndReason.NO_CONTACT]


def seed_guidance(office: Office) -> None:
    ensure_templates(office)
    if office.federal_state != "MV" or Care.objects.filter(office=office).exists():
        return
    desk = office.staff.filter(role_grants__role=Role.OFFICE_STAFF).first()
    guides = list(office.staff.filter(role_grants__role=Role.GUIDE).order_by("pk"))
    if not guides:
        return
    today = timezone.localdate()
    with transaction.atomic():
        persons = office.persons.filter(guides__isnull=False).distinct().order_by("pk")
        for index, person in enumerate(persons):
            guide = person.guides.order_by("pk").first() or guides[0]
            began = today - datetime.timedelta(days=20 + (index * 37) % 700)
            care = start_care(
                office,
                person,
                CareKind.RECOGNITION,
                SOURCES[index % len(SOURCES)],
                by=desk or guide,
                guide=guide,
                started_on=began,
                recognised_on=began - datetime.timedelta(days=10),
            )
            _later(care, index, guides, today)


def _later(care: Care, index: int, guides: list, today: datetime.date) -> None:
    """Hand every fifth care over half-way; end the older ones after a year."""
    age = (today - care.started_on).days
    if index % 5 == 4 and len(guides) > 1 and age > 60:
        colleague = next(g for g in guides if g.pk != care.guide_id)
        transfer(
            care,
            colleague,
            "Übergabe wegen Umzug innerhalb des Landkreises.",
            by=colleague,
            on=care.started_on + datetime.timedelta(days=age // 2),
        )
    if age > 365 and index % 3 != 0:
        end_care(
            care,
            ENDS[index % len(ENDS)],
            on=care.started_on + datetime.timedelta(days=300),
        )
