"""Demand and coverage: requests per language and place, and the gaps."""

import datetime
import re

import pytest
import time_machine
from django.utils import translation

from accounts.models import Municipality
from mediators.demand import default_period, demand
from mediators.models import RequestStatus

from .factories import make_mediator, make_request, make_scheme

NOW = "2026-06-10 09:00 +02:00"
CEST = datetime.timezone(datetime.timedelta(hours=2))


def on(month: int, day: int, year: int = 2026) -> datetime.datetime:
    return datetime.datetime(year, month, day, 10, tzinfo=CEST)


@pytest.fixture
def world(cast):
    """Requests from July 2025 to June 2026 and the pool that meets them.

    Farid (Dari) goes to Aue; Leyla (Turkish, Arabic) to the whole county;
    Olena (Ukrainian) only by phone; Karim (Arabic) is inactive; Jan of
    the other office covers everything there, nothing here.
    """
    aue, stollberg, zwoenitz = (
        Municipality.objects.create(office=cast.erz, name=name)
        for name in ("Aue", "Stollberg", "Zwönitz")
    )
    scheme = make_scheme(cast.erz)
    make_mediator(cast.erz, scheme=scheme, municipalities=(aue,))
    make_mediator(
        cast.erz,
        first_name="Leyla",
        last_name="Yilmaz",
        languages=(("tur", "", 4), ("ara", "", 3)),
        scheme=scheme,
    )
    make_mediator(
        cast.erz,
        first_name="Olena",
        last_name="Koval",
        languages=(("ukr", "", 4),),
        scheme=scheme,
        municipalities=(stollberg,),
        on_site=False,
        by_phone=True,
    )
    make_mediator(
        cast.erz,
        first_name="Karim",
        last_name="Haddad",
        languages=(("ara", "", 4),),
        scheme=scheme,
        municipalities=(zwoenitz,),
        active=False,
    )
    make_mediator(
        cast.gr,
        first_name="Jan",
        last_name="Nowak",
        languages=(("ukr", "", 4),),
        scheme=make_scheme(cast.gr),
    )

    def ask(when, language, place, status=RequestStatus.OPEN, office=cast.erz):
        by = cast.carla if office == cast.erz else cast.otto
        make_request(
            office, by, when, language=language, municipality=place, status=status
        )

    ask(on(8, 4, 2025), "prs", aue, RequestStatus.FILLED)
    ask(on(1, 12), "prs", aue, RequestStatus.DONE)
    ask(on(3, 2), "prs", aue, RequestStatus.UNFILLED)
    # Still open after its start: unfilled.
    ask(on(6, 1), "prs", stollberg)
    # Open and ahead: only a request.
    ask(on(6, 20), "ukr", stollberg)
    ask(on(4, 7), "tur", zwoenitz, RequestStatus.CANCELLED)
    # By phone, without a place.
    ask(on(5, 5), "ara", None, RequestStatus.UNFILLED)
    # Outside the period, and another office's.
    ask(on(6, 30, 2025), "prs", aue, RequestStatus.UNFILLED)
    ask(on(5, 5), "prs", None, RequestStatus.UNFILLED, office=cast.gr)


def test_default_period_is_the_last_twelve_months():
    assert default_period(datetime.date(2026, 6, 10)) == (
        datetime.date(2025, 7, 1),
        datetime.date(2026, 6, 1),
    )
    assert default_period(datetime.date(2026, 12, 31)) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 12, 1),
    )


@time_machine.travel(NOW, tick=False)
def test_languages_count_requests_filled_unfilled_and_speakers(
    cast, world, django_assert_num_queries
):
    with django_assert_num_queries(4):
        found = demand(
            cast.erz.pk, datetime.date(2025, 7, 1), datetime.date(2026, 6, 1)
        )
    rows = [
        (row.language, row.requests, row.filled, row.unfilled, row.mediators)
        for row in found.languages
    ]
    assert rows == [
        ("prs", 4, 2, 2, 1),
        # Equal requests: by name (Arabic, Turkish, Ukrainian).
        ("ara", 1, 0, 1, 1),
        ("tur", 1, 0, 0, 1),
        ("ukr", 1, 0, 0, 1),
    ]
    assert found.without_place == 1


