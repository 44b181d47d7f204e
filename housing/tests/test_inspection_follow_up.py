"""The re-inspection: the earlier deficiencies are closed or escalated."""

import datetime

import pytest
import time_machine

from housing.models import Deficiency, DeficiencyStatus, Inspection, Light

from .inspection_world import deficiency, find, make_accommodation, make_inspection

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 5, 20)


@pytest.fixture
def first(cast):
    inspection = make_inspection(
        make_accommodation(cast.erz), cast.olga, on=datetime.date(2026, 3, 10)
    )
    find(inspection, "Personen je Dusche", value=14)
    inspection.completed_at = datetime.datetime(2026, 3, 10, 15, tzinfo=datetime.UTC)
    inspection.light = Light.YELLOW
    inspection.save()
    deficiency(inspection, datetime.date(2026, 4, 30), "Duschen im EG defekt")
    deficiency(inspection, datetime.date(2026, 4, 30), "Rauchmelder fehlen")
    return inspection


@time_machine.travel(TODAY)
def test_a_re_inspection_closes_and_escalates_the_open_deficiencies(cast, first):
    client = cast.client("olga")
    page = client.get(f"/accommodation/inspections/{first.pk}/").content.decode()
    assert (
        f"/accommodation/{first.accommodation_id}/inspections/new/?follows_up=" in page
    )
    response = client.post(
        f"/accommodation/{first.accommodation_id}/inspections/new/",
        {"on": "2026-05-19", "inspectors": [cast.olga.pk], "follows_up": first.pk},
    )
    assert response.status_code == 302
    again = Inspection.objects.get(follows_up=first)
    page = client.get(f"/accommodation/inspections/{again.pk}/").content.decode()
    assert "Duschen im EG defekt" in page and "Rauchmelder fehlen" in page
    assert "Open deficiencies to close or escalate" in page

    showers = Deficiency.objects.get(description="Duschen im EG defekt")
    smoke = Deficiency.objects.get(description="Rauchmelder fehlen")
    base = f"/accommodation/inspections/{again.pk}/deficiencies/"
    assert client.get(f"{base}{showers.pk}/settle/").status_code == 200
    client.post(f"{base}{showers.pk}/settle/", {"status": "closed", "note": ""})
    client.post(
        f"{base}{smoke.pk}/settle/",
        {"status": "escalated", "note": "An die Landesdirektion gemeldet"},
    )
    showers.refresh_from_db()
    smoke.refresh_from_db()
    assert (showers.status, showers.settled_by) == (DeficiencyStatus.CLOSED, again)
    assert (smoke.status, smoke.settled_by) == (DeficiencyStatus.ESCALATED, again)
    assert smoke.settled_note == "An die Landesdirektion gemeldet"

    # All met today, but the smoke detectors were escalated unremedied.
    find(again, "Personen je Dusche", value=9)
    client.post(f"/accommodation/inspections/{again.pk}/complete/")
    again.refresh_from_db()
    assert again.light == Light.YELLOW
    assert "Rauchmelder fehlen (by 04/30/2026)" in again.light_reason
    assert "Duschen im EG defekt" not in again.light_reason


@time_machine.travel(TODAY)
def test_remedied_deficiencies_leave_the_light_green(cast, first):
    again = make_inspection(
        first.accommodation, cast.olga, on=datetime.date(2026, 5, 19), follows_up=first
    )
    client = cast.client("olga")
    for found in first.deficiencies.all():
        client.post(
            f"/accommodation/inspections/{again.pk}/deficiencies/{found.pk}/settle/",
            {"status": "closed"},
        )
    find(again, "Personen je Dusche", value=9)
    client.post(f"/accommodation/inspections/{again.pk}/complete/")
    again.refresh_from_db()
    assert again.light == Light.GREEN


@time_machine.travel(TODAY)
def test_an_open_overdue_deficiency_counts_even_when_not_settled(cast, first):
    again = make_inspection(
        first.accommodation, cast.olga, on=datetime.date(2026, 5, 19), follows_up=first
    )
    find(again, "Personen je Dusche", value=9)
    cast.client("olga").post(f"/accommodation/inspections/{again.pk}/complete/")
    again.refresh_from_db()
    assert again.light == Light.YELLOW
    assert "Overdue deficiencies of earlier inspections" in again.light_reason


@time_machine.travel(TODAY)
def test_escalating_needs_a_note(cast, first):
    again = make_inspection(
        first.accommodation, cast.olga, on=datetime.date(2026, 5, 19), follows_up=first
    )
    found = first.deficiencies.first()
    response = cast.client("olga").post(
        f"/accommodation/inspections/{again.pk}/deficiencies/{found.pk}/settle/",
        {"status": "escalated", "note": "  "},
    )
    assert response.status_code == 200
    assert "Say to whom and why you escalate it." in response.content.decode()
    found.refresh_from_db()
    assert found.status == DeficiencyStatus.OPEN


@time_machine.travel(TODAY)
def test_only_the_deficiencies_of_the_followed_inspection_are_settled(cast, first):
    other = make_inspection(make_accommodation(cast.erz, "GU Zittau"), cast.olga)
    foreign = deficiency(other, datetime.date(2026, 4, 1))
    again = make_inspection(
        first.accommodation, cast.olga, on=datetime.date(2026, 5, 19), follows_up=first
    )
    response = cast.client("olga").post(
        f"/accommodation/inspections/{again.pk}/deficiencies/{foreign.pk}/settle/",
        {"status": "closed"},
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == DeficiencyStatus.OPEN


@time_machine.travel(TODAY)
def test_a_re_inspection_cannot_be_dated_before_the_inspection(cast, first):
    response = cast.client("olga").post(
        f"/accommodation/{first.accommodation_id}/inspections/new/",
        {"on": "2026-03-01", "inspectors": [cast.olga.pk], "follows_up": first.pk},
    )
    assert response.status_code == 200
    assert "cannot take place before the inspection" in response.content.decode()
