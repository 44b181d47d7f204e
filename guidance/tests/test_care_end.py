"""Ending a care with a reason, and reopening it."""

import datetime

import pytest
import time_machine

from accounts.models import Role, RoleGrant
from cases.tests.factories import make_person
from guidance.models import CareSpell, EndReason

from .factories import make_care

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False):
        yield


def end(client, care, on="2026-03-01", reason=EndReason.MOVED):
    return client.post(
        f"/guidance/cares/{care.pk}/end/", {"reason": reason, "note": "", "on": on}
    )


def test_the_guide_ends_their_care_with_a_reason(cast):
    care = make_care(cast.erz, make_person(cast.erz), cast.gina, cast.olga)
    assert end(cast.client("gina"), care).status_code == 302
    care.refresh_from_db()
    assert care.ended_on == datetime.date(2026, 3, 1)
    assert care.end_reason == EndReason.MOVED
    assert CareSpell.objects.get(care=care).ended_on == datetime.date(2026, 3, 1)


def test_an_end_before_the_start_or_in_the_future_is_refused(cast):
    care = make_care(cast.erz, make_person(cast.erz), cast.gina, cast.olga)
    client = cast.client("olga")
    assert (
        "cannot end before it began" in end(client, care, "2026-01-01").content.decode()
    )
    assert (
        "cannot end in the future" in end(client, care, "2026-03-09").content.decode()
    )
    care.refresh_from_db()
    assert care.is_active


def test_a_former_guide_cannot_end_the_care(cast):
    care = make_care(cast.erz, make_person(cast.erz), cast.gina, cast.olga)
    assert end(cast.client("gustav"), care).status_code == 403


def test_reopening_gives_the_care_back_to_its_last_guide(cast):
    care = make_care(cast.erz, make_person(cast.erz), cast.gina, cast.olga)
    client = cast.client("olga")
    end(client, care)
    response = client.post(f"/guidance/cares/{care.pk}/reopen/")
    assert response["Location"] == f"/guidance/cares/{care.pk}/"
    care.refresh_from_db()
    assert care.is_active and care.end_reason == ""
    spells = CareSpell.objects.filter(care=care).order_by("pk")
    assert [(s.guide, s.ended_on) for s in spells] == [
        (cast.gina, datetime.date(2026, 3, 1)),
        (cast.gina, None),
    ]


def test_reopening_without_the_former_guide_waits_for_an_assignment(cast):
    care = make_care(cast.erz, make_person(cast.erz), cast.gina, cast.olga)
    client = cast.client("olga")
    end(client, care)
    RoleGrant.objects.filter(user=cast.gina, role=Role.GUIDE).delete()
    response = client.post(f"/guidance/cares/{care.pk}/reopen/")
    assert response["Location"] == f"/guidance/cares/{care.pk}/assign/"
    care.refresh_from_db()
    assert care.guide is None and care.is_active


def test_reopening_while_another_care_of_the_kind_runs_is_refused(cast):
    person = make_person(cast.erz)
    care = make_care(cast.erz, person, cast.gina, cast.olga)
    client = cast.client("olga")
    end(client, care)
    make_care(cast.erz, person, cast.gustav, cast.olga)
    response = client.post(f"/guidance/cares/{care.pk}/reopen/", follow=True)
    assert "already has a running care of this kind" in response.content.decode()
    care.refresh_from_db()
    assert not care.is_active


def test_guides_cannot_reopen(cast):
    care = make_care(cast.erz, make_person(cast.erz), cast.gina, cast.olga)
    end(cast.client("olga"), care)
    assert (
        cast.client("gina").post(f"/guidance/cares/{care.pk}/reopen/").status_code
        == 403
    )
