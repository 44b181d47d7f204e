from django.urls import reverse

from directory.models import PartnerContact


def url(contact: PartnerContact) -> str:
    return reverse("directory:contact_edit", args=[contact.pk])


def test_edit_contact(cast, contact):
    response = cast.client("ada").post(
        url(contact), {"name": "Petra Pfeiffer", "role": "Head", "phone": "123"}
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.role, contact.phone) == ("Head", "123")


def test_bad_email_is_a_form_error(cast, contact):
    response = cast.client("ada").post(
        url(contact), {"name": "Petra Pfeiffer", "email": "@@"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    contact.refresh_from_db()
    assert contact.email == ""


def test_guide_cannot_edit_contact(cast, contact):
    assert cast.client("gina").get(url(contact)).status_code == 403


def test_other_office_cannot_edit_contact(cast, contact):
    response = cast.client("otto").post(url(contact), {"name": "Gekapert"})
    assert response.status_code == 404
    contact.refresh_from_db()
    assert contact.name == "Petra Pfeiffer"
