from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation

from accounts.models import Office

from .context import Portal
from .languages import get_language


class PortalRequest(HttpRequest):
    portal: Portal


def find_office(slug: str) -> Office:
    """The office of this portal address, at its current portal version.

    Every portal request needs it, and the ORM's query building costs more
    than the cached start page itself; so only id and version are read with
    plain SQL and the office is kept per process for as long as its version
    stands (any edit raises the version, see portal/cache.py).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, portal_version FROM {Office._meta.db_table} WHERE slug = %s",
            [slug],
        )
        row = cursor.fetchone()
    if row is None:
        raise Http404
    office = cache.get(f"portal:office:{row[0]}:{row[1]}")
    if office is None:
        office = get_object_or_404(Office, pk=row[0])
        cache.set(f"portal:office:{row[0]}:{row[1]}", office, 600)
    return office


def portal_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Find the office and language in the address and switch to that language.

    The view is called as ``view(request, **other_kwargs)`` with
    ``request.portal`` set; templates see it as ``portal``.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, office: str, lang: str, **kwargs) -> HttpResponse:
        language = get_language(lang)
        found = find_office(office)
        request.portal = Portal(request, found, language)  # type: ignore[attr-defined]
        with translation.override(language.code):
            response = view(request, **kwargs)
            if hasattr(response, "render"):
                response.render()
        response.headers["Content-Language"] = language.html_lang
        return response

    return wrapped
