from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user

from lib.forms import KernForm, KernModelForm

from .models import SETTINGS_ROLES, Role, User


class LoginForm(KernForm):
    """Password and, once set up, the six-digit code of the authenticator app."""

    username = forms.CharField(label=_("User name"), max_length=150)
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput
    )
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=6,
        help_text=_("Six digits. Leave empty only when you log in for the first time."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    def __init__(self, request: HttpRequest, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user: User | None = None
        self.device = None

    def clean(self) -> dict:
        data = super().clean()
        username, password = data.get("username"), data.get("password")
        if not username or not password:
            return data
        user = authenticate(self.request, username=username, password=password)
        if user is None:
            raise forms.ValidationError(
                _("User name or password is wrong."), code="invalid"
            )
        devices = [d for d in devices_for_user(user) if d.confirmed]
        if devices:
            token = (data.get("otp_token") or "").strip()
            self.device = next(
                (d for d in devices if token and d.verify_token(token)), None
            )
            if self.device is None:
                # A wrong code counts like a wrong password: guessing locks out.
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": username},
                    request=self.request,
                )
                raise forms.ValidationError(
                    _("The code from your authenticator app is wrong or expired."),
                    code="otp",
                )
        self.user = user
        return data


class OTPSetupForm(KernForm):
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    def __init__(self, device, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self) -> str:
        token = self.cleaned_data["otp_token"].strip()
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("This code does not match. Try the next one.")
            )
        return token


# The state view works across offices; an office cannot hand it out.
OFFICE_ROLES = [
    (value, label) for value, label in Role.choices if value != Role.STATE_VIEW
]


class StaffForm(KernModelForm):
    """Names, hours and roles of a staff member of the editor's office."""

    weekly_hours = forms.DecimalField(
        label=_("Weekly working hours"),
        required=False,
        min_value=0,
        max_value=60,
        max_digits=4,
        decimal_places=1,
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=OFFICE_ROLES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What this person may see and do in Lotse."),
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "weekly_hours"]
        labels = {"email": _("E-mail")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            self.fields[name].required = True
        if self.instance.pk:
            self.fields["roles"].initial = list(
                self.instance.role_grants.values_list("role", flat=True)
            )


def check_password_rules(form: forms.ModelForm, name: str, data: dict) -> None:
    """Django's password rules, against a user with the typed names so that a
    password like them is caught."""
    password = data.get(name)
    if not password:
        return
    names = ("username", "first_name", "last_name", "email")
    candidate = User(**{n: data.get(n) or getattr(form.instance, n, "") for n in names})
    try:
        password_validation.validate_password(password, candidate)
    except forms.ValidationError as error:
        form.add_error(name, error)


class StaffCreateForm(StaffForm):
    password = forms.CharField(
        label=_("Initial password"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Tell it to the person in a safe way. At the first login they pair "
            "an authenticator app."
        ),
    )

    class Meta(StaffForm.Meta):
        fields = ["username", *StaffForm.Meta.fields]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        # Logins differing only in case would be mixed up by people.
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                _("This user name is taken already."), code="unique"
            )
        return username

    def clean(self) -> dict:
        data = super().clean()
        check_password_rules(self, "password", data)
        return data


class StaffEditForm(StaffForm):
    """Editing staff; nobody may lock themselves out of managing staff."""

    new_password = forms.CharField(
        label=_("New password"),
        required=False,
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Only when the person forgot theirs: tell them the new one in a safe "
            "way and ask them to change it after logging in."
        ),
    )

    class Meta(StaffForm.Meta):
        fields = [*StaffForm.Meta.fields, "is_active"]
        labels = {"email": _("E-mail"), "is_active": _("Active (may log in)")}
        help_texts = {"is_active": ""}

    field_order = [*StaffForm.Meta.fields, "roles", "is_active", "new_password"]

    def __init__(self, *args, editor: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.editor = editor

    def clean(self) -> dict:
        data = super().clean()
        check_password_rules(self, "new_password", data)
        if self.instance.pk != self.editor.pk:
            return data
        if data.get("is_active") is False:
            self.add_error("is_active", _("You cannot deactivate yourself."))
        kept = set(data.get("roles") or [])
        lost = {r for r in SETTINGS_ROLES if self.editor.has_role(r)} - kept
        if "roles" in data and lost:
            self.add_error(
                "roles",
                _(
                    "You cannot take away your own role %(role)s; "
                    "otherwise nobody might be left to manage staff."
                )
                % {"role": ", ".join(str(Role(r).label) for r in sorted(lost))},
            )
        return data
