"""Monthly statements, the payment export and demand: pages and downloads.

Downloads for spreadsheets come twice. CSV for German spreadsheets:
separated by semicolons, UTF-8 with a byte order mark (so that Excel reads
umlauts right), decimal comma, dates as DD.MM.YYYY, no thousands separator,
whatever the page language. XLSX with real numbers and a euro format, for
anyone who computes on. Text that a spreadsheet would run as a formula is
defused in both. The PDF is a tagged PDF/UA-1 in the page's language.
"""

import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from accounts.decorators import staff_required
from accounts.http import StaffRequest
from accounts.models import Office
from lib.pdf import html_to_pdf
from lib.spreadsheets import defused, excel_csv

from .access import DEMAND_ROLES, PAY_ROLES, get_mediator_for, require
from .demand import default_period, demand
from .money_forms import MonthForm, PeriodForm
from .statements import PaymentExport, Statement, monthly_statement, payment_export

Cell = str | int | Decimal | datetime.date | None


# --- Pages -------------------------------------------------------------------


@staff_required(*PAY_ROLES)
def statement_current(request: StaffRequest, pk: int) -> HttpResponse:
    mediator = get_mediator_for(request.user, pk, PAY_ROLES)
    return redirect("mediators:statement", pk=mediator.pk, month=_this_month())


@staff_required(*PAY_ROLES)
def statement(request: StaffRequest, pk: int, month: datetime.date) -> HttpResponse:
    mediator = get_mediator_for(request.user, pk, PAY_ROLES)
    form = _month_form(request, month)
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data["month"]
        return redirect("mediators:statement", pk=mediator.pk, month=chosen)
    context = {
        "nav": "mediators",
        "statement": monthly_statement(mediator, month.year, month.month),
        "office": mediator.office,
        "month_form": form,
    } | _neighbours(month)
    return render(request, "mediators/money/statement.html", context)


@staff_required(*PAY_ROLES)
def payments_current(request: StaffRequest) -> HttpResponse:
    require(request.user, PAY_ROLES)
    return redirect("mediators:payments", month=_this_month())


@staff_required(*PAY_ROLES)
def payments(request: StaffRequest, month: datetime.date) -> HttpResponse:
    office = _office(request)
    form = _month_form(request, month)
    if form.is_bound and form.is_valid():
        return redirect("mediators:payments", month=form.cleaned_data["month"])
    context = {
        "nav": "mediators",
        "export": payment_export(office, month.year, month.month),
        "month_form": form,
    } | _neighbours(month)
    return render(request, "mediators/money/payments.html", context)


@staff_required(*DEMAND_ROLES)
def demand_view(request: StaffRequest) -> HttpResponse:
    """Aggregates only: requests, gaps and coverage, never a name."""
    office_id = require(request.user, DEMAND_ROLES)
    form = PeriodForm(request.GET or None, default=default_period(timezone.localdate()))
    period = form.period()
    context = {
        "nav": "mediators",
        "form": form,
        "demand": demand(office_id, *period) if period else None,
    }
    return render(request, "mediators/money/demand.html", context)


def _this_month() -> datetime.date:
    return timezone.localdate().replace(day=1)


def _office(request: StaffRequest) -> Office:
    require(request.user, PAY_ROLES)
    office = request.user.office
    assert office is not None  # require() refuses users without an office
    return office


def _month_form(request: StaffRequest, month: datetime.date) -> MonthForm:
    """Bound when the month switcher was sent, so that a typo shows in it."""
    if "month" in request.GET:
        return MonthForm(request.GET)
    return MonthForm(initial={"month": month})


def _neighbours(month: datetime.date) -> dict[str, datetime.date]:
    previous = (month - datetime.timedelta(days=1)).replace(day=1)
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    return {"month": month, "previous": previous, "next": following}


# --- Statement downloads -----------------------------------------------------


def _statement_for(request: StaffRequest, pk: int, month: datetime.date) -> Statement:
    mediator = get_mediator_for(request.user, pk, PAY_ROLES)
    return monthly_statement(mediator, month.year, month.month)


def _statement_name(statement: Statement, extension: str) -> str:
    name = slugify(f"{statement.mediator.last_name} {statement.mediator.first_name}")
    prefix = slugify(pgettext("file name", "statement"))
    return f"{prefix}-{name}-{statement.month:%Y-%m}.{extension}"


def _statement_table(statement: Statement) -> tuple[list[str], list[list[Cell]]]:
    header = [
        _("Date"),
        _("Language"),
        _("Work (min)"),
        _("Travel (min)"),
        _("Kilometres"),
        _("Fee (EUR)"),
        _("Travel cost (EUR)"),
        _("Total (EUR)"),
        _("Rate valid from"),
        _("Explanation"),
    ]
    rows: list[list[Cell]] = [
        [
            line.day,
            line.language_name,
            line.work_minutes,
            line.travel_minutes,
            line.km,
            line.fee,
            line.travel_cost,
            line.total,
            line.rate_from,
            line.why,
        ]
        for line in statement.lines
    ]
    rows.append(
        [
            _("Total"),
            None,
            None,
            None,
            statement.km,
            statement.fee,
            statement.travel_cost,
            statement.total,
            None,
            None,
        ]
    )
    return header, rows


