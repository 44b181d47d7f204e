"""The overview of accommodations and an accommodation's page, role by role."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Municipality
from cases.tests.factories import make_concern
from housing.models import (
    Accommodation,
    Catalogue,
    Deficiency,
    Inspection,
    Kind,
    Light,
    Occupancy,
    Staffing,
)

NOW = "2026-06-10 09:00 +02:00"
TODAY = datetime.date(2026, 6, 10)
LIST = "/accommodation/"


def make_accommodation(office, name="GU Niesky", **extra) -> Accommodation:
    fields = {"kind": Kind.SHARED, "address": "Muskauer Str. 1", "capacity": 100}
    return Accommodation.objects.create(office=office, name=name, **fields | extra)


def record(accommodation, by, on, residents=None, fte=None):
    if residents is not None:
        Occupancy.objects.create(
            accommodation=accommodation, on=on, residents=residents, recorded_by=by
        )
    if fte is not None:
        Staffing.objects.create(
            accommodation=accommodation, on=on, fte=Decimal(fte), recorded_by=by
        )


def inspect(accommodation, by, on, light, *deadlines):
    catalogue, _ = Catalogue.objects.get_or_create(
        office=accommodation.office, version=1
    )
    inspection = Inspection.objects.create(
        accommodation=accommodation,
        catalogue=catalogue,
        on=on,
        light=light,
        completed_at=timezone.now(),
        created_by=by,
    )
    for deadline in deadlines:
        Deficiency.objects.create(
            inspection=inspection, description="Kein WLAN", deadline=deadline
        )
    return inspection


@pytest.fixture
def world(cast):
    """Niesky: 95 residents and 1 FTE, inspected yellow with two deficiencies,
    one overdue. Aue: a flat over capacity, never inspected. Görlitz belongs
    to the other office."""
    niesky = make_accommodation(cast.erz)
    record(niesky, cast.olga, datetime.date(2026, 5, 1), residents=95, fte="1.0")
    inspect(
        niesky,
        cast.olga,
        datetime.date(2026, 4, 2),
        Light.YELLOW,
        datetime.date(2026, 5, 31),
        datetime.date(2026, 7, 31),
    )
    aue = make_accommodation(
        cast.erz,
        "Wohnung Aue",
        kind=Kind.FLAT,
        capacity=4,
        municipality=Municipality.objects.create(office=cast.erz, name="Aue"),
    )
    record(aue, cast.olga, datetime.date(2026, 6, 1), residents=6, fte="0.1")
    make_accommodation(cast.erz, "Altes Heim", active=False)
    make_accommodation(cast.gr, "GU Görlitz")
    return {"niesky": niesky, "aue": aue}


@pytest.mark.parametrize("name", ["carla", "dieter", "olga", "gina", "gustav"])
@time_machine.travel(NOW)
def test_office_roles_and_guides_read_the_register(cast, world, name):
    client = cast.client(name)

    assert client.get(LIST).status_code == 200
    assert client.get(f"{LIST}{world['niesky'].pk}/").status_code == 200


@pytest.mark.parametrize("name", ["anton", "ada", "stella"])
def test_analysts_administrators_and_state_view_are_refused(cast, world, name):
    client = cast.client(name)

    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}{world['niesky'].pk}/").status_code == 403


def test_another_office_finds_no_accommodation_of_ours(cast, world):
    client = cast.client("otto")

    assert client.get(f"{LIST}{world['niesky'].pk}/").status_code == 404
    page = client.get(LIST).content.decode()
    assert "GU Görlitz" in page
    assert "GU Niesky" not in page


@time_machine.travel(NOW)
def test_overview_shows_ratio_alert_light_and_deficiencies(cast, world):
    page = cast.client("gina").get(LIST).content.decode()

    assert "1:95" in page
    assert "above 1:80" in page
    assert "Yellow" in page
    assert "04/02/2026" in page  # the inspection's day, in English form
    assert "not inspected yet" in page
    assert "over capacity" in page  # Aue: 6 residents for 4 places
    assert "Altes Heim" not in page  # not in use
    # The overdue deficiency is listed below the table.
    assert page.count("Kein WLAN") == 1


@time_machine.travel(NOW)
def test_overview_rows_carry_the_counts(cast, world):
    response = cast.client("olga").get(LIST)

    rows = {row.accommodation.name: row for row in response.context["rows"]}
    niesky = rows["GU Niesky"].accommodation
    assert (niesky.open_deficiencies, niesky.overdue_deficiencies) == (2, 1)
    assert rows["GU Niesky"].light == Light.YELLOW
    assert rows["GU Niesky"].ratio.alert
    assert rows["Wohnung Aue"].over_capacity
    assert rows["Wohnung Aue"].light is None
    assert list(rows) == ["GU Niesky", "Wohnung Aue"]


@time_machine.travel(NOW)
def test_overview_filters_by_kind_municipality_and_shows_inactive_on_request(
    cast, world
):
    client = cast.client("olga")
    aue = world["aue"].municipality_id

    def names(query):
        return [r.accommodation.name for r in client.get(LIST + query).context["rows"]]

    assert names("?kind=flat") == ["Wohnung Aue"]
    assert names(f"?municipality={aue}") == ["Wohnung Aue"]
    assert names("?inactive=on") == ["Altes Heim", "GU Niesky", "Wohnung Aue"]
    assert names("?kind=castle") == ["GU Niesky", "Wohnung Aue"]  # shown as error


@time_machine.travel(NOW)
def test_overview_queries_do_not_grow_with_the_accommodations(cast, world):
    client = cast.client("olga")
    client.get(LIST)  # the settings row exists from now on

    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for number in range(5):
        extra = make_accommodation(cast.erz, f"Heim {number}")
        record(extra, cast.olga, TODAY, residents=10, fte="1")
        inspect(extra, cast.olga, TODAY, Light.GREEN, TODAY)
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST)

    assert len(response.context["rows"]) == 7
    assert len(many.captured_queries) == len(few.captured_queries)


@time_machine.travel(NOW)
def test_accommodation_page_shows_ratio_alert_and_both_charts(cast, world):
    page = cast.client("gina").get(f"{LIST}{world['niesky'].pk}/").content.decode()

    assert "Care ratio alert: 1:95" in page
    assert page.count("<svg") == 2
    assert "Alert above 1:80" in page  # the threshold line's label
    assert "100 places" in page  # the capacity line's label
    assert "style=" not in page.split("<main", 1)[1]


@time_machine.travel(NOW)
def test_accommodation_page_warns_of_zero_staff(cast, world):
    record(world["aue"], cast.olga, TODAY, fte="0")

    page = cast.client("olga").get(f"{LIST}{world['aue'].pk}/").content.decode()

    assert "Care ratio alert: no social care staff recorded" in page


@time_machine.travel(NOW)
def test_accommodation_page_without_data_says_so(cast):
    empty = make_accommodation(cast.erz, "Neu")

    page = cast.client("olga").get(f"{LIST}{empty.pk}/").content.decode()

    assert "<svg" not in page
    assert "No residents counted in the last 12 months." in page
    assert "Care ratio alert" not in page


@time_machine.travel(NOW)
def test_accommodation_page_lists_only_concerns_the_user_may_open(cast, world):
    niesky = world["niesky"]
    make_concern(cast.erz, cast.carla, accommodation=niesky, subject="Schimmel im Bad")
    make_concern(
        cast.erz,
        cast.carla,
        accommodation=niesky,
        subject="Heizung kalt",
        assigned_to=cast.gina,
    )
    make_concern(cast.erz, cast.carla, subject="Anderes Thema")

    carla = cast.client("carla").get(f"{LIST}{niesky.pk}/").content.decode()
    gina = cast.client("gina").get(f"{LIST}{niesky.pk}/").content.decode()

    assert "Schimmel im Bad" in carla and "Heizung kalt" in carla
    assert "Anderes Thema" not in carla
    assert "Heizung kalt" in gina
    assert "Schimmel im Bad" not in gina
    assert "2 concerns in all are linked" in gina


@time_machine.travel(NOW)
def test_accommodation_page_warns_when_operator_also_gives_social_care(cast, world):
    from directory.models import Partner, PartnerKind

    partner = Partner.objects.create(
        office=cast.erz, kind=PartnerKind.ACCOMMODATION, name="Heimbetrieb GmbH"
    )
    Accommodation.objects.filter(pk=world["niesky"].pk).update(
        operator=partner, social_care=partner
    )

    page = cast.client("gina").get(f"{LIST}{world['niesky'].pk}/").content.decode()

    assert "Operator and social care by the same partner" in page


@time_machine.travel(NOW)
def test_guides_see_no_entry_forms(cast, world):
    gina = cast.client("gina").get(f"{LIST}{world['niesky'].pk}/").content.decode()
    olga = cast.client("olga").get(f"{LIST}{world['niesky'].pk}/").content.decode()

    assert "Save count" not in gina
    assert "Save count" in olga and "Save staffing" in olga
