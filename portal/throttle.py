"""Per-address limits without keeping addresses: only a keyed digest is stored."""

import datetime

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from . import challenge
from .models import Throttle

HOUR = datetime.timedelta(hours=1)


def address_key(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by whoever sends the request.
    # Behind a proxy, the proxy must set REMOTE_ADDR (e.g. gunicorn's
    # --forwarded-allow-ips with a trusted proxy).
    address = request.META.get("REMOTE_ADDR", "")
    return salted_hmac("lotse.portal.address", address).hexdigest()


def count(scope: str, key: str, within: datetime.timedelta = HOUR) -> int:
    since = timezone.now() - within
    return Throttle.objects.filter(scope=scope, key=key, at__gte=since).count()


def record(scope: str, key: str) -> None:
    Throttle.objects.create(scope=scope, key=key)


def allowed(scope: str, key: str, limit: int) -> bool:
    return count(scope, key) < limit


def allowed_once(request: HttpRequest, scope: str, limit: int) -> bool:
    """Count this request from its address; False when it is one too many."""
    key = address_key(request)
    if not allowed(scope, key, limit):
        return False
    record(scope, key)
    return True


def honeypot(request: HttpRequest) -> str:
    """The refusal when the field people never see was filled, else ""."""
    if request.POST.get("website"):
        return _("Leave the last field empty.")
    return ""


def take(request: HttpRequest, scope: str, limit: int) -> str:
    """Count a post from this address, or say why it is one too many."""
    if not allowed_once(request, scope, limit):
        return _(
            "Many messages were sent from your connection. Please try again in "
            "an hour, or call us."
        )
    return ""


def refusal(request: HttpRequest, scope: str) -> str:
    """Why a public form's post is not taken (spam checks), or "" to take it.

    Posts with a solved proof of work count against a generous limit, those
    without (no JavaScript) against a tighter one. Sets
    ``request.challenge_solved`` for the caller to record.
    """
    if refused := honeypot(request):
        return refused
    solved = challenge.verify(request.POST.get("altcha", ""))
    request.challenge_solved = solved  # type: ignore[attr-defined]
    if request.POST.get("altcha") and not solved:
        return _("The automatic check against spam failed. Please send again.")
    if solved:
        return take(request, scope, settings.PORTAL_SUBMISSIONS_PER_HOUR)
    return take(request, f"{scope}-unsolved", settings.PORTAL_UNSOLVED_PER_HOUR)


def sweep() -> int:
    """Delete rows older than a day; run now and then (after each submission)."""
    deleted, _ = Throttle.objects.filter(
        at__lt=timezone.now() - datetime.timedelta(days=1)
    ).delete()
    return deleted
