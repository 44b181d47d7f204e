"""Accommodations and inspections for the inspection tests."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.models import Office, User
from directory.models import Partner, PartnerKind
from housing.models import (
    Accommodation,
    Deficiency,
    Finding,
    Inspection,
    Kind,
    Standard,
)
from housing.standards_seed import ensure_catalogue

DAY = datetime.date(2026, 3, 10)


def make_accommodation(
    office: Office, name: str = "GU Niesky", kind: str = Kind.SHARED
) -> Accommodation:
    operator = Partner.objects.create(
        office=office, kind=PartnerKind.ACCOMMODATION, name=f"Betreiber {name}"
    )
    return Accommodation.objects.create(
        office=office,
        name=name,
        kind=kind,
        address="Bahnhofstraße 1, 02906 Niesky",
        capacity=100,
        operator=operator,
    )


def make_inspection(
    accommodation: Accommodation, by: User, on: datetime.date = DAY, **extra
) -> Inspection:
    inspection = Inspection.objects.create(
        accommodation=accommodation,
        catalogue=ensure_catalogue(accommodation.office),
        on=on,
        created_by=by,
        **extra,
    )
    inspection.inspectors.add(by)
    return inspection


def standard(inspection: Inspection, title: str) -> Standard:
    return inspection.catalogue.standards.get(title=title)


def find(inspection: Inspection, title: str, value=None, yes=None) -> Finding:
    return Finding.objects.create(
        inspection=inspection,
        standard=standard(inspection, title),
        value=value,
        yes=yes,
    )


def deficiency(
    inspection: Inspection, deadline: datetime.date, text: str = "Dusche defekt"
) -> Deficiency:
    return Deficiency.objects.create(
        inspection=inspection, description=text, deadline=deadline
    )


def png(name: str = "flur.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (10, 120, 10)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
