"""A mediator's own pages: offers to answer, assignments to come and past,
and the work to record. They show time, place, language, mode and contact
person; never a concern, its subject or the person's name."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from accounts.http import StaffRequest
from accounts.models import Role

from . import actions
from .access import get_own_assignment_for, own_mediator
from .actions import MediationError
from .models import Assignment, AssignmentStatus
from .request_forms import WorkForm

PAST_SHOWN = 50
OWN_FIELDS = ["request__municipality", "request__contact", "request__office"]


@staff_required(Role.MEDIATOR)
def own_list(request: StaffRequest) -> HttpResponse:
    mediator = own_mediator(request.user)
    now = timezone.now()
    mine = Assignment.objects.filter(mediator=mediator).select_related(*OWN_FIELDS)
    context = {
        "nav": "mediators",
        "mediator": mediator,
        "offers": mine.filter(status=AssignmentStatus.OFFERED, starts_at__gt=now),
        "upcoming": mine.filter(status=AssignmentStatus.ACCEPTED, ends_at__gt=now),
        "past": mine.filter(
            status__in=[
                AssignmentStatus.ACCEPTED,
                AssignmentStatus.DONE,
                AssignmentStatus.CANCELLED,
            ],
            starts_at__lte=now,
        )
        .exclude(status=AssignmentStatus.ACCEPTED, ends_at__gt=now)
        .order_by("-starts_at")[:PAST_SHOWN],
    }
    return render(request, "mediators/own/own_list.html", context)


@staff_required(Role.MEDIATOR)
def own_detail(request: StaffRequest, pk: int) -> HttpResponse:
    assignment = get_own_assignment_for(request.user, pk)
    started = assignment.starts_at <= timezone.now()
    can_record = started and assignment.status in (
        AssignmentStatus.ACCEPTED,
        AssignmentStatus.DONE,
    )
    initial = WorkForm.initial_for(
        assignment.worked_minutes, assignment.travel_minutes, assignment.km
    )
    form = WorkForm(request.POST or None, initial=initial) if can_record else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_work(
                assignment,
                data["worked_minutes"],
                data["travel_minutes"],
                data["km"],
            )
        except MediationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. The work is recorded."))
            return redirect("mediators:own_detail", pk=assignment.pk)
    context = {
        "nav": "mediators",
        "assignment": assignment,
        "req": assignment.request,
        "office": assignment.request.office,
        "form": form,
        "can_answer": assignment.status == AssignmentStatus.OFFERED and not started,
    }
    return render(request, "mediators/own/own_detail.html", context)


@staff_required(Role.MEDIATOR)
@require_POST
def own_accept(request: StaffRequest, pk: int) -> HttpResponse:
    assignment = get_own_assignment_for(request.user, pk)
    try:
        actions.accept(assignment)
    except MediationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You have accepted the assignment. Thank you."))
    return redirect("mediators:own_detail", pk=assignment.pk)


@staff_required(Role.MEDIATOR)
@require_POST
def own_decline(request: StaffRequest, pk: int) -> HttpResponse:
    assignment = get_own_assignment_for(request.user, pk)
    try:
        actions.decline(assignment)
    except MediationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You have declined the offer."))
    return redirect("mediators:own_list")
