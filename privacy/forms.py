import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.forms import DateInput, KernForm, KernModelForm
from portal import languages

from .actions import PARTS
from .models import KeepGround, RetentionAction, RetentionRule
from .retention import KINDS

NOTE_HELP = _("Without names or other personal data: this record is kept.")
NO_KEEPING = [("", _("Erase"))]


class ReceivedForm(KernForm):
    received_on = forms.DateField(
        label=_("Request received on"), widget=DateInput(), initial=datetime.date.today
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=NOTE_HELP,
    )

    def clean_received_on(self) -> datetime.date:
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The day cannot be in the future."))
        return day


class AccessForm(KernForm):
    language = forms.ChoiceField(
        label=_("Language of the report"),
        choices=languages.choices,
        help_text=_("Preset to the first of the person's languages the portal has."),
    )


class ErasureForm(ReceivedForm):
    """One choice per part of the record: erase it, or keep it on a ground."""

    confirm = forms.BooleanField(
        label=_("I have checked that no other duty to keep the data applies."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        grounds = NO_KEEPING + list(KeepGround.choices)
        for part, label in PARTS.items():
            self.fields[f"keep_{part}"] = forms.ChoiceField(
                label=label, choices=grounds, required=False
            )
        # The confirmation last, after the choices it confirms.
        self.order_fields([f for f in self.fields if f != "confirm"] + ["confirm"])

    def kept(self) -> dict[str, str]:
        return {
            part: self.cleaned_data[f"keep_{part}"]
            for part in PARTS
            if self.cleaned_data.get(f"keep_{part}")
        }


class RetentionRuleForm(KernModelForm):
    class Meta:
        model = RetentionRule
        fields = ["months", "action"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["months"].label = _("Kept for months")
        self.fields["months"].widget.attrs["max"] = 600
        kind = KINDS[self.instance.kind]
        only = (
            RetentionAction.DELETE
            if kind.anonymise is None
            else None
            if kind.may_delete
            else RetentionAction.ANONYMISE
        )
        if only is not None:
            action = self.fields["action"]
            assert isinstance(action, forms.ChoiceField)
            action.choices = [(only.value, only.label)]

    def clean_months(self) -> int:
        months = self.cleaned_data["months"]
        if not 1 <= months <= 600:
            raise forms.ValidationError(_("Enter between 1 and 600 months."))
        return months
