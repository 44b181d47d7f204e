"""The register: the office's accommodations, their residents and social
care over time, the care ratio, and the office's rule for its alert."""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from accounts.http import StaffRequest
from accounts.models import Office, Role, User
from cases.models import Concern

from . import actions
from .access import MANAGE_ROLES, VIEW_ROLES, accommodations_for, get_accommodation_for
from .models import (
    Accommodation,
    Deficiency,
    DeficiencyStatus,
    Inspection,
    Light,
    Settings,
)
from .ratio import (
    Ratio,
    current_ratio,
    max_residents_per_fte,
    ratio_series,
    step_chart,
    with_current,
    year_before,
)
from .register_forms import (
    AccommodationForm,
    OccupancyForm,
    OverviewFilterForm,
    SettingsForm,
    StaffingForm,
)

SETTINGS_ROLES = {Role.COMMISSIONER, Role.DEPUTY}
LATEST_ENTRIES = 10


@dataclass(frozen=True)
class OverviewRow:
    accommodation: Accommodation
    ratio: Ratio
    light: Light | None

    @property
    def over_capacity(self) -> bool:
        residents = self.ratio.residents
        return residents is not None and residents > self.accommodation.capacity


def _office(user: User) -> Office:
    assert user.office is not None  # the access helpers checked it
    return user.office


