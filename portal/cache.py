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
from django.utils import timezone

from accounts.models import Office

from .http import PortalRequest

T = TypeVar("T")

KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve GET requests without a query string from the cache (inside portal_view)."""
    return _cached(view, lambda: "")


def cached_hourly(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like cached_page, for pages that also change with the clock (the
    consultation hours: sessions pass), rendered afresh every hour."""
    return _cached(view, lambda: timezone.localtime().strftime("%Y%m%d%H"))


def _cached(
    view: Callable[..., HttpResponse], stamp: Callable[[], str]
) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: PortalRequest, **kwargs) -> HttpResponse:
        if request.method != "GET" or request.GET:
            return view(request, **kwargs)
        office = request.portal.office
        key = f"portal:{office.pk}:{office.portal_version}:{stamp()}:{request.path}"
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            return HttpResponse(content, headers=headers)
        response = view(request, **kwargs)
        if response.status_code == 200 and not request.META.get(
            "CSRF_COOKIE_NEEDS_UPDATE"
        ):
            # The headers the view set itself (a calendar's type and file
            # name); middleware adds the rest on every response.
            headers = {h: response[h] for h in KEPT_HEADERS if h in response}
            cache.set(key, (response.content, headers), settings.PORTAL_CACHE_SECONDS)
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
    elif hasattr(instance, "site_id"):
        # A room of a site.
        offices = offices.filter(sites=instance.site_id)
    else:
        # A page's text: one UPDATE through the page, without loading it.
        offices = offices.filter(pages=instance.page_id)
    offices.update(portal_version=F("portal_version") + 1)
