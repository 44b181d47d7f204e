import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Office, Role, Site, User
from lib.forms import DateInput, KernForm, KernModelForm, TimeInput, model_choice_field

from .describe import describe_rule
from .models import Cancellation, HoursBudget, HoursRule, Room

# Who keeps consultation hours: the commissioners and the guides.
HOURS_ROLES = [Role.COMMISSIONER, Role.DEPUTY, Role.GUIDE]
EARLIEST = datetime.date(2000, 1, 1)
# Dates further ahead are typing errors, and the date arithmetic of the
# rules (two years ahead) must stay within the calendar.
YEARS_AHEAD = 10


def check_plausible(day: datetime.date | None) -> None:
    if day is None:
        return
    if day < EARLIEST:
        raise forms.ValidationError(_("Enter a date from the year 2000 on."))
    latest = timezone.localdate().replace(month=1, day=1)
    if day.year > latest.year + YEARS_AHEAD:
        raise forms.ValidationError(_("Enter a date within the next ten years."))


def hours_staff(office: Office, keep: int | None = None):
    """Active staff who keep hours; ``keep`` stays choosable when editing."""
    holds = Q(is_active=True, role_grants__role__in=HOURS_ROLES)
    if keep is not None:
        holds |= Q(pk=keep)
    return User.objects.filter(holds, office=office).distinct()


class SiteForm(KernModelForm):
    class Meta:
        model = Site
        fields = ["name", "address", "accessibility", "hours"]
        labels = {"hours": _("Additional note on the hours")}
        help_texts = {
            "hours": _(
                "Published next to the hours from the rules, e.g. “and by appointment”."
            ),
            "accessibility": _("Published, e.g. “entrance without steps at the back”."),
        }
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "hours": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.office = office

    def clean_name(self) -> str:
        # The office is not a form field, so Django skips the unique constraint.
        name = self.cleaned_data["name"]
        others = Site.objects.filter(office=self.instance.office, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("The office already has a site of this name.")
            )
        return name


