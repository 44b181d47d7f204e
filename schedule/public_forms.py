"""The booking form of the public portal."""

import pycountry
from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from lib.forms import KernForm
from lib.iso import language_choices
from portal.forms import PHONE, LanguageTaggedSelect
from portal.languages import BY_CODE, Language

from .sessions import Session, Slot

# The language a visitor most likely speaks, by the portal language they read.
SPOKEN = {
    "de": "deu",
    "ls": "deu",
    "en": "eng",
    "ar": "ara",
    "fa": "fas",
    "uk": "ukr",
    "ru": "rus",
    "tr": "tur",
}


def spoken_language_choices(
    language: Language,
) -> tuple[list[tuple[str, str]], dict[str, Language]]:
    """ISO 639-3 languages named in the page's language, and those that
    pycountry has no name for in it (they come in English, marked so).

    Leichte Sprache reads the German names.
    """
    with translation.override(language.html_lang):
        choices = language_choices()
    english = BY_CODE["en"]
    if language == english:
        return choices, {}
    untranslated = {}
    for code, name in choices:
        found = pycountry.languages.get(alpha_3=code)
        if found is not None and name == found.name:
            untranslated[code] = english
    # The English names after the page's own: in Arabic script they would
    # otherwise come first and push the familiar names down.
    choices.sort(key=lambda choice: choice[0] in untranslated)
    return choices, untranslated


class BookingForm(KernForm):
    slot = forms.ChoiceField(
        label=_("Choose a time"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a time."),
            "invalid_choice": _("This time is not offered. Please choose another."),
        },
    )
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        required=False,
        help_text=_(
            "We send the confirmation and a link to cancel to this address. "
            "Without an e-mail address you get no confirmation."
        ),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        required=False,
        help_text=_("We call you if the appointment has to be moved."),
    )
    language = forms.ChoiceField(label=_("Which language do you speak?"))
    mediator_needed = forms.BooleanField(
        label=_("I need a language mediator (interpreter), free of charge."),
        required=False,
    )
    subject = forms.CharField(
        label=_("What is it about?"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few words are enough, in any language."),
    )
    consent = forms.BooleanField(
        label=_("I agree that the office uses my details to arrange this appointment."),
        error_messages={
            "required": _("Please agree, or we cannot book the appointment.")
        },
    )
    form_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, session: Session, language: Language, **kwargs):
        super().__init__(*args, **kwargs)
        slot = self.fields["slot"]
        assert isinstance(slot, forms.ChoiceField)
        # Any slot of the session is accepted, so that book() can say why a
        # time is gone (taken, passed); only the free ones are offered.
        slot.choices = [(s.key, _clock(s)) for s in session.slots()]
        slot.widget.choices = [(s.key, _clock(s)) for s in session.free_slots()]
        choices, untranslated = spoken_language_choices(language)
        spoken = self.fields["language"]
        assert isinstance(spoken, forms.ChoiceField)
        spoken.choices = choices
        spoken.initial = SPOKEN.get(language.code, "deu")
        spoken.widget = LanguageTaggedSelect(
            choices=choices, option_languages=untranslated
        )

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(
                _("Enter the phone number with digits only, e.g. 0371 123456.")
            )
        return phone

    def clean(self):
        data = super().clean()
        given = data.get("email") or data.get("phone")
        if not (given or self.has_error("email") or self.has_error("phone")):
            self.add_error(
                "email",
                _(
                    "Give an e-mail address or a phone number, "
                    "so that we can reach you."
                ),
            )
        return data


def _clock(slot: Slot) -> str:
    return timezone.localtime(slot.starts_at).strftime("%H:%M")
