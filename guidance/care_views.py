"""Staff pages for cares: list, page with the plan, assignment with the
suggestions, transfer, end and reopening, plan steps, plan templates and
training records."""

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from accounts.http import StaffRequest
from accounts.models import User
from clients.access import get_person_for, log_person_read

from . import actions
from .access import (
    CARE_ROLES,
    INTAKE_ROLES,
    TEMPLATE_ROLES,
    TRAINING_ROLES,
    cares_visible_to,
    get_care_for,
    get_step_for,
    get_template_for,
    get_training_for,
    require,
)
from .actions import CareError
from .care_forms import (
    AssignForm,
    CareCreateForm,
    CareFilterForm,
    EndForm,
    StepForm,
    TemplateForm,
    TemplateStepFormSetFactory,
    TrainingForm,
    TransferForm,
)
from .models import Care, PlanStep, PlanTemplate, StepStatus, Training, TrainingKind
from .suggest import suggest_guides
from .templates_seed import ensure_templates

PAGE_SIZE = 50


def _is_desk(user: User) -> bool:
    return user.has_role(*INTAKE_ROLES)


def _works_on(user: User, care: Care) -> bool:
    """The desk, or the guide who holds the care now (former guides read)."""
    return _is_desk(user) or care.guide_id == user.pk


