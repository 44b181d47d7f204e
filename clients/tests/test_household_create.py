from clients.models import Household

URL = "/clients/households/new/"


def test_household_is_created_in_the_own_office(cast):
    response = cast.client("olga").post(URL, {"name": "Family Karimi"})
    household = Household.objects.get()
    assert household.office == cast.erz
    assert response.status_code == 302
    assert response["Location"] == f"/clients/new/?household={household.pk}"


def test_person_from_the_query_becomes_head(cast, ahmad):
    response = cast.client("gina").post(
        f"{URL}?person={ahmad.pk}", {"name": "Family Haddad"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/clients/{ahmad.pk}/"
    ahmad.refresh_from_db()
    assert ahmad.household == Household.objects.get()
    assert ahmad.household_role == "head"


def test_household_for_a_person_out_of_reach_is_refused(cast, ahmad, foreign_person):
    assert (
        cast.client("gustav")
        .post(f"{URL}?person={ahmad.pk}", {"name": "F"})
        .status_code
        == 403
    )
    response = cast.client("gina").post(
        f"{URL}?person={foreign_person.pk}", {"name": "F"}
    )
    assert response.status_code == 404
    assert cast.client("gina").get(f"{URL}?person=abc").status_code == 404
    assert not Household.objects.exists()


def test_empty_or_overlong_name_is_refused(cast):
    client = cast.client("carla")
    assert client.post(URL, {"name": ""}).context["form"].has_error("name", "required")
    response = client.post(URL, {"name": "x" * 201})
    assert response.context["form"].has_error("name", "max_length")
    assert not Household.objects.exists()
