import datetime

from clients.models import Nationality, Person, PersonLanguage


def url(person: Person) -> str:
    return f"/clients/{person.pk}/edit/"


def data(**changes) -> dict:
    values = {
        "family_name": "Haddad",
        "given_names": "Ahmad",
        "name_original": "أحمد حداد",
        "birth_date": "03.1985",
        "birth_date_precision": "month",
        "gender": "male",
        "residence_status": "protection",
        "nationality": "SY",
        "languages": ["ara"],
        "other_languages": "apc",
    }
    values.update(changes)
    return values


def test_edit_form_shows_stored_values(cast, ahmad):
    Nationality.objects.create(person=ahmad, country="SY")
    Nationality.objects.create(person=ahmad, country="LB")
    PersonLanguage.objects.create(person=ahmad, code="ara")
    PersonLanguage.objects.create(person=ahmad, code="haz")
    ahmad.birth_date = datetime.date(1985, 3, 1)
    ahmad.birth_date_precision = "month"
    ahmad.save()
    form = cast.client("gina").get(url(ahmad)).context["form"]
    assert form["birth_date"].value() == "03/1985"
    assert form["nationality"].value() == "SY"
    assert form["second_nationality"].value() == "LB"
    assert form["languages"].value() == ["ara"]
    assert form["other_languages"].value() == "haz"


def test_edit_replaces_nationalities_and_languages(cast, ahmad):
    Nationality.objects.create(person=ahmad, country="LB")
    PersonLanguage.objects.create(person=ahmad, code="ara")
    PersonLanguage.objects.create(person=ahmad, code="kmr")
    response = cast.client("gina").post(url(ahmad), data())
    assert response.status_code == 302
    assert response["Location"] == f"/clients/{ahmad.pk}/"
    ahmad.refresh_from_db()
    assert ahmad.birth_date == datetime.date(1985, 3, 1)
    assert list(ahmad.nationalities.values_list("country", flat=True)) == ["SY"]
    codes = sorted(ahmad.languages.values_list("code", flat=True))
    assert codes == ["apc", "ara"]


def test_edit_round_trips_a_partial_date(cast, ahmad):
    client = cast.client("gina")
    client.post(url(ahmad), data(birth_date="1985", birth_date_precision="year"))
    form = client.get(url(ahmad)).context["form"]
    shown = {"birth_date": form["birth_date"].value()}
    assert shown == {"birth_date": "1985"}
    again = data(**shown, birth_date_precision="year")
    assert client.post(url(ahmad), again).status_code == 302
    ahmad.refresh_from_db()
    assert ahmad.birth_date == datetime.date(1985, 1, 1)


def test_bad_edit_changes_nothing(cast, ahmad):
    Nationality.objects.create(person=ahmad, country="LB")
    response = cast.client("gina").post(url(ahmad), data(other_languages="xx1"))
    assert response.status_code == 200
    ahmad.refresh_from_db()
    assert ahmad.residence_status == "unknown"
    assert list(ahmad.nationalities.values_list("country", flat=True)) == ["LB"]
    assert not ahmad.languages.exists()


def test_edit_asks_no_duplicate_confirmation(cast, ahmad):
    Person.objects.create(office=cast.erz, family_name="Haddad", given_names="Ahmad")
    assert cast.client("carla").post(url(ahmad), data()).status_code == 302


def test_guide_without_assignment_cannot_edit(cast, ahmad):
    assert cast.client("gustav").post(url(ahmad), data()).status_code == 403
    ahmad.refresh_from_db()
    assert ahmad.residence_status == "unknown"


def test_other_office_cannot_edit(cast, ahmad):
    assert cast.client("otto").post(url(ahmad), data()).status_code == 404
