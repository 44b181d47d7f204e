"""The access log as a hash chain per office: built by opening records,
verified by `manage.py verify_access_log`, pruned from its start, and kept
valid through erasures and merges."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cases.tests.factories import make_concern
from clients.accesslog import (
    AccessLogBroken,
    entry_digest,
    prunable,
    prune_access_log,
    verify_chain,
)
from clients.models import GENESIS_DIGEST, AccessChain, Person, PersonAccess
from dedupe.models import Merge

UTC = datetime.UTC
JANUARY = datetime.datetime(2025, 1, 15, 9, 30, 0, 123456, tzinfo=UTC)


def url(person: Person) -> str:
    return f"/clients/{person.pk}/"


def verify(*args: str) -> tuple[bool, str]:
    """The command's verdict (passed or not) and what it printed."""
    out = StringIO()
    try:
        call_command("verify_access_log", *args, stdout=out)
    except CommandError:
        return False, out.getvalue()
    return True, out.getvalue()


def entries(office) -> list[PersonAccess]:
    return list(PersonAccess.objects.filter(office=office).order_by("sequence"))


def raw_update(entry: PersonAccess, column: str, value) -> None:
    # What someone with database access would do: no model code involved.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE clients_personaccess SET {column} = %s WHERE id = %s",  # noqa: S608
            [value, entry.pk],
        )


def raw_delete(entry: PersonAccess) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM clients_personaccess WHERE id = %s", [entry.pk])


def log_at(cast, person: Person, at: datetime.datetime) -> PersonAccess:
    return PersonAccess.objects.create(
        office=person.office, user=cast.carla, person=person, at=at, path=url(person)
    )


@pytest.fixture
def three_reads(cast, ahmad) -> list[PersonAccess]:
    """Gina, Carla and Gina again open Ahmad's record."""
    for name in ("gina", "carla", "gina"):
        assert cast.client(name).get(url(ahmad)).status_code == 200
    return entries(cast.erz)


def test_opening_records_builds_a_chain_that_verifies(cast, ahmad, three_reads):
    first, second, third = three_reads
    assert [e.sequence for e in three_reads] == [1, 2, 3]
    assert [e.user for e in three_reads] == [cast.gina, cast.carla, cast.gina]
    assert {e.person_number for e in three_reads} == {ahmad.pk}
    assert first.digest == entry_digest(
        GENESIS_DIGEST, 1, cast.erz.pk, cast.gina.pk, ahmad.pk, first.at, url(ahmad)
    )
    assert second.digest == entry_digest(
        first.digest, 2, cast.erz.pk, cast.carla.pk, ahmad.pk, second.at, url(ahmad)
    )
    head = AccessChain.objects.get(office=cast.erz)
    assert (head.last_sequence, head.last_digest) == (3, third.digest)

    passed, output = verify()

    assert passed
    assert "ERZ (Erzgebirgskreis): 3 entries verified up to sequence 3" in output
    assert f"head digest {third.digest}" in output


def test_a_concern_page_chains_its_persons_in_order(cast, ahmad):
    other = Person.objects.create(office=cast.erz, family_name="Kovalenko")
    concern = make_concern(cast.erz, cast.carla, ahmad, other)

    cast.client("dieter").get(f"/concerns/{concern.pk}/")

    logged = entries(cast.erz)
    assert [e.sequence for e in logged] == [1, 2]
    assert {e.person_number for e in logged} == {ahmad.pk, other.pk}
    assert logged[1].digest == entry_digest(
        logged[0].digest,
        2,
        cast.erz.pk,
        cast.dieter.pk,
        logged[1].person_number,
        logged[1].at,
        f"/concerns/{concern.pk}/",
    )
    assert verify()[0]


def test_an_office_without_entries_verifies_with_the_genesis_digest(cast):
    passed, output = verify("--office", "GR")
    assert passed
    assert "GR (Landkreis Görlitz): 0 entries verified up to sequence 0" in output
    assert GENESIS_DIGEST in output


def test_an_unknown_office_code_is_refused(cast):
    with pytest.raises(CommandError, match="There is no office 'XX'"):
        call_command("verify_access_log", "--office", "XX", stdout=StringIO())


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("path", lambda cast: "/clients/"),
        ("user_id", lambda cast: cast.olga.pk),
        ("at", lambda cast: connection.ops.adapt_datetimefield_value(JANUARY)),
        ("person_number", lambda cast: 4711),
    ],
    ids=["path", "user", "at", "person_number"],
)
def test_a_changed_entry_is_named(cast, three_reads, column, value):
    changed = three_reads[1]
    raw_update(changed, column, value(cast))

    passed, output = verify()

    assert not passed
    assert f"BROKEN at the entry with sequence 2 (id {changed.pk})" in output
    assert f"its digest {changed.digest} differs" in output
    assert "1 entries before it verified" in output


