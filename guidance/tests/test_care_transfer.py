"""Assignment and transfer: the history of spells and the handover note."""

import datetime

import pytest
import time_machine

from accounts.models import Role
from cases.tests.factories import make_person
from conftest import make_user
from guidance.models import CareSpell

from .factories import make_care

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False):
        yield


def test_transfer_closes_the_spell_and_keeps_the_handover_note(cast):
    person = make_person(cast.erz)
    care = make_care(cast.erz, person, cast.gina, cast.olga)
    person.guides.add(cast.gina)
    response = cast.client("olga").post(
        f"/guidance/cares/{care.pk}/transfer/",
        {
            "to_guide": cast.gustav.pk,
            "note": "Jobcenter-Termin am 5.3.",
            "on": "2026-03-01",
        },
    )
    assert response.status_code == 302
    care.refresh_from_db()
    assert care.guide == cast.gustav
    first, second = CareSpell.objects.filter(care=care).order_by("began_on")
    assert first.guide == cast.gina and first.ended_on == datetime.date(2026, 3, 1)
    assert second.guide == cast.gustav and second.ended_on is None
    assert second.handover_note == "Jobcenter-Termin am 5.3."
    assert list(person.guides.all()) == [cast.gustav]
    # The former guide still reads the care and its handover.
    page = cast.client("gina").get(f"/guidance/cares/{care.pk}/").content.decode()
    assert "Jobcenter-Termin am 5.3." in page


def test_transfer_to_the_same_guide_is_refused(cast):
    care = make_care(cast.erz, make_person(cast.erz), cast.gina, cast.olga)
    response = cast.client("olga").post(
        f"/guidance/cares/{care.pk}/transfer/",
        {"to_guide": cast.gina.pk, "note": "x", "on": "2026-03-02"},
    )
    assert "already holds the care" in response.content.decode()
    assert CareSpell.objects.filter(care=care).count() == 1


@pytest.mark.parametrize("who", ["otto", "olga"])
def test_transfer_to_someone_who_is_no_guide_of_the_office_is_refused(cast, who):
    care = make_care(cast.erz, make_person(cast.erz), cast.gina, cast.olga)
    response = cast.client("olga").post(
        f"/guidance/cares/{care.pk}/transfer/",
        {"to_guide": getattr(cast, who).pk, "note": "x", "on": "2026-03-02"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    care.refresh_from_db()
    assert care.guide == cast.gina


def test_transfer_before_the_guide_took_over_or_in_the_future_is_refused(cast):
    care = make_care(cast.erz, make_person(cast.erz), cast.gina, cast.olga)
    client = cast.client("olga")
    early = client.post(
        f"/guidance/cares/{care.pk}/transfer/",
        {"to_guide": cast.gustav.pk, "note": "x", "on": "2026-01-01"},
    )
    assert "before the current guide took over" in early.content.decode()
    late = client.post(
        f"/guidance/cares/{care.pk}/transfer/",
        {"to_guide": cast.gustav.pk, "note": "x", "on": "2026-04-01"},
    )
    assert "cannot be dated in the future" in late.content.decode()
    assert CareSpell.objects.filter(care=care).count() == 1


def test_an_inactive_guide_is_not_offered(cast):
    gone = make_user("gert", cast.erz, Role.GUIDE, is_active=False)
    care = make_care(cast.erz, make_person(cast.erz), cast.gina, cast.olga)
    page = cast.client("olga").get(f"/guidance/cares/{care.pk}/transfer/")
    assert f'value="{gone.pk}"' not in page.content.decode()


def test_assigning_opens_the_first_spell(cast):
    care = make_care(cast.erz, make_person(cast.erz), None, cast.olga)
    response = cast.client("olga").post(
        f"/guidance/cares/{care.pk}/assign/", {"guide": cast.gustav.pk}
    )
    assert response.status_code == 302
    spell = CareSpell.objects.get(care=care)
    assert spell.guide == cast.gustav
    assert spell.began_on == datetime.date(2026, 3, 2)


def test_an_assigned_care_is_transferred_not_assigned_again(cast):
    care = make_care(cast.erz, make_person(cast.erz), cast.gina, cast.olga)
    response = cast.client("olga").post(
        f"/guidance/cares/{care.pk}/assign/", {"guide": cast.gustav.pk}
    )
    assert "transfer it instead" in response.content.decode()


def test_guides_cannot_transfer_or_assign(cast):
    care = make_care(cast.erz, make_person(cast.erz), cast.gina, cast.olga)
    client = cast.client("gina")
    assert client.get(f"/guidance/cares/{care.pk}/transfer/").status_code == 403
    assert client.get(f"/guidance/cares/{care.pk}/assign/").status_code == 403
