"""A mediator's page: contact, languages, times, documents, history, roles."""

import datetime

import time_machine
from django.urls import reverse
from django.utils import timezone

from mediators.models import AssignmentStatus

from .factories import available, make_assignment, make_mediator, make_request

TODAY = datetime.date(2026, 3, 10)
NOON = datetime.time(12)


def url(mediator) -> str:
    return reverse("mediators:mediator_detail", args=[mediator.pk])


@time_machine.travel(TODAY, tick=False)
def test_detail_shows_contact_languages_and_weekly_times(cast):
    farid = make_mediator(
        cast.erz,
        languages=(("prs", "", 4), ("fas", "Tehrani", 3)),
        phone="0172 555 0101",
        by_video=True,
    )
    available(farid, 0, "08:00", "12:00")
    available(farid, 3, "14:00", "18:30")
    html = cast.client("olga").get(url(farid)).content.decode()
    for part in (
        "0172 555 0101",
        'href="mailto:farid@example.org"',
        "Dari: Native speaker",
        "Persian – Tehrani: Fluent (C1–C2)",
        "On site, By video",
        "whole county",
        "Monday",
        "08:00–12:00",
        "Thursday",
        "14:00–18:30",
    ):
        assert part in html


@time_machine.travel(TODAY, tick=False)
def test_pool_staff_see_documents_rate_scheme_warnings_and_history(cast):
    farid = make_mediator(
        cast.erz,
        conduct_valid_until=datetime.date(2026, 3, 1),
        confirmed_on=datetime.date(2025, 1, 15),
    )
    farid.note = "Bevorzugt Termine vormittags"
    farid.save()
    response = cast.client("carla").get(url(farid))
    html = response.content.decode()
    assert "Certificate of good conduct expired on 03/01/2026" in html
    assert "Data not confirmed for a year" in html
    assert "01/15/2025" in html
    assert reverse("mediators:rate_detail", args=[farid.rate_scheme_id]) in html
    assert reverse("mediators:mediator_confirm", args=[farid.pk]) in html
    assert "Bevorzugt Termine vormittags" in html
    assert response.context["changes"], "the note's change is in the history"
    assert response.context["changes"][0].changes[0].new == (
        "Bevorzugt Termine vormittags"
    )


@time_machine.travel(TODAY, tick=False)
def test_guide_reads_the_detail_without_documents_rates_or_history(cast):
    farid = make_mediator(cast.erz, conduct_valid_until=datetime.date(2026, 3, 1))
    response = cast.client("gina").get(url(farid))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dari" in html
    assert "Certificate of good conduct" not in html
    assert "Rate scheme" not in html
    assert reverse("mediators:mediator_confirm", args=[farid.pk]) not in html
    assert reverse("mediators:mediator_edit", args=[farid.pk]) not in html
    assert response.context["changes"] == []


@time_machine.travel("2026-03-10 12:00 +01:00", tick=False)
def test_counts_assignments_and_those_done_this_year(cast):
    farid = make_mediator(cast.erz)
    for day, status in [
        (datetime.date(2025, 12, 30), AssignmentStatus.DONE),
        (datetime.date(2026, 3, 9), AssignmentStatus.DONE),
        (datetime.date(2026, 3, 8), AssignmentStatus.DECLINED),
    ]:
        starts_at = timezone.make_aware(datetime.datetime.combine(day, NOON))
        make_assignment(
            make_request(cast.erz, cast.gina, starts_at), farid, status=status
        )
    response = cast.client("carla").get(url(farid))
    assert response.context["assignment_count"] == 3
    assert response.context["done_this_year"] == 1
    assert "3 in all, 1 done this year" in response.content.decode()


def test_another_offices_mediator_is_404(cast):
    foreign = make_mediator(cast.gr, "Olena", "Koval")
    assert cast.client("carla").get(url(foreign)).status_code == 404
    assert cast.client("gina").get(url(foreign)).status_code == 404


def test_analyst_cannot_see_a_mediator(cast):
    farid = make_mediator(cast.erz)
    assert cast.client("anton").get(url(farid)).status_code == 403
    assert cast.client("stella").get(url(farid)).status_code == 403
