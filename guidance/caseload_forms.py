"""The period chooser of the caseload page (sent by GET)."""

import datetime

from django.utils.translation import gettext_lazy as _

from lib.forms import MonthField, MonthSpanForm
from lib.months import month_index

from .caseload import MAX_MONTHS


class CaseloadPeriodForm(MonthSpanForm):
    start = MonthField(
        label=_("From month"), required=False, help_text=_("For example 2025-06.")
    )
    end = MonthField(
        label=_("To month"), required=False, help_text=_("For example 2026-05.")
    )

    def check_span(self, start: datetime.date, end: datetime.date) -> None:
        months = month_index(end) - month_index(start) + 1
        if months < 1:
            self.add_error("end", _("The last month must not be before the first."))
        elif months > MAX_MONTHS:
            self.add_error(
                "end",
                _("Choose at most %(most)d months; you chose %(chosen)d.")
                % {"most": MAX_MONTHS, "chosen": months},
            )
