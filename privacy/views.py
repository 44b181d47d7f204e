from django.apps import apps
from django.contrib import messages
from django.db import models, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from accounts.http import StaffRequest
from clients.access import get_person_for

from . import actions, disclosure, retention
from .access import PRIVACY_ROLES, get_request_for, requests_for
from .forms import AccessForm, ErasureForm, ReceivedForm, RetentionRuleForm
from .models import DataRequest, KeepGround, RequestKind, RetentionRun

DUE_SHOWN = 200


@staff_required(*PRIVACY_ROLES)
def request_list(request: StaffRequest) -> HttpResponse:
    rows = requests_for(request.user).select_related("created_by")
    return render(
        request, "privacy/request_list.html", {"nav": "privacy", "requests": rows}
    )


@staff_required(*PRIVACY_ROLES)
def request_detail(request: StaffRequest, pk: int) -> HttpResponse:
    found = get_request_for(request.user, pk)
    context = {
        "nav": "privacy",
        "data_request": found,
        "kept": [
            (
                actions.PARTS.get(item["part"], item["part"]),
                KeepGround(item["ground"]).label,
            )
            for item in found.kept
        ],
        "outcome_rows": _outcome_rows(found),
    }
    return render(request, "privacy/request_detail.html", context)


def _table_name(model: type[models.Model]) -> str:
    base = getattr(model, "instance_type", None)
    if base is None:
        return str(model._meta.verbose_name_plural)
    return _("%(table)s: earlier versions") % {"table": base._meta.verbose_name_plural}


def _outcome_rows(found: DataRequest) -> list[tuple[str, int]]:
    """Counts per table under the table's name (no personal data in them)."""
    counts = found.outcome.get("disclosed") or found.outcome.get("changed") or {}
    rows = []
    for label, count in counts.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            rows.append((label, count))
        else:
            rows.append((_table_name(model), count))
    return rows


@staff_required(*PRIVACY_ROLES)
def access_report(request: StaffRequest, pk: int) -> HttpResponse:
    person = get_person_for(request, pk)
    form = AccessForm(
        request.POST or None,
        initial={"language": disclosure.report_language(person)},
    )
    if request.method == "POST" and form.is_valid():
        made, _report = actions.answer_access(
            person, form.cleaned_data["language"], request.user
        )
        messages.success(request, _("The access report is ready to download."))
        return redirect("privacy:request_detail", pk=made.pk)
    context = {"nav": "privacy", "person": person, "form": form}
    return render(request, "privacy/access_form.html", context)


@staff_required(*PRIVACY_ROLES)
def download(request: StaffRequest, pk: int, fmt: str) -> HttpResponse:
    """Made afresh on each download and never stored (see actions)."""
    found = get_request_for(request.user, pk)
    if found.kind != RequestKind.ACCESS or found.person_id is None:
        raise Http404
    person = get_person_for(request, found.person_id)
    report = disclosure.disclose(person, found.outcome.get("language", "de"))
    if fmt == "pdf":
        body, content_type = disclosure.as_pdf(report), "application/pdf"
    else:
        body = disclosure.as_json(report).encode()
        content_type = "application/json; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    name = f"{found.number}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@staff_required(*PRIVACY_ROLES)
def erase(request: StaffRequest, pk: int) -> HttpResponse:
    person = get_person_for(request, pk)
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = actions.erase(
                person,
                request.user,
                received_on=form.cleaned_data["received_on"],
                kept=form.kept(),
                note=form.cleaned_data["note"],
            )
        except actions.RequestRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The erasure request was carried out."))
            return redirect("privacy:request_detail", pk=made.pk)
    context = {"nav": "privacy", "person": person, "form": form}
    return render(request, "privacy/erasure_form.html", context)


@staff_required(*PRIVACY_ROLES)
def restrict(request: StaffRequest, pk: int) -> HttpResponse:
    person = get_person_for(request, pk)
    form = ReceivedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = actions.restrict(
            person,
            request.user,
            received_on=form.cleaned_data["received_on"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Processing of the record is restricted."))
        return redirect("privacy:request_detail", pk=made.pk)
    context = {"nav": "privacy", "person": person, "form": form}
    return render(request, "privacy/restriction_form.html", context)


@staff_required(*PRIVACY_ROLES)
@require_POST
def lift(request: StaffRequest, pk: int) -> HttpResponse:
    found = get_request_for(request.user, pk)
    if found.kind != RequestKind.RESTRICTION or found.lifted_at is not None:
        raise Http404
    actions.lift_restriction(found, request.user)
    messages.success(request, _("The restriction was lifted."))
    return redirect("privacy:request_detail", pk=found.pk)


@staff_required(*PRIVACY_ROLES)
def retention_rules(request: StaffRequest) -> HttpResponse:
    office_id = request.user.office_id
    assert office_id is not None  # privacy roles belong to an office
    forms = [
        RetentionRuleForm(request.POST or None, instance=rule, prefix=rule.kind)
        for rule in retention.rules_of(office_id)
    ]
    if request.method == "POST" and all(form.is_valid() for form in forms):
        with transaction.atomic():
            for form in forms:
                form.instance.updated_by = request.user
                form.save()
        messages.success(request, _("The retention rules were saved."))
        return redirect("privacy:retention")
    due = retention.due(office_id)
    for item in due:
        item.count = item.rows.count()
    runs = RetentionRun.objects.filter(office_id=office_id)[:10]
    context = {"nav": "privacy", "rows": zip(forms, due, strict=True), "runs": runs}
    return render(request, "privacy/retention.html", context)


@staff_required(*PRIVACY_ROLES)
def retention_due(request: StaffRequest) -> HttpResponse:
    """The dry run: exactly the records the next run would treat."""
    office_id = request.user.office_id
    assert office_id is not None
    lists = []
    for item in retention.due(office_id):
        count = item.rows.count()
        rows = list(item.rows.order_by("pk")[:DUE_SHOWN])
        lists.append((item, count, rows))
    context = {"nav": "privacy", "lists": lists, "shown": DUE_SHOWN}
    return render(request, "privacy/retention_due.html", context)
