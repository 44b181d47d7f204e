"""The payment export: what the office pays each mediator for a month."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from openpyxl import load_workbook

from mediators.models import AssignmentStatus
from mediators.statements import monthly_statement, payment_export

from .factories import make_assignment, make_mediator, make_request, make_scheme

CEST = datetime.timezone(datetime.timedelta(hours=2))


def work(cast, mediator, day, minutes=60, office=None, **fields):
    starts_at = datetime.datetime(2026, 5, day, 10, tzinfo=CEST)
    by = cast.otto if office == cast.gr else cast.carla
    request = make_request(office or cast.erz, by, starts_at, minutes=minutes)
    defaults = {"status": AssignmentStatus.DONE}
    return make_assignment(request, mediator, **(defaults | fields))


@pytest.fixture
def may(cast):
    """May 2026 at 15 €/h per started half hour and 0.30 €/km:

    Farid: 80 min + 24 km (29.70 €), 60 min + 30 min travel (22.50 €);
    Leyla: a late cancellation (2 h, 30.00 €) and an early one (nothing);
    Otto's office pays its own mediator, never shown here.
    """
    scheme = make_scheme(cast.erz)
    farid = make_mediator(cast.erz, scheme=scheme)
    leyla = make_mediator(
        cast.erz, first_name="Leyla", last_name="Yilmaz", scheme=scheme
    )
    work(cast, farid, 12, worked_minutes=80, km=Decimal("24"))
    work(cast, farid, 19, worked_minutes=60, travel_minutes=30)
    cancelled = {"status": AssignmentStatus.CANCELLED, "cancelled_by_office": True}
    work(
        cast,
        leyla,
        20,
        minutes=180,
        cancelled_at=datetime.datetime(2026, 5, 20, 6, tzinfo=CEST),
        **cancelled,
    )
    work(
        cast,
        leyla,
        21,
        cancelled_at=datetime.datetime(2026, 5, 1, 6, tzinfo=CEST),
        **cancelled,
    )
    stranger = make_mediator(
        cast.gr, first_name="Jan", last_name="Nowak", scheme=make_scheme(cast.gr)
    )
    work(cast, stranger, 12, office=cast.gr, worked_minutes=60)
    return farid, leyla


def test_export_sums_each_mediator_and_the_office(cast, may):
    export = payment_export(cast.erz, 2026, 5)
    rows = [
        (str(row.mediator), row.count, row.hours, row.km, row.total)
        for row in export.rows
    ]
    assert rows == [
        ("Farid Ahmadi", 2, Decimal("3.00"), Decimal("24.0"), Decimal("52.20")),
        ("Leyla Yilmaz", 1, Decimal("2.00"), Decimal("0.0"), Decimal("30.00")),
    ]
    assert export.count == 3
    assert export.hours == Decimal("5.00")
    assert export.total == Decimal("82.20")


def test_export_agrees_with_the_statements(cast, may):
    export = payment_export(cast.erz, 2026, 5)
    for row in export.rows:
        assert row.total == monthly_statement(row.mediator, 2026, 5).total


def url(month="2026-05") -> str:
    return f"/mediators/payments/{month}/"


@pytest.mark.parametrize("name", ["carla", "dieter", "olga", "ada"])
def test_pay_roles_see_the_payments(cast, may, name):
    response = cast.client(name).get(url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Payments to mediators: May 2026" in page
    assert "52.20" in page
    assert "82.20" in page
    assert "Jan Nowak" not in page


@pytest.mark.parametrize("name", ["gina", "gustav", "anton", "stella"])
def test_other_roles_may_not_see_payments(cast, name):
    assert cast.client(name).get(url()).status_code == 403


def test_another_office_sees_only_its_own_payments(cast, may):
    page = cast.client("otto").get(url()).content.decode()
    assert "Jan Nowak" in page
    assert "Farid Ahmadi" not in page


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "3000-01"])
def test_a_month_that_does_not_exist_is_not_found(cast, month):
    assert cast.client("olga").get(url(month)).status_code == 404


def test_page_links_each_statement_and_the_downloads(cast, may):
    farid, _ = may
    page = cast.client("olga").get(url()).content.decode()
    assert f'href="/mediators/{farid.pk}/statement/2026-05/"' in page
    assert 'href="/mediators/payments/2026-05/csv/"' in page
    assert 'href="/mediators/payments/2026-05/xlsx/"' in page
    assert 'href="/mediators/payments/2026-04/"' in page
    assert 'href="/mediators/payments/2026-06/"' in page


def test_month_switcher_goes_to_the_chosen_month(cast):
    response = cast.client("olga").get(url(), {"month": "2026-02"})
    assert response["Location"] == url("2026-02")


def test_month_switcher_explains_a_wrong_month(cast):
    response = cast.client("olga").get(url(), {"month": "Mai"})
    assert response.status_code == 200
    assert "Enter a month as year and month" in response.content.decode()


@time_machine.travel("2026-06-10 09:00 +02:00", tick=False)
def test_payments_without_a_month_open_the_current_one(cast):
    response = cast.client("olga").get("/mediators/payments/")
    assert response["Location"] == url("2026-06")


def test_payments_without_a_month_are_closed_to_guides(cast):
    assert cast.client("gina").get("/mediators/payments/").status_code == 403


def test_payment_csv_has_a_row_per_mediator_and_the_office_total(cast, may):
    response = cast.client("olga").get(url() + "csv/")
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response["Content-Disposition"] == (
        'attachment; filename="payments-2026-05.csv"'
    )
    assert response.content.decode("utf-8-sig").splitlines() == [
        "Mediator;Paid assignments;Hours paid;Kilometres;Total (EUR)",
        "Farid Ahmadi;2;3,00;24,0;52,20",
        "Leyla Yilmaz;1;2,00;0,0;30,00",
        "Total;3;5,00;24,0;82,20",
    ]


def test_payment_xlsx_holds_numbers(cast, may):
    response = cast.client("olga").get(url() + "xlsx/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [
        ("Mediator", "Paid assignments", "Hours paid", "Kilometres", "Total (EUR)"),
        ("Farid Ahmadi", 2, 3, 24, 52.2),
        ("Leyla Yilmaz", 1, 2, 0, 30),
        ("Total", 3, 5, 24, 82.2),
    ]
    assert "€" in sheet["E2"].number_format


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_guides_may_not_download_payments(cast, kind):
    assert cast.client("gina").get(url() + f"{kind}/").status_code == 403
