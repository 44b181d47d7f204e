"""The office's side of the portal: inbox, answers, routing rules, templates."""

from django.contrib import messages
from django.db.models import Count
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from accounts.http import StaffRequest
from accounts.models import NOTE_ROLES, PERSON_ROLES
from cases.models import Concern, Status
from lib.paging import KeysetFirstPaginator

from . import actions
from .access import (
    PORTAL_SETTINGS_ROLES,
    get_attachment_for,
    get_reply_template_for,
    get_rule_for,
    get_submission_for,
)
from .models import ReplyTemplate, RoutingRule
from .staff_forms import AnswerForm, ReplyTemplateForm, RoutingRuleForm


@staff_required(*PERSON_ROLES)
def inbox(request: StaffRequest) -> HttpResponse:
    """Portal concerns the user may see; new ones first."""
    show = request.GET.get("show", "open")
    concerns = (
        Concern.objects.visible_to(request.user)
        .filter(channel="portal")
        .select_related("submission", "assigned_to")
        .prefetch_related("topics")
        .annotate(attachment_count=Count("submission__attachments"))
        .order_by("-created_at", "-pk")
    )
    if show == "open":
        concerns = concerns.exclude(status=Status.CLOSED)
    elif show == "unanswered":
        concerns = concerns.filter(submission__answered_at__isnull=True)
    page = KeysetFirstPaginator(concerns, 25).get_page(request.GET.get("page"))
    context = {"nav": "inbox", "page": page, "show": show}
    return render(request, "portal/staff/inbox.html", context)


@staff_required(*NOTE_ROLES)
def answer(request: StaffRequest, pk: int) -> HttpResponse:
    submission = get_submission_for(request, pk)
    concern = submission.concern
    templates = ReplyTemplate.objects.filter(office_id=concern.office_id)
    initial = {
        "text": submission.public_answer,
        "language": submission.public_answer_language or "de",
    }
    chosen = templates.filter(pk=request.GET.get("template") or 0).first()
    if chosen:
        initial = {"text": chosen.text, "language": chosen.language}
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.publish_answer(concern, data["text"], data["language"], request.user)
        messages.success(request, _("The answer is published."))
        return redirect("cases:concern_detail", concern.pk)
    context = {
        "nav": "inbox",
        "form": form,
        "concern": concern,
        "submission": submission,
        "templates": templates,
    }
    return render(request, "portal/staff/answer.html", context)


@staff_required(*NOTE_ROLES)
def attachment(request: StaffRequest, pk: int) -> FileResponse:
    found = get_attachment_for(request, pk)
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=request.GET.get("view") != "1",
        filename=found.name,
        content_type=found.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required(*PORTAL_SETTINGS_ROLES)
def rules(request: StaffRequest) -> HttpResponse:
    office_id = request.user.office_pk
    form = RoutingRuleForm(request.POST or None, office_id=office_id)
    if request.method == "POST" and form.is_valid():
        rule = form.save(commit=False)
        rule.office_id = office_id
        rule.save()
        messages.success(request, _("Rule added."))
        return redirect("portal_staff:rules")
    context = {
        "nav": "portal_settings",
        "form": form,
        "rules": RoutingRule.objects.filter(office_id=office_id).select_related(
            "topic", "municipality", "assign_to"
        ),
    }
    return render(request, "portal/staff/rules.html", context)


@staff_required(*PORTAL_SETTINGS_ROLES)
def rule_edit(request: StaffRequest, pk: int) -> HttpResponse:
    rule = get_rule_for(request, pk)
    form = RoutingRuleForm(
        request.POST or None, instance=rule, office_id=rule.office_id
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Rule saved."))
        return redirect("portal_staff:rules")
    context = {
        "nav": "portal_settings",
        "form": form,
        "heading": _("Edit routing rule"),
    }
    return render(request, "cases/simple_form.html", context)


@staff_required(*PORTAL_SETTINGS_ROLES)
@require_POST
def rule_delete(request: StaffRequest, pk: int) -> HttpResponse:
    get_rule_for(request, pk).delete()
    messages.success(request, _("Rule deleted."))
    return redirect("portal_staff:rules")


@staff_required(*PORTAL_SETTINGS_ROLES)
def reply_templates(request: StaffRequest) -> HttpResponse:
    office_id = request.user.office_pk
    form = ReplyTemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        template = form.save(commit=False)
        template.office_id = office_id
        if ReplyTemplate.objects.filter(
            office_id=office_id, title=template.title, language=template.language
        ).exists():
            form.add_error(
                "title", _("A template with this title and language exists.")
            )
        else:
            template.save()
            messages.success(request, _("Template added."))
            return redirect("portal_staff:reply_templates")
    context = {
        "nav": "portal_settings",
        "form": form,
        "templates": ReplyTemplate.objects.filter(office_id=office_id),
    }
    return render(request, "portal/staff/reply_templates.html", context)


@staff_required(*PORTAL_SETTINGS_ROLES)
def reply_template_edit(request: StaffRequest, pk: int) -> HttpResponse:
    template = get_reply_template_for(request, pk)
    form = ReplyTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Template saved."))
        return redirect("portal_staff:reply_templates")
    context = {
        "nav": "portal_settings",
        "form": form,
        "heading": _("Edit reply template"),
    }
    return render(request, "cases/simple_form.html", context)


@staff_required(*PORTAL_SETTINGS_ROLES)
@require_POST
def reply_template_delete(request: StaffRequest, pk: int) -> HttpResponse:
    get_reply_template_for(request, pk).delete()
    messages.success(request, _("Template deleted."))
    return redirect("portal_staff:reply_templates")
