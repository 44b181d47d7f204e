"""Findings, the light at completion, and what completion freezes."""

import datetime

import pytest
import time_machine

from housing.models import Deficiency, Finding, Light, Photo

from .inspection_world import (
    DAY,
    make_accommodation,
    make_inspection,
    png,
    standard,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 12)


@pytest.fixture
def site(cast):
    return make_accommodation(cast.erz, "GU Niesky")


def findings_data(inspection, **by_title) -> dict:
    return {f"s{standard(inspection, t).pk}": v for t, v in by_title.items()}


def test_the_form_lists_the_standards_for_the_kind(cast):
    flat = make_accommodation(cast.erz, "Wohnung Weißwasser", kind="flat")
    inspection = make_inspection(flat, cast.olga)
    html = cast.client("olga").get(
        f"/accommodation/inspections/{inspection.pk}/findings/"
    )
    text = html.content.decode()
    assert "Wohnfläche je Person (at least 7 m²)" in text
    assert "Räume für Kinder" not in text


@time_machine.travel(TODAY)
def test_unannounced_inspection_with_two_deficiencies_turns_yellow(cast, site):
    """The issue's demo: two standards not met, two deficiencies, yellow."""
    inspection = make_inspection(site, cast.olga)
    client = cast.client("olga")
    data = findings_data(
        inspection,
        **{
            "Wohnfläche je Person": "6.5",
            "Personen je Dusche": "14",
            "Personen je Toilette": "7",
            "Zimmer sind abschließbar": "yes",
            "Die Brandschutzabnahme liegt vor": "yes",
        },
    )
    data[f"s{standard(inspection, 'Personen je Dusche').pk}_note"] = "2 von 6 defekt"
    url = f"/accommodation/inspections/{inspection.pk}/"
    assert client.post(url + "findings/", data).status_code == 302
    assert inspection.findings.count() == 5
    for text in ["Zu wenig Wohnfläche in Haus B", "Duschen im EG defekt"]:
        response = client.post(
            url + "deficiencies/new/",
            {
                "description": text,
                "deadline": "2026-04-30",
                "responsible": site.operator_id,
            },
        )
        assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Not completed yet" in page
    assert "Red: a critical standard is not met" in page  # the rule, shown
    response = client.post(url + "complete/", follow=True)
    inspection.refresh_from_db()
    assert inspection.light == Light.YELLOW
    assert inspection.completed_at is not None
    assert inspection.light_reason.startswith("Yellow: 2 standards are not met.")
    assert "Not met: Wohnfläche je Person; Personen je Dusche." in (
        inspection.light_reason
    )
    assert "Not assessed: " in inspection.light_reason
    html = response.content.decode()
    assert "Traffic light: Yellow." in html
    assert "Zu wenig Wohnfläche in Haus B" in html
    assert "2 von 6 defekt" in html


@time_machine.travel(TODAY)
def test_a_failed_critical_standard_makes_it_red(cast, site):
    inspection = make_inspection(site, cast.olga)
    data = findings_data(inspection, **{"Die Brandschutzabnahme liegt vor": "no"})
    client = cast.client("olga")
    client.post(f"/accommodation/inspections/{inspection.pk}/findings/", data)
    client.post(f"/accommodation/inspections/{inspection.pk}/complete/")
    inspection.refresh_from_db()
    assert inspection.light == Light.RED


def test_completing_without_any_result_is_refused(cast, site):
    inspection = make_inspection(site, cast.olga)
    response = cast.client("olga").post(
        f"/accommodation/inspections/{inspection.pk}/complete/", follow=True
    )
    assert "No standard is assessed yet" in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.completed_at is None and inspection.light == ""


def test_a_measured_value_must_be_a_number(cast, site):
    inspection = make_inspection(site, cast.olga)
    data = findings_data(inspection, **{"Wohnfläche je Person": "sieben"})
    response = cast.client("olga").post(
        f"/accommodation/inspections/{inspection.pk}/findings/", data
    )
    assert response.status_code == 200
    assert "Enter a number." in response.content.decode()
    assert not Finding.objects.exists()


def test_clearing_a_result_removes_the_finding(cast, site):
    inspection = make_inspection(site, cast.olga)
    url = f"/accommodation/inspections/{inspection.pk}/findings/"
    client = cast.client("olga")
    client.post(url, findings_data(inspection, **{"Personen je Dusche": "9"}))
    assert inspection.findings.count() == 1
    client.post(url, findings_data(inspection, **{"Personen je Dusche": ""}))
    assert inspection.findings.count() == 0


@time_machine.travel(TODAY)
def test_completion_freezes_the_inspection(cast, site):
    inspection = make_inspection(site, cast.olga)
    url = f"/accommodation/inspections/{inspection.pk}/"
    client = cast.client("olga")
    client.post(
        url + "findings/", findings_data(inspection, **{"Personen je Dusche": "9"})
    )
    client.post(url + "complete/")
    inspection.refresh_from_db()
    completed_at = inspection.completed_at
    assert inspection.light == Light.GREEN

    response = client.post(
        url + "findings/", findings_data(inspection, **{"Personen je Dusche": "20"})
    )
    assert response.status_code == 302
    assert inspection.findings.get().value == 9
    client.post(url + "photos/", {"photos": [png()]})
    client.post(
        url + "deficiencies/new/", {"description": "Neu", "deadline": "2026-05-01"}
    )
    client.post(url + "edit/", {"on": "2026-03-01", "inspectors": [cast.olga.pk]})
    again = client.post(url + "complete/", follow=True)
    assert "can no longer be changed" in again.content.decode()
    inspection.refresh_from_db()
    assert inspection.completed_at == completed_at
    assert inspection.on == DAY
    assert not Photo.objects.exists() and not Deficiency.objects.exists()
    page = client.get(url).content.decode()
    assert "Enter findings" not in page and "Complete the inspection" not in page
