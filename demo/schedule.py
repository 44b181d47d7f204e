"""Demo consultation hours, appointments and outreach (seeds 000 and 004).

Erzgebirgskreis: the honorary commissioner and the deputy share 24 hours a
month at the four sites; the rules below and a monthly outreach day add up
to exactly that in a month without holidays. Dates are relative to the
day the demo is loaded.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Municipality, Office, Site, User
from lib.months import next_month
from schedule.actions import Booker, book
from schedule.models import (
    AppointmentSource,
    Cancellation,
    Frequency,
    HoursBudget,
    HoursRule,
    OutreachEvent,
    OutreachKind,
    OutreachNote,
    Room,
)
from schedule.sessions import sessions

TUESDAY, THURSDAY = 1, 3

# Site: room, step-free, how to find it.
ERZ_ROOMS = {
    "Aue-Bad Schlema": ("Raum 014", True, "Erdgeschoss, links neben dem Bürgerbüro"),
    "Stollberg": ("Beratungsraum 1", True, "Erdgeschoss, Eingang über die Rampe"),
    "Annaberg-Buchholz": ("Raum 2.21", True, "2. Etage, Aufzug im Foyer"),
    "Marienberg": ("Bürgerbüro", False, "Erdgeschoss, Zugang über den Hof"),
}

# (site, who, week of the month, weekday, from, until): 21 hours a month,
# and with the monthly outreach day (3 hours) the 24 of the budget.
ERZ_RULES = [
    ("Aue-Bad Schlema", "commissioner", 1, TUESDAY, 9, 12),
    ("Aue-Bad Schlema", "commissioner", 3, TUESDAY, 9, 12),
    ("Annaberg-Buchholz", "commissioner", 2, THURSDAY, 9, 12),
    ("Annaberg-Buchholz", "commissioner", 4, THURSDAY, 9, 12),
    ("Stollberg", "deputy", 2, TUESDAY, 13, 17),
    ("Marienberg", "deputy", 4, TUESDAY, 9, 12),
    ("Annaberg-Buchholz", "deputy", 1, THURSDAY, 14, 16),
]

ERZ_SITE_NOTES = {
    "Annaberg-Buchholz": "Termine auch nach Vereinbarung.",
}


def seed_schedule(office: Office) -> None:
    if HoursRule.objects.filter(office=office).exists():
        return
    with transaction.atomic():
        if office.code == "ERZ":
            _seed_erzgebirge(office)
        else:
            _seed_weekly(office)
        _seed_outreach(office)
    # Bookings after the rules are committed: each goes through the action.
    if office.code == "ERZ":
        _seed_bookings(office)


def _first_with(office: Office, role: str) -> User | None:
    return (
        User.objects.filter(office=office, is_active=True, role_grants__role=role)
        .order_by("username")
        .first()
    )


def _start() -> datetime.date:
    """The rules began last month, so that the budget page has a past."""
    today = timezone.localdate()
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def _seed_erzgebirge(office: Office) -> None:
    people = {
        "commissioner": _first_with(office, "commissioner"),
        "deputy": _first_with(office, "deputy"),
    }
    sites = {site.name: site for site in Site.objects.filter(office=office)}
    rooms = {}
    for name, (room, step_free, notes) in ERZ_ROOMS.items():
        if name in sites:
            rooms[name], _ = Room.objects.get_or_create(
                site=sites[name],
                name=room,
                defaults={"step_free": step_free, "notes": notes},
            )
    for site in sites.values():
        site.hours = ERZ_SITE_NOTES.get(site.name, "")
        site.save(update_fields=["hours"])
    for site_name, who, week, weekday, start, end in ERZ_RULES:
        staff = people[who]
        if staff is None or site_name not in sites:
            continue
        HoursRule.objects.create(
            office=office,
            site=sites[site_name],
            room=rooms.get(site_name),
            staff=staff,
            frequency=Frequency.MONTHLY,
            week_of_month=week,
            weekday=weekday,
            starts_on=_start(),
            start_time=datetime.time(start),
            end_time=datetime.time(end),
            slot_minutes=30,
        )
    members = [user for user in people.values() if user]
    budget = HoursBudget.objects.create(
        office=office,
        name="Ehrenamtliche Sprechzeiten (Beauftragter und Stellvertreterin)",
        hours_per_month=24,
        valid_from=_start(),
    )
    budget.members.set(members)
    _seed_vacation(office, people["commissioner"])


def _seed_vacation(office: Office, commissioner: User | None) -> None:
    """A week off next month, announced on the portal."""
    if commissioner is None:
        return
    following = next_month(timezone.localdate().replace(day=1))
    first = following + datetime.timedelta(days=14)
    Cancellation.objects.create(
        office=office,
        staff=commissioner,
        first_day=first,
        last_day=first + datetime.timedelta(days=6),
        reason="vacation",
        public_note="Urlaub. In dringenden Fällen hilft die Stellvertreterin in "
        "Stollberg.",
        created_by=commissioner,
    )


def _seed_weekly(office: Office) -> None:
    """Other offices: one weekly afternoon of the commissioner (or the first
    guide) at the office's first site."""
    site = Site.objects.filter(office=office).order_by("name").first()
    staff = _first_with(office, "commissioner") or _first_with(office, "guide")
    if site is None or staff is None:
        return
    HoursRule.objects.create(
        office=office,
        site=site,
        staff=staff,
        frequency=Frequency.WEEKLY,
        weekday=TUESDAY,
        starts_on=_start(),
        start_time=datetime.time(13),
        end_time=datetime.time(16),
    )


