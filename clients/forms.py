import datetime
import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Office, User
from dedupe.lookup import Found, likely_persons
from dedupe.matching import Record, unsupported_scripts
from directory.models import Partner
from lib.forms import KernForm, KernModelForm, choice_field, model_choice_field
from lib.iso import country_choices, is_language_code, language_choices

from .models import (
    Consent,
    ConsentPurpose,
    DatePrecision,
    Household,
    Person,
    ResidenceStatus,
)

EARLIEST_YEAR = 1900
DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
# Partial dates as they are written on papers: 1990, 03.1990, 03/1990.
YEAR_ONLY = re.compile(r"^(\d{4})$")
MONTH_YEAR = re.compile(r"^(\d{1,2})[./](\d{4})$")
# Precision of a typed date, coarse to fine, to refuse "1990" with "full date".
PRECISION_RANK: dict[str, int] = {
    DatePrecision.YEAR: 0,
    DatePrecision.MONTH: 1,
    DatePrecision.DAY: 2,
}
INVALID_DATE = _("Enter a real date, for example 17.03.1990, 03.1990 or 1990.")


def check_plausible_date(day: datetime.date) -> None:
    if day.year < EARLIEST_YEAR:
        raise ValidationError(
            _("Enter a year from %(year)s on."),
            code="too_early",
            params={"year": EARLIEST_YEAR},
        )
    if day > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")


class PartialDateField(forms.Field):
    """A date that may be only a month or a year; remembers how much was typed."""

    widget = forms.TextInput(attrs={"autocomplete": "off"})

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.typed_precision: str = DatePrecision.DAY

    def to_python(self, value: Any) -> datetime.date | None:
        self.typed_precision = DatePrecision.DAY
        if isinstance(value, datetime.date):
            return value
        text = (value or "").strip()
        if not text:
            return None
        if match := YEAR_ONLY.match(text):
            self.typed_precision = DatePrecision.YEAR
            return self._date(int(match[1]), 1, 1)
        if match := MONTH_YEAR.match(text):
            self.typed_precision = DatePrecision.MONTH
            return self._date(int(match[2]), int(match[1]), 1)
        for fmt in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValidationError(INVALID_DATE, code="invalid")

    def _date(self, year: int, month: int, day: int) -> datetime.date:
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise ValidationError(INVALID_DATE, code="invalid") from None

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None:
            check_plausible_date(value)


def parse_language_codes(text: str) -> list[str]:
    codes = [c for c in re.split(r"[\s,;]+", text.strip().lower()) if c]
    unknown = [c for c in codes if len(c) != 3 or not is_language_code(c)]
    if unknown:
        raise ValidationError(
            _(
                "Unknown language code: %(codes)s. Enter three-letter ISO 639-3 "
                "codes separated by commas, for example prs, ckb, tir."
            ),
            code="unknown_language",
            params={"codes": ", ".join(unknown)},
        )
    return list(dict.fromkeys(codes))


