"""URLs of this part of the mediators app (see mediators/urls.py): money
(statements, the payment export) and demand."""

import datetime

from django.urls import URLPattern, path, register_converter

from . import money_views
from .statements import FIRST_YEAR, LAST_YEAR


class MonthConverter:
    """A month as YYYY-MM in the path, its first day in the view; a month
    that does not exist (2026-13) matches nothing and so is a 404."""

    regex = "[0-9]{4}-[0-9]{2}"

    def to_python(self, value: str) -> datetime.date:
        month = datetime.datetime.strptime(value, "%Y-%m").date()
        if not FIRST_YEAR <= month.year <= LAST_YEAR:
            raise ValueError(value)
        return month

    def to_url(self, value: datetime.date) -> str:
        return f"{value:%Y-%m}"


register_converter(MonthConverter, "yearmonth")

urlpatterns: list[URLPattern] = [
    path(
        "<int:pk>/statement/",
        money_views.statement_current,
        name="statement_current",
    ),
    path(
        "<int:pk>/statement/<yearmonth:month>/",
        money_views.statement,
        name="statement",
    ),
    path(
        "<int:pk>/statement/<yearmonth:month>/pdf/",
        money_views.statement_pdf,
        name="statement_pdf",
    ),
    path(
        "<int:pk>/statement/<yearmonth:month>/csv/",
        money_views.statement_csv,
        name="statement_csv",
    ),
    path(
        "<int:pk>/statement/<yearmonth:month>/xlsx/",
        money_views.statement_xlsx,
        name="statement_xlsx",
    ),
    path("payments/", money_views.payments_current, name="payments_current"),
    path("payments/<yearmonth:month>/", money_views.payments, name="payments"),
    path(
        "payments/<yearmonth:month>/csv/",
        money_views.payments_csv,
        name="payments_csv",
    ),
    path(
        "payments/<yearmonth:month>/xlsx/",
        money_views.payments_xlsx,
        name="payments_xlsx",
    ),
    path("demand/", money_views.demand_view, name="demand"),
]
