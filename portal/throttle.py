"""Per-address limits without keeping addresses: only a keyed digest is stored."""

import datetime

from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

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


def honeypot(request: HttpRequest) -> str:
    """The refusal when the field people never see was filled, else ""."""
    if request.POST.get("website"):
        return _("Leave the last field empty.")
    return ""


def take(request: HttpRequest, scope: str, limit: int) -> str:
    """Count a post from this address, or say why it is one too many."""
    key = address_key(request)
    if not allowed(scope, key, limit):
        return _(
            "Many messages were sent from your connection. Please try again in "
            "an hour, or call us."
        )
    record(scope, key)
    return ""


def sweep() -> int:
    """Delete rows older than a day; run now and then (after each submission)."""
    deleted, _ = Throttle.objects.filter(
        at__lt=timezone.now() - datetime.timedelta(days=1)
    ).delete()
    return deleted
