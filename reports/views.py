from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from accounts.decorators import staff_required
from accounts.http import StaffRequest
from accounts.models import STATISTICS_ROLES, Office, Role

from .forms import PeriodForm
from .statistics import office_report, state_report


@staff_required(*STATISTICS_ROLES)
def office(request: StaffRequest) -> HttpResponse:
    """The numbers of the user's own office; never a person."""
    office = request.user.office
    if office is None:
        # Roles are void without an office; this only tells the type checker.
        raise PermissionDenied
    form = PeriodForm(request.GET or None)
    period = form.period()
    context = {
        "nav": "statistics",
        "form": form,
        "office": office,
        "period": period,
        "report": office_report(office, period) if period else None,
    }
    return render(request, "reports/office.html", context)


@staff_required(Role.STATE_VIEW)
def state(request: StaffRequest) -> HttpResponse:
    """The same numbers for every office of the installation, side by side."""
    form = PeriodForm(request.GET or None)
    period = form.period()
    offices = list(Office.objects.order_by("name"))
    context = {
        "nav": "statistics",
        "form": form,
        "period": period,
        "report": state_report(offices, period) if period else None,
    }
    return render(request, "reports/state.html", context)
