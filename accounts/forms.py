from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user

from lib.forms import KernForm

from .models import User


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
