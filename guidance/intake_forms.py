"""Forms of the intake: a list to upload, a list to commit, one person."""

import datetime
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Office, Role, User
from clients.models import Person
from dedupe.merge import merged_away_ids
from lib.forms import DateInput, KernForm, model_choice_field
from lib.iso import country_choices, language_choices
from lib.table_files import DAMAGED, table_kind

from .intake import EXTENSIONS, MAX_BYTES, folded_name, parse_date, same_birth_date
from .intake_actions import Intake
from .models import (
    Care,
    CareKind,
    ImportStatus,
    RecognitionImport,
    RowOutcome,
    Source,
    file_digest,
)


class ImportForm(KernForm):
    file = forms.FileField(
        label=_("Recognition list"),
        help_text=_(
            "CSV, XLSX or ODS, at most 20 MB. The first row names the columns: "
            "Name, Vorname, Geburtsdatum, Staatsangehörigkeit, Wohnort, "
            "Anerkannt am; optional Aktenzeichen, Telefon, Sprache."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )
    source = forms.ChoiceField(
        label=_("Where the list comes from"),
        choices=Source.choices,
        initial=Source.IMMIGRATION,
    )

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.office = office
        self.content = b""
        self.file_name = ""

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        self.content = upload.read(MAX_BYTES + 1)
        if len(self.content) > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        if not self.content.strip():
            raise forms.ValidationError(_("The file is empty."))
        self.file_name = _name_for(upload.name or "", self._kind())
        earlier = (
            RecognitionImport.objects.filter(
                office=self.office,
                digest=file_digest(self.content),
                status=ImportStatus.DONE,
            )
            .defer("original")
            .select_related("uploaded_by")
            .first()
        )
        if earlier is not None:
            raise forms.ValidationError(
                _("This list was already imported on %(day)s by %(name)s.")
                % {
                    "day": date_format(
                        timezone.localtime(earlier.committed_at or earlier.uploaded_at),
                        "SHORT_DATE_FORMAT",
                    ),
                    "name": earlier.uploaded_by.get_full_name()
                    or earlier.uploaded_by.username,
                }
            )
        return upload

    def _kind(self) -> str:
        # By content: the reader is chosen by the name, which may lie.
        kind = table_kind(self.content)
        if kind == DAMAGED:
            raise forms.ValidationError(
                _("The spreadsheet cannot be read. Is it damaged or protected?")
            )
        if not kind:
            raise forms.ValidationError(
                _("This kind of file cannot be read. Upload a CSV, XLSX or ODS file.")
            )
        return kind


def _name_for(name: str, kind: str) -> str:
    """The uploaded name with the extension of what the file holds."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or f".{suffix.lower()}" not in EXTENSIONS:
        stem = name
    return f"{stem or 'list'}.{kind}"


class CommitForm(KernForm):
    skip_errors = forms.BooleanField(
        label=_("Import the rows without errors and leave the others out"),
        required=False,
    )


class RowFilterForm(KernForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", _("All rows")), *RowOutcome.choices],
        required=False,
    )


def office_guides(office: Office) -> QuerySet[User]:
    return (
        User.objects.filter(office=office, is_active=True, role_grants__role=Role.GUIDE)
        .distinct()
        .order_by("last_name", "first_name")
    )


class IntakeForm(KernForm):
    family_name = forms.CharField(label=_("Family name"), max_length=120)
    given_names = forms.CharField(
        label=_("Given names"), max_length=120, required=False
    )
    birth_date = forms.CharField(
        label=_("Date of birth"),
        max_length=10,
        help_text=_("For example 31.12.1990; the year alone when only that is known."),
    )
    nationality = forms.ChoiceField(label=_("Nationality"))
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    recognised_on = forms.DateField(label=_("Recognised on"), widget=DateInput())
    file_number = forms.CharField(
        label=_("File number"), max_length=100, required=False
    )
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    source = forms.ChoiceField(label=_("How we learnt of it"), choices=Source.choices)
    guide = forms.ModelChoiceField(
        label=_("Integration guide"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Can be chosen later."),
    )

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.office = office
        self.fields["nationality"].choices = [("", "–"), *country_choices()]  # type: ignore[attr-defined]
        self.fields["language"].choices = [("", "–"), *language_choices()]  # type: ignore[attr-defined]
        model_choice_field(self, "municipality").queryset = office.municipalities.all()
        model_choice_field(self, "guide").queryset = office_guides(office)
        self.precision = ""

    def clean_birth_date(self) -> datetime.date:
        today = timezone.localdate()
        try:
            born, self.precision = parse_date(self.cleaned_data["birth_date"], today)
        except ValueError:
            raise forms.ValidationError(
                _("Enter the date as 31.12.1990, or the year alone.")
            ) from None
        if born > today or born.year < 1900:
            raise forms.ValidationError(_("The date of birth is not plausible."))
        return born

    def clean_recognised_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["recognised_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("The date of recognition lies in the future.")
            )
        return day

    def intake(self) -> Intake:
        data = self.cleaned_data
        return Intake(
            family_name=data["family_name"],
            given_names=data["given_names"],
            birth_date=data["birth_date"],
            birth_date_precision=self.precision,
            nationality=data["nationality"],
            municipality=data["municipality"],
            recognised_on=data["recognised_on"],
            source=data["source"],
            phone=data["phone"],
            language=data["language"],
            guide=data["guide"],
        )

    def likely_persons(self) -> list[Person]:
        """Known persons of the same folded name and date of birth."""
        data = self.cleaned_data
        family, given = data["family_name"], data["given_names"]
        wanted = folded_name(family, given)
        candidates = (
            Person.objects.filter(office=self.office)
            .exclude(pk__in=merged_away_ids())
            .matching_name(f"{family} {given}")
        )
        return [
            person
            for person in candidates.order_by("pk")
            if folded_name(person.family_name, person.given_names) == wanted
            and same_birth_date(
                person.birth_date,
                person.birth_date_precision,
                data["birth_date"],
                self.precision,
            )
        ]


def in_care(person: Person) -> bool:
    return Care.objects.filter(
        person=person, kind=CareKind.RECOGNITION, ended_on__isnull=True
    ).exists()
