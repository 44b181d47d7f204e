from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.decorators import staff_required
from accounts.http import StaffRequest

from .access import (
    READ_ROLES,
    WRITE_ROLES,
    directory_office,
    edits_directory,
    get_contact_for,
    get_partner_for,
)
from .actions import save_partner
from .forms import ContactForm, PartnerFilterForm, PartnerForm
from .models import Partner, PartnerContact

PAGE_SIZE = 50


@staff_required(*READ_ROLES)
def partner_list(request: StaffRequest) -> HttpResponse:
    office = directory_office(request)
    filters = PartnerFilterForm(request.GET, office=office)
    partners = filters.apply(Partner.objects.of_office(office))
    paginator = Paginator(partners.prefetch_related("municipalities"), PAGE_SIZE)
    context = {
        "nav": "partners",
        "filters": filters,
        "page_obj": paginator.get_page(request.GET.get("page")),
        "can_edit": edits_directory(request.user),
    }
    return render(request, "directory/partner_list.html", context)


@staff_required(*READ_ROLES)
def partner_detail(request: StaffRequest, pk: int) -> HttpResponse:
    partner = get_partner_for(request, pk)
    context = {
        "nav": "partners",
        "partner": partner,
        "municipalities": partner.municipalities.all(),
        "contacts": partner.contacts.all(),
        "referral_count": partner.referrals.count(),
        "can_edit": edits_directory(request.user),
    }
    return render(request, "directory/partner_detail.html", context)


@staff_required(*WRITE_ROLES)
def partner_create(request: StaffRequest) -> HttpResponse:
    form = PartnerForm(request.POST or None, office=directory_office(request))
    if request.method == "POST" and form.is_valid():
        partner = save_partner(form)
        if partner is not None:
            messages.success(request, _("The partner is saved."))
            return redirect("directory:partner_detail", pk=partner.pk)
    context = {"nav": "partners", "form": form, "partner": None}
    return render(request, "directory/partner_form.html", context)


@staff_required(*WRITE_ROLES)
def partner_edit(request: StaffRequest, pk: int) -> HttpResponse:
    partner = get_partner_for(request, pk)
    office = directory_office(request)
    form = PartnerForm(request.POST or None, instance=partner, office=office)
    if request.method == "POST" and form.is_valid():
        if save_partner(form) is not None:
            messages.success(request, _("The partner is saved."))
            return redirect("directory:partner_detail", pk=partner.pk)
    context = {"nav": "partners", "form": form, "partner": partner}
    return render(request, "directory/partner_form.html", context)


@staff_required(*WRITE_ROLES)
def contact_create(request: StaffRequest, pk: int) -> HttpResponse:
    partner = get_partner_for(request, pk)
    contact = PartnerContact(partner=partner)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The contact person is saved."))
        return redirect("directory:partner_detail", pk=partner.pk)
    context = {"nav": "partners", "form": form, "partner": partner, "contact": None}
    return render(request, "directory/contact_form.html", context)


@staff_required(*WRITE_ROLES)
def contact_edit(request: StaffRequest, pk: int) -> HttpResponse:
    contact = get_contact_for(request, pk)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The contact person is saved."))
        return redirect("directory:partner_detail", pk=contact.partner_id)
    context = {
        "nav": "partners",
        "form": form,
        "partner": contact.partner,
        "contact": contact,
    }
    return render(request, "directory/contact_form.html", context)


@staff_required(*WRITE_ROLES)
def contact_delete(request: StaffRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; only POST deletes."""
    contact = get_contact_for(request, pk)
    if request.method == "POST":
        contact.delete()
        messages.success(request, _("The contact person is deleted."))
        return redirect("directory:partner_detail", pk=contact.partner_id)
    context = {"nav": "partners", "partner": contact.partner, "contact": contact}
    return render(request, "directory/contact_confirm_delete.html", context)
