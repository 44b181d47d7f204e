"""Forms rendered with KERN UX markup and GOV.UK's error summary.

Every form in Lotse derives from ``KernForm`` or ``KernModelForm``; the
renderer sets the KERN classes, ``aria-describedby`` for hints and errors,
and the error summary at the top of the form, so templates only write
``{{ form }}``.
"""

import datetime
import re
import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

CHECK_WIDGETS = (forms.CheckboxInput,)
CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)
SELECT_WIDGETS = (forms.Select, forms.SelectMultiple)


def widget_kind(widget: forms.Widget) -> str:
    # CheckboxSelectMultiple derives from RadioSelect: test it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radio"
    if isinstance(widget, CHECK_WIDGETS):
        return "checkbox"
    if isinstance(widget, SELECT_WIDGETS):
        return "select"
    return "input"


WIDGET_CLASSES = {
    "radio": "kern-form-check__radio",
    "checkboxes": "kern-form-check__checkbox",
    "checkbox": "kern-form-check__checkbox",
    "select": "kern-form-input__select",
    "input": "kern-form-input__input",
}


class KernBoundField(BoundField):
    @property
    def kind(self) -> str:
        return widget_kind(self.field.widget)

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}_error"

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        css = WIDGET_CLASSES[widget_kind(widget or self.field.widget)]
        if self.errors:
            css += f" {css}--error"
        attrs["class"] = f"{attrs.get('class', '')} {css}".strip()
        # Hidden inputs have no visible hint or error to point at.
        if not self.use_fieldset and not self.is_hidden:
            described = []
            if self.help_text:
                described.append(f"{self.auto_id}_helptext")
            if self.errors:
                described.append(self.error_id)
            if described:
                attrs["aria-describedby"] = " ".join(described)
        return attrs


class KernRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = KernBoundField


# Characters a person never means to type into a form: C0/C1 controls other
# than tab and newline, and the bidi overrides that can disguise text.
FORBIDDEN_CATEGORIES = {"Cc", "Cs", "Co"}
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def has_forbidden_characters(value: str) -> bool:
    for char in value:
        if char in "\t\n\r":
            continue
        if char in BIDI_CONTROLS or unicodedata.category(char) in FORBIDDEN_CATEGORIES:
            return True
    return False


class CleanTextMixin:
    """Refuse control characters in every text field, with a clear message."""

    def clean(self):
        data = super().clean()  # type: ignore[misc]
        for name, value in list(data.items()):
            if isinstance(value, str) and has_forbidden_characters(value):
                self.add_error(  # type: ignore[attr-defined]
                    name,
                    _("This text contains invisible control characters. Retype it."),
                )
        return data


class KernForm(CleanTextMixin, forms.Form):
    pass


class KernModelForm(CleanTextMixin, forms.ModelForm):
    pass


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """The named field, typed, so that its queryset can be narrowed to the office."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


# The browsers' own date and time pickers; the value in ISO form, as they
# expect it, whatever the page's language.
class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")


class MonthInput(forms.DateInput):
    # Browsers without a month picker show a text box: the hint gives the form.
    input_type = "month"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m")

    def format_value(self, value: Any) -> str | None:
        formatted = super().format_value(value)
        # Browsers drop a value that is no month, and it would make the page
        # invalid HTML: the error message says what was wrong instead.
        if formatted and not MONTH.fullmatch(str(formatted)):
            return None
        return formatted


class MonthField(forms.DateField):
    """A month as YYYY-MM; the value is its first day, within the years given."""

    widget = MonthInput
    input_formats = ["%Y-%m"]
    default_error_messages = {
        "invalid": _("Enter a month as year and month, for example 2026-05."),
    }

    def __init__(
        self, *args: Any, first_year: int = 2000, last_year: int = 2099, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.first_year, self.last_year = first_year, last_year

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not self.first_year <= value.year <= self.last_year:
            raise ValidationError(
                _("Enter a month between %(first)d and %(last)d.")
                % {"first": self.first_year, "last": self.last_year},
                code="out_of_range",
            )


Span = tuple[datetime.date, datetime.date]


class MonthSpanForm(KernForm):
    """A first and a last month sent by GET (fields ``start`` and ``end``,
    declared by the subclass); empty ones take the default span, and
    ``check_span`` adds the page's own rules."""

    def __init__(self, data: Any = None, *, default: Span) -> None:
        self.default = default
        super().__init__(data, initial={"start": default[0], "end": default[1]})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        data["start"] = data.get("start") or self.default[0]
        data["end"] = data.get("end") or self.default[1]
        self.check_span(data["start"], data["end"])
        return data

    def check_span(self, start: datetime.date, end: datetime.date) -> None:
        raise NotImplementedError

    def period(self) -> Span | None:
        """The chosen first and last month, the default when none was chosen,
        None when the input is invalid."""
        if not self.is_bound:
            return self.default
        if not self.is_valid():
            return None
        return self.cleaned_data["start"], self.cleaned_data["end"]
