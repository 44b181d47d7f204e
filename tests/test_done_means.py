"""The issue's 'Done means', walked through real URLs and real forms.

The demo commissioner logs in with password and authenticator code, records
a walk-in visit for a new client, refers it to the Jobcenter (refused
without consent, accepted with it) and closes it.
"""

import re

from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.otp import current_code as device_code
from cases.models import Concern, Referral, Status
from cases.tests.factories import make_partner
from clients.models import Consent, Person


def current_code(user) -> str:
    return device_code(TOTPDevice.objects.get(user=user))


def new_id(response) -> int:
    match = re.search(r"/(\d+)/$", response["Location"])
    assert match, response["Location"]
    return int(match[1])


def test_commissioner_walks_a_walk_in_visit_from_login_to_closing(cast):
    jobcenter = make_partner(cast.erz, "Jobcenter Erzgebirgskreis")
    browser = Client(headers={"accept-language": "en"})

    login = browser.post(
        "/accounts/login/",
        {
            "username": "carla",
            "password": "carla-password-123",
            "otp_token": current_code(cast.carla),
        },
    )
    assert login.status_code == 302
    assert browser.get("/desk/").status_code == 200

    created = browser.post(
        "/clients/new/",
        {
            "family_name": "Al-Haddad",
            "given_names": "Mohammed",
            "name_original": "محمد الحداد",
            "birth_date": "1990",
            "birth_date_precision": "year",
            "gender": "male",
            "residence_status": "protection",
            "nationality": "SY",
            "languages": ["ara", "kmr"],
        },
    )
    assert created.status_code == 302, created.content.decode()[:3000]
    person = Person.objects.get(pk=new_id(created))

    visit = browser.post(
        "/concerns/new/",
        {
            "type": "visit",
            "channel": "consultation_hour",
            "subject": "Anmeldung beim Jobcenter nach der Anerkennung",
            "description": "Bescheid des BAMF liegt vor.",
            "persons": [person.pk],
            "status": "in_progress",
            "opened_on": timezone.localdate().isoformat(),
        },
    )
    assert visit.status_code == 302
    concern = Concern.objects.get(pk=new_id(visit))

    referral = {
        "partner": jobcenter.pk,
        "person": person.pk,
        "shares_personal_data": "on",
    }
    refused = browser.post(f"/concerns/{concern.pk}/referrals/new/", referral)
    assert refused.status_code == 200
    assert not Referral.objects.exists()

    consent = browser.post(
        f"/clients/{person.pk}/consents/new/",
        {
            "purpose": "share_with_partner",
            "partner": jobcenter.pk,
            "given_on": timezone.localdate().isoformat(),
            "form": "written",
        },
    )
    assert consent.status_code == 302
    assert Consent.objects.covering_partner(jobcenter).filter(person=person).exists()

    accepted = browser.post(f"/concerns/{concern.pk}/referrals/new/", referral)
    assert accepted.status_code == 302
    assert Referral.objects.get().consent.person == person

    concern.refresh_from_db()
    closed = browser.post(
        f"/concerns/{concern.pk}/close/",
        {"version": concern.version, "outcome": "referred"},
    )
    assert closed.status_code == 302
    concern.refresh_from_db()
    assert concern.status == Status.CLOSED
    assert concern.outcome == "referred"
