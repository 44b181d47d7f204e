"""The statement as CSV, Excel workbook and PDF."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from mediators.models import AssignmentStatus

from .factories import make_assignment, make_mediator, make_request, make_scheme

CEST = datetime.timezone(datetime.timedelta(hours=2))


@pytest.fixture
def farid(cast):
    """Two assignments in May 2026 at 15 €/h per started half hour, 0.30 €/km:
    80 min and 24 km = 22.50 + 7.20 €; 60 min = 15.00 €."""
    mediator = make_mediator(cast.erz, scheme=make_scheme(cast.erz))
    for day, worked, km in ((12, 80, Decimal("24")), (19, 60, None)):
        starts_at = datetime.datetime(2026, 5, day, 10, tzinfo=CEST)
        request = make_request(cast.erz, cast.carla, starts_at)
        make_assignment(
            request,
            mediator,
            status=AssignmentStatus.DONE,
            worked_minutes=worked,
            km=km,
        )
    return mediator


def download(cast, mediator, kind: str, name: str = "olga"):
    return cast.client(name).get(f"/mediators/{mediator.pk}/statement/2026-05/{kind}/")


def test_csv_is_semicolon_separated_utf8_with_bom_and_decimal_comma(cast, farid):
    response = download(cast, farid, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="statement-ahmadi-farid-2026-05.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Date;Language;Work (min);Travel (min);Kilometres;Fee (EUR);"
        "Travel cost (EUR);Total (EUR);Rate valid from;Explanation"
    )
    assert lines[1] == (
        "12.05.2026;Dari;90;0;24,0;22,50;7,20;29,70;01.01.2026;"
        "1 h 20 min worked, billed per started 30 min: 1 h 30 min."
    )
    assert lines[2].startswith("19.05.2026;Dari;60;0;0,0;15,00;0,00;15,00;")
    assert lines[3] == "Total;;;;24,0;37,50;7,20;44,70;;"


def test_csv_defuses_text_a_spreadsheet_would_run(cast, farid):
    farid.first_name = "=HYPERLINK()"
    farid.save(update_fields=["first_name"])
    response = cast.client("olga").get("/mediators/payments/2026-05/csv/")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[1] == "'=HYPERLINK() Ahmadi;2;2,50;24,0;44,70"


def test_xlsx_reads_back_with_numbers_and_a_euro_format(cast, farid):
    response = download(cast, farid, "xlsx")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet.title == "2026-05"
    assert sheet["A1"].value == "Date"
    assert sheet["A2"].value == datetime.datetime(2026, 5, 12)
    assert sheet["C2"].value == 90
    assert sheet["E2"].value == 24
    fee, travel, total = sheet["F2"], sheet["G2"], sheet["H2"]
    assert (fee.value, travel.value, total.value) == (22.5, 7.2, 29.7)
    assert isinstance(total.value, float)
    assert "€" in total.number_format
    assert sheet["A4"].value == "Total"
    assert sheet["H4"].value == 44.7


def test_xlsx_keeps_formula_like_text_as_text(cast, farid):
    farid.first_name = "=1+1"
    farid.save(update_fields=["first_name"])
    response = cast.client("olga").get("/mediators/payments/2026-05/xlsx/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet["A2"].value == "=1+1 Ahmadi"
    assert sheet["A2"].data_type == "s"


def test_pdf_is_a_tagged_pdf_with_the_mediator_and_totals(cast, farid):
    response = download(cast, farid, "pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Farid Ahmadi" in text
    assert "Erzgebirgskreis" in text
    assert "44.70" in text
    assert reader.metadata is not None
    assert reader.metadata.title == "Statement May 2026: Farid Ahmadi"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert "/StructTreeRoot" in root


def test_pdf_follows_the_language_of_the_user(cast, farid):
    response = cast.client("olga").get(
        f"/mediators/{farid.pk}/statement/2026-05/pdf/",
        headers={"accept-language": "de"},
    )
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.trailer["/Root"]["/Lang"] == "de"
    assert "44,70" in reader.pages[0].extract_text()


@pytest.mark.parametrize("kind", ["pdf", "csv", "xlsx"])
def test_guides_may_not_download_statements(cast, farid, kind):
    assert download(cast, farid, kind, "gina").status_code == 403


@pytest.mark.parametrize("kind", ["pdf", "csv", "xlsx"])
def test_another_office_finds_no_statement_to_download(cast, farid, kind):
    assert download(cast, farid, kind, "otto").status_code == 404


def test_a_month_that_does_not_exist_has_no_download(cast, farid):
    response = cast.client("olga").get(f"/mediators/{farid.pk}/statement/2026-13/csv/")
    assert response.status_code == 404
