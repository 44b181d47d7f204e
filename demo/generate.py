"""Invented clients and concerns for one office, created in bulk.

The same seed gives the same people and cases; dates count back from today,
so the demo never looks stale. The benchmark (bench/cases.py) uses the same
generator at a larger scale.
"""

import datetime
import random
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TypeVar

from anyascii import anyascii
from django.db import models
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import Municipality, Office, Role, Site, User
from cases.models import (
    Activity,
    Concern,
    FollowUp,
    Referral,
    ReferralStatus,
    Status,
    Topic,
)
from clients.models import (
    Consent,
    ConsentForm,
    ConsentPurpose,
    DatePrecision,
    Gender,
    Household,
    HouseholdRole,
    Nationality,
    Person,
    PersonLanguage,
    ResidenceStatus,
)
from directory.models import Partner
from lib.names import name_key

from . import data
from .data import Name, OfficeSpec, Origin

T = TypeVar("T")
Dated = TypeVar("Dated", Person, Concern)
BATCH = 1000
MAX_FAMILY = 6  # two adults and up to four children
# Topics a whole household usually comes with.
FAMILY_TOPICS = {
    "School",
    "Childcare and school",
    "Family reunification",
    "Moving house",
    "Housing and accommodation",
}


@dataclass
class Setup:
    """What the generator knows about the office it fills."""

    office: Office
    spec: OfficeSpec
    rng: random.Random
    today: datetime.date
    days: int
    municipalities: list[Municipality]
    municipality_weights: list[int]
    sites: dict[int, Site]
    topics: dict[str, Topic]
    partners: dict[str, list[Partner]]
    assignees: list[User]
    assignee_weights: list[float]
    guides: list[User]
    guide_weights: list[float]
    office_staff: list[User]

    def pick(self, items: Sequence[T], weights: Sequence[float] | None = None) -> T:
        return self.rng.choices(items, weights=weights)[0]

    def weighted(self, pairs: Sequence[tuple[T, float]]) -> T:
        items, weights = zip(*pairs, strict=True)
        return self.pick(items, weights)

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def moment(self, day: datetime.date) -> datetime.datetime:
        """Some time in office hours on that day, never in the future."""
        at = datetime.datetime.combine(
            day, datetime.time(self.rng.randint(8, 16), self.rng.randrange(0, 60, 5))
        )
        return min(timezone.make_aware(at), timezone.now())

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        span = max((last - first).days, 0)
        return first + datetime.timedelta(days=self.rng.randint(0, span))


@dataclass
class Unit:
    """A client, or a family that comes to the office together."""

    origin: Origin
    countries: tuple[str, ...]
    language: str
    municipality: Municipality
    first_contact: datetime.date
    guide: User | None
    status: str
    adults: list[Person] = field(default_factory=list)
    children: list[Person] = field(default_factory=list)
    household: Household | None = None
    # (person id, partner id) → the active consent to share data with them
    sharing: dict[tuple[int, int], Consent] = field(default_factory=dict)

    @property
    def members(self) -> list[Person]:
        return self.adults + self.children


@dataclass
class Plan:
    """One concern and what hangs on it, before it is saved."""

    concern: Concern
    persons: list[Person]
    topics: list[Topic]
    shared_with: list[User] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)


def populate(
    office: Office,
    spec: OfficeSpec,
    *,
    clients: int,
    concerns: int,
    seed: str,
    days: int = 730,
    chunk: int = 5000,
) -> None:
    """Clients who came over the last `days`, and their concerns in date order."""
    setup = make_setup(office, spec, random.Random(seed), days)
    units = create_units(setup, clients)
    slots = concern_slots(setup, units, concerns)
    numbers = Numbering(office)
    for start in range(0, len(slots), chunk):
        plans = [
            make_plan(setup, day, unit) for day, unit in slots[start : start + chunk]
        ]
        save_plans(plans, numbers)


