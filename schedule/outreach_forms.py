"""Outreach days and visits, and the notes taken there."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Office, User
from lib.forms import (
    DateInput,
    KernForm,
    KernModelForm,
    TimeInput,
    choice_field,
    model_choice_field,
)

from .access import DESK_ROLES
from .models import OutreachEvent, OutreachKind


class OutreachForm(KernModelForm):
    # The model keeps two moments; people plan a day and two clock times.
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("From"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Until"), widget=TimeInput())

    class Meta:
        model = OutreachEvent
        fields = ["kind", "title", "municipality", "place", "staff", "public"]
        widgets = {"kind": forms.RadioSelect, "staff": forms.CheckboxSelectMultiple}

    field_order = [
        "kind",
        "title",
        "day",
        "start_time",
        "end_time",
        "municipality",
        "place",
        "staff",
        "public",
    ]

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.office = office
        # Radio buttons need no empty "---------" choice.
        choice_field(self, "kind").choices = OutreachKind.choices
        model_choice_field(self, "municipality").queryset = Municipality.objects.filter(
            office=office
        )
        model_choice_field(self, "staff").queryset = (
            User.objects.filter(
                office=office, is_active=True, role_grants__role__in=DESK_ROLES
            )
            .distinct()
            .order_by("last_name", "first_name")
        )
        if self.instance.pk:
            starts = timezone.localtime(self.instance.starts_at)
            ends = timezone.localtime(self.instance.ends_at)
            self.initial.update(
                day=starts.date(),
                start_time=starts.time().replace(second=0, microsecond=0),
                end_time=ends.time().replace(second=0, microsecond=0),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must be after the beginning."))
        if data.get("public") and data.get("kind") == OutreachKind.VISIT:
            self.add_error(
                "public",
                _("A visit to people must not be announced on the portal."),
            )
        if not self.errors and data.get("day"):
            tz = timezone.get_default_timezone()
            self.instance.starts_at = datetime.datetime.combine(data["day"], start, tz)
            self.instance.ends_at = datetime.datetime.combine(data["day"], end, tz)
        return data


class OutreachNoteForm(KernForm):
    text = forms.CharField(
        label=_("Note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
