"""Demo accommodations (issue 9) of the Landkreis Görlitz, relative to the day
the demo is loaded.

Niesky's shared accommodation (seed 003: its extension was discussed at a
residents' meeting) is operated and socially cared for by one provider, so
the register warns; it filled up over the year while social care went down
from 1.5 to 1.0 full-time equivalents, so its care ratio is 1:95 against the
limit of 1:80. An announced inspection half a year ago was green. Görlitz's
shared accommodation is within every limit; a flat in Zittau is small.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import Municipality, Office, Role, User
from directory.models import Partner
from housing.actions import complete_inspection, save_findings
from housing.models import Accommodation, Inspection, Kind, Occupancy, Staffing
from housing.standards_seed import ensure_catalogue
from lib.months import month_index, month_of

NIESKY = "Gemeinschaftsunterkunft Niesky"
# (name, kind, address, municipality, places, families, accessible, shown in the portal)
PLACES = [
    (NIESKY, Kind.SHARED, "Am Bahnhof 3, 02906 Niesky", "Niesky", 120, 30, 6, True),
    (
        "Gemeinschaftsunterkunft Görlitz",
        Kind.SHARED,
        "Reichenbacher Straße 12, 02827 Görlitz",
        "Görlitz",
        200,
        60,
        10,
        True,
    ),
    (
        "Wohnung Zittau, Äußere Weberstraße",
        Kind.FLAT,
        "Äußere Weberstraße 40, 02763 Zittau",
        "Zittau",
        5,
        5,
        0,
        False,
    ),
]
# Residents month by month, oldest first (the last is this month).
NIESKY_RESIDENTS = [70, 72, 75, 78, 80, 83, 85, 88, 90, 92, 94, 95]


def seed_housing(office: Office) -> None:
    if office.code != "GR" or office.accommodations.exists():
        return
    inspector = office.staff.filter(role_grants__role=Role.COMMISSIONER).first()
    if inspector is None:
        return
    with transaction.atomic():
        made = {spec[0]: _place(office, spec) for spec in PLACES}
        today = timezone.localdate()
        _series(
            made[NIESKY],
            inspector,
            today,
            NIESKY_RESIDENTS,
            [("1.50", 12), ("1.00", 3)],
        )
        _series(
            made["Gemeinschaftsunterkunft Görlitz"],
            inspector,
            today,
            [150 + month * 2 for month in range(12)],
            [("2.50", 12)],
        )
        _series(
            made["Wohnung Zittau, Äußere Weberstraße"],
            inspector,
            today,
            [4] * 12,
            [("0.10", 12)],
        )
    _earlier_inspection(made[NIESKY], inspector, today - datetime.timedelta(days=180))


def _place(office: Office, spec: tuple) -> Accommodation:
    name, kind, address, town, places, families, accessible, shown = spec
    niesky_provider = Partner.objects.filter(
        office=office, name__startswith="Gemeinschaftsunterkunft Niesky"
    ).first()
    drk = Partner.objects.filter(office=office, name__startswith="DRK").first()
    diakonie = Partner.objects.filter(
        office=office, name__startswith="Diakonie"
    ).first()
    operator, care = (
        (niesky_provider, niesky_provider) if name == NIESKY else (drk, diakonie)
    )
    return Accommodation.objects.create(
        office=office,
        name=name,
        kind=kind,
        address=address,
        municipality=Municipality.objects.filter(office=office, name=town).first(),
        operator=operator,
        social_care=care,
        capacity=places,
        family_places=families,
        accessible_places=accessible,
        on_portal=shown,
    )


def _series(
    place: Accommodation,
    by: User,
    today: datetime.date,
    residents: list[int],
    staffing: list[tuple[str, int]],
) -> None:
    """Monthly counts for the last year; staffing as (FTE, months ago)."""
    first = today.replace(day=1)
    for months_ago, count in zip(
        range(len(residents) - 1, -1, -1), residents, strict=True
    ):
        Occupancy.objects.create(
            accommodation=place,
            on=_months_before(first, months_ago),
            residents=count,
            recorded_by=by,
        )
    for fte, months_ago in staffing:
        Staffing.objects.create(
            accommodation=place,
            on=_months_before(first, months_ago),
            fte=Decimal(fte),
            recorded_by=by,
        )


def _months_before(first: datetime.date, months: int) -> datetime.date:
    return month_of(month_index(first) - months)


def _earlier_inspection(place: Accommodation, by: User, day: datetime.date) -> None:
    """Announced, every standard met: green."""
    catalogue = ensure_catalogue(place.office)
    inspection = Inspection.objects.create(
        accommodation=place, catalogue=catalogue, on=day, announced=True, created_by=by
    )
    inspection.inspectors.add(by)
    entries = []
    for standard in catalogue.standards.all():
        if standard.applies_to and standard.applies_to != place.kind:
            continue
        entries.append(
            (standard, standard.target, True if standard.target is None else None, "")
        )
    save_findings(inspection, entries)
    complete_inspection(inspection)