def make_setup(
    office: Office, spec: OfficeSpec, rng: random.Random, days: int
) -> Setup:
    municipalities = list(office.municipalities.order_by("pk"))
    sites = list(office.sites.order_by("pk"))
    staff = list(office.staff.filter(is_active=True).order_by("pk"))
    guides = [u for u in staff if u.has_role(Role.GUIDE)]
    leads = [u for u in staff if u.has_role(Role.COMMISSIONER, Role.DEPUTY)]
    assignees = guides or leads
    return Setup(
        office=office,
        spec=spec,
        rng=rng,
        today=timezone.localdate(),
        days=days,
        municipalities=municipalities,
        municipality_weights=[_town_weight(m, sites) for m in municipalities],
        sites=_sites_by_municipality(municipalities, sites),
        topics=_topics_by_source(office),
        partners=_partners_by_kind(office),
        assignees=assignees,
        assignee_weights=[_workload(u) for u in assignees],
        guides=guides,
        guide_weights=[float(u.weekly_hours or 20) for u in guides],
        office_staff=[u for u in staff if u.has_role(Role.OFFICE_STAFF)],
    )


def _town_weight(municipality: Municipality, sites: list[Site]) -> int:
    # The towns with a site of the office are the bigger ones.
    return 3 if any(municipality.name.startswith(s.name) for s in sites) else 1


def _sites_by_municipality(
    municipalities: list[Municipality], sites: list[Site]
) -> dict[int, Site]:
    """Clients go to the consultation hour of their region (seed 000)."""
    by_region = {s.name: s for s in sites}
    result = {}
    for m in municipalities:
        region = m.district.removeprefix("Raum ")
        site = by_region.get(region) or (sites[0] if sites else None)
        if site:
            result[m.pk] = site
    return result


def _topics_by_source(office: Office) -> dict[str, Topic]:
    """The office's topics keyed by their English source name (cases.topics)."""
    mine = {t.name: t for t in office.topics.all()}
    with translation.override("de"):
        names = {source: gettext(source) for source in data.TOPIC_PARTNERS}
    return {source: mine[name] for source, name in names.items() if name in mine}


def _partners_by_kind(office: Office) -> dict[str, list[Partner]]:
    partners: dict[str, list[Partner]] = defaultdict(list)
    for partner in office.partners.order_by("pk"):
        partners[partner.kind].append(partner)
    return partners


def _workload(user: User) -> float:
    # The honorary commissioner takes more cases than the deputy (seed 000).
    if user.weekly_hours:
        return float(user.weekly_hours)
    return 60.0 if user.has_role(Role.COMMISSIONER) else 40.0


# --- Clients -----------------------------------------------------------------


def create_units(setup: Setup, count: int) -> list[Unit]:
    units: list[Unit] = []
    persons = 0
    while persons < count:
        # Families only while they fit, so that the count comes out exact.
        fits = count - persons >= MAX_FAMILY
        unit = make_unit(setup, family=fits and setup.chance(0.3))
        units.append(unit)
        persons += len(unit.members)
    save_units(setup, units)
    return units


def make_unit(setup: Setup, family: bool) -> Unit:
    origins = setup.spec.origins
    key = setup.pick(list(origins), list(origins.values()))
    origin = data.ORIGINS[key]
    unit = Unit(
        origin=origin,
        countries=setup.pick(origin.countries),
        language=setup.weighted(origin.languages),
        municipality=setup.pick(setup.municipalities, setup.municipality_weights),
        first_contact=setup.today
        - datetime.timedelta(days=setup.rng.randint(3, setup.days)),
        guide=setup.pick(setup.guides, setup.guide_weights) if setup.guides else None,
        status=residence_status(setup, origin),
    )
    if unit.status == ResidenceStatus.GERMAN and "DE" not in unit.countries:
        unit.countries = ("DE", *unit.countries)
    add_members(setup, unit, family)
    return unit


def residence_status(setup: Setup, origin: Origin) -> str:
    statuses = dict(origin.statuses)
    if "protection" in statuses and setup.chance(setup.spec.recognised_share):
        return ResidenceStatus.PROTECTION
    return setup.pick(list(statuses), list(statuses.values()))


