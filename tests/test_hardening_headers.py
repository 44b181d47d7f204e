"""Security headers on every kind of response, and templates fit for them.

The browser proves the policy breaks nothing (tests/browser/test_csp.py);
these check what the server sends: staff pages, the login, the public portal,
its pages and consultation hours, error pages and static files.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.otp import current_code
from cases.actions import seed_topics
from lib.security import ContentSecurityPolicyMiddleware
from pages.actions import ensure_required_pages
from portal.models import Submission
from portal.tests.conftest import fields, form_token

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Rendered to PDF by WeasyPrint (lib/pdf.py), never sent to a browser:
# templates in a pdf/ folder or named *_pdf.html.
PDF_TEMPLATE = re.compile(r"(^|/)pdf/|_pdf\.html$")
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()
    }


def assert_hardened(response) -> None:
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "unsafe" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.fixture
def portal(cast):
    seed_topics(cast.erz)
    ensure_required_pages(cast.erz)
    return cast.erz


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("carla", "/desk/"),
        ("anton", "/statistics/"),
        (None, "/accounts/login/"),
        (None, "/p/erzgebirgskreis/de/"),
        (None, "/p/erzgebirgskreis/ar/send/"),
        (None, "/p/erzgebirgskreis/de/status/"),
        (None, "/p/erzgebirgskreis/de/pages/"),
        (None, "/p/erzgebirgskreis/uk/page/barrierefreiheit/"),
        (None, "/p/erzgebirgskreis/de/hours/"),
        (None, "/no-such-page/"),
        ("carla", "/no-such-page/"),
    ],
)
def test_every_kind_of_response_carries_the_security_headers(cast, portal, who, path):
    client = cast.client(who) if who else Client()
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert_hardened(response)


def test_static_files_carry_the_policy(cast):
    response = Client().get("/static/css/lotse.css")
    assert response.status_code == 200
    assert directives(response)["default-src"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_shown_in_the_browser_carries_no_policy_that_breaks_its_viewer():
    # Chrome applies a PDF's policy to its own viewer (crbug.com/271452).
    def pdf(request):
        return HttpResponse(b"%PDF-1.7", content_type="application/pdf")

    def html(request):
        return HttpResponse(b"<p>x</p>")

    request = RequestFactory().get("/office/portal/attachments/1/?view=1")
    assert "Content-Security-Policy" not in ContentSecurityPolicyMiddleware(pdf)(
        request
    )
    assert "Content-Security-Policy" in ContentSecurityPolicyMiddleware(html)(request)


def test_a_forbidden_page_carries_them_too(cast):
    response = cast.client("anton").get("/concerns/")
    assert response.status_code == 403
    assert_hardened(response)


def test_https_responses_tell_the_browser_to_stay_on_https_for_a_year(cast):
    response = Client().get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains"
    )


def test_plain_http_responses_carry_no_hsts(cast):
    assert "Strict-Transport-Security" not in Client().get("/accounts/login/")


def test_with_the_redirect_on_http_goes_to_https(cast, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get("/accounts/login/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/"


def test_behind_the_proxy_its_header_counts_as_https(cast, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    proxied = Client(headers={"x-forwarded-proto": "https"})
    assert proxied.get("/accounts/login/").status_code == 200


def test_cookies_are_secure_and_the_session_cookie_hidden_from_scripts(cast):
    form = Client().get("/accounts/login/")
    assert form.cookies[settings.CSRF_COOKIE_NAME]["secure"]
    token = current_code(TOTPDevice.objects.get(user=cast.carla))
    response = Client().post(
        "/accounts/login/",
        {"username": "carla", "password": "carla-password-123", "otp_token": token},
    )
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"


def browser_templates() -> list[Path]:
    return [
        path
        for path in sorted(TEMPLATES.rglob("*.html"))
        if not PDF_TEMPLATE.search(path.relative_to(TEMPLATES).as_posix())
    ]


def test_no_template_has_inline_styles_or_scripts():
    found = []
    for path in browser_templates():
        text = path.read_text(encoding="utf-8")
        for name, pattern in [
            ("inline style", INLINE_STYLE),
            ("inline script", INLINE_SCRIPT),
            ("event handler attribute", EVENT_HANDLER),
            ("javascript: address", JAVASCRIPT_URL),
        ]:
            found += [f"{path.relative_to(TEMPLATES)}: {name}"] * bool(
                pattern.search(text)
            )
    assert found == []


def test_htmx_injects_no_indicator_style():
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    assert '"includeIndicatorStyles": false' in base
    css = (Path(settings.BASE_DIR) / "static" / "css" / "lotse.css").read_text()
    assert ".htmx-request .htmx-indicator" in css


# --- the size of a request ---------------------------------------------------------


def test_a_request_larger_than_any_form_takes_is_refused_unread(portal, settings):
    settings.MAX_REQUEST_BYTES = 4096
    client = Client()
    url = "/p/erzgebirgskreis/en/send/"
    token = form_token(client.get(url).content.decode())
    large = SimpleUploadedFile("foto.jpg", b"\xff\xd8" + b"0" * 8000)
    response = client.post(url, {**fields(form_token=token), "attachments": [large]})
    assert response.status_code == 413
    assert "What you sent is too large" in response.content.decode()
    assert "Nothing was stored" in response.content.decode()
    assert not Submission.objects.exists()


def test_the_size_refusal_speaks_the_portals_language(portal, settings):
    settings.MAX_REQUEST_BYTES = 10
    response = Client().post(
        "/p/erzgebirgskreis/ar/send/", {"text": "x" * 100}, headers={}
    )
    assert response.status_code == 413
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_a_staff_form_within_the_limit_is_untouched(cast, settings):
    settings.MAX_REQUEST_BYTES = 100_000
    response = cast.client("olga").post("/partners/new/", {"name": ""})
    assert response.status_code == 200
