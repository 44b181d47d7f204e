"""A new care for an existing person: the plan is copied from the template."""

import datetime

import pytest
import time_machine

from cases.tests.factories import make_person
from guidance.models import Care, CareKind, PlanStep, Source
from guidance.templates_seed import RECOGNITION_STEPS

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False):
        yield


def test_a_new_care_gets_the_plan_with_due_dates_from_the_template(cast):
    person = make_person(cast.erz)
    response = cast.client("olga").post(
        f"/guidance/cares/new/?person={person.pk}",
        {
            "kind": CareKind.RECOGNITION,
            "source": Source.JOBCENTER,
            "guide": cast.gina.pk,
            "started_on": "2026-03-01",
        },
    )
    care = Care.objects.get(person=person)
    assert response.status_code == 302
    assert response["Location"] == f"/guidance/cares/{care.pk}/"
    steps = list(care.steps.all())
    assert [s.title for s in steps] == [s.title for s in RECOGNITION_STEPS]
    assert steps[1].title == "Anmeldung beim Jobcenter"
    assert steps[1].due_on == datetime.date(2026, 3, 15)
    assert care.guide == cast.gina
    assert care.spells.get().began_on == datetime.date(2026, 3, 1)
    assert person.guides.filter(pk=cast.gina.pk).exists()


def test_voluntary_departure_comes_from_the_immigration_authority(cast):
    person = make_person(cast.erz)
    response = cast.client("olga").post(
        f"/guidance/cares/new/?person={person.pk}",
        {"kind": CareKind.DEPARTURE, "source": "", "started_on": "2026-03-02"},
    )
    care = Care.objects.get(person=person)
    assert response["Location"] == f"/guidance/cares/{care.pk}/assign/"
    assert care.source == Source.IMMIGRATION
    assert care.guide is None
    consent_steps = care.steps.filter(needs_consent=True)
    assert consent_steps.filter(title__contains="Zielflughafen").exists()
    assert care.steps.filter(title__contains="Gepäck", needs_consent=False).exists()


def test_a_second_running_care_of_the_same_kind_is_refused(cast):
    person = make_person(cast.erz)
    data = {"kind": CareKind.RECOGNITION, "source": "self", "started_on": "2026-03-02"}
    client = cast.client("olga")
    client.post(f"/guidance/cares/new/?person={person.pk}", data)
    response = client.post(f"/guidance/cares/new/?person={person.pk}", data)
    assert response.status_code == 200
    assert "already has a running care of this kind" in response.content.decode()
    assert Care.objects.filter(person=person).count() == 1
    assert PlanStep.objects.filter(care__person=person).count() == len(
        RECOGNITION_STEPS
    )


def test_a_care_cannot_begin_in_the_future(cast):
    person = make_person(cast.erz)
    response = cast.client("olga").post(
        f"/guidance/cares/new/?person={person.pk}",
        {"kind": CareKind.RECOGNITION, "source": "self", "started_on": "2026-04-01"},
    )
    assert "cannot begin in the future" in response.content.decode()
    assert not Care.objects.exists()


def test_a_recognition_care_needs_its_source(cast):
    person = make_person(cast.erz)
    response = cast.client("olga").post(
        f"/guidance/cares/new/?person={person.pk}",
        {"kind": CareKind.RECOGNITION, "source": "", "started_on": "2026-03-02"},
    )
    assert "Choose how the office learnt of it." in response.content.decode()
    assert not Care.objects.exists()


def test_guides_and_other_offices_cannot_start_cares(cast):
    person = make_person(cast.erz)
    assert (
        cast.client("gina").get(f"/guidance/cares/new/?person={person.pk}").status_code
        == 403
    )
    assert (
        cast.client("otto").get(f"/guidance/cares/new/?person={person.pk}").status_code
        == 404
    )
    assert cast.client("olga").get("/guidance/cares/new/?person=x").status_code == 404
