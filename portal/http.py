from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation

from accounts.models import Office

from .context import Portal
from .languages import get_language


class PortalRequest(HttpRequest):
    portal: Portal


def portal_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Find the office and language in the address and switch to that language.

    The view is called as ``view(request, **other_kwargs)`` with
    ``request.portal`` set; templates see it as ``portal``.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, office: str, lang: str, **kwargs) -> HttpResponse:
        language = get_language(lang)
        found = get_object_or_404(Office, slug=office)
        request.portal = Portal(request, found, language)  # type: ignore[attr-defined]
        with translation.override(language.code):
            response = view(request, **kwargs)
            if hasattr(response, "render"):
                response.render()
        response.headers["Content-Language"] = language.html_lang
        return response

    return wrapped
