"""The office's pages on the public portal, and the accessibility feedback."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from portal import actions, throttle
from portal.cache import cached_page
from portal.http import PortalRequest, portal_view
from portal.languages import SOURCE
from portal.models import Kind as SubmissionKind
from portal.models import Submission
from portal.views import receive

from .forms import FeedbackForm
from .models import Kind, Page
from .nav import nav_items
from .reading import pages_for_reader, read


@require_safe
@portal_view
@cached_page
def index(request: PortalRequest) -> HttpResponse:
    portal = request.portal
    links = nav_items(portal.office, portal.language)
    return render(request, "pages/index.html", {"links": links})


@require_safe
@portal_view
@cached_page
def page(request: PortalRequest, slug: str) -> HttpResponse:
    portal = request.portal
    found = get_object_or_404(
        pages_for_reader(portal.office, portal.language), slug=slug
    )
    form = None
    if found.kind == Kind.ACCESSIBILITY:
        form = FeedbackForm()
    return _page(request, found, form)


def _page(
    request: PortalRequest,
    found: Page,
    form: FeedbackForm | None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "text": read(found, request.portal.language),
        "form": form,
        "problem": problem,
        # The date of the statement is the date of its last German change.
        "source": found.texts_by_language()[SOURCE.code],
    }
    response = render(request, "pages/page.html", context, status=status)
    if form is not None:
        # The form carries a one-time token: a cached copy would reuse it.
        add_never_cache_headers(response)
    return response


@never_cache
@portal_view
def feedback(request: PortalRequest) -> HttpResponse:
    portal = request.portal
    statement = get_object_or_404(
        pages_for_reader(portal.office, portal.language), kind=Kind.ACCESSIBILITY
    )
    if request.method != "POST":
        # The language switcher links here: show the statement instead.
        return redirect(portal.url("pages:page", slug=statement.slug))
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _page(request, statement, form)
    if Submission.objects.filter(form_token=form.token).exists():
        return render(request, "portal/already_received.html")
    problem = _refusal(request)
    if problem:
        return _page(request, statement, form, problem=problem, status=429)
    return _store(request, statement, form)


def _refusal(request: PortalRequest) -> str:
    """Why this post is not taken (spam checks), or "" to take it."""
    return throttle.honeypot(request) or throttle.take(
        request, "feedback", settings.PORTAL_SUBMISSIONS_PER_HOUR
    )


def _store(request: PortalRequest, statement: Page, form: FeedbackForm) -> HttpResponse:
    data = form.cleaned_data
    sent = actions.Sent(
        kind=SubmissionKind.ACCESSIBILITY,
        text=data["message"],
        contact_email=data["email"],
        form_token=form.token,
    )

    def again(problem: str) -> HttpResponse:
        return _page(request, statement, form, problem=problem, status=503)

    return receive(request, sent, again)
