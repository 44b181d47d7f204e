"""Writes of the housing app: each in one transaction, all of it or nothing."""

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from lib.uploads import CleanFile
from portal.models import attachment_storage

from .inspection_forms import DeficiencyForm, InspectionForm, StandardForm
from .light import Verdict, judge, overdue_at, results_of
from .models import (
    Accommodation,
    Catalogue,
    Deficiency,
    DeficiencyStatus,
    Finding,
    Inspection,
    Occupancy,
    Photo,
    Staffing,
    Standard,
)
from .register_forms import AccommodationForm

# --- The register: accommodations, counts and staffing ---------------------------


def save_accommodation(form: AccommodationForm) -> Accommodation | None:
    """A parallel save of the same name is reported on the form, not a 500."""
    creating = form.instance.pk is None
    try:
        with transaction.atomic():
            return form.save()
    except IntegrityError:
        if creating:
            form.instance.pk = None  # rolled back: the page is still "new"
        form.add_error(
            None,
            _(
                "Someone else saved an accommodation of this name at the same "
                "time. Check the entries and save again."
            ),
        )
        return None


def record_occupancy(
    accommodation: Accommodation, on: datetime.date, residents: int, by: User
) -> int | None:
    """The residents of the replaced count of the same day, if any."""
    return _record_daily(Occupancy, "residents", accommodation, on, residents, by)


def record_staffing(
    accommodation: Accommodation, on: datetime.date, fte: Decimal, by: User
) -> Decimal | None:
    """The FTE of the replaced entry of the same day, if any."""
    return _record_daily(Staffing, "fte", accommodation, on, fte, by)


def _record_daily(
    model: type[Occupancy] | type[Staffing],
    field: str,
    accommodation: Accommodation,
    on: datetime.date,
    value: Any,
    by: User,
) -> Any:
    """One entry a day: a second entry of the same day corrects the first;
    the value it replaced, if there was one."""
    with transaction.atomic():
        before = (
            model.objects.select_for_update()
            .filter(accommodation=accommodation, on=on)
            .values_list(field, flat=True)
            .first()
        )
        model.objects.update_or_create(
            accommodation=accommodation,
            on=on,
            defaults={field: value, "recorded_by": by},
        )
    return before


# --- Minimum standards and inspections ---------------------------------------------


class Refused(Exception):
    """A write the state of the data does not allow; the message says why."""


CATALOGUE_CHANGED = gettext_lazy(
    "Someone else changed the catalogue at the same time. Check it and make "
    "your change again."
)
INSPECTION_COMPLETED = gettext_lazy(
    "The inspection is completed and can no longer be changed."
)


def _editable_version(
    catalogue: Catalogue, note: str
) -> tuple[Catalogue, dict[int, Standard]]:
    """The version to change: the catalogue itself while no inspection uses
    it, else a copy as the next version, so that old inspections keep the
    standards they were made against. Also the copies by original id."""
    locked = Catalogue.objects.select_for_update().get(pk=catalogue.pk)
    newer = Catalogue.objects.filter(office_id=locked.office_id)
    if newer.filter(version__gt=locked.version).exists():
        raise Refused(CATALOGUE_CHANGED)
    if not locked.frozen:
        if note:
            locked.note = f"{locked.note}; {note}"[:300] if locked.note else note
            locked.save(update_fields=["note"])
        return locked, {}
    copy = Catalogue.objects.create(
        office_id=locked.office_id, version=locked.version + 1, note=note
    )
    copies = {}
    for standard in locked.standards.all():
        original = standard.pk
        standard.pk = None
        standard.catalogue = copy
        standard.save()
        copies[original] = standard
    return copy, copies


def save_standard(form: StandardForm, catalogue: Catalogue) -> Catalogue | None:
    """Add or change a standard of the current version (see _editable_version).
    The version that holds the change; None with an error on the form."""
    data = form.cleaned_data
    try:
        with transaction.atomic():
            version, copies = _editable_version(catalogue, data["note"])
            standard = copies.get(form.instance.pk, form.instance)
            for name in StandardForm.Meta.fields:
                setattr(standard, name, data[name])
            standard.catalogue = version
            standard.save()
    except (Refused, IntegrityError):
        form.add_error(None, CATALOGUE_CHANGED)
        return None
    return version


def remove_standard(catalogue: Catalogue, standard: Standard, note: str) -> Catalogue:
    """Remove a standard from the current version; Refused if it changed."""
    try:
        with transaction.atomic():
            version, copies = _editable_version(catalogue, note)
            copies.get(standard.pk, standard).delete()
    except IntegrityError:
        raise Refused(CATALOGUE_CHANGED) from None
    return version