# Columns holding euros, kilometres and dates in the tables above.
STATEMENT_MONEY = {5, 6, 7}
STATEMENT_KM = {4}


@staff_required(*PAY_ROLES)
def statement_csv(request: StaffRequest, pk: int, month: datetime.date) -> HttpResponse:
    found = _statement_for(request, pk, month)
    header, rows = _statement_table(found)
    return _csv(_statement_name(found, "csv"), header, rows)


@staff_required(*PAY_ROLES)
def statement_xlsx(
    request: StaffRequest, pk: int, month: datetime.date
) -> HttpResponse:
    found = _statement_for(request, pk, month)
    header, rows = _statement_table(found)
    return _xlsx(
        _statement_name(found, "xlsx"),
        f"{month:%Y-%m}",
        header,
        rows,
        money=STATEMENT_MONEY,
        km=STATEMENT_KM,
    )


@staff_required(*PAY_ROLES)
def statement_pdf(request: StaffRequest, pk: int, month: datetime.date) -> HttpResponse:
    found = _statement_for(request, pk, month)
    title = _("Statement %(month)s: %(mediator)s") % {
        "month": date_format(month, "YEAR_MONTH_FORMAT"),
        "mediator": found.mediator,
    }
    html = render_to_string(
        "mediators/money/statement_pdf.html",
        {
            "statement": found,
            "office": found.mediator.office,
            "title": title,
            "language": get_language(),
            "made_on": timezone.localdate(),
        },
    )
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    name = _statement_name(found, "pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- Payment downloads -------------------------------------------------------


def _payments_table(export: PaymentExport) -> tuple[list[str], list[list[Cell]]]:
    header = [
        _("Mediator"),
        _("Paid assignments"),
        _("Hours paid"),
        _("Kilometres"),
        _("Total (EUR)"),
    ]
    rows: list[list[Cell]] = [
        [str(row.mediator), row.count, row.hours, row.km, row.total]
        for row in export.rows
    ]
    rows.append([_("Total"), export.count, export.hours, export.km, export.total])
    return header, rows


def _payments_name(month: datetime.date, extension: str) -> str:
    prefix = slugify(pgettext("file name", "payments"))
    return f"{prefix}-{month:%Y-%m}.{extension}"


@staff_required(*PAY_ROLES)
def payments_csv(request: StaffRequest, month: datetime.date) -> HttpResponse:
    header, rows = _payments_table(payment_export(_office(request), *_ym(month)))
    return _csv(_payments_name(month, "csv"), header, rows)


@staff_required(*PAY_ROLES)
def payments_xlsx(request: StaffRequest, month: datetime.date) -> HttpResponse:
    header, rows = _payments_table(payment_export(_office(request), *_ym(month)))
    return _xlsx(
        _payments_name(month, "xlsx"),
        f"{month:%Y-%m}",
        header,
        rows,
        money={4},
        km={3},
        hours={2},
    )


def _ym(month: datetime.date) -> tuple[int, int]:
    return month.year, month.month


# --- Spreadsheet writers -----------------------------------------------------


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, datetime.date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, int):
        return str(value)
    return defused(value)


def _csv(name: str, header: list[str], rows: Iterable[Sequence[Cell]]) -> HttpResponse:
    lines = [[defused(text) for text in header]]
    lines += [[_csv_cell(value) for value in row] for row in rows]
    content = excel_csv(lines)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


EURO = '#,##0.00 "€"'
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(
    name: str,
    sheet: str,
    header: list[str],
    rows: Iterable[Sequence[Cell]],
    *,
    money: set[int],
    km: set[int],
    hours: set[int] | None = None,
) -> HttpResponse:
    book = Workbook()
    worksheet = book.active
    assert worksheet is not None
    worksheet.title = sheet
    for column, text in enumerate(header, start=1):
        cell = worksheet.cell(row=1, column=column, value=text)
        cell.font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for index, value in enumerate(row):
            cell = worksheet.cell(row=row_number, column=index + 1, value=value)
            if isinstance(value, str):
                # openpyxl treats text starting with "=" as a formula.
                cell.data_type = "s"
            elif isinstance(value, datetime.date):
                cell.number_format = "DD.MM.YYYY"
            elif index in money:
                cell.number_format = EURO
            elif index in km or index in (hours or set()):
                cell.number_format = "0.0" if index in km else "0.00"
    worksheet.freeze_panes = "A2"
    for number, cells in enumerate(worksheet.columns, start=1):
        widest = max(len(str(cell.value or "")) for cell in cells)
        width = min(60, max(10, widest + 2))
        worksheet.column_dimensions[get_column_letter(number)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
