from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import make_concern, make_person, make_topic


def test_list_shows_only_the_own_office(cast):
    make_concern(
        cast.erz, cast.carla, make_person(cast.erz), subject="Erzgebirge-Anliegen"
    )
    make_concern(cast.gr, cast.otto, make_person(cast.gr), subject="Görlitz-Anliegen")
    page = cast.client("carla").get("/concerns/").content.decode()
    assert "Erzgebirge-Anliegen" in page
    assert "Görlitz-Anliegen" not in page


def test_guide_sees_assigned_shared_and_own_clients_concerns_only(cast):
    client_of_gina = make_person(cast.erz, "Kovalenko", "Oleksandr")
    client_of_gina.guides.add(cast.gina)
    make_concern(cast.erz, cast.carla, client_of_gina, subject="Eigener Klient")
    make_concern(
        cast.erz,
        cast.carla,
        make_person(cast.erz),
        subject="Zugewiesen",
        assigned_to=cast.gina,
    )
    shared = make_concern(
        cast.erz, cast.carla, make_person(cast.erz), subject="Geteilt"
    )
    shared.shared_with.add(cast.gina)
    make_concern(cast.erz, cast.carla, make_person(cast.erz), subject="Fremder Fall")
    page = cast.client("gina").get("/concerns/").content.decode()
    for subject in ("Eigener Klient", "Zugewiesen", "Geteilt"):
        assert subject in page
    assert "Fremder Fall" not in page
    assert "Fremder Fall" in cast.client("carla").get("/concerns/").content.decode()


def test_closed_concerns_are_hidden_by_default_and_shown_on_request(cast):
    make_concern(
        cast.erz, cast.carla, make_person(cast.erz), subject="Erledigt", status="closed"
    )
    client = cast.client("carla")
    assert "Erledigt" not in client.get("/concerns/").content.decode()
    assert "Erledigt" in client.get("/concerns/?status=all").content.decode()
    assert "Erledigt" in client.get("/concerns/?status=closed").content.decode()


def test_filters_by_type_topic_and_mine(cast):
    topic = make_topic(cast.erz, "Schule")
    school = make_concern(
        cast.erz, cast.carla, make_person(cast.erz), subject="Schulplatz"
    )
    school.topics.add(topic)
    make_concern(
        cast.erz,
        cast.carla,
        make_person(cast.erz),
        subject="Beschwerde Heim",
        type="complaint",
        assigned_to=cast.dieter,
    )
    client = cast.client("dieter")
    by_topic = client.get(f"/concerns/?topic={topic.pk}").content.decode()
    assert "Schulplatz" in by_topic and "Beschwerde Heim" not in by_topic
    by_type = client.get("/concerns/?type=complaint").content.decode()
    assert "Beschwerde Heim" in by_type and "Schulplatz" not in by_type
    mine = client.get("/concerns/?mine=on").content.decode()
    assert "Beschwerde Heim" in mine and "Schulplatz" not in mine


def test_invalid_filter_values_do_not_fail(cast):
    response = cast.client("carla").get("/concerns/?type=nonsense&per_page=7&page=abc")
    assert response.status_code == 200


def _queries_for_page(client, per_page):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/concerns/?per_page={per_page}")
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_page_size(cast):
    topic = make_topic(cast.erz)
    for number in range(120):
        concern = make_concern(
            cast.erz, cast.carla, make_person(cast.erz, f"Name{number}")
        )
        concern.topics.add(topic)
    client = cast.client("carla")
    _queries_for_page(client, 25)  # warm the session
    assert _queries_for_page(client, 25) == _queries_for_page(client, 100)


def test_guide_query_count_does_not_grow_with_page_size(cast):
    for number in range(60):
        make_concern(
            cast.erz,
            cast.carla,
            make_person(cast.erz, f"N{number}"),
            assigned_to=cast.gina,
        )
    client = cast.client("gina")
    _queries_for_page(client, 25)
    assert _queries_for_page(client, 25) == _queries_for_page(client, 50)
