from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Office
from lib.forms import KernForm, KernModelForm

from .models import Partner, PartnerContact, PartnerKind, PartnerQuerySet

DUPLICATE_NAME = _("The directory already has a partner with this name.")


class PartnerFilterForm(KernForm):
    q = forms.CharField(label=_("Name contains"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds")), *PartnerKind.choices],
        required=False,
    )
    municipality = forms.ModelChoiceField(
        label=_("Serves municipality"),
        queryset=Municipality.objects.none(),
        empty_label=_("All municipalities"),
        required=False,
        help_text=_("Partners serving the whole county are included."),
    )
    show_inactive = forms.BooleanField(
        label=_("Show inactive partners"), required=False
    )

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Municipality.objects.filter(office=office)

    def apply(self, partners: PartnerQuerySet) -> PartnerQuerySet:
        """Filter by what is valid; a broken filter value is shown as an error."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if not data.get("show_inactive"):
            partners = partners.active()
        if data.get("kind"):
            partners = partners.filter(kind=data["kind"])
        if data.get("municipality"):
            partners = partners.serving(data["municipality"])
        if data.get("q"):
            partners = partners.named_like(data["q"])
        return partners


class PartnerForm(KernModelForm):
    # Explicit so that an address typed without scheme gets https, not http.
    website = forms.URLField(
        label=_("Website"), max_length=200, required=False, assume_scheme="https"
    )

    class Meta:
        model = Partner
        fields = [
            "kind",
            "name",
            "address",
            "phone",
            "email",
            "website",
            "municipalities",
            "notes",
            "active",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "municipalities": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.office = office
        self.instance.office = office
        field = self.fields["municipalities"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Municipality.objects.filter(office=office)

    def clean_name(self) -> str:
        # The office is not a form field, so Django skips the unique constraint.
        name = self.cleaned_data["name"]
        others = Partner.objects.filter(office=self.office, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(DUPLICATE_NAME)
        return name


class ContactForm(KernModelForm):
    class Meta:
        model = PartnerContact
        fields = ["name", "role", "phone", "email"]
