"""Staff pages for sites, rooms, consultation-hours rules, cancellations
and the hours budget."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from accounts.http import StaffRequest
from accounts.models import Office, Site

from . import budget
from .access import (
    BUDGET_ROLES,
    DESK_ROLES,
    MANAGER_ROLES,
    appointments_visible_to,
    get_budget_for,
    get_cancellation_for,
    get_room_for,
    get_rule_for,
    get_site_for,
    require,
)
from .actions import cancel_hours
from .forms import (
    CancellationForm,
    HoursBudgetForm,
    HoursRuleForm,
    LastDayForm,
    MonthForm,
    RoomForm,
    SiteForm,
)
from .models import (
    BERLIN,
    Appointment,
    AppointmentStatus,
    Cancellation,
    HoursBudget,
    HoursRule,
)
from .sessions import Session, sessions

OVERVIEW_ROLES = MANAGER_ROLES | DESK_ROLES
NEXT_SESSIONS = 3
# Enough days for three sessions of any rule that has begun: every eighth
# week at most, or once a month.
NEXT_SESSIONS_DAYS = 8 * 7 * NEXT_SESSIONS + 14


def _office(request: StaffRequest, roles: set) -> Office:
    require(request.user, roles)
    office = request.user.office
    assert office is not None
    return office


@dataclass
class RuleRow:
    rule: HoursRule
    next_sessions: list[Session]


@dataclass
class SiteHours:
    site: Site
    rules: list[RuleRow]


@staff_required(*OVERVIEW_ROLES)
def overview(request: StaffRequest) -> HttpResponse:
    office = _office(request, OVERVIEW_ROLES)
    today = timezone.localdate()
    rules = list(
        HoursRule.objects.filter(office=office)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("site", "room", "staff", "office")
    )
    upcoming: dict[int, list[Session]] = defaultdict(list)
    last = today + datetime.timedelta(days=NEXT_SESSIONS_DAYS)
    for session in sessions(rules, today, last):
        if len(upcoming[session.rule.pk]) < NEXT_SESSIONS:
            upcoming[session.rule.pk].append(session)
    by_site: dict[int, list[RuleRow]] = defaultdict(list)
    for rule in rules:
        by_site[rule.site_id].append(RuleRow(rule, upcoming[rule.pk]))
    sites = Site.objects.filter(office=office).prefetch_related("rooms")
    context = {
        "nav": "hours",
        "office": office,
        "sites": [SiteHours(site, by_site[site.pk]) for site in sites],
        "cancellations": Cancellation.objects.filter(office=office, last_day__gte=today)
        .select_related("rule__site", "rule__staff", "staff", "site")
        .order_by("first_day", "pk"),
        "can_manage": request.user.has_role(*MANAGER_ROLES),
        "can_open_sessions": request.user.has_role(*DESK_ROLES),
        "sees_budget": request.user.has_role(*BUDGET_ROLES),
    }
    return render(request, "schedule/overview.html", context)


@staff_required(*MANAGER_ROLES)
def site_create(request: StaffRequest) -> HttpResponse:
    form = SiteForm(request.POST or None, office=_office(request, MANAGER_ROLES))
    if request.method == "POST" and form.is_valid():
        site = form.save()
        messages.success(request, _("The site is saved."))
        return redirect("schedule:site_edit", pk=site.pk)
    return render(request, "schedule/site_form.html", {"nav": "hours", "form": form})


@staff_required(*MANAGER_ROLES)
def site_edit(request: StaffRequest, pk: int) -> HttpResponse:
    site = get_site_for(request, pk)
    form = SiteForm(request.POST or None, instance=site, office=site.office)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The site is saved."))
        return redirect("schedule:hours_overview")
    context = {
        "nav": "hours",
        "form": form,
        "site": site,
        "rooms": site.rooms.all(),
    }
    return render(request, "schedule/site_form.html", context)


@staff_required(*MANAGER_ROLES)
def room_create(request: StaffRequest, pk: int) -> HttpResponse:
    site = get_site_for(request, pk)
    form = RoomForm(request.POST or None, site=site)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The room is saved."))
        return redirect("schedule:site_edit", pk=site.pk)
    context = {"nav": "hours", "form": form, "site": site, "room": None}
    return render(request, "schedule/room_form.html", context)


@staff_required(*MANAGER_ROLES)
def room_edit(request: StaffRequest, pk: int) -> HttpResponse:
    room = get_room_for(request, pk)
    form = RoomForm(request.POST or None, instance=room, site=room.site)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The room is saved."))
        return redirect("schedule:site_edit", pk=room.site_id)
    context = {"nav": "hours", "form": form, "site": room.site, "room": room}
    return render(request, "schedule/room_form.html", context)


@staff_required(*MANAGER_ROLES)
def rule_create(request: StaffRequest) -> HttpResponse:
    office = _office(request, MANAGER_ROLES)
    initial = {"site": request.GET.get("site"), "starts_on": timezone.localdate()}
    form = HoursRuleForm(request.POST or None, office=office, initial=initial)
    return _rule_form(request, form, None)


@staff_required(*MANAGER_ROLES)
def rule_edit(request: StaffRequest, pk: int) -> HttpResponse:
    rule = get_rule_for(request, pk)
    office = _office(request, MANAGER_ROLES)
    form = HoursRuleForm(request.POST or None, instance=rule, office=office)
    return _rule_form(request, form, rule)


def _rule_form(
    request: StaffRequest, form: HoursRuleForm, rule: HoursRule | None
) -> HttpResponse:
    """Save a valid rule, unless it plans more hours than a budget allows
    and the manager has not yet confirmed that."""
    overruns: list[budget.Overrun] = []
    if request.method == "POST" and form.is_valid():
        overruns = budget.overruns(form.instance, timezone.localdate())
        if not overruns or request.POST.get("confirm_over_budget") == "1":
            form.save()
            messages.success(request, _("The consultation hours are saved."))
            return redirect("schedule:hours_overview")
    context = {"nav": "hours", "form": form, "rule": rule, "overruns": overruns}
    return render(request, "schedule/rule_form.html", context)


@staff_required(*MANAGER_ROLES)
def rule_end(request: StaffRequest, pk: int) -> HttpResponse:
    """Set the last day of a rule. Rules are never deleted: appointments
    and their history point at them.

    Appointments booked after the last day are listed, not called off: the
    manager decides person by person (cancel, or book other hours), and
    ending hours weeks ahead must not mail everyone as a side effect.
    """
    rule = get_rule_for(request, pk)
    initial = {"last_day": timezone.localdate()}
    form = LastDayForm(request.POST or None, rule=rule, initial=initial)
    if request.method == "POST" and form.is_valid():
        rule.ends_on = form.cleaned_data["last_day"]
        rule.save(update_fields=["ends_on"])
        messages.success(
            request,
            _("These hours end on %(day)s.") % {"day": f"{rule.ends_on:%d.%m.%Y}"},
        )
        if _booked_after_end(rule).exists():
            return redirect("schedule:hours_rule_end", pk=rule.pk)
        return redirect("schedule:hours_overview")
    stranded = _booked_after_end(rule)
    context = {
        "nav": "hours",
        "form": form,
        "rule": rule,
        "stranded": appointments_visible_to(request.user).filter(
            pk__in=stranded.values("pk")
        ),
        "stranded_count": stranded.count(),
    }
    return render(request, "schedule/rule_end.html", context)


def _booked_after_end(rule: HoursRule):
    if rule.ends_on is None:
        return Appointment.objects.none()
    after = datetime.datetime.combine(
        rule.ends_on + datetime.timedelta(days=1), datetime.time(), tzinfo=BERLIN
    )
    return Appointment.objects.filter(
        rule=rule, status=AppointmentStatus.BOOKED, starts_at__gte=after
    )


@staff_required(*MANAGER_ROLES)
def cancellation_create(request: StaffRequest) -> HttpResponse:
    office = _office(request, MANAGER_ROLES)
    form = CancellationForm(
        request.POST or None,
        office=office,
        user=request.user,
        initial=_cancellation_initial(request),
    )
    if request.method == "POST" and form.is_valid():
        affected = cancel_hours(form.instance)
        without_email = [a.pk for a in affected if not a.email]
        if not without_email:
            messages.success(request, _called_off(len(affected)))
            return redirect("schedule:hours_overview")
        # Names and phone numbers only for those who may read them.
        shown = appointments_visible_to(request.user).filter(pk__in=without_email)
        context = {
            "nav": "hours",
            "cancellation": form.instance,
            "called_off": _called_off(len(affected)),
            "to_phone": shown.select_related("client", "site"),
            "hidden_count": len(without_email) - shown.count(),
        }
        return render(request, "schedule/cancellation_done.html", context)
    return render(
        request, "schedule/cancellation_form.html", {"nav": "hours", "form": form}
    )


def _cancellation_initial(request: StaffRequest) -> dict:
    initial: dict = {"first_day": timezone.localdate()}
    for scope in ("rule", "staff", "site"):
        if request.GET.get(scope):
            initial["scope"] = scope
            initial[scope] = request.GET[scope]
    return initial


def _called_off(count: int) -> str:
    if not count:
        return _("The hours are cancelled. No appointment was booked for them.")
    return ngettext(
        "The hours are cancelled. %(count)s appointment was called off; people "
        "with an e-mail address are told by e-mail.",
        "The hours are cancelled. %(count)s appointments were called off; people "
        "with an e-mail address are told by e-mail.",
        count,
    ) % {"count": count}


@staff_required(*MANAGER_ROLES)
@require_POST
def cancellation_delete(request: StaffRequest, pk: int) -> HttpResponse:
    get_cancellation_for(request, pk).delete()
    messages.success(
        request,
        _(
            "The cancellation is deleted: these hours take place again. "
            "Appointments it called off stay cancelled."
        ),
    )
    return redirect("schedule:hours_overview")


@staff_required(*BUDGET_ROLES)
def budget_month(request: StaffRequest) -> HttpResponse:
    office = _office(request, BUDGET_ROLES)
    month = _month(request.GET.get("month", ""))
    previous = (month - datetime.timedelta(days=1)).replace(day=1)
    context = {
        "nav": "budget",
        "month": month,
        "previous": f"{previous:%Y-%m}",
        "next": f"{budget.next_month(month):%Y-%m}",
        "month_form": MonthForm(initial={"month": f"{month:%Y-%m}"}),
        "report": budget.month_report(office, month),
        "budgets": HoursBudget.objects.filter(office=office),
        "can_manage": request.user.has_role(*MANAGER_ROLES),
    }
    return render(request, "schedule/budget_month.html", context)


def _month(value: str) -> datetime.date:
    """The month asked for as YYYY-MM; anything else means this month."""
    this_month = timezone.localdate().replace(day=1)
    try:
        month = datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        return this_month
    if abs(month.year - this_month.year) > 50:
        return this_month
    return month


@staff_required(*MANAGER_ROLES)
def budget_create(request: StaffRequest) -> HttpResponse:
    office = _office(request, MANAGER_ROLES)
    initial = {"valid_from": timezone.localdate().replace(day=1)}
    form = HoursBudgetForm(request.POST or None, office=office, initial=initial)
    return _budget_form(request, form, None)


@staff_required(*MANAGER_ROLES)
def budget_edit(request: StaffRequest, pk: int) -> HttpResponse:
    hours_budget = get_budget_for(request, pk)
    office = _office(request, MANAGER_ROLES)
    form = HoursBudgetForm(request.POST or None, instance=hours_budget, office=office)
    return _budget_form(request, form, hours_budget)


def _budget_form(
    request: StaffRequest, form: HoursBudgetForm, hours_budget: HoursBudget | None
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The hours budget is saved."))
        return redirect("schedule:budget_month")
    context = {"nav": "budget", "form": form, "budget": hours_budget}
    return render(request, "schedule/budget_form.html", context)