class RoomForm(KernModelForm):
    class Meta:
        model = Room
        fields = ["name", "step_free", "notes"]

    def __init__(self, *args: Any, site: Site, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.site = site

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        others = Room.objects.filter(site=self.instance.site, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This site already has a room of this name."))
        return name


class RoomChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Room) -> str:
        return f"{obj.site.name}: {obj.name}"


class HoursRuleForm(KernModelForm):
    class Meta:
        model = HoursRule
        fields = [
            "site",
            "room",
            "staff",
            "frequency",
            "weekday",
            "week_of_month",
            "interval",
            "starts_on",
            "ends_on",
            "start_time",
            "end_time",
            "slot_minutes",
            "bookable",
            "note",
        ]
        field_classes = {"room": RoomChoiceField}
        widgets = {
            "frequency": forms.RadioSelect,
            "starts_on": DateInput,
            "ends_on": DateInput,
            "start_time": TimeInput,
            "end_time": TimeInput,
        }
        help_texts = {
            "room": _("Optional; it must be at the chosen site."),
            "weekday": _("For weekly and monthly hours."),
            "week_of_month": _(
                "Only for monthly hours, e.g. “second” for every second Tuesday."
            ),
            "interval": _(
                "Only for weekly hours: 1 for every week, 2 for every other week."
            ),
            "starts_on": _(
                "For hours held once: that day. For repeating hours: the first day "
                "they may take place."
            ),
            "ends_on": _(
                "Leave empty if the hours continue. Not used for hours held once."
            ),
        }

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # HoursRule.clean() looks at the office's holidays and other rules,
        # and it runs inside is_valid(): the office must be known before.
        self.instance.office = office
        model_choice_field(self, "site").queryset = Site.objects.filter(office=office)
        model_choice_field(self, "room").queryset = Room.objects.filter(
            site__office=office
        ).select_related("site")
        model_choice_field(self, "staff").queryset = hours_staff(
            office, keep=self.instance.staff_id
        )
        for name, low, high in (("interval", 1, 8), ("slot_minutes", 10, 240)):
            field = self.fields[name]
            field.validators += [MinValueValidator(low), MaxValueValidator(high)]
            field.widget.attrs.update({"min": low, "max": high})

    def clean_starts_on(self) -> datetime.date:
        day = self.cleaned_data["starts_on"]
        check_plausible(day)
        return day

    def clean_ends_on(self) -> datetime.date | None:
        day = self.cleaned_data["ends_on"]
        check_plausible(day)
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        room, site = data.get("room"), data.get("site")
        if room and site and room.site_id != site.pk:
            self.add_error(
                "room",
                _("The room %(room)s is not at %(site)s.")
                % {"room": room.name, "site": site.name},
            )
        return data


class LastDayForm(KernForm):
    last_day = forms.DateField(
        label=_("Last day of these hours"),
        widget=DateInput,
        help_text=_("The hours take place up to and including this day."),
    )

    def __init__(self, *args: Any, rule: HoursRule, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rule = rule

    def clean_last_day(self) -> datetime.date:
        day = self.cleaned_data["last_day"]
        check_plausible(day)
        if day < timezone.localdate():
            raise forms.ValidationError(_("The last day must not be in the past."))
        if day < self.rule.starts_on:
            raise forms.ValidationError(
                _("The last day must not be before the first day, %(day)s.")
                % {"day": f"{self.rule.starts_on:%d.%m.%Y}"}
            )
        if self.rule.ends_on and day > self.rule.ends_on:
            raise forms.ValidationError(
                _("These hours already end on %(day)s. To extend them, edit the rule.")
                % {"day": f"{self.rule.ends_on:%d.%m.%Y}"}
            )
        return day


class Scope:
    RULE = "rule"
    STAFF = "staff"
    SITE = "site"
    CHOICES = [
        (RULE, _("The hours of one rule")),
        (STAFF, _("All hours of a staff member, e.g. for a vacation")),
        (SITE, _("All hours at a site, e.g. when the building is closed")),
    ]
    MISSING = {
        RULE: _("Choose the hours that are cancelled."),
        STAFF: _("Choose the staff member whose hours are cancelled."),
        SITE: _("Choose the site whose hours are cancelled."),
    }


class RuleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: HoursRule) -> str:
        return f"{obj.site.name}: {describe_rule(obj)} ({obj.staff})"


class CancellationForm(KernModelForm):
    scope = forms.ChoiceField(
        label=_("What is cancelled"), choices=Scope.CHOICES, widget=forms.RadioSelect
    )

    class Meta:
        model = Cancellation
        fields = [
            "scope",
            "rule",
            "staff",
            "site",
            "first_day",
            "last_day",
            "reason",
            "public_note",
        ]
        field_classes = {"rule": RuleChoiceField}
        labels = {
            "rule": _("Hours (for “the hours of one rule”)"),
            "staff": _("Staff member (for “all hours of a staff member”)"),
            "site": _("Site (for “all hours at a site”)"),
        }
        help_texts = {
            "reason": _("Only staff see the reason; the portal shows the public note."),
        }
        widgets = {"first_day": DateInput, "last_day": DateInput}

    def __init__(self, *args: Any, office: Office, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.office = office
        self.instance.created_by = user
        today = timezone.localdate()
        model_choice_field(self, "rule").queryset = (
            HoursRule.objects.filter(office=office)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
            .select_related("site", "staff")
        )
        model_choice_field(self, "staff").queryset = hours_staff(office)
        model_choice_field(self, "site").queryset = Site.objects.filter(office=office)
        # Only the chosen scope's select counts; the form says which.
        for name in ("rule", "staff", "site"):
            self.fields[name].required = False

    def clean_first_day(self) -> datetime.date:
        day = self.cleaned_data["first_day"]
        check_plausible(day)
        return day

    def clean_last_day(self) -> datetime.date:
        day = self.cleaned_data["last_day"]
        check_plausible(day)
        if day < timezone.localdate():
            raise forms.ValidationError(_("The last day must not be in the past."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and last < first:
            self.add_error(
                "last_day", _("The last day must not be before the first day.")
            )
        scope = data.get("scope")
        if scope in Scope.MISSING:
            if not data.get(scope):
                self.add_error(scope, Scope.MISSING[scope])
            # A cancellation has exactly one scope: the other selects are dropped.
            for name in ("rule", "staff", "site"):
                if name != scope:
                    data[name] = None
        return data


class MonthForm(KernForm):
    month = forms.CharField(
        label=_("Month"),
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("For example 2026-12."),
    )


class HoursBudgetForm(KernModelForm):
    class Meta:
        model = HoursBudget
        fields = ["name", "hours_per_month", "members", "valid_from", "valid_until"]
        help_texts = {
            "members": _(
                "The hours of all these staff members count against the budget."
            ),
            "valid_until": _("Leave empty if the budget continues."),
        }
        widgets = {
            "members": forms.CheckboxSelectMultiple,
            "valid_from": DateInput,
            "valid_until": DateInput,
        }

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.office = office
        keep = list(self.instance.members.all()) if self.instance.pk else []
        field = self.fields["members"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = User.objects.filter(
            Q(is_active=True) | Q(pk__in=[u.pk for u in keep]), office=office
        )
        self.fields["hours_per_month"].widget.attrs.update(
            {"min": "0.5", "step": "0.5"}
        )

    def clean_hours_per_month(self) -> Decimal:
        hours = self.cleaned_data["hours_per_month"]
        if hours <= 0:
            raise forms.ValidationError(_("A budget must be more than 0 hours."))
        return hours

    def clean_valid_from(self) -> datetime.date:
        day = self.cleaned_data["valid_from"]
        check_plausible(day)
        return day

    def clean_valid_until(self) -> datetime.date | None:
        day = self.cleaned_data["valid_until"]
        check_plausible(day)
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("valid_from"), data.get("valid_until")
        if first and last and last < first:
            self.add_error(
                "valid_until", _("The end must not be before the beginning.")
            )
        return data
