"""Working through the plan: status, done date, consent, activities."""

import datetime

import pytest
import time_machine

from cases.models import Activity, ActivityKind
from cases.tests.factories import make_concern, make_partner, make_person
from clients.models import Consent, ConsentForm, ConsentPurpose
from directory.models import PartnerKind
from guidance.actions import start_care
from guidance.models import CareKind, PlanStep, Source, StepStatus

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False):
        yield


def care_of(cast, kind=CareKind.RECOGNITION):
    person = make_person(cast.erz)
    return start_care(cast.erz, person, kind, Source.IMMIGRATION, cast.olga, cast.gina)


def post(client, step, **data):
    return client.post(f"/guidance/steps/{step.pk}/", {"note": "", **data})


def test_a_done_step_without_a_date_was_done_today(cast):
    step = care_of(cast).steps.first()
    assert post(cast.client("gina"), step, status=StepStatus.DONE).status_code == 302
    step.refresh_from_db()
    assert step.status == StepStatus.DONE
    assert step.done_on == datetime.date(2026, 3, 2)


def test_a_step_cannot_be_done_in_the_future(cast):
    step = care_of(cast).steps.first()
    response = post(
        cast.client("gina"), step, status=StepStatus.DONE, done_on="2026-03-05"
    )
    assert "cannot be done in the future" in response.content.decode()
    step.refresh_from_db()
    assert step.status == StepStatus.OPEN


def test_reopening_a_step_clears_its_done_date(cast):
    step = care_of(cast).steps.first()
    client = cast.client("gina")
    post(client, step, status=StepStatus.DONE, done_on="2026-03-01")
    post(client, step, status=StepStatus.STARTED, done_on="2026-03-01")
    step.refresh_from_db()
    assert step.done_on is None


def consent(cast, person, kind=PartnerKind.IMMIGRATION_AUTHORITY):
    partner = make_partner(cast.erz, "Ausländerbehörde")
    partner.kind = kind
    partner.save()
    return Consent.objects.create(
        person=person,
        purpose=ConsentPurpose.SHARE_WITH_PARTNER,
        partner=partner,
        form=ConsentForm.WRITTEN,
        given_on=datetime.date(2026, 3, 1),
        recorded_by=cast.olga,
    )


def test_nothing_goes_to_the_authority_without_consent(cast):
    care = care_of(cast, CareKind.DEPARTURE)
    step = care.steps.filter(needs_consent=True).first()
    response = post(cast.client("gina"), step, status=StepStatus.DONE)
    assert (
        "Nothing goes to the authority without the person" in response.content.decode()
    )
    step.refresh_from_db()
    assert step.status == StepStatus.OPEN


def test_a_withdrawn_consent_does_not_count(cast):
    care = care_of(cast, CareKind.DEPARTURE)
    consent(cast, care.person).withdraw()
    step = care.steps.filter(needs_consent=True).first()
    post(cast.client("gina"), step, status=StepStatus.DONE)
    step.refresh_from_db()
    assert step.status == StepStatus.OPEN


def test_consent_for_another_partner_does_not_count(cast):
    care = care_of(cast, CareKind.DEPARTURE)
    consent(cast, care.person, PartnerKind.JOBCENTER)
    step = care.steps.filter(needs_consent=True).first()
    post(cast.client("gina"), step, status=StepStatus.DONE)
    step.refresh_from_db()
    assert step.status == StepStatus.OPEN


def test_with_consent_the_step_is_done(cast):
    care = care_of(cast, CareKind.DEPARTURE)
    consent(cast, care.person)
    step = care.steps.filter(needs_consent=True).first()
    post(cast.client("gina"), step, status=StepStatus.DONE)
    step.refresh_from_db()
    assert step.status == StepStatus.DONE


def test_steps_without_consent_need_none(cast):
    care = care_of(cast, CareKind.DEPARTURE)
    step = care.steps.filter(needs_consent=False).first()
    post(cast.client("gina"), step, status=StepStatus.DONE)
    step.refresh_from_db()
    assert step.status == StepStatus.DONE


def test_activities_of_the_persons_concerns_are_linked(cast):
    care = care_of(cast)
    concern = make_concern(cast.erz, cast.gina, care.person)
    mine = Activity.objects.create(
        concern=concern, kind=ActivityKind.ACCOMPANIMENT, minutes=60, staff=cast.gina
    )
    other = make_concern(cast.erz, cast.gina, make_person(cast.erz, "Karimi"))
    foreign = Activity.objects.create(
        concern=other, kind=ActivityKind.CALL, minutes=10, staff=cast.gina
    )
    step = care.steps.get(position=2)
    client = cast.client("gina")
    page = client.get(f"/guidance/steps/{step.pk}/").content.decode()
    assert f'value="{mine.pk}"' in page
    assert f'value="{foreign.pk}"' not in page
    post(client, step, status=StepStatus.DONE, activities=[mine.pk])
    assert list(step.activities.all()) == [mine]
    refused = post(client, step, status=StepStatus.DONE, activities=[foreign.pk])
    assert refused.status_code == 200
    assert list(step.activities.all()) == [mine]
    detail = client.get(f"/guidance/cares/{care.pk}/").content.decode()
    assert concern.number in detail


def test_only_the_current_guide_and_the_desk_edit_steps(cast):
    step = care_of(cast).steps.first()
    assert cast.client("gustav").get(f"/guidance/steps/{step.pk}/").status_code == 403
    assert cast.client("olga").get(f"/guidance/steps/{step.pk}/").status_code == 200
    assert cast.client("otto").get(f"/guidance/steps/{step.pk}/").status_code == 404
    assert cast.client("anton").get(f"/guidance/steps/{step.pk}/").status_code == 403


def test_steps_of_an_ended_care_stay_as_they_are(cast):
    care = care_of(cast)
    care.ended_on = datetime.date(2026, 3, 2)
    care.end_reason = "moved"
    care.save()
    step = care.steps.first()
    response = post(cast.client("olga"), step, status=StepStatus.DONE)
    assert "Reopen it to change its plan" in response.content.decode()
    assert PlanStep.objects.get(pk=step.pk).status == StepStatus.OPEN