def add_members(setup: Setup, unit: Unit, family: bool) -> None:
    surname = setup.pick(unit.origin.family)
    spelling = _spelling(setup, surname)
    # Women with children: men of military age may not leave Ukraine.
    mothers_first = unit.status == ResidenceStatus.TEMPORARY_PROTECTION
    head_gender = Gender.FEMALE if mothers_first or setup.chance(0.2) else Gender.MALE
    head_age = 18 + round(setup.rng.betavariate(2, 4) * 50)
    street = f"{setup.pick(data.STREETS)} {setup.rng.randint(1, 80)}"
    address = f"{street}\n{unit.municipality.name}"
    member = PersonMaker(setup, unit, surname, spelling, address)
    unit.adults.append(member.make(head_gender, head_age))
    if not family:
        return
    unit.household = Household(office=setup.office, name=f"Familie {spelling}")
    unit.adults[0].household_role = HouseholdRole.HEAD
    if not mothers_first and setup.chance(0.8):
        other = Gender.MALE if head_gender == Gender.FEMALE else Gender.FEMALE
        age = max(18, head_age + setup.rng.randint(-6, 4))
        unit.adults.append(member.make(other, age, HouseholdRole.PARTNER))
    oldest = max(0, min(17, head_age - 19))
    for _child in range(setup.rng.randint(1, min(4, oldest + 1))):
        gender = setup.pick([Gender.FEMALE, Gender.MALE])
        # At least two years old: born before the family's first contact,
        # which lies up to two years back in the demo.
        age = setup.rng.randint(min(2, oldest), oldest)
        unit.children.append(member.make(gender, age, HouseholdRole.CHILD))
    for person in unit.members:
        person.household = unit.household


def _spelling(setup: Setup, name: Name) -> str:
    spellings = name[0]
    return spellings[0] if setup.chance(0.6) else setup.pick(spellings)


@dataclass
class PersonMaker:
    """Makes the members of one unit: same origin, family name and address."""

    setup: Setup
    unit: Unit
    surname: Name
    spelling: str
    address: str
    # First names already in the family, so that two children differ.
    given: set[str] = field(default_factory=set)

    def make(self, gender: str, age: int, role: str = "") -> Person:
        setup, unit = self.setup, self.unit
        spelling = self.spelling
        if setup.chance(0.1):
            spelling = _spelling(setup, self.surname)  # one family, two spellings
        family_name, given, original = person_names(
            setup, unit.origin, self.surname, spelling, gender, self.given
        )
        born, precision = birth_date(setup, unit.origin, age)
        person = Person(
            office=setup.office,
            family_name=family_name,
            given_names=given,
            name_original=original,
            birth_date=born,
            birth_date_precision=precision,
            gender=Gender.UNSTATED if setup.chance(0.02) else gender,
            residence_status=unit.status,
            municipality=unit.municipality,
            address=self.address,
            household_role=role,
            name_key=name_key(family_name, given, original),
        )
        if age >= 18:
            add_contact(setup, person)
        return person


def person_names(
    setup: Setup,
    origin: Origin,
    surname: Name,
    spelling: str,
    gender: str,
    taken: set[str],
) -> tuple[str, str, str]:
    pool = origin.female if gender == Gender.FEMALE else origin.male
    free = [name for name in pool if name[0][0] not in taken] or list(pool)
    first = setup.pick(free)
    taken.add(first[0][0])
    given = _spelling(setup, first)
    if setup.chance(0.1):
        given += " " + _spelling(setup, setup.pick(pool))
    family, family_original = spelling, surname[1]
    if gender == Gender.FEMALE and origin.feminine[0]:
        family += origin.feminine[0]
        family_original += origin.feminine[1] if family_original else ""
    original = ""
    if first[1] and family_original and setup.chance(0.85):
        parts = [first[1], family_original]
        original = " ".join(reversed(parts) if origin.family_first else parts)
    return family, given, original


def birth_date(
    setup: Setup, origin: Origin, age: int
) -> tuple[datetime.date | None, str]:
    if setup.chance(0.02):
        return None, DatePrecision.DAY
    days = age * 365 + setup.rng.randint(0, 364)
    born = setup.today - datetime.timedelta(days=days)
    if setup.chance(origin.year_only):
        # Papers without a known birthday say 01.01.
        return born.replace(month=1, day=1), DatePrecision.YEAR
    if setup.chance(0.05):
        return born.replace(day=1), DatePrecision.MONTH
    return born, DatePrecision.DAY


