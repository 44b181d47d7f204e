from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Office
from lib.forms import KernForm, KernModelForm, choice_field
from portal.forms import form_token_value, new_form_token
from portal.languages import Language

from .models import BODY_MAX_LENGTH, NAV_KINDS, REQUIRED_KINDS, Page, PageText

FEEDBACK_MAX_LENGTH = 5000


class FeedbackForm(KernForm):
    """Feedback on barriers, from the accessibility statement (BITV 2.0 § 7)."""

    message = forms.CharField(
        label=_("Which barrier did you find?"),
        max_length=FEEDBACK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Tell us on which page, and what did not work for you."),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        required=False,
        help_text=_("Only if you would like an answer. We use it only to answer you."),
    )
    consent = forms.BooleanField(
        label=_("We may use my e-mail address to answer me."),
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The portal's signed one-time form token. It is no field: there is
        # nothing in it a person could correct, so a refused token is said at
        # the top of the form.
        self.signed_token = (
            str(self.data.get("token", "")) if self.is_bound else new_form_token()
        )
        self.token = ""  # the random part, stored once per form

    def clean(self):
        data = super().clean()
        self.token = form_token_value(self.signed_token)
        if not self.token:
            # A new token, so that the form as typed can be sent again.
            self.signed_token = new_form_token()
            self.add_error(
                None, _("This form was open too long. Please send it again.")
            )
        if data.get("email") and not data.get("consent"):
            self.add_error(
                "consent",
                _("Please agree that we may use your address, or leave it out."),
            )
        return data


def office_slug_taken(office: Office, slug: str, page: Page | None = None) -> bool:
    pages = Page.objects.filter(office=office, slug=slug)
    if page is not None:
        pages = pages.exclude(pk=page.pk)
    return pages.exists()


class PageCreateForm(KernModelForm):
    title = forms.CharField(label=_("Title in German"), max_length=200)
    body = forms.CharField(
        label=_("Text in German"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=PageText._meta.get_field("body").help_text,
    )

    class Meta:
        model = Page
        fields = ["kind", "slug", "position"]

    def __init__(self, *args, office: Office, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.office = office
        existing = set(
            Page.objects.filter(office=office, kind__in=REQUIRED_KINDS).values_list(
                "kind", flat=True
            )
        )
        # A required page exists once; the others as often as staff like.
        offered = [*NAV_KINDS, *(k for k in REQUIRED_KINDS if k not in existing)]
        choice_field(self, "kind").choices = [(k.value, k.label) for k in offered]

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if office_slug_taken(self.office, slug):
            raise forms.ValidationError(_("Another page already has this address."))
        return slug

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(_("Write the text of the page."))
        return body


class PageSettingsForm(KernModelForm):
    class Meta:
        model = Page
        fields = ["slug", "position"]

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if office_slug_taken(self.instance.office, slug, self.instance):
            raise forms.ValidationError(_("Another page already has this address."))
        return slug


class TextForm(KernModelForm):
    """A page's text in one language; what is typed is in that language."""

    class Meta:
        model = PageText
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 20})}

    def __init__(self, *args, language: Language, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Typing Arabic into a left-to-right box garbles punctuation and
        # lists; the language also lets spell checkers pick the right words.
        for field in self.fields.values():
            field.widget.attrs.update({"lang": language.html_lang, "dir": language.dir})
