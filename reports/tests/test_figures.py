"""GET /statistics/: the figures beyond the concerns' own fields, hand-counted.

Erzgebirgskreis, 20 concerns opened on 3 March 2025:
  6 answered and closed the same day (resolved), site Stollberg
  5 answered after 2 days, closed after 7 (advice given), site Stollberg
  7 answered after 17 days, still in progress, no site
  2 not answered yet, new, site Aue
Persons on the first 6: all Syrian and speaking Arabic; 2 also German
  nationals, 5 also speaking German; 6 living in Stollberg.
Portal: 5 of the "answered after 17 days" came through the portal, 3 of
  them answered publicly.
Guide service: 7 persons in care during 2025 (6 recognised refugees, 1
  tolerated) with guide Gina (30 h a week = 0.75 FTE); one care ended 2024.
Mediators: 5 Dari assignments of 60 min done (15 EUR an hour), 2 Arabic.
Hours budget: 24 h a month for Carla; 90 minutes used in March 2025.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import Municipality, Site
from cases.models import Activity, Concern
from clients.models import Nationality, PersonLanguage
from guidance.tests.factories import make_care
from mediators.models import AssignmentStatus
from mediators.tests.factories import (
    make_assignment,
    make_mediator,
    make_request,
    make_scheme,
)
from portal.models import Submission
from schedule.models import HoursBudget

from .helpers import add_concerns, add_persons, get_english, tables

URL = "/statistics/?start=2025-01-01&end=2025-12-31"
MARCH_3 = datetime.date(2025, 3, 3)


def days_after(days: int) -> datetime.date:
    return MARCH_3 + datetime.timedelta(days=days)


def closed_after(days: int) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(days_after(days), datetime.time(11))
    )


@pytest.fixture
def timed(cast):
    erz, carla = cast.erz, cast.carla
    stollberg = Site.objects.create(office=erz, name="Stollberg")
    aue = Site.objects.create(office=erz, name="Aue")
    same_day = add_concerns(
        erz,
        carla,
        6,
        MARCH_3,
        status="closed",
        outcome="resolved",
        site=stollberg,
        first_response_on=MARCH_3,
        closed_at=closed_after(0),
    )
    add_concerns(
        erz,
        carla,
        5,
        MARCH_3,
        status="closed",
        outcome="advised",
        site=stollberg,
        first_response_on=days_after(2),
        closed_at=closed_after(7),
    )
    slow = add_concerns(
        erz,
        carla,
        7,
        MARCH_3,
        status="in_progress",
        first_response_on=days_after(17),
        channel="portal",
        type="request",
    )
    add_concerns(erz, carla, 2, MARCH_3, site=aue)

    town = Municipality.objects.create(office=erz, name="Stollberg/Erzgeb.")
    persons = add_persons(erz, "Quellenhof", 6, "protection")
    for number, (concern, person) in enumerate(zip(same_day, persons, strict=True)):
        concern.persons.add(person)
        person.municipality = town
        person.save()
        Nationality.objects.create(person=person, country="SY")
        PersonLanguage.objects.create(person=person, code="ara")
        if number < 2:
            Nationality.objects.create(person=person, country="DE")
        if number < 5:
            PersonLanguage.objects.create(person=person, code="deu")

    for number, concern in enumerate(slow[:5]):
        Submission.objects.create(
            concern=concern,
            kind="request",
            portal_language="ar",
            consent_at=timezone.now(),
            code_digest=f"digest-{number}",
            form_token=f"token-{number}",
            answered_at=timezone.now() if number < 3 else None,
        )

    gina = cast.gina
    gina.weekly_hours = Decimal(30)
    gina.save()
    cared = add_persons(erz, "Sonnenweg", 6, "protection") + add_persons(
        erz, "Sonnenweg", 1, "tolerated"
    )
    for person in cared:
        make_care(erz, person, gina, carla, started_on=datetime.date(2025, 2, 1))
    ended = add_persons(erz, "Sonnenweg", 1, "protection")[0]
    make_care(
        erz,
        ended,
        gina,
        carla,
        started_on=datetime.date(2024, 2, 1),
        ended_on=datetime.date(2024, 12, 1),
        end_reason="moved",
    )

    scheme = make_scheme(erz, valid_from=datetime.date(2020, 1, 1))
    farid = make_mediator(erz, scheme=scheme)
    for day in range(7):
        language = "prs" if day < 5 else "ara"
        starts = timezone.make_aware(datetime.datetime(2025, 4, 7 + day, 10))
        request = make_request(erz, carla, starts, language=language)
        make_assignment(
            request,
            farid,
            status=AssignmentStatus.DONE,
            worked_minutes=60,
            travel_minutes=0,
        )

    budget = HoursBudget.objects.create(
        office=erz,
        name="Ehrenamt",
        hours_per_month=24,
        valid_from=datetime.date(2025, 1, 1),
    )
    budget.members.add(carla)
    Activity.objects.create(
        concern=same_day[0],
        kind="visit",
        minutes=90,
        staff=carla,
        occurred_at=closed_after(0),
    )
    return cast


@pytest.fixture
def page(timed):
    response = get_english(timed.client("anton"), URL)
    assert response.status_code == 200
    return tables(response.content.decode())


def test_days_to_the_first_response(page):
    assert page["Time from opening to the first response"] == [
        ["First response", "Concerns"],
        ["The same day", "6"],
        # 5 would give the 2 unanswered away: 20 - 6 - 7.
        ["1 to 2 days", "hidden"],
        ["8 to 30 days", "7"],
        ["No response recorded yet", "< 5"],
        ["Total", "20"],
    ]


def test_days_to_closing(page):
    assert page["Time from opening to closing"] == [
        ["Closed after", "Concerns"],
        ["The same day", "6"],
        ["3 to 7 days", "5"],
        ["Still open", "9"],
        ["Total", "20"],
    ]


def test_outcomes_of_the_closed_concerns(page):
    assert page["Closed concerns by outcome"] == [
        ["Outcome", "Concerns"],
        ["Resolved", "6"],
        ["Advice given", "5"],
        ["Total", "11"],
    ]


def test_sites_with_a_row_for_concerns_without_one(page):
    assert page["Concerns by site"] == [
        ["Site", "Concerns"],
        ["Aue", "< 5"],
        ["Stollberg", "11"],
        ["No site", "hidden"],
        ["Total", "20"],
    ]


def test_nationalities_and_languages_count_each_person_once_per_row(page):
    assert page["Persons concerned by nationality"] == [
        ["Nationality", "Persons"],
        ["Germany", "< 5"],
        ["Syrian Arab Republic", "6"],
    ]
    assert page["Persons concerned by language"] == [
        ["Language", "Persons"],
        ["Arabic", "6"],
        ["German", "5"],
    ]
    assert page["Persons concerned by municipality"] == [
        ["Municipality", "Persons"],
        ["Stollberg/Erzgeb.", "6"],
    ]


def test_portal_submissions_and_their_answers(page):
    assert page["Portal submissions by kind"] == [
        ["Kind", "Submissions"],
        ["Request for help", "5"],
        ["Total", "5"],
    ]
    assert page["Portal submissions with a public answer"] == [
        ["Public answer", "Submissions"],
        ["Answered", "< 5"],
        ["Not answered yet", "< 5"],
        ["Total", "5"],
    ]


def test_guide_service_persons_staff_and_ratio(page):
    assert page["Persons in the guide service by residence status"] == [
        ["Residence status", "Persons"],
        # The total would give the one away: the 6 goes too. The care
        # that ended in 2024 does not count.
        ["Tolerated (Duldung)", "< 5"],
        ["Recognised refugee or subsidiary protection (§ 25)", "hidden"],
        ["Total", "7"],
    ]


def test_guide_staffing(page):
    assert page["Integration guides and their clients"] == [
        ["Figure", "Count"],
        ["Integration guides with clients", "1"],
        ["Full-time equivalents", "0.8"],
        ["Persons in the guide service", "7"],
        ["Persons per full-time equivalent", "9.3"],
    ]


def test_mediators_by_language_hide_hours_and_cost_with_the_count(page):
    assert page["Language mediators by language"] == [
        ["Language", "Assignments", "Hours", "Cost"],
        ["Arabic", "< 5", "–", "–"],
        ["Dari", "hidden", "–", "–"],
        ["Total", "7", "7.0", "105.00 €"],
    ]


def test_hours_budget_per_month(page):
    budget = page["Consultation hours: budget, planned and used hours per month"]
    assert budget[0] == ["Month", "Budget", "Planned", "Used"]
    assert budget[3] == ["March 2025", "24.0", "0.0", "1.5"]
    assert len(budget) == 13


def test_key_figures_include_the_new_totals(page):
    figures = page["Key figures"]
    assert ["Concerns opened", "20"] in figures
    assert ["Concerns closed", "11"] in figures
    assert ["Portal submissions", "5"] in figures
    assert ["Persons in the guide service", "7"] in figures


def test_a_site_filter_counts_only_its_concerns(timed):
    site = Site.objects.get(name="Stollberg")
    response = get_english(timed.client("anton"), f"{URL}&site={site.pk}")
    found = tables(response.content.decode())
    assert found["Key figures"][1] == ["Concerns opened", "11"]
    # The guide service does not belong to a site: left out, and said so.
    assert "Persons in the guide service by residence status" not in found
    assert "are shown without a filter" in response.content.decode()


def test_a_staff_filter_counts_the_concerns_assigned_to_them(timed):
    Concern.objects.filter(outcome="resolved").update(assigned_to=timed.dieter)
    url = f"{URL}&staff={timed.dieter.pk}"
    found = tables(get_english(timed.client("anton"), url).content.decode())
    assert found["Concerns by type"][-1] == ["Total", "6"]


def test_a_site_of_another_office_is_refused(timed):
    other = Site.objects.create(office=timed.gr, name="Görlitz")
    response = get_english(timed.client("anton"), f"{URL}&site={other.pk}")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert tables(response.content.decode()) == {}


def test_comparison_with_the_year_before(timed):
    add_concerns(timed.erz, timed.carla, 8, datetime.date(2024, 6, 1))
    response = get_english(timed.client("anton"), URL + "&compare=on")
    found = tables(response.content.decode())
    assert found["Concerns by type"] == [
        ["Type", "2025", "2024"],
        ["Walk-in visit", "13", "8"],
        ["Request", "7", "< 5"],
        ["Total", "20", "8"],
    ]


def test_accommodations_flow_into_the_statistics(cast):
    from housing.models import Occupancy, Staffing
    from housing.tests.inspection_world import make_accommodation

    place = make_accommodation(cast.erz, "GU Niesky")
    Occupancy.objects.create(
        accommodation=place, on=MARCH_3, residents=95, recorded_by=cast.carla
    )
    Staffing.objects.create(
        accommodation=place, on=MARCH_3, fte=Decimal("1.0"), recorded_by=cast.carla
    )
    add_concerns(cast.erz, cast.carla, 6, MARCH_3, accommodation=place)
    found = tables(get_english(cast.client("anton"), URL).content.decode())
    assert found["Concerns about an accommodation"] == [
        ["Accommodation", "Concerns"],
        ["GU Niesky", "6"],
    ]
    figures = dict(row for row in found["Accommodations"][1:])
    assert figures["Accommodations in use"] == "1"
    assert figures["Places"] == "100"
    assert figures["Residents"] == "95"
    assert figures["Above the care ratio limit or without staff"] == "1"
