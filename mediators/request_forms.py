"""Forms for requests and for recording an assignment's work."""

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Office, User
from lib.forms import DateInput, KernForm, TimeInput, choice_field, model_choice_field
from lib.iso import language_choices, language_name

from . import actions
from .access import REQUEST_ROLES
from .models import MediatorLanguage, Mode, Request, RequestStatus

# Further ahead is a typing error, not a plan.
DAYS_AHEAD = 2 * 365

SHOW_CHOICES = [
    ("open", _("Open")),
    ("filled", _("Mediator found")),
    ("unfilled", _("Nobody found")),
    ("all", _("All")),
]


class RequestFilterForm(KernForm):
    show = forms.ChoiceField(label=_("Show"), choices=SHOW_CHOICES, required=False)

    def apply(self, found: QuerySet[Request]) -> QuerySet[Request]:
        """Open ones by default, soonest first; the others latest first."""
        self.is_valid()
        show = getattr(self, "cleaned_data", {}).get("show") or "open"
        if show == "open":
            return found.filter(status=RequestStatus.OPEN).order_by("starts_at", "pk")
        if show == "filled":
            return found.filter(status=RequestStatus.FILLED).order_by("starts_at", "pk")
        if show == "unfilled":
            found = found.filter(status=RequestStatus.UNFILLED)
        return found.order_by("-starts_at", "-pk")


def request_languages(office: Office) -> list[tuple[str, str]]:
    """The common languages and every language of the office's pool."""
    pool = MediatorLanguage.objects.filter(mediator__office=office)
    codes = set(pool.values_list("language", flat=True).distinct())
    choices = dict(language_choices())
    choices |= {code: language_name(code) for code in codes if code not in choices}
    return sorted(choices.items(), key=lambda item: item[1])


def request_contacts(office: Office):
    """Staff of the office who can be the mediator's contact person."""
    return User.objects.filter(
        office=office, is_active=True, role_grants__role__in=REQUEST_ROLES
    ).distinct()


class RequestForm(KernForm):
    language = forms.ChoiceField(label=_("Language"))
    dialect = forms.CharField(
        label=_("Dialect or variety"),
        max_length=100,
        required=False,
        help_text=_("Only if it matters, e.g. Herati or Kurmanji."),
    )
    day = forms.DateField(label=_("Date"), widget=DateInput)
    time = forms.TimeField(label=_("Time"), widget=TimeInput)
    minutes = forms.IntegerField(
        label=_("Expected duration (minutes)"),
        min_value=actions.DURATION_MINUTES[0],
        max_value=actions.DURATION_MINUTES[1],
        initial=60,
    )
    mode = forms.ChoiceField(
        label=_("Mode"),
        choices=Mode.choices,
        initial=Mode.ON_SITE,
        widget=forms.RadioSelect,
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_("Where the appointment takes place, for on-site work."),
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=300,
        required=False,
        help_text=_(
            "Address and room, as the mediator is told. Nothing about the "
            "person or the concern."
        ),
    )
    contact = forms.ModelChoiceField(
        label=_("Contact person"),
        queryset=User.objects.none(),
        help_text=_("Whom the mediator asks for; their name is shown to them."),
    )

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "language").choices = [
            ("", _("Choose a language")),
            *request_languages(office),
        ]
        model_choice_field(self, "municipality").queryset = Municipality.objects.filter(
            office=office
        )
        model_choice_field(self, "contact").queryset = request_contacts(office)

    def clean(self):
        data = super().clean()
        day, time = data.get("day"), data.get("time")
        if day is None or time is None:
            return data
        starts_at = timezone.make_aware(datetime.datetime.combine(day, time))
        if starts_at <= timezone.now():
            self.add_error("day", _("This time lies in the past. Choose a later one."))
        elif day > timezone.localdate() + datetime.timedelta(days=DAYS_AHEAD):
            self.add_error("day", _("Enter a date within the next two years."))
        data["starts_at"] = starts_at
        return data

    def request_fields(self) -> dict:
        data = self.cleaned_data
        names = ["language", "minutes", "mode", "municipality", "contact"]
        fields = {name: data[name] for name in names}
        fields["dialect"] = data["dialect"].strip()
        fields["place"] = data["place"].strip()
        fields["starts_at"] = data["starts_at"]
        return fields


class WorkForm(KernForm):
    """Time worked as hours and minutes (1 h 20 min), travel, kilometres."""

    hours = forms.IntegerField(
        label=_("Time worked: hours"), min_value=0, max_value=12, initial=0
    )
    minutes = forms.IntegerField(
        label=_("Time worked: minutes"), min_value=0, max_value=59, initial=0
    )
    travel_minutes = forms.IntegerField(
        label=_("Travel time (minutes)"),
        min_value=actions.TRAVEL_MINUTES[0],
        max_value=actions.TRAVEL_MINUTES[1],
        initial=0,
        help_text=_("There and back."),
    )
    km = forms.DecimalField(
        label=_("Kilometres"),
        min_value=actions.KILOMETRES[0],
        max_value=actions.KILOMETRES[1],
        max_digits=5,
        decimal_places=1,
        initial=Decimal("0"),
        help_text=_("There and back, e.g. 12.5."),
        # A decimal comma where the page is German.
        localize=True,
    )

    def clean(self):
        data = super().clean()
        hours, minutes = data.get("hours"), data.get("minutes")
        if hours is not None and minutes is not None:
            worked = hours * 60 + minutes
            if not actions.WORKED_MINUTES[0] <= worked <= actions.WORKED_MINUTES[1]:
                self.add_error(
                    "hours", _("The time worked must be 1 minute to 12 hours.")
                )
            data["worked_minutes"] = worked
        return data

    @classmethod
    def initial_for(cls, worked: int | None, travel: int | None, km) -> dict:
        if worked is None:
            return {}
        return {
            "hours": worked // 60,
            "minutes": worked % 60,
            "travel_minutes": travel or 0,
            "km": km if km is not None else Decimal("0"),
        }


class StaffWorkForm(WorkForm):
    rating = forms.TypedChoiceField(
        label=_("Feedback"),
        choices=[("", _("No feedback")), *[(n, str(n)) for n in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("1 (poor) to 5 (very good). Only staff see it."),
    )
