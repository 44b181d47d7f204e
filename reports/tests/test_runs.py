"""/statistics/reports/: report files asked for, made by the task, downloaded."""

import datetime
import io

import openpyxl
import pytest
from django.utils import translation
from pypdf import PdfReader

from reports.models import ReportRun, ReportStatus, ReportText
from reports.scope import Period

from .conftest import PERSON_NAMES
from .helpers import get_english

URL = "/statistics/reports/"


def ask(client, capture, **data):
    fields = {"span": "year", "year": "2025", "compare": ""} | data
    with capture(execute=True):
        response = client.post(URL, fields, headers={"accept-language": "en"})
    return response


@pytest.fixture
def made(counted, django_capture_on_commit_callbacks):
    ReportText.objects.create(
        office=counted.erz,
        year=2025,
        heading="Vorwort",
        body="Ein Jahr der Beratung.\n\nDanke an alle Partner.",
        updated_by=counted.carla,
    )
    response = ask(counted.client("carla"), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    return ReportRun.objects.get(), counted


def test_the_activity_report_is_made_with_all_four_files(made):
    run, cast = made
    assert run.status == ReportStatus.DONE
    assert run.progress == 100
    assert sorted(run.files.values_list("format", flat=True)) == [
        "csv",
        "ods",
        "pdf",
        "xlsx",
    ]
    page = get_english(cast.client("carla"), f"{URL}{run.pk}/").content.decode()
    assert "Activity report 2025" in page
    for name in ("pdf", "xlsx", "ods", "csv"):
        assert f"{URL}{run.pk}/{name}/" in page


def test_pdf_and_xlsx_carry_the_same_numbers_and_the_texts(made):
    run, cast = made
    client = cast.client("anton")
    pdf = client.get(f"{URL}{run.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert "attachment" in pdf["Content-Disposition"]
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages
    )
    assert "Ein Jahr der Beratung." in text
    sheets = openpyxl.load_workbook(
        io.BytesIO(client.get(f"{URL}{run.pk}/xlsx/").content)
    )
    cells = [
        cell
        for sheet in sheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    ]
    # 16 concerns opened in 2025, of which the 7 visits: both files say so.
    assert 16 in cells and 7 in cells
    for name in PERSON_NAMES:
        assert name not in text
        assert name not in str(cells)


def test_a_council_report_for_any_period_compares_with_the_one_before(
    counted, django_capture_on_commit_callbacks
):
    ask(
        counted.client("dieter"),
        django_capture_on_commit_callbacks,
        span="span",
        start="2025-03-01",
        end="2025-03-31",
        compare="on",
    )
    run = ReportRun.objects.get()
    assert run.kind == "council"
    assert run.compare
    csv = bytes(run.files.get(format="csv").content).decode("utf-8-sig")
    # The period before is February 2025: both columns are in the file.
    with translation.override("en"):
        march = str(Period(datetime.date(2025, 3, 1), datetime.date(2025, 3, 31)))
        february = str(Period(datetime.date(2025, 2, 1), datetime.date(2025, 2, 28)))
    assert march in csv
    assert february in csv


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year": ""}, "Enter the year of the report."),
        ({"year": "1850"}, "Ensure this value is greater than or equal to 2000."),
        ({"span": "span", "start": "", "end": ""}, "Enter the first and the last day."),
        (
            {"span": "span", "start": "2025-05-01", "end": "2025-04-01"},
            "The start must not be after the end.",
        ),
        (
            {"span": "span", "start": "2025-02-30", "end": "2025-04-01"},
            "Enter a valid date.",
        ),
    ],
)
def test_bad_requests_are_refused_and_nothing_is_queued(
    counted, django_capture_on_commit_callbacks, data, message
):
    response = ask(counted.client("carla"), django_capture_on_commit_callbacks, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReportRun.objects.exists()


def test_runs_of_another_office_are_not_found(made):
    run, cast = made
    client = cast.client("otto")
    assert client.get(f"{URL}{run.pk}/").status_code == 404
    assert client.get(f"{URL}{run.pk}/pdf/").status_code == 404
    assert str(run) not in client.get(URL).content.decode()


def test_an_unknown_format_is_not_found(made):
    run, cast = made
    assert cast.client("carla").get(f"{URL}{run.pk}/docx/").status_code == 404


def test_a_failing_report_is_marked_and_keeps_no_half_files(
    counted, django_capture_on_commit_callbacks, monkeypatch
):
    from reports import exports

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(exports, "ods", broken)
    # The immediate backend of the tests logs the task's error, as the
    # worker does; the request that asked has long been answered.
    response = ask(counted.client("carla"), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    run = ReportRun.objects.get()
    assert run.status == ReportStatus.FAILED
    assert not run.files.exists()
    page = get_english(counted.client("carla"), f"{URL}{run.pk}/").content.decode()
    assert "could not be made" in page


def test_a_run_still_waiting_shows_its_progress(counted):
    run = ReportRun.objects.create(
        office=counted.erz,
        kind="yearly",
        start="2025-01-01",
        end="2025-12-31",
        progress=40,
        status=ReportStatus.RUNNING,
        step="Writing the PDF",
        requested_by=counted.carla,
    )
    page = get_english(counted.client("anton"), f"{URL}{run.pk}/").content.decode()
    assert '<progress id="run-progress" max="100" value="40">' in page
    assert "Check again" in page


def test_the_state_view_makes_the_statistics_of_all_offices(
    counted, django_capture_on_commit_callbacks
):
    client = counted.client("stella")
    page = get_english(client, URL).content.decode()
    assert "Compare with the period before" not in page
    ask(client, django_capture_on_commit_callbacks)
    run = ReportRun.objects.get()
    assert run.office is None and run.kind == "state"
    sheets = openpyxl.load_workbook(
        io.BytesIO(client.get(f"{URL}{run.pk}/xlsx/").content)
    )
    values = [c for s in sheets for row in s.iter_rows(values_only=True) for c in row]
    assert "Landkreis Görlitz" in values
    # Another state viewer's runs are theirs; an office never sees them.
    assert counted.client("carla").get(f"{URL}{run.pk}/").status_code == 404
