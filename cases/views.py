import datetime
import re

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from accounts.http import StaffRequest
from accounts.models import PERSON_ROLES, Role
from clients.access import get_person_for, log_person_read
from clients.models import Person
from directory.access import get_partner_for
from lib.history import record_changes
from lib.paging import KeysetFirstPaginator

from . import actions
from .access import get_concern_for, get_follow_up_for, get_referral_for, get_topic_for
from .forms import (
    ActivityForm,
    CloseForm,
    ConcernFilterForm,
    ConcernForm,
    FollowUpForm,
    PartySearchForm,
    ReferralForm,
    ReferralResultForm,
    TopicForm,
)
from .models import Concern, FollowUp, Status, Topic

# Bookkeeping fields that say nothing to a reader of the history.
CONCERN_HISTORY_HIDDEN = frozenset(
    {"version", "updated_at", "created_at", "office", "year", "sequence", "number"}
)
CASE_NUMBER = re.compile(r"^[A-Z]{1,8}-\d{4}-\d{1,6}$")


@staff_required()
def desk(request: StaffRequest) -> HttpResponse:
    user = request.user
    if not user.sees_persons:
        return redirect(_landing_page(user))
    visible = Concern.objects.visible_to(user)
    soon = timezone.localdate() + datetime.timedelta(days=7)
    context = {
        "nav": "desk",
        "mine": visible.open().filter(assigned_to=user).for_list()[:50],
        "follow_ups": FollowUp.objects.due_before(soon)
        .filter(
            Q(assigned_to=user) | Q(assigned_to__isnull=True, concern__assigned_to=user)
        )
        .filter(concern__in=visible)
        .select_related("concern"),
        "unassigned": visible.filter(
            status=Status.NEW, assigned_to__isnull=True
        ).for_list()[:50]
        if user.has_role(Role.COMMISSIONER, Role.DEPUTY, Role.OFFICE_STAFF)
        else [],
    }
    return render(request, "cases/desk.html", context)


def _landing_page(user) -> str:
    """Where staff who never see a person start."""
    if user.has_role(Role.MEDIATOR):
        return "mediators:own_list"
    if user.is_state_viewer:
        return "reports:state"
    if user.sees_statistics:
        return "reports:office"
    return "cases:topic_list"


@staff_required(*PERSON_ROLES)
def concern_list(request: StaffRequest) -> HttpResponse:
    user = request.user
    assert user.office_id is not None
    form = ConcernFilterForm(request.GET or None, office_id=user.office_id)
    concerns = Concern.objects.visible_to(user)
    per_page = 25
    if form.is_valid():
        data = form.cleaned_data
        if data["status"] == "":
            concerns = concerns.open()
        elif data["status"] != "all":
            concerns = concerns.filter(status=data["status"])
        if data["type"]:
            concerns = concerns.filter(type=data["type"])
        if data["topic"]:
            concerns = concerns.filter(topics=data["topic"])
        if data["mine"]:
            concerns = concerns.filter(assigned_to=user)
        per_page = data["per_page"] or 25
    else:
        concerns = concerns.open() if not form.is_bound else concerns.none()
    paginator = KeysetFirstPaginator(concerns.for_list(), per_page)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "nav": "concerns",
        "form": form,
        "page": page,
        "query": query.urlencode(),
    }
    return render(request, "cases/concern_list.html", context)


@staff_required(*PERSON_ROLES)
def concern_create(request: StaffRequest) -> HttpResponse:
    user = request.user
    assert user.office is not None
    chosen = request.POST.getlist("persons") or request.GET.getlist("person")
    persons = Person.objects.visible_to(user).filter(
        pk__in=[p for p in chosen if p.isdigit()]
    )
    initial = {
        "persons": list(persons),
        "opened_on": timezone.localdate(),
        "assigned_to": user,
    }
    form = ConcernForm(
        request.POST or None, initial=initial, user=user, persons=persons
    )
    if request.method == "POST" and form.is_valid():
        concern = actions.create_concern(form, user.office, user)
        messages.success(
            request, _("Concern %(number)s saved.") % {"number": concern.number}
        )
        return redirect("cases:concern_detail", pk=concern.pk)
    return render(request, "cases/concern_form.html", {"nav": "concerns", "form": form})


