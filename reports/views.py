from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from accounts.http import StaffRequest
from accounts.models import STATISTICS_ROLES, Office, Role

from . import actions
from .access import (
    TEXT_ROLES,
    get_run_for,
    get_text_for,
    may_write_texts,
    runs_for,
    texts_for,
)
from .forms import DashboardForm, PeriodForm, ReportRequestForm, ReportTextForm
from .models import FileFormat, ReportKind
from .statistics import compare, office_report, state_report

RUN_ROLES = {*STATISTICS_ROLES, Role.STATE_VIEW}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES: dict[str, str] = {
    FileFormat.PDF: "application/pdf",
    FileFormat.XLSX: XLSX_TYPE,
    FileFormat.ODS: "application/vnd.oasis.opendocument.spreadsheet",
    FileFormat.CSV: "text/csv; charset=utf-8",
}


def _office(request: StaffRequest) -> Office:
    office = request.user.office
    if office is None:
        # Roles are void without an office; this only tells the type checker.
        raise PermissionDenied
    return office


@staff_required(*STATISTICS_ROLES)
def office(request: StaffRequest) -> HttpResponse:
    """The office's month at a glance (or any period); never a person."""
    office = _office(request)
    form = DashboardForm(request.GET or None, office=office)
    period = form.period()
    report = None
    if period:
        filters = {"site_id": form.choice("site"), "staff_id": form.choice("staff")}
        report = office_report(office, period, **filters)
        if form.comparing:
            report = compare(
                report, office_report(office, period.previous(), **filters)
            )
    context = {
        "nav": "statistics",
        "form": form,
        "office": office,
        "period": period,
        "report": report,
        "filtered": bool(form.choice("site") or form.choice("staff")),
    }
    return render(request, "reports/office.html", context)


@staff_required(Role.STATE_VIEW)
def state(request: StaffRequest) -> HttpResponse:
    """The same numbers for every office of the installation, side by side."""
    form = PeriodForm(request.GET or None)
    period = form.period()
    offices = list(request.user.state_offices())
    context = {
        "nav": "statistics",
        "form": form,
        "period": period,
        "report": state_report(offices, period) if period else None,
    }
    return render(request, "reports/state.html", context)


@staff_required(*RUN_ROLES)
def run_list(request: StaffRequest) -> HttpResponse:
    """The report files asked for, and the form to ask for one."""
    user = request.user
    form = ReportRequestForm(request.POST or None, state=user.is_state_viewer)
    if request.method == "POST" and form.is_valid():
        office = None if user.is_state_viewer else _office(request)
        kind = ReportKind.STATE if office is None else form.kind
        run = actions.request_report(
            user, kind, form.period(), form.cleaned_data["compare"], office
        )
        return redirect("reports:run_detail", pk=run.pk)
    context = {
        "nav": "statistics",
        "form": form,
        "runs": runs_for(user).select_related("requested_by")[:50],
        "writes_texts": may_write_texts(user),
    }
    return render(request, "reports/run_list.html", context)


@staff_required(*RUN_ROLES)
def run_detail(request: StaffRequest, pk: int) -> HttpResponse:
    run = get_run_for(request.user, pk)
    context = {
        "nav": "statistics",
        "run": run,
        "files": run.files.only("format", "size", "run_id").order_by("id"),
        "title": actions.title_of(run),
        "subtitle": actions.subtitle_of(run),
    }
    return render(request, "reports/run_detail.html", context)


@staff_required(*RUN_ROLES)
def run_download(request: StaffRequest, pk: int, format: str) -> HttpResponse:
    run = get_run_for(request.user, pk)
    found = run.files.filter(format=format).first()
    if found is None:
        raise Http404
    response = HttpResponse(bytes(found.content), content_type=CONTENT_TYPES[format])
    name = f"{actions.title_of(run)} {run.start:%Y-%m-%d} {run.end:%Y-%m-%d}"
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name)
    response["Content-Disposition"] = f'attachment; filename="{safe}.{format}"'
    return response


@staff_required(*TEXT_ROLES)
def text_list(request: StaffRequest) -> HttpResponse:
    texts = texts_for(request.user).select_related("updated_by")
    context = {"nav": "statistics", "texts": texts}
    return render(request, "reports/text_list.html", context)


@staff_required(*TEXT_ROLES)
def text_form(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    text = get_text_for(request.user, pk) if pk else None
    form = ReportTextForm(request.POST or None, instance=text)
    if request.method == "POST" and form.is_valid():
        form.instance.office = _office(request)
        form.instance.updated_by = request.user
        form.save()
        messages.success(request, _("Text saved."))
        return redirect("reports:text_list")
    context = {"nav": "statistics", "form": form, "text": text}
    return render(request, "reports/text_form.html", context)


@staff_required(*TEXT_ROLES)
@require_POST
def text_delete(request: StaffRequest, pk: int) -> HttpResponse:
    get_text_for(request.user, pk).delete()
    messages.success(request, _("Text deleted."))
    return redirect("reports:text_list")
