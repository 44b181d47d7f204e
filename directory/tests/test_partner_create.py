from django.urls import reverse

from directory.models import Partner, PartnerKind

URL = reverse("directory:partner_create")


def data(**extra) -> dict:
    return {"kind": PartnerKind.WELFARE, "name": "Caritas Annaberg", **extra}


def test_create_stores_partner_with_municipalities(cast, aue, stollberg):
    response = cast.client("olga").post(
        URL, data(municipalities=[aue.pk, stollberg.pk], website="caritas.example")
    )
    partner = Partner.objects.get(name="Caritas Annaberg")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "directory:partner_detail", args=[partner.pk]
    )
    assert partner.office == cast.erz
    assert set(partner.municipalities.all()) == {aue, stollberg}
    assert partner.website == "https://caritas.example"


def test_form_offers_only_own_municipalities(cast, aue):
    from accounts.models import Municipality

    Municipality.objects.create(office=cast.gr, name="Zittau")
    html = cast.client("carla").get(URL).content.decode()
    assert "Aue-Bad Schlema" in html
    assert "Zittau" not in html


def test_foreign_municipality_is_refused(cast):
    from accounts.models import Municipality

    zittau = Municipality.objects.create(office=cast.gr, name="Zittau")
    response = cast.client("carla").post(URL, data(municipalities=[zittau.pk]))
    assert response.status_code == 200
    assert "municipalities" in response.context["form"].errors
    assert not Partner.objects.exists()


def test_duplicate_name_is_a_form_error(cast, jobcenter):
    response = cast.client("carla").post(
        URL, data(name="jobcenter erzgebirgskreis", kind=PartnerKind.JOBCENTER)
    )
    assert response.status_code == 200
    assert "already has a partner with this name" in response.content.decode()
    assert Partner.objects.filter(office=cast.erz).count() == 1


def test_same_name_in_another_office_is_allowed(cast, gr_partner):
    response = cast.client("carla").post(URL, data(name=gr_partner.name))
    assert response.status_code == 302
    assert Partner.objects.filter(name=gr_partner.name).count() == 2


def test_over_long_name_is_a_form_error(cast):
    response = cast.client("carla").post(URL, data(name="x" * 201))
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not Partner.objects.exists()


def test_bad_email_is_a_form_error(cast):
    response = cast.client("carla").post(URL, data(email="not an address"))
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not Partner.objects.exists()


def test_unknown_kind_is_a_form_error(cast):
    response = cast.client("carla").post(URL, data(kind="secret_service"))
    assert response.status_code == 200
    assert response.context["form"].errors["kind"]
    assert not Partner.objects.exists()


def test_control_characters_are_refused(cast):
    response = cast.client("carla").post(URL, data(name="Caritas\u202e"))
    assert response.status_code == 200
    assert not Partner.objects.exists()


def test_writers_may_create(cast):
    for name in ["carla", "dieter", "olga", "ada"]:
        response = cast.client(name).post(URL, data(name=f"Partner of {name}"))
        assert response.status_code == 302, name
    assert Partner.objects.count() == 4


def test_guide_cannot_create_partner(cast):
    client = cast.client("gina")
    assert client.get(URL).status_code == 403
    assert client.post(URL, data()).status_code == 403
    assert not Partner.objects.exists()


def test_analyst_and_state_view_cannot_create_partner(cast):
    for name in ["anton", "stella"]:
        assert cast.client(name).post(URL, data()).status_code == 403
    assert not Partner.objects.exists()
