"""Staff management: the office's administrators and commissioner keep its team."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import actions
from .access import get_staff_member_for, staff_of_office
from .decorators import staff_required
from .forms import StaffCreateForm, StaffEditForm
from .http import StaffRequest
from .models import Role


@staff_required(Role.ADMINISTRATOR, Role.COMMISSIONER)
def staff_list(request: StaffRequest) -> HttpResponse:
    members = staff_of_office(request).prefetch_related("role_grants")
    context = {"nav": "staff", "members": members}
    return render(request, "accounts/staff_list.html", context)


@staff_required(Role.ADMINISTRATOR, Role.COMMISSIONER)
def staff_create(request: StaffRequest) -> HttpResponse:
    office = request.user.office
    if office is None:
        raise PermissionDenied
    form = StaffCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = actions.create_staff(form, office)
        messages.success(
            request,
            _("%(name)s can log in now and pairs an authenticator app first.")
            % {"name": member},
        )
        return redirect("accounts:staff_list")
    context = {"nav": "staff", "form": form, "heading": _("New staff member")}
    return render(request, "accounts/staff_form.html", context)


@staff_required(Role.ADMINISTRATOR, Role.COMMISSIONER)
def staff_edit(request: StaffRequest, pk: int) -> HttpResponse:
    member = get_staff_member_for(request, pk)
    # Before validation, which writes the typed (maybe invalid) names into member.
    heading = str(member)
    form = StaffEditForm(request.POST or None, instance=member, editor=request.user)
    if request.method == "POST" and form.is_valid():
        actions.update_staff(form)
        messages.success(request, _("Staff member saved."))
        return redirect("accounts:staff_list")
    context = {"nav": "staff", "form": form, "member": member, "heading": heading}
    return render(request, "accounts/staff_form.html", context)


@staff_required(Role.ADMINISTRATOR, Role.COMMISSIONER)
@require_POST
def staff_reset_second_factor(request: StaffRequest, pk: int) -> HttpResponse:
    member = get_staff_member_for(request, pk)
    actions.reset_second_factor(member)
    messages.success(
        request,
        _("%(name)s pairs a new authenticator app at the next login.")
        % {"name": member},
    )
    return redirect("accounts:staff_edit", pk=member.pk)
