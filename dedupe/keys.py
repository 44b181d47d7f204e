"""The stored blocking keys of the persons: written whenever a person is
saved, and in bulk for persons created without save() (the demo, imports)."""

from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction

from accounts.models import Office
from clients.models import Person

from .matching import Record, blocking_keys
from .models import PersonKey

FIELDS = (
    "pk",
    "office_id",
    "family_name",
    "given_names",
    "name_original",
    "birth_date",
    "birth_date_precision",
    "municipality_id",
    "phone",
)
BATCH = 5000


def record_of(values: dict[str, Any]) -> Record:
    """A matcher's record from a person's values (FIELDS)."""
    return Record(
        family_name=values["family_name"] or "",
        given_names=values["given_names"] or "",
        name_original=values["name_original"] or "",
        birth_date=values["birth_date"],
        birth_precision=values["birth_date_precision"] or "",
        municipality_id=values["municipality_id"],
        phone=values["phone"] or "",
    )


def _rows(persons: Iterable[dict[str, Any]]) -> Iterator[PersonKey]:
    for values in persons:
        for key in sorted(blocking_keys(record_of(values))):
            yield PersonKey(
                office_id=values["office_id"], person_id=values["pk"], key=key
            )


# What the keys are made of: a save that changes none of it keeps them.
KEYED_FIELDS = frozenset(
    {
        "family_name",
        "given_names",
        "name_original",
        "birth_date",
        "birth_date_precision",
    }
)


def values_of(person: Person) -> dict[str, Any]:
    """The FIELDS of a person at hand, without asking the database again."""
    return {name: getattr(person, name) for name in FIELDS}


def add_for(persons: Iterable[Person]) -> None:
    """Keys of persons just created in bulk (bulk_create sends no signal)."""
    values = (values_of(person) for person in persons)
    PersonKey.objects.bulk_create(_rows(values), batch_size=BATCH)


def refresh(person: Person) -> None:
    """Make the keys of a person again from the names just saved."""
    with transaction.atomic():
        PersonKey.objects.filter(person_id=person.pk).delete()
        add_for([person])


def rebuild(office: Office) -> int:
    """All keys of an office, e.g. after a bulk import; the number written."""
    written = 0
    with transaction.atomic():
        PersonKey.objects.filter(office=office).delete()
        persons = Person.objects.filter(office=office).values(*FIELDS)
        batch: list[PersonKey] = []
        for row in _rows(persons.iterator(chunk_size=BATCH)):
            batch.append(row)
            if len(batch) >= BATCH:
                PersonKey.objects.bulk_create(batch)
                written, batch = written + len(batch), []
        PersonKey.objects.bulk_create(batch)
    return written + len(batch)
