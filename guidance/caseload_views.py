"""The caseload page: clients per guide and per FTE, district and status."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.decorators import staff_required
from accounts.http import StaffRequest

from .access import CASELOAD_ROLES, require
from .caseload import caseload, default_period
from .caseload_forms import CaseloadPeriodForm


@staff_required(*CASELOAD_ROLES)
def caseload_view(request: StaffRequest) -> HttpResponse:
    """Numbers per guide and month, never a client's name."""
    office_id = require(request.user, CASELOAD_ROLES)
    form = CaseloadPeriodForm(
        request.GET or None, default=default_period(timezone.localdate())
    )
    period = form.period()
    context = {
        "nav": "guidance",
        "form": form,
        "caseload": caseload(office_id, *period) if period else None,
    }
    return render(request, "guidance/caseload/caseload.html", context)
