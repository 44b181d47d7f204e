"""Demo data protection (issue 10) in the Erzgebirgskreis.

Oksana Petrenko wrote in asking what the office stores about her and then
to erase it: her two concerns are closed, she had an appointment eight
months ago and gave consent. Reza Karimi's matters
ended four years ago: past the default periods, so the retention dry run
lists his concerns and his record.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from accounts.models import Office, Role
from cases.models import Activity, ActivityKind, Channel, Concern, ConcernType, Status
from clients.models import (
    Consent,
    ConsentForm,
    ConsentPurpose,
    Nationality,
    Person,
    PersonLanguage,
    ResidenceStatus,
)
from schedule.models import Appointment, AppointmentSource, AppointmentStatus

# (subject, description, months before today it was opened). Oksana's were
# opened and closed today, so that they are numbered after the generated
# concerns of this year in date order.
OKSANA_CONCERNS = [
    (
        "Anerkennung des Pflegeabschlusses",
        "Unterlagen aus Charkiw fehlen; Krankenpflegerin mit Berufserfahrung.",
        0,
    ),
    (
        "Kita-Platz für die Tochter",
        "Tochter nach Operation in Behandlung, Betreuung nötig.",
        0,
    ),
]
KARIMI_CONCERNS = [
    ("Umzug in eigene Wohnung", "Wohnungssuche in Aue, Kaution.", 52),
    ("Führerschein umschreiben", "Iranischer Führerschein, Übersetzung.", 49),
]


def seed_privacy(office: Office) -> None:
    if office.code != "ERZ" or office.persons.filter(family_name="Petrenko").exists():
        return
    author = office.staff.filter(role_grants__role=Role.COMMISSIONER).first()
    if author is None:
        return
    with transaction.atomic():
        oksana = Person.objects.create(
            office=office,
            family_name="Petrenko",
            given_names="Oksana",
            name_original="Оксана Петренко",
            birth_date=datetime.date(1987, 9, 14),
            residence_status=ResidenceStatus.TEMPORARY_PROTECTION,
            phone="0152 7788990",
            email="oksana.petrenko@example.org",
        )
        Nationality.objects.create(person=oksana, country="UA")
        PersonLanguage.objects.create(person=oksana, code="ukr")
        Consent.objects.create(
            person=oksana,
            purpose=ConsentPurpose.COUNSELLING,
            form=ConsentForm.WRITTEN,
            given_on=timezone.localdate() - relativedelta(months=11),
            recorded_by=author,
        )
        for subject, text, months in OKSANA_CONCERNS:
            _closed_concern(office, author, oksana, subject, text, months)
        _past_appointment(office, author, oksana)

        karimi = Person.objects.create(
            office=office,
            family_name="Karimi",
            given_names="Reza",
            residence_status=ResidenceStatus.SETTLEMENT,
        )
        Nationality.objects.create(person=karimi, country="IR")
        for subject, text, months in KARIMI_CONCERNS:
            _closed_concern(office, author, karimi, subject, text, months)
        # Nothing changed on his record since his last matter ended.
        long_ago = timezone.now() - relativedelta(months=48)
        Person.objects.filter(pk=karimi.pk).update(updated_at=long_ago)


def _past_appointment(office: Office, author, person: Person) -> None:
    """Eight months ago: past the default six months for appointments."""
    site = office.sites.order_by("pk").first()
    if site is None:
        return
    day = timezone.localdate() - relativedelta(months=8)
    starts = datetime.datetime.combine(
        day, datetime.time(9), tzinfo=timezone.get_current_timezone()
    )
    Appointment.objects.create(
        office=office,
        site=site,
        staff=author,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=30),
        client=person,
        name=person.full_name,
        phone=person.phone,
        language="ukr",
        subject="Anerkennung, Unterlagen mitbringen",
        source=AppointmentSource.STAFF,
        status=AppointmentStatus.ATTENDED,
        created_by=author,
    )


def _closed_concern(
    office: Office, author, person: Person, subject: str, text: str, months: int
) -> Concern:
    opened = timezone.localdate() - relativedelta(months=months)
    concern = Concern(
        office=office,
        type=ConcernType.REQUEST,
        channel=Channel.CONSULTATION_HOUR,
        subject=subject,
        description=text,
        opened_on=opened,
        created_by=author,
        assigned_to=author,
    )
    concern.assign_number()
    concern.save()
    concern.persons.add(person)
    visit = min(
        datetime.datetime.combine(
            opened, datetime.time(8), tzinfo=timezone.get_current_timezone()
        ),
        timezone.now(),
    )
    Activity.objects.create(
        concern=concern,
        kind=ActivityKind.VISIT,
        occurred_at=visit,
        minutes=45,
        notes=f"Beratung: {text}",
        staff=author,
    )
    closed = min(visit + relativedelta(months=1), timezone.now())
    Concern.objects.filter(pk=concern.pk).update(
        status=Status.CLOSED,
        outcome="advised",
        closed_at=closed,
        first_response_on=opened,
    )
    return concern
