"""Staff pages for requests: the list, a new request, and the request page
with the ranked candidates, the offers and the work done."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from accounts.http import StaffRequest
from accounts.models import Office
from cases.access import get_concern_for
from cases.models import Concern

from . import actions
from .access import (
    REQUEST_ROLES,
    get_assignment_for,
    get_mediator_for,
    get_request_for,
    requests_visible_to,
    require,
)
from .actions import MediationError
from .models import Assignment, AssignmentStatus, Request, RequestStatus
from .ranking import rank
from .request_forms import RequestFilterForm, RequestForm, StaffWorkForm

PAGE_SIZE = 50
# Candidates shown before "show all": the first are whom staff ask.
SHOWN_CANDIDATES = 20
HELD = [AssignmentStatus.ACCEPTED, AssignmentStatus.DONE]


def _office(request: StaffRequest) -> Office:
    require(request.user, REQUEST_ROLES)
    office = request.user.office
    assert office is not None
    return office


@staff_required(*REQUEST_ROLES)
def request_list(request: StaffRequest) -> HttpResponse:
    filters = RequestFilterForm(request.GET)
    held = Assignment.objects.filter(status__in=HELD).select_related("mediator")
    found = filters.apply(requests_visible_to(request.user)).prefetch_related(
        Prefetch("assignments", queryset=held, to_attr="held")
    )
    paginator = Paginator(found.select_related("municipality"), PAGE_SIZE)
    context = {
        "nav": "mediators",
        "filters": filters,
        "page_obj": paginator.get_page(request.GET.get("page")),
    }
    return render(request, "mediators/requests/request_list.html", context)


@staff_required(*REQUEST_ROLES)
def request_create(request: StaffRequest) -> HttpResponse:
    office = _office(request)
    concern = _linked_concern(request)
    form = RequestForm(
        request.POST or None, office=office, initial={"contact": request.user.pk}
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.create_request(
                office, request.user, concern=concern, **form.request_fields()
            )
        except MediationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The request is saved."))
            return redirect("mediators:request_detail", pk=created.pk)
    context = {"nav": "mediators", "form": form, "concern": concern}
    return render(request, "mediators/requests/request_form.html", context)


def _linked_concern(request: StaffRequest) -> Concern | None:
    """The concern in ?concern=, fetched as its own pages fetch it."""
    value = request.GET.get("concern", "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return get_concern_for(request, int(value))


@staff_required(*REQUEST_ROLES)
def request_detail(request: StaffRequest, pk: int) -> HttpResponse:
    return _detail(request, get_request_for(request.user, pk))


def _detail(
    request: StaffRequest, found: Request, work_form: StaffWorkForm | None = None
) -> HttpResponse:
    is_open = found.status == RequestStatus.OPEN
    candidates = rank(found) if is_open else []
    show_all = request.GET.get("candidates") == "all"
    assignments = list(
        found.assignments.select_related("mediator").order_by("offered_at", "pk")
    )
    held = next((a for a in assignments if a.status in HELD), None)
    if held is not None and held.starts_at <= timezone.now() and work_form is None:
        work_form = StaffWorkForm(
            initial=StaffWorkForm.initial_for(
                held.worked_minutes, held.travel_minutes, held.km
            )
            | {"rating": held.rating}
        )
    context = {
        "nav": "mediators",
        "req": found,
        "candidates": candidates if show_all else candidates[:SHOWN_CANDIDATES],
        "candidate_count": len(candidates),
        "more_candidates": 0 if show_all else len(candidates) - SHOWN_CANDIDATES,
        "assignments": assignments,
        "held": held,
        "work_form": work_form if held is not None else None,
        "concern": _visible_concern(request, found),
        "can_close": found.status in (RequestStatus.OPEN, RequestStatus.FILLED),
    }
    return render(request, "mediators/requests/request_detail.html", context)


def _visible_concern(request: StaffRequest, found: Request) -> Concern | None:
    """The linked concern, if this user may open it; the link says nothing
    more to others."""
    if found.concern_id is None:
        return None
    visible = Concern.objects.visible_to(request.user)
    return visible.filter(pk=found.concern_id).first()


@staff_required(*REQUEST_ROLES)
@require_POST
def request_offer(request: StaffRequest, pk: int) -> HttpResponse:
    found = get_request_for(request.user, pk)
    value = request.POST.get("mediator", "")
    if not value.isdigit():
        messages.error(request, _("Choose a mediator to offer the assignment to."))
        return redirect("mediators:request_detail", pk=found.pk)
    mediator = get_mediator_for(request.user, int(value), roles=REQUEST_ROLES)
    try:
        actions.offer(found, mediator, request.user)
    except MediationError as error:
        messages.error(request, str(error))
    else:
        if mediator.email:
            text = _("Offered to %(name)s; they are told by e-mail.")
        else:
            text = _("Offered to %(name)s. They have no e-mail address: call them.")
        messages.success(request, text % {"name": mediator})
    return redirect("mediators:request_detail", pk=found.pk)


@staff_required(*REQUEST_ROLES)
@require_POST
def request_cancel(request: StaffRequest, pk: int) -> HttpResponse:
    found = get_request_for(request.user, pk)
    return _step(
        request,
        found.pk,
        lambda: actions.cancel_request(found),
        _("The request is cancelled."),
    )


@staff_required(*REQUEST_ROLES)
@require_POST
def request_unfilled(request: StaffRequest, pk: int) -> HttpResponse:
    found = get_request_for(request.user, pk)
    return _step(
        request,
        found.pk,
        lambda: actions.mark_unfilled(found),
        _("The request is recorded as “nobody found”."),
    )


@staff_required(*REQUEST_ROLES)
@require_POST
def assignment_withdraw(request: StaffRequest, pk: int) -> HttpResponse:
    assignment = get_assignment_for(request.user, pk)
    return _step(
        request,
        assignment.request_id,
        lambda: actions.withdraw(assignment),
        _("The offer is withdrawn."),
    )


@staff_required(*REQUEST_ROLES)
@require_POST
def assignment_cancel(request: StaffRequest, pk: int) -> HttpResponse:
    """The office calls the assignment off, or records that the mediator did."""
    assignment = get_assignment_for(request.user, pk)
    by_office = request.POST.get("by") != "mediator"
    return _step(
        request,
        assignment.request_id,
        lambda: actions.cancel_assignment(assignment, by_office=by_office),
        _("The assignment is cancelled."),
    )


@staff_required(*REQUEST_ROLES)
@require_POST
def assignment_work(request: StaffRequest, pk: int) -> HttpResponse:
    assignment = get_assignment_for(request.user, pk)
    form = StaffWorkForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_work(
                assignment,
                data["worked_minutes"],
                data["travel_minutes"],
                data["km"],
                rating=data["rating"],
            )
        except MediationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The work is recorded."))
            return redirect("mediators:request_detail", pk=assignment.request_id)
    return _detail(request, get_request_for(request.user, assignment.request_id), form)


def _step(request: StaffRequest, request_pk: int, step, done: str) -> HttpResponse:
    try:
        step()
    except MediationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("mediators:request_detail", pk=request_pk)