def add_contact(setup: Setup, person: Person) -> None:
    if setup.chance(0.7):
        person.phone = f"0151 000{setup.rng.randint(0, 99999):05d}"
    if setup.chance(0.25):
        local = anyascii(f"{person.given_names}.{person.family_name}").lower()
        local = "".join(c for c in local if c.isalnum() or c == ".")
        person.email = f"{local}@mail.example"


def save_units(setup: Setup, units: list[Unit]) -> None:
    Household.objects.bulk_create([u.household for u in units if u.household])
    persons = [p for u in units for p in u.members]
    moments = [setup.moment(u.first_contact) for u in units for _p in u.members]
    creators = [u.guide or setup.assignees[0] for u in units for _p in u.members]
    create_dated(Person, persons, moments, creators)
    bulk(Nationality, nationalities(units))
    bulk(PersonLanguage, languages(setup, units))
    bulk(Person.guides.through, guide_links(units))
    consents = []
    for unit in units:
        mine = list(make_consents(setup, unit))
        # Later referrals may pass on data only under a consent still in force.
        unit.sharing = {
            (c.person.pk, c.partner.pk): c
            for c in mine
            if c.partner and c.withdrawn_at is None
        }
        consents.extend(mine)
    bulk(Consent, consents)


def nationalities(units: list[Unit]) -> Iterator[Nationality]:
    for unit in units:
        for person in unit.members:
            for country in unit.countries:
                yield Nationality(person=person, country=country)


def languages(setup: Setup, units: list[Unit]) -> Iterator[PersonLanguage]:
    for unit in units:
        others = [code for code, _w in unit.origin.languages if code != unit.language]
        for person in unit.members:
            codes = [unit.language]
            if others and setup.chance(0.3):
                codes.append(setup.pick(others))
            if person.household_role == HouseholdRole.CHILD or setup.chance(0.2):
                codes.append("deu")
            for code in dict.fromkeys(codes):
                yield PersonLanguage(person=person, code=code)


def guide_links(units: list[Unit]) -> Iterator[models.Model]:
    through = Person.guides.through
    for unit in units:
        if unit.guide:
            for person in unit.members:
                yield through(person_id=person.pk, user_id=unit.guide.pk)


def make_consents(setup: Setup, unit: Unit) -> Iterator[Consent]:
    recorder = unit.guide or setup.assignees[0]
    for person in unit.adults:
        purposes: list[tuple[str, Partner | None]] = []
        if setup.chance(0.92):
            purposes.append((ConsentPurpose.COUNSELLING, None))
        if person.phone and setup.chance(0.7):
            purposes.append((ConsentPurpose.CONTACT_PHONE, None))
        if person.email and setup.chance(0.7):
            purposes.append((ConsentPurpose.CONTACT_EMAIL, None))
        for kind, share in data.SHARING_PARTNERS:
            if setup.partners.get(kind) and setup.chance(share):
                purposes.append(
                    (ConsentPurpose.SHARE_WITH_PARTNER, setup.partners[kind][0])
                )
        for purpose, partner in purposes:
            yield consent(setup, unit, person, purpose, partner, recorder)


def consent(
    setup: Setup,
    unit: Unit,
    person: Person,
    purpose: str,
    partner: Partner | None,
    recorder: User,
) -> Consent:
    withdrawn = None
    if purpose != ConsentPurpose.COUNSELLING and setup.chance(0.08):
        withdrawn = setup.moment(setup.day_between(unit.first_contact, setup.today))
    return Consent(
        person=person,
        purpose=purpose,
        partner=partner,
        given_on=unit.first_contact,
        form=ConsentForm.WRITTEN if setup.chance(0.65) else ConsentForm.ORAL,
        recorded_by=recorder,
        withdrawn_at=withdrawn,
    )


# --- Concerns ----------------------------------------------------------------

# A concern's day and the client who brings it; None for a group or nobody named.
Slot = tuple[datetime.date, Unit | None]


