"""Creating and editing accommodations, and the office's care ratio rule."""

import pytest

from directory.models import Partner, PartnerKind
from housing.models import Accommodation, Kind, Settings

NEW = "/accommodation/new/"
SETTINGS = "/accommodation/settings/"


def form_data(**extra) -> dict:
    return {
        "name": "GU Niesky",
        "kind": Kind.SHARED,
        "address": "Muskauer Str. 1\n02906 Niesky",
        "capacity": "100",
        "family_places": "20",
        "accessible_places": "4",
        "active": "on",
        **extra,
    }


@pytest.fixture
def partners(cast):
    def make(name, kind=PartnerKind.ACCOMMODATION, office=cast.erz, **extra):
        return Partner.objects.create(office=office, kind=kind, name=name, **extra)

    return {
        "operator": make("Heimbetrieb GmbH"),
        "care": make("Diakonie", kind=PartnerKind.WELFARE),
        "old": make("Alte Firma", active=False),
        "foreign": make("Görlitzer Heime", office=cast.gr),
    }


@pytest.mark.parametrize("name", ["carla", "dieter", "olga"])
def test_managers_create_an_accommodation(cast, partners, name):
    data = form_data(operator=partners["operator"].pk, social_care=partners["care"].pk)

    response = cast.client(name).post(NEW, data)

    created = Accommodation.objects.get(name="GU Niesky")
    assert response.status_code == 302
    assert response.url == f"/accommodation/{created.pk}/"
    assert created.office == cast.erz
    assert created.operator == partners["operator"]
    assert not created.same_provider


@pytest.mark.parametrize("name", ["gina", "anton"])
def test_guides_and_analysts_may_not_create(cast, name):
    client = cast.client(name)

    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form_data()).status_code == 403
    assert not Accommodation.objects.exists()


def test_providers_offered_are_the_offices_active_partners_accommodation_first(
    cast, partners
):
    field = cast.client("olga").get(NEW).context["form"].fields["operator"]

    assert list(field.queryset) == [partners["operator"], partners["care"]]


def test_a_partner_of_another_office_is_refused(cast, partners):
    response = cast.client("olga").post(NEW, form_data(operator=partners["foreign"].pk))

    assert response.status_code == 200
    assert "operator" in response.context["form"].errors
    assert not Accommodation.objects.exists()


def test_the_same_provider_is_saved_only_when_confirmed(cast, partners):
    client = cast.client("olga")
    same = partners["operator"].pk

    warned = client.post(NEW, form_data(operator=same, social_care=same))

    assert warned.status_code == 200
    assert "Operator and social care by the same partner" in warned.content.decode()
    assert "confirm_same_provider" in warned.context["form"].errors
    assert not Accommodation.objects.exists()

    confirmed = client.post(
        NEW, form_data(operator=same, social_care=same, confirm_same_provider="on")
    )

    assert confirmed.status_code == 302
    assert Accommodation.objects.get().same_provider


def test_more_family_or_accessible_places_than_places_are_refused(cast):
    response = cast.client("olga").post(
        NEW, form_data(capacity="10", family_places="12", accessible_places="11")
    )

    errors = response.context["form"].errors
    assert errors["family_places"] == [
        "There cannot be more places for families than places (10)."
    ]
    assert errors["accessible_places"] == [
        "There cannot be more places for people with disabilities than places (10)."
    ]
    assert not Accommodation.objects.exists()


def test_zero_places_and_a_duplicate_name_are_refused(cast):
    client = cast.client("olga")
    client.post(NEW, form_data())

    response = client.post(NEW, form_data(name="gu niesky", capacity="0"))

    errors = response.context["form"].errors
    assert "name" in errors and "capacity" in errors
    assert Accommodation.objects.count() == 1


def test_edit_keeps_an_inactive_partner_chosen_before(cast, partners):
    accommodation = Accommodation.objects.create(
        office=cast.erz,
        name="GU Niesky",
        kind=Kind.SHARED,
        address="x",
        capacity=100,
        operator=partners["old"],
    )
    url = f"/accommodation/{accommodation.pk}/edit/"
    client = cast.client("dieter")

    response = client.post(
        url, form_data(operator=partners["old"].pk, capacity="120", notes="Umbau")
    )

    accommodation.refresh_from_db()
    assert response.status_code == 302
    assert (accommodation.capacity, accommodation.notes) == (120, "Umbau")
    assert accommodation.operator == partners["old"]


def test_another_office_cannot_edit(cast):
    accommodation = Accommodation.objects.create(
        office=cast.erz, name="GU Niesky", kind=Kind.SHARED, address="x", capacity=9
    )

    response = cast.client("otto").get(f"/accommodation/{accommodation.pk}/edit/")

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["carla", "dieter"])
def test_commissioner_and_deputy_set_the_maximum(cast, name):
    response = cast.client(name).post(SETTINGS, {"max_residents_per_fte": "60"})

    assert response.status_code == 302
    assert Settings.objects.get(office=cast.erz).max_residents_per_fte == 60


@pytest.mark.parametrize("name", ["olga", "gina", "anton", "stella"])
def test_others_may_not_set_the_maximum(cast, name):
    assert cast.client(name).get(SETTINGS).status_code == 403


@pytest.mark.parametrize("value", ["0", "-5", "many", ""])
def test_a_maximum_below_one_or_no_number_is_refused(cast, value):
    response = cast.client("carla").post(SETTINGS, {"max_residents_per_fte": value})

    assert response.status_code == 200
    assert response.context["form"].errors["max_residents_per_fte"]
    assert Settings.objects.get(office=cast.erz).max_residents_per_fte == 80


def test_the_settings_page_shows_the_default_of_80(cast):
    response = cast.client("carla").get(SETTINGS)

    assert response.context["form"]["max_residents_per_fte"].value() == 80
