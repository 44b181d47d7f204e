"""The pool: mediators, their rate schemes and their upkeep."""

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from accounts.http import StaffRequest
from accounts.models import Office, Role, User
from lib.history import record_changes

from . import pool_actions
from .access import (
    PAY_ROLES,
    POOL_ROLES,
    REQUEST_ROLES,
    get_mediator_for,
    get_rate_scheme_for,
    require,
)
from .models import AssignmentStatus, Mediator, Rate, RateScheme
from .pool_forms import (
    AvailabilityFormSetFactory,
    LanguageFormSetFactory,
    MediatorFilterForm,
    MediatorForm,
    RateForm,
    RateSchemeForm,
)
from .upkeep import issues_of, upkeep_list

READ_ROLES = POOL_ROLES | REQUEST_ROLES
PAGE_SIZE = 50


def _office(user: User, roles: set[Role]) -> Office:
    require(user, roles)
    assert user.office is not None
    return user.office


def _keeps_pool(user: User) -> bool:
    return user.office_id is not None and user.has_role(*POOL_ROLES)


@staff_required(*READ_ROLES)
def mediator_list(request: StaffRequest) -> HttpResponse:
    office, today = _office(request.user, READ_ROLES), timezone.localdate()
    keeps_pool = _keeps_pool(request.user)
    filters = MediatorFilterForm(request.GET, office=office, keeps_pool=keeps_pool)
    mediators = filters.apply(Mediator.objects.of_office(office), today)
    mediators = mediators.prefetch_related("languages", "municipalities")
    page = Paginator(mediators, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "nav": "mediators",
        "filters": filters,
        "page_obj": page,
        "rows": [(m, issues_of(m, today) if keeps_pool else []) for m in page],
        "can_edit": keeps_pool,
    }
    return render(request, "mediators/pool/mediator_list.html", context)


@staff_required(*READ_ROLES)
def mediator_detail(request: StaffRequest, pk: int) -> HttpResponse:
    mediator = get_mediator_for(request.user, pk, READ_ROLES)
    today, keeps_pool = timezone.localdate(), _keeps_pool(request.user)
    done = mediator.assignments.filter(status=AssignmentStatus.DONE)
    context = {
        "nav": "mediators",
        "mediator": mediator,
        "languages": mediator.languages.all(),
        "municipalities": mediator.municipalities.all(),
        "availability": [(WEEKDAYS[a.weekday], a) for a in mediator.availability.all()],
        "issues": issues_of(mediator, today) if keeps_pool else [],
        "assignment_count": mediator.assignments.count(),
        "done_this_year": done.filter(starts_at__year=today.year).count(),
        "can_edit": keeps_pool,
        "sees_rates": request.user.has_role(*PAY_ROLES),
        "changes": record_changes(mediator, related=("rate_scheme", "user"), limit=10)
        if keeps_pool
        else [],
    }
    return render(request, "mediators/pool/mediator_detail.html", context)


@staff_required(*POOL_ROLES)
def mediator_create(request: StaffRequest) -> HttpResponse:
    return _mediator_form(request, Mediator())


@staff_required(*POOL_ROLES)
def mediator_edit(request: StaffRequest, pk: int) -> HttpResponse:
    return _mediator_form(request, get_mediator_for(request.user, pk))


def _mediator_form(request: StaffRequest, mediator: Mediator) -> HttpResponse:
    office, data = _office(request.user, POOL_ROLES), request.POST or None
    form = MediatorForm(data, instance=mediator, office=office)
    languages = LanguageFormSetFactory(data, instance=mediator, prefix="languages")
    times = AvailabilityFormSetFactory(data, instance=mediator, prefix="times")
    valid = [form.is_valid(), languages.is_valid(), times.is_valid()]
    if request.method == "POST" and all(valid):
        saved = pool_actions.save_mediator(
            form, [languages, times], timezone.localdate()
        )
        if saved is not None:
            messages.success(request, _("The mediator is saved."))
            return redirect("mediators:mediator_detail", pk=saved.pk)
    context = {
        "nav": "mediators",
        "form": form,
        "languages": languages,
        "times": times,
        "mediator": mediator if mediator.pk else None,
        "has_schemes": RateScheme.objects.filter(office=office).exists(),
    }
    return render(request, "mediators/pool/mediator_form.html", context)


