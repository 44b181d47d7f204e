"""Forms of the minimum standards and the inspections."""

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from accounts.models import User
from directory.models import Partner, PartnerKind
from lib.forms import DateInput, KernForm, KernModelForm, model_choice_field
from lib.uploads import TOO_MANY_FILES, CleanFile, MultipleFileInput, clean_upload

from .access import VIEW_ROLES
from .light import applicable_standards
from .models import (
    Accommodation,
    Deficiency,
    DeficiencyStatus,
    Inspection,
    Measure,
    Standard,
)

EARLIEST = datetime.date(2000, 1, 1)
MAX_PHOTOS = 10
IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp"}
IMAGE_ACCEPT = "image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp"
NOT_A_PHOTO = _(
    "“%(name)s” is not a photo. You can add photos in the formats JPEG, PNG and WebP."
)


def target_text(standard: Standard) -> str:
    """The criterion in words: "at least 7 m²", "at most 10", "yes or no"."""
    if standard.measure == Measure.YES_NO or standard.target is None:
        return str(_("yes or no"))
    value = number_format(format(standard.target.normalize(), "f"))
    shown = f"{value} {standard.unit}".strip()
    if standard.measure == Measure.AT_LEAST:
        return str(_("at least %(value)s")) % {"value": shown}
    return str(_("at most %(value)s")) % {"value": shown}


# --- catalogue ---------------------------------------------------------------


