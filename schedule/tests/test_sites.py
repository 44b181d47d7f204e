"""Sites and their rooms, kept by the managers."""

from accounts.models import Site
from schedule.models import Room

from .factories import make_room, make_site


def test_manager_creates_a_site_and_the_overview_shows_it(cast):
    olga = cast.client("olga")
    response = olga.post(
        "/hours/sites/new/",
        {
            "name": "Aue",
            "address": "Wettinerstraße 61\n08280 Aue-Bad Schlema",
            "accessibility": "Lift at the side entrance",
            "hours": "and by appointment",
        },
    )
    assert response.status_code == 302
    site = Site.objects.get(name="Aue")
    assert site.office == cast.erz
    assert response["Location"] == f"/hours/sites/{site.pk}/"

    page = olga.get("/hours/").content.decode()
    assert "Wettinerstraße 61" in page
    assert "Lift at the side entrance" in page
    assert "and by appointment" in page


def test_the_hours_text_is_offered_as_an_additional_note(cast):
    page = cast.client("carla").get("/hours/sites/new/").content.decode()
    assert "Additional note on the hours" in page
    assert "and by appointment" in page


def test_a_second_site_of_the_same_name_is_refused(cast):
    response = cast.client("carla").post(
        "/hours/sites/new/", {"name": "annaberg-buchholz"}
    )
    assert response.status_code == 200
    assert "The office already has a site of this name." in response.content.decode()
    assert Site.objects.filter(office=cast.erz).count() == 1


def test_another_office_may_use_the_same_site_name(cast):
    response = cast.client("otto").post(
        "/hours/sites/new/", {"name": "Annaberg-Buchholz"}
    )
    assert response.status_code == 302
    assert Site.objects.filter(office=cast.gr).count() == 1


def test_editing_a_site_keeps_its_name_free_for_itself(cast):
    site = make_site(cast.erz, "Aue")
    response = cast.client("carla").post(
        f"/hours/sites/{site.pk}/", {"name": "Aue", "address": "Markt 1"}
    )
    assert response.status_code == 302
    site.refresh_from_db()
    assert site.address == "Markt 1"


def test_site_page_lists_rooms_and_rooms_are_unique_per_site(cast):
    site = make_site(cast.erz, "Aue")
    carla = cast.client("carla")
    created = carla.post(
        f"/hours/sites/{site.pk}/rooms/new/",
        {"name": "Raum 2", "step_free": "on", "notes": "2nd floor, lift"},
    )
    assert created.status_code == 302
    room = Room.objects.get(site=site)
    assert room.step_free

    page = carla.get(f"/hours/sites/{site.pk}/").content.decode()
    assert "Raum 2" in page
    assert f"/hours/rooms/{room.pk}/" in page
    assert f"/hours/sites/{site.pk}/rooms/new/" in page

    twice = carla.post(f"/hours/sites/{site.pk}/rooms/new/", {"name": "raum 2"})
    assert twice.status_code == 200
    assert "This site already has a room of this name." in twice.content.decode()
    assert Room.objects.filter(site=site).count() == 1

    # The same name at another site is fine.
    other = make_site(cast.erz, "Marienberg")
    elsewhere = carla.post(f"/hours/sites/{other.pk}/rooms/new/", {"name": "Raum 2"})
    assert elsewhere.status_code == 302


def test_editing_a_room(cast):
    room = make_room(make_site(cast.erz, "Aue"))
    response = cast.client("dieter").post(
        f"/hours/rooms/{room.pk}/", {"name": "Raum 1.14", "notes": "1st floor"}
    )
    assert response.status_code == 302
    room.refresh_from_db()
    assert (room.name, room.step_free, room.notes) == ("Raum 1.14", False, "1st floor")


def test_guides_and_analysts_cannot_keep_sites(cast):
    site = make_site(cast.erz, "Aue")
    room = make_room(site)
    for name in ("gina", "anton"):
        client = cast.client(name)
        assert client.get("/hours/sites/new/").status_code == 403
        assert client.post("/hours/sites/new/", {"name": "Zwönitz"}).status_code == 403
        assert client.get(f"/hours/sites/{site.pk}/").status_code == 403
        assert client.get(f"/hours/rooms/{room.pk}/").status_code == 403
    assert not Site.objects.filter(name="Zwönitz").exists()


def test_another_offices_sites_and_rooms_are_not_found(cast):
    site = make_site(cast.erz, "Aue")
    room = make_room(site)
    otto = cast.client("otto")
    assert otto.get(f"/hours/sites/{site.pk}/").status_code == 404
    assert otto.post(f"/hours/sites/{site.pk}/", {"name": "Görlitz"}).status_code == 404
    assert otto.get(f"/hours/sites/{site.pk}/rooms/new/").status_code == 404
    assert otto.post(f"/hours/rooms/{room.pk}/", {"name": "X"}).status_code == 404
    site.refresh_from_db()
    room.refresh_from_db()
    assert (site.name, room.name) == ("Aue", "Raum 1.12")
