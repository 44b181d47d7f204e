"""The migration that chains the access log numbers the existing entries of
each office in (at, id) order, makes their heads, and can be undone."""

import datetime

import pytest

from clients.accesslog import verify_chain
from clients.models import AccessChain, PersonAccess
from tests.migrations import latest, migrate

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BEFORE = [("clients", "0001_initial")]
EARLY = datetime.datetime(2025, 3, 1, 8, 0, tzinfo=datetime.UTC)


def test_existing_entries_are_chained_per_office_and_the_chain_can_go(cast):
    old = migrate(BEFORE)
    try:
        person_model = old.get_model("clients", "Person")
        access_model = old.get_model("clients", "PersonAccess")
        ahmad = person_model.objects.create(
            office_id=cast.erz.pk, family_name="Haddad", name_key=" hdd "
        )
        khalid = person_model.objects.create(
            office_id=cast.gr.pk, family_name="Muhammad", name_key=" mhmd "
        )
        later, earlier, foreign = (
            access_model.objects.create(
                office_id=person.office_id,
                user_id=cast.carla.pk,
                person_id=person.pk,
                at=EARLY + datetime.timedelta(hours=hours),
                path="/clients/",
            )
            for person, hours in ((ahmad, 2), (ahmad, 1), (khalid, 0))
        )

        migrate(latest())

        chained = PersonAccess.objects.filter(office=cast.erz).order_by("sequence")
        assert [(e.pk, e.sequence) for e in chained] == [(earlier.pk, 1), (later.pk, 2)]
        assert {e.person_number for e in chained} == {ahmad.pk}
        assert PersonAccess.objects.get(pk=foreign.pk).sequence == 1
        assert AccessChain.objects.get(office=cast.erz).last_sequence == 2
        assert verify_chain(cast.erz).ok
        assert verify_chain(cast.gr).ok

        # An erased person's entry cannot go back to the old schema.
        PersonAccess.objects.filter(pk=foreign.pk).update(person=None)
        old = migrate(BEFORE)
        left = old.get_model("clients", "PersonAccess").objects.order_by("pk")
        assert list(left.values_list("pk", flat=True)) == [later.pk, earlier.pk]
    finally:
        migrate(latest())
