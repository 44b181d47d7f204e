"""Recording an inspection: date, announced or not, inspectors, statements."""

import datetime

import pytest
import time_machine

from housing.models import Inspection
from housing.standards_seed import ensure_catalogue

from .inspection_world import make_accommodation, make_inspection

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 12)


@pytest.fixture
def site(cast):
    return make_accommodation(cast.erz)


def data(cast, **changes) -> dict:
    values = {
        "on": "2026-03-10",
        "inspectors": [cast.olga.pk, cast.gina.pk],
        "residents_said": "Die Heizung fällt nachts aus.",
        "staff_said": "Der Hausmeister ist informiert.",
    }
    values.update(changes)
    return values


@time_machine.travel(TODAY)
def test_an_inspector_records_an_unannounced_inspection(cast, site):
    client = cast.client("olga")
    response = client.post(f"/accommodation/{site.pk}/inspections/new/", data(cast))
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert (
        response["Location"] == f"/accommodation/inspections/{inspection.pk}/findings/"
    )
    assert inspection.on == datetime.date(2026, 3, 10)
    assert not inspection.announced
    assert set(inspection.inspectors.all()) == {cast.olga, cast.gina}
    assert inspection.catalogue == ensure_catalogue(cast.erz)
    assert inspection.catalogue.frozen
    assert inspection.created_by == cast.olga
    html = client.get(f"/accommodation/inspections/{inspection.pk}/").content.decode()
    assert "no, unannounced" in html
    assert "Die Heizung fällt nachts aus." in html


@time_machine.travel(TODAY)
def test_the_inspector_is_preselected(cast, site):
    form = cast.client("carla").get(f"/accommodation/{site.pk}/inspections/new/")
    html = form.content.decode()
    position = html.index(f'value="{cast.carla.pk}"')
    assert "checked" in html[position : html.index(">", position)]


@time_machine.travel(TODAY)
def test_an_inspection_dated_in_the_future_is_refused(cast, site):
    response = cast.client("olga").post(
        f"/accommodation/{site.pk}/inspections/new/", data(cast, on="2026-03-13")
    )
    assert response.status_code == 200
    assert "The date lies in the future" in response.content.decode()
    assert not Inspection.objects.exists()


@time_machine.travel(TODAY)
def test_inspectors_come_from_the_own_office(cast, site):
    response = cast.client("olga").post(
        f"/accommodation/{site.pk}/inspections/new/",
        data(cast, inspectors=[cast.otto.pk]),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Inspection.objects.exists()


@time_machine.travel(TODAY)
def test_a_nonsense_date_is_a_message_not_an_error(cast, site):
    response = cast.client("olga").post(
        f"/accommodation/{site.pk}/inspections/new/", data(cast, on="1026-03-10")
    )
    assert response.status_code == 200
    assert "from the year 2000 on" in response.content.decode()


@time_machine.travel(TODAY)
def test_the_details_can_be_edited_until_completion(cast, site):
    inspection = make_inspection(site, cast.olga)
    client = cast.client("dieter")
    response = client.post(
        f"/accommodation/inspections/{inspection.pk}/edit/",
        data(cast, announced="on", on="2026-03-11"),
    )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.announced and inspection.on == datetime.date(2026, 3, 11)


@pytest.mark.parametrize("name", ["gina", "anton"])
def test_guides_and_analysts_cannot_record_an_inspection(cast, site, name):
    url = f"/accommodation/{site.pk}/inspections/new/"
    assert cast.client(name).post(url, data(cast)).status_code == 403
    assert not Inspection.objects.exists()


def test_another_office_cannot_inspect_the_accommodation(cast, site):
    url = f"/accommodation/{site.pk}/inspections/new/"
    assert cast.client("otto").get(url).status_code == 404
