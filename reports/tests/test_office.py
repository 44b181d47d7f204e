"""GET /statistics/: the numbers of one office, checked against conftest's counts."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import MARCH, PERSON_NAMES, YEAR_2025
from .helpers import add_concerns, get_english, tables

URL = "/statistics/"


@pytest.fixture
def page(counted):
    response = get_english(counted.client("anton"), URL + YEAR_2025)
    assert response.status_code == 200
    return response.content.decode()


def test_concerns_by_type_are_counted_and_small_ones_hidden(page):
    assert tables(page)["Concerns by type"] == [
        ["Type", "Concerns"],
        ["Walk-in visit", "7"],
        # 6 is hidden too: 16 - 7 would otherwise give the 3 complaints away.
        ["Request", "hidden"],
        ["Complaint", "< 5"],
        ["Total", "16"],
    ]


def test_concerns_by_channel(page):
    assert tables(page)["Concerns by channel"] == [
        ["Channel", "Concerns"],
        ["Consultation hour", "8"],
        ["Phone", "hidden"],
        ["E-mail", "< 5"],
        ["Total", "16"],
    ]


def test_concerns_by_status(page):
    assert tables(page)["Concerns by current status"] == [
        ["Status", "Concerns"],
        ["New", "< 5"],
        ["In progress", "hidden"],
        ["Closed", "7"],
        ["Total", "16"],
    ]


def test_concerns_by_month(page):
    assert tables(page)["Concerns by month opened"] == [
        ["Month", "Concerns"],
        ["March 2025", "hidden"],
        ["May 2025", "< 5"],
        ["Total", "16"],
    ]


def test_concerns_by_topic_have_no_total_and_no_second_hidden_cell(page):
    assert tables(page)["Concerns by topic"] == [
        ["Topic", "Concerns"],
        ["Housing", "5"],
        ["Work", "< 5"],
    ]


def test_persons_are_counted_once_by_residence_status(page):
    # The protected person on a visit and a request still counts once: 7, not 8.
    assert tables(page)["Persons concerned by residence status"] == [
        ["Residence status", "Persons"],
        ["Asylum seeker in procedure (Aufenthaltsgestattung)", "hidden"],
        ["Tolerated (Duldung)", "< 5"],
        ["Recognised refugee or subsidiary protection (§ 25)", "7"],
        ["Total", "14"],
    ]


def test_complaints_by_justification_hide_a_small_total(page):
    assert tables(page)["Complaints by justification"] == [
        ["Justification", "Complaints"],
        ["Justified", "< 5"],
        ["Not assessed yet", "< 5"],
        ["Total", "< 5"],
    ]


def test_referrals_by_partner_kind_and_status(page):
    found = tables(page)
    assert found["Referrals of these concerns by kind of partner"] == [
        ["Kind of partner", "Referrals"],
        ["Immigration authority", "< 5"],
        ["Jobcenter", "hidden"],
        ["Total", "7"],
    ]
    assert found["Referrals of these concerns by result"] == [
        ["Result", "Referrals"],
        ["Sent", "< 5"],
        ["Accepted", "< 5"],
        ["Done", "< 5"],
        ["Total", "7"],
    ]


def test_key_figures(page):
    figures = tables(page)["Key figures"]
    for label, value in [
        ("Concerns opened", "16"),
        ("Persons concerned", "14"),
        ("Complaints", "< 5"),
        ("Referrals", "7"),
        ("Concerns closed", "7"),
    ]:
        assert [label, value] in figures


def test_numbers_are_right_aligned_table_cells(page):
    assert '<td class="kern-table__cell kern-table__cell--numeric">7</td>' in page
    assert '<caption id="table-type">Concerns by type</caption>' in page


def test_no_person_name_or_case_number_shows(page):
    for name in PERSON_NAMES:
        assert name not in page
    assert "ERZ-2025" not in page
    assert "Hand-counted concern" not in page


def test_concerns_of_the_other_office_never_count(counted):
    add_concerns(counted.gr, counted.otto, 9, MARCH, type="petition")
    page = get_english(counted.client("carla"), URL + YEAR_2025).content.decode()
    assert "Petition" not in page
    assert tables(page)["Concerns by type"][-1] == ["Total", "16"]
    assert "Fremdbuero" not in page


def test_period_filter_counts_only_concerns_opened_in_it(counted):
    url = URL + "?start=2025-03-01&end=2025-03-31"
    page = get_english(counted.client("dieter"), url).content.decode()
    assert tables(page)["Concerns by type"] == [
        ["Type", "Concerns"],
        ["Walk-in visit", "7"],
        ["Request", "6"],
        ["Total", "13"],
    ]


def test_period_of_one_day_includes_that_day(counted):
    url = URL + "?start=2024-12-15&end=2024-12-15"
    page = get_english(counted.client("anton"), url).content.decode()
    assert tables(page)["Concerns by type"] == [
        ["Type", "Concerns"],
        ["Walk-in visit", "< 5"],
        ["Total", "< 5"],
    ]


@time_machine.travel(
    datetime.datetime(2025, 3, 20, 12, tzinfo=datetime.UTC), tick=False
)
def test_without_period_the_current_month_counts(counted):
    page = get_english(counted.client("anton"), URL).content.decode()
    # The month at a glance: not December 2024, not the complaints of May.
    assert tables(page)["Concerns by type"][-1] == ["Total", "13"]
    assert 'value="2025-03-01"' in page
    assert 'value="2025-03-31"' in page


def test_only_an_end_counts_from_the_start_of_its_year(counted):
    page = get_english(counted.client("anton"), URL + "?end=2025-03-31")
    assert tables(page.content.decode())["Concerns by type"][-1] == ["Total", "13"]


@pytest.mark.parametrize(
    "query",
    ["?start=2025-13-45", "?end=yesterday", "?start=2025-02-30&end=2025-03-01"],
)
def test_invalid_date_shows_a_form_error_and_no_numbers(counted, query):
    response = get_english(counted.client("anton"), URL + query)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter a valid date." in page
    assert tables(page) == {}


def test_start_after_end_is_refused(counted):
    response = get_english(
        counted.client("anton"), URL + "?start=2025-06-01&end=2025-05-01"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The start must not be after the end." in page
    assert tables(page) == {}


def test_otto_sees_only_the_numbers_of_his_office(counted):
    page = get_english(counted.client("otto"), URL + YEAR_2025).content.decode()
    assert tables(page)["Concerns by type"] == [
        ["Type", "Concerns"],
        ["Walk-in visit", "20"],
        ["Request", "8"],
        ["Complaint", "5"],
        ["Total", "33"],
    ]
    assert tables(page)["Persons concerned by residence status"][-1] == [
        "Total",
        "< 5",
    ]


def test_empty_period_says_so_instead_of_an_empty_table(counted):
    url = URL + "?start=2020-01-01&end=2020-12-31"
    page = get_english(counted.client("anton"), url).content.decode()
    assert tables(page) == {}
    assert "Concerns by type: none in this period." in page


def test_number_of_queries_does_not_grow_with_the_concerns(counted):
    client = counted.client("anton")
    with CaptureQueriesContext(connection) as few:
        get_english(client, URL + YEAR_2025)
    add_concerns(counted.erz, counted.carla, 30, MARCH, type="inquiry")
    with CaptureQueriesContext(connection) as many:
        page = get_english(client, URL + YEAR_2025).content.decode()
    assert ["Inquiry", "30"] in tables(page)["Concerns by type"]
    assert len(many) == len(few)


def test_menu_marks_statistics_as_current_page(page):
    assert 'href="/statistics/" aria-current="page"' in page


def test_complaints_hidden_among_types_stay_hidden_among_justifications(cast):
    # Type table: 7 visits, 3 requests ("< 5") and 6 complaints, hidden so
    # that 16 - 7 does not give the 3 away. The complaints table must not
    # show those 6 again, neither as its total nor as its only row.
    march = datetime.date(2025, 3, 10)
    add_concerns(cast.erz, cast.carla, 7, march)
    add_concerns(cast.erz, cast.carla, 3, march, type="request")
    add_concerns(
        cast.erz, cast.carla, 6, march, type="complaint", justification="justified"
    )
    page = get_english(cast.client("anton"), URL + YEAR_2025).content.decode()
    found = tables(page)
    assert found["Concerns by type"][1:] == [
        ["Walk-in visit", "7"],
        ["Request", "< 5"],
        ["Complaint", "hidden"],
        ["Total", "16"],
    ]
    assert found["Complaints by justification"][1:] == [
        ["Justified", "hidden"],
        ["Total", "hidden"],
    ]
    assert '<dd class="kern-description-list-item__value">6</dd>' not in page
