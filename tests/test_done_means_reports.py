"""Issue 7's 'Done means', on the (small) demo through real URLs.

The Erzgebirgskreis' commissioner has last year's activity report made as
PDF and XLSX; the files agree with each other and with the dashboard, and
no number below 5 shows. The demo ministry of Mecklenburg-Vorpommern sees
its districts side by side and not a single person.
"""

import io
import re

import openpyxl
import time_machine
from pypdf import PdfReader

from accounts.models import User
from clients.models import Person
from conftest import logged_in
from demo.build import load
from reports.models import ReportRun, ReportStatus
from reports.tests.helpers import tables

TODAY = "2026-12-07 09:00 +01:00"
MV_DISTRICTS = [
    "Hansestadt Rostock",
    "Landeshauptstadt Schwerin",
    "Landkreis Ludwigslust-Parchim",
    "Landkreis Mecklenburgische Seenplatte",
    "Landkreis Nordwestmecklenburg",
    "Landkreis Rostock",
    "Landkreis Vorpommern-Greifswald",
    "Landkreis Vorpommern-Rügen",
]


@time_machine.travel(TODAY, tick=False)
def test_demo_activity_report_and_state_view(db, django_capture_on_commit_callbacks):
    load(small=True)
    commissioner = logged_in(User.objects.get(username="beauftragter"))
    run = make_last_years_report(commissioner, django_capture_on_commit_callbacks)
    pdf_text = download_pdf(commissioner, run)
    sheets = download_xlsx(commissioner, run)
    dashboard = tables(
        commissioner.get(
            "/statistics/?start=2025-01-01&end=2025-12-31",
            headers={"accept-language": "de"},
        ).content.decode()
    )
    files_agree_with_the_dashboard(pdf_text, sheets, dashboard)
    the_ministry_sees_its_districts()


def make_last_years_report(client, capture) -> ReportRun:
    page = client.get(
        "/statistics/reports/", headers={"accept-language": "de"}
    ).content.decode()
    # Last year is offered.
    assert 'value="2025"' in page
    with capture(execute=True):
        response = client.post(
            "/statistics/reports/",
            {"span": "year", "year": "2025"},
            headers={"accept-language": "de"},
        )
    run = ReportRun.objects.get()
    assert response["Location"] == f"/statistics/reports/{run.pk}/"
    assert run.status == ReportStatus.DONE
    detail = client.get(
        response["Location"], headers={"accept-language": "de"}
    ).content.decode()
    assert "Tätigkeitsbericht 2025" in detail
    return run


def download_pdf(client, run: ReportRun) -> str:
    response = client.get(f"/statistics/reports/{run.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # The office's own words, from the demo's chapters.
    assert "Vorwort" in text and "Schwerpunkte des Jahres" in text
    return text


def download_xlsx(client, run: ReportRun) -> dict[str, list[tuple]]:
    response = client.get(f"/statistics/reports/{run.pk}/xlsx/")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book}


def files_agree_with_the_dashboard(pdf_text: str, sheets, dashboard) -> None:
    by_type = dashboard["Anliegen nach Art"]
    opened = by_type[-1]
    assert opened[0] == "Gesamt"
    rows = [row for rows in sheets.values() for row in rows]
    # The yearly total, as number in the spreadsheet and text in the PDF.
    total = int(opened[1].replace(".", ""))
    assert any(row[:2] == ("Eröffnete Anliegen", total) for row in rows)
    assert re.search(rf"Eröffnete Anliegen\s+{opened[1]}\b", pdf_text)
    # Every row of the dashboard's table, the same in the spreadsheet.
    for label, shown in by_type[1:-1]:
        expected = int(shown.replace(".", "")) if shown[0].isdigit() else shown
        assert any(row[:2] == (label, expected) for row in rows), (label, shown)
    # No number below 5 anywhere: small ones are the text "< 5".
    numbers = [cell for row in rows for cell in row[1:] if isinstance(cell, int)]
    assert numbers and min(numbers) >= 5
    assert any("< 5" in str(cell) for row in rows for cell in row)


def the_ministry_sees_its_districts() -> None:
    ministry = logged_in(User.objects.get(username="ministerium"))
    response = ministry.get(
        "/statistics/state/?start=2025-01-01&end=2025-12-31",
        headers={"accept-language": "de"},
    )
    page = response.content.decode()
    figures = tables(page)["Kennzahlen"]
    assert figures[0] == ["Kennzahl", *MV_DISTRICTS, "Gesamt"]
    assert "Erzgebirgskreis" not in page
    names = Person.objects.values_list("family_name", flat=True)
    assert not [name for name in names if name and name in page]
    assert "/clients/" not in page and "/concerns/" not in page
