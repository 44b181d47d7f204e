"""Demo language mediators of the Erzgebirgskreis (seed 002, section 2).

A pool of invented mediators covering the languages of the office's
clients, paid under one fee scheme modelled on Bielefeld's published rules
(15 EUR an hour per started half hour, travel time paid up to an hour,
kilometres, a cancellation under 24 hours pays up to two hours), and a year
of past requests, some of which found nobody: the demand the office plans
with. Dates are relative to the day the demo is loaded.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import Municipality, Office, User
from mediators.models import (
    Assignment,
    AssignmentStatus,
    Availability,
    Mediator,
    MediatorLanguage,
    Mode,
    Qualification,
    Rate,
    RateScheme,
    Request,
    RequestStatus,
)

MON, TUE, WED, THU, FRI = range(5)
NATIVE, FLUENT, GOOD = 4, 3, 2

# (first, last, login, qualification, modes, towns (none: whole county),
#  [(language, dialect, level)], [(weekday, from, until)])
ERZ_MEDIATORS = [
    (
        "Farid",
        "Ahmadi",
        "sprachmittler-dari",
        Qualification.TRAINED,
        (Mode.ON_SITE, Mode.PHONE),
        ("Annaberg-Buchholz", "Thum", "Ehrenfriedersdorf", "Geyer"),
        [("prs", "Kabuli", NATIVE), ("pus", "", GOOD), ("fas", "", FLUENT)],
        [(TUE, 8, 16), (THU, 8, 14)],
    ),
    (
        "Mina",
        "Rahimi",
        "",
        Qualification.VOLUNTEER,
        (Mode.PHONE, Mode.VIDEO),
        ("Aue-Bad Schlema", "Schneeberg"),
        [("prs", "Herati", NATIVE), ("fas", "", NATIVE)],
        [(MON, 9, 12), (THU, 9, 12)],
    ),
    (
        "Zalmai",
        "Noori",
        "",
        Qualification.VOLUNTEER,
        (Mode.ON_SITE,),
        ("Marienberg", "Olbernhau"),
        [("pus", "", NATIVE), ("prs", "", FLUENT)],
        [(WED, 13, 18)],
    ),
    (
        "Rania",
        "Haddad",
        "",
        Qualification.CERTIFIED,
        (Mode.ON_SITE, Mode.PHONE, Mode.VIDEO),
        (),
        [("apc", "Levantinisch (Syrien)", NATIVE), ("ara", "", NATIVE)],
        [(MON, 8, 17), (WED, 8, 17), (FRI, 8, 13)],
    ),
    (
        "Karwan",
        "Ali",
        "",
        Qualification.TRAINED,
        (Mode.ON_SITE, Mode.PHONE),
        ("Stollberg/Erzgeb.", "Thalheim/Erzgeb.", "Oelsnitz/Erzgeb."),
        [("kmr", "Kurmanci", NATIVE), ("ckb", "Sorani", FLUENT), ("ara", "", GOOD)],
        [(TUE, 10, 18), (THU, 10, 18)],
    ),
    (
        "Olena",
        "Savchenko",
        "",
        Qualification.TRAINED,
        (Mode.ON_SITE, Mode.VIDEO),
        (),
        [("ukr", "", NATIVE), ("rus", "", NATIVE)],
        [(MON, 8, 16), (TUE, 8, 16), (THU, 8, 16)],
    ),
    (
        "Dmytro",
        "Bondar",
        "",
        Qualification.VOLUNTEER,
        (Mode.PHONE,),
        (),
        [("ukr", "", NATIVE), ("rus", "", FLUENT)],
        [(FRI, 9, 15)],
    ),
    (
        "Aylin",
        "Demir",
        "",
        Qualification.CERTIFIED,
        (Mode.ON_SITE, Mode.PHONE),
        ("Aue-Bad Schlema", "Schwarzenberg/Erzgeb.", "Lößnitz"),
        [("tur", "", NATIVE), ("kmr", "", GOOD)],
        [(TUE, 8, 12), (WED, 8, 12)],
    ),
    (
        "Tesfay",
        "Gebremariam",
        "",
        Qualification.VOLUNTEER,
        (Mode.PHONE, Mode.VIDEO),
        (),
        [("tir", "", NATIVE), ("amh", "", FLUENT)],
        [(THU, 16, 19)],
    ),
    (
        "Thi Lan",
        "Nguyen",
        "",
        Qualification.TRAINED,
        (Mode.ON_SITE,),
        ("Annaberg-Buchholz",),
        [("vie", "", NATIVE)],
        [(MON, 13, 17)],
    ),
]

# Past requests that found nobody: (language, months ago, town).
UNFILLED = [
    ("som", 2, "Annaberg-Buchholz"),
    ("som", 5, "Marienberg"),
    ("tir", 3, "Marienberg"),
    ("prs", 4, "Olbernhau"),
    ("kat", 7, "Aue-Bad Schlema"),
]


def seed_mediators(office: Office) -> None:
    if office.code != "ERZ" or office.rate_schemes.exists():
        return
    with transaction.atomic():
        scheme = seed_scheme(office)
        towns = {m.name: m for m in office.municipalities.all()}
        mediators = [
            seed_mediator(office, scheme, towns, *row) for row in ERZ_MEDIATORS
        ]
        seed_history(office, mediators, towns)


def seed_scheme(office: Office) -> RateScheme:
    scheme = RateScheme.objects.create(
        office=office,
        name="Honorarordnung Sprachmittlung",
        note="Nach dem Vorbild Bielefeld: je angefangene halbe Stunde, Fahrzeit "
        "bis eine Stunde, Absage unter 24 Stunden: bis zu zwei Stunden.",
    )
    first_of_year = timezone.localdate().replace(month=1, day=1)
    Rate.objects.create(
        scheme=scheme,
        valid_from=first_of_year - datetime.timedelta(days=365),
        hourly=Decimal("15.00"),
        unit_minutes=30,
        per_km=Decimal("0.30"),
        travel_minutes_cap=60,
        late_cancel_hours=24,
        late_cancel_minutes=120,
    )
    return scheme


def seed_mediator(
    office: Office,
    scheme: RateScheme,
    towns: dict[str, Municipality],
    first: str,
    last: str,
    login: str,
    qualification: str,
    modes: tuple[str, ...],
    covered: tuple[str, ...],
    languages: list[tuple[str, str, int]],
    windows: list[tuple[int, int, int]],
) -> Mediator:
    today = timezone.localdate()
    # Two of the pool are overdue for upkeep, so the upkeep page has work.
    overdue = first in ("Zalmai", "Dmytro")
    mediator = Mediator.objects.create(
        office=office,
        user=User.objects.filter(username=login).first() if login else None,
        first_name=first,
        last_name=last,
        email=f"{first.lower().replace(' ', '')}.{last.lower()}@mediator-demo.example",
        phone="0151 2345678",
        qualification=qualification,
        on_site=Mode.ON_SITE in modes,
        by_phone=Mode.PHONE in modes,
        by_video=Mode.VIDEO in modes,
        rate_scheme=scheme,
        pledge_signed_on=today - datetime.timedelta(days=300),
        pledge_valid_until=today + datetime.timedelta(days=30 if overdue else 700),
        conduct_valid_until=today + datetime.timedelta(days=400),
        confirmed_on=today - datetime.timedelta(days=400 if overdue else 60),
    )
    mediator.municipalities.set([towns[name] for name in covered])
    for language, dialect, level in languages:
        MediatorLanguage.objects.create(
            mediator=mediator, language=language, dialect=dialect, level=level
        )
    for weekday, start, end in windows:
        Availability.objects.create(
            mediator=mediator,
            weekday=weekday,
            start=datetime.time(start),
            end=datetime.time(end),
        )
    return mediator


def seed_history(
    office: Office, mediators: list[Mediator], towns: dict[str, Municipality]
) -> None:
    """A year of done assignments, rated, and the requests that found nobody."""
    staff = office.staff.filter(role_grants__role="deputy").first()
    if staff is None:
        return
    now = timezone.localtime()
    for index, mediator in enumerate(mediators):
        language = mediator.languages.first()
        assert language is not None
        for month in range(1, 1 + (index % 4) + 1):
            starts_at = (now - datetime.timedelta(days=30 * month + index)).replace(
                hour=10, minute=0, second=0, microsecond=0
            )
            request = Request.objects.create(
                office=office,
                language=language.language,
                starts_at=starts_at,
                minutes=60,
                mode=Mode.ON_SITE if mediator.on_site else Mode.PHONE,
                municipality=mediator.municipalities.first(),
                place="Landratsamt",
                contact=staff,
                status=RequestStatus.DONE,
                created_by=staff,
            )
            Assignment.objects.create(
                request=request,
                mediator=mediator,
                starts_at=starts_at,
                ends_at=request.ends_at,
                status=AssignmentStatus.DONE,
                worked_minutes=50 + 10 * (month % 3),
                travel_minutes=20,
                km=Decimal(12 + 4 * month),
                rating=4 + (index + month) % 2,
            )
    for code, months, town in UNFILLED:
        starts_at = (now - datetime.timedelta(days=30 * months)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
        Request.objects.create(
            office=office,
            language=code,
            starts_at=starts_at,
            minutes=90,
            municipality=towns.get(town),
            place="Landratsamt",
            contact=staff,
            status=RequestStatus.UNFILLED,
            created_by=staff,
        )
