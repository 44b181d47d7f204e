"""Duplicate hints at intake and on a person's page, the office's pairs, merging
and undoing through the pages."""

import datetime

import pytest

from cases.tests.factories import make_concern, make_person
from clients.models import Person
from dedupe.models import Merge, PersonKey
from guidance.models import ImportRow, ImportStatus, RecognitionImport, RowOutcome
from portal.actions import Sent, submit
from portal.languages import BY_CODE

YEAR_1993 = datetime.date(1993, 1, 1)


def hussein(cast, **fields) -> Person:
    return make_person(
        cast.erz,
        "Hussein",
        "Abd al-Rahman",
        birth_date=YEAR_1993,
        birth_date_precision="day",
        **fields,
    )


def arabic(cast) -> Person:
    return make_person(
        cast.erz,
        "الحسين",
        "عبد الرحمن",
        name_original="عبد الرحمن الحسين",
        birth_date=YEAR_1993,
        birth_date_precision="year",
    )


def rahmani(cast) -> Person:
    return make_person(
        cast.erz,
        "Rahmani",
        "Hassan",
        birth_date=datetime.date(1993, 6, 14),
        birth_date_precision="day",
    )


def english(client, url, data=None):
    headers = {"accept-language": "en"}
    if data is None:
        return client.get(url, headers=headers)
    return client.post(url, data, headers=headers)


def test_saving_a_person_writes_its_keys(cast):
    person = hussein(cast)
    keys = set(PersonKey.objects.filter(person=person).values_list("key", flat=True))
    assert keys and all(key.split(":")[0] in {"t", "y", "p"} for key in keys)
    person.family_name = "Rahmani"
    person.save()
    renewed = set(PersonKey.objects.filter(person=person).values_list("key", flat=True))
    assert renewed != keys