def concern_slots(setup: Setup, units: list[Unit], count: int) -> list[Slot]:
    """Days spread evenly over the window, each for a client who had come by then."""
    unnamed = min(0.04 * len(setup.spec.groups), 0.12) + (0.0 if setup.guides else 0.03)
    units = sorted(units, key=lambda unit: unit.first_contact)
    arrivals = [unit.first_contact for unit in units]
    # A few clients come often, most once or twice.
    cumulative = list(accumulate(min(setup.rng.paretovariate(1.5), 5) for _u in units))
    slots: list[Slot] = []
    for _n in range(count):
        day = setup.day_between(arrivals[0], setup.today)
        if setup.chance(unnamed):
            slots.append((day, None))
            continue
        arrived = bisect_right(arrivals, day)
        pick = bisect_right(cumulative, setup.rng.random() * cumulative[arrived - 1])
        slots.append((day, units[min(pick, arrived - 1)]))
    slots.sort(key=lambda slot: slot[0])
    return slots


def make_plan(setup: Setup, day: datetime.date, unit: Unit | None) -> Plan:
    if unit is None:
        return unnamed_plan(setup, day)
    topic, kind, subject = pick_subject(setup)
    assignee = unit.guide or setup.pick(setup.assignees, setup.assignee_weights)
    site = setup.sites.get(unit.municipality.pk)
    concern = new_concern(setup, day, kind, subject, assignee, site)
    persons = unit.adults[:1]
    if topic in FAMILY_TOPICS and unit.household:
        concern.household = unit.household
        persons = unit.adults
    plan = Plan(concern, persons, pick_topics(setup, topic))
    add_activities(setup, plan, unit.language)
    add_referral(setup, plan, topic, unit)
    add_follow_up(setup, plan)
    add_sharing(setup, plan)
    return plan


def unnamed_plan(setup: Setup, day: datetime.date) -> Plan:
    anonymous = not setup.spec.groups or setup.chance(0.3)
    pool = data.ANONYMOUS_SUBJECTS if anonymous else data.GROUP_SUBJECTS
    topic, kind, subject = setup.pick(pool)
    assignee = setup.pick(setup.assignees, setup.assignee_weights)
    concern = new_concern(setup, day, kind, subject, assignee, None)
    concern.anonymous = anonymous
    if not anonymous:
        concern.group_description = setup.pick(setup.spec.groups)
    plan = Plan(concern, [], pick_topics(setup, topic))
    add_activities(setup, plan, "deu")
    add_referral(setup, plan, topic, None)
    add_follow_up(setup, plan)
    return plan


def pick_subject(setup: Setup) -> tuple[str, str, str]:
    subjects = data.SUBJECTS
    weights = [
        w * (3 if setup.guides and topic in data.FIRST_STEPS else 1)
        for topic, _kind, _subject, w in subjects
    ]
    topic, kind, subject, _weight = setup.pick(subjects, weights)
    return topic, kind, subject


def pick_topics(setup: Setup, main: str) -> list[Topic]:
    names = [main]
    if setup.chance(0.15):
        names.append(setup.pick(list(setup.topics)))
    return [setup.topics[n] for n in dict.fromkeys(names) if n in setup.topics]


def new_concern(
    setup: Setup,
    day: datetime.date,
    kind: str,
    subject: str,
    assignee: User,
    site: Site | None,
) -> Concern:
    channel = setup.weighted(data.CHANNELS[kind])
    creator = assignee
    if setup.office_staff and channel in {"phone", "email", "letter"}:
        # The office takes calls and mail and passes them on.
        creator = setup.pick(setup.office_staff) if setup.chance(0.4) else assignee
    concern = Concern(
        office=setup.office,
        type=kind,
        channel=channel,
        subject=subject,
        description=" ".join(setup.rng.sample(data.DESCRIPTIONS, 2)),
        site=site,
        assigned_to=assignee,
        created_by=creator,
        opened_on=day,
    )
    settle(setup, concern)
    return concern