class PersonForm(KernModelForm):
    birth_date = PartialDateField(
        label=_("Date of birth"),
        required=False,
        help_text=_(
            "As DD.MM.YYYY. If only the month or the year is known, enter MM.YYYY "
            "or YYYY and choose the precision below; the date is then stored as "
            "the 1st of the month or the 1st of January."
        ),
    )
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    second_nationality = forms.ChoiceField(
        label=_("Second nationality"), required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_languages = forms.CharField(
        label=_("Other languages"),
        required=False,
        max_length=200,
        help_text=_(
            "ISO 639-3 codes separated by commas, for example prs (Dari), "
            "ckb (Sorani), tir (Tigrinya)."
        ),
    )

    class Meta:
        model = Person
        fields = [
            "family_name",
            "given_names",
            "name_original",
            "birth_date",
            "birth_date_precision",
            "gender",
            "residence_status",
            "municipality",
            "address",
            "phone",
            "email",
            "household",
            "household_role",
        ]
        widgets = {
            "birth_date_precision": forms.RadioSelect,
            "name_original": forms.TextInput(attrs={"dir": "auto"}),
            "address": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = [*Meta.fields, "nationality", "second_nationality"]

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "municipality").queryset = Municipality.objects.filter(
            office=office
        )
        model_choice_field(self, "household").queryset = Household.objects.filter(
            office=office
        )
        countries = [("", _("– none –")), *country_choices()]
        choice_field(self, "nationality").choices = countries
        choice_field(self, "second_nationality").choices = countries
        choice_field(self, "languages").choices = language_choices()
        if self.instance.pk:
            self._initial_from_instance(self.instance)

    def _initial_from_instance(self, person: Person) -> None:
        countries = list(
            person.nationalities.order_by("pk").values_list("country", flat=True)
        )
        codes = list(person.languages.order_by("pk").values_list("code", flat=True))
        listed = dict(language_choices())
        self.initial.update(
            {
                "birth_date": person.birth_date_display,
                "nationality": countries[0] if countries else "",
                "second_nationality": countries[1] if len(countries) > 1 else "",
                "languages": [c for c in codes if c in listed],
                "other_languages": ", ".join(c for c in codes if c not in listed),
            }
        )

    def clean_other_languages(self) -> list[str]:
        return parse_language_codes(self.cleaned_data.get("other_languages", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self._clean_birth_date(data)
        if data.get("household_role") and not data.get("household"):
            self.add_error(
                "household_role",
                ValidationError(
                    _("Choose the household, or leave the role empty."),
                    code="no_household",
                ),
            )
        first, second = data.get("nationality"), data.get("second_nationality")
        if second and second == first:
            self.add_error(
                "second_nationality",
                ValidationError(
                    _("The second nationality is the same as the first."),
                    code="same_nationality",
                ),
            )
        return data

    def _clean_birth_date(self, data: dict[str, Any]) -> None:
        day, precision = data.get("birth_date"), data.get("birth_date_precision")
        if day is None or precision is None:
            return
        field = self.fields["birth_date"]
        assert isinstance(field, PartialDateField)
        if PRECISION_RANK[field.typed_precision] < PRECISION_RANK[precision]:
            self.add_error(
                "birth_date",
                ValidationError(
                    _(
                        "Only part of the date was entered: enter the full date, "
                        "or choose the precision that matches what is known."
                    ),
                    code="imprecise",
                ),
            )
        elif precision == DatePrecision.YEAR:
            data["birth_date"] = day.replace(month=1, day=1)
        elif precision == DatePrecision.MONTH:
            data["birth_date"] = day.replace(day=1)

    @property
    def countries(self) -> list[str]:
        chosen = [
            self.cleaned_data.get("nationality"),
            self.cleaned_data.get("second_nationality"),
        ]
        return list(dict.fromkeys(c for c in chosen if c))

    @property
    def language_codes(self) -> list[str]:
        codes = [*self.cleaned_data["languages"], *self.cleaned_data["other_languages"]]
        return list(dict.fromkeys(codes))


class NewPersonForm(PersonForm):
    """Adds the check for an existing record under a similar name."""

    def __init__(self, *args: Any, office: Office, user: User, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        self.possible_duplicates: list[Possible] = []
        self.hidden_duplicates = 0
        self.unsupported_scripts: list[str] = []
        if self.is_bound:
            self._find_duplicates(office, user)

    def _find_duplicates(self, office: Office, user: User) -> None:
        record = self._typed_record()
        self.unsupported_scripts = unsupported_scripts(record)
        found = likely_persons(office.pk, record)
        by_pk = {item.person_id: item for item in found}
        visible = Person.objects.visible_to(user).filter(pk__in=by_pk)
        self.possible_duplicates = [
            Possible(person, by_pk[person.pk])
            for person in visible.select_related("municipality")
        ]
        self.possible_duplicates.sort(key=lambda possible: -possible.found.score)
        self.hidden_duplicates = len(by_pk) - len(self.possible_duplicates)
        if self.possible_duplicates or self.hidden_duplicates:
            self.fields["confirm_different"] = forms.BooleanField(
                label=_("This is a different person; create a new record."),
                error_messages={
                    "required": _(
                        "Records of likely the same person exist. Check them, and "
                        "tick this box if this is really a different person."
                    )
                },
            )

    def _typed_record(self) -> Record:
        """What was typed, before the form is checked (a date that cannot be
        read counts as none)."""
        text = {n: str(self.data.get(n, ""))[:500] for n in TYPED_NAMES}
        born_field = self.fields["birth_date"]
        try:
            born = born_field.clean(self.data.get("birth_date", ""))
        except ValidationError:
            born = None
        precision = str(self.data.get("birth_date_precision") or "")
        if born and born_field.typed_precision != DatePrecision.DAY:  # type: ignore[attr-defined]
            precision = born_field.typed_precision  # type: ignore[attr-defined]
        municipality = str(self.data.get("municipality") or "")
        return Record(
            family_name=text["family_name"],
            given_names=text["given_names"],
            name_original=text["name_original"],
            birth_date=born,
            birth_precision=precision or DatePrecision.DAY,
            municipality_id=int(municipality) if municipality.isdigit() else None,
            phone=text["phone"],
        )


@dataclass(frozen=True)
class Possible:
    """A likely existing person shown at intake, with why."""

    person: Person
    found: Found


TYPED_NAMES = ("family_name", "given_names", "name_original", "phone")


class PersonFilterForm(KernForm):
    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    residence_status = forms.ChoiceField(label=_("Residence status"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("All"),
    )

    def __init__(self, *args: Any, office: Office | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        statuses = [("", _("All")), *ResidenceStatus.choices]
        choice_field(self, "residence_status").choices = statuses
        model_choice_field(self, "municipality").queryset = Municipality.objects.filter(
            office=office
        )


class NewConsentForm(KernModelForm):
    given_on = forms.DateField(
        label=_("Given on"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d.%m.%Y"),
        help_text=_("As DD.MM.YYYY."),
        validators=[check_plausible_date],
    )

    class Meta:
        model = Consent
        fields = ["purpose", "partner", "given_on", "form", "note"]
        widgets = {"form": forms.RadioSelect}

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partner = model_choice_field(self, "partner")
        partner.queryset = Partner.objects.of_office(office).active()
        self.fields["given_on"].initial = timezone.localdate

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        sharing = data.get("purpose") == ConsentPurpose.SHARE_WITH_PARTNER
        if sharing and not data.get("partner") and "partner" not in self.errors:
            self.add_error(
                "partner",
                ValidationError(
                    _("Choose the partner the person agreed to share their data with."),
                    code="partner_required",
                ),
            )
        if data.get("partner") and data.get("purpose") and not sharing:
            self.add_error(
                "partner",
                ValidationError(
                    _(
                        "Name a partner only for consent to sharing data with "
                        "a partner."
                    ),
                    code="partner_not_needed",
                ),
            )
        return data


class HouseholdForm(KernModelForm):
    class Meta:
        model = Household
        fields = ["name"]