class StandardForm(KernModelForm):
    note = forms.CharField(
        label=_("What changed"),
        required=False,
        max_length=300,
        help_text=_("Shown in the version history, for example the reason."),
    )

    class Meta:
        model = Standard
        fields = [
            "area",
            "title",
            "measure",
            "target",
            "unit",
            "critical",
            "applies_to",
            "position",
        ]
        help_texts = {
            "target": _("Only for “at least” and “at most”."),
            "critical": _("If it is not met, the traffic light is red."),
            "position": _("Standards are listed from the lowest number."),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        measure, target = data.get("measure"), data.get("target")
        if measure == Measure.YES_NO:
            data["target"] = None
        elif measure and target is None:
            self.add_error(
                "target", _("Enter the value that must be reached or not exceeded.")
            )
        elif target is not None and target < 0:
            self.add_error("target", _("Enter a value of 0 or more."))
        return data


class VersionNoteForm(KernForm):
    note = forms.CharField(
        label=_("What changed"),
        required=False,
        max_length=300,
        help_text=_("Shown in the version history, for example the reason."),
    )


# --- inspections --------------------------------------------------------------


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


def inspectors_of(office_id: int) -> Any:
    # Inspectors can read the inspection they took part in.
    return (
        User.objects.filter(
            office_id=office_id, is_active=True, role_grants__role__in=VIEW_ROLES
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def check_plausible(day: datetime.date | None) -> None:
    if day is not None and day < EARLIEST:
        raise ValidationError(_("Enter a date from the year 2000 on."))


class InspectionForm(KernModelForm):
    inspectors = StaffChoiceField(
        label=_("Inspectors"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Inspection
        fields = [
            "on",
            "announced",
            "inspectors",
            "follows_up",
            "residents_said",
            "staff_said",
        ]
        labels = {"announced": _("The inspection was announced")}
        help_texts = {
            "follows_up": _(
                "A re-inspection lists the open deficiencies of the earlier "
                "inspection, to close or escalate each."
            ),
        }
        widgets = {
            "on": DateInput,
            "residents_said": forms.Textarea(attrs={"rows": 4}),
            "staff_said": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, accommodation: Accommodation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.accommodation = accommodation
        self.fields["inspectors"].queryset = inspectors_of(  # type: ignore[attr-defined]
            accommodation.office_id
        )
        if self.instance.pk:
            # Set when the re-inspection is made: its settlements depend on it.
            del self.fields["follows_up"]
        else:
            earlier = model_choice_field(self, "follows_up")
            earlier.queryset = Inspection.objects.filter(
                accommodation=accommodation,
                completed_at__isnull=False,
                deficiencies__status=DeficiencyStatus.OPEN,
            ).distinct()
            earlier.empty_label = _("No, a new inspection")
            if not earlier.queryset.exists():
                del self.fields["follows_up"]

    def clean_on(self) -> datetime.date | None:
        day = self.cleaned_data["on"]
        check_plausible(day)
        if day and day > timezone.localdate():
            raise ValidationError(
                _(
                    "The date lies in the future. Enter the day the inspection "
                    "took place; plan future inspections in the calendar."
                )
            )
        if day and self.instance.pk:
            first = self.instance.deficiencies.order_by("deadline").first()
            if first and first.deadline < day:
                raise ValidationError(
                    _(
                        "A deficiency of this inspection is due on %(deadline)s, "
                        "before this day. Change its deadline first."
                    )
                    % {"deadline": date_format(first.deadline, "SHORT_DATE_FORMAT")}
                )
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        earlier, day = data.get("follows_up"), data.get("on")
        if earlier and day and day < earlier.on:
            self.add_error(
                "on", _("A re-inspection cannot take place before the inspection.")
            )
        return data


class FindingsForm(KernForm):
    """One result and one note per standard that applies to the accommodation."""

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.standards = list(
            applicable_standards(inspection.catalogue, inspection.accommodation.kind)
        )
        found = {f.standard_id: f for f in inspection.findings.all()}
        for standard in self.standards:
            finding = found.get(standard.pk)
            label = f"{standard.title} ({target_text(standard)})"
            help_text = _("Critical standard.") if standard.critical else ""
            if standard.measure == Measure.YES_NO:
                self.fields[f"s{standard.pk}"] = forms.TypedChoiceField(
                    label=label,
                    help_text=help_text,
                    choices=[
                        ("", _("Not assessed")),
                        ("yes", _("Met")),
                        ("no", _("Not met")),
                    ],
                    coerce=lambda value: value == "yes",
                    empty_value=None,
                    required=False,
                    widget=forms.RadioSelect,
                    initial=_yes_no(finding.yes if finding else None),
                )
            else:
                self.fields[f"s{standard.pk}"] = forms.DecimalField(
                    label=label,
                    help_text=help_text or _("Leave empty if not assessed."),
                    required=False,
                    min_value=Decimal(0),
                    max_digits=8,
                    decimal_places=2,
                    # Text, not a number input: "6,5" in German, and a
                    # wrong entry comes back as typed with its message.
                    localize=True,
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                    initial=finding.value if finding else None,
                )
            self.fields[f"s{standard.pk}_note"] = forms.CharField(
                label=_("Note on “%(title)s”") % {"title": standard.title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=finding.note if finding else "",
            )

    def entries(self) -> list[tuple[Standard, Decimal | None, bool | None, str]]:
        """Per standard: measured value, yes or no, note."""
        data = self.cleaned_data
        rows: list[tuple[Standard, Decimal | None, bool | None, str]] = []
        for standard in self.standards:
            result = data.get(f"s{standard.pk}")
            note = data.get(f"s{standard.pk}_note", "").strip()
            if standard.measure == Measure.YES_NO:
                rows.append((standard, None, result, note))
            else:
                rows.append((standard, result, None, note))
        return rows


def _yes_no(yes: bool | None) -> str:
    return "" if yes is None else ("yes" if yes else "no")


class PhotosField(forms.FileField):
    """Several images in one input; cleans to a list of CleanFile."""

    widget = MultipleFileInput(attrs={"accept": IMAGE_ACCEPT})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text",
            ngettext_lazy(
                "Up to %(count)d photo at once (JPEG, PNG, WebP). Location and "
                "camera data are removed.",
                "Up to %(count)d photos at once (JPEG, PNG, WebP). Location and "
                "camera data are removed.",
                "count",
            )
            % {"count": MAX_PHOTOS},
        )
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[CleanFile]:
        if isinstance(data, UploadedFile):
            data = [data]
        uploads = [upload for upload in data or [] if upload]
        if not uploads:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(uploads) > MAX_PHOTOS:
            raise ValidationError(
                TOO_MANY_FILES,
                code="too_many_files",
                params={"limit": MAX_PHOTOS, "count": len(uploads)},
            )
        cleaned, errors = [], []
        for upload in uploads:
            if _is_pdf(upload):
                # Not even parsed: an inspection takes photos only.
                errors.append(_not_a_photo(upload))
                continue
            try:
                clean = clean_upload(upload)
            except ValidationError as error:
                errors.extend(_images_only(error, upload))
                continue
            if clean.content_type not in IMAGE_TYPES:
                errors.append(_not_a_photo(upload))
                continue
            cleaned.append(clean)
        if errors:
            raise ValidationError(errors)
        return cleaned


def _is_pdf(upload: UploadedFile) -> bool:
    upload.seek(0)
    start = upload.read(16)
    upload.seek(0)
    return start.lstrip(b"\x00\t\n\x0c\r ").startswith(b"%PDF-")


def _not_a_photo(upload: UploadedFile) -> ValidationError:
    name = (upload.name or "").rsplit("/", 1)[-1][:100]
    return ValidationError(
        NOT_A_PHOTO, code="not_a_photo", params={"name": f"\u2068{name}\u2069"}
    )


def _images_only(error: ValidationError, upload: UploadedFile) -> list[ValidationError]:
    # lib/uploads' message for a wrong type offers PDF documents, which an
    # inspection does not take: this one says "photos only".
    return [
        _not_a_photo(upload) if one.code == "wrong_type" else one
        for one in error.error_list
    ]


class PhotoForm(KernForm):
    photos = PhotosField(label=_("Photos"))
    caption = forms.CharField(
        label=_("Caption"),
        required=False,
        max_length=200,
        help_text=_("For all photos of this upload, for example the room."),
    )


class DeficiencyForm(KernModelForm):
    class Meta:
        model = Deficiency
        fields = ["description", "standard", "deadline", "responsible"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "deadline": DateInput,
        }
        help_texts = {
            "responsible": _("The partner who must remedy it, usually the operator."),
        }

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.inspection = inspection
        self.instance.inspection = inspection
        accommodation = inspection.accommodation
        model_choice_field(self, "standard").queryset = applicable_standards(
            inspection.catalogue, accommodation.kind
        )
        # The accommodation's providers first, then the other accommodation
        # partners: one of them is usually responsible.
        providers = [
            pk
            for pk in (accommodation.operator_id, accommodation.social_care_id)
            if pk is not None
        ]
        rank = Case(
            When(pk__in=providers, then=Value(0)),
            When(kind=PartnerKind.ACCOMMODATION, then=Value(1)),
            default=Value(2),
        )
        model_choice_field(self, "responsible").queryset = (
            Partner.objects.filter(office_id=accommodation.office_id, active=True)
            .annotate(rank=rank)
            .order_by("rank", "name")
        )
        if not self.instance.pk:
            self.fields["responsible"].initial = accommodation.operator_id

    def clean_deadline(self) -> datetime.date | None:
        deadline = self.cleaned_data["deadline"]
        if deadline and deadline < self.inspection.on:
            raise ValidationError(
                _(
                    "The deadline lies before the inspection on %(day)s. Enter a "
                    "day on or after it."
                )
                % {"day": date_format(self.inspection.on, "SHORT_DATE_FORMAT")}
            )
        if deadline and deadline.year > timezone.localdate().year + 10:
            raise ValidationError(_("Enter a deadline within the next 10 years."))
        return deadline


class SettleForm(KernForm):
    status = forms.ChoiceField(
        label=_("Result of the re-inspection"),
        choices=[
            (DeficiencyStatus.CLOSED, _("Remedied: close it")),
            (DeficiencyStatus.ESCALATED, _("Not remedied: escalate it")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you escalate: to whom and why."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("status") == DeficiencyStatus.ESCALATED
            and not data.get("note", "").strip()
        ):
            self.add_error("note", _("Say to whom and why you escalate it."))
        return data
