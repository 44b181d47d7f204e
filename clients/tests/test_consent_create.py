import datetime

import pytest

from clients.models import Consent, Person
from directory.models import Partner


def url(person: Person) -> str:
    return f"/clients/{person.pk}/consents/new/"


@pytest.fixture
def jobcenter(cast) -> Partner:
    return Partner.objects.create(office=cast.erz, kind="jobcenter", name="Jobcenter")


def test_consent_is_recorded_by_the_user(cast, ahmad, jobcenter):
    response = cast.client("gina").post(
        url(ahmad),
        {
            "purpose": "share_with_partner",
            "partner": jobcenter.pk,
            "given_on": "02.03.2026",
            "form": "written",
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.person == ahmad
    assert consent.partner == jobcenter
    assert consent.recorded_by == cast.gina
    assert consent.given_on == datetime.date(2026, 3, 2)
    assert Consent.objects.covering_partner(jobcenter).get() == consent


def test_sharing_consent_without_partner_is_refused(cast, ahmad):
    response = cast.client("gina").post(
        url(ahmad),
        {"purpose": "share_with_partner", "given_on": "02.03.2026", "form": "oral"},
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("partner", "partner_required")
    assert not Consent.objects.exists()


def test_partner_on_other_purpose_is_refused(cast, ahmad, jobcenter):
    response = cast.client("gina").post(
        url(ahmad),
        {
            "purpose": "counselling",
            "partner": jobcenter.pk,
            "given_on": "02.03.2026",
            "form": "oral",
        },
    )
    assert response.context["form"].has_error("partner", "partner_not_needed")
    assert not Consent.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"given_on": "01.01.2999"}, "given_on", "future"),
        ({"given_on": "30.02.2026"}, "given_on", "invalid"),
        ({"form": "telepathy"}, "form", "invalid_choice"),
        ({"note": "n" * 501}, "note", "max_length"),
    ],
)
def test_bad_consent_input_is_refused(cast, ahmad, changes, field, code):
    values = {"purpose": "counselling", "given_on": "02.03.2026", "form": "oral"}
    response = cast.client("gina").post(url(ahmad), {**values, **changes})
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert not Consent.objects.exists()


def test_partners_of_other_offices_and_inactive_ones_cannot_be_chosen(
    cast, ahmad, jobcenter
):
    foreign = Partner.objects.create(office=cast.gr, kind="bank", name="Bank Zittau")
    closed = Partner.objects.create(
        office=cast.erz, kind="bank", name="Closed bank", active=False
    )
    client = cast.client("gina")
    page = client.get(url(ahmad)).content.decode()
    assert "Jobcenter" in page
    assert "Bank Zittau" not in page
    assert "Closed bank" not in page
    for partner in (foreign, closed):
        response = client.post(
            url(ahmad),
            {
                "purpose": "share_with_partner",
                "partner": partner.pk,
                "given_on": "02.03.2026",
                "form": "oral",
            },
        )
        assert response.context["form"].has_error("partner", "invalid_choice")
    assert not Consent.objects.exists()


def test_guide_without_assignment_cannot_record_consent(cast, ahmad):
    values = {"purpose": "counselling", "given_on": "02.03.2026", "form": "oral"}
    assert cast.client("gustav").post(url(ahmad), values).status_code == 403
    assert cast.client("otto").post(url(ahmad), values).status_code == 404
    assert not Consent.objects.exists()
