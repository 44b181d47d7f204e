"""Month choosers of the statement, payment and demand pages (sent by GET)."""

import datetime

from django.utils.translation import gettext_lazy as _

from lib.forms import KernForm, MonthField, MonthSpanForm

from .statements import FIRST_YEAR, LAST_YEAR


class MonthForm(KernForm):
    month = MonthField(
        first_year=FIRST_YEAR,
        last_year=LAST_YEAR,
        label=_("Month"),
        help_text=_("For example 2026-05."),
    )


class PeriodForm(MonthSpanForm):
    start = MonthField(
        first_year=FIRST_YEAR,
        last_year=LAST_YEAR,
        label=_("From month"),
        required=False,
        help_text=_("For example 2025-06."),
    )
    end = MonthField(
        first_year=FIRST_YEAR,
        last_year=LAST_YEAR,
        label=_("To month"),
        required=False,
        help_text=_("For example 2026-05."),
    )

    def check_span(self, start: datetime.date, end: datetime.date) -> None:
        if start > end:
            self.add_error("start", _("The first month must not be after the last."))
