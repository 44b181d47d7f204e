"""Demo duplicates (issue 8): the same man recorded from
different papers in the Erzgebirgskreis (twice, one with a concern of its
own), and a different man with a similar
name; the keys of every generated person are built in bulk."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Office, Role
from cases.models import Channel, Concern, ConcernType
from clients.models import DatePrecision, Person, ResidenceStatus
from dedupe import keys

# (family name, given names, name in the original script, birth date, precision)
RECORDS = [
    ("Hussein", "Abd al-Rahman", "", datetime.date(1993, 1, 1), DatePrecision.DAY),
    (
        "الحسين",
        "عبد الرحمن",
        "عبد الرحمن الحسين",
        datetime.date(1993, 1, 1),
        DatePrecision.YEAR,
    ),
    ("Rahmani", "Hassan", "", datetime.date(1993, 6, 14), DatePrecision.DAY),
]


def seed_dedupe(office: Office) -> None:
    with transaction.atomic():
        if (
            office.code == "ERZ"
            and not office.persons.filter(family_name="Hussein").exists()
        ):
            made = [
                Person.objects.create(
                    office=office,
                    family_name=family,
                    given_names=given,
                    name_original=original,
                    birth_date=born,
                    birth_date_precision=precision,
                    residence_status=ResidenceStatus.PROTECTION,
                )
                for family, given, original, born, precision in RECORDS
            ]
            _concern_of(office, made[1])
        # The generated persons were written in bulk, without their keys.
        keys.rebuild(office)


def _concern_of(office: Office, person: Person) -> None:
    """The record in Arabic script has a concern of its own, so that a
    merge visibly moves something."""
    author = office.staff.filter(role_grants__role=Role.COMMISSIONER).first()
    concern = Concern(
        office=office,
        type=ConcernType.REQUEST,
        channel=Channel.CONSULTATION_HOUR,
        subject="Frage zur Wohnsitzauflage",
        # Today: numbered after every other concern of the demo, in order.
        opened_on=timezone.localdate(),
        created_by=author,
        assigned_to=author,
    )
    concern.assign_number()
    concern.save()
    concern.persons.add(person)
