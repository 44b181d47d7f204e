"""Art. 17 and 18: erasing a person keeps the office's statistics, keeps
what the law allows to keep, and keeps the request without personal data."""

import datetime
import json

from cases.models import Activity, Concern, Status
from clients.models import Consent, Person
from dedupe.models import PersonKey
from guidance.models import Care, PlanStep
from mediators.models import Request
from portal.models import Submission
from privacy.disclosure import as_json, disclose
from privacy.models import DataRequest, RequestKind
from reports.breakdowns import BREAKDOWNS, count_all
from reports.scope import Period, Scope
from schedule.models import Appointment

from .world import AMINA_ACTIVITY, AMINA_NOTE, OTHER_NOTE, SHARED_NOTE, build

TODAY = datetime.date.today()


def statistics(cast) -> dict:
    """Every count the office's reports are made of, before suppression."""
    scope = Scope((cast.erz.pk,), Period(TODAY.replace(year=TODAY.year - 5), TODAY))
    counted = count_all(BREAKDOWNS, scope)
    return {slug: dict(values) for slug, values in counted.items()}


def erase(cast, person, **extra):
    data = {"received_on": TODAY.isoformat(), "confirm": "on", **extra}
    return cast.client("carla").post(f"/privacy/persons/{person.pk}/erase/", data)


def test_erasure_removes_what_identifies_the_person(cast):
    world = build(cast)
    before = statistics(cast)
    response = erase(cast, world.amina)
    made = DataRequest.objects.get(kind=RequestKind.ERASURE)
    assert response.status_code == 302
    assert response["Location"] == f"/privacy/requests/{made.pk}/"

    amina = Person.objects.get(pk=world.amina.pk)
    assert amina.anonymised_at is not None
    assert (amina.family_name, amina.given_names, amina.name_original) == ("–", "", "")
    assert (amina.birth_date, amina.phone) == (None, "")
    # The earlier versions held the name: gone too.
    assert not Person.history.filter(id=amina.pk).exists()
    assert not Consent.history.filter(person_id=amina.pk).exists()
    assert not PersonKey.objects.filter(person=amina).exists()
    own = Concern.objects.get(pk=world.own.pk)
    assert (own.description, own.subject) == ("", "–")
    assert not Concern.history.filter(id=own.pk).exists()
    assert Activity.objects.get(concern=own).notes == ""
    assert Submission.objects.get(concern=own).contact_email == ""
    assert Request.objects.get(concern=own).place == ""
    assert PlanStep.objects.get(care__person=amina).note == ""
    appointment = Appointment.objects.get(staff=cast.carla)
    assert (appointment.client_id, appointment.name, appointment.subject) == (
        None,
        "",
        "",
    )
    # What the statistics count is still there: the same figures.
    assert statistics(cast) == before


def test_what_also_concerns_others_is_kept_and_counted(cast):
    world = build(cast)
    erase(cast, world.amina)
    assert Concern.objects.get(pk=world.shared.pk).description == SHARED_NOTE
    assert Concern.objects.get(pk=world.theirs.pk).description == OTHER_NOTE
    yusuf = Person.objects.get(pk=world.yusuf.pk)
    assert yusuf.family_name == "Demir"
    made = DataRequest.objects.get(kind=RequestKind.ERASURE)
    assert made.outcome["shared_concerns_kept"] == 1
    page = cast.client("carla").get(f"/privacy/requests/{made.pk}/").content.decode()
    assert "1 concern also concerns other persons" in page


def test_the_request_is_kept_without_personal_data(cast):
    world = build(cast)
    erase(cast, world.amina, note="Per Brief")
    made = DataRequest.objects.get(kind=RequestKind.ERASURE)
    stored = json.dumps([made.number, made.note, made.outcome, made.kept])
    for words in ("Haddad", "Amina", AMINA_NOTE, AMINA_ACTIVITY, "0151"):
        assert words not in stored
    assert made.outcome["changed"]["clients.person"] == 1
    page = cast.client("carla").get(f"/privacy/requests/{made.pk}/").content.decode()
    assert "persons: earlier versions" in page
    assert made.person_id == world.amina.pk  # the empty record, by number