@staff_required(*CARE_ROLES)
def care_list(request: StaffRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    filters = CareFilterForm(request.GET, office_id=require(user, CARE_ROLES))
    overdue = Count("steps", filter=Q(steps__in=PlanStep.objects.overdue(today)))
    found = (
        filters.apply(cares_visible_to(user), today)
        .select_related("person", "guide")
        .annotate(overdue=overdue)
        .order_by("-started_on", "-pk")
    )
    context = {
        "nav": "guidance",
        "filters": filters,
        "is_desk": _is_desk(user),
        "page_obj": Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "guidance/care/care_list.html", context)


@staff_required(*CARE_ROLES)
def care_detail(request: StaffRequest, pk: int) -> HttpResponse:
    care = get_care_for(request.user, pk)
    log_person_read(request, [care.person])
    today = timezone.localdate()
    steps = list(care.steps.prefetch_related("activities__concern"))
    context = {
        "nav": "guidance",
        "care": care,
        "spells": care.spells.select_related("guide"),
        "rows": [(step, step.is_overdue(today)) for step in steps],
        "overdue_count": sum(step.is_overdue(today) for step in steps),
        "is_desk": _is_desk(request.user),
        "works_on": _works_on(request.user, care),
        "end_form": EndForm(initial={"on": today}) if care.is_active else None,
    }
    return render(request, "guidance/care/care_detail.html", context)


@staff_required(*INTAKE_ROLES)
def care_create(request: StaffRequest) -> HttpResponse:
    value = request.GET.get("person", "")
    if not value.isdigit():
        raise Http404
    person = get_person_for(request, int(value))
    office_id = require(request.user, INTAKE_ROLES)
    form = CareCreateForm(
        request.POST or None,
        office_id=office_id,
        initial={"started_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        office = request.user.office
        assert office is not None
        try:
            care = actions.start_care(
                office,
                person,
                data["kind"],
                data["source"],
                request.user,
                guide=data["guide"],
                started_on=data["started_on"],
                recognised_on=data["recognised_on"],
            )
        except CareError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The care has begun; its plan is made."))
            if care.guide_id is None:
                return redirect("guidance:care_assign", pk=care.pk)
            return redirect("guidance:care_detail", pk=care.pk)
    context = {"nav": "guidance", "form": form, "person": person}
    return render(request, "guidance/care/care_form.html", context)


@staff_required(*INTAKE_ROLES)
def care_assign(request: StaffRequest, pk: int) -> HttpResponse:
    care = get_care_for(request.user, pk)
    form = AssignForm(request.POST or None, office_id=care.office_id)
    return _change_guide(
        request,
        care,
        form,
        lambda data: actions.assign(care, data["guide"], request.user),
        _("%(name)s now holds the care."),
        "guidance/care/care_assign.html",
    )


@staff_required(*INTAKE_ROLES)
def care_transfer(request: StaffRequest, pk: int) -> HttpResponse:
    care = get_care_for(request.user, pk)
    form = TransferForm(
        request.POST or None,
        office_id=care.office_id,
        initial={"on": timezone.localdate()},
    )
    return _change_guide(
        request,
        care,
        form,
        lambda data: actions.transfer(
            care, data["to_guide"], data["note"], request.user, data["on"]
        ),
        _("The care is handed over to %(name)s."),
        "guidance/care/care_transfer.html",
    )


def _change_guide(
    request: StaffRequest,
    care: Care,
    form: forms.Form,
    change: Callable[[dict[str, Any]], object],
    done: str,
    template: str,
) -> HttpResponse:
    """Assign or hand over a care; ``done`` names the new guide as %(name)s."""
    if request.method == "POST" and form.is_valid():
        try:
            change(form.cleaned_data)
        except CareError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done % {"name": care.guide})
            return redirect("guidance:care_detail", pk=care.pk)
    context = {
        "nav": "guidance",
        "care": care,
        "form": form,
        "suggestions": suggest_guides(care) if care.is_active else [],
    }
    return render(request, template, context)


@staff_required(*CARE_ROLES)
def care_end(request: StaffRequest, pk: int) -> HttpResponse:
    care = get_care_for(request.user, pk)
    if not _works_on(request.user, care):
        raise PermissionDenied
    form = EndForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.end_care(care, data["reason"], data["note"], data["on"])
        except CareError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The care has ended."))
            return redirect("guidance:care_detail", pk=care.pk)
    context = {"nav": "guidance", "care": care, "form": form}
    return render(request, "guidance/care/care_end.html", context)


@staff_required(*INTAKE_ROLES)
@require_POST
def care_reopen(request: StaffRequest, pk: int) -> HttpResponse:
    care = get_care_for(request.user, pk)
    try:
        actions.reopen(care, request.user)
    except CareError as error:
        messages.error(request, str(error))
        return redirect("guidance:care_detail", pk=care.pk)
    if care.guide_id is None:
        messages.success(request, _("The care runs again. Choose a guide."))
        return redirect("guidance:care_assign", pk=care.pk)
    messages.success(
        request,
        _("The care runs again with %(name)s.") % {"name": care.guide},
    )
    return redirect("guidance:care_detail", pk=care.pk)


@staff_required(*CARE_ROLES)
def step_edit(request: StaffRequest, pk: int) -> HttpResponse:
    step = get_step_for(request.user, pk)
    care = get_care_for(request.user, step.care_id)
    if not _works_on(request.user, care):
        raise PermissionDenied
    log_person_read(request, [care.person])
    form = StepForm(request.POST or None, step=step)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.save_step(
                step, data["status"], data["note"], data["done_on"], data["activities"]
            )
        except CareError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The step is saved."))
            return redirect("guidance:care_detail", pk=care.pk)
    context = {
        "nav": "guidance",
        "care": care,
        "step": step,
        "form": form,
        "overdue": step.is_overdue(timezone.localdate()),
        "done": StepStatus.DONE,
    }
    return render(request, "guidance/care/step_form.html", context)


# --- plan templates ---------------------------------------------------------


@staff_required(*TEMPLATE_ROLES)
def template_list(request: StaffRequest) -> HttpResponse:
    require(request.user, TEMPLATE_ROLES)
    office = request.user.office
    assert office is not None
    ensure_templates(office)
    templates = PlanTemplate.objects.filter(office=office).annotate(
        step_count=Count("steps")
    )
    context = {"nav": "guidance", "templates": templates.order_by("kind")}
    return render(request, "guidance/care/template_list.html", context)


@staff_required(*TEMPLATE_ROLES)
def template_edit(request: StaffRequest, pk: int) -> HttpResponse:
    template = get_template_for(request.user, pk)
    data = request.POST or None
    form = TemplateForm(data, instance=template)
    steps = TemplateStepFormSetFactory(data, instance=template, prefix="steps")
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        actions.save_template(form, steps)
        messages.success(
            request,
            _("The template is saved. Plans already running keep their steps."),
        )
        return redirect("guidance:template_list")
    context = {"nav": "guidance", "template": template, "form": form, "steps": steps}
    return render(request, "guidance/care/template_form.html", context)


# --- training ---------------------------------------------------------------


@staff_required(*TRAINING_ROLES)
def training_list(request: StaffRequest) -> HttpResponse:
    office_id = require(request.user, TRAINING_ROLES)
    user = request.user
    office_trainings = Training.objects.filter(office_id=office_id)
    taken = Training.guides.through.objects.order_by()
    shown = office_trainings if _is_desk(user) else office_trainings.filter(guides=user)
    context = {
        "nav": "guidance",
        "is_desk": _is_desk(user),
        "page_obj": Paginator(
            shown.prefetch_related("guides").order_by("-day", "-pk"), PAGE_SIZE
        ).get_page(request.GET.get("page")),
        "office_totals": _totals(taken.filter(training__office_id=office_id)),
        "own_totals": _totals(taken.filter(training__office_id=office_id, user=user)),
    }
    return render(request, "guidance/care/training_list.html", context)


def _totals(participations) -> list[tuple[int, list[Decimal]]]:
    """Hours per year and kind, latest year first, from rows of who took part
    in what: the office's totals count every participant (a meeting of three
    guides of two hours is six hours)."""
    rows = participations.values("training__day__year", "training__kind").annotate(
        hours=Sum("training__hours")
    )
    found: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for row in rows:
        found[row["training__day__year"]][row["training__kind"]] = row["hours"]
    return [
        (year, [kinds.get(kind, Decimal("0")) for kind in TrainingKind.values])
        for year, kinds in sorted(found.items(), reverse=True)
    ]


@staff_required(*TRAINING_ROLES)
def training_create(request: StaffRequest) -> HttpResponse:
    office_id = require(request.user, TRAINING_ROLES)
    return _training_form(request, Training(office_id=office_id), office_id)


@staff_required(*TRAINING_ROLES)
def training_edit(request: StaffRequest, pk: int) -> HttpResponse:
    training = get_training_for(request.user, pk)
    return _training_form(request, training, training.office_id)


def _training_form(
    request: StaffRequest, training: Training, office_id: int
) -> HttpResponse:
    chooses = _is_desk(request.user)
    form = TrainingForm(
        request.POST or None,
        instance=training,
        office_id=office_id,
        chooses_guides=chooses,
    )
    if request.method == "POST" and form.is_valid():
        actions.save_training(form, request.user, chooses_guides=chooses)
        messages.success(request, _("The training is saved."))
        return redirect("guidance:training_list")
    context = {"nav": "guidance", "form": form, "training": training}
    return render(request, "guidance/care/training_form.html", context)