def _deficiency_count(today: datetime.date | None = None) -> Coalesce:
    """Open deficiencies of the row's accommodation; with a day, the overdue ones."""
    found = Deficiency.objects.filter(
        inspection__accommodation=OuterRef("pk"), status=DeficiencyStatus.OPEN
    )
    if today is not None:
        found = found.filter(deadline__lt=today)
    counted = (
        found.order_by()
        .values("inspection__accommodation")
        .annotate(number=Count("pk"))
        .values("number")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def overview_rows(
    accommodations: QuerySet[Accommodation], today: datetime.date
) -> QuerySet[Accommodation]:
    """Everything a row of the overview shows, in one query."""
    latest = Inspection.objects.filter(
        accommodation=OuterRef("pk"), completed_at__isnull=False
    ).order_by("-on", "-completed_at")
    return (
        with_current(accommodations, today)
        .select_related("municipality")
        .annotate(
            light=Subquery(latest.values("light")[:1]),
            inspected_on=Subquery(latest.values("on")[:1]),
            open_deficiencies=_deficiency_count(),
            overdue_deficiencies=_deficiency_count(today),
        )
        .order_by("name")
    )


def _light(row: Accommodation) -> Light | None:
    """The light annotated by overview_rows; None when never inspected."""
    light = getattr(row, "light", "")
    return Light(light) if light else None


@staff_required(*VIEW_ROLES)
def accommodation_list(request: StaffRequest) -> HttpResponse:
    accommodations, today = accommodations_for(request.user), timezone.localdate()
    office = _office(request.user)
    filters = OverviewFilterForm(request.GET, office=office)
    maximum = max_residents_per_fte(office)
    rows = overview_rows(filters.apply(accommodations), today)
    overdue = (
        Deficiency.objects.filter(
            inspection__accommodation__in=accommodations,
            status=DeficiencyStatus.OPEN,
            deadline__lt=today,
        )
        .select_related("inspection__accommodation", "responsible")
        .order_by("deadline", "id")
    )
    context = {
        "nav": "housing",
        "filters": filters,
        "rows": [
            OverviewRow(row, current_ratio(row, today, maximum), _light(row))
            for row in rows
        ],
        "overdue": overdue,
        "maximum": maximum,
        "can_manage": request.user.has_role(*MANAGE_ROLES),
    }
    return render(request, "housing/register/accommodation_list.html", context)


@staff_required(*VIEW_ROLES)
def accommodation_detail(request: StaffRequest, pk: int) -> HttpResponse:
    return _detail(request, get_accommodation_for(request.user, pk))


def _detail(
    request: StaffRequest,
    accommodation: Accommodation,
    occupancy_form: OccupancyForm | None = None,
    staffing_form: StaffingForm | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    first = year_before(today)
    maximum = max_residents_per_fte(accommodation.office_id)
    series = ratio_series(accommodation, first, today, maximum)
    counts = [
        ratio
        for before, ratio in zip([None, *series], series, strict=False)
        if ratio.known and (before is None or before.residents != ratio.residents)
    ]
    linked = Concern.objects.filter(accommodation=accommodation)
    visible = Concern.objects.visible_to(request.user).filter(
        accommodation=accommodation
    )
    can_manage = request.user.has_role(*MANAGE_ROLES)
    context = {
        "nav": "housing",
        "accommodation": accommodation,
        "today": today,
        "first": first,
        "current": series[-1],
        "maximum": maximum,
        "series": series,
        "counts": counts,
        "occupancy_chart": step_chart(
            [(r.on, r.residents) for r in series], first, today, accommodation.capacity
        ),
        "ratio_chart": step_chart(
            [(r.on, r.per_fte) for r in series], first, today, maximum
        ),
        "concerns": visible.order_by("-opened_on", "-sequence"),
        "concern_count": linked.count(),
        "can_manage": can_manage,
        "occupancy_form": occupancy_form or OccupancyForm(prefix="occupancy"),
        "staffing_form": staffing_form or StaffingForm(prefix="staffing"),
        "occupancies": accommodation.occupancies.select_related("recorded_by")[
            :LATEST_ENTRIES
        ],
        "staffings": accommodation.staffings.select_related("recorded_by")[
            :LATEST_ENTRIES
        ],
    }
    return render(request, "housing/register/accommodation_detail.html", context)


@staff_required(*MANAGE_ROLES)
def accommodation_create(request: StaffRequest) -> HttpResponse:
    return _accommodation_form(request, Accommodation())


@staff_required(*MANAGE_ROLES)
def accommodation_edit(request: StaffRequest, pk: int) -> HttpResponse:
    accommodation = get_accommodation_for(request.user, pk, MANAGE_ROLES)
    return _accommodation_form(request, accommodation)


def _accommodation_form(
    request: StaffRequest, accommodation: Accommodation
) -> HttpResponse:
    accommodations_for(request.user, MANAGE_ROLES)  # the gate, also for "new"
    office = _office(request.user)
    form = AccommodationForm(
        request.POST or None, instance=accommodation, office=office
    )
    if request.method == "POST" and form.is_valid():
        saved = actions.save_accommodation(form)
        if saved is not None:
            messages.success(request, _("The accommodation is saved."))
            return redirect("housing:accommodation_detail", pk=saved.pk)
    context = {
        "nav": "housing",
        "form": form,
        "accommodation": accommodation if accommodation.pk else None,
    }
    return render(request, "housing/register/accommodation_form.html", context)


@staff_required(*MANAGE_ROLES)
@require_POST
def occupancy_add(request: StaffRequest, pk: int) -> HttpResponse:
    accommodation = get_accommodation_for(request.user, pk, MANAGE_ROLES)
    form = OccupancyForm(request.POST, prefix="occupancy")
    if not form.is_valid():
        return _detail(request, accommodation, occupancy_form=form)
    day, residents = form.cleaned_data["on"], form.cleaned_data["residents"]
    before = actions.record_occupancy(accommodation, day, residents, request.user)
    over = residents > accommodation.capacity
    if over:
        text = _(
            "Saved; %(residents)s residents for %(capacity)s places: the "
            "accommodation is over capacity."
        ) % {"residents": residents, "capacity": accommodation.capacity}
    else:
        text = _("Saved: %(residents)s residents on %(day)s.") % {
            "residents": residents,
            "day": date_format(day, "SHORT_DATE_FORMAT"),
        }
    if before is not None:
        text += " " + _("It replaces the count of the same day (%(before)s).") % {
            "before": before
        }
    (messages.warning if over else messages.success)(request, text)
    return redirect(reverse("housing:accommodation_detail", args=[pk]) + "#entries")


@staff_required(*MANAGE_ROLES)
@require_POST
def staffing_add(request: StaffRequest, pk: int) -> HttpResponse:
    accommodation = get_accommodation_for(request.user, pk, MANAGE_ROLES)
    form = StaffingForm(request.POST, prefix="staffing")
    if not form.is_valid():
        return _detail(request, accommodation, staffing_form=form)
    day, fte = form.cleaned_data["on"], form.cleaned_data["fte"]
    before = actions.record_staffing(accommodation, day, fte, request.user)
    text = _("Saved: %(fte)s full-time equivalents of social care from %(day)s.") % {
        "fte": number_format(fte, 2),
        "day": date_format(day, "SHORT_DATE_FORMAT"),
    }
    if before is not None:
        text += " " + _("It replaces the entry of the same day (%(before)s).") % {
            "before": number_format(before, 2)
        }
    if fte:
        messages.success(request, text)
    else:
        messages.warning(
            request,
            text + " " + _("Without social care staff the care ratio alert is raised."),
        )
    return redirect(reverse("housing:accommodation_detail", args=[pk]) + "#entries")


@staff_required(*SETTINGS_ROLES)
def settings_edit(request: StaffRequest) -> HttpResponse:
    accommodations_for(request.user, SETTINGS_ROLES)  # the office gate
    found, _created = Settings.objects.get_or_create(office=_office(request.user))
    form = SettingsForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The settings are saved."))
        return redirect("housing:settings")
    context = {"nav": "housing", "form": form}
    return render(request, "housing/register/settings.html", context)
