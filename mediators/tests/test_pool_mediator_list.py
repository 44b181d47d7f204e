"""The pool's list: the office's mediators, filters, status badges, roles."""

import datetime

import time_machine
from django.urls import reverse

from accounts.models import Municipality

from .factories import make_mediator, make_scheme

URL = reverse("mediators:mediator_list")
TODAY = datetime.date(2026, 3, 10)


def names(response) -> list[str]:
    return [str(mediator) for mediator, _issues in response.context["rows"]]


def test_list_shows_only_own_office(cast):
    make_mediator(cast.erz, "Farid", "Ahmadi")
    make_mediator(cast.gr, "Olena", "Koval", languages=(("ukr", "", 4),))
    response = cast.client("olga").get(URL)
    assert response.status_code == 200
    assert names(response) == ["Farid Ahmadi"]
    assert "Koval" not in response.content.decode()


def test_list_shows_languages_qualification_modes_and_area(cast):
    aue = Municipality.objects.create(office=cast.erz, name="Aue-Bad Schlema")
    farid = make_mediator(
        cast.erz,
        languages=(("prs", "", 4), ("fas", "Tehrani", 3)),
        municipalities=(aue,),
        by_phone=True,
    )
    make_mediator(cast.erz, "Amal", "Haddad", languages=(("apc", "", 4),))
    html = cast.client("carla").get(URL).content.decode()
    assert reverse("mediators:mediator_detail", args=[farid.pk]) in html
    assert "Dari: Native speaker" in html
    assert "Persian – Tehrani: Fluent (C1–C2)" in html
    assert "Trained language and integration mediator" in html
    assert "On site, By phone" in html
    assert "Aue-Bad Schlema" in html
    assert "whole county" in html


def test_filter_by_language_offers_only_languages_of_the_pool(cast):
    make_mediator(cast.erz, "Farid", "Ahmadi")
    make_mediator(cast.erz, "Olena", "Koval", languages=(("ukr", "", 4),))
    make_mediator(cast.gr, "Tigist", "Bekele", languages=(("tir", "", 4),))
    client = cast.client("carla")
    response = client.get(URL, {"language": "ukr"})
    assert names(response) == ["Olena Koval"]
    offered = dict(response.context["filters"].fields["language"].choices)
    assert set(offered) == {"", "prs", "ukr"}


def test_unknown_language_is_a_filter_error_not_a_crash(cast):
    make_mediator(cast.erz)
    response = cast.client("carla").get(URL, {"language": "tir"})
    assert response.status_code == 200
    assert response.context["filters"].errors["language"]
    assert names(response) == ["Farid Ahmadi"]


def test_filter_by_qualification(cast):
    make_mediator(cast.erz, "Farid", "Ahmadi")
    make_mediator(cast.erz, "Olena", "Koval", qualification="certified")
    response = cast.client("carla").get(URL, {"qualification": "certified"})
    assert names(response) == ["Olena Koval"]


def test_inactive_mediators_only_on_request(cast):
    make_mediator(cast.erz, "Farid", "Ahmadi")
    make_mediator(cast.erz, "Olena", "Koval", active=False)
    client = cast.client("carla")
    assert names(client.get(URL)) == ["Farid Ahmadi"]
    shown = client.get(URL, {"show_inactive": "on"})
    assert names(shown) == ["Farid Ahmadi", "Olena Koval"]
    assert "inactive" in shown.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_badges_for_stale_data_and_expiring_documents(cast):
    make_mediator(cast.erz, "Farid", "Ahmadi")
    make_mediator(cast.erz, "Olena", "Koval", confirmed_on=datetime.date(2025, 3, 1))
    make_mediator(
        cast.erz, "Amal", "Haddad", conduct_valid_until=datetime.date(2026, 4, 30)
    )
    html = cast.client("olga").get(URL).content.decode()
    assert "Data not confirmed for a year" in html
    assert "Certificate of good conduct expires on 04/30/2026" in html


@time_machine.travel(TODAY, tick=False)
def test_only_stale_or_expiring(cast):
    make_mediator(cast.erz, "Farid", "Ahmadi")
    make_mediator(cast.erz, "Olena", "Koval", confirmed_on=datetime.date(2025, 3, 1))
    make_mediator(
        cast.erz, "Amal", "Haddad", pledge_valid_until=datetime.date(2026, 2, 1)
    )
    response = cast.client("olga").get(URL, {"needs_upkeep": "on"})
    assert names(response) == ["Amal Haddad", "Olena Koval"]


@time_machine.travel(TODAY, tick=False)
def test_guide_reads_the_list_without_upkeep_badges_or_edit_links(cast):
    make_mediator(cast.erz, confirmed_on=datetime.date(2024, 1, 1))
    response = cast.client("gina").get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert names(response) == ["Farid Ahmadi"]
    assert "Data not confirmed for a year" not in html
    assert "needs_upkeep" not in html
    assert reverse("mediators:mediator_create") not in html


def test_list_pages_by_fifty(cast):
    scheme = make_scheme(cast.erz)
    for i in range(55):
        make_mediator(cast.erz, f"Name{i:02}", f"Mediator{i:02}", scheme=scheme)
    client = cast.client("carla")
    first = client.get(URL, {"qualification": "trained"})
    assert len(first.context["rows"]) == 50
    assert "?qualification=trained&amp;page=2" in first.content.decode()
    second = client.get(URL, {"qualification": "trained", "page": 2})
    assert len(second.context["rows"]) == 5


def test_analyst_and_state_view_cannot_see_the_pool(cast):
    assert cast.client("anton").get(URL).status_code == 403
    assert cast.client("stella").get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def count_queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_list_queries_do_not_grow_with_rows(cast):
    aue = Municipality.objects.create(office=cast.erz, name="Aue-Bad Schlema")
    scheme = make_scheme(cast.erz)
    make_mediator(cast.erz, "First", "One", scheme=scheme, municipalities=(aue,))
    client = cast.client("carla")
    few = count_queries(client)
    for i in range(10):
        make_mediator(
            cast.erz,
            f"N{i}",
            f"M{i}",
            scheme=scheme,
            municipalities=(aue,),
            languages=(("prs", "", 4), ("ukr", "", 2)),
        )
    assert count_queries(client) == few


@time_machine.travel(TODAY, tick=False)
def test_language_and_upkeep_filters_combine(cast):
    scheme = make_scheme(cast.erz)
    stale = datetime.date(2025, 1, 1)
    make_mediator(cast.erz, "Farid", "Ahmadi", scheme=scheme, confirmed_on=stale)
    make_mediator(cast.erz, "Nadia", "Rahimi", scheme=scheme)
    make_mediator(
        cast.erz,
        "Olena",
        "Koval",
        scheme=scheme,
        languages=(("ukr", "", 4), ("rus", "", 3)),
        confirmed_on=stale,
    )
    response = cast.client("olga").get(URL, {"language": "prs", "needs_upkeep": "on"})
    assert names(response) == ["Farid Ahmadi"]