@time_machine.travel(NOW, tick=False)
def test_places_show_where_no_mediator_covers_a_language(cast, world):
    found = demand(cast.erz.pk, datetime.date(2025, 7, 1), datetime.date(2026, 6, 1))
    rows = [
        (row.municipality, row.language, row.requests, row.unfilled, row.covered)
        for row in found.places
    ]
    assert rows == [
        ("Aue", "prs", 3, 1, True),
        # Farid goes to Aue only; Olena speaks Ukrainian but not on site.
        ("Stollberg", "prs", 1, 1, False),
        ("Stollberg", "ukr", 1, 0, False),
        # Leyla covers the whole county.
        ("Zwönitz", "tur", 1, 0, True),
    ]


@time_machine.travel(NOW, tick=False)
def test_a_language_with_speakers_but_no_request_is_listed(cast, world):
    found = demand(cast.erz.pk, datetime.date(2026, 6, 1), datetime.date(2026, 6, 1))
    rows = {row.language: (row.requests, row.mediators) for row in found.languages}
    assert rows == {"prs": (1, 1), "ukr": (1, 1), "ara": (0, 1), "tur": (0, 1)}
    with translation.override("en"):
        assert [bar.label for bar in found.chart().bars] == ["Dari", "Ukrainian"]


@time_machine.travel(NOW, tick=False)
def test_chart_bars_scale_to_the_largest_number(cast, world):
    found = demand(cast.erz.pk, datetime.date(2025, 7, 1), datetime.date(2026, 6, 1))
    bars = found.chart().bars
    assert [(bar.label, bar.requests, bar.unfilled) for bar in bars][0] == (
        "Dari",
        4,
        2,
    )
    assert bars[0].requests_width == 360
    assert bars[0].unfilled_width == 180
    assert bars[1].requests_width == 90


@pytest.mark.parametrize("name", ["carla", "dieter", "olga", "anton"])
@time_machine.travel(NOW, tick=False)
def test_demand_roles_see_the_page_without_names(cast, world, name):
    response = cast.client(name).get("/mediators/demand/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Requests starting from July 2025 to June 2026." in page
    for person in ("Farid", "Leyla", "Olena", "Karim", "Ahmadi"):
        assert person not in page
    assert page.count("No mediator covers this place for this language") == 2
    assert "the numbers are exact, also below 5" in page


@pytest.mark.parametrize("name", ["gina", "gustav", "ada", "stella"])
def test_other_roles_may_not_see_demand(cast, name):
    assert cast.client(name).get("/mediators/demand/").status_code == 403


@time_machine.travel(NOW, tick=False)
def test_page_draws_an_accessible_svg_chart_beside_the_table(cast, world):
    page = cast.client("olga").get("/mediators/demand/").content.decode()
    svg = re.search(r"<svg .*?</svg>", page, re.S)
    assert svg is not None
    chart = svg.group(0)
    assert 'role="img"' in chart
    assert 'aria-labelledby="demand-chart-title demand-chart-desc"' in chart
    assert '<title id="demand-chart-title">' in chart
    assert chart.count("<rect") == 2 + 2 * 4
    assert "<script" not in page.split("<main", 1)[1]
    assert "http" not in chart.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert (
        "<caption>Requests, filled and unfilled, and active mediators per language"
        in page
    )


@time_machine.travel(NOW, tick=False)
def test_period_form_narrows_the_months(cast, world):
    response = cast.client("olga").get(
        "/mediators/demand/", {"start": "2026-03", "end": "2026-04"}
    )
    page = response.content.decode()
    assert "Requests starting from March 2026 to April 2026." in page
    assert "Stollberg" not in page
    assert "Zwönitz" in page


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-05", "2026-02", "The first month must not be after the last."),
        ("2026-13", "", "Enter a month as year and month, for example 2026-05."),
        ("1850-01", "", "Enter a month between 2000 and 2100."),
    ],
)
def test_period_form_explains_wrong_months(cast, start, end, message):
    response = cast.client("olga").get(
        "/mediators/demand/", {"start": start, "end": end}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "<table" not in page
