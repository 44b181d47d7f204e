"""The catalogue of minimum standards and the inspections against it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.contrib import messages
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from accounts.http import StaffRequest
from accounts.models import Office, User

from . import actions
from .access import (
    INSPECT_ROLES,
    MANAGE_ROLES,
    VIEW_ROLES,
    get_accommodation_for,
    get_catalogue_for,
    get_deficiency_for,
    get_inspection_for,
)
from .inspection_forms import (
    DeficiencyForm,
    FindingsForm,
    InspectionForm,
    PhotoForm,
    SettleForm,
    StandardForm,
    VersionNoteForm,
    target_text,
)
from .light import RULE, applicable_standards, light_of, overdue_at
from .models import Catalogue, DeficiencyStatus, Inspection, Standard
from .standards_seed import ensure_catalogue

T = TypeVar("T")


def _tell(
    request: StaffRequest, work: Callable[[], T], done: Callable[[T], str]
) -> None:
    """Run a write; the user is told why it was refused, or that it is done."""
    try:
        result = work()
    except actions.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done(result))


def _office(user: User) -> Office:
    assert user.office is not None  # the access helpers checked it
    return user.office


# --- the catalogue --------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    standard: Standard
    criterion: str


def _rows(catalogue: Catalogue) -> list[Row]:
    return [Row(s, target_text(s)) for s in catalogue.standards.all()]


@staff_required(*MANAGE_ROLES)
def catalogue(request: StaffRequest) -> HttpResponse:
    return _catalogue_page(request, ensure_catalogue(_office(request.user)))


@staff_required(*MANAGE_ROLES)
def catalogue_version(request: StaffRequest, pk: int) -> HttpResponse:
    return _catalogue_page(request, get_catalogue_for(request.user, pk))


def _catalogue_page(request: StaffRequest, shown: Catalogue) -> HttpResponse:
    current = ensure_catalogue(_office(request.user))
    context = {
        "nav": "housing",
        "catalogue": shown,
        "is_current": shown.pk == current.pk,
        "current": current,
        "rows": _rows(shown),
        "inspection_count": shown.inspections.count(),
    }
    return render(request, "housing/inspections/catalogue.html", context)


@dataclass(frozen=True)
class Change:
    catalogue: Catalogue
    added: list[str]
    removed: list[str]
    changed: list[str]


def changes(catalogues: list[Catalogue]) -> list[Change]:
    """Each version with what changed against the one before, newest first.
    Standards are matched by their title: a renamed one is removed and added."""
    oldest_first = sorted(catalogues, key=lambda c: c.version)
    before: dict[str, tuple] = {}
    found = []
    for catalogue in oldest_first:
        now = {s.title: _facts(s) for s in catalogue.standards.all()}
        found.append(
            Change(
                catalogue,
                added=[t for t in now if t not in before] if before else [],
                removed=[t for t in before if t not in now],
                changed=[t for t in now if t in before and now[t] != before[t]],
            )
        )
        before = now
    return found[::-1]


def _facts(standard: Standard) -> tuple:
    return (
        standard.area,
        standard.measure,
        standard.target,
        standard.unit,
        standard.critical,
        standard.applies_to,
    )


@staff_required(*MANAGE_ROLES)
def catalogue_history(request: StaffRequest) -> HttpResponse:
    ensure_catalogue(_office(request.user))
    catalogues = list(
        Catalogue.objects.filter(office=_office(request.user)).prefetch_related(
            "standards"
        )
    )
    context = {"nav": "housing", "versions": changes(catalogues)}
    return render(request, "housing/inspections/catalogue_history.html", context)


def _current_for(request: StaffRequest, pk: int) -> Catalogue:
    """Only the current version is changed; older ones are history."""
    found = get_catalogue_for(request.user, pk)
    if found.pk != ensure_catalogue(_office(request.user)).pk:
        raise Http404
    return found


def _standard_of(catalogue: Catalogue, pk: int) -> Standard:
    found = catalogue.standards.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@staff_required(*MANAGE_ROLES)
def standard_create(request: StaffRequest, pk: int) -> HttpResponse:
    found = _current_for(request, pk)
    return _standard_form(request, found, Standard(catalogue=found))


@staff_required(*MANAGE_ROLES)
def standard_edit(request: StaffRequest, pk: int, standard: int) -> HttpResponse:
    found = _current_for(request, pk)
    return _standard_form(request, found, _standard_of(found, standard))


def _standard_form(
    request: StaffRequest, catalogue: Catalogue, standard: Standard
) -> HttpResponse:
    form = StandardForm(request.POST or None, instance=standard)
    if request.method == "POST" and form.is_valid():
        version = actions.save_standard(form, catalogue)
        if version is not None:
            messages.success(request, _saved_message(catalogue, version))
            return redirect("housing:catalogue")
    context = {
        "nav": "housing",
        "form": form,
        "catalogue": catalogue,
        "standard": standard if standard.pk else None,
        "frozen": catalogue.frozen,
    }
    return render(request, "housing/inspections/standard_form.html", context)


def _saved_message(before: Catalogue, version: Catalogue) -> str:
    if version.pk == before.pk:
        return _("The catalogue is saved.")
    return _(
        "The catalogue is saved as version %(version)d. Earlier inspections "
        "keep version %(old)d."
    ) % {"version": version.version, "old": before.version}


@staff_required(*MANAGE_ROLES)
def standard_remove(request: StaffRequest, pk: int, standard: int) -> HttpResponse:
    found = _current_for(request, pk)
    removed = _standard_of(found, standard)
    form = VersionNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _tell(
            request,
            lambda: actions.remove_standard(found, removed, form.cleaned_data["note"]),
            lambda version: _saved_message(found, version),
        )
        return redirect("housing:catalogue")
    context = {
        "nav": "housing",
        "form": form,
        "catalogue": found,
        "standard": removed,
        "frozen": found.frozen,
    }
    return render(request, "housing/inspections/standard_remove.html", context)


# --- inspections --------------------------------------------------------------


@staff_required(*INSPECT_ROLES)
def inspection_create(request: StaffRequest, pk: int) -> HttpResponse:
    accommodation = get_accommodation_for(request.user, pk, INSPECT_ROLES)
    initial: dict[str, object] = {"inspectors": [request.user.pk]}
    if request.GET.get("follows_up", "").isdigit():
        initial["follows_up"] = int(request.GET["follows_up"])
    form = InspectionForm(
        request.POST or None, accommodation=accommodation, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        current = ensure_catalogue(_office(request.user))
        inspection = actions.create_inspection(form, current, request.user)
        if inspection is not None:
            messages.success(
                request, _("The inspection is recorded. Now enter the findings.")
            )
            return redirect("housing:inspection_findings", pk=inspection.pk)
    context = {"nav": "housing", "form": form, "accommodation": accommodation}
    return render(request, "housing/inspections/inspection_form.html", context)


def _open_for(request: StaffRequest, pk: int) -> Inspection | None:
    """The inspection to change; None (with a message) once it is completed."""
    inspection = get_inspection_for(request.user, pk, INSPECT_ROLES)
    if inspection.completed:
        messages.error(request, str(actions.INSPECTION_COMPLETED))
        return None
    return inspection


@staff_required(*INSPECT_ROLES)
def inspection_edit(request: StaffRequest, pk: int) -> HttpResponse:
    inspection = _open_for(request, pk)
    if inspection is None:
        return redirect("housing:inspection_detail", pk=pk)
    form = InspectionForm(
        request.POST or None,
        instance=inspection,
        accommodation=inspection.accommodation,
    )
    if request.method == "POST" and form.is_valid():
        _tell(
            request,
            lambda: actions.save_inspection(form),
            lambda _saved: _("The inspection is saved."),
        )
        return redirect("housing:inspection_detail", pk=pk)
    context = {
        "nav": "housing",
        "form": form,
        "accommodation": inspection.accommodation,
        "inspection": inspection,
    }
    return render(request, "housing/inspections/inspection_form.html", context)


@staff_required(*VIEW_ROLES)
def inspection_detail(request: StaffRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for(request.user, pk)
    findings = {f.standard_id: f for f in inspection.findings.all()}
    standards = applicable_standards(
        inspection.catalogue, inspection.accommodation.kind
    )
    can_edit = request.user.has_role(*INSPECT_ROLES) and not inspection.completed
    earlier = inspection.follows_up
    context = {
        "nav": "housing",
        "inspection": inspection,
        "accommodation": inspection.accommodation,
        "inspectors": inspection.inspectors.order_by("last_name", "first_name"),
        "results": [
            (s, target_text(s), findings.get(s.pk), _met(s, findings.get(s.pk)))
            for s in standards
        ],
        "photos": inspection.photos.all(),
        "deficiencies": inspection.deficiencies.select_related(
            "standard", "responsible", "settled_by"
        ),
        "follow_up": _follow_up(inspection, earlier) if earlier else [],
        "overdue": overdue_at(inspection),
        "preview": None if inspection.completed else light_of(inspection),
        "rule": RULE,
        "can_edit": can_edit,
        "can_follow_up": request.user.has_role(*INSPECT_ROLES)
        and inspection.completed
        and inspection.deficiencies.filter(status=DeficiencyStatus.OPEN).exists(),
    }
    return render(request, "housing/inspections/inspection_detail.html", context)


def _met(standard: Standard, finding) -> bool | None:
    return standard.met_by(finding.value, finding.yes) if finding else None


def _follow_up(inspection: Inspection, earlier: Inspection) -> list:
    """The deficiencies of the earlier inspection still to decide, and those
    decided at this one."""
    return list(
        earlier.deficiencies.filter(
            Q(status=DeficiencyStatus.OPEN) | Q(settled_by=inspection)
        ).select_related("standard", "responsible")
    )


@staff_required(*INSPECT_ROLES)
def inspection_findings(request: StaffRequest, pk: int) -> HttpResponse:
    inspection = _open_for(request, pk)
    if inspection is None:
        return redirect("housing:inspection_detail", pk=pk)
    form = FindingsForm(request.POST or None, inspection=inspection)
    if request.method == "POST" and form.is_valid():
        _tell(
            request,
            lambda: actions.save_findings(inspection, form.entries()),
            lambda _saved: _("The findings are saved."),
        )
        return redirect("housing:inspection_detail", pk=pk)
    context = {"nav": "housing", "form": form, "inspection": inspection}
    return render(request, "housing/inspections/findings_form.html", context)


@staff_required(*INSPECT_ROLES)
def photo_add(request: StaffRequest, pk: int) -> HttpResponse:
    inspection = _open_for(request, pk)
    if inspection is None:
        return redirect("housing:inspection_detail", pk=pk)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _tell(
            request,
            lambda: actions.add_photos(inspection, data["photos"], data["caption"]),
            lambda count: (
                ngettext(
                    "%(count)d photo is added.", "%(count)d photos are added.", count
                )
                % {"count": count}
            ),
        )
        return redirect("housing:inspection_detail", pk=pk)
    context = {"nav": "housing", "form": form, "inspection": inspection}
    return render(request, "housing/inspections/photo_form.html", context)


@staff_required(*VIEW_ROLES)
def photo(request: StaffRequest, pk: int, photo: int) -> FileResponse:
    inspection = get_inspection_for(request.user, pk)
    found = inspection.photos.filter(pk=photo).first()
    if found is None:
        raise Http404
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=request.GET.get("download") == "1",
        filename=found.name,
        content_type=found.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required(*INSPECT_ROLES)
@require_POST
def photo_remove(request: StaffRequest, pk: int, photo: int) -> HttpResponse:
    inspection = get_inspection_for(request.user, pk, INSPECT_ROLES)
    found = inspection.photos.filter(pk=photo).first()
    if found is None:
        raise Http404
    _tell(
        request,
        lambda: actions.remove_photo(found),
        lambda _removed: _("The photo is removed."),
    )
    return redirect("housing:inspection_detail", pk=pk)


@staff_required(*INSPECT_ROLES)
def deficiency_create(request: StaffRequest, pk: int) -> HttpResponse:
    inspection = _open_for(request, pk)
    if inspection is None:
        return redirect("housing:inspection_detail", pk=pk)
    form = DeficiencyForm(request.POST or None, inspection=inspection)
    if request.method == "POST" and form.is_valid():
        _tell(
            request,
            lambda: actions.add_deficiency(form),
            lambda _added: _("The deficiency is recorded."),
        )
        return redirect("housing:inspection_detail", pk=pk)
    context = {"nav": "housing", "form": form, "inspection": inspection}
    return render(request, "housing/inspections/deficiency_form.html", context)


@staff_required(*INSPECT_ROLES)
@require_POST
def deficiency_remove(request: StaffRequest, pk: int, deficiency: int) -> HttpResponse:
    found = get_deficiency_for(request.user, deficiency)
    if found.inspection_id != pk:
        raise Http404
    _tell(
        request,
        lambda: actions.remove_deficiency(found),
        lambda _removed: _("The deficiency is removed."),
    )
    return redirect("housing:inspection_detail", pk=pk)


@staff_required(*INSPECT_ROLES)
def deficiency_settle(request: StaffRequest, pk: int, deficiency: int) -> HttpResponse:
    inspection = _open_for(request, pk)
    if inspection is None:
        return redirect("housing:inspection_detail", pk=pk)
    found = get_deficiency_for(request.user, deficiency)
    if found.inspection_id != inspection.follows_up_id:
        raise Http404
    decided = found.settled_by_id == inspection.pk
    initial = {"status": found.status, "note": found.settled_note} if decided else {}
    form = SettleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _tell(
            request,
            lambda: actions.settle_deficiency(
                inspection, found, data["status"], data["note"].strip()
            ),
            lambda _settled: _("The deficiency is settled."),
        )
        return redirect("housing:inspection_detail", pk=pk)
    context = {
        "nav": "housing",
        "form": form,
        "inspection": inspection,
        "deficiency": found,
    }
    return render(request, "housing/inspections/deficiency_settle.html", context)


@staff_required(*INSPECT_ROLES)
@require_POST
def inspection_complete(request: StaffRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for(request.user, pk, INSPECT_ROLES)
    _tell(
        request,
        lambda: actions.complete_inspection(inspection),
        lambda verdict: (
            _("The inspection is completed. Traffic light: %(light)s.")
            % {"light": verdict.light.label}
        ),
    )
    return redirect("housing:inspection_detail", pk=pk)