@staff_required(*PERSON_ROLES)
def concern_detail(request: StaffRequest, pk: int) -> HttpResponse:
    concern = get_concern_for(request, pk)
    persons = list(concern.persons.all())
    log_person_read(request, persons)
    context = {
        "nav": "concerns",
        "concern": concern,
        "persons": persons,
        "activities": concern.activities.select_related("staff"),
        "follow_ups": concern.follow_ups.select_related("assigned_to"),
        "referrals": concern.referrals.select_related("partner", "person", "consent"),
        "changes": record_changes(
            concern,
            related=("site", "assigned_to", "household"),
            hidden=CONCERN_HISTORY_HIDDEN,
        )
        if request.user.sees_whole_office
        else [],
    }
    return render(request, "cases/concern_detail.html", context)


@staff_required(*PERSON_ROLES)
def concern_edit(request: StaffRequest, pk: int) -> HttpResponse:
    concern = get_concern_for(request, pk)
    persons = concern.persons.all()
    form = ConcernForm(
        request.POST or None, instance=concern, user=request.user, persons=persons
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        seen = form.cleaned_data.get("version") or 0
        try:
            actions.update_concern(form, seen)
        except actions.EditConflict as error:
            conflict = error
            form = _form_after_conflict(request, error.current, persons)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("cases:concern_detail", pk=concern.pk)
    context = {
        "nav": "concerns",
        "form": form,
        "concern": concern,
        "conflict": conflict,
    }
    return render(
        request, "cases/concern_form.html", context, status=409 if conflict else 200
    )


def _form_after_conflict(
    request: StaffRequest, current: Concern, persons
) -> ConcernForm:
    """Keep the user's input; the form now carries the version saved meanwhile,
    so a second submit knowingly overwrites it."""
    data = request.POST.copy()
    data["version"] = str(current.version)
    return ConcernForm(data, instance=current, user=request.user, persons=persons)


@staff_required(*PERSON_ROLES)
def concern_close(request: StaffRequest, pk: int) -> HttpResponse:
    concern = get_concern_for(request, pk)
    form = CloseForm(request.POST or None, instance=concern)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.close_concern(form, form.cleaned_data["version"])
        except actions.EditConflict as error:
            conflict = error
            data = request.POST.copy()
            data["version"] = str(error.current.version)
            form = CloseForm(data, instance=error.current)
        else:
            messages.success(request, _("Concern closed."))
            return redirect("cases:concern_detail", pk=concern.pk)
    context = {
        "nav": "concerns",
        "form": form,
        "concern": concern,
        "conflict": conflict,
    }
    return render(
        request, "cases/concern_close.html", context, status=409 if conflict else 200
    )


@staff_required(*PERSON_ROLES)
@require_POST
def concern_reopen(request: StaffRequest, pk: int) -> HttpResponse:
    concern = get_concern_for(request, pk)
    if concern.is_closed:
        actions.reopen_concern(concern)
        messages.success(request, _("Concern reopened."))
    return redirect("cases:concern_detail", pk=concern.pk)


@staff_required(*PERSON_ROLES)
def party_add(request: StaffRequest, pk: int) -> HttpResponse:
    concern = get_concern_for(request, pk)
    if request.method == "POST":
        person = get_person_for(
            request, int(request.POST.get("person") or 0), log=False
        )
        with transaction.atomic():
            concern.persons.add(person)
            concern.anonymous = False
            concern.version += 1
            concern.save(update_fields=["anonymous", "version", "updated_at"])
        messages.success(request, _("%(name)s added.") % {"name": person.full_name})
        return redirect("cases:concern_detail", pk=concern.pk)
    form = PartySearchForm(request.GET or None)
    found = Person.objects.none()
    if form.is_valid():
        visible = Person.objects.visible_to(request.user).exclude(concerns=concern)
        found = visible.matching_name(form.cleaned_data["q"])[:30]
    context = {"nav": "concerns", "concern": concern, "form": form, "found": found}
    return render(request, "cases/party_add.html", context)


@staff_required(*PERSON_ROLES)
def activity_create(request: StaffRequest, pk: int) -> HttpResponse:
    initial = {"occurred_at": timezone.localtime()}
    form = ActivityForm(request.POST or None, user=request.user, initial=initial)
    done = _("Activity recorded.")
    return _add_to_concern(request, pk, form, _("Record an activity"), done, "staff")


@staff_required(*PERSON_ROLES)
def follow_up_create(request: StaffRequest, pk: int) -> HttpResponse:
    form = FollowUpForm(request.POST or None, user=request.user)
    done = _("Follow-up saved.")
    return _add_to_concern(request, pk, form, _("New follow-up"), done, "created_by")


def _add_to_concern(
    request: StaffRequest, pk: int, form, heading: str, done: str, author: str
) -> HttpResponse:
    """Save a form's record on the concern, with the user as its author."""
    concern = get_concern_for(request, pk)
    if request.method == "POST" and form.is_valid():
        actions.add_to_concern(form.save(commit=False), concern, author, request.user)
        messages.success(request, done)
        return redirect("cases:concern_detail", pk=concern.pk)
    context = {"nav": "concerns", "concern": concern, "form": form, "heading": heading}
    return render(request, "cases/simple_form.html", context)


@staff_required(*PERSON_ROLES)
@require_POST
def follow_up_done(request: StaffRequest, pk: int) -> HttpResponse:
    follow_up = get_follow_up_for(request, pk)
    actions.complete_follow_up(follow_up)
    if request.headers.get("HX-Request"):
        return render(
            request, "cases/includes/follow_up.html", {"follow_up": follow_up}
        )
    messages.success(request, _("Follow-up done."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = follow_up.concern.get_absolute_url()
    return redirect(target)


@staff_required(*PERSON_ROLES)
def referral_create(request: StaffRequest, pk: int) -> HttpResponse:
    concern = get_concern_for(request, pk)
    form = ReferralForm(request.POST or None, concern=concern)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        partner = get_partner_for(request, data["partner"].pk)
        try:
            actions.refer_concern(
                concern,
                partner,
                request.user,
                person=data["person"],
                shares_personal_data=data["shares_personal_data"],
                reason=data["reason"],
            )
        except actions.ConsentMissing as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, _("Referral to %(partner)s recorded.") % {"partner": partner}
            )
            return redirect("cases:concern_detail", pk=concern.pk)
    heading = _("Refer to a partner")
    context = {"nav": "concerns", "concern": concern, "form": form, "heading": heading}
    return render(request, "cases/referral_form.html", context)


@staff_required(*PERSON_ROLES)
def referral_result(request: StaffRequest, pk: int) -> HttpResponse:
    referral = get_referral_for(request, pk)
    form = ReferralResultForm(request.POST or None, instance=referral)
    if request.method == "POST" and form.is_valid():
        actions.record_referral_result(
            referral, form.cleaned_data["status"], form.cleaned_data["result"]
        )
        messages.success(request, _("Referral updated."))
        return redirect("cases:concern_detail", pk=referral.concern_id)
    heading = _("Referral to %(partner)s") % {"partner": referral.partner}
    context = {
        "nav": "concerns",
        "concern": referral.concern,
        "form": form,
        "heading": heading,
    }
    return render(request, "cases/simple_form.html", context)


@staff_required(*PERSON_ROLES)
def search(request: StaffRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:200]
    concerns = Concern.objects.visible_to(request.user)
    if CASE_NUMBER.match(query.upper()):
        exact = concerns.filter(number=query.upper()).first()
        if exact:
            return redirect("cases:concern_detail", pk=exact.pk)
    persons = Person.objects.none()
    found_concerns = concerns.none()
    if query:
        persons = (
            Person.objects.visible_to(request.user)
            .matching_name(query)
            .select_related("municipality")[:50]
        )
        found_concerns = (
            # Only a query with a digit can be part of a case number; this
            # spares name searches a scan over every concern.
            concerns.filter(number__icontains=query).for_list()[:50]
            if any(char.isdigit() for char in query)
            else concerns.none()
        )
    context = {
        "search_query": query,
        "persons": persons,
        "concerns": found_concerns,
    }
    return render(request, "cases/search.html", context)


@staff_required(Role.ADMINISTRATOR, Role.COMMISSIONER)
def topic_list(request: StaffRequest) -> HttpResponse:
    assert request.user.office_id is not None
    office_id: int = request.user.office_id
    form = TopicForm(request.POST or None, office_id=office_id)
    if request.method == "POST" and form.is_valid():
        topic = form.save(commit=False)
        topic.office_id = office_id
        topic.save()
        messages.success(request, _("Topic added."))
        return redirect("cases:topic_list")
    topics = Topic.objects.filter(office_id=office_id)
    return render(
        request,
        "cases/topic_list.html",
        {"nav": "settings", "topics": topics, "form": form},
    )


@staff_required(Role.ADMINISTRATOR, Role.COMMISSIONER)
def topic_edit(request: StaffRequest, pk: int) -> HttpResponse:
    topic = get_topic_for(request, pk)
    form = TopicForm(request.POST or None, instance=topic, office_id=topic.office_id)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Topic saved."))
        return redirect("cases:topic_list")
    context = {"nav": "settings", "form": form, "heading": _("Edit topic")}
    return render(request, "cases/simple_form.html", context)