def settle(setup: Setup, concern: Concern) -> None:
    """Old concerns are mostly closed, with an outcome; recent ones mostly open."""
    age = (setup.today - concern.opened_on).days
    closed_share = 0.97 if age > 60 else 0.6 if age > 14 else 0.15
    if not setup.chance(closed_share):
        recent = age <= 5 and setup.chance(0.5)
        concern.status = Status.NEW if recent else Status.IN_PROGRESS
        return
    end = concern.opened_on + datetime.timedelta(
        days=min(age, setup.rng.randint(0, 50))
    )
    outcomes = data.OUTCOMES.get(concern.type, data.OUTCOMES["other"])
    concern.status = Status.CLOSED
    concern.closed_at = setup.moment(end)
    concern.outcome = setup.weighted(outcomes)
    concern.outcome_note = setup.pick(data.OUTCOME_NOTES[concern.outcome])
    if concern.is_complaint:
        concern.justification = setup.weighted(data.JUSTIFICATIONS)


def last_day(setup: Setup, concern: Concern) -> datetime.date:
    if concern.closed_at:
        return timezone.localdate(concern.closed_at)
    return setup.today


def add_activities(setup: Setup, plan: Plan, language: str) -> None:
    concern = plan.concern
    assert concern.assigned_to is not None
    count = 1 if concern.status == Status.NEW else setup.rng.randint(1, 4)
    for n in range(count):
        day = (
            concern.opened_on
            if n == 0
            else setup.day_between(concern.opened_on, last_day(setup, concern))
        )
        kinds = (
            data.ACTIVITY_KINDS[concern.channel]
            if n == 0
            else data.ACTIVITY_KINDS["consultation_hour"]
        )
        spoken = language if setup.chance(0.7) else "deu"
        at = setup.moment(day)
        plan.activities.append(
            Activity(
                concern=concern,
                kind=setup.pick(kinds),
                occurred_at=min(at, concern.closed_at) if concern.closed_at else at,
                minutes=setup.weighted(data.MINUTES),
                language=spoken,
                mediator_needed=spoken != "deu" and setup.chance(0.45),
                notes=setup.pick(data.ACTIVITY_NOTES),
                staff=concern.assigned_to,
            )
        )


def add_referral(setup: Setup, plan: Plan, topic: str, unit: Unit | None) -> None:
    kinds = [k for k in data.TOPIC_PARTNERS.get(topic, ()) if setup.partners.get(k)]
    if not kinds or not setup.chance(0.45 if setup.guides else 0.3):
        return
    concern = plan.concern
    partner = setup.pick(setup.partners[setup.pick(kinds)])
    person = plan.persons[0] if plan.persons else None
    consent = unit.sharing.get((person.pk, partner.pk)) if unit and person else None
    shares = consent is not None and setup.chance(0.85)
    sent = concern.opened_on + datetime.timedelta(days=setup.rng.randint(0, 7))
    referral = Referral(
        concern=concern,
        partner=partner,
        person=person if shares else None,
        shares_personal_data=shares,
        consent=consent if shares else None,
        reason=setup.pick(data.REFERRAL_REASONS),
        sent_on=min(sent, last_day(setup, concern)),
        created_by=concern.assigned_to,
    )
    settle_referral(setup, referral, concern)
    plan.referrals.append(referral)


def settle_referral(setup: Setup, referral: Referral, concern: Concern) -> None:
    if concern.is_closed:
        referral.status = setup.pick(
            [ReferralStatus.DONE, ReferralStatus.DECLINED, ReferralStatus.ACCEPTED],
            [70, 10, 20],
        )
        if referral.status != ReferralStatus.ACCEPTED:
            referral.result = setup.pick(data.REFERRAL_RESULTS)
        return
    referral.status = setup.pick([ReferralStatus.SENT, ReferralStatus.ACCEPTED])
    if setup.chance(0.7):
        concern.status = Status.WAITING


