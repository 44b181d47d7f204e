"""The caseload page: who may read it, the period form, the tables."""

import re

import pytest
import time_machine
from django.urls import reverse

from .test_caseload import build_world

URL = reverse("guidance:caseload")
NOW = "2026-04-20 10:00 +02:00"
PERIOD = {"start": "2026-01", "end": "2026-04"}


@pytest.fixture
def world(cast):
    build_world(cast)


def cells(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", html, re.S)
    ]


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("carla", 200),
        ("dieter", 200),
        ("olga", 200),
        ("anton", 200),
        ("gina", 403),
        ("gustav", 403),
        ("ada", 403),
        ("stella", 403),
    ],
)
def test_only_caseload_roles_read_caseloads(cast, name, status):
    assert cast.client(name).get(URL).status_code == status


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


@time_machine.travel(NOW, tick=False)
def test_default_period_is_the_last_twelve_months(cast, world):
    response = cast.client("carla").get(URL)
    html = response.content.decode()
    assert 'value="2025-05"' in html
    assert 'value="2026-04"' in html
    assert "May 2025" in html
    assert "Apr 2026" in html
    assert "Apr 2025" not in html


def test_guides_table_shows_clients_and_per_fte(cast, world):
    html = cast.client("carla").get(URL, PERIOD).content.decode()
    found = cells(html)
    gina = found.index("Active clients", found.index("Gina Test40 h a week, 1.00 FTE"))
    assert found[gina : gina + 5] == ["Active clients", "2", "2", "0", "1"]
    assert found[gina + 5 : gina + 10] == ["Per FTE", "2.0", "2.0", "0.0", "1.0"]
    gustav = found.index(
        "Active clients", found.index("Gustav Test30 h a week, 0.75 FTE")
    )
    assert found[gustav + 5 : gustav + 10] == ["Per FTE", "0.0", "1.3", "2.7", "4.0"]
    assert "no weekly hours recorded" in html
    assert "One guide has no weekly hours recorded" in html
    average = found.index("Office: average per FTE")
    assert found[average + 1 : average + 5] == ["2.0", "1.7", "2.7", "2.3"]


def test_district_and_status_tables(cast, world):
    found = cells(cast.client("anton").get(URL, PERIOD).content.decode())
    aue = found.index("Aue")
    assert found[aue : aue + 5] == ["Aue", "1", "1", "0", "1"]
    unknown = found.index("Unknown")
    assert found[unknown : unknown + 5] == ["Unknown", "1", "1", "2", "2"]
    temporary = found.index("Temporary protection Ukraine (§ 24)")
    assert found[temporary + 1 : temporary + 5] == ["1", "1", "0", "0"]


def test_chart_is_an_accessible_svg_with_a_panel_per_guide(cast, world):
    html = cast.client("carla").get(URL, PERIOD).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html
    assert '<title id="caseload-chart-title">' in html
    assert html.count("<polyline") == 3
    assert "<script" not in html.split("</svg>")[0].split("<svg")[-1]


def test_notes_say_numbers_are_exact_and_about_staff(cast, world):
    html = cast.client("carla").get(URL, PERIOD).content.decode()
    assert "they are exact, also below 5" in html


def test_other_office_sees_only_its_own_cares(cast, world):
    found = cells(cast.client("otto").get(URL, PERIOD).content.decode())
    assert "Amir" not in "".join(found)
    cares = found.index("Office: active cares")
    assert found[cares + 1 : cares + 5] == ["1", "1", "1", "1"]


def test_page_query_count_is_fixed(cast, world, django_assert_max_num_queries):
    client = cast.client("carla")
    with django_assert_max_num_queries(12):
        client.get(URL, {"start": "2023-05", "end": "2026-04"})


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2026-04", "end": "2026-01"}, "must not be before the first"),
        ({"start": "2023-01", "end": "2026-04"}, "at most 36 months; you chose 40"),
        ({"start": "2026-13", "end": "2026-04"}, "Enter a month as year and month"),
        ({"start": "April", "end": "2026-04"}, "Enter a month as year and month"),
        ({"start": "1850-01", "end": "2026-04"}, "between 2000 and 2099"),
    ],
)
def test_bad_period_is_a_message_in_the_form(cast, query, message):
    response = cast.client("carla").get(URL, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "kern-table" not in html
