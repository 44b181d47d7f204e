import pytest

from clients.models import Consent


@pytest.fixture
def consent(cast, ahmad) -> Consent:
    return Consent.objects.create(
        person=ahmad, purpose="contact_email", form="oral", recorded_by=cast.gina
    )


def url(consent: Consent) -> str:
    return f"/clients/consents/{consent.pk}/withdraw/"


def test_withdraw_sets_withdrawn_at_and_ends_the_consent(cast, ahmad, consent):
    assert Consent.objects.active().filter(pk=consent.pk).exists()
    response = cast.client("gina").post(url(consent))
    assert response.status_code == 302
    assert response["Location"] == f"/clients/{ahmad.pk}/"
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert not consent.is_active
    assert not Consent.objects.active().filter(pk=consent.pk).exists()


def test_withdrawing_twice_keeps_the_first_time(cast, consent):
    client = cast.client("gina")
    client.post(url(consent))
    consent.refresh_from_db()
    first = consent.withdrawn_at
    client.post(url(consent))
    consent.refresh_from_db()
    assert consent.withdrawn_at == first


def test_withdraw_by_get_is_not_allowed(cast, consent):
    assert cast.client("gina").get(url(consent)).status_code == 405
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_withdraw_is_refused_outside_the_persons_circle(cast, consent):
    assert cast.client("gustav").post(url(consent)).status_code == 403
    assert cast.client("otto").post(url(consent)).status_code == 404
    assert cast.client("anton").post(url(consent)).status_code == 403
    consent.refresh_from_db()
    assert consent.withdrawn_at is None