def test_a_deleted_entry_in_the_middle_is_named(cast, three_reads):
    raw_delete(three_reads[1])

    passed, output = verify()

    assert not passed
    assert f"sequence 3 (id {three_reads[2].pk})" in output
    assert "the entry with sequence 2 is missing before it" in output


def test_deleting_the_newest_entry_disagrees_with_the_head(cast, three_reads):
    raw_delete(three_reads[2])

    passed, output = verify()

    assert not passed
    assert "BROKEN at the entry with sequence 3: " in output
    assert "the entry with sequence 3 is missing" in output


def test_a_digest_recomputed_without_the_head_is_caught_by_the_next_entry(
    cast, ahmad, three_reads
):
    first, changed, following = three_reads
    forged = entry_digest(
        first.digest, 2, cast.erz.pk, cast.olga.pk, ahmad.pk, changed.at, url(ahmad)
    )
    raw_update(changed, "user_id", cast.olga.pk)
    raw_update(changed, "digest", forged)

    passed, output = verify()

    assert not passed
    assert f"sequence 3 (id {following.pk})" in output
    assert "2 entries before it verified" in output


def test_the_newest_digest_recomputed_without_the_head_is_caught(
    cast, ahmad, three_reads
):
    second, newest = three_reads[1:]
    forged = entry_digest(
        second.digest, 3, cast.erz.pk, cast.gina.pk, ahmad.pk, newest.at, "/clients/"
    )
    raw_update(newest, "path", "/clients/")
    raw_update(newest, "digest", forged)

    passed, output = verify()

    assert not passed
    assert f"sequence 3 (id {newest.pk})" in output
    assert "the chain's head names digest" in output


def test_an_entry_slipped_in_past_the_head_is_caught(cast, ahmad, three_reads):
    newest = three_reads[2]
    at = newest.at + datetime.timedelta(seconds=1)
    digest = entry_digest(
        newest.digest, 4, cast.erz.pk, cast.gina.pk, ahmad.pk, at, url(ahmad)
    )
    # bulk_create writes the row as given: past the chain's append.
    [slipped] = PersonAccess.objects.bulk_create(
        [
            PersonAccess(
                office=cast.erz,
                user=cast.gina,
                person=ahmad,
                person_number=ahmad.pk,
                at=at,
                path=url(ahmad),
                sequence=4,
                digest=digest,
            )
        ]
    )

    passed, output = verify()

    assert not passed
    assert f"sequence 4 (id {slipped.pk}): the entry lies beyond the head" in output


def test_offices_have_independent_chains(cast, ahmad, foreign_person):
    cast.client("gina").get(url(ahmad))
    cast.client("otto").get(url(foreign_person))
    cast.client("carla").get(url(ahmad))

    assert [e.sequence for e in entries(cast.erz)] == [1, 2]
    [foreign] = entries(cast.gr)
    assert foreign.sequence == 1
    assert foreign.digest == entry_digest(
        GENESIS_DIGEST,
        1,
        cast.gr.pk,
        cast.otto.pk,
        foreign_person.pk,
        foreign.at,
        url(foreign_person),
    )
    raw_update(foreign, "path", "/")

    assert verify("--office", "ERZ")[0]
    passed, output = verify()
    assert not passed
    assert "ERZ (Erzgebirgskreis): 2 entries verified" in output
    assert "GR (Landkreis Görlitz): BROKEN at the entry with sequence 1" in output


def test_a_plain_create_joins_the_chain(cast, ahmad):
    # Other code and tests may write entries directly.
    log_at(cast, ahmad, JANUARY)
    created = log_at(cast, ahmad, JANUARY)

    assert (created.sequence, created.person_number) == (2, ahmad.pk)
    assert verify_chain(cast.erz).ok


# -- prune ---------------------------------------------------------------


def test_prune_deletes_the_old_start_and_the_rest_still_verifies(cast, ahmad):
    for month in (1, 2, 3, 4):
        log_at(cast, ahmad, JANUARY.replace(month=month))
    last_pruned = entries(cast.erz)[1]

    deleted = prune_access_log(cast.erz, JANUARY.replace(month=3))

    assert deleted == 2
    assert [e.sequence for e in entries(cast.erz)] == [3, 4]
    head = AccessChain.objects.get(office=cast.erz)
    assert (head.anchor_sequence, head.anchor_digest) == (2, last_pruned.digest)
    passed, output = verify()
    assert passed
    assert "2 entries verified up to sequence 4" in output


