"""The catalogue of minimum standards and its versions."""

import pytest

from housing.models import Catalogue, Measure, Standard
from housing.standards_seed import DEFAULT_STANDARDS, ensure_catalogue

from .inspection_world import make_accommodation, make_inspection

pytestmark = pytest.mark.django_db

SPACE = "Wohnfläche je Person"


def edit_data(item: Standard, **changes) -> dict:
    data = {
        "area": item.area,
        "title": item.title,
        "measure": item.measure,
        "target": item.target if item.target is not None else "",
        "unit": item.unit,
        "applies_to": item.applies_to,
        "position": item.position,
        "note": "",
    }
    if item.critical:
        data["critical"] = "on"
    data.update(changes)
    return data


def test_first_use_gives_version_1_with_the_default_standards(cast):
    response = cast.client("olga").get("/accommodation/standards/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Minimum standards, version 1" in html
    assert SPACE in html and "at least 7 m²" in html
    assert "at most 1000 m" in html
    catalogue = Catalogue.objects.get(office=cast.erz)
    assert catalogue.standards.count() == len(DEFAULT_STANDARDS) == 12
    assert set(
        catalogue.standards.filter(critical=True).values_list("title", flat=True)
    ) == {
        "Zimmer sind abschließbar",
        "Ein Gewaltschutzkonzept liegt vor und wird umgesetzt",
        "Die Brandschutzabnahme liegt vor",
    }


def test_an_unused_version_is_changed_in_place(cast):
    catalogue = ensure_catalogue(cast.erz)
    space = catalogue.standards.get(title=SPACE)
    response = cast.client("carla").post(
        f"/accommodation/standards/{catalogue.pk}/{space.pk}/edit/",
        edit_data(space, target="8"),
    )
    assert response.status_code == 302
    assert Catalogue.objects.filter(office=cast.erz).count() == 1
    space.refresh_from_db()
    assert space.target == 8


def test_an_edit_after_use_makes_version_2_and_the_old_inspection_keeps_version_1(
    cast,
):
    site = make_accommodation(cast.erz)
    old = make_inspection(site, cast.olga)
    v1 = old.catalogue
    space = v1.standards.get(title=SPACE)
    client = cast.client("dieter")
    response = client.post(
        f"/accommodation/standards/{v1.pk}/{space.pk}/edit/",
        edit_data(space, target="9", note="Kreistagsbeschluss 2026"),
        follow=True,
    )
    assert "saved as version 2" in response.content.decode()
    v2 = Catalogue.objects.get(office=cast.erz, version=2)
    assert v2.note == "Kreistagsbeschluss 2026"
    assert v2.standards.count() == 12
    assert v2.standards.get(title=SPACE).target == 9
    space.refresh_from_db()
    assert space.target == 7
    old.refresh_from_db()
    assert old.catalogue == v1
    # A new inspection is made against version 2, and its page shows it.
    assert ensure_catalogue(cast.erz) == v2
    html = client.get(f"/accommodation/inspections/{old.pk}/").content.decode()
    assert "at least 7 m²" in html and "at least 9 m²" not in html


def test_adding_to_a_used_version_copies_it_first(cast):
    v1 = make_inspection(make_accommodation(cast.erz), cast.olga).catalogue
    response = cast.client("olga").post(
        f"/accommodation/standards/{v1.pk}/new/",
        {
            "area": "Barrierefreiheit",
            "title": "Barrierefreie Zimmer vorhanden",
            "measure": Measure.YES_NO,
            "target": "5",  # ignored for yes or no
            "applies_to": "",
            "position": "13",
            "note": "",
        },
    )
    assert response.status_code == 302
    assert v1.standards.count() == 12
    v2 = Catalogue.objects.get(office=cast.erz, version=2)
    added = v2.standards.get(title="Barrierefreie Zimmer vorhanden")
    assert added.target is None
    assert v2.standards.count() == 13


def test_removing_after_use_makes_a_version_without_it(cast):
    v1 = make_inspection(make_accommodation(cast.erz), cast.olga).catalogue
    internet = v1.standards.get(title="Internetzugang für die Bewohner")
    url = f"/accommodation/standards/{v1.pk}/{internet.pk}/remove/"
    client = cast.client("carla")
    assert client.get(url).status_code == 200
    assert client.post(url, {"note": "im Mietvertrag geregelt"}).status_code == 302
    v2 = Catalogue.objects.get(office=cast.erz, version=2)
    assert not v2.standards.filter(title=internet.title).exists()
    assert v1.standards.filter(pk=internet.pk).exists()
    history = client.get("/accommodation/standards/history/").content.decode()
    assert "Removed: Internetzugang für die Bewohner" in history
    assert "im Mietvertrag geregelt" in history


def test_a_value_standard_needs_its_value(cast):
    catalogue = ensure_catalogue(cast.erz)
    response = cast.client("olga").post(
        f"/accommodation/standards/{catalogue.pk}/new/",
        {
            "area": "Sanitär",
            "title": "Personen je Waschbecken",
            "measure": Measure.AT_MOST,
            "target": "",
            "applies_to": "",
            "position": "13",
        },
    )
    assert response.status_code == 200
    assert "Enter the value that must be reached" in response.content.decode()
    assert catalogue.standards.count() == 12


def test_an_earlier_version_is_shown_but_not_changed(cast):
    v1 = make_inspection(make_accommodation(cast.erz), cast.olga).catalogue
    space = v1.standards.get(title=SPACE)
    client = cast.client("olga")
    client.post(
        f"/accommodation/standards/{v1.pk}/{space.pk}/edit/",
        edit_data(space, target="9"),
    )
    html = client.get(f"/accommodation/standards/{v1.pk}/").content.decode()
    assert "can no longer be changed" in html
    assert f"/accommodation/standards/{v1.pk}/{space.pk}/edit/" not in html
    again = client.post(
        f"/accommodation/standards/{v1.pk}/{space.pk}/edit/",
        edit_data(space, target="10"),
    )
    assert again.status_code == 404
    assert Catalogue.objects.filter(office=cast.erz).count() == 2


def test_the_history_says_what_changed(cast):
    v1 = make_inspection(make_accommodation(cast.erz), cast.olga).catalogue
    space = v1.standards.get(title=SPACE)
    client = cast.client("olga")
    client.post(
        f"/accommodation/standards/{v1.pk}/{space.pk}/edit/",
        edit_data(space, target="9"),
    )
    html = client.get("/accommodation/standards/history/").content.decode()
    assert f"Changed: {SPACE}" in html
    assert "The first version." in html


@pytest.mark.parametrize("name", ["gina", "anton", "ada"])
def test_only_the_office_keeping_the_register_sees_the_catalogue(cast, name):
    assert cast.client(name).get("/accommodation/standards/").status_code == 403


def test_another_office_cannot_open_the_catalogue(cast):
    catalogue = ensure_catalogue(cast.erz)
    client = cast.client("otto")
    assert client.get(f"/accommodation/standards/{catalogue.pk}/").status_code == 404
    space = catalogue.standards.get(title=SPACE)
    url = f"/accommodation/standards/{catalogue.pk}/{space.pk}/edit/"
    assert client.post(url, edit_data(space, target="1")).status_code == 404
    space.refresh_from_db()
    assert space.target == 7
