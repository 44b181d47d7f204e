import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clients.models import Person, ResidenceStatus

URL = "/clients/"


def names(response) -> list[str]:
    return [p.full_name for p in response.context["page"].object_list]


def test_list_shows_only_the_own_office(cast, ahmad, foreign_person):
    response = cast.client("carla").get(URL)
    assert response.status_code == 200
    assert names(response) == ["Haddad, Ahmad"]
    assert "Khalid" not in response.content.decode()


def test_guide_lists_only_own_clients(cast, ahmad):
    Person.objects.create(office=cast.erz, family_name="Koval", given_names="Olena")
    assert names(cast.client("gina").get(URL)) == ["Haddad, Ahmad"]
    assert names(cast.client("gustav").get(URL)) == []


def test_person_with_two_guides_is_listed_once(cast, ahmad):
    ahmad.guides.add(cast.gustav)
    assert names(cast.client("gina").get(URL)) == ["Haddad, Ahmad"]


def test_office_staff_lists_all_persons_of_the_office(cast, ahmad):
    Person.objects.create(office=cast.erz, family_name="Koval", given_names="Olena")
    assert names(cast.client("olga").get(URL)) == ["Haddad, Ahmad", "Koval, Olena"]


def test_search_finds_transliteration_variant(cast, foreign_person):
    Person.objects.create(office=cast.erz, family_name="Muhammad", given_names="Omar")
    Person.objects.create(office=cast.erz, family_name="Schulz", given_names="Anna")
    response = cast.client("carla").get(URL, {"q": "Mohammed"})
    # Khalid Muhammad of Görlitz matches too, but is another office's.
    assert names(response) == ["Muhammad, Omar"]


def test_latin_search_finds_arabic_script_name(cast, ahmad):
    Person.objects.create(office=cast.gr, family_name="X", name_original="أحمد حداد")
    Person.objects.create(office=cast.erz, family_name="Y", name_original="أحمد حداد")
    Person.objects.create(office=cast.erz, family_name="Z", name_original="Олена")
    response = cast.client("carla").get(URL, {"q": "Ahmed"})
    assert names(response) == ["Haddad, Ahmad", "Y"]


def test_search_finds_substring_of_name(cast):
    Person.objects.create(office=cast.erz, family_name="Al-Khatib", given_names="Sara")
    response = cast.client("carla").get(URL, {"q": "khat"})
    assert names(response) == ["Al-Khatib, Sara"]


def test_filters_by_residence_status_and_municipality(cast, annaberg):
    Person.objects.create(
        office=cast.erz,
        family_name="A",
        residence_status=ResidenceStatus.TOLERATED,
        municipality=annaberg,
    )
    Person.objects.create(
        office=cast.erz, family_name="B", residence_status=ResidenceStatus.TOLERATED
    )
    Person.objects.create(office=cast.erz, family_name="C", municipality=annaberg)
    client = cast.client("carla")
    response = client.get(URL, {"residence_status": "tolerated"})
    assert names(response) == ["A", "B"]
    response = client.get(
        URL, {"residence_status": "tolerated", "municipality": annaberg.pk}
    )
    assert names(response) == ["A"]


def test_list_is_paginated_with_links_keeping_the_search(cast):
    Person.objects.bulk_create(
        Person(office=cast.erz, family_name=f"Haddad{i:02d}") for i in range(30)
    )
    client = cast.client("carla")
    first = client.get(URL, {"q": "Haddad"})
    assert len(first.context["page"].object_list) == 25
    assert 'href="?q=Haddad&amp;page=2"' in first.content.decode()
    second = client.get(URL, {"q": "Haddad", "page": "2"})
    assert names(second) == [f"Haddad{i:02d}" for i in range(25, 30)]


def test_query_count_does_not_grow_with_rows(cast, annaberg):
    client = cast.client("gina")

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    def add_clients(n: int) -> None:
        for i in range(n):
            person = Person.objects.create(
                office=cast.erz, family_name=f"P{i}", municipality=annaberg
            )
            person.guides.add(cast.gina)

    add_clients(2)
    few = count_queries()
    add_clients(10)
    assert count_queries() == few


def test_bad_page_number_shows_last_page(cast, ahmad):
    response = cast.client("carla").get(URL, {"page": "99999999999999999999"})
    assert response.status_code == 200
    assert names(response) == ["Haddad, Ahmad"]


def test_overlong_search_is_refused_without_error_page(cast, ahmad):
    response = cast.client("carla").get(URL, {"q": "x" * 500})
    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.parametrize("name", ["anton", "ada", "stella"])
def test_roles_without_person_access_get_403(cast, name):
    assert cast.client(name).get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
