"""A report as files: a tagged PDF to read and print, and the same numbers as
XLSX, ODS and CSV to work with.

All four are written from the same Report, cell by cell: a shown number is
a number in every file (rounded as on screen), a hidden one is its text
("< 5", "hidden", "–"), never its value, which the Report does not have.

Spreadsheets are written with openpyxl (XLSX) and odfpy (ODS) directly,
not through tablib: the files need number formats per cell (euros, one
decimal for hours) and several tables per sheet, which tablib cannot set.
"""

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, get_language_bidi, gettext
from odf.number import CurrencyStyle, CurrencySymbol, Number, NumberStyle
from odf.number import Text as NumberText
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableColumnProperties, TextProperties
from odf.table import Table as OdsTable
from odf.table import TableCell, TableColumn, TableRow
from odf.text import P
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from lib.pdf import html_to_pdf
from lib.spreadsheets import defused, excel_csv

from .models import ReportText
from .statistics import Report, Table
from .suppression import COUNT, HOURS, MONEY, PLACES, RATIO, Cell

# --- PDF -----------------------------------------------------------------------


@dataclass(frozen=True)
class Chapter:
    heading: str
    paragraphs: list[str]


def paragraphs(body: str) -> list[str]:
    """The office's text split on empty lines; single line breaks stay."""
    parts = re.split(r"\n[ \t]*\n", body.replace("\r\n", "\n").strip())
    return [part.strip() for part in parts if part.strip()]


# Tables with more columns (offices side by side) get a page turned sideways.
UPRIGHT_COLUMNS = 4


@dataclass(frozen=True)
class Part:
    """A section of the PDF: its title, its tables, and whether its pages
    are turned sideways."""

    title: str
    tables: list[Table]

    @property
    def wide(self) -> bool:
        return any(len(t.columns) > UPRIGHT_COLUMNS and t.rows for t in self.tables)


def pdf(
    report: Report,
    *,
    title: str,
    subtitle: str,
    office_name: str,
    texts: Sequence[ReportText],
) -> bytes:
    chapters = [Chapter(text.heading, paragraphs(text.body)) for text in texts]
    html = render_to_string(
        "reports/pdf/report.html",
        {
            "report": report,
            "figures": Part(report.figures.caption, [report.figures]),
            "parts": [
                Part(section.title, section.tables) for section in report.sections
            ],
            "title": title,
            "subtitle": subtitle,
            "office_name": office_name,
            "chapters": chapters,
            "language": get_language(),
            "bidi": get_language_bidi(),
            "made_on": timezone.localdate(),
        },
    )
    return html_to_pdf(html)


# --- What the spreadsheets hold --------------------------------------------------

# How a line of a sheet looks.
TITLE, HEADING, HEADER, BODY, TOTAL, NOTE = (
    "title",
    "heading",
    "header",
    "body",
    "total",
    "note",
)


@dataclass(frozen=True)
class Line:
    # Text, or a cell of the report (a number unless it is hidden).
    values: list[str | Cell] = field(default_factory=list)
    style: str = BODY


@dataclass(frozen=True)
class Sheet:
    name: str
    lines: list[Line]


def number(cell: Cell) -> int | float | None:
    """A shown cell's number, rounded as it is shown; None when hidden."""
    if cell.value is None:
        return None
    rounded = cell.rounded
    return rounded if isinstance(rounded, int) or rounded is None else float(rounded)


def _none_found(table: Table) -> str:
    return gettext("%(caption)s: none in this period.") % {"caption": table.caption}


def _table_lines(table: Table) -> list[Line]:
    if not table.rows:
        return [Line([_none_found(table)]), Line()]
    lines = [
        Line([table.caption], HEADING),
        Line([table.header, *table.columns], HEADER),
        *[Line([row.label, *row.cells]) for row in table.rows],
    ]
    if table.total:
        lines.append(Line([table.total.label, *table.total.cells], TOTAL))
    if table.note:
        lines.append(Line([table.note], NOTE))
    return [*lines, Line()]


