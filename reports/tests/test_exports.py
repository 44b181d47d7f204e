"""The report's files: the same shown numbers in PDF, XLSX, ODS and CSV, and
never a hidden one.

The report is built by hand, without a database: Afghanistan's true count
was 3 and Ukraine's 8 (hidden so that the total does not give the 3 away),
Tigrinya's mediator assignments 2; none of these may appear anywhere.
"""

import csv
import datetime
import io
import re
import zipfile
from decimal import Decimal

import pytest
import time_machine
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from reports import exports
from reports.charts import bar_chart
from reports.exports import number, sheet_names
from reports.models import ReportText
from reports.scope import Period
from reports.statistics import Report, Section, Table
from reports.suppression import HOURS, MONEY, Cell, Row

TITLE = "Tätigkeitsbericht 2025"
FOREWORD = "Das Jahr 2025 brachte viele neue Anliegen."


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def count(value: int | None, small: bool = False) -> Cell:
    return Cell("", value, small=small)


def build_report() -> Report:
    figures = Table(
        "figures",
        "Kennzahlen",
        "Kennzahl",
        ["Anzahl"],
        [
            Row("Anliegen eröffnet", [count(1234)]),
            Row(
                "Kosten der Sprachmittlung", [Cell("", Decimal("1530.50"), kind=MONEY)]
            ),
            Row("Stunden ohne Grundlage", [Cell("", None, kind=HOURS)]),
        ],
    )
    nationality = Table(
        "nationality",
        "Personen nach Staatsangehörigkeit",
        "Staatsangehörigkeit",
        ["Personen"],
        [
            Row("Syrien", [count(27)]),
            Row("Afghanistan", [count(None, small=True)]),
            Row("Ukraine", [count(None)]),
            Row("Eritrea", [count(61)]),
        ],
        Row("Summe", [count(99)]),
        note="Eine Person kann mehrere Staatsangehörigkeiten haben.",
        section="Betroffene Personen",
    )
    mediators = Table(
        "mediators",
        "Sprachmittlung nach Sprache",
        "Sprache",
        ["Einsätze", "Stunden", "Kosten"],
        [
            Row(
                "Arabisch",
                [
                    count(12),
                    Cell("", Decimal("30.5"), kind=HOURS),
                    Cell("", Decimal("1530.50"), kind=MONEY),
                ],
            ),
            Row(
                "Tigrinya",
                [
                    count(None, small=True),
                    Cell("", None, kind=HOURS),
                    Cell("", None, kind=MONEY),
                ],
            ),
        ],
        section="Sprachmittlung",
    )
    topics = Table(
        "topic", "Anliegen nach Thema", "Thema", ["Anliegen"], [], section="Anliegen"
    )
    return Report(
        Period.year(2025),
        figures,
        [
            Section("Betroffene Personen", [nationality]),
            Section("Sprachmittlung", [mediators]),
            Section("Anliegen", [topics]),
        ],
    )


def texts() -> list[ReportText]:
    return [
        ReportText(heading="Vorwort", body=f"{FOREWORD}\n\nZweiter <b>Absatz</b>."),
        ReportText(heading="Ausblick", body="Mehr Beratung vor Ort."),
    ]


@pytest.fixture(scope="module")
def report() -> Report:
    with translation.override("de"):
        return build_report()


@pytest.fixture(scope="module")
def pdf_text() -> tuple[bytes, str]:
    with translation.override("de"), time_machine.travel(datetime.date(2026, 2, 3)):
        content = exports.pdf(
            build_report(),
            title=TITLE,
            subtitle="2025",
            office_name="Erzgebirgskreis",
            texts=texts(),
        )
    reader = PdfReader(io.BytesIO(content))
    return content, "\n".join(page.extract_text() for page in reader.pages)


# --- Reading the files back ------------------------------------------------------

Found = set[tuple[str, str, str, float | str]]


def expected(report: Report) -> Found:
    found: Found = set()
    for table in [report.figures, *report.tables]:
        for row in [*table.rows, *([table.total] if table.total else [])]:
            for column, cell in zip(table.columns, row.cells, strict=True):
                shown = number(cell)
                value = str(cell) if shown is None else float(shown)
                found.add((table.caption, row.label, column, value))
    return found


