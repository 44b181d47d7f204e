from cases.models import Referral, Status

from .factories import give_sharing_consent, make_concern, make_partner, make_person


def test_referral_with_personal_data_is_refused_without_consent(cast):
    person = make_person(cast.erz)
    concern = make_concern(cast.erz, cast.carla, person)
    jobcenter = make_partner(cast.erz)
    response = cast.client("carla").post(
        f"/concerns/{concern.pk}/referrals/new/",
        {"partner": jobcenter.pk, "person": person.pk, "shares_personal_data": "on"},
    )
    assert response.status_code == 200
    assert "has not consented to sharing personal data" in response.content.decode()
    assert not Referral.objects.exists()


def test_referral_is_accepted_with_consent_and_remembers_it(cast):
    person = make_person(cast.erz)
    concern = make_concern(cast.erz, cast.carla, person)
    jobcenter = make_partner(cast.erz)
    consent = give_sharing_consent(person, jobcenter, cast.carla)
    response = cast.client("carla").post(
        f"/concerns/{concern.pk}/referrals/new/",
        {"partner": jobcenter.pk, "person": person.pk, "shares_personal_data": "on"},
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.consent == consent
    concern.refresh_from_db()
    assert concern.status == Status.WAITING


def test_consent_for_another_partner_does_not_count(cast):
    person = make_person(cast.erz)
    concern = make_concern(cast.erz, cast.carla, person)
    jobcenter = make_partner(cast.erz)
    give_sharing_consent(person, make_partner(cast.erz, "Ausländerbehörde"), cast.carla)
    cast.client("carla").post(
        f"/concerns/{concern.pk}/referrals/new/",
        {"partner": jobcenter.pk, "person": person.pk, "shares_personal_data": "on"},
    )
    assert not Referral.objects.exists()


def test_withdrawn_consent_does_not_count(cast):
    from django.utils import timezone

    person = make_person(cast.erz)
    concern = make_concern(cast.erz, cast.carla, person)
    jobcenter = make_partner(cast.erz)
    consent = give_sharing_consent(person, jobcenter, cast.carla)
    consent.withdrawn_at = timezone.now()
    consent.save()
    cast.client("carla").post(
        f"/concerns/{concern.pk}/referrals/new/",
        {"partner": jobcenter.pk, "person": person.pk, "shares_personal_data": "on"},
    )
    assert not Referral.objects.exists()


def test_referral_without_personal_data_needs_no_consent(cast):
    concern = make_concern(cast.erz, cast.carla, make_person(cast.erz))
    jobcenter = make_partner(cast.erz)
    response = cast.client("carla").post(
        f"/concerns/{concern.pk}/referrals/new/",
        {"partner": jobcenter.pk, "reason": "Frage"},
    )
    assert response.status_code == 302
    assert Referral.objects.get().shares_personal_data is False


def test_partner_of_another_office_cannot_be_chosen(cast):
    person = make_person(cast.erz)
    concern = make_concern(cast.erz, cast.carla, person)
    foreign = make_partner(cast.gr, "Jobcenter Görlitz")
    response = cast.client("carla").post(
        f"/concerns/{concern.pk}/referrals/new/", {"partner": foreign.pk}
    )
    assert response.status_code == 200
    assert not Referral.objects.exists()


def test_result_of_referral_is_recorded_and_concern_no_longer_waits(cast):
    person = make_person(cast.erz)
    concern = make_concern(cast.erz, cast.carla, person)
    jobcenter = make_partner(cast.erz)
    give_sharing_consent(person, jobcenter, cast.carla)
    client = cast.client("carla")
    client.post(
        f"/concerns/{concern.pk}/referrals/new/",
        {"partner": jobcenter.pk, "person": person.pk, "shares_personal_data": "on"},
    )
    referral = Referral.objects.get()
    missing_result = client.post(f"/referrals/{referral.pk}/", {"status": "done"})
    assert missing_result.status_code == 200
    response = client.post(
        f"/referrals/{referral.pk}/", {"status": "done", "result": "Angemeldet am 3.5."}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    concern.refresh_from_db()
    assert referral.status == "done"
    assert concern.status == Status.IN_PROGRESS
