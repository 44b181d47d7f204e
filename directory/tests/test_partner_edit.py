from django.urls import reverse

from directory.models import Partner, PartnerKind


def url(partner: Partner) -> str:
    return reverse("directory:partner_edit", args=[partner.pk])


def data(**extra) -> dict:
    return {"kind": PartnerKind.JOBCENTER, "name": "Jobcenter Erzgebirgskreis", **extra}


def test_edit_changes_fields_and_municipalities(cast, jobcenter, stollberg):
    response = cast.client("dieter").post(
        url(jobcenter), data(phone="03733 9999", municipalities=[stollberg.pk])
    )
    assert response.status_code == 302
    jobcenter.refresh_from_db()
    assert jobcenter.phone == "03733 9999"
    assert list(jobcenter.municipalities.all()) == [stollberg]


def test_edit_keeps_own_name_without_duplicate_error(cast, jobcenter):
    response = cast.client("carla").post(url(jobcenter), data(active=""))
    assert response.status_code == 302
    jobcenter.refresh_from_db()
    assert not jobcenter.active


def test_edit_to_another_partners_name_is_a_form_error(cast, jobcenter):
    other = Partner.objects.create(office=cast.erz, kind="bank", name="Sparkasse")
    response = cast.client("carla").post(url(other), data(name=jobcenter.name))
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    other.refresh_from_db()
    assert other.name == "Sparkasse"


def test_guide_cannot_edit_partner(cast, jobcenter):
    response = cast.client("gina").post(url(jobcenter), data(phone="0"))
    assert response.status_code == 403
    jobcenter.refresh_from_db()
    assert jobcenter.phone == "03733 1234"


def test_other_office_cannot_edit_partner(cast, jobcenter):
    assert cast.client("otto").get(url(jobcenter)).status_code == 404
    assert cast.client("otto").post(url(jobcenter), data(phone="0")).status_code == 404
    jobcenter.refresh_from_db()
    assert jobcenter.phone == "03733 1234"
