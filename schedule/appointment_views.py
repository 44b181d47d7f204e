"""The session page with its walk-in queue, and appointments for staff."""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from accounts.http import StaffRequest
from clients.access import get_person_for, log_person_read
from clients.models import Person

from . import actions
from .access import (
    DESK_ROLES,
    appointments_visible_to,
    get_appointment_for,
    get_session_for,
    get_walk_in_for,
)
from .appointment_forms import (
    MOVE_LABELS,
    AppointmentFilterForm,
    StaffBookingForm,
    WalkInForm,
    WalkInMoveForm,
)
from .models import Appointment, AppointmentSource, AppointmentStatus, WalkIn
from .sessions import Session, Slot, rules_of, sessions

PAGE_SIZE = 50
# How far ahead staff are offered hours to book into.
BOOKING_AHEAD = datetime.timedelta(weeks=4)
OUTCOMES = (AppointmentStatus.ATTENDED, AppointmentStatus.MISSED)


@dataclass
class SlotRow:
    slot: Slot
    # None for a free slot, and for a booking the user may not see.
    appointment: Appointment | None
    bookable: bool


def session_url(current: Session) -> str:
    return reverse("schedule:session", args=[current.rule.pk, current.day.isoformat()])


def queue_open(current: Session) -> bool:
    """People join the queue on the day itself, at hours that take place."""
    return current.takes_place and current.day == timezone.localdate()


@staff_required(*DESK_ROLES)
def session(request: StaffRequest, rule: int, day: str) -> HttpResponse:
    current = get_session_for(request, rule, day)
    return _session_page(request, current, WalkInForm())


def _session_page(
    request: StaffRequest, current: Session, walk_in_form: WalkInForm
) -> HttpResponse:
    booked = (
        appointments_visible_to(request.user)
        .filter(
            rule=current.rule,
            starts_at__gte=current.starts_at,
            starts_at__lt=current.ends_at,
        )
        .exclude(status=AppointmentStatus.CANCELLED)
        .select_related("client")
    )
    visible = {appointment.starts_at: appointment for appointment in booked}
    now = timezone.now()
    rows = [
        SlotRow(
            slot, visible.get(slot.starts_at), not slot.taken and slot.starts_at > now
        )
        for slot in current.slots()
    ]
    walk_ins = WalkIn.objects.filter(
        office_id=current.rule.office_id, site_id=current.rule.site_id, day=current.day
    )
    context = {
        "nav": "hours",
        "session": current,
        "rows": rows,
        "walk_ins": [
            (
                walk_in,
                [(s, MOVE_LABELS[s]) for s in walk_in.next_steps()],
            )
            for walk_in in walk_ins
        ],
        "queue_open": queue_open(current),
        "walk_in_form": walk_in_form,
        "here": session_url(current),
    }
    return render(request, "schedule/session.html", context)


@staff_required(*DESK_ROLES)
@require_POST
def walk_in_add(request: StaffRequest, rule: int, day: str) -> HttpResponse:
    current = get_session_for(request, rule, day)
    if not queue_open(current):
        messages.error(
            request,
            _("People can join the queue only on the day of hours that take place."),
        )
        return redirect(session_url(current))
    form = WalkInForm(request.POST)
    if not form.is_valid():
        return _session_page(request, current, form)
    walk_in = actions.add_walk_in(current.rule.site, request.user, **form.cleaned_data)
    messages.success(
        request, _("Number %(number)s is in the queue.") % {"number": walk_in.number}
    )
    return redirect(session_url(current))


@staff_required(*DESK_ROLES)
@require_POST
def walk_in_move(request: StaffRequest, pk: int) -> HttpResponse:
    walk_in = get_walk_in_for(request, pk)
    form = WalkInMoveForm(request.POST, walk_in=walk_in)
    if form.is_valid():
        actions.move_walk_in(walk_in, form.cleaned_data["status"], request.user)
        messages.success(
            request,
            _("Number %(number)s: %(status)s.")
            % {"number": walk_in.number, "status": walk_in.get_status_display()},
        )
    else:
        messages.error(request, " ".join(str(e) for e in form.errors.get("status", [])))
    return redirect(_back_to_queue(request, walk_in))


def _back_to_queue(request: StaffRequest, walk_in: WalkIn) -> str:
    """The session page the form came from, else the first one at that site
    that day."""
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    office = walk_in.site.office
    day = walk_in.day
    found = sessions(rules_of(office, day, day, site=walk_in.site), day, day)
    if found:
        return session_url(found[0])
    return reverse("schedule:hours_overview")


