import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Office, Site, User
from lib.forms import DateInput, KernForm, KernModelForm

from .models import ReportKind, ReportText
from .scope import Period

# Reports for years Lotse can hold; anything else is a typing error.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def check_span(form: forms.Form, start: datetime.date, end: datetime.date) -> None:
    """A period runs forwards, within the years Lotse can hold."""
    if start > end:
        form.add_error("start", _("The start must not be after the end."))
    elif not FIRST_YEAR <= start.year <= end.year <= LAST_YEAR:
        form.add_error(
            "start",
            _("Choose days from %(first)d to %(last)d.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
        )


class PeriodForm(KernForm):
    """The period of the statistics, sent by GET so that it can be linked."""

    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=DateInput(),
        help_text=_("Concerns opened on or after this day."),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=DateInput(),
        help_text=_("Concerns opened on or before this day."),
    )

    def __init__(self, *args, **kwargs) -> None:
        self.default_period = self.default(timezone.localdate())
        kwargs.setdefault(
            "initial",
            {"start": self.default_period.start, "end": self.default_period.end},
        )
        super().__init__(*args, **kwargs)

    def default(self, today: datetime.date) -> Period:
        return Period.year_so_far(today)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        data["end"] = data.get("end") or self.default_period.end
        data["start"] = data.get("start") or data["end"].replace(month=1, day=1)
        check_span(self, data["start"], data["end"])
        return data

    def period(self) -> Period | None:
        """The chosen period, the default one when none was chosen, None when
        the input is invalid."""
        if not self.is_bound:
            return self.default_period
        if not self.is_valid():
            return None
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])


class DashboardForm(PeriodForm):
    """The office's month at a glance, narrowed to a site or a staff member."""

    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.none(),
        required=False,
        empty_label=_("All sites"),
    )
    staff = forms.ModelChoiceField(
        label=_("Assigned to"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Everyone"),
    )
    compare = forms.BooleanField(
        label=_("Compare with the period before"),
        required=False,
        help_text=_("The same number of days before, or the month or year before."),
    )

    def __init__(self, *args, office: Office, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = office.sites.order_by("name")  # type: ignore[attr-defined]
        self.fields["staff"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            office=office, is_active=True
        ).order_by("last_name", "first_name")

    def default(self, today: datetime.date) -> Period:
        return Period.month_of(today)

    def choice(self, name: str) -> int | None:
        if not self.is_bound or not self.is_valid() or not self.cleaned_data[name]:
            return None
        return self.cleaned_data[name].pk

    @property
    def comparing(self) -> bool:
        return self.is_bound and self.is_valid() and self.cleaned_data["compare"]


YEAR, SPAN = "year", "span"


class ReportRequestForm(KernForm):
    """A report file to be made in the background: the activity report of a
    year, or a report for any period (e.g. for the county council)."""

    span = forms.ChoiceField(
        label=_("Period"),
        choices=[
            (YEAR, _("A calendar year (the activity report, with your texts)")),
            (SPAN, _("Any period (e.g. for a council meeting)")),
        ],
        widget=forms.RadioSelect,
        initial=YEAR,
    )
    year = forms.IntegerField(
        label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False
    )
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    compare = forms.BooleanField(
        label=_("Compare with the period before"), required=False, initial=True
    )

    def __init__(self, *args, state: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year - 1
        if state:
            # The state-wide numbers have no texts and compare nothing.
            self.fields["span"].choices = [  # type: ignore[attr-defined]
                (YEAR, _("A calendar year")),
                (SPAN, _("Any period")),
            ]
            del self.fields["compare"]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        data.setdefault("compare", False)
        if data["span"] == YEAR:
            if not data.get("year"):
                self.add_error("year", _("Enter the year of the report."))
            return data
        for name in ("start", "end"):
            if not data.get(name):
                self.add_error(name, _("Enter the first and the last day."))
        if not self.errors:
            check_span(self, data["start"], data["end"])
        return data

    @property
    def kind(self) -> str:
        if self.cleaned_data["span"] == YEAR:
            return ReportKind.YEARLY
        return ReportKind.COUNCIL

    def period(self) -> Period:
        data = self.cleaned_data
        if data["span"] == YEAR:
            return Period.year(data["year"])
        return Period(data["start"], data["end"])


class ReportTextForm(KernModelForm):
    class Meta:
        model = ReportText
        fields = ["year", "position", "heading", "body"]

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise forms.ValidationError(
                _("Choose a year from %(first)d to %(last)d.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return year
