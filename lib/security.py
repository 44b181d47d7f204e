"""Rules every request passes, whoever answers it (settings: the security block).

The Content-Security-Policy comes from django-csp (PDFs left out, see
below); Django's SecurityMiddleware sends HSTS, nosniff, the referrer policy
and Cross-Origin-Opener-Policy. What neither does is here: the
Permissions-Policy header, a ceiling on the size of a request, and the
absolute lifetime of a login.
"""

from collections.abc import Callable

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib import auth, messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import ngettext

Middleware = Callable[[HttpRequest], HttpResponse]

# When the password was given; seconds since the epoch, in the session.
SESSION_STARTED = "lotse_session_started"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy on every response except PDFs.

    Chrome shows a PDF in a viewer page of its own and applies the PDF's
    policy to that page, which then cannot style or embed the document
    (crbug.com/271452). A PDF runs none of our code, and the attachments
    are rebuilt without scripts (lib/uploads.py); nosniff keeps it a PDF.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if response.get("Content-Type", "").startswith("application/pdf"):
            return response
        return super().process_response(request, response)


class PermissionsPolicyMiddleware:
    """Switch off the browser features that no page of Lotse uses."""

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        features = settings.PERMISSIONS_POLICY
        response.headers.setdefault(
            "Permissions-Policy", ", ".join(f"{name}=()" for name in features)
        )
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request that announces more bytes than any form takes.

    Django keeps uploaded files on disk however large they are; the forms'
    own limits speak only once the whole body has arrived. This answers
    before a byte of the body is read.
    """

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return _too_large(request)
        return self.get_response(request)


def _too_large(request: HttpRequest) -> HttpResponse:
    # The portal's language is in its address (/p/<office>/<language>/),
    # which LocaleMiddleware does not read.
    parts = request.path_info.split("/")
    language = translation.get_language()
    if len(parts) > 3 and parts[1] == "p" and translation.check_for_language(parts[3]):
        language = parts[3]
    megabytes = settings.MAX_REQUEST_BYTES // (1024 * 1024)
    with translation.override(language):
        return render(request, "413.html", {"megabytes": megabytes}, status=413)


def start_session_clock(request: HttpRequest) -> None:
    """Count the session's lifetime from now: call right after a login."""
    request.session[SESSION_STARTED] = int(timezone.now().timestamp())


class SessionLifetimeMiddleware:
    """End a login after SESSION_MAX_SECONDS, however active it was.

    The idle timeout (SESSION_COOKIE_AGE) ends forgotten sessions; this ends
    a session that a stolen cookie keeps busy, at the latest after a working
    day.
    """

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(SESSION_STARTED)
            if started is None:
                start_session_clock(request)
            elif _age(started) > settings.SESSION_MAX_SECONDS:
                auth.logout(request)
                hours = settings.SESSION_MAX_SECONDS // 3600
                messages.info(request, _ended(hours))
        response = self.get_response(request)
        if request.user.is_authenticated and SESSION_STARTED not in request.session:
            start_session_clock(request)  # logged in by this very request
        return response


def _ended(hours: int) -> str:
    return ngettext(
        "For your security you are logged out after %(hours)d hour. "
        "Please log in again.",
        "For your security you are logged out after %(hours)d hours. "
        "Please log in again.",
        hours,
    ) % {"hours": hours}


def _age(started: object) -> float:
    try:
        return timezone.now().timestamp() - float(started)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("inf")
