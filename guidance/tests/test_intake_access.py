"""Who reaches the intake: the desk of the office; guides 403; others 404."""

import pytest
from django.urls import reverse

from guidance.models import ImportStatus, RecognitionImport, file_digest

PAGES = ["import_list", "import_create", "intake_create"]
OBJECT_PAGES = ["import_detail", "import_original"]
POSTS = ["import_commit", "import_discard"]


@pytest.fixture
def found(cast):
    return RecognitionImport.objects.create(
        office=cast.erz,
        file_name="liste.csv",
        original=b"a;b",
        digest=file_digest(b"a;b"),
        uploaded_by=cast.olga,
        status=ImportStatus.CHECKED,
    )


@pytest.mark.parametrize("name", ["carla", "dieter", "olga"])
@pytest.mark.parametrize("page", PAGES)
def test_intake_roles_open_the_pages(cast, name, page):
    assert cast.client(name).get(reverse(f"guidance:{page}")).status_code == 200


@pytest.mark.parametrize("name", ["carla", "dieter", "olga"])
@pytest.mark.parametrize("page", OBJECT_PAGES)
def test_intake_roles_open_the_import(cast, found, name, page):
    url = reverse(f"guidance:{page}", args=[found.pk])
    assert cast.client(name).get(url).status_code == 200


@pytest.mark.parametrize("name", ["gina", "gustav", "anton", "ada"])
@pytest.mark.parametrize("page", PAGES)
def test_other_roles_are_refused(cast, name, page):
    assert cast.client(name).get(reverse(f"guidance:{page}")).status_code == 403


@pytest.mark.parametrize("name", ["gina", "anton", "ada"])
@pytest.mark.parametrize("page", OBJECT_PAGES + POSTS)
def test_other_roles_cannot_reach_an_import(cast, found, name, page):
    url = reverse(f"guidance:{page}", args=[found.pk])
    client = cast.client(name)
    response = client.post(url) if page in POSTS else client.get(url)
    assert response.status_code == 403
    found.refresh_from_db()
    assert found.status == ImportStatus.CHECKED


@pytest.mark.parametrize("page", OBJECT_PAGES + POSTS)
def test_another_office_gets_404(cast, found, page):
    url = reverse(f"guidance:{page}", args=[found.pk])
    client = cast.client("otto")
    response = client.post(url) if page in POSTS else client.get(url)
    assert response.status_code == 404
    found.refresh_from_db()
    assert found.status == ImportStatus.CHECKED


def test_state_view_is_refused(cast):
    response = cast.client("stella").get(reverse("guidance:import_list"))
    assert response.status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("guidance:import_list"))
    assert response.status_code == 302
    assert "login" in response["Location"]
