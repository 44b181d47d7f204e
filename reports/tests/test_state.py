"""GET /statistics/state/: every office side by side, for the state view only."""

import pytest

from .conftest import PERSON_NAMES, YEAR_2025
from .helpers import get_english, tables

URL = "/statistics/state/"


@pytest.fixture
def page(counted):
    response = get_english(counted.client("stella"), URL + YEAR_2025)
    assert response.status_code == 200
    return response.content.decode()


def test_state_view_shows_every_office_as_a_column(page):
    assert tables(page)["Concerns by type"] == [
        ["Type", "Erzgebirgskreis", "Landkreis Görlitz", "Total"],
        ["Walk-in visit", "7", "20", "27"],
        ["Request", "hidden", "hidden", "14"],
        ["Complaint", "< 5", "hidden", "8"],
        ["Total", "16", "33", "49"],
    ]


def test_state_key_figures_per_office(page):
    figures = tables(page)["Key figures"]
    assert figures[0] == ["Figure", "Erzgebirgskreis", "Landkreis Görlitz", "Total"]
    assert ["Concerns opened", "16", "33", "49"] in figures
    # One person in Görlitz: hidden, and Erzgebirgskreis' 14 with it.
    assert ["Persons concerned", "hidden", "< 5", "15"] in figures


def test_state_view_shows_no_person_and_no_case(page):
    for name in PERSON_NAMES:
        assert name not in page
    assert "ERZ-2025" not in page
    assert "GR-2025" not in page
    assert "/clients/" not in page


def test_state_view_rejects_invalid_dates_without_error_page(counted):
    response = get_english(counted.client("stella"), URL + "?start=31.02.2025")
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_a_state_ministry_sees_only_the_offices_of_its_state(counted):
    counted.gr.federal_state = "MV"
    counted.gr.save()
    counted.stella.federal_state = "MV"
    counted.stella.save()
    page = get_english(counted.client("stella"), URL + YEAR_2025).content.decode()
    assert tables(page)["Concerns by type"][0] == [
        "Type",
        "Landkreis Görlitz",
        "Total",
    ]
    assert "Erzgebirgskreis" not in page
