"""Staff opening records at the same moment must not fork the access log.

Threads open person pages at once, each with its own connection. On
PostgreSQL the transactions really overlap: without the row lock on the
chain's head two of them would continue the same entry (and the unique
sequence would answer 500). SQLite's in-memory test database cannot hold
two writing connections at all, so there the test cannot say anything;
.ci/run runs it on PostgreSQL.
"""

import threading

import pytest
from django.db import connection

from clients.accesslog import verify_chain
from clients.models import AccessChain, Person, PersonAccess
from conftest import logged_in

THREADS = 4
READS = 8

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs concurrent transactions (PostgreSQL, see .ci/run)",
    ),
]


def test_simultaneous_reads_extend_one_unbroken_chain(cast):
    persons = [
        Person.objects.create(office=cast.erz, family_name=f"Haddad {n}")
        for n in range(THREADS)
    ]
    users = [cast.carla, cast.dieter, cast.olga]
    barrier = threading.Barrier(THREADS)
    statuses: list[int] = []

    def read(index: int) -> None:
        try:
            browser = logged_in(users[index % len(users)])
            barrier.wait(timeout=10)
            for _ in range(READS):
                page = browser.get(f"/clients/{persons[index].pk}/")
                statuses.append(page.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=read, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert statuses == [200] * (THREADS * READS)
    sequences = PersonAccess.objects.filter(office=cast.erz).values_list(
        "sequence", flat=True
    )
    assert sorted(sequences) == list(range(1, THREADS * READS + 1))
    assert AccessChain.objects.get(office=cast.erz).last_sequence == THREADS * READS
    assert verify_chain(cast.erz).ok


def test_the_first_entries_of_an_office_at_once_make_one_head(cast):
    # Nobody has opened a record yet: the head does not exist either.
    person = Person.objects.create(office=cast.gr, family_name="Muhammad")
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def read() -> None:
        try:
            browser = logged_in(cast.otto)
            barrier.wait(timeout=10)
            statuses.append(browser.get(f"/clients/{person.pk}/").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert statuses == [200, 200]
    assert AccessChain.objects.get(office=cast.gr).last_sequence == 2
    assert verify_chain(cast.gr).ok
