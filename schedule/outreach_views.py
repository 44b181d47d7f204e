"""Outreach days and visits, and their notes."""

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decorators import staff_required
from accounts.http import StaffRequest

from .access import DESK_ROLES, OUTREACH_NOTE_ROLES, get_outreach_for, require
from .models import OutreachEvent, OutreachNote
from .outreach_forms import OutreachForm, OutreachNoteForm

PAGE_SIZE = 25
# Older events are in the hours budget and the reports, not in this list.
PAST_MONTHS = 3


@staff_required(*DESK_ROLES)
def outreach_list(request: StaffRequest) -> HttpResponse:
    office_id = require(request.user, DESK_ROLES)
    now = timezone.now()
    events = (
        OutreachEvent.objects.filter(office_id=office_id)
        .select_related("municipality")
        .prefetch_related("staff")
    )
    past = events.filter(
        ends_at__lt=now, starts_at__gte=now - relativedelta(months=PAST_MONTHS)
    ).order_by("-starts_at", "-pk")
    context = {
        "nav": "outreach",
        "upcoming": events.filter(ends_at__gte=now).order_by("starts_at", "pk"),
        "past_page": Paginator(past, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "schedule/outreach_list.html", context)


@staff_required(*DESK_ROLES)
def outreach_create(request: StaffRequest) -> HttpResponse:
    office = request.user.office
    assert office is not None
    form = OutreachForm(request.POST or None, office=office)
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = request.user
        event = form.save()
        messages.success(request, _("The outreach event is saved."))
        return redirect("schedule:outreach_detail", pk=event.pk)
    context = {"nav": "outreach", "form": form, "event": None}
    return render(request, "schedule/outreach_form.html", context)


@staff_required(*DESK_ROLES)
def outreach_edit(request: StaffRequest, pk: int) -> HttpResponse:
    event = get_outreach_for(request, pk)
    form = OutreachForm(request.POST or None, instance=event, office=event.office)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The outreach event is saved."))
        return redirect("schedule:outreach_detail", pk=event.pk)
    context = {"nav": "outreach", "form": form, "event": event}
    return render(request, "schedule/outreach_form.html", context)


@staff_required(*DESK_ROLES)
def outreach_detail(request: StaffRequest, pk: int) -> HttpResponse:
    """The event for the desk; its notes only for those who read counselling notes."""
    event = get_outreach_for(request, pk)
    reads_notes = request.user.has_role(*OUTREACH_NOTE_ROLES)
    if request.method == "POST" and not reads_notes:
        raise PermissionDenied
    form = OutreachNoteForm(request.POST or None) if reads_notes else None
    if form is not None and request.method == "POST" and form.is_valid():
        OutreachNote.objects.create(
            event=event, author=request.user, text=form.cleaned_data["text"]
        )
        messages.success(request, _("The note is saved."))
        return redirect("schedule:outreach_detail", pk=event.pk)
    context = {
        "nav": "outreach",
        "event": event,
        "staff": event.staff.all(),
        "notes": event.notes.select_related("author") if reads_notes else None,
        "note_form": form,
    }
    return render(request, "schedule/outreach_detail.html", context)
