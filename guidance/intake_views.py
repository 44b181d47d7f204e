"""The intake: recognition lists uploaded, checked and committed; one person."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from accounts.http import StaffRequest
from accounts.models import Office, User
from clients.models import Person

from . import intake_actions
from .access import INTAKE_ROLES, get_import_for, require
from .intake_forms import CommitForm, ImportForm, IntakeForm, RowFilterForm, in_care
from .models import ImportStatus, RecognitionImport, RowOutcome

PAGE_SIZE = 50
REFRESH_SECONDS = 3
CONTENT_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


def _office(user: User) -> Office:
    require(user, INTAKE_ROLES)
    assert user.office is not None
    return user.office


@staff_required(*INTAKE_ROLES)
def import_list(request: StaffRequest) -> HttpResponse:
    office = _office(request.user)
    imports = (
        RecognitionImport.objects.filter(office=office)
        .defer("original")
        .select_related("uploaded_by")
    )
    page = Paginator(imports, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"nav": "guidance", "page_obj": page}
    return render(request, "guidance/intake/import_list.html", context)


@staff_required(*INTAKE_ROLES)
def import_create(request: StaffRequest) -> HttpResponse:
    office = _office(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, office=office)
    if request.method == "POST" and form.is_valid():
        found = intake_actions.receive_list(
            office,
            request.user,
            form.content,
            form.file_name,
            form.cleaned_data["source"],
        )
        return redirect("guidance:import_detail", pk=found.pk)
    context = {"nav": "guidance", "form": form}
    return render(request, "guidance/intake/import_form.html", context)


@staff_required(*INTAKE_ROLES)
def import_detail(request: StaffRequest, pk: int) -> HttpResponse:
    found = get_import_for(request.user, pk)
    filters = RowFilterForm(request.GET)
    rows = found.rows.select_related("person").order_by("number")
    if filters.is_valid() and filters.cleaned_data["outcome"]:
        rows = rows.filter(outcome=filters.cleaned_data["outcome"])
    counts = intake_actions.outcome_counts(found)
    working = found.status in (ImportStatus.CHECKING, ImportStatus.IMPORTING)
    context = {
        "nav": "guidance",
        "found": found,
        "filters": filters,
        "page_obj": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "counts": [(RowOutcome(o).label, o, n) for o, n in counts.items()],
        "to_import": counts[RowOutcome.NEW] + counts[RowOutcome.EXISTING],
        "errors": counts[RowOutcome.ERROR],
        "commit_form": CommitForm(),
        "working": working,
        "refresh_seconds": REFRESH_SECONDS,
    }
    response = render(request, "guidance/intake/import_detail.html", context)
    if working:
        # The Refresh header does what <meta http-equiv="refresh"> does,
        # without JavaScript, from outside the page's <head>.
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@require_POST
@staff_required(*INTAKE_ROLES)
def import_commit(request: StaffRequest, pk: int) -> HttpResponse:
    found = get_import_for(request.user, pk)
    form = CommitForm(request.POST)
    skip_errors = form.is_valid() and form.cleaned_data["skip_errors"]
    try:
        done = intake_actions.commit_import(found, request.user, skip_errors)
    except intake_actions.CommitRefused as refused:
        messages.error(request, str(refused))
        return redirect("guidance:import_detail", pk=found.pk)
    found.refresh_from_db(fields=["status", "rows_done", "problem"])
    if done:
        messages.success(
            request,
            _("%(count)s rows imported.") % {"count": found.rows_done},
        )
    elif found.status == ImportStatus.CHECKED:
        messages.error(request, found.problem)
    return redirect("guidance:import_detail", pk=found.pk)


@require_POST
@staff_required(*INTAKE_ROLES)
def import_discard(request: StaffRequest, pk: int) -> HttpResponse:
    found = get_import_for(request.user, pk)
    if intake_actions.discard_import(found):
        messages.success(request, _("The list was discarded; nothing was imported."))
    else:
        messages.error(request, _("This list can no longer be discarded."))
    return redirect("guidance:import_list")


@staff_required(*INTAKE_ROLES)
def import_original(request: StaffRequest, pk: int) -> HttpResponse:
    found = get_import_for(request.user, pk)
    content = RecognitionImport.objects.values_list("original", flat=True).get(
        pk=found.pk
    )
    suffix = found.file_name.lower().rsplit(".", 1)[-1]
    response = HttpResponse(
        bytes(content),
        content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"),
    )
    response["Content-Disposition"] = (
        f'attachment; filename="import-{found.pk}.{suffix}"'
    )
    return response


@staff_required(*INTAKE_ROLES)
def intake_create(request: StaffRequest) -> HttpResponse:
    office = _office(request.user)
    form = IntakeForm(request.POST or None, office=office)
    likely: list[Person] = []
    if request.method == "POST" and form.is_valid():
        likely = form.likely_persons()
        chosen = next((p for p in likely if str(p.pk) == request.POST.get("use")), None)
        if chosen is not None and in_care(chosen):
            form.add_error(None, _("%(name)s is already in care.") % {"name": chosen})
        elif chosen is not None or not likely or "anyway" in request.POST:
            care = intake_actions.take_in(office, request.user, form.intake(), chosen)
            messages.success(
                request, _("%(name)s is taken into care.") % {"name": care.person}
            )
            return redirect("clients:person_detail", pk=care.person_id)
    context = {"nav": "guidance", "form": form, "likely": likely}
    return render(request, "guidance/intake/intake_form.html", context)
