"""Month choosers of the statement, payment and demand pages (sent by GET)."""

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from lib.forms import KernForm, MonthField

from .statements import FIRST_YEAR, LAST_YEAR


class MonthForm(KernForm):
    month = MonthField(
        first_year=FIRST_YEAR,
        last_year=LAST_YEAR,
        label=_("Month"),
        help_text=_("For example 2026-05."),
    )


class PeriodForm(KernForm):
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
        if data["start"] > data["end"]:
            self.add_error("start", _("The first month must not be after the last."))
        return data

    def period(self) -> tuple[datetime.date, datetime.date] | None:
        """The chosen first and last month, the default when none was chosen,
        None when the input is invalid."""
        if not self.is_bound:
            return self.default
        if not self.is_valid():
            return None
        return self.cleaned_data["start"], self.cleaned_data["end"]