@staff_required(*DESK_ROLES)
def appointment_list(request: StaffRequest) -> HttpResponse:
    filters = AppointmentFilterForm(request.GET)
    today = datetime.datetime.combine(
        timezone.localdate(), datetime.time(), timezone.get_default_timezone()
    )
    # From the start of today, so that the desk can still record who came.
    appointments = (
        appointments_visible_to(request.user)
        .filter(starts_at__gte=today)
        .exclude(status=AppointmentStatus.CANCELLED)
        .select_related("site", "staff", "client")
        .order_by("starts_at", "pk")
    )
    if filters.is_valid() and filters.cleaned_data["show"] == "mine":
        appointments = appointments.filter(staff=request.user)
    paginator = Paginator(appointments, PAGE_SIZE)
    context = {
        "nav": "hours",
        "filters": filters,
        "page_obj": paginator.get_page(request.GET.get("page")),
    }
    return render(request, "schedule/appointment_list.html", context)


@staff_required(*DESK_ROLES)
def appointment_create(request: StaffRequest) -> HttpResponse:
    person = _chosen_client(request)
    current = _chosen_session(request)
    if current is None:
        return _session_choice(request, person)
    form = StaffBookingForm(
        request.POST or None,
        session=current,
        person=person,
        initial={"slot": request.GET.get("slot", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            appointment = actions.book(
                current,
                form.cleaned_data["slot"],
                form.booker(),
                source=AppointmentSource.STAFF,
                by=request.user,
            )[0]
        except actions.BookingError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("The appointment is booked."))
            return redirect("schedule:appointment_detail", pk=appointment.pk)
    context = {
        "nav": "hours",
        "form": form,
        "person": person,
        "session": current,
        "has_free_slots": bool(current.free_slots()),
    }
    return render(request, "schedule/appointment_form.html", context)


def _chosen_client(request: StaffRequest) -> Person | None:
    raw = request.GET.get("client", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return get_person_for(request, int(raw))


def _chosen_session(request: StaffRequest) -> Session | None:
    rule, day = request.GET.get("rule", ""), request.GET.get("day", "")
    if not rule or not day:
        return None
    if not rule.isdigit():
        raise Http404
    current = get_session_for(request, int(rule), day)
    if not current.takes_place:
        messages.error(request, _("These hours do not take place on that day."))
        return None
    return current


def _session_choice(request: StaffRequest, person: Person | None) -> HttpResponse:
    """Step one of booking: the coming weeks' hours with a free time."""
    office = request.user.office
    assert office is not None
    first = timezone.localdate()
    last = first + BOOKING_AHEAD
    now = timezone.now()
    found = sessions(rules_of(office, first, last), first, last, with_bookings=True)
    offered = [(s, s.free_slots(now)) for s in found]
    context = {
        "nav": "hours",
        "person": person,
        "offered": [(s, free) for s, free in offered if free],
    }
    return render(request, "schedule/appointment_form.html", context)


@staff_required(*DESK_ROLES)
def appointment_detail(request: StaffRequest, pk: int) -> HttpResponse:
    appointment = get_appointment_for(request, pk)
    client = appointment.client
    client_visible = (
        client is not None
        and Person.objects.visible_to(request.user).filter(pk=client.pk).exists()
    )
    if client is not None:
        log_person_read(request, [client])
    started = appointment.is_past
    context = {
        "nav": "hours",
        "appointment": appointment,
        "client_visible": client_visible,
        "day": timezone.localdate(appointment.starts_at),
        "can_cancel": not appointment.is_cancelled and not started,
        "can_record_outcome": not appointment.is_cancelled and started,
    }
    return render(request, "schedule/appointment_detail.html", context)


@staff_required(*DESK_ROLES)
@require_POST
def appointment_cancel(request: StaffRequest, pk: int) -> HttpResponse:
    appointment = get_appointment_for(request, pk)
    if appointment.is_past and not appointment.is_cancelled:
        messages.error(request, _("This appointment has already begun."))
        return redirect("schedule:appointment_detail", pk=pk)
    try:
        actions.cancel_by_staff(appointment)
    except actions.BookingError as refused:
        messages.error(request, str(refused))
        return redirect("schedule:appointment_detail", pk=pk)
    messages.success(request, _("The appointment is cancelled."))
    if appointment.email:
        messages.info(
            request,
            _("An e-mail tells %(email)s about it.") % {"email": appointment.email},
        )
    else:
        messages.warning(
            request,
            _("No e-mail address is known: please tell the person another way."),
        )
    return redirect("schedule:appointment_detail", pk=pk)


@staff_required(*DESK_ROLES)
@require_POST
def appointment_outcome(request: StaffRequest, pk: int) -> HttpResponse:
    appointment = get_appointment_for(request, pk)
    status = request.POST.get("status", "")
    if status not in OUTCOMES:
        messages.error(request, _("Choose whether the person came."))
    elif not appointment.is_past:
        messages.error(
            request, _("Whether the person came can be recorded once it has begun.")
        )
    else:
        try:
            actions.set_outcome(appointment, status)
        except actions.BookingError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                _("Recorded: %(status)s.")
                % {"status": appointment.get_status_display()},
            )
    return redirect("schedule:appointment_detail", pk=pk)
