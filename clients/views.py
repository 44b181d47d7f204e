from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from accounts.http import StaffRequest
from accounts.models import PERSON_ROLES
from dedupe.merge import merged_into_id
from lib.history import record_changes

from .access import get_consent_for, get_person_for
from .actions import create_household, save_person
from .forms import (
    HouseholdForm,
    NewConsentForm,
    NewPersonForm,
    PersonFilterForm,
    PersonForm,
)
from .models import Person

PAGE_SIZE = 25
ACCESS_LOG_SIZE = 50


@staff_required(*PERSON_ROLES)
def person_list(request: StaffRequest) -> HttpResponse:
    user = request.user
    form = PersonFilterForm(request.GET or None, office=user.office)
    persons = Person.objects.visible_to(user).select_related("municipality")
    if form.is_valid():
        data = form.cleaned_data
        persons = persons.search(data["q"])
        if data["residence_status"]:
            persons = persons.filter(residence_status=data["residence_status"])
        if data["municipality"]:
            persons = persons.filter(municipality=data["municipality"])
    page = Paginator(persons, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "nav": "persons"}
    return render(request, "clients/person_list.html", context)


@staff_required(*PERSON_ROLES)
def person_create(request: StaffRequest) -> HttpResponse:
    user = request.user
    assert user.office is not None  # every person role belongs to an office
    form = NewPersonForm(
        request.POST or None,
        office=user.office,
        user=user,
        initial={"household": request.GET.get("household")},
    )
    if request.method == "POST" and form.is_valid():
        person = save_person(form, user.office, user)
        messages.success(request, _("The record of %s was created.") % person)
        return redirect("clients:person_detail", pk=person.pk)
    return render(request, "clients/person_form.html", {"form": form, "nav": "persons"})


@staff_required(*PERSON_ROLES)
def person_detail(request: StaffRequest, pk: int) -> HttpResponse:
    user = request.user
    kept = merged_into_id(pk, user.office_id) if user.office_id else None
    if kept is not None:
        messages.info(request, _("This record was merged into the one shown here."))
        return redirect("clients:person_detail", pk=kept)
    person = get_person_for(request, pk)
    context = {
        "person": person,
        "nav": "persons",
        "nationalities": person.nationalities.order_by("pk"),
        "languages": person.languages.order_by("pk"),
        "housemates": Person.objects.visible_to(user)
        .filter(household_id=person.household_id)
        .exclude(pk=person.pk)
        if person.household_id
        else [],
        "concerns": person.concerns.visible_to(user).for_list(),
        "consents": person.consents.select_related("partner", "recorded_by"),
    }
    if user.sees_whole_office:
        context["accesses"] = person.accesses.select_related("user")[:ACCESS_LOG_SIZE]
        context["changes"] = record_changes(
            person,
            related=("municipality", "household"),
            hidden=frozenset({"name_key"}),
        )
    return render(request, "clients/person_detail.html", context)


@staff_required(*PERSON_ROLES)
def person_edit(request: StaffRequest, pk: int) -> HttpResponse:
    person = get_person_for(request, pk)
    form = PersonForm(request.POST or None, instance=person, office=person.office)
    if request.method == "POST" and form.is_valid():
        save_person(form, person.office, request.user)
        messages.success(request, _("The changes were saved."))
        return redirect("clients:person_detail", pk=person.pk)
    context = {"form": form, "person": person, "nav": "persons"}
    return render(request, "clients/person_form.html", context)


@staff_required(*PERSON_ROLES)
def consent_create(request: StaffRequest, pk: int) -> HttpResponse:
    person = get_person_for(request, pk)
    form = NewConsentForm(request.POST or None, office=person.office)
    if request.method == "POST" and form.is_valid():
        consent = form.save(commit=False)
        consent.person = person
        consent.recorded_by = request.user
        consent.save()
        messages.success(request, _("The consent was recorded."))
        return redirect("clients:person_detail", pk=person.pk)
    context = {"form": form, "person": person, "nav": "persons"}
    return render(request, "clients/consent_form.html", context)


@staff_required(*PERSON_ROLES)
@require_POST
def consent_withdraw(request: StaffRequest, pk: int) -> HttpResponse:
    consent = get_consent_for(request, pk)
    consent.withdraw()
    messages.success(request, _("The consent was withdrawn."))
    return redirect("clients:person_detail", pk=consent.person_id)


@staff_required(*PERSON_ROLES)
def household_create(request: StaffRequest) -> HttpResponse:
    user = request.user
    assert user.office is not None
    head = _person_from_query(request)
    form = HouseholdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        household = create_household(form, user.office, head)
        messages.success(request, _("The household %s was created.") % household)
        if head is not None:
            return redirect("clients:person_detail", pk=head.pk)
        return redirect(f"{reverse('clients:person_create')}?household={household.pk}")
    context = {"form": form, "head": head, "nav": "persons"}
    return render(request, "clients/household_form.html", context)


def _person_from_query(request: StaffRequest) -> Person | None:
    raw = request.GET.get("person")
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) < 19):
        raise Http404
    return get_person_for(request, int(raw))
