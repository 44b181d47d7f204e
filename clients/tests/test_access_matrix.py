"""Every clients page for every role: who gets in, who is refused how."""

import pytest

from clients.models import Consent

PERSON_STAFF = ["carla", "dieter", "olga"]
OTHERS = ["anton", "ada", "stella"]


@pytest.fixture
def pages(cast, ahmad) -> list[str]:
    return [
        "/clients/",
        "/clients/new/",
        f"/clients/{ahmad.pk}/",
        f"/clients/{ahmad.pk}/edit/",
        f"/clients/{ahmad.pk}/consents/new/",
        "/clients/households/new/",
        f"/clients/households/new/?person={ahmad.pk}",
    ]


@pytest.mark.parametrize("name", [*PERSON_STAFF, "gina"])
def test_person_staff_open_every_page(cast, pages, name):
    client = cast.client(name)
    assert [client.get(p).status_code for p in pages] == [200] * len(pages)


@pytest.mark.parametrize("name", OTHERS)
def test_roles_without_persons_are_refused_everywhere(cast, pages, name):
    client = cast.client(name)
    assert [client.get(p).status_code for p in pages] == [403] * len(pages)


def test_guide_without_assignment_is_refused_the_persons_pages(cast, pages):
    client = cast.client("gustav")
    assert [client.get(p).status_code for p in pages] == [
        200,
        200,
        403,
        403,
        403,
        200,
        403,
    ]


def test_other_office_gets_404_for_the_persons_pages(cast, pages, ahmad):
    consent = Consent.objects.create(
        person=ahmad, purpose="counselling", form="oral", recorded_by=cast.carla
    )
    client = cast.client("otto")
    assert [client.get(p).status_code for p in pages] == [
        200,
        200,
        404,
        404,
        404,
        200,
        404,
    ]
    assert client.post(f"/clients/consents/{consent.pk}/withdraw/").status_code == 404


def test_anonymous_is_sent_to_login_everywhere(client, pages):
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
