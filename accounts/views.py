from base64 import b32encode

import segno
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from lib.security import start_session_clock

from .decorators import staff_required
from .forms import LoginForm, OTPSetupForm
from .http import StaffRequest
from .throttle import too_many_failures

# Set when the second factor is given; a session that had it keeps the mark
# when the app is reset (django-otp forgets the device, not this).
VERIFIED_ONCE = "lotse_verified_once"


def _next_url(request: HttpRequest) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return "/"


def login(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and too_many_failures(request):
        return render(request, "accounts/too_many_logins.html", status=429)
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        auth.login(request, form.user)
        start_session_clock(request)
        if form.device is None:
            return redirect("accounts:otp_setup")
        otp_login(request, form.device)
        request.session[VERIFIED_ONCE] = True
        return redirect(_next_url(request))
    return render(
        request, "accounts/login.html", {"form": form, "next": _next_url(request)}
    )


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth.logout(request)
    messages.success(request, _("You are logged out."))
    return redirect("accounts:login")


def totp_secret(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode()


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    """First login: pair an authenticator app before any office data shows."""
    user = request.user
    if user.is_verified():  # type: ignore[union-attr]
        return redirect("cases:desk")
    if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
        # A paired user who is not verified must log in with the code.
        auth.logout(request)
        return redirect("accounts:login")
    if request.session.get(VERIFIED_ONCE):
        # Verified with an app that was reset since: pairing a new one takes
        # the password again, not just a session that outlived the old app.
        auth.logout(request)
        return redirect("accounts:login")
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "Authenticator"}
    )
    form = OTPSetupForm(device, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        # The session now opens office data: a key seen before it must not.
        request.session.cycle_key()
        request.session[VERIFIED_ONCE] = True
        messages.success(request, _("Your authenticator app is set up."))
        return redirect("cases:desk")
    qr = segno.make(device.config_url, error="m").svg_inline(
        scale=4, title=_("QR code for your authenticator app")
    )
    context = {"form": form, "secret": totp_secret(device), "qr": qr}
    return render(request, "accounts/otp_setup.html", context)


@staff_required()
def password_change(request: StaffRequest) -> HttpResponse:
    """Every staff member replaces the initial password the administrator set."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        # Keeps this session (and its second factor) valid; others end.
        auth.update_session_auth_hash(request, form.user)
        messages.success(request, _("Your password was changed."))
        return redirect("cases:desk")
    return render(request, "accounts/password_change.html", {"form": form})
