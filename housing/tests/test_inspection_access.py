"""Who reaches the inspection pages: every role of the cast."""

import datetime

import pytest

from housing.models import Deficiency, Inspection, Photo

from .inspection_world import deficiency, make_accommodation, make_inspection, png

pytestmark = pytest.mark.django_db

# Guides read; the office's keepers inspect; analysts and administrators
# see no accommodation; another office finds none.
READ = {
    "carla": 200,
    "dieter": 200,
    "olga": 200,
    "gina": 200,
    "gustav": 200,
    "anton": 403,
    "ada": 403,
    "otto": 404,
    "stella": 403,
}
WRITE = {"carla": 200, "dieter": 200, "olga": 200, "gina": 403, "gustav": 403,
         "anton": 403, "ada": 403, "otto": 404, "stella": 403}  # fmt: skip


@pytest.fixture
def world(cast):
    site = make_accommodation(cast.erz)
    earlier = make_inspection(site, cast.olga, on=datetime.date(2026, 1, 5))
    earlier.completed_at = datetime.datetime(2026, 1, 5, 12, tzinfo=datetime.UTC)
    earlier.save()
    old = deficiency(earlier, datetime.date(2026, 2, 1))
    inspection = make_inspection(site, cast.olga, follows_up=earlier)
    cast.client("olga").post(
        f"/accommodation/inspections/{inspection.pk}/photos/", {"photos": [png()]}
    )
    return {
        "site": site.pk,
        "inspection": inspection.pk,
        "photo": Photo.objects.get().pk,
        "old": old.pk,
    }


PAGES = [
    ("/accommodation/inspections/{inspection}/", READ),
    ("/accommodation/inspections/{inspection}/photos/{photo}/", READ),
    ("/accommodation/{site}/inspections/new/", WRITE),
    ("/accommodation/inspections/{inspection}/edit/", WRITE),
    ("/accommodation/inspections/{inspection}/findings/", WRITE),
    ("/accommodation/inspections/{inspection}/photos/", WRITE),
    ("/accommodation/inspections/{inspection}/deficiencies/new/", WRITE),
    ("/accommodation/inspections/{inspection}/deficiencies/{old}/settle/", WRITE),
]


@pytest.mark.parametrize("path, expected", PAGES)
@pytest.mark.parametrize("name", list(READ))
def test_each_role_gets_what_it_may(cast, world, name, path, expected):
    response = cast.client(name).get(path.format(**world))
    assert response.status_code == expected[name]


@pytest.mark.parametrize("name", ["gina", "anton", "otto"])
def test_only_inspectors_complete_an_inspection(cast, world, name):
    response = cast.client(name).post(
        f"/accommodation/inspections/{world['inspection']}/complete/"
    )
    assert response.status_code in (403, 404)
    assert Inspection.objects.get(pk=world["inspection"]).completed_at is None


def test_the_anonymous_are_sent_to_the_login(client, world):
    response = client.get(f"/accommodation/inspections/{world['inspection']}/")
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_the_accommodation_page_shows_history_and_open_deficiencies(cast, world):
    Deficiency.objects.filter(pk=world["old"]).update(description="Rauchmelder fehlen")
    html = cast.client("gina").get(f"/accommodation/{world['site']}/").content.decode()
    assert "Inspections, newest first" in html
    assert "01/05/2026" in html and "03/10/2026" in html
    assert html.index("03/10/2026") < html.index("01/05/2026")
    assert "unannounced" in html
    assert "Rauchmelder fehlen" in html and "overdue" in html
    assert "New inspection" not in html
    assert (
        "New inspection"
        in cast.client("olga").get(f"/accommodation/{world['site']}/").content.decode()
    )