def _seed_outreach(office: Office) -> None:
    """Outreach days at a shared accommodation (seed 004: Landkreis Rostock
    holds them at decentral accommodation) and one visit with a note."""
    staff = [
        user
        for user in (
            _first_with(office, "commissioner"),
            _first_with(office, "deputy"),
            _first_with(office, "guide"),
        )
        if user
    ]
    if not staff:
        return
    place = Municipality.objects.filter(office=office).order_by("name").first()
    tz = timezone.get_default_timezone()
    today = timezone.localdate()
    # Five weeks apart, so that no month has two.
    for weeks in (-4, 1, 6):
        day = today + datetime.timedelta(weeks=weeks)
        day -= datetime.timedelta(days=(day.weekday() - 2) % 7)  # a Wednesday
        event = OutreachEvent.objects.create(
            office=office,
            kind=OutreachKind.DAY,
            title="Außensprechtag in der Gemeinschaftsunterkunft",
            starts_at=datetime.datetime.combine(day, datetime.time(10), tz),
            ends_at=datetime.datetime.combine(day, datetime.time(13), tz),
            municipality=place,
            place="Gemeinschaftsunterkunft, Gemeinschaftsraum im Erdgeschoss",
            public=True,
            created_by=staff[0],
        )
        event.staff.set(staff[:1])
    visit_day = today - datetime.timedelta(days=9)
    visit = OutreachEvent.objects.create(
        office=office,
        kind=OutreachKind.VISIT,
        title="Besuch in einer dezentralen Wohnung",
        starts_at=datetime.datetime.combine(visit_day, datetime.time(14), tz),
        ends_at=datetime.datetime.combine(visit_day, datetime.time(15, 30), tz),
        municipality=place,
        place="Dezentrale Wohnung",
        created_by=staff[-1],
    )
    visit.staff.set(staff[-1:])
    OutreachNote.objects.create(
        event=visit,
        author=staff[-1],
        text="Familie hat Fragen zum Mietvertrag und zur Anmeldung im Kindergarten. "
        "Termin in der Sprechstunde vereinbart.",
    )


BOOKERS = [
    Booker(
        name="Olena K.",
        email="olena@example.org",
        language="ukr",
        mediator_needed=True,
        portal_language="uk",
        subject="Integrationskurs",
    ),
    Booker(
        name="Ahmad R.",
        phone="0170 1234567",
        language="ara",
        mediator_needed=True,
        portal_language="ar",
    ),
    Booker(
        name="Mehmet Y.",
        email="mehmet@example.org",
        language="tur",
        portal_language="tr",
        subject="Anerkennung des Berufsabschlusses",
    ),
]


def _seed_bookings(office: Office) -> None:
    """A few online bookings in the coming weeks."""
    today = timezone.localdate()
    rules = list(
        HoursRule.objects.filter(office=office).select_related("office", "site")
    )
    first = today + datetime.timedelta(days=1)
    last = today + datetime.timedelta(days=35)
    found = sessions(rules, first, last, with_bookings=True)
    coming = [session for session in found if session.takes_place]
    for session, booker in zip(coming, BOOKERS, strict=False):
        free = session.free_slots()
        if free:
            book(session, free[0].key, booker, source=AppointmentSource.PORTAL)