def add_follow_up(setup: Setup, plan: Plan) -> None:
    concern = plan.concern
    owner = concern.assigned_to
    if not concern.is_closed and setup.chance(0.5):
        # Some overdue, some due soon: the desk shows both.
        due = setup.today + datetime.timedelta(days=setup.rng.randint(-10, 21))
        done_at = None
    elif concern.closed_at and setup.chance(0.3):
        due = setup.day_between(concern.opened_on, last_day(setup, concern))
        done_at = min(setup.moment(due), concern.closed_at)
    else:
        return
    plan.follow_ups.append(
        FollowUp(
            concern=concern,
            due_on=max(due, concern.opened_on),
            note=setup.pick(data.FOLLOW_UP_NOTES),
            assigned_to=owner,
            done_at=done_at,
            created_by=owner,
        )
    )


def add_sharing(setup: Setup, plan: Plan) -> None:
    others = [u for u in setup.assignees if u != plan.concern.assigned_to]
    if others and setup.chance(0.05):
        plan.shared_with.append(setup.pick(others))


class Numbering:
    """Case numbers in date order, per office and year (ERZ-2025-00042)."""

    def __init__(self, office: Office) -> None:
        self.office = office
        self.last: dict[int, int] = {}

    def assign(self, concern: Concern) -> None:
        year = concern.opened_on.year
        if year not in self.last:
            existing = Concern.objects.filter(office=self.office, year=year)
            self.last[year] = existing.aggregate(m=Max("sequence"))["m"] or 0
        self.last[year] += 1
        concern.year, concern.sequence = year, self.last[year]
        concern.number = f"{self.office.code}-{year}-{concern.sequence:05d}"


def save_plans(plans: list[Plan], numbers: Numbering) -> None:
    concerns = [p.concern for p in plans]
    for plan in plans:
        numbers.assign(plan.concern)
        plan.concern.first_response_on = min(
            [timezone.localdate(a.occurred_at) for a in plan.activities]
            + [r.sent_on for r in plan.referrals]
        )
    created = [min(a.occurred_at for a in p.activities) for p in plans]
    changed = [
        p.concern.closed_at or max(a.occurred_at for a in p.activities) for p in plans
    ]
    create_dated(Concern, concerns, created, [c.created_by for c in concerns], changed)
    bulk(Concern.topics.through, _links(plans, "topics", "topic_id"))
    bulk(Concern.persons.through, _links(plans, "persons", "person_id"))
    bulk(Concern.shared_with.through, _links(plans, "shared_with", "user_id"))
    bulk(Activity, (a for p in plans for a in p.activities))
    bulk(FollowUp, (f for p in plans for f in p.follow_ups))
    bulk(Referral, (r for p in plans for r in p.referrals))


def _links(plans: list[Plan], attribute: str, column: str) -> Iterator[models.Model]:
    through = getattr(Concern, attribute).through
    for plan in plans:
        for item in getattr(plan, attribute):
            yield through(concern_id=plan.concern.pk, **{column: item.pk})


# --- Saving ------------------------------------------------------------------


def bulk(model: type[models.Model], objects: Iterator[models.Model] | list) -> None:
    model._default_manager.bulk_create(list(objects), batch_size=BATCH)


def create_dated(
    model: type[Dated],
    objects: Sequence[Dated],
    created: list[datetime.datetime],
    users: Sequence[User | None],
    changed: list[datetime.datetime] | None = None,
) -> None:
    """Create records as of their invented dates, with a matching history entry."""
    for obj, at, then, user in zip(
        objects, created, changed or created, users, strict=True
    ):
        obj.created_at, obj.updated_at = at, then
        # simple_history takes each record's date and author from these.
        setattr(obj, "_history_date", at)  # noqa: B010
        setattr(obj, "_history_user", user)  # noqa: B010
    with timestamps_as_given(model):
        model._default_manager.bulk_create(objects, batch_size=BATCH)
    model.history.bulk_history_create(objects, batch_size=BATCH)


@contextmanager
def timestamps_as_given(model: type[models.Model]) -> Iterator[None]:
    """Let bulk_create keep the created_at and updated_at values that were set.

    auto_now and auto_now_add would stamp every row with the present moment;
    invented records must carry their invented dates. Writing them afterwards
    with bulk_update takes a third of the time of building the benchmark's
    data. The switch holds for the whole process, so it is only for this
    single-threaded generator.
    """
    fields = [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add