@staff_required(*POOL_ROLES)
@require_POST
def mediator_confirm(request: StaffRequest, pk: int) -> HttpResponse:
    mediator = get_mediator_for(request.user, pk)
    pool_actions.confirm_mediator(mediator, timezone.localdate())
    messages.success(
        request,
        _("The data of %(name)s are confirmed as of today.") % {"name": mediator},
    )
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("mediators:mediator_detail", pk=mediator.pk)


@staff_required(*POOL_ROLES)
def upkeep(request: StaffRequest) -> HttpResponse:
    office = _office(request.user, POOL_ROLES)
    context = {"nav": "mediators", "rows": upkeep_list(office, timezone.localdate())}
    return render(request, "mediators/pool/upkeep.html", context)


@staff_required(*PAY_ROLES)
def rate_list(request: StaffRequest) -> HttpResponse:
    office, today = _office(request.user, PAY_ROLES), timezone.localdate()
    newest_first = Prefetch("rates", queryset=Rate.objects.order_by("-valid_from"))
    schemes = RateScheme.objects.filter(office=office).prefetch_related(newest_first)
    context = {
        "nav": "mediators",
        "rows": [(scheme, current_rate(scheme, today)) for scheme in schemes],
    }
    return render(request, "mediators/pool/rate_list.html", context)


def current_rate(scheme: RateScheme, today: datetime.date) -> Rate | None:
    """From the prefetched rates (newest first), the one valid today."""
    return next((r for r in scheme.rates.all() if r.valid_from <= today), None)


@staff_required(*PAY_ROLES)
def rate_detail(request: StaffRequest, pk: int) -> HttpResponse:
    scheme = get_rate_scheme_for(request.user, pk)
    rates = list(scheme.rates.order_by("-valid_from"))
    # A rate runs until the day before the next one starts.
    ends = [None, *(r.valid_from - datetime.timedelta(days=1) for r in rates[:-1])]
    today = timezone.localdate()
    context = {
        "nav": "mediators",
        "scheme": scheme,
        "periods": list(zip(rates, ends, strict=True)),
        "current": current_rate(scheme, today),
        "today": today,
        "mediators": scheme.mediators.order_by("last_name", "first_name"),
    }
    return render(request, "mediators/pool/rate_detail.html", context)


@staff_required(*PAY_ROLES)
def rate_create(request: StaffRequest) -> HttpResponse:
    office, data = _office(request.user, PAY_ROLES), request.POST or None
    form = RateSchemeForm(data, office=office)
    rate_form = RateForm(data, scheme=None, prefix="rate")
    if request.method == "POST" and all([form.is_valid(), rate_form.is_valid()]):
        scheme = pool_actions.create_scheme(form, rate_form)
        if scheme is not None:
            messages.success(request, _("The rate scheme is saved."))
            return redirect("mediators:rate_detail", pk=scheme.pk)
    context = {"nav": "mediators", "form": form, "rate_form": rate_form}
    return render(request, "mediators/pool/rate_form.html", context)


@staff_required(*PAY_ROLES)
def rate_edit(request: StaffRequest, pk: int) -> HttpResponse:
    scheme = get_rate_scheme_for(request.user, pk)
    office = _office(request.user, PAY_ROLES)
    form = RateSchemeForm(request.POST or None, instance=scheme, office=office)
    if request.method == "POST" and form.is_valid():
        if pool_actions.save_scheme(form) is not None:
            messages.success(request, _("The rate scheme is saved."))
            return redirect("mediators:rate_detail", pk=scheme.pk)
    context = {"nav": "mediators", "form": form, "scheme": scheme}
    return render(request, "mediators/pool/rate_form.html", context)


@staff_required(*PAY_ROLES)
def rate_add(request: StaffRequest, pk: int) -> HttpResponse:
    scheme = get_rate_scheme_for(request.user, pk)
    latest = scheme.rates.order_by("-valid_from").first()
    form = RateForm(request.POST or None, scheme=scheme, initial=figures_of(latest))
    if request.method == "POST" and form.is_valid():
        if pool_actions.add_rate(form) is not None:
            messages.success(request, _("The new rate is saved."))
            return redirect("mediators:rate_detail", pk=scheme.pk)
    context = {"nav": "mediators", "form": form, "scheme": scheme}
    return render(request, "mediators/pool/rate_add.html", context)


def figures_of(rate: Rate | None) -> dict:
    """The latest figures as a start: a change is often one number."""
    if rate is None:
        return {}
    names = [f for f in RateForm.Meta.fields if f != "valid_from"]
    return {name: getattr(rate, name) for name in names}
