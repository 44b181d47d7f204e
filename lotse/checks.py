"""System checks of our own: what `manage.py check --deploy` must also find.

Django's deploy checks cover HTTPS, cookies and the secret key; these cover
what only Lotse knows: the policy that keeps inline code out, and settings
that production needs beyond Django's.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

# Sources that would let injected markup run code or load from anywhere.
UNSAFE_SOURCES = {
    "'unsafe-inline'",
    "'unsafe-eval'",
    "'unsafe-hashes'",
    "'strict-dynamic'",
    "*",
    "http:",
    "https:",
    "data:",
    "blob:",
}
# Where a data: source is harmless: pictures cannot run code.
DATA_ALLOWED = {"img-src"}
REQUIRED_DIRECTIVES = {
    "default-src",
    "object-src",
    "base-uri",
    "form-action",
    "frame-ancestors",
}


@register(Tags.security)
def content_security_policy(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    directives = settings.CONTENT_SECURITY_POLICY.get("DIRECTIVES", {})
    problems: list[CheckMessage] = []
    for name in sorted(REQUIRED_DIRECTIVES - set(directives)):
        problems.append(
            Error(f"The Content-Security-Policy lacks {name}.", id="lotse.E001")
        )
    for name, sources in directives.items():
        unsafe = _unsafe(name, sources)
        if unsafe:
            problems.append(
                Error(
                    f"The Content-Security-Policy allows {', '.join(unsafe)} "
                    f"in {name}.",
                    hint="Move inline code and styles into files under static/.",
                    id="lotse.E002",
                )
            )
    return problems


def _unsafe(name: str, sources: Iterable[str]) -> list[str]:
    allowed = {"data:"} if name in DATA_ALLOWED else set()
    return sorted(set(sources) & (UNSAFE_SOURCES - allowed))


@register(Tags.security, deploy=True)
def public_url(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    # The links in e-mails to the public (receipts, cancellations) carry
    # secrets; they must not travel in plain text.
    if settings.PUBLIC_URL.startswith("https://"):
        return []
    return [
        Error(
            "LOTSE_PUBLIC_URL must be an https:// address in production.",
            hint="Links in e-mails to the public carry tracking and "
            "cancellation codes.",
            id="lotse.E003",
        )
    ]