def _value(value: object) -> float | str:
    if isinstance(value, int | float):
        return float(value)
    return str(value)


def cells_of_sheets(sheets: list[list[list[object]]]) -> Found:
    """The table cells of sheets laid out as the exports do: caption line,
    header line, rows, total, note, blank line."""
    found: Found = set()
    for lines in sheets:
        caption: str | None = None
        header: list[object] | None = None
        for line in lines:
            values = list(line)
            while values and values[-1] in ("", None):
                values.pop()
            if not values:
                caption = header = None
            elif len(values) == 1:
                caption = caption or str(values[0])
            elif header is None:
                header = values
            else:
                for column, value in zip(header[1:], values[1:], strict=True):
                    found.add(
                        (str(caption), str(values[0]), str(column), _value(value))
                    )
    return found


def xlsx_sheets(content: bytes) -> dict[str, list[list[object]]]:
    book = load_workbook(io.BytesIO(content))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


def ods_sheets(content: bytes) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return {
        name: [
            list(row)
            for row in book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        ]
        for name in book.sheet_names
    }


def csv_lines(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def csv_cells(content: bytes) -> Found:
    found: Found = set()
    for _title, _period, _section, table, row, column, value in csv_lines(content)[1:]:
        number_text = value.replace(",", ".")
        shown = (
            float(number_text) if re.fullmatch(r"\d+(\.\d+)?", number_text) else value
        )
        found.add((table, row, column, shown))
    return found


# --- The same numbers everywhere ----------------------------------------------


def test_xlsx_holds_every_cell_of_the_report(report):
    content = exports.xlsx(report, title=TITLE)
    assert cells_of_sheets(list(xlsx_sheets(content).values())) == expected(report)


def test_ods_holds_every_cell_of_the_report(report):
    content = exports.ods(report, title=TITLE)
    assert cells_of_sheets(list(ods_sheets(content).values())) == expected(report)


def test_csv_holds_every_cell_of_the_report(report):
    assert csv_cells(exports.csv(report, title=TITLE)) == expected(report)


def test_pdf_holds_every_shown_text_of_the_report(report, pdf_text):
    _content, text = pdf_text
    for table in [report.figures, *report.tables]:
        for row in [*table.rows, *([table.total] if table.total else [])]:
            lines = text.splitlines()
            line = next(line for line in lines if line.startswith(row.label))
            for cell in row.cells:
                assert str(cell) in line


def test_spreadsheets_hold_shown_numbers_as_numbers_and_hidden_ones_as_text(report):
    book = load_workbook(io.BytesIO(exports.xlsx(report, title=TITLE)))
    rows = {
        row[0].value: row for row in book["Sprachmittlung"].iter_rows() if row[0].value
    }
    arabic, tigrinya = rows["Arabisch"], rows["Tigrinya"]
    assert [cell.value for cell in arabic[1:]] == [12, 30.5, 1530.5]
    assert arabic[3].number_format == '#,##0.00 "€"'
    assert arabic[2].number_format == "#,##0.0"
    assert [cell.value for cell in tigrinya[1:]] == ["< 5", "–", "–"]
    assert all(cell.data_type == "s" for cell in tigrinya[1:])


def test_ods_stores_numbers_as_floats_with_their_format(report):
    content = exports.ods(report, title=TITLE)
    xml = zipfile.ZipFile(io.BytesIO(content)).read("content.xml").decode()
    assert 'office:value-type="float" office:value="1530.5"' in xml
    assert "number:currency-symbol" in xml


# --- Hidden numbers ------------------------------------------------------------


def assert_hidden_values_absent(lines: list[str]) -> None:
    afghanistan = [line for line in lines if "Afghanistan" in line]
    ukraine = [line for line in lines if "Ukraine" in line]
    tigrinya = [line for line in lines if "Tigrinya" in line]
    assert afghanistan and ukraine and tigrinya
    # "< 5" has a 5, so look for the true numbers only.
    assert not any("3" in line for line in afghanistan)
    assert not any("8" in line for line in ukraine)
    assert not any("2" in line for line in tigrinya)


def test_no_file_shows_a_hidden_number(report, pdf_text):
    _content, text = pdf_text
    assert_hidden_values_absent(text.splitlines())
    for sheets in (
        xlsx_sheets(exports.xlsx(report, title=TITLE)),
        ods_sheets(exports.ods(report, title=TITLE)),
    ):
        rows = [row for lines in sheets.values() for row in lines]
        assert_hidden_values_absent([" ".join(map(str, row)) for row in rows])
    lines = csv_lines(exports.csv(report, title=TITLE))
    assert_hidden_values_absent([" ".join(line[2:]) for line in lines])


def test_hidden_cells_read_as_their_marker(report):
    lines = csv_lines(exports.csv(report, title=TITLE))
    values = {(line[4], line[5]): line[6] for line in lines[1:]}
    assert values["Afghanistan", "Personen"] == "< 5"
    assert values["Ukraine", "Personen"] == "verborgen"
    assert values["Tigrinya", "Kosten"] == "–"


# --- Spreadsheet layout ------------------------------------------------------------


def test_first_sheet_states_title_and_period_then_key_figures(report):
    sheets = xlsx_sheets(exports.xlsx(report, title=TITLE))
    assert list(sheets) == [
        "Kennzahlen",
        "Betroffene Personen",
        "Sprachmittlung",
        "Anliegen",
    ]
    first = sheets["Kennzahlen"]
    assert first[0][0] == TITLE
    assert "01.01.2025" in first[1][0] or "1. Januar 2025" in first[1][0]
    assert ["Kennzahl", "Anzahl"] == first[5][:2]


def test_ods_has_the_same_sheets_as_xlsx(report):
    xlsx = xlsx_sheets(exports.xlsx(report, title=TITLE))
    ods = ods_sheets(exports.ods(report, title=TITLE))
    assert list(ods) == list(xlsx)


def test_table_without_rows_says_so_instead_of_an_empty_table(report):
    sheets = xlsx_sheets(exports.xlsx(report, title=TITLE))
    texts = [row[0] for row in sheets["Anliegen"] if row and row[0]]
    none = gettext("%(caption)s: none in this period.")
    assert none % {"caption": "Anliegen nach Thema"} in texts


def test_sheet_names_are_short_unique_and_without_forbidden_characters():
    names = sheet_names(
        [
            "Weiterleitungen: Partner / Ergebnis [alle]",
            "Weiterleitungen: Partner / Ergebnis [alle]",
            "weiterleitungen- partner - ergebnis -alle-",
            "'Zitat'",
            "???",
        ]
    )
    assert all(len(name) <= 31 for name in names)
    assert not any(re.search(r"[\[\]:*?/\\]", name) for name in names)
    assert len({name.casefold() for name in names}) == len(names)
    assert names[3] == "Zitat"
    assert names[1].endswith("(2)")


def test_text_a_spreadsheet_would_run_stays_text():
    table = Table(
        "topic",
        "Anliegen nach Thema",
        "Thema",
        ["Anliegen"],
        [Row('=HYPERLINK("http://example.org")', [count(7)])],
    )
    report = Report(
        Period.year(2025),
        Table("figures", "Kennzahlen", "Kennzahl", ["Anzahl"], []),
        [Section("Anliegen", [table])],
    )
    book = load_workbook(io.BytesIO(exports.xlsx(report, title=TITLE)))
    cell = next(
        row[0]
        for row in book["Anliegen"].iter_rows()
        if row[0].value == table.rows[0].label
    )
    assert cell.data_type == "s"
    lines = csv_lines(exports.csv(report, title=TITLE))
    assert lines[1][4] == '\'=HYPERLINK("http://example.org")'


# --- CSV ---------------------------------------------------------------------------


def test_csv_is_long_format_with_one_line_per_cell(report):
    lines = csv_lines(exports.csv(report, title=TITLE))
    header = ["Report", "Period", "Section", "Table", "Row", "Column", "Value"]
    assert lines[0] == [gettext(text) for text in header]
    cells = sum(
        len(row.cells)
        for table in [report.figures, *report.tables]
        for row in [*table.rows, *([table.total] if table.total else [])]
    )
    assert len(lines) == 1 + cells
    assert {line[0] for line in lines[1:]} == {TITLE}
    assert {line[1] for line in lines[1:]} == {"2025"}


def test_csv_numbers_are_plain_digits_with_a_decimal_comma(report):
    lines = csv_lines(exports.csv(report, title=TITLE))
    values = {(line[4], line[5]): line[6] for line in lines[1:]}
    assert values["Anliegen eröffnet", "Anzahl"] == "1234"
    assert values["Arabisch", "Stunden"] == "30,5"
    assert values["Arabisch", "Kosten"] == "1530,50"
    assert values["Summe", "Personen"] == "99"


# --- PDF ------------------------------------------------------------------------------


def test_pdf_is_tagged_in_the_active_language(pdf_text):
    content, _text = pdf_text
    root = PdfReader(io.BytesIO(content)).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "de"


def test_pdf_charts_carry_alternative_text(pdf_text):
    content, _text = pdf_text
    reader = PdfReader(io.BytesIO(content))
    figures = []

    def walk(element):
        element = element.get_object()
        if element.get("/S") == "/Figure":
            figures.append(element)
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if hasattr(kid, "get") and "/S" in kid:
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    # One chart: the nationalities; the grid of mediators has none.
    chart = bar_chart(build_report().tables[0])
    assert [str(figure["/Alt"]) for figure in figures] == [chart.description]


def test_pdf_has_title_page_contents_texts_privacy_page_and_tables(pdf_text):
    _content, text = pdf_text
    for expected_text in [
        "Erzgebirgskreis",
        TITLE,
        "3. Februar 2026",
        FOREWORD,
        "Zweiter <b>Absatz</b>.",
        "Mehr Beratung vor Ort.",
        "Kennzahlen",
        "Personen nach Staatsangehörigkeit",
        "Sprachmittlung nach Sprache",
        "Eine Person kann mehrere Staatsangehörigkeiten haben.",
        "< 5",
        "1.530,50 €",
    ]:
        assert expected_text in text, expected_text


def test_pdf_explains_the_privacy_rule_before_the_numbers(pdf_text):
    _content, text = pdf_text
    assert text.index("< 5") < text.index("Syrien")


def test_pdf_turns_pages_sideways_for_grids_of_many_offices():
    offices = ["Rostock", "Schwerin", "Ludwigslust-Parchim", "Nordwestmecklenburg"]
    columns = [*offices, "Summe"]
    grid = Table(
        "type",
        "Anliegen nach Art",
        "Art",
        columns,
        [Row("Besuch", [count(20) for _column in columns])],
        section="Anliegen",
    )
    report = Report(
        Period.year(2025),
        Table("figures", "Kennzahlen", "Kennzahl", columns, []),
        [Section("Anliegen", [grid])],
        offices,
    )
    content = exports.pdf(
        report, title=TITLE, subtitle="2025", office_name="Land", texts=[]
    )
    pages = PdfReader(io.BytesIO(content)).pages
    sideways = [page for page in pages if page.mediabox.width > page.mediabox.height]
    assert len(sideways) == 1
    assert "Ludwigslust-Parchim" in sideways[0].extract_text()


@pytest.mark.django_db
def test_files_of_a_counted_office_agree_with_each_other(counted):
    from reports.statistics import office_report

    report = office_report(counted.erz, Period.year(2025))
    xlsx = cells_of_sheets(
        list(xlsx_sheets(exports.xlsx(report, title=TITLE)).values())
    )
    ods = cells_of_sheets(list(ods_sheets(exports.ods(report, title=TITLE)).values()))
    assert (
        xlsx == ods == csv_cells(exports.csv(report, title=TITLE)) == expected(report)
    )
    text = PdfReader(
        io.BytesIO(
            exports.pdf(
                report, title=TITLE, subtitle="2025", office_name="Erz", texts=[]
            )
        )
    ).pages
    assert any(report.tables[0].caption in page.extract_text() for page in text)


def test_office_text_is_split_into_paragraphs_on_empty_lines():
    body = "Erster Absatz,\r\nzweite Zeile.\r\n  \r\nZweiter Absatz.\n\n\n"
    assert exports.paragraphs(body) == [
        "Erster Absatz,\nzweite Zeile.",
        "Zweiter Absatz.",
    ]
