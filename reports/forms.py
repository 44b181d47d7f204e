from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.forms import KernForm

from .statistics import Period


def date_input() -> forms.DateInput:
    # type=date shows the browser's date picker; it sends and expects ISO dates.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(KernForm):
    """The period on the statistics pages, sent by GET so that it can be linked."""

    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=date_input(),
        help_text=_("Concerns opened on or after this day."),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=date_input(),
        help_text=_("Concerns opened on or before this day."),
    )

    def __init__(self, *args, **kwargs) -> None:
        self.default_period = Period.year_so_far(timezone.localdate())
        kwargs.setdefault(
            "initial",
            {"start": self.default_period.start, "end": self.default_period.end},
        )
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        data["end"] = data.get("end") or self.default_period.end
        data["start"] = data.get("start") or data["end"].replace(month=1, day=1)
        if data["start"] > data["end"]:
            self.add_error("start", _("The start must not be after the end."))
        return data

    def period(self) -> Period | None:
        """The chosen period, the current year so far when none was chosen,
        None when the input is invalid."""
        if not self.is_bound:
            return self.default_period
        if not self.is_valid():
            return None
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])
