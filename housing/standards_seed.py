"""The catalogue of minimum standards an office starts with (version 1).

Seed 002, section 3: minimum standards for size and equipment of the
accommodations, checked by the county. The wording is the office's own data
and therefore German, like everything the office writes; the office changes
it on the catalogue page, which makes a new version once it is in use.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction

from accounts.models import Office

from .models import Catalogue, Kind, Measure, Standard

YES_NO, AT_LEAST, AT_MOST = Measure.YES_NO, Measure.AT_LEAST, Measure.AT_MOST

# (area, title, measure, target, unit, critical, applies to)
DEFAULT_STANDARDS: list[tuple[str, str, str, Decimal | None, str, bool, str]] = [
    ("Wohnraum", "Wohnfläche je Person", AT_LEAST, Decimal(7), "m²", False, ""),
    ("Sanitär", "Personen je Dusche", AT_MOST, Decimal(10), "Personen", False, ""),
    ("Sanitär", "Personen je Toilette", AT_MOST, Decimal(8), "Personen", False, ""),
    ("Küche", "Kochstellen je 10 Personen", AT_LEAST, Decimal(1), "", False, ""),
    ("Wäsche", "Waschmaschinen je 20 Personen", AT_LEAST, Decimal(1), "", False, ""),
    ("Privatsphäre", "Zimmer sind abschließbar", YES_NO, None, "", True, ""),
    (
        "Kinder und Bildung",
        "Räume für Kinder und zum Lernen sind vorhanden",
        YES_NO,
        None,
        "",
        False,
        Kind.SHARED,
    ),
    ("Teilhabe", "Internetzugang für die Bewohner", YES_NO, None, "", False, ""),
    (
        "Gewaltschutz",
        "Ein Gewaltschutzkonzept liegt vor und wird umgesetzt",
        YES_NO,
        None,
        "",
        True,
        "",
    ),
    (
        "Mobilität",
        "Entfernung zur nächsten Haltestelle des ÖPNV",
        AT_MOST,
        Decimal(1000),
        "m",
        False,
        "",
    ),
    ("Betreuung", "Soziale Betreuung ist vor Ort präsent", YES_NO, None, "", False, ""),
    ("Sicherheit", "Die Brandschutzabnahme liegt vor", YES_NO, None, "", True, ""),
]


def current_catalogue(office: Office) -> Catalogue | None:
    return Catalogue.objects.filter(office=office).order_by("-version").first()


def ensure_catalogue(office: Office) -> Catalogue:
    """The office's current catalogue; version 1 with the defaults on first use."""
    found = current_catalogue(office)
    if found is not None:
        return found
    try:
        with transaction.atomic():
            catalogue = Catalogue.objects.create(
                office=office, version=1, note="Mindeststandards des Landkreises"
            )
            Standard.objects.bulk_create(
                Standard(
                    catalogue=catalogue,
                    position=position,
                    area=area,
                    title=title,
                    measure=measure,
                    target=target,
                    unit=unit,
                    critical=critical,
                    applies_to=applies_to,
                )
                for position, (
                    area,
                    title,
                    measure,
                    target,
                    unit,
                    critical,
                    applies_to,
                ) in enumerate(DEFAULT_STANDARDS, start=1)
            )
    except IntegrityError:
        # Someone else opened the catalogue at the same moment: theirs counts.
        return Catalogue.objects.get(office=office, version=1)
    return catalogue