def test_the_access_report_of_an_erased_person_holds_nothing_personal(cast):
    world = build(cast)
    erase(cast, world.amina)
    # The empty record is no longer listed or opened by anyone.
    assert cast.client("carla").get(f"/clients/{world.amina.pk}/").status_code == 403
    stub = Person.objects.get(pk=world.amina.pk)
    text = as_json(disclose(stub, "de"))
    for words in ("Haddad", "Amina", "أمينة", AMINA_NOTE, AMINA_ACTIVITY, "0151"):
        assert words not in text


def test_erasure_waits_for_open_matters_and_changes_nothing(cast):
    world = build(cast)
    Concern.objects.filter(pk=world.own.pk).update(status=Status.IN_PROGRESS)
    response = erase(cast, world.amina)
    assert response.status_code == 200
    assert "still has open concerns" in response.content.decode()
    assert Person.objects.get(pk=world.amina.pk).family_name == "Haddad"
    assert not DataRequest.objects.exists()


def test_erasure_needs_the_confirmation(cast):
    world = build(cast)
    response = cast.client("carla").post(
        f"/privacy/persons/{world.amina.pk}/erase/", {"received_on": TODAY.isoformat()}
    )
    assert response.status_code == 200
    assert Person.objects.get(pk=world.amina.pk).family_name == "Haddad"


def test_a_part_kept_on_a_legal_ground_stays_and_the_record_is_restricted(cast):
    world = build(cast)
    erase(cast, world.amina, keep_mediator_requests="legal_obligation")
    assert Request.objects.get(concern=world.own).place == "Wohnung Haddad, Annaberg"
    # Kept parts must stay attributable: the record is restricted, not emptied.
    assert Person.objects.get(pk=world.amina.pk).family_name == "Haddad"
    assert Concern.objects.get(pk=world.own.pk).description == ""
    erasure = DataRequest.objects.get(kind=RequestKind.ERASURE)
    assert erasure.kept == [{"part": "mediator_requests", "ground": "legal_obligation"}]
    assert DataRequest.objects.restricting().filter(person=world.amina).exists()


def test_a_restricted_record_is_out_of_reach_for_guides_and_office_staff(cast):
    world = build(cast)
    world.amina.guides.add(cast.gina)
    carla = cast.client("carla")
    response = carla.post(
        f"/privacy/persons/{world.amina.pk}/restrict/",
        {"received_on": TODAY.isoformat(), "note": "Richtigkeit bestritten"},
    )
    assert response.status_code == 302
    url = f"/clients/{world.amina.pk}/"
    assert cast.client("gina").get(url).status_code == 403
    assert cast.client("olga").get(url).status_code == 403
    assert "restricted" in carla.get(url).content.decode()
    restriction = DataRequest.objects.get(kind=RequestKind.RESTRICTION)
    carla.post(f"/privacy/requests/{restriction.pk}/lift/")
    assert cast.client("gina").get(url).status_code == 200


def test_an_open_care_blocks_erasure(cast):
    world = build(cast)
    Care.objects.filter(person=world.amina).update(ended_on=None, end_reason="")
    response = erase(cast, world.amina)
    assert "still in the guide service" in response.content.decode()


def test_an_earlier_access_report_cannot_be_downloaded_after_the_erasure(cast):
    world = build(cast)
    carla = cast.client("carla")
    carla.post(f"/privacy/persons/{world.amina.pk}/access/", {"language": "de"})
    made = DataRequest.objects.get(kind=RequestKind.ACCESS)
    assert "report.pdf" in carla.get(f"/privacy/requests/{made.pk}/").content.decode()
    erase(cast, world.amina)
    page = carla.get(f"/privacy/requests/{made.pk}/").content.decode()
    assert "report.pdf" not in page
    assert carla.get(f"/privacy/requests/{made.pk}/report.pdf").status_code == 403
