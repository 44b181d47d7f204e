from django.test import Client


def test_unknown_page_answers_with_the_office_404_page(cast):
    response = cast.client("carla").get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_refused_page_explains_whom_to_ask(cast):
    response = cast.client("anton").get("/concerns/")
    assert response.status_code == 403
    assert "ask the commissioner or the administrator" in response.content.decode()


def test_form_without_csrf_token_gets_a_clear_page(cast):
    client = Client(enforce_csrf_checks=True, headers={"accept-language": "en"})
    response = client.post("/accounts/login/", {"username": "carla", "password": "x"})
    assert response.status_code == 403
    assert "Form expired" in response.content.decode()


def test_server_error_shows_a_calm_page_without_details(cast):
    from unittest import mock

    from conftest import logged_in

    client = logged_in(cast.carla)
    client.raise_request_exception = False
    with mock.patch(
        "cases.models.ConcernQuerySet.for_list", side_effect=RuntimeError("boom")
    ):
        response = client.get("/concerns/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page
    assert "boom" not in page
