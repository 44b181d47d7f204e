"""Mediators, rates and requests for the tests, with sensible defaults."""

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.models import Municipality, Office, Role, User
from conftest import make_user
from mediators.models import (
    Assignment,
    Availability,
    Mediator,
    MediatorLanguage,
    Mode,
    Qualification,
    Rate,
    RateScheme,
    Request,
)


def make_scheme(
    office: Office,
    name: str = "Honorarordnung",
    valid_from: datetime.date = datetime.date(2026, 1, 1),
    **figures,
) -> RateScheme:
    """Bielefeld's rules by default: 15 EUR an hour per started half hour,
    0.30 EUR per km, travel paid up to an hour, under 24 h notice pays up to
    two hours."""
    scheme = RateScheme.objects.create(office=office, name=name)
    defaults = {
        "hourly": Decimal("15.00"),
        "unit_minutes": 30,
        "per_km": Decimal("0.30"),
        "travel_minutes_cap": 60,
        "late_cancel_hours": 24,
        "late_cancel_minutes": 120,
    }
    Rate.objects.create(scheme=scheme, valid_from=valid_from, **(defaults | figures))
    return scheme


def make_mediator(
    office: Office,
    first_name: str = "Farid",
    last_name: str = "Ahmadi",
    languages: tuple[tuple[str, str, int], ...] = (("prs", "", 4),),
    scheme: RateScheme | None = None,
    municipalities: tuple[Municipality, ...] = (),
    login: bool = False,
    **fields,
) -> Mediator:
    """A mediator with valid documents, confirmed today; languages as
    (ISO 639-3, dialect, level)."""
    today = timezone.localdate()
    defaults = {
        "qualification": Qualification.TRAINED,
        "email": f"{first_name.lower()}@example.org",
        "pledge_signed_on": today - datetime.timedelta(days=100),
        "pledge_valid_until": today + datetime.timedelta(days=700),
        "conduct_valid_until": today + datetime.timedelta(days=700),
        "confirmed_on": today,
    }
    user = None
    if login:
        user = make_user(first_name.lower(), office, Role.MEDIATOR)
    mediator = Mediator.objects.create(
        office=office,
        first_name=first_name,
        last_name=last_name,
        rate_scheme=scheme or make_scheme(office, name=f"Satz {first_name}"),
        user=user,
        **(defaults | fields),
    )
    for language, dialect, level in languages:
        MediatorLanguage.objects.create(
            mediator=mediator, language=language, dialect=dialect, level=level
        )
    mediator.municipalities.set(municipalities)
    return mediator


def available(mediator: Mediator, weekday: int, start: str, end: str) -> Availability:
    return Availability.objects.create(
        mediator=mediator,
        weekday=weekday,
        start=datetime.time.fromisoformat(start),
        end=datetime.time.fromisoformat(end),
    )


def make_request(
    office: Office,
    by: User,
    starts_at: datetime.datetime,
    language: str = "prs",
    minutes: int = 60,
    **fields,
) -> Request:
    defaults = {"mode": Mode.ON_SITE, "contact": by, "place": "Landratsamt, Raum 2.21"}
    return Request.objects.create(
        office=office,
        created_by=by,
        language=language,
        starts_at=starts_at,
        minutes=minutes,
        **(defaults | fields),
    )


def make_assignment(request: Request, mediator: Mediator, **fields) -> Assignment:
    return Assignment.objects.create(
        request=request,
        mediator=mediator,
        starts_at=request.starts_at,
        ends_at=request.ends_at,
        **fields,
    )
