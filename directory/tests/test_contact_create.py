from django.urls import reverse

from directory.models import Partner, PartnerContact


def url(partner: Partner) -> str:
    return reverse("directory:contact_create", args=[partner.pk])


def test_create_contact(cast, jobcenter):
    response = cast.client("olga").post(
        url(jobcenter), {"name": "Max Muster", "email": "max@example.org"}
    )
    assert response.status_code == 302
    contact = PartnerContact.objects.get()
    assert contact.partner == jobcenter
    assert contact.email == "max@example.org"


def test_bad_email_is_a_form_error(cast, jobcenter):
    response = cast.client("olga").post(
        url(jobcenter), {"name": "Max Muster", "email": "max at example"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not PartnerContact.objects.exists()


def test_missing_name_is_a_form_error(cast, jobcenter):
    response = cast.client("olga").post(url(jobcenter), {"name": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not PartnerContact.objects.exists()


def test_guide_cannot_add_contact(cast, jobcenter):
    response = cast.client("gina").post(url(jobcenter), {"name": "Max Muster"})
    assert response.status_code == 403
    assert not PartnerContact.objects.exists()


def test_other_office_cannot_add_contact(cast, jobcenter):
    response = cast.client("otto").post(url(jobcenter), {"name": "Max Muster"})
    assert response.status_code == 404
    assert not PartnerContact.objects.exists()
