"""Art. 15: one action gives everything stored about a person, as PDF and JSON."""

import io
import json

import pytest
from pypdf import PdfReader

from clients.models import PersonAccess
from privacy.models import DataRequest, RequestKind
from privacy.registry import client_models

from .world import AMINA_ACTIVITY, AMINA_NOTE, AMINA_STEP, OTHER_NOTE, build


def make_report(cast, world, language="de"):
    carla = cast.client("carla")
    url = f"/privacy/persons/{world.amina.pk}/access/"
    assert carla.get(url).status_code == 200
    response = carla.post(url, {"language": language})
    assert response.status_code == 302
    made = DataRequest.objects.get(kind=RequestKind.ACCESS)
    assert response["Location"] == f"/privacy/requests/{made.pk}/"
    return carla, made


def test_the_form_presets_the_persons_language(cast):
    world = build(cast)
    page = cast.client("carla").get(f"/privacy/persons/{world.amina.pk}/access/")
    # Amina speaks Arabic (ara), which the portal has.
    assert '<option value="ar" selected>' in page.content.decode()


def test_the_json_holds_every_table_with_data_about_the_person(cast):
    world = build(cast)
    carla, made = make_report(cast, world)
    response = carla.get(f"/privacy/requests/{made.pk}/report.json")
    assert response["Content-Type"].startswith("application/json")
    assert response["Cache-Control"] == "no-store"
    document = json.loads(response.content)
    tables = {section["table"] for section in document["sections"]}
    expected = {
        "clients.person",
        "clients.nationality",
        "clients.personlanguage",
        "clients.consent",
        "clients.personaccess",
        "cases.concern",
        "cases.followup",
        "cases.activity",
        "cases.referral",
        "portal.submission",
        "mediators.request",
        "mediators.assignment",
        "guidance.care",
        "guidance.carespell",
        "guidance.planstep",
        "schedule.appointment",
        "privacy.datarequest",
    }
    assert expected <= tables
    text = response.content.decode()
    # Encrypted notes are read back in plain words.
    for words in (AMINA_NOTE, AMINA_ACTIVITY, AMINA_STEP, "أمينة حداد"):
        assert words in text
    # Yusuf's own concern is his, not hers.
    assert OTHER_NOTE not in text


def test_every_table_reached_in_the_database_is_in_the_report(cast):
    world = build(cast)
    carla, made = make_report(cast, world)
    document = json.loads(carla.get(f"/privacy/requests/{made.pk}/report.json").content)
    reported = {s["table"]: len(s["records"]) for s in document["sections"]}
    for model, declared in client_models():
        count = sum(
            model._default_manager.filter(**{f"{path}__in": [world.amina.pk]})
            .values("pk")
            .distinct()
            .count()
            for path in declared.paths[:1]
        )
        if count:
            assert reported.get(model._meta.label_lower, 0) >= count, model


def test_the_access_log_shows_who_opened_the_record(cast):
    world = build(cast)
    world.amina.guides.add(cast.gina)
    assert cast.client("gina").get(f"/clients/{world.amina.pk}/").status_code == 200
    carla, made = make_report(cast, world)
    document = json.loads(carla.get(f"/privacy/requests/{made.pk}/report.json").content)
    log = next(s for s in document["sections"] if s["table"] == "clients.personaccess")
    users = {
        value["raw"]
        for record in log["records"]
        for value in record["values"]
        if value["name"] == "user"
    }
    assert {cast.gina.pk, cast.carla.pk} <= users
    # Every opening up to the report's own download is listed.
    assert (
        len(log["records"]) == PersonAccess.objects.filter(person=world.amina).count()
    )


def test_earlier_versions_are_included(cast):
    world = build(cast)
    amina = world.amina
    amina.phone = "0171 999"
    amina.save()
    carla, made = make_report(cast, world)
    document = json.loads(carla.get(f"/privacy/requests/{made.pk}/report.json").content)
    person = next(s for s in document["sections"] if s["table"] == "clients.person")
    versions = person["records"][0]["versions"]
    shown = [
        v["shown"]
        for version in versions
        for v in version["changes"]
        if v["name"] == "phone"
    ]
    assert shown == ["0151 2345678", "0171 999"]


@pytest.mark.parametrize("language,title", [("de", "Ihre bei"), ("ar", "بياناتك")])
def test_the_pdf_is_readable_in_the_chosen_language(cast, language, title):
    world = build(cast)
    carla, made = make_report(cast, world, language)
    response = carla.get(f"/privacy/requests/{made.pk}/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Haddad" in text
    assert AMINA_NOTE in text
    assert OTHER_NOTE not in text
    assert title in text or title[::-1] in text


def test_the_request_is_kept_without_the_persons_data(cast):
    world = build(cast)
    carla, made = make_report(cast, world)
    page = carla.get(f"/privacy/requests/{made.pk}/").content.decode()
    assert made.number in page
    stored = json.dumps([made.number, made.note, made.outcome, made.kept])
    assert "Haddad" not in stored and "Amina" not in stored


def test_only_commissioner_and_deputy_answer_requests(cast):
    world = build(cast)
    url = f"/privacy/persons/{world.amina.pk}/access/"
    assert cast.client("dieter").get(url).status_code == 200
    for name in ("gina", "olga", "anton", "ada"):
        assert cast.client(name).get(url).status_code == 403, name
    # Another office's commissioner does not learn that the record exists.
    assert cast.client("otto").get(url).status_code == 404