def _period_text(report: Report) -> str:
    return gettext("Concerns opened from %(start)s to %(end)s.") % {
        "start": date_format(report.period.start, "DATE_FORMAT"),
        "end": date_format(report.period.end, "DATE_FORMAT"),
    }


def _sheets(report: Report, title: str) -> list[Sheet]:
    first = [
        Line([title], TITLE),
        Line([_period_text(report)]),
        Line(
            [
                gettext(
                    "Numbers below 5 are shown as “< 5”; where a total would give "
                    "such a number away, one more number is hidden and shown as "
                    "“hidden”."
                )
            ]
        ),
        Line(),
        *_table_lines(report.figures),
    ]
    names = sheet_names(
        [report.figures.caption, *[section.title for section in report.sections]]
    )
    sheets = [Sheet(names[0], first)]
    for name, section in zip(names[1:], report.sections, strict=True):
        lines = [Line([section.title], TITLE), Line()]
        for table in section.tables:
            lines += _table_lines(table)
        sheets.append(Sheet(name, lines))
    return sheets


SHEET_NAME_LENGTH = 31
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def sheet_names(titles: Sequence[str]) -> list[str]:
    """Names Excel and LibreOffice accept: at most 31 characters, none of
    []:*?/\\, not starting or ending with an apostrophe, and unique
    (regardless of case)."""
    names: list[str] = []
    taken: set[str] = set()
    for title in titles:
        base = NOT_IN_SHEET_NAMES.sub("-", title).strip().strip("'").strip()
        base = base or gettext("Sheet")
        name, count = base[:SHEET_NAME_LENGTH], 1
        while name.casefold() in taken:
            count += 1
            suffix = f" ({count})"
            name = base[: SHEET_NAME_LENGTH - len(suffix)].rstrip() + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


# --- XLSX ------------------------------------------------------------------------

XLSX_FORMATS = {
    COUNT: "#,##0",
    HOURS: "#,##0.0",
    MONEY: '#,##0.00 "€"',
    RATIO: "#,##0.0",
}
XLSX_FONTS = {
    TITLE: Font(bold=True, size=14),
    HEADING: Font(bold=True),
    HEADER: Font(bold=True),
    TOTAL: Font(bold=True),
    NOTE: Font(italic=True),
}


def xlsx(report: Report, *, title: str) -> bytes:
    book = Workbook()
    for sheet in _sheets(report, title):
        worksheet = book.create_sheet(sheet.name)
        for row_number, line in enumerate(sheet.lines, start=1):
            for column, value in enumerate(line.values, start=1):
                cell = worksheet.cell(row=row_number, column=column)
                shown = number(value) if isinstance(value, Cell) else None
                if isinstance(value, Cell) and shown is not None:
                    cell.value = shown
                    cell.number_format = XLSX_FORMATS[value.kind]
                else:
                    cell.value = str(value)
                    # Text starting with "=" stays text, not a formula.
                    cell.data_type = "s"
                if line.style in XLSX_FONTS:
                    cell.font = XLSX_FONTS[line.style]
        labels = [
            len(str(line.values[0]))
            for line in sheet.lines
            if line.values and line.style in (HEADER, BODY, TOTAL)
        ]
        worksheet.column_dimensions["A"].width = min(60, max([12, *labels]) + 2)
        for number_column in range(2, worksheet.max_column + 1):
            worksheet.column_dimensions[get_column_letter(number_column)].width = 16
    del book[book.sheetnames[0]]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- ODS -------------------------------------------------------------------------


