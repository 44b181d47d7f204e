"""Taking in one person: likely known persons are shown before a new one."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Municipality
from clients.models import DatePrecision, Person
from guidance.models import Care, CareSpell
from guidance.tests.factories import make_care

URL = reverse("guidance:intake_create")


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0), tick=False):
        yield


@pytest.fixture
def place(cast):
    return Municipality.objects.create(office=cast.erz, name="Marienberg")


def person_data(place, **extra) -> dict:
    data = {
        "family_name": "Haddad",
        "given_names": "Rania",
        "birth_date": "31.12.1990",
        "nationality": "SY",
        "municipality": place.pk,
        "recognised_on": "2026-03-02",
        "source": "immigration",
        "language": "apc",
    }
    return data | extra


def test_new_person_gets_a_care_and_the_guides_spell(cast, place):
    response = cast.client("olga").post(URL, person_data(place, guide=cast.gina.pk))
    person = Person.objects.get()
    assert response["Location"] == reverse("clients:person_detail", args=[person.pk])
    assert list(person.nationalities.values_list("country", flat=True)) == ["SY"]
    assert list(person.languages.values_list("code", flat=True)) == ["apc"]
    care = Care.objects.get()
    assert care.guide == cast.gina
    assert care.recognised_on == datetime.date(2026, 3, 2)
    spell = CareSpell.objects.get()
    assert (spell.guide, spell.began_on) == (cast.gina, care.started_on)
    assert list(person.guides.all()) == [cast.gina]
    assert person.cares.get().steps.count() == 12, "the first steps from the template"


def test_without_guide_no_spell(cast, place):
    cast.client("olga").post(URL, person_data(place))
    assert Care.objects.get().guide is None
    assert not CareSpell.objects.exists()


def test_year_alone_is_a_year_only_birth_date(cast, place):
    cast.client("olga").post(URL, person_data(place, birth_date="1990"))
    person = Person.objects.get()
    assert person.birth_date_precision == DatePrecision.YEAR


def test_likely_known_person_is_shown_before_creating(cast, place):
    known = Person.objects.create(
        office=cast.erz, family_name="Hadad", given_names="Rania",
        birth_date=datetime.date(1990, 12, 31),
    )  # fmt: skip
    client = cast.client("olga")
    response = client.post(URL, person_data(place))
    assert response.status_code == 200
    assert response.context["likely"] == [known]
    page = response.content.decode()
    assert "Use this person" in page and "Create a new person anyway" in page
    assert not Care.objects.exists()
    response = client.post(URL, person_data(place, use=known.pk))
    assert response["Location"] == reverse("clients:person_detail", args=[known.pk])
    assert Person.objects.count() == 1
    assert Care.objects.get().person == known


def test_new_person_anyway(cast, place):
    Person.objects.create(
        office=cast.erz, family_name="Haddad", given_names="Rania",
        birth_date=datetime.date(1990, 12, 31),
    )  # fmt: skip
    cast.client("olga").post(URL, person_data(place, anyway="1"))
    assert Person.objects.count() == 2


def test_person_already_in_care_is_refused(cast, place):
    known = Person.objects.create(
        office=cast.erz, family_name="Haddad", given_names="Rania",
        birth_date=datetime.date(1990, 12, 31),
    )  # fmt: skip
    make_care(cast.erz, known, None, cast.olga)
    response = cast.client("olga").post(URL, person_data(place, use=known.pk))
    assert response.context["form"].non_field_errors() == [
        "Haddad, Rania is already in care."
    ]
    assert Care.objects.count() == 1


def test_person_of_another_office_cannot_be_used(cast, place):
    foreign = Person.objects.create(
        office=cast.gr, family_name="Haddad", given_names="Rania",
        birth_date=datetime.date(1990, 12, 31),
    )  # fmt: skip
    cast.client("olga").post(URL, person_data(place, use=foreign.pk))
    care = Care.objects.get()
    assert care.person != foreign
    assert care.person.office == cast.erz


def test_guide_and_municipality_of_another_office_are_refused(cast, place):
    other = Municipality.objects.create(office=cast.gr, name="Görlitz")
    response = cast.client("olga").post(
        URL, person_data(place, municipality=other.pk, guide=cast.otto.pk)
    )
    errors = response.context["form"].errors
    assert "municipality" in errors and "guide" in errors
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("birth_date", "gestern", "Enter the date as 31.12.1990, or the year alone."),
        ("birth_date", "01.01.2030", "The date of birth is not plausible."),
        ("recognised_on", "2026-04-01", "The date of recognition lies in the future."),
    ],
)
def test_bad_dates_are_refused(cast, place, field, value, error):
    response = cast.client("olga").post(URL, person_data(place, **{field: value}))
    assert response.context["form"].errors[field] == [error]
    assert not Person.objects.exists()