def test_intake_shows_likely_records_with_reasons_and_not_a_similar_other(cast):
    first, second, other = hussein(cast), arabic(cast), rahmani(cast)
    data = {
        "family_name": "Al Hussein",
        "given_names": "Abdulrahman",
        "birth_date": "1993",
        "birth_date_precision": "year",
        "gender": "male",
        "residence_status": "protection",
    }
    response = english(cast.client("olga"), "/clients/new/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="/clients/{first.pk}/"' in page
    assert f'href="/clients/{second.pk}/"' in page
    assert f'href="/clients/{other.pk}/"' not in page
    assert "(other script)" in page
    assert "confirm_different" in response.context["form"].errors
    assert Person.objects.count() == 3


def test_the_person_page_offers_the_other_records_to_merge(cast):
    first, second = hussein(cast), arabic(cast)
    rahmani(cast)
    page = english(cast.client("carla"), f"/clients/{first.pk}/").content.decode()
    assert f"/clients/duplicates/{first.pk}/merge/{second.pk}/" in page
    assert "Rahmani" not in page


def test_guides_get_no_merge_offers(cast):
    first = hussein(cast)
    first.guides.add(cast.gina)
    arabic(cast)
    page = english(cast.client("gina"), f"/clients/{first.pk}/").content.decode()
    assert "/merge/" not in page


def test_the_office_list_ranks_the_pair_and_leaves_the_other_out(cast):
    first, second = hussein(cast), arabic(cast)
    rahmani(cast)
    response = english(cast.client("dieter"), "/clients/duplicates/")
    page = response.content.decode()
    assert "1 likely pair" in page
    assert f"/clients/duplicates/{first.pk}/merge/{second.pk}/" in page


def test_merge_moves_the_concerns_and_undo_brings_them_back(cast):
    first, second = hussein(cast), arabic(cast)
    concern = make_concern(cast.erz, cast.carla, second)
    client = cast.client("carla")
    url = f"/clients/duplicates/{first.pk}/merge/{second.pk}/"
    assert english(client, url).status_code == 200
    response = english(client, url, {"keep": first.pk, "reason": "Same passport"})
    assert response.status_code == 302
    assert response["Location"] == f"/clients/{first.pk}/"
    assert list(concern.persons.all()) == [first]
    # The merged record's address leads to the kept one.
    assert (
        english(client, f"/clients/{second.pk}/")["Location"] == f"/clients/{first.pk}/"
    )
    page = english(client, f"/clients/{first.pk}/").content.decode()
    record = Merge.objects.get()
    assert "Same passport" in page
    assert f"/clients/duplicates/merges/{record.pk}/undo/" in page
    response = english(client, f"/clients/duplicates/merges/{record.pk}/undo/", {})
    assert response["Location"] == f"/clients/{second.pk}/"
    assert list(concern.persons.all()) == [second]
    record.refresh_from_db()
    assert record.undone_by == cast.carla


def test_a_merge_without_reason_is_refused_and_nothing_moves(cast):
    first, second = hussein(cast), arabic(cast)
    url = f"/clients/duplicates/{first.pk}/merge/{second.pk}/"
    response = english(cast.client("carla"), url, {"keep": first.pk, "reason": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Merge.objects.exists()


@pytest.mark.parametrize(
    ("name", "status"), [("gina", 403), ("anton", 403), ("otto", 404)]
)
def test_merging_is_for_the_office_desk_only(cast, name, status):
    first, second = hussein(cast), arabic(cast)
    url = f"/clients/duplicates/{first.pk}/merge/{second.pk}/"
    assert english(cast.client(name), url).status_code == status


def test_a_record_cannot_be_merged_with_itself_through_the_page(cast):
    first = hussein(cast)
    url = f"/clients/duplicates/{first.pk}/merge/{first.pk}/"
    assert english(cast.client("carla"), url).status_code == 404


def test_a_portal_contact_is_offered_the_known_record_to_add(cast):
    known = hussein(cast, phone="0151 2345678")
    rahmani(cast)
    sent = Sent(
        kind="request",
        text="Ich brauche Hilfe beim Jobcenter.",
        form_token="dedupe-portal",
        contact_name="Abdulrahman Al Hussein",
        contact_phone="0151 2345678",
    )
    concern = submit(cast.erz, BY_CODE["de"], sent).concern
    page = english(cast.client("carla"), f"/concerns/{concern.pk}/").content.decode()
    assert "Possibly already known" in page
    assert f'href="/clients/{known.pk}/"' in page
    assert "Rahmani" not in page
    response = cast.client("carla").post(
        f"/concerns/{concern.pk}/persons/", {"person": known.pk}
    )
    assert response.status_code == 302
    assert list(concern.persons.all()) == [known]


def test_an_anonymous_portal_submission_is_matched_to_nobody(cast):
    hussein(cast)
    sent = Sent(kind="request", text="Frage", form_token="dedupe-anonymous")
    concern = submit(cast.erz, BY_CODE["de"], sent).concern
    page = english(cast.client("carla"), f"/concerns/{concern.pk}/").content.decode()
    assert "Possibly already known" not in page


def test_a_new_row_of_a_recognition_list_shows_the_likely_known_person(cast):
    known = hussein(cast)
    found = RecognitionImport.objects.create(
        office=cast.erz,
        source="immigration",
        file_name="liste.csv",
        original=b"x",
        digest="d",
        status=ImportStatus.CHECKED,
        uploaded_by=cast.olga,
    )
    ImportRow.objects.create(
        source=found,
        number=2,
        outcome=RowOutcome.NEW,
        data={
            "family_name": "Al Hussein",
            "given_names": "Abdulrahman",
            "birth_date": "1993-01-01",
            "birth_date_precision": "year",
        },
    )
    page = english(
        cast.client("olga"), f"/guidance/imports/{found.pk}/"
    ).content.decode()
    assert "Possibly already known:" in page
    assert f'href="/clients/{known.pk}/"' in page


def test_a_name_in_a_script_it_cannot_compare_is_still_taken_in(cast):
    data = {
        "family_name": "王",
        "given_names": "小明",
        "birth_date": "1990",
        "birth_date_precision": "year",
        "gender": "male",
        "residence_status": "protection",
    }
    response = english(cast.client("olga"), "/clients/new/", data)
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.family_name == "王"


def test_the_form_names_the_script_it_cannot_compare(cast):
    hussein(cast)
    data = {
        "family_name": "王",
        "given_names": "小明",
        "birth_date": "xx",
        "gender": "male",
        "residence_status": "protection",
    }
    page = english(cast.client("olga"), "/clients/new/", data).content.decode()
    assert "cannot be compared with other records" in page
    assert "HAN" in page.upper()
