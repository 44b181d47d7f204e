"""The button "Data confirmed today": a POST that dates the confirmation."""

import datetime

import time_machine
from django.urls import reverse

from .factories import make_mediator

TODAY = datetime.date(2026, 3, 10)


def url(mediator) -> str:
    return reverse("mediators:mediator_confirm", args=[mediator.pk])


@time_machine.travel(TODAY, tick=False)
def test_confirm_sets_today_and_returns_to_the_mediator(cast):
    farid = make_mediator(cast.erz, confirmed_on=datetime.date(2024, 5, 1))
    response = cast.client("olga").post(url(farid), follow=True)
    farid.refresh_from_db()
    assert farid.confirmed_on == TODAY
    assert response.redirect_chain == [
        (reverse("mediators:mediator_detail", args=[farid.pk]), 302)
    ]
    html = response.content.decode()
    assert "The data of Farid Ahmadi are confirmed as of today." in html
    assert "Data not confirmed for a year" not in html
    assert farid.history.first().history_user == cast.olga


@time_machine.travel(TODAY, tick=False)
def test_confirm_from_the_upkeep_page_goes_back_there(cast):
    farid = make_mediator(cast.erz, confirmed_on=None)
    upkeep = reverse("mediators:upkeep")
    response = cast.client("olga").post(url(farid), {"next": upkeep})
    assert response["Location"] == upkeep


def test_confirm_never_redirects_off_site(cast):
    farid = make_mediator(cast.erz)
    response = cast.client("olga").post(url(farid), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("mediators:mediator_detail", args=[farid.pk])


def test_confirm_needs_post(cast):
    farid = make_mediator(cast.erz, confirmed_on=None)
    assert cast.client("olga").get(url(farid)).status_code == 405
    farid.refresh_from_db()
    assert farid.confirmed_on is None


def test_guide_cannot_confirm(cast):
    farid = make_mediator(cast.erz, confirmed_on=None)
    assert cast.client("gina").post(url(farid)).status_code == 403
    farid.refresh_from_db()
    assert farid.confirmed_on is None


def test_another_offices_mediator_is_404(cast):
    foreign = make_mediator(cast.gr, "Olena", "Koval", confirmed_on=None)
    assert cast.client("carla").post(url(foreign)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.confirmed_on is None
