"""Deficiencies found at an inspection: deadline, responsible partner."""

import datetime

import pytest

from directory.models import Partner, PartnerKind
from housing.models import Deficiency, DeficiencyStatus

from .inspection_world import make_accommodation, make_inspection, standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection(cast):
    return make_inspection(make_accommodation(cast.erz), cast.olga)


def test_a_deficiency_is_recorded_with_deadline_and_responsible(cast, inspection):
    shower = standard(inspection, "Personen je Dusche")
    url = f"/accommodation/inspections/{inspection.pk}/deficiencies/new/"
    client = cast.client("olga")
    form = client.get(url).content.decode()
    # The operator of the accommodation is proposed as responsible.
    operator = inspection.accommodation.operator
    assert f'<option value="{operator.pk}" selected>' in form
    response = client.post(
        url,
        {
            "description": "Zwei Duschen im EG defekt",
            "standard": shower.pk,
            "deadline": "2026-04-10",
            "responsible": operator.pk,
        },
    )
    assert response.status_code == 302
    found = Deficiency.objects.get()
    assert (found.inspection, found.standard, found.responsible) == (
        inspection,
        shower,
        operator,
    )
    assert found.deadline == datetime.date(2026, 4, 10)
    assert found.status == DeficiencyStatus.OPEN


def test_a_deadline_before_the_inspection_is_refused(cast, inspection):
    response = cast.client("olga").post(
        f"/accommodation/inspections/{inspection.pk}/deficiencies/new/",
        {"description": "Duschen defekt", "deadline": "2026-03-09"},
    )
    assert response.status_code == 200
    assert "The deadline lies before the inspection on 03/10/2026" in (
        response.content.decode()
    )
    assert not Deficiency.objects.exists()


def test_the_deadline_may_be_the_inspection_day(cast, inspection):
    response = cast.client("olga").post(
        f"/accommodation/inspections/{inspection.pk}/deficiencies/new/",
        {"description": "Fluchtweg zugestellt", "deadline": "2026-03-10"},
    )
    assert response.status_code == 302


def test_partners_and_standards_come_from_the_own_office_and_version(cast, inspection):
    foreign = Partner.objects.create(
        office=cast.gr, kind=PartnerKind.ACCOMMODATION, name="Fremdbetreiber"
    )
    response = cast.client("olga").post(
        f"/accommodation/inspections/{inspection.pk}/deficiencies/new/",
        {
            "description": "Duschen defekt",
            "deadline": "2026-04-10",
            "responsible": foreign.pk,
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Deficiency.objects.exists()


def test_the_inspection_date_cannot_move_past_a_deadline(cast, inspection):
    Deficiency.objects.create(
        inspection=inspection, description="x", deadline=datetime.date(2026, 3, 11)
    )
    response = cast.client("olga").post(
        f"/accommodation/inspections/{inspection.pk}/edit/",
        {"on": "2026-03-12", "inspectors": [cast.olga.pk]},
    )
    assert response.status_code == 200
    assert "Change its deadline first" in response.content.decode()


def test_a_deficiency_is_removed_until_completion(cast, inspection):
    found = Deficiency.objects.create(
        inspection=inspection, description="x", deadline=datetime.date(2026, 4, 1)
    )
    url = f"/accommodation/inspections/{inspection.pk}/deficiencies/{found.pk}/remove/"
    assert cast.client("gina").post(url).status_code == 403
    assert cast.client("otto").post(url).status_code == 404
    assert cast.client("olga").post(url).status_code == 302
    assert not Deficiency.objects.exists()
