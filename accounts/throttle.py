"""Failed logins per address across all user names, from axes' own records.

django-axes locks a user name at one address after a few failures. Password
spraying tries one or two common passwords on many user names and never
reaches that limit; counting all failures of the address catches it.
"""

from axes.helpers import get_client_ip_address, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone


def address_failures(request: HttpRequest) -> int:
    """Failed logins from the request's address within axes' cool-off time."""
    address = get_client_ip_address(request)
    cool_off = get_cool_off(request)
    if not address or cool_off is None:
        return 0
    found = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gte=timezone.now() - cool_off
    ).aggregate(failures=Sum("failures_since_start"))
    return found["failures"] or 0


def too_many_failures(request: HttpRequest) -> bool:
    return address_failures(request) >= settings.LOGIN_FAILURES_PER_ADDRESS
