from django.urls import reverse

from directory.models import Partner, PartnerContact


def url(partner: Partner) -> str:
    return reverse("directory:partner_detail", args=[partner.pk])


def test_detail_shows_fields_contacts_and_referrals(cast, jobcenter, contact):
    response = cast.client("carla").get(url(jobcenter))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Jobcenter Erzgebirgskreis" in html
    assert "Aue-Bad Schlema" in html
    assert "Petra Pfeiffer" in html
    assert "Team lead" in html
    assert response.context["referral_count"] == 0
    assert reverse("directory:contact_edit", args=[contact.pk]) in html


def test_detail_says_whole_county_without_municipalities(cast, jobcenter):
    jobcenter.municipalities.clear()
    html = cast.client("carla").get(url(jobcenter)).content.decode()
    assert "whole county" in html


def test_notes_are_shown_escaped(cast, jobcenter):
    jobcenter.notes = '<script>alert("x")</script>'
    jobcenter.save()
    html = cast.client("carla").get(url(jobcenter)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_guide_reads_but_gets_no_edit_links(cast, jobcenter, contact):
    response = cast.client("gina").get(url(jobcenter))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Petra Pfeiffer" in html
    assert reverse("directory:partner_edit", args=[jobcenter.pk]) not in html
    assert reverse("directory:contact_delete", args=[contact.pk]) not in html


def test_analyst_cannot_open_partner(cast, jobcenter):
    assert cast.client("anton").get(url(jobcenter)).status_code == 403


def test_other_office_gets_404(cast, jobcenter):
    assert cast.client("otto").get(url(jobcenter)).status_code == 404


def test_unknown_partner_is_404(cast):
    missing = reverse("directory:partner_detail", args=[999999])
    assert cast.client("carla").get(missing).status_code == 404


def test_contacts_of_other_partners_are_not_shown(cast, jobcenter, gr_partner):
    PartnerContact.objects.create(partner=gr_partner, name="Fremde Person")
    html = cast.client("carla").get(url(jobcenter)).content.decode()
    assert "Fremde Person" not in html
