"""A resident names their accommodation in the portal; the concern is linked
to it. Only accommodations the office shows by name are offered."""

import pytest
from django.test import Client

from cases.actions import seed_topics
from cases.models import Concern
from housing.models import Accommodation
from portal.tests.conftest import send


@pytest.fixture
def public() -> Client:
    return Client(headers={"accept-language": "de"})


def make(office, name: str, on_portal: bool) -> Accommodation:
    return Accommodation.objects.create(
        office=office,
        name=name,
        kind="shared",
        address="Geheim 1, 02906 Niesky",
        capacity=120,
        on_portal=on_portal,
    )


def test_a_complaint_names_the_accommodation_and_is_linked_to_it(cast, public):
    seed_topics(cast.erz)
    shown = make(cast.erz, "Gemeinschaftsunterkunft Niesky", True)
    make(cast.erz, "Wohnung Bautzener Straße", False)
    page = public.get(f"/p/{cast.erz.slug}/de/send/").content.decode()
    assert "Gemeinschaftsunterkunft Niesky" in page
    assert "Wohnung Bautzener Straße" not in page
    # The address is never shown to the public.
    assert "Geheim 1" not in page
    response = send(public, cast.erz.slug, accommodation=shown.pk)
    assert response.status_code == 200
    assert Concern.objects.get().accommodation == shown


def test_without_accommodations_shown_the_question_is_not_asked(cast, public):
    seed_topics(cast.erz)
    make(cast.erz, "Wohnung Bautzener Straße", False)
    page = public.get(f"/p/{cast.erz.slug}/ar/send/").content.decode()
    assert 'name="accommodation"' not in page
    send(public, cast.erz.slug)
    assert Concern.objects.get().accommodation is None


def test_an_accommodation_of_another_office_is_refused(cast, public):
    seed_topics(cast.erz)
    make(cast.erz, "Gemeinschaftsunterkunft Niesky", True)
    other = make(cast.gr, "Gemeinschaftsunterkunft Görlitz", True)
    response = send(public, cast.erz.slug, accommodation=other.pk)
    assert response.status_code == 200
    assert not Concern.objects.exists()
