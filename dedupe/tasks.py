"""Blocking keys of persons created in bulk, written by the task worker:
a list of 100,000 would otherwise hold its import up by a minute."""

from django_tasks import task

from clients.models import Person

from . import keys

# Persons per task: small enough for the task table's arguments.
CHUNK = 5000


def enqueue_keys(person_ids: list[int]) -> None:
    for start in range(0, len(person_ids), CHUNK):
        write_keys.enqueue(person_ids[start : start + CHUNK])


@task()
def write_keys(person_ids: list[int]) -> None:
    keys.add_for(Person.objects.filter(pk__in=person_ids).only(*keys.FIELDS))
