"""Forms of the pool: mediators with their languages and weekly times, rates."""

import datetime
from typing import Any

from django import forms
from django.db.models import Q
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Office, Role, User
from lib.forms import (
    DateInput,
    KernForm,
    KernModelForm,
    TimeInput,
    choice_field,
    model_choice_field,
)
from lib.iso import language_choices, language_name

from .models import (
    Availability,
    Mediator,
    MediatorLanguage,
    MediatorQuerySet,
    Qualification,
    Rate,
    RateScheme,
)
from .upkeep import needing_upkeep

EARLIEST = datetime.date(2000, 1, 1)
YEARS_AHEAD = 30
DUPLICATE_SCHEME = _("The office already has a rate scheme with this name.")
DUPLICATE_RATE = _("The scheme already has a rate from this day.")


def check_plausible(day: datetime.date | None) -> None:
    """Refuse typing errors such as the year 20226 or 1026."""
    if day is None:
        return
    if day < EARLIEST:
        raise forms.ValidationError(_("Enter a date from the year 2000 on."))
    if day.year > timezone.localdate().year + YEARS_AHEAD:
        raise forms.ValidationError(_("Enter a date within the next 30 years."))


def pool_languages(office: Office) -> list[tuple[str, str]]:
    codes = MediatorLanguage.objects.filter(mediator__office=office).values_list(
        "language", flat=True
    )
    named = ((code, language_name(code)) for code in set(codes))
    return sorted(named, key=lambda item: item[1])