def _ods_styles(document: OpenDocumentSpreadsheet) -> dict[str, Style]:
    """Cell styles by kind of number and by look of the line."""
    styles = document.automaticstyles
    formats = {}
    for kind, places in ((COUNT, 0), (HOURS, 1), (RATIO, 1)):
        data = NumberStyle(name=f"number-{kind}")
        data.addElement(
            Number(decimalplaces=places, minintegerdigits=1, grouping="true")
        )
        styles.addElement(data)
        formats[kind] = data
    euro = CurrencyStyle(name=f"number-{MONEY}")
    euro.addElement(Number(decimalplaces=2, minintegerdigits=1, grouping="true"))
    euro.addElement(NumberText(text=" "))
    euro.addElement(CurrencySymbol(language="de", country="DE", text="€"))
    styles.addElement(euro)
    formats[MONEY] = euro
    found = {}
    for kind, data in formats.items():
        style = Style(name=kind, family="table-cell", datastylename=data)
        styles.addElement(style)
        found[kind] = style
    looks = {
        TITLE: {"fontweight": "bold", "fontsize": "14pt"},
        HEADING: {"fontweight": "bold"},
        HEADER: {"fontweight": "bold"},
        TOTAL: {"fontweight": "bold"},
        NOTE: {"fontstyle": "italic"},
    }
    for look, properties in looks.items():
        style = Style(name=look, family="table-cell")
        style.addElement(TextProperties(**properties))
        styles.addElement(style)
        found[look] = style
        for kind, data in formats.items():
            # A bold total with its number format.
            both = Style(name=f"{look}-{kind}", family="table-cell", datastylename=data)
            both.addElement(TextProperties(**properties))
            styles.addElement(both)
            found[f"{look}-{kind}"] = both
    for name, width in (("labels", "7cm"), ("numbers", "3.2cm")):
        column = Style(name=name, family="table-column")
        column.addElement(TableColumnProperties(columnwidth=width))
        styles.addElement(column)
        found[name] = column
    return found


def ods(report: Report, *, title: str) -> bytes:
    document = OpenDocumentSpreadsheet()
    styles = _ods_styles(document)
    for sheet in _sheets(report, title):
        table = OdsTable(name=sheet.name)
        width = max(len(line.values) for line in sheet.lines)
        table.addElement(TableColumn(stylename=styles["labels"]))
        if width > 1:
            table.addElement(
                TableColumn(
                    stylename=styles["numbers"], numbercolumnsrepeated=width - 1
                )
            )
        for line in sheet.lines:
            row = TableRow()
            for value in line.values:
                row.addElement(_ods_cell(value, line.style, styles))
            table.addElement(row)
        document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _ods_cell(value: str | Cell, look: str, styles: dict[str, Style]) -> TableCell:
    shown = number(value) if isinstance(value, Cell) else None
    if isinstance(value, Cell) and shown is not None:
        style = styles.get(f"{look}-{value.kind}", styles[value.kind])
        cell = TableCell(valuetype="float", value=shown, stylename=style)
    else:
        cell = TableCell(valuetype="string")
        if look in styles:
            cell.setAttribute("stylename", styles[look])
    cell.addElement(P(text=str(value)))
    return cell


# --- CSV -------------------------------------------------------------------------


# Text a spreadsheet would take for a formula (a topic named "=HYPERLINK(…)").
def _csv_value(cell: Cell) -> str:
    """Plain digits with a decimal comma, no grouping and no unit: German
    Excel reads them as numbers, as the office's other CSV files."""
    if cell.value is None:
        return str(cell)
    if isinstance(cell.value, int):
        return str(cell.value)
    return f"{cell.rounded:.{PLACES[cell.kind]}f}".replace(".", ",")


def _csv_lines(report: Report) -> Iterator[tuple[str, Table]]:
    yield report.figures.caption, report.figures
    for section in report.sections:
        for table in section.tables:
            yield section.title, table


def csv(report: Report, *, title: str) -> bytes:
    """Long format, one line per cell (totals and key figures included):
    report; period; section; table; row; column; value."""
    lines = [
        [
            gettext("Report"),
            gettext("Period"),
            gettext("Section"),
            gettext("Table"),
            gettext("Row"),
            gettext("Column"),
            gettext("Value"),
        ]
    ]
    period = str(report.period)
    for section, table in _csv_lines(report):
        rows = [*table.rows, *([table.total] if table.total else [])]
        for row in rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                texts = [title, period, section, table.caption, row.label, column]
                lines.append([*map(defused, texts), _csv_value(cell)])
    return excel_csv(lines)
