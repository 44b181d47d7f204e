import datetime

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, Site, User
from clients.models import Household, Person
from directory.models import Partner
from lib.forms import (
    DateInput,
    KernForm,
    KernModelForm,
    choice_field,
    model_choice_field,
)
from lib.iso import language_choices

from .models import (
    Activity,
    Concern,
    ConcernType,
    FollowUp,
    Justification,
    Outcome,
    Referral,
    ReferralStatus,
    Status,
    Topic,
)

EARLIEST = datetime.date(2000, 1, 1)


def office_staff(user: User) -> QuerySet[User]:
    """Colleagues a concern can be assigned or shared to."""
    counselling = [Role.COMMISSIONER, Role.DEPUTY, Role.GUIDE]
    return (
        User.objects.filter(office_id=user.office_pk, is_active=True)
        .filter(role_grants__role__in=counselling)
        .distinct()
        .order_by("last_name", "first_name")
    )


def check_not_future(day: datetime.date | None) -> None:
    if day and day > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future."))
    if day and day < EARLIEST:
        raise forms.ValidationError(_("Enter a date from the year 2000 on."))


class ConcernForm(KernModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Concern
        fields = [
            "type",
            "channel",
            "subject",
            "description",
            "topics",
            "persons",
            "household",
            "group_description",
            "anonymous",
            "site",
            "assigned_to",
            "shared_with",
            "status",
            "opened_on",
        ]
        widgets = {
            "type": forms.RadioSelect,
            "topics": forms.CheckboxSelectMultiple,
            "persons": forms.CheckboxSelectMultiple,
            "shared_with": forms.CheckboxSelectMultiple,
            "opened_on": DateInput,
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, user: User, persons: QuerySet[Person], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        office = user.office_pk
        # Radio buttons without the empty "---------" choice.
        choice_field(self, "type").choices = ConcernType.choices
        model_choice_field(self, "topics").queryset = Topic.objects.filter(
            office_id=office, active=True
        )
        model_choice_field(self, "persons").queryset = persons
        self.fields["persons"].help_text = _(
            "More persons can be added on the concern's page."
        )
        model_choice_field(self, "household").queryset = Household.objects.filter(
            office_id=office
        )
        model_choice_field(self, "site").queryset = Site.objects.filter(
            office_id=office
        )
        model_choice_field(self, "assigned_to").queryset = office_staff(user)
        model_choice_field(self, "shared_with").queryset = office_staff(user)
        choice_field(self, "status").choices = [
            c for c in Status.choices if c[0] != Status.CLOSED
        ]
        if not user.sees_notes:
            # Office staff record concerns but never read or write counselling notes.
            del self.fields["description"]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            if self.instance.is_closed:
                choice_field(self, "status").choices = Status.choices

    def clean_opened_on(self) -> datetime.date:
        day = self.cleaned_data["opened_on"]
        check_not_future(day)
        return day

    def clean(self) -> dict:
        data = super().clean()
        named = (
            data.get("persons")
            or data.get("household")
            or data.get("group_description")
        )
        if data.get("anonymous") and data.get("persons"):
            self.add_error(
                "anonymous", _("A concern with named persons is not anonymous.")
            )
        elif not named and not data.get("anonymous"):
            raise forms.ValidationError(
                _(
                    "Say whom the concern is about: persons, a household, a group, "
                    "or tick “nobody named”."
                )
            )
        return data


class CloseForm(KernModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Concern
        fields = ["outcome", "outcome_note", "justification"]
        widgets = {
            "outcome": forms.RadioSelect,
            "justification": forms.RadioSelect,
            "outcome_note": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True
        # Radio buttons without the empty "---------" choice.
        choice_field(self, "outcome").choices = Outcome.choices
        self.fields["version"].initial = self.instance.version
        if self.instance.type == ConcernType.COMPLAINT:
            self.fields["justification"].required = True
            choice_field(self, "justification").choices = Justification.choices
        else:
            del self.fields["justification"]


class ActivityForm(KernModelForm):
    class Meta:
        model = Activity
        fields = [
            "kind",
            "occurred_at",
            "minutes",
            "language",
            "mediator_needed",
            "notes",
        ]
        widgets = {
            "occurred_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["minutes"].widget.attrs.update({"min": 1, "max": 24 * 60})
        self.fields["language"] = forms.ChoiceField(
            label=_("Language used"),
            required=False,
            choices=[("", _("German or not recorded")), *language_choices()],
        )
        if not user.sees_notes:
            del self.fields["notes"]

    def clean_minutes(self) -> int:
        minutes = self.cleaned_data["minutes"]
        if not 1 <= minutes <= 24 * 60:
            raise forms.ValidationError(_("Enter between 1 and 1440 minutes."))
        return minutes

    def clean_occurred_at(self) -> datetime.datetime:
        when = self.cleaned_data["occurred_at"]
        check_not_future(timezone.localtime(when).date())
        return when


class FollowUpForm(KernModelForm):
    class Meta:
        model = FollowUp
        fields = ["due_on", "note", "assigned_to"]
        widgets = {"due_on": DateInput}

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "assigned_to").queryset = office_staff(user)
        self.fields["assigned_to"].initial = user.pk

    def clean_due_on(self) -> datetime.date:
        day = self.cleaned_data["due_on"]
        if day < EARLIEST or day > timezone.localdate() + datetime.timedelta(days=3650):
            raise forms.ValidationError(
                _("Enter a due date within the next ten years.")
            )
        return day


class ReferralForm(KernForm):
    partner = forms.ModelChoiceField(
        label=_("Partner"), queryset=Partner.objects.none()
    )
    person = forms.ModelChoiceField(
        label=_("Person whose data is passed on"),
        queryset=Person.objects.none(),
        required=False,
    )
    shares_personal_data = forms.BooleanField(
        label=_("Personal data is passed to the partner"),
        required=False,
        initial=True,
        help_text=_("Needs the person's recorded consent to share with this partner."),
    )
    reason = forms.CharField(
        label=_("Reason for the referral"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, concern: Concern, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "partner").queryset = Partner.objects.of_office(
            concern.office
        ).active()
        model_choice_field(self, "person").queryset = concern.persons.all()


class ReferralResultForm(KernModelForm):
    class Meta:
        model = Referral
        fields = ["status", "result"]
        widgets = {
            "status": forms.RadioSelect,
            "result": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict:
        data = super().clean()
        finished = data.get("status") in {ReferralStatus.DONE, ReferralStatus.DECLINED}
        if finished and not data.get("result"):
            self.add_error("result", _("Note what came of the referral."))
        return data


class TopicForm(KernModelForm):
    class Meta:
        model = Topic
        fields = ["name", "active"]

    def __init__(self, *args, office_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.office_id = office_id

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = Topic.objects.filter(office_id=self.office_id, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This topic exists already."))
        return name


class ConcernFilterForm(KernForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open (all but closed)")), ("all", _("All")), *Status.choices],
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All")), *ConcernType.choices]
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.none(),
        empty_label=_("All"),
    )
    mine = forms.BooleanField(label=_("Only assigned to me"), required=False)
    per_page = forms.TypedChoiceField(
        label=_("Rows per page"),
        required=False,
        coerce=int,
        choices=[(25, "25"), (50, "50"), (100, "100")],
        initial=25,
    )

    def __init__(self, *args, office_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "topic").queryset = Topic.objects.filter(
            office_id=office_id
        )


class PartySearchForm(KernForm):
    q = forms.CharField(label=_("Name"), max_length=200)
