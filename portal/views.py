"""The public portal: start page, sending a concern, following it."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, IntegrityError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Office
from pages.models import Kind as PageKind
from pages.nav import kind_url, start_text

from . import actions, challenge, throttle
from .cache import cached_page
from .forms import (
    SubmissionForm,
    form_token_value,
    new_form_token,
    valid_form_token,
)
from .http import PortalRequest, portal_view
from .languages import BY_CODE, SOURCE
from .models import Submission, code_digest, normalise_code

logger = logging.getLogger(__name__)


def offices(request: HttpRequest) -> HttpResponse:
    """Which office's portal? Usually there is one, so go straight there."""
    found = list(Office.objects.order_by("name"))
    if len(found) == 1:
        return redirect("portal:office", office=found[0].slug)
    return render(request, "portal/offices.html", {"offices": found})


def office(request: HttpRequest, office: str) -> HttpResponse:
    """The office's portal in the browser's language, if the portal has it."""
    get_object_or_404(Office, slug=office)
    return redirect("portal:start", office=office, lang=browser_language(request))


def browser_language(request: HttpRequest) -> str:
    """The first of the browser's languages the portal has, else German.

    Django's own negotiation only knows the staff languages (settings.LANGUAGES).
    """
    header = request.headers.get("accept-language", "")
    for code, _quality in parse_accept_lang_header(header):
        base = code.lower().split("-")[0]
        if base in BY_CODE:
            return base
    return SOURCE.code


@portal_view
@cached_page
def start(request: PortalRequest) -> HttpResponse:
    portal = request.portal
    return render(
        request,
        "portal/start.html",
        {
            "intro": start_text(portal.office, portal.language),
            "sites": portal.office.sites.all(),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@portal_view
def submit(request: PortalRequest) -> HttpResponse:
    portal = request.portal
    if request.method != "POST":
        form = SubmissionForm(
            office=portal.office,
            language=portal.language,
            initial={"form_token": new_form_token()},
        )
        return _form_page(request, form)
    data = request.POST.copy()
    token_ok = valid_form_token(data.get("form_token", ""))
    if not token_ok:
        # Expired or forged: the form comes back with a new one and what was typed.
        data["form_token"] = new_form_token()
    form = SubmissionForm(
        data, request.FILES, office=portal.office, language=portal.language
    )
    if not form.is_valid():
        return _form_page(request, form, had_files=bool(request.FILES))
    if not token_ok:
        problem = _("This form was open too long. Please send it again.")
        return _form_page(request, form, problem=problem, had_files=bool(request.FILES))
    problem = throttle.refusal(request, "submit")
    if problem:
        return _form_page(request, form, problem=problem, status=429)
    return _store(request, form)


def _form_page(
    request: PortalRequest,
    form: SubmissionForm,
    *,
    problem: str = "",
    had_files: bool = False,
    status: int = 200,
) -> HttpResponse:
    portal = request.portal
    context = {
        "form": form,
        "problem": problem,
        "had_files": had_files,
        "privacy_url": kind_url(portal.office, portal.language, PageKind.PRIVACY),
    }
    return render(request, "portal/submit.html", context, status=status)


def _store(request: PortalRequest, form: SubmissionForm) -> HttpResponse:
    data = form.cleaned_data
    sent = actions.Sent(
        kind=data["kind"],
        text=data["text"],
        # The random part only: it is what identifies this form.
        form_token=form_token_value(data["form_token"]),
        topic=data["topic"],
        municipality=data["municipality"],
        accommodation=data.get("accommodation"),
        place=data["place"],
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        contact_phone=data["contact_phone"],
        answer_language=data["answer_language"],
        on_behalf=data["on_behalf"],
        challenge_solved=getattr(request, "challenge_solved", False),
        files=data["attachments"],
    )

    def again(problem: str) -> HttpResponse:
        return _form_page(request, form, problem=problem, had_files=True, status=503)

    return receive(request, sent, again)


def receive(
    request: PortalRequest,
    sent: actions.Sent,
    again: Callable[[str], HttpResponse],
) -> HttpResponse:
    """Store what was sent and answer with the receipt (or: it came before).

    If the database fails, nothing is stored and ``again`` shows the form
    with what the person typed and a message.
    """
    portal = request.portal
    try:
        receipt = actions.submit(portal.office, portal.language, sent)
    except IntegrityError:
        # The same form sent twice (a double click, a reload): stored once.
        if Submission.objects.filter(form_token=sent.form_token).exists():
            return render(request, "portal/already_received.html")
        raise
    except DatabaseError:
        logger.exception("portal submission not stored")
        return again(
            _(
                "Your message could not be saved, so nothing was stored. "
                "Please send it again in a moment."
            )
        )
    throttle.sweep()
    context = {"code": receipt.code, "email": sent.contact_email}
    return render(request, "portal/receipt.html", context)


@never_cache
@require_GET
@portal_view
def status(request: PortalRequest) -> HttpResponse:
    typed = request.GET.get("code", "")[:40]
    context: dict = {"typed": typed}
    if typed:
        key = throttle.address_key(request)
        if not throttle.allowed("lookup", key, settings.PORTAL_LOOKUPS_PER_HOUR):
            context["problem"] = _("Too many look-ups. Please try again in an hour.")
            return render(request, "portal/status.html", context, status=429)
        throttle.record("lookup", key)
        context["submission"] = _find(request, typed)
        context["not_found"] = context["submission"] is None
    return render(request, "portal/status.html", context)


def _find(request: PortalRequest, typed: str) -> Submission | None:
    if len(normalise_code(typed)) != 12:
        return None
    return (
        Submission.objects.select_related("concern")
        .filter(code_digest=code_digest(typed), concern__office=request.portal.office)
        .first()
    )


@never_cache
@require_GET
def new_challenge(request: HttpRequest, office: str, lang: str) -> JsonResponse:
    return JsonResponse(challenge.new_challenge())
