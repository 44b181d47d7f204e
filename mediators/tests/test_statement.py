"""The monthly statement of a mediator: its lines and its page."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine

from mediators.models import AssignmentStatus, Rate
from mediators.statements import monthly_statement

from .factories import make_assignment, make_mediator, make_request, make_scheme

CEST = datetime.timezone(datetime.timedelta(hours=2))


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=CEST)


def work(cast, mediator, starts_at, minutes=60, **fields):
    request = make_request(cast.erz, cast.carla, starts_at, minutes=minutes)
    defaults = {"status": AssignmentStatus.DONE}
    return make_assignment(request, mediator, **(defaults | fields))


@pytest.fixture
def farid(cast):
    """15 €/h per started half hour until 14 May 2026; from 15 May 18 €/h to
    the minute."""
    scheme = make_scheme(cast.erz)
    Rate.objects.create(
        scheme=scheme,
        valid_from=datetime.date(2026, 5, 15),
        hourly=Decimal("18.00"),
        unit_minutes=1,
        per_km=Decimal("0.30"),
        travel_minutes_cap=60,
    )
    return make_mediator(cast.erz, scheme=scheme)


@pytest.fixture
def may(cast, farid):
    """Farid's May 2026, with what must stay out of it."""
    # Old rate: 80 min → 90 min = 22.50 €; 24 km = 7.20 €.
    work(cast, farid, at(5, 12, 10), worked_minutes=80, km=Decimal("24"))
    # 00:30 local on the 15th is still the 14th in UTC: the new rate holds.
    # 80 min × 18 €/h = 24.00 €.
    work(cast, farid, at(5, 15, 0, 30), worked_minutes=80)
    # Cancelled by the office 3 h ahead: 60 min at 18 €/h = 18.00 €.
    work(
        cast,
        farid,
        at(5, 22, 10),
        status=AssignmentStatus.CANCELLED,
        cancelled_at=at(5, 22, 7),
        cancelled_by_office=True,
    )
    # Cancelled early, and one cancelled by Farid: nothing paid, not listed.
    work(
        cast,
        farid,
        at(5, 25, 10),
        status=AssignmentStatus.CANCELLED,
        cancelled_at=at(5, 20, 10),
        cancelled_by_office=True,
    )
    work(
        cast,
        farid,
        at(5, 26, 10),
        status=AssignmentStatus.CANCELLED,
        cancelled_at=at(5, 26, 9),
    )
    # Accepted but not done yet: not paid.
    work(cast, farid, at(5, 27, 10), status=AssignmentStatus.ACCEPTED)
    # 23:30 on 31 May is May; 00:30 on 1 June is June (May in UTC).
    work(cast, farid, at(5, 31, 23, 30), minutes=30, worked_minutes=30)
    work(cast, farid, at(6, 1, 0, 30), worked_minutes=60)
    work(cast, farid, at(4, 30, 10), worked_minutes=60)
    # Another mediator's work is not on Farid's statement.
    other = make_mediator(cast.erz, first_name="Leyla", last_name="Yilmaz")
    work(cast, other, at(5, 12, 14), worked_minutes=60)


def test_statement_prices_each_day_at_its_own_rate(farid, may):
    statement = monthly_statement(farid, 2026, 5)
    days = [line.day.day for line in statement.lines]
    assert days == [12, 15, 22, 31]
    totals = [line.total for line in statement.lines]
    # 30 min on the 31st at 18 €/h = 9.00 €.
    assert totals == [
        Decimal("29.70"),
        Decimal("24.00"),
        Decimal("18.00"),
        Decimal("9.00"),
    ]
    rates = [line.rate_from for line in statement.lines]
    assert rates == [datetime.date(2026, 1, 1)] + [datetime.date(2026, 5, 15)] * 3
    assert statement.total == Decimal("80.70")
    assert statement.fee == Decimal("73.50")
    assert statement.travel_cost == Decimal("7.20")
    assert [rate.valid_from.day for rate in statement.rates] == [1, 15]


