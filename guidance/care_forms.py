"""Forms for cares, plan steps, plan templates and training records."""

import datetime
from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases.models import Activity
from lib.forms import DateInput, KernForm, KernModelForm, model_choice_field

from .models import (
    Care,
    CareKind,
    EndReason,
    PlanStep,
    PlanTemplate,
    Source,
    StepStatus,
    TemplateStep,
    Training,
)
from .suggest import guides_of

STATE_CHOICES = [
    ("active", _("Running")),
    ("ended", _("Ended")),
    ("all", _("All")),
]


class GuideChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class CareFilterForm(KernForm):
    guide = GuideChoiceField(
        label=_("Guide"), queryset=User.objects.none(), required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All"))] + CareKind.choices, required=False
    )
    state = forms.ChoiceField(label=_("Show"), choices=STATE_CHOICES, required=False)
    unassigned = forms.BooleanField(label=_("Without a guide only"), required=False)
    overdue = forms.BooleanField(label=_("With overdue steps only"), required=False)

    def __init__(self, *args: Any, office_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "guide").queryset = guides_of(office_id)

    def apply(self, found: QuerySet[Care], today: datetime.date) -> QuerySet[Care]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        state = data.get("state") or "active"
        if state == "active":
            found = found.filter(ended_on__isnull=True)
        elif state == "ended":
            found = found.filter(ended_on__isnull=False)
        if data.get("guide"):
            found = found.filter(guide=data["guide"])
        if data.get("kind"):
            found = found.filter(kind=data["kind"])
        if data.get("unassigned"):
            found = found.filter(guide__isnull=True)
        if data.get("overdue"):
            late = PlanStep.objects.overdue(today).filter(care=OuterRef("pk"))
            found = found.filter(Exists(late))
        return found


class CareCreateForm(KernForm):
    kind = forms.ChoiceField(label=_("Kind of care"), choices=CareKind.choices)
    source = forms.ChoiceField(
        label=_("How the office learnt of it"),
        choices=[("", _("For voluntary departure: the immigration authority"))]
        + Source.choices,
        required=False,
    )
    guide = GuideChoiceField(
        label=_("Integration guide"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Leave empty to choose from the suggestions afterwards."),
    )
    started_on = forms.DateField(label=_("Care began on"), widget=DateInput)
    recognised_on = forms.DateField(
        label=_("Recognised on"), widget=DateInput, required=False
    )

    def __init__(self, *args: Any, office_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "guide").queryset = guides_of(office_id)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("source"):
            if data.get("kind") == CareKind.DEPARTURE:
                data["source"] = Source.IMMIGRATION
            else:
                self.add_error("source", _("Choose how the office learnt of it."))
        return data


class AssignForm(KernForm):
    guide = GuideChoiceField(label=_("Integration guide"), queryset=User.objects.none())

    def __init__(self, *args: Any, office_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "guide").queryset = guides_of(office_id)


class TransferForm(KernForm):
    to_guide = GuideChoiceField(label=_("New guide"), queryset=User.objects.none())
    note = forms.CharField(
        label=_("Handover note"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the new guide needs to know: open steps, agreements."),
    )
    on = forms.DateField(label=_("Handed over on"), widget=DateInput)

    def __init__(self, *args: Any, office_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "to_guide").queryset = guides_of(office_id)


class EndForm(KernForm):
    reason = forms.ChoiceField(label=_("Why the care ended"), choices=EndReason.choices)
    note = forms.CharField(
        label=_("Note on the end"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    on = forms.DateField(label=_("Care ended on"), widget=DateInput)


class ActivityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        when = timezone.localtime(obj.occurred_at)
        return f"{obj.concern.number}: {obj.get_kind_display()}, {when:%d.%m.%Y}"


class StepForm(KernForm):
    status = forms.ChoiceField(label=_("Status"), choices=StepStatus.choices)
    done_on = forms.DateField(
        label=_("Done on"),
        widget=DateInput,
        required=False,
        help_text=_("Left empty for a done step: today."),
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    activities = ActivityChoiceField(
        label=_("Activities that served this step"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, step: PlanStep, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "status": step.status,
                "done_on": step.done_on,
                "note": step.note,
                "activities": list(step.activities.values_list("pk", flat=True)),
            },
        )
        super().__init__(*args, **kwargs)
        field = self.fields["activities"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = (
            Activity.objects.filter(concern__persons=step.care.person_id)
            .select_related("concern")
            .distinct()
            .order_by("-occurred_at")
        )


class TemplateForm(KernModelForm):
    class Meta:
        model = PlanTemplate
        fields = ["name"]


class TemplateStepForm(KernModelForm):
    class Meta:
        model = TemplateStep
        fields = ["position", "title", "description", "due_after_days", "needs_consent"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class TemplateStepFormSet(BaseInlineFormSet):
    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this step")

    def clean(self) -> None:
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if not form.has_changed() and form.instance.pk is None:
                continue
            if form.cleaned_data.get("DELETE"):
                continue
            position = form.cleaned_data.get("position")
            if position in seen:
                raise forms.ValidationError(
                    _("Position %(position)s is used twice.") % {"position": position}
                )
            seen.add(position)


TemplateStepFormSetFactory = inlineformset_factory(
    PlanTemplate,
    TemplateStep,
    form=TemplateStepForm,
    formset=TemplateStepFormSet,
    extra=2,
    can_delete=True,
    can_delete_extra=False,
)


class TrainingForm(KernModelForm):
    """The desk records for any guides of the office; a guide for themself."""

    class Meta:
        model = Training
        fields = ["kind", "title", "day", "hours", "guides"]
        widgets = {"day": DateInput, "guides": forms.CheckboxSelectMultiple}

    def __init__(
        self, *args: Any, office_id: int, chooses_guides: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if chooses_guides:
            field = self.fields["guides"]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = guides_of(office_id)
        else:
            del self.fields["guides"]

    def clean_day(self) -> datetime.date:
        day = self.cleaned_data["day"]
        if day > timezone.localdate() + datetime.timedelta(days=366):
            raise forms.ValidationError(_("Enter a date within the next year."))
        return day