def test_prune_stops_at_the_first_newer_entry_and_leaves_no_hole(cast, ahmad):
    log_at(cast, ahmad, JANUARY)
    log_at(cast, ahmad, JANUARY.replace(month=6))
    # Written later with an earlier time (a clock set back): it stays.
    log_at(cast, ahmad, JANUARY.replace(day=20))
    march = JANUARY.replace(month=3)
    [first] = prunable(cast.erz, march)

    deleted = prune_access_log(cast.erz.pk, march)

    assert (deleted, first.sequence) == (1, 1)
    assert not prunable(cast.erz, march).exists()
    assert [e.sequence for e in entries(cast.erz)] == [2, 3]
    assert verify_chain(cast.erz).ok


def test_prune_of_everything_keeps_the_head_and_new_entries_chain_on(cast, ahmad):
    log_at(cast, ahmad, JANUARY)
    log_at(cast, ahmad, JANUARY)

    assert prune_access_log(cast.erz, JANUARY.replace(year=2026)) == 2
    assert prune_access_log(cast.erz, JANUARY.replace(year=2026)) == 0
    assert verify_chain(cast.erz).ok
    cast.client("gina").get(url(ahmad))

    [newest] = entries(cast.erz)
    assert newest.sequence == 3
    assert verify_chain(cast.erz).walk.entries == 1


def test_prune_with_nothing_old_enough_deletes_nothing(cast, ahmad):
    log_at(cast, ahmad, JANUARY)

    assert prune_access_log(cast.erz, JANUARY) == 0
    assert prune_access_log(cast.gr, JANUARY) == 0
    assert AccessChain.objects.get(office=cast.erz).anchor_sequence == 0


def test_prune_refuses_to_delete_a_broken_part(cast, ahmad):
    for month in (1, 2, 3):
        log_at(cast, ahmad, JANUARY.replace(month=month))
    raw_update(entries(cast.erz)[0], "path", "/")

    with pytest.raises(AccessLogBroken, match="Entry 1 of the access log of office"):
        prune_access_log(cast.erz, JANUARY.replace(month=3))

    assert len(entries(cast.erz)) == 3
    assert AccessChain.objects.get(office=cast.erz).anchor_sequence == 0


def test_prune_leaves_the_other_office_alone(cast, ahmad, foreign_person):
    log_at(cast, ahmad, JANUARY)
    log_at(cast, foreign_person, JANUARY)

    assert prune_access_log(cast.erz, JANUARY.replace(year=2026)) == 1

    assert len(entries(cast.gr)) == 1
    assert verify()[0]


def test_an_entry_back_before_the_anchor_is_caught(cast, ahmad):
    log_at(cast, ahmad, JANUARY)
    log_at(cast, ahmad, JANUARY.replace(month=6))
    pruned = entries(cast.erz)[0]
    prune_access_log(cast.erz, JANUARY.replace(month=3))
    PersonAccess.objects.bulk_create([pruned])

    passed, output = verify()

    assert not passed
    assert "sequence 1 (id " in output
    assert "the entry lies before the anchor" in output


# -- erasure and merges --------------------------------------------------


def test_erasing_a_person_keeps_the_chain_and_only_a_number(cast, ahmad, three_reads):
    number = ahmad.pk

    ahmad.delete()

    kept = entries(cast.erz)
    assert [(e.person_id, e.person_number) for e in kept] == [(None, number)] * 3
    assert verify()[0]


def test_a_merge_and_its_undo_keep_the_chain_valid(cast, ahmad):
    twin = Person.objects.create(
        office=cast.erz, family_name="Haddad", given_names="Ahmad"
    )
    client = cast.client("carla")
    client.get(url(ahmad))
    client.get(url(twin))
    merge_url = f"/clients/duplicates/{ahmad.pk}/merge/{twin.pk}/"

    response = client.post(merge_url, {"keep": ahmad.pk, "reason": "Same passport"})

    assert response.status_code == 302
    assert client.get(url(ahmad)).status_code == 200
    assert ahmad.accesses.count() == 3
    assert set(ahmad.accesses.values_list("person_number", flat=True)) == {
        ahmad.pk,
        twin.pk,
    }
    assert verify()[0]
    record = Merge.objects.get()
    client.post(f"/clients/duplicates/merges/{record.pk}/undo/")
    assert twin.accesses.count() == 1
    assert verify()[0]