def test_statement_of_a_month_without_work_is_empty(farid, may):
    statement = monthly_statement(farid, 2026, 3)
    assert statement.lines == []
    assert statement.total == Decimal("0")


def test_done_work_before_the_first_rate_is_listed_unpriced(cast, farid):
    work(cast, farid, datetime.datetime(2025, 12, 10, 10, tzinfo=CEST))
    statement = monthly_statement(farid, 2025, 12)
    assert len(statement.unpriced) == 1
    assert statement.total == Decimal("0")


def url(mediator, month="2026-05") -> str:
    return f"/mediators/{mediator.pk}/statement/{month}/"


@pytest.mark.parametrize("name", ["carla", "dieter", "olga", "ada"])
def test_pay_roles_see_the_statement(cast, farid, may, name):
    response = cast.client(name).get(url(farid))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Statement of Farid Ahmadi: May 2026" in page
    assert "80.70" in page
    assert "<caption>Paid assignments of Farid Ahmadi in May 2026</caption>" in page


@pytest.mark.parametrize("name", ["gina", "gustav", "anton", "stella"])
def test_other_roles_may_not_see_statements(cast, farid, name):
    assert cast.client(name).get(url(farid)).status_code == 403


def test_a_mediator_of_another_office_is_not_found(cast, farid):
    assert cast.client("otto").get(url(farid)).status_code == 404


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "1999-12", "2026-5"])
def test_a_month_that_does_not_exist_is_not_found(cast, farid, month):
    assert cast.client("olga").get(url(farid, month)).status_code == 404


def test_page_names_both_rates_when_the_rate_changed(cast, farid, may):
    page = cast.client("olga").get(url(farid)).content.decode()
    assert "The rate changed during this month" in page
    assert "Valid from 01/01/2026" in page
    assert "Valid from 05/15/2026" in page
    assert "18.00 € per hour, billed to the minute" in page


def test_page_of_a_month_with_one_rate_has_no_change_note(cast, farid, may):
    page = cast.client("olga").get(url(farid, "2026-04")).content.decode()
    assert "The rate changed" not in page
    assert "Valid from 01/01/2026" in page


def test_page_links_the_months_around_and_the_downloads(cast, farid, may):
    page = cast.client("olga").get(url(farid)).content.decode()
    assert f'href="/mediators/{farid.pk}/statement/2026-04/"' in page
    assert f'href="/mediators/{farid.pk}/statement/2026-06/"' in page
    for kind in ("pdf", "csv", "xlsx"):
        assert f'href="/mediators/{farid.pk}/statement/2026-05/{kind}/"' in page


def test_month_switcher_goes_to_the_chosen_month(cast, farid):
    response = cast.client("olga").get(url(farid), {"month": "2025-12"})
    assert response.status_code == 302
    assert response["Location"] == url(farid, "2025-12")


def test_month_switcher_explains_a_wrong_month(cast, farid):
    response = cast.client("olga").get(url(farid), {"month": "2026-13"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a month as year and month, for example 2026-05." in page


def test_year_boundaries_link_over_the_new_year(cast, farid):
    page = cast.client("olga").get(url(farid, "2026-01")).content.decode()
    assert f'href="/mediators/{farid.pk}/statement/2025-12/"' in page
    page = cast.client("olga").get(url(farid, "2025-12")).content.decode()
    assert f'href="/mediators/{farid.pk}/statement/2026-01/"' in page


@time_machine.travel("2026-06-10 09:00 +02:00", tick=False)
def test_statement_without_a_month_opens_the_current_one(cast, farid):
    response = cast.client("olga").get(f"/mediators/{farid.pk}/statement/")
    assert response["Location"] == url(farid, "2026-06")


def test_lines_show_their_explanation(cast, farid, may):
    page = cast.client("olga").get(url(farid)).content.decode()
    lines = re.findall(r"Cancelled [^<]*", page)
    assert lines == ["Cancelled 3 h ahead: under 24 h, 1 h paid."]
