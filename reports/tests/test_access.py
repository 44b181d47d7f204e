"""Who may open the statistics pages: a status for every role."""

import pytest

OFFICE = "/statistics/"
STATE = "/statistics/state/"


@pytest.mark.parametrize(
    ("name", "office_status", "state_status"),
    [
        ("carla", 200, 403),
        ("dieter", 200, 403),
        ("anton", 200, 403),
        ("otto", 200, 403),
        ("gina", 403, 403),
        ("gustav", 403, 403),
        ("olga", 403, 403),
        ("ada", 403, 403),
        ("stella", 403, 200),
    ],
)
def test_statistics_pages_only_for_their_roles(cast, name, office_status, state_status):
    client = cast.client(name)
    assert client.get(OFFICE).status_code == office_status
    assert client.get(STATE).status_code == state_status


@pytest.mark.parametrize("url", [OFFICE, STATE])
def test_anonymous_is_sent_to_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_analyst_desk_leads_to_statistics(cast):
    response = cast.client("anton").get("/desk/")
    assert response.status_code == 302
    assert response["Location"] == OFFICE


def test_state_viewer_desk_leads_to_state_statistics(cast):
    response = cast.client("stella").get("/desk/")
    assert response.status_code == 302
    assert response["Location"] == STATE