def create_inspection(
    form: InspectionForm, catalogue: Catalogue, user: User
) -> Inspection | None:
    """A new inspection against the catalogue version, which it freezes."""
    try:
        with transaction.atomic():
            # Locked: nobody changes this version while it becomes used.
            Catalogue.objects.select_for_update().get(pk=catalogue.pk)
            inspection = form.save(commit=False)
            inspection.accommodation = form.accommodation
            inspection.catalogue = catalogue
            inspection.created_by = user
            inspection.save()
            form.save_m2m()
    except IntegrityError:
        form.instance.pk = None
        form.add_error(None, CATALOGUE_CHANGED)
        return None
    return inspection


def _open_inspection(inspection: Inspection) -> Inspection:
    """The inspection locked for a change; Refused once it is completed."""
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if locked.completed:
        raise Refused(INSPECTION_COMPLETED)
    return locked


def save_inspection(form: InspectionForm) -> Inspection:
    with transaction.atomic():
        _open_inspection(form.instance)
        return form.save()


def save_findings(
    inspection: Inspection,
    entries: Iterable[tuple[Standard, Decimal | None, bool | None, str]],
) -> None:
    """Store the result of each standard; one without value and note is
    not assessed and has no finding."""
    with transaction.atomic():
        _open_inspection(inspection)
        for standard, value, yes, note in entries:
            if value is None and yes is None and not note:
                inspection.findings.filter(standard=standard).delete()
                continue
            Finding.objects.update_or_create(
                inspection=inspection,
                standard=standard,
                defaults={"value": value, "yes": yes, "note": note},
            )


def add_photos(inspection: Inspection, files: Sequence[CleanFile], caption: str) -> int:
    # Files first, removed again if the rows cannot be stored (as the portal).
    now = timezone.now()
    written = [
        (
            clean,
            attachment_storage.save(
                f"inspections/{now:%Y/%m}/{clean.name}", ContentFile(clean.content)
            ),
        )
        for clean in files
    ]
    try:
        with transaction.atomic():
            _open_inspection(inspection)
            Photo.objects.bulk_create(
                Photo(
                    inspection=inspection,
                    file=name,
                    name=clean.name,
                    content_type=clean.content_type,
                    size=len(clean.content),
                    caption=caption,
                )
                for clean, name in written
            )
    except BaseException:
        for _clean, name in written:
            attachment_storage.delete(name)
        raise
    return len(written)


def remove_photo(photo: Photo) -> None:
    with transaction.atomic():
        _open_inspection(photo.inspection)
        name = photo.file.name
        photo.delete()
        transaction.on_commit(lambda: attachment_storage.delete(name))


def add_deficiency(form: DeficiencyForm) -> Deficiency:
    with transaction.atomic():
        _open_inspection(form.inspection)
        return form.save()


def remove_deficiency(deficiency: Deficiency) -> None:
    with transaction.atomic():
        _open_inspection(deficiency.inspection)
        deficiency.delete()


def settle_deficiency(
    inspection: Inspection, deficiency: Deficiency, status: str, note: str
) -> None:
    """At a re-inspection: an open deficiency of the earlier inspection is
    remedied (closed) or escalated. Until completion it may be decided anew."""
    with transaction.atomic():
        _open_inspection(inspection)
        locked = Deficiency.objects.select_for_update().get(pk=deficiency.pk)
        undecided = locked.status == DeficiencyStatus.OPEN
        if locked.inspection_id != inspection.follows_up_id or not (
            undecided or locked.settled_by_id == inspection.pk
        ):
            raise Refused(
                gettext_lazy(
                    "This deficiency was already settled at another inspection."
                )
            )
        locked.status = status
        locked.settled_by = inspection
        locked.settled_note = note
        locked.save(update_fields=["status", "settled_by", "settled_note"])


def complete_inspection(inspection: Inspection) -> Verdict:
    """Compute the light from the findings and store it with its reason;
    from then on the inspection is read-only."""
    with transaction.atomic():
        locked = _open_inspection(inspection)
        results = results_of(locked)
        if all(met is None for _standard, met in results):
            raise Refused(
                gettext_lazy(
                    "No standard is assessed yet. Enter the findings before "
                    "you complete the inspection."
                )
            )
        verdict = judge(results, overdue_at(locked))
        locked.light, locked.light_reason = verdict
        locked.completed_at = timezone.now()
        locked.save(update_fields=["light", "light_reason", "completed_at"])
    return verdict