class MediatorFilterForm(KernForm):
    language = forms.ChoiceField(label=_("Language"), required=False)
    qualification = forms.ChoiceField(
        label=_("Qualification"),
        choices=[("", _("All qualifications")), *Qualification.choices],
        required=False,
    )
    needs_upkeep = forms.BooleanField(
        label=_("Only stale data or expiring documents"), required=False
    )
    show_inactive = forms.BooleanField(
        label=_("Show inactive mediators"), required=False
    )

    def __init__(self, *args: Any, office: Office, keeps_pool: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [("", _("All languages")), *pool_languages(office)]
        choice_field(self, "language").choices = choices
        if not keeps_pool:
            del self.fields["needs_upkeep"]

    def apply(
        self, mediators: MediatorQuerySet, today: datetime.date
    ) -> MediatorQuerySet:
        """Filter by what is valid; a broken filter value is shown as an error."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if not data.get("show_inactive"):
            mediators = mediators.active()
        if data.get("language"):
            mediators = mediators.speaking(data["language"])
        if data.get("qualification"):
            mediators = mediators.filter(qualification=data["qualification"])
        if data.get("needs_upkeep"):
            mediators = needing_upkeep(mediators, today)
        return mediators


def mediator_logins(office: Office, mediator: Mediator) -> Any:
    """Active mediator logins of the office not linked to another mediator;
    the mediator's own login stays choosable."""
    free = Q(is_active=True, role_grants__role=Role.MEDIATOR, mediator__isnull=True)
    if mediator.user_id is not None:
        free |= Q(pk=mediator.user_id)
    found = User.objects.filter(free, office=office).distinct()
    return found.order_by("last_name", "first_name")


class MediatorForm(KernModelForm):
    class Meta:
        model = Mediator
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "qualification",
            "user",
            "on_site",
            "by_phone",
            "by_video",
            "municipalities",
            "rate_scheme",
            "pledge_signed_on",
            "pledge_valid_until",
            "conduct_valid_until",
            "active",
            "note",
        ]
        help_texts = {
            "user": _(
                "Staff accounts with the role language mediator; with a login the "
                "mediator sees their own assignments."
            ),
        }
        widgets = {
            "municipalities": forms.CheckboxSelectMultiple,
            "pledge_signed_on": DateInput,
            "pledge_valid_until": DateInput,
            "conduct_valid_until": DateInput,
            "note": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.office = office
        field = self.fields["municipalities"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Municipality.objects.filter(office=office)
        if not field.queryset.exists():
            del self.fields["municipalities"]  # an office without: whole county
        schemes = RateScheme.objects.filter(office=office)
        model_choice_field(self, "rate_scheme").queryset = schemes
        logins = model_choice_field(self, "user")
        logins.queryset = mediator_logins(office, self.instance)
        logins.empty_label = _("No login")

    def clean_pledge_signed_on(self) -> datetime.date | None:
        day = self.cleaned_data["pledge_signed_on"]
        check_plausible(day)
        return day

    def clean_pledge_valid_until(self) -> datetime.date | None:
        day = self.cleaned_data["pledge_valid_until"]
        check_plausible(day)
        return day

    def clean_conduct_valid_until(self) -> datetime.date | None:
        day = self.cleaned_data["conduct_valid_until"]
        check_plausible(day)
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        signed, until = data.get("pledge_signed_on"), data.get("pledge_valid_until")
        if signed and until and until < signed:
            self.add_error(
                "pledge_valid_until",
                _("The pledge cannot run out before the day it was signed."),
            )
        if not any(data.get(mode) for mode in ("on_site", "by_phone", "by_video")):
            self.add_error(
                "on_site",
                _("Choose at least one way of working: on site, phone or video."),
            )
        return data


class LanguageForm(KernModelForm):
    language = forms.ChoiceField(label=_("Language"))

    class Meta:
        model = MediatorLanguage
        fields = ["language", "dialect", "level"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Choose a language")), *language_choices()]
        # A language stored outside the common list stays choosable.
        stored = self.instance.language
        if stored and stored not in dict(choices):
            choices.append((stored, language_name(stored)))
        choice_field(self, "language").choices = choices


class AvailabilityForm(KernModelForm):
    weekday = forms.TypedChoiceField(
        label=_("Weekday"),
        coerce=int,
        choices=[("", _("Choose a day")), *WEEKDAYS.items()],
    )

    class Meta:
        model = Availability
        fields = ["weekday", "start", "end"]
        widgets = {"start": TimeInput, "end": TimeInput}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        return data


class RowFormSet(BaseInlineFormSet):
    """Rows of a mediator; removing one is a checkbox, without JavaScript."""

    delete_label = _("Remove")

    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = self.delete_label

    def kept_forms(self) -> list[forms.BaseForm]:
        """Filled-in rows that are not being removed."""
        return [
            form
            for form in self.forms
            if (form.has_changed() or form.instance.pk is not None)
            and not form.cleaned_data.get("DELETE")
        ]


class LanguageFormSet(RowFormSet):
    delete_label = _("Remove this language")

    def clean(self) -> None:
        # Instead of Django's check of the unique constraint: its message names
        # database columns, this one names the language.
        if any(self.errors):
            return
        seen = set()
        for form in self.kept_forms():
            language = form.cleaned_data.get("language", "")
            dialect = form.cleaned_data.get("dialect", "")
            key = (language, " ".join(dialect.split()).casefold())
            if key in seen:
                name = language_name(language)
                shown = f"{name} – {dialect}" if dialect else name
                raise forms.ValidationError(
                    _("%(language)s is entered twice.") % {"language": shown}
                )
            seen.add(key)
        if not seen:
            raise forms.ValidationError(_("Enter at least one language."))


class AvailabilityFormSet(RowFormSet):
    delete_label = _("Remove these times")

    def clean(self) -> None:
        if any(self.errors):
            return
        windows = sorted(
            (f.cleaned_data["weekday"], f.cleaned_data["start"], f.cleaned_data["end"])
            for f in self.kept_forms()
        )
        for (day, _start, end), (next_day, next_start, _end) in zip(
            windows, windows[1:], strict=False
        ):
            if day == next_day and next_start < end:
                raise forms.ValidationError(
                    _("Two time windows on %(day)s overlap. Merge them into one.")
                    % {"day": WEEKDAYS[day]}
                )


LanguageFormSetFactory = inlineformset_factory(
    Mediator,
    MediatorLanguage,
    form=LanguageForm,
    formset=LanguageFormSet,
    extra=2,
    can_delete=True,
    can_delete_extra=False,
)

AvailabilityFormSetFactory = inlineformset_factory(
    Mediator,
    Availability,
    form=AvailabilityForm,
    formset=AvailabilityFormSet,
    extra=3,
    can_delete=True,
    can_delete_extra=False,
)


class RateSchemeForm(KernModelForm):
    class Meta:
        model = RateScheme
        fields = ["name", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.office = office
        self.instance.office = office

    def clean_name(self) -> str:
        # The office is not a form field, so Django skips the unique constraint.
        name = self.cleaned_data["name"]
        others = RateScheme.objects.filter(office=self.office, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(DUPLICATE_SCHEME)
        return name


class RateForm(KernModelForm):
    """A rate from a day on. Starting within a month splits that month's
    statement between two rates, so that needs a tick to confirm."""

    class Meta:
        model = Rate
        fields = [
            "valid_from",
            "hourly",
            "unit_minutes",
            "per_km",
            "travel_minutes_cap",
            "late_cancel_hours",
            "late_cancel_minutes",
        ]
        widgets = {"valid_from": DateInput}

    def __init__(self, *args: Any, scheme: RateScheme | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        if scheme is not None:
            self.instance.scheme = scheme
        self.mid_month_from = self._splits_a_month()
        if self.mid_month_from is not None:
            self.fields["confirm_mid_month"] = forms.BooleanField(
                label=_("Yes, the new rate starts on this day."),
                error_messages={
                    "required": _(
                        "The new rate starts in the middle of a month. Tick the "
                        "box to confirm the day, or choose the 1st of a month."
                    )
                },
            )

    def _splits_a_month(self) -> datetime.date | None:
        """The typed first day if it lies within a month that an older rate
        of the scheme also covers; else None."""
        if not self.is_bound or self.scheme is None:
            return None
        raw = self.data.get(self.add_prefix("valid_from"), "")
        try:
            day = self.fields["valid_from"].clean(raw)
            check_plausible(day)
        except forms.ValidationError:
            return None
        if day is None or day.day == 1:
            return None
        if self.scheme.rate_on(day - datetime.timedelta(days=1)) is None:
            return None
        return day

    @property
    def mid_month_warning(self) -> str:
        if self.mid_month_from is None:
            return ""
        return _(
            "The new rate starts in the middle of a month: assignments before "
            "%(day)s keep the old rate, the month's statement shows both."
        ) % {"day": date_format(self.mid_month_from, "SHORT_DATE_FORMAT")}

    def clean_valid_from(self) -> datetime.date:
        day = self.cleaned_data["valid_from"]
        check_plausible(day)
        if (
            self.scheme is not None
            and self.scheme.rates.filter(valid_from=day).exists()
        ):
            raise forms.ValidationError(DUPLICATE_RATE)
        return day
