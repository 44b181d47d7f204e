"""The portal's read-only pages, rendered once per office version and process.

The start page and the office's pages change when staff edit them, not per
visitor; rendering them (navigation, Markdown, eight language links) costs
ten times what Django's request handling does. The cache key holds the
office's ``portal_version``, which the signals below raise on every change
the portal shows, so the next request renders afresh in every process. Pages
that carry a CSRF token (a form) are never cached.
"""

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.http import HttpResponse

from accounts.models import Office

from .http import PortalRequest

T = TypeVar("T")


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve GET requests without a query string from the cache (inside portal_view)."""

    @wraps(view)
    def wrapped(request: PortalRequest, **kwargs) -> HttpResponse:
        if request.method != "GET" or request.GET:
            return view(request, **kwargs)
        office = request.portal.office
        key = f"portal:{office.pk}:{office.portal_version}:{request.path}"
        content = cache.get(key)
        if content is not None:
            return HttpResponse(content)
        response = view(request, **kwargs)
        if response.status_code == 200 and not request.META.get(
            "CSRF_COOKIE_NEEDS_UPDATE"
        ):
            cache.set(key, response.content, settings.PORTAL_CACHE_SECONDS)
        return response

    return wrapped


def remember(office: Office, name: str, compute: Callable[[], T]) -> T:
    """A value derived from the office's portal content, computed once per version."""
    key = f"portal:{office.pk}:{office.portal_version}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PORTAL_CACHE_SECONDS)
    return value


def bump(sender, instance, **kwargs) -> None:
    """Signal receiver for models that carry an office, directly or via a page."""
    offices = Office.objects.all()
    if isinstance(instance, Office):
        offices = offices.filter(pk=instance.pk)
    elif hasattr(instance, "office_id"):
        offices = offices.filter(pk=instance.office_id)
    else:
        # A page's text: one UPDATE through the page, without loading it.
        offices = offices.filter(pages=instance.page_id)
    offices.update(portal_version=F("portal_version") + 1)
