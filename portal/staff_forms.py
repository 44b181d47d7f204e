from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, User
from cases.models import Topic
from lib.forms import KernForm, KernModelForm, model_choice_field

from . import languages
from .models import ReplyTemplate, RoutingRule


class RoutingRuleForm(KernModelForm):
    class Meta:
        model = RoutingRule
        fields = ["position", "topic", "municipality", "assign_to"]

    def __init__(self, *args, office_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "topic").queryset = Topic.objects.filter(
            office_id=office_id, active=True
        )
        model_choice_field(self, "municipality").queryset = Municipality.objects.filter(
            office_id=office_id
        )
        # Only people who may work on concerns can be given them.
        model_choice_field(self, "assign_to").queryset = User.objects.filter(
            office_id=office_id,
            is_active=True,
            role_grants__role__in=["commissioner", "deputy", "guide", "office_staff"],
        ).distinct()


class ReplyTemplateForm(KernModelForm):
    class Meta:
        model = ReplyTemplate
        fields = ["title", "language", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}


class AnswerForm(KernForm):
    language = forms.ChoiceField(
        label=_("Language of the answer"),
        choices=languages.choices(),
        help_text=_("So that the status page marks the text right for screen readers."),
    )
    text = forms.CharField(
        label=_("Public answer"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Shown on the status page to whoever has the code, and sent by e-mail "
            "if an address was given. Write no names and nothing personal."
        ),
    )
