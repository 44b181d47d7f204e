from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.models import Partner, PartnerKind

URL = reverse("directory:partner_list")


def names(response) -> list[str]:
    return [p.name for p in response.context["page_obj"]]


def test_list_shows_only_own_office(cast, jobcenter, gr_partner):
    response = cast.client("carla").get(URL)
    assert response.status_code == 200
    assert names(response) == ["Jobcenter Erzgebirgskreis"]
    assert "Jobcenter Görlitz" not in response.content.decode()


def test_list_shows_columns(cast, jobcenter):
    Partner.objects.create(office=cast.erz, kind=PartnerKind.BANK, name="Sparkasse")
    html = cast.client("olga").get(URL).content.decode()
    assert reverse("directory:partner_detail", args=[jobcenter.pk]) in html
    assert "Aue-Bad Schlema" in html
    assert "whole county" in html
    assert 'href="mailto:jobcenter@example.org"' in html
    assert "03733 1234" in html


def test_filter_by_kind(cast, jobcenter):
    Partner.objects.create(office=cast.erz, kind=PartnerKind.BANK, name="Sparkasse")
    response = cast.client("carla").get(URL, {"kind": PartnerKind.BANK})
    assert names(response) == ["Sparkasse"]


def test_filter_by_municipality_includes_whole_county(cast, jobcenter, stollberg):
    Partner.objects.create(office=cast.erz, kind=PartnerKind.BANK, name="Sparkasse")
    local = Partner.objects.create(
        office=cast.erz, kind=PartnerKind.CLUB, name="Sportverein Stollberg"
    )
    local.municipalities.add(stollberg)
    response = cast.client("carla").get(URL, {"municipality": stollberg.pk})
    assert names(response) == ["Sparkasse", "Sportverein Stollberg"]


def test_search_by_name(cast, jobcenter):
    Partner.objects.create(office=cast.erz, kind=PartnerKind.BANK, name="Sparkasse")
    response = cast.client("carla").get(URL, {"q": "spark"})
    assert names(response) == ["Sparkasse"]


def test_inactive_partners_only_on_request(cast, jobcenter):
    Partner.objects.create(
        office=cast.erz, kind=PartnerKind.BANK, name="Alte Bank", active=False
    )
    client = cast.client("carla")
    assert names(client.get(URL)) == ["Jobcenter Erzgebirgskreis"]
    shown = client.get(URL, {"show_inactive": "on"})
    assert names(shown) == ["Alte Bank", "Jobcenter Erzgebirgskreis"]
    assert "inactive" in shown.content.decode()


def test_foreign_municipality_filter_is_an_error_not_a_leak(cast, jobcenter):
    from accounts.models import Municipality

    foreign = Municipality.objects.create(office=cast.gr, name="Zittau")
    response = cast.client("carla").get(URL, {"municipality": foreign.pk})
    assert response.status_code == 200
    assert response.context["filters"].errors["municipality"]
    assert names(response) == ["Jobcenter Erzgebirgskreis"]


def test_list_pages_by_fifty_and_keeps_filters(cast):
    Partner.objects.bulk_create(
        Partner(office=cast.erz, kind=PartnerKind.CLUB, name=f"Verein {i:03}")
        for i in range(55)
    )
    client = cast.client("carla")
    first = client.get(URL, {"kind": PartnerKind.CLUB})
    assert len(first.context["page_obj"]) == 50
    assert "?kind=club&amp;page=2" in first.content.decode()
    second = client.get(URL, {"kind": PartnerKind.CLUB, "page": 2})
    assert names(second) == [f"Verein {i:03}" for i in range(50, 55)]


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_list_queries_do_not_grow_with_rows(cast, aue, stollberg):
    client = cast.client("carla")
    first = Partner.objects.create(office=cast.erz, kind="club", name="Verein 1")
    first.municipalities.add(aue)
    few = count_queries(client)
    for i in range(2, 12):
        partner = Partner.objects.create(office=cast.erz, kind="club", name=f"V {i}")
        partner.municipalities.add(aue, stollberg)
    assert count_queries(client) == few


def test_list_refuses_analyst_and_state_view(cast):
    assert cast.client("anton").get(URL).status_code == 403
    assert cast.client("stella").get(URL).status_code == 403
