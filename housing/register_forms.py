"""Forms of the register: accommodations, their counts and staffing, the
office's care ratio rule, and the overview's filter."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Office
from directory.models import Partner, PartnerKind
from lib.forms import DateInput, KernForm, KernModelForm, model_choice_field

from .models import Accommodation, Kind, Occupancy, Settings, Staffing

EARLIEST = datetime.date(2000, 1, 1)


class NumberInput(forms.NumberInput):
    """Drops a typed value that is no number when the form comes back: the
    browser would drop it too, and it would make the page invalid HTML; the
    error message says what was wrong."""

    def format_value(self, value: Any) -> str | None:
        formatted = super().format_value(value)
        try:
            Decimal(str(formatted))
        except (InvalidOperation, ValueError):
            return None
        return formatted


def provider_choices(office: Office, *keep: int | None) -> QuerySet[Partner]:
    """Active partners of the office, those of the kind "accommodation
    operator or social care" first; the ones already chosen stay choosable."""
    chosen = [pk for pk in keep if pk]
    partners = Partner.objects.filter(Q(active=True) | Q(pk__in=chosen), office=office)
    first = Case(
        When(kind=PartnerKind.ACCOMMODATION, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return partners.order_by(first, "name")


class AccommodationForm(KernModelForm):
    class Meta:
        model = Accommodation
        fields = [
            "name",
            "kind",
            "address",
            "municipality",
            "operator",
            "social_care",
            "capacity",
            "family_places",
            "accessible_places",
            "on_portal",
            "active",
            "notes",
        ]
        widgets = {
            "capacity": NumberInput,
            "family_places": NumberInput,
            "accessible_places": NumberInput,
            "address": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "operator": _(
                "Partners of the kind \u201caccommodation operator or social "
                "care\u201d are listed first."
            ),
        }

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.office = office
        self.instance.office = office
        instance = self.instance
        partners = provider_choices(
            office, instance.operator_id, instance.social_care_id
        )
        model_choice_field(self, "operator").queryset = partners
        model_choice_field(self, "social_care").queryset = partners
        municipalities = Municipality.objects.filter(office=office)
        model_choice_field(self, "municipality").queryset = municipalities
        self.same_provider = self._typed_same_provider()
        if self.same_provider:
            self.fields["confirm_same_provider"] = forms.BooleanField(
                label=_(
                    "Yes, the same partner runs the accommodation and gives "
                    "the social care."
                ),
                error_messages={
                    "required": _(
                        "Operator and social care provider are the same "
                        "partner, and seed 002 asks for different providers. "
                        "Choose another provider, or tick this box to save anyway."
                    )
                },
            )

    def _typed_same_provider(self) -> bool:
        if not self.is_bound:
            return False
        operator = str(self.data.get("operator") or "")
        return bool(operator) and operator == str(self.data.get("social_care") or "")

    def clean_name(self) -> str:
        # The office is not a form field, so Django skips the unique constraint.
        name = self.cleaned_data["name"]
        others = Accommodation.objects.filter(office=self.office, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("The office already has an accommodation with this name.")
            )
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        capacity = data.get("capacity")
        if capacity is None:
            return data
        if (data.get("family_places") or 0) > capacity:
            self.add_error(
                "family_places",
                _(
                    "There cannot be more places for families than places "
                    "(%(capacity)s)."
                )
                % {"capacity": capacity},
            )
        if (data.get("accessible_places") or 0) > capacity:
            self.add_error(
                "accessible_places",
                _(
                    "There cannot be more places for people with disabilities "
                    "than places (%(capacity)s)."
                )
                % {"capacity": capacity},
            )
        return data


def check_day(day: datetime.date) -> datetime.date:
    if day > timezone.localdate():
        raise forms.ValidationError(
            _("The day lies in the future. Enter a day up to today.")
        )
    if day < EARLIEST:
        raise forms.ValidationError(_("Enter a date from the year 2000 on."))
    return day


class OccupancyForm(KernModelForm):
    """A count of residents on a day; a second count of the same day
    replaces the first (it corrects it)."""

    class Meta:
        model = Occupancy
        fields = ["on", "residents"]
        labels = {"on": _("Counted on")}
        widgets = {"on": DateInput(), "residents": NumberInput()}

    def clean_on(self) -> datetime.date:
        return check_day(self.cleaned_data["on"])


class StaffingForm(KernModelForm):
    """Social care staff from a day on; a second entry of the same day
    replaces the first."""

    class Meta:
        model = Staffing
        fields = ["on", "fte"]
        labels = {"on": _("From")}
        widgets = {"on": DateInput, "fte": NumberInput(attrs={"step": "0.01"})}
        help_texts = {
            "fte": _("For example 1.5 for one full-time and one half-time worker.")
        }

    def clean_on(self) -> datetime.date:
        return check_day(self.cleaned_data["on"])


class SettingsForm(KernModelForm):
    class Meta:
        model = Settings
        fields = ["max_residents_per_fte"]
        widgets = {"max_residents_per_fte": NumberInput}


class OverviewFilterForm(KernForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Kind.choices], required=False
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("All municipalities"),
    )
    inactive = forms.BooleanField(
        label=_("Show accommodations no longer in use"), required=False
    )

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queryset = Municipality.objects.filter(office=office)
        model_choice_field(self, "municipality").queryset = queryset

    def apply(self, accommodations: QuerySet[Accommodation]) -> QuerySet[Accommodation]:
        """Filter by what is valid; a broken value is shown as an error."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if not data.get("inactive"):
            accommodations = accommodations.filter(active=True)
        if data.get("kind"):
            accommodations = accommodations.filter(kind=data["kind"])
        if data.get("municipality"):
            accommodations = accommodations.filter(municipality=data["municipality"])
        return accommodations
