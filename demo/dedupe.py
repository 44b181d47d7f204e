"""Demo duplicates (issue 8): the same man recorded three times from
different papers in the Erzgebirgskreis, and a different man with a similar
name; the keys of every generated person are built in bulk."""

import datetime

from django.db import transaction

from accounts.models import Office
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
            for family, given, original, born, precision in RECORDS:
                Person.objects.create(
                    office=office,
                    family_name=family,
                    given_names=given,
                    name_original=original,
                    birth_date=born,
                    birth_date_precision=precision,
                    residence_status=ResidenceStatus.PROTECTION,
                )
        # The generated persons were written in bulk, without their keys.
        keys.rebuild(office)
