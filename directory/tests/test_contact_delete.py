from django.urls import reverse

from directory.models import PartnerContact


def url(contact: PartnerContact) -> str:
    return reverse("directory:contact_delete", args=[contact.pk])


def test_get_only_asks_for_confirmation(cast, contact):
    response = cast.client("carla").get(url(contact))
    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert PartnerContact.objects.filter(pk=contact.pk).exists()


def test_post_deletes_contact(cast, contact):
    response = cast.client("carla").post(url(contact))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "directory:partner_detail", args=[contact.partner_id]
    )
    assert not PartnerContact.objects.filter(pk=contact.pk).exists()


def test_guide_cannot_delete_contact(cast, contact):
    assert cast.client("gina").post(url(contact)).status_code == 403
    assert PartnerContact.objects.filter(pk=contact.pk).exists()


def test_other_office_cannot_delete_contact(cast, contact):
    assert cast.client("otto").post(url(contact)).status_code == 404
    assert PartnerContact.objects.filter(pk=contact.pk).exists()
