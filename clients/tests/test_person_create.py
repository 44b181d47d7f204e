import datetime

import pytest

from accounts.models import Municipality
from clients.models import Household, Nationality, Person, PersonLanguage

URL = "/clients/new/"


def valid_data(**changes) -> dict:
    data = {
        "family_name": "Karimi",
        "given_names": "Zahra",
        "name_original": "زهرا کریمی",
        "birth_date": "17.03.1990",
        "birth_date_precision": "day",
        "gender": "female",
        "residence_status": "protection",
        "nationality": "AF",
        "second_nationality": "IR",
        "languages": ["prs", "fas"],
        "other_languages": "haz, uzs",
    }
    data.update(changes)
    return data


def test_create_stores_person_nationalities_and_languages(cast):
    response = cast.client("carla").post(URL, valid_data())
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/clients/{person.pk}/"
    assert person.office == cast.erz
    assert person.birth_date == datetime.date(1990, 3, 17)
    countries = Nationality.objects.filter(person=person)
    assert sorted(countries.values_list("country", flat=True)) == ["AF", "IR"]
    codes = PersonLanguage.objects.filter(person=person).values_list("code", flat=True)
    assert sorted(codes) == ["fas", "haz", "prs", "uzs"]


def test_create_shows_success_message(cast):
    response = cast.client("carla").post(URL, valid_data(), follow=True)
    [message] = response.context["messages"]
    assert message.level_tag == "success"
    assert "Karimi, Zahra" in str(message)


def test_guide_who_creates_a_person_becomes_their_guide(cast):
    cast.client("gina").post(URL, valid_data())
    assert list(Person.objects.get().guides.all()) == [cast.gina]


def test_commissioner_who_creates_a_person_is_not_made_guide(cast):
    cast.client("carla").post(URL, valid_data())
    assert not Person.objects.get().guides.exists()


def test_office_staff_may_create_a_person(cast):
    assert cast.client("olga").post(URL, valid_data()).status_code == 302
    assert Person.objects.filter(office=cast.erz).count() == 1


@pytest.mark.parametrize(
    ("typed", "precision", "stored"),
    [
        ("1990", "year", datetime.date(1990, 1, 1)),
        ("17.03.1990", "year", datetime.date(1990, 1, 1)),
        ("03.1990", "month", datetime.date(1990, 3, 1)),
        ("3/1990", "month", datetime.date(1990, 3, 1)),
        ("1990-03-17", "day", datetime.date(1990, 3, 17)),
    ],
)
def test_imprecise_date_is_stored_as_first_of_year_or_month(
    cast, typed, precision, stored
):
    data = valid_data(birth_date=typed, birth_date_precision=precision)
    assert cast.client("carla").post(URL, data).status_code == 302
    person = Person.objects.get()
    assert person.birth_date == stored
    assert person.birth_date_precision == precision


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"birth_date": "31.02.1990"}, "birth_date", "invalid"),
        (
            {"birth_date": "13.2000", "birth_date_precision": "month"},
            "birth_date",
            "invalid",
        ),
        ({"birth_date": "01.01.1850"}, "birth_date", "too_early"),
        ({"birth_date": "01.01.2999"}, "birth_date", "future"),
        ({"birth_date": "1990"}, "birth_date", "imprecise"),
        ({"family_name": "K" * 121}, "family_name", "max_length"),
        ({"given_names": "Zah\x00ra"}, "given_names", "null_characters_not_allowed"),
        ({"family_name": "Kari\x07mi"}, "family_name", None),
        ({"name_original": "\u202eزهرا"}, "name_original", None),
        ({"other_languages": "prs, xyz1, qqq"}, "other_languages", "unknown_language"),
        ({"other_languages": "de"}, "other_languages", "unknown_language"),
        ({"languages": ["zzz"]}, "languages", "invalid_choice"),
        ({"nationality": "QQ"}, "nationality", "invalid_choice"),
        ({"second_nationality": "AF"}, "second_nationality", "same_nationality"),
        ({"email": "not-an-address"}, "email", "invalid"),
        ({"household_role": "child"}, "household_role", "no_household"),
    ],
)
def test_bad_input_is_refused_and_nothing_stored(cast, changes, field, code):
    response = cast.client("carla").post(URL, valid_data(**changes))
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert "data-error-summary" in response.content.decode()
    assert not Person.objects.exists()
    assert not Nationality.objects.exists()
    assert not PersonLanguage.objects.exists()


def test_unknown_language_codes_are_named_in_the_error(cast):
    data = valid_data(other_languages="prs, xyz1, qqq")
    response = cast.client("carla").post(URL, data)
    assert "xyz1, qqq" in " ".join(response.context["form"].errors["other_languages"])


def test_other_office_municipality_and_household_cannot_be_chosen(cast):
    foreign_place = Municipality.objects.create(office=cast.gr, name="Zittau")
    foreign_home = Household.objects.create(office=cast.gr, name="Family Z")
    data = valid_data(municipality=foreign_place.pk, household=foreign_home.pk)
    response = cast.client("gina").post(URL, data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"municipality", "household"}
    assert "Zittau" not in response.content.decode()
    assert not Person.objects.exists()


def test_similar_name_needs_confirmation(cast):
    existing = Person.objects.create(
        office=cast.erz, family_name="Karimi", given_names="Sahra"
    )
    client = cast.client("carla")
    response = client.post(URL, valid_data())
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="duplicates-title"' in page
    assert f'href="/clients/{existing.pk}/"' in page
    assert "confirm_different" in response.context["form"].errors
    assert Person.objects.count() == 1

    response = client.post(URL, valid_data(confirm_different="on"))
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_no_confirmation_box_without_similar_names(cast):
    Person.objects.create(office=cast.gr, family_name="Karimi", given_names="Zahra")
    response = cast.client("carla").get(URL)
    assert "confirm_different" not in response.content.decode()
    assert cast.client("carla").post(URL, valid_data()).status_code == 302


def test_guide_is_warned_of_similar_names_without_seeing_them(cast):
    hidden = Person.objects.create(
        office=cast.erz, family_name="Karimi", given_names="Zahra"
    )
    response = cast.client("gustav").post(URL, valid_data())
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].hidden_duplicates == 1
    assert 'id="duplicates-title"' in page
    assert f"/clients/{hidden.pk}/" not in page
    assert Person.objects.count() == 1


def test_household_can_be_preselected(cast):
    home = Household.objects.create(office=cast.erz, name="Family Karimi")
    response = cast.client("carla").get(URL, {"household": home.pk})
    assert response.context["form"]["household"].value() == str(home.pk)


@pytest.mark.parametrize("name", ["anton", "ada", "stella"])
def test_roles_without_person_access_cannot_create(cast, name):
    assert cast.client(name).post(URL, valid_data()).status_code == 403
    assert not Person.objects.exists()
