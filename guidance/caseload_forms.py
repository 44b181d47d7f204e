"""The period chooser of the caseload page (sent by GET)."""

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lib.forms import KernForm

from .caseload import MAX_MONTHS, month_index

MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
FIRST_YEAR, LAST_YEAR = 2000, 2099


class MonthInput(forms.DateInput):
    # Browsers without a month picker show a text box: the hint gives the form.
    input_type = "month"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m")

    def format_value(self, value: Any) -> str | None:
        formatted = super().format_value(value)
        # A value that is no month would make the page invalid HTML; the
        # error message says what was wrong instead.
        if formatted and not MONTH.fullmatch(str(formatted)):
            return None
        return formatted


class MonthField(forms.DateField):
    """A month as YYYY-MM; the value is its first day."""

    widget = MonthInput
    input_formats = ["%Y-%m"]
    default_error_messages = {
        "invalid": _("Enter a month as year and month, for example 2026-05."),
    }

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise ValidationError(
                _("Enter a month between %(first)d and %(last)d.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
                code="out_of_range",
            )


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
