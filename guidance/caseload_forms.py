"""The period chooser of the caseload page (sent by GET)."""

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from lib.forms import KernForm, MonthField
from lib.months import month_index

from .caseload import MAX_MONTHS


class CaseloadPeriodForm(KernForm):
    start = MonthField(
        label=_("From month"), required=False, help_text=_("For example 2025-06.")
    )
    end = MonthField(
        label=_("To month"), required=False, help_text=_("For example 2026-05.")
    )

    def __init__(
        self, data: Any = None, *, default: tuple[datetime.date, datetime.date]
    ) -> None:
        self.default = default
        super().__init__(data, initial={"start": default[0], "end": default[1]})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        data["start"] = data.get("start") or self.default[0]
        data["end"] = data.get("end") or self.default[1]
        months = month_index(data["end"]) - month_index(data["start"]) + 1
        if months < 1:
            self.add_error("end", _("The last month must not be before the first."))
        elif months > MAX_MONTHS:
            self.add_error(
                "end",
                _("Choose at most %(most)d months; you chose %(chosen)d.")
                % {"most": MAX_MONTHS, "chosen": months},
            )
        return data

    def period(self) -> tuple[datetime.date, datetime.date] | None:
        """The chosen first and last month, the default when none was chosen,
        None when the input is invalid."""
        if not self.is_bound:
            return self.default
        if not self.is_valid():
            return None
        return self.cleaned_data["start"], self.cleaned_data["end"]
