import re
import secrets

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Office
from cases.models import Topic
from housing.models import Accommodation
from lib.forms import KernForm
from lib.uploads import AttachmentsField

from . import languages
from .models import Kind

TOKEN_SALT = "lotse.portal.form"
TOKEN_MAX_AGE = 24 * 60 * 60
PHONE = re.compile(r"^\+?[0-9 ()/.-]{5,38}[0-9]$")


def new_form_token() -> str:
    return signing.dumps(secrets.token_urlsafe(24), salt=TOKEN_SALT)


def form_token_value(token: str) -> str:
    """The random part of a token we signed within a day, or "" for any other."""
    try:
        return str(signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE))
    except signing.BadSignature:
        return ""


def valid_form_token(token: str) -> bool:
    return bool(form_token_value(token))


class LanguageTaggedSelect(forms.Select):
    """A select whose options may be in other languages than the page."""

    def __init__(
        self,
        *args,
        option_languages: dict[str, languages.Language] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.option_languages = option_languages or {}

    def create_option(self, name, value, label, selected, index, **kwargs):
        option = super().create_option(name, value, label, selected, index, **kwargs)
        language = self.option_languages.get(str(value))
        if language:
            option["attrs"]["lang"] = language.html_lang
            option["attrs"]["dir"] = language.dir
        return option


def topic_choices(office: Office, language: languages.Language):
    """The office's public topics in the reader's language, German where missing."""
    labelled = []
    untranslated: dict[str, languages.Language] = {}
    for topic in Topic.objects.filter(office=office, active=True, public=True):
        label, translated = topic.public_label()
        labelled.append((str(topic.pk), label))
        if not translated and language.html_lang != "de":
            untranslated[str(topic.pk)] = languages.SOURCE
    labelled.sort(key=lambda choice: choice[1].casefold())
    return [("", _("Choose a topic"))] + labelled, untranslated


class SubmissionForm(KernForm):
    kind = forms.ChoiceField(
        label=_("What would you like to send?"),
        choices=[(k.value, k.label) for k in Kind if k != Kind.ACCESSIBILITY],
        widget=forms.RadioSelect,
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("Town or municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("Choose a place"),
    )
    accommodation = forms.ModelChoiceField(
        label=_("Accommodation"),
        queryset=Accommodation.objects.none(),
        required=False,
        empty_label=_("Not about an accommodation"),
        help_text=_("If your message is about the place where you live, choose it."),
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("For example the accommodation, the street or the office."),
    )
    text = forms.CharField(
        label=_("Your message"),
        max_length=settings.PORTAL_MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Write in the language you know best."),
    )
    attachments = AttachmentsField(label=_("Photos or documents"))
    reply = forms.ChoiceField(
        label=_("Would you like an answer?"),
        choices=[
            ("anonymous", _("No. I send this anonymously.")),
            ("contact", _("Yes. Please contact me.")),
        ],
        widget=forms.RadioSelect,
        initial="anonymous",
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    contact_email = forms.EmailField(
        label=_("E-mail address"), max_length=254, required=False
    )
    contact_phone = forms.CharField(
        label=_("Phone number"), max_length=40, required=False
    )
    answer_language = forms.ChoiceField(
        label=_("Language for the answer"), choices=languages.choices(), required=False
    )
    on_behalf = forms.BooleanField(
        label=_("I am sending this for someone else."), required=False
    )
    consent = forms.BooleanField(
        label=_("I have read how my data is used, and I agree."),
        error_messages={"required": _("Please agree, or we cannot take your message.")},
    )
    form_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, office: Office, language: languages.Language, **kwargs):
        super().__init__(*args, **kwargs)
        self.office = office
        choices, untranslated = topic_choices(office, language)
        topic = self.fields["topic"]
        assert isinstance(topic, forms.ChoiceField)
        topic.choices = choices
        topic.widget = LanguageTaggedSelect(
            choices=choices, option_languages=untranslated
        )
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ModelChoiceField)
        municipality.queryset = Municipality.objects.filter(office=office)
        # Only accommodations the office shows by name; none: no question.
        shown = Accommodation.objects.filter(office=office, on_portal=True, active=True)
        if shown.exists():
            accommodation = self.fields["accommodation"]
            assert isinstance(accommodation, forms.ModelChoiceField)
            accommodation.queryset = shown
        else:
            del self.fields["accommodation"]
        answer = self.fields["answer_language"]
        answer.initial = language.code
        answer.widget = LanguageTaggedSelect(
            choices=languages.choices(),
            option_languages=languages.BY_CODE,
        )

    def clean_contact_phone(self) -> str:
        phone = self.cleaned_data["contact_phone"].strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(
                _("Enter the phone number with digits only, e.g. 0371 123456.")
            )
        return phone

    def clean_topic(self) -> Topic | None:
        value = self.cleaned_data["topic"]
        if not value:
            return None
        return Topic.objects.get(pk=value, office=self.office)

    def clean(self):
        data = super().clean()
        if data.get("reply") == "contact":
            if not (data.get("contact_email") or data.get("contact_phone")):
                self.add_error(
                    "contact_email",
                    _("Give an e-mail address or a phone number, or send anonymously."),
                )
        else:
            # Contact data the person typed and then chose not to send is dropped.
            for name in ("contact_name", "contact_email", "contact_phone"):
                data[name] = ""
        return data
