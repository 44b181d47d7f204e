"""The data of benchmark "reports": one office's year at a million concerns.

One office of its own (BREP) whose concerns were all opened in REPORT_YEAR,
with what the report joins: persons (residence status, municipality, birth
data, nationalities, languages) linked to most concerns, topics, referrals to
partners of many kinds, portal submissions, sites, staff. The shapes come from
the demo (demo/data.py: subjects and their channels, outcomes, origins and
their names, countries, languages and residence statuses).

Built once with raw SQL (executemany on SQLite, COPY on PostgreSQL) in one
transaction, then reused while the office's concern count is right.
"""

import datetime
import hashlib
import itertools
import random
import time
from bisect import bisect
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from accounts.models import Municipality, Office, Site, User
from cases.actions import seed_topics
from cases.models import (
    Concern,
    ConcernType,
    Referral,
    ReferralStatus,
    Status,
    Topic,
)
from clients.models import (
    DatePrecision,
    Gender,
    Nationality,
    Person,
    PersonLanguage,
)
from demo import data
from demo.data import ERZ, ORIGINS
from directory.models import Partner, PartnerKind
from lib.names import name_key
from portal.models import Kind, Submission

REPORT_YEAR = 2025
OFFICE_CODE = "BREP"
SEED = "lotse-bench-reports"
STAFF = 14
DESK_STAFF = 2  # the first ones: they take calls and mail for the others
BATCH = 50_000

T = TypeVar("T")


def persons_for(concerns: int) -> int:
    # 400,000 persons for a million concerns: most come more than once a year.
    return max(1, concerns * 2 // 5)


def ensure_dataset(concerns: int) -> Office:
    """The bench office with `concerns` concerns, built when missing."""
    call_command("migrate", verbosity=0)
    office = Office.objects.filter(code=OFFICE_CODE).first()
    if office is None:
        office = build(concerns)
    elif (found := office.concerns.count()) != concerns:
        raise SystemExit(
            f"The bench office {OFFICE_CODE} holds {found} concerns, not {concerns}. "
            "Delete its database (var/bench-reports*.sqlite3, or the PostgreSQL "
            "database) to have it built again."
        )
    if add_first_responses(office):
        analyze()
    return office


def build(concerns: int) -> Office:
    persons = persons_for(concerns)
    print(f"Building {concerns:,} concerns and {persons:,} persons …", flush=True)
    started = time.perf_counter()
    rng = random.Random(SEED)
    if connection.vendor == "sqlite":
        # Only for this connection and this build; measured runs use new ones.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-500000")
    with transaction.atomic():
        office = make_office()
        setup = Setup(office, rng)
        first_person = build_persons(setup, persons)
        build_concerns(setup, concerns, first_person, persons)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Person, Concern]):
                cursor.execute(sql)
    print(f"  inserted in {time.perf_counter() - started:.0f} s", flush=True)
    add_first_responses(office)
    analyze()
    connection.close()
    print(f"Built in {time.perf_counter() - started:.0f} s.", flush=True)
    return office


def analyze() -> None:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # On PostgreSQL also the visibility map that autovacuum would set,
        # so that index-only scans work as in a running office.
        vacuum = connection.vendor == "postgresql"
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    print(f"  analyzed in {time.perf_counter() - started:.0f} s", flush=True)


# --- The office ----------------------------------------------------------------


def make_office() -> Office:
    office = Office.objects.create(
        name="Bench: Jahresbericht",
        code=OFFICE_CODE,
        slug="bench-reports",
        federal_state="SN",
    )
    Municipality.objects.bulk_create(
        Municipality(office=office, name=name, district=district)
        for name, district in ERZ.municipalities
    )
    Site.objects.bulk_create(
        Site(office=office, name=name, address=address, accessibility=access)
        for name, address, access in ERZ.sites
    )
    seed_topics(office)
    # The demo's partners, and one of every other kind, so that referrals
    # fall into all rows of the table by kind of partner.
    partners = [Partner(office=office, kind=k, name=n) for k, n, _m in ERZ.partners]
    covered = {kind for kind, _name, _m in ERZ.partners}
    partners += [
        Partner(office=office, kind=kind, name=f"{label} (Bench)")
        for kind, label in PartnerKind.choices
        if kind not in covered
    ]
    Partner.objects.bulk_create(partners)
    for n in range(1, STAFF + 1):
        User.objects.create_user(
            username=f"bench-reports-{n:02d}",
            office=office,
            first_name="Bench",
            last_name=f"Mitarbeiter {n:02d}",
        )
    return office


class Setup:
    """The office's parts and the random draws over them."""

    def __init__(self, office: Office, rng: random.Random) -> None:
        self.office = office
        self.rng = rng
        self.stamp = stamp_format()
        self.municipalities = list(
            Municipality.objects.filter(office=office).values_list("pk", flat=True)
        )
        self.sites = list(
            Site.objects.filter(office=office).values_list("pk", flat=True)
        )
        self.staff = list(
            User.objects.filter(office=office)
            .order_by("username")
            .values_list("pk", flat=True)
        )
        self.topics = dict(
            Topic.objects.filter(office=office).values_list("source", "pk")
        )
        self.partners: dict[str, list[int]] = {}
        for kind, pk in Partner.objects.filter(office=office).values_list("kind", "pk"):
            self.partners.setdefault(kind, []).append(pk)

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def picker(self, pairs: Sequence[tuple[T, float]]) -> Callable[[], T]:
        """A fast weighted draw (cumulative weights computed once)."""
        items = [item for item, _weight in pairs]
        cumulative = list(itertools.accumulate(weight for _item, weight in pairs))
        total = cumulative[-1]
        random_ = self.rng.random
        return lambda: items[bisect(cumulative, random_() * total)]


def stamp_format() -> Callable[[datetime.date, int, int], str]:
    """A moment of a day in UTC, as the database stores a DateTimeField."""
    # Django keeps naive UTC text in SQLite; PostgreSQL takes an offset.
    suffix = "" if connection.vendor == "sqlite" else "+00"

    def stamp(day: datetime.date, hour: int, minute: int) -> str:
        return f"{day.isoformat()} {hour:02d}:{minute:02d}:00{suffix}"

    return stamp


# --- Writing rows ----------------------------------------------------------------


class Rows:
    """Inserts into one model's table: the given fields from each row, every
    other column that exists in the database with its default.

    The columns are read from the database, not only from the model, so that
    the build works while a field is being added (model and migration may be
    a step apart) and respects every NOT NULL column.
    """

    def __init__(self, model: type[models.Model], given: Sequence[str]) -> None:
        meta = model._meta
        existing = columns_of(meta.db_table)
        fields = {field.attname: field for field in meta.concrete_fields}
        rest = [
            field
            for field in meta.concrete_fields
            if field.column in existing
            and field.attname not in given
            and not field.primary_key
        ]
        self.defaults = tuple(default_value(field) for field in rest)
        columns = [fields[name].column for name in given] + [f.column for f in rest]
        quote = connection.ops.quote_name
        self.table = quote(meta.db_table)
        self.columns = ", ".join(quote(column) for column in columns)
        self.placeholders = ", ".join("?" for _column in columns)
        self.count = 0

    def insert(self, rows: Iterable[tuple]) -> None:
        defaults = self.defaults
        full = [row + defaults for row in rows]
        self.count += len(full)
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            connection.connection.executemany(
                f"INSERT INTO {self.table} ({self.columns}) "
                f"VALUES ({self.placeholders})",
                full,
            )
            return
        with connection.cursor() as cursor:
            copy_sql = f"COPY {self.table} ({self.columns}) FROM STDIN"
            with cursor.cursor.copy(copy_sql) as copy:
                for row in full:
                    copy.write_row(row)


def columns_of(table: str) -> set[str]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_table_description(cursor, table)
    return {column.name for column in found}


def default_value(field: models.Field) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        value: Any = timezone.now()
    else:
        value = field.get_default()
    if value is None and not field.null:
        raise SystemExit(
            f"{field.model.__name__}.{field.name} is NOT NULL without a default: "
            "bench/reports_data.py must set it."
        )
    if isinstance(value, datetime.datetime):
        moment = value.astimezone(datetime.UTC)
        return stamp_format()(moment.date(), moment.hour, moment.minute)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def next_id(model: type[models.Model]) -> int:
    last = model._default_manager.aggregate(last=models.Max("pk"))["last"]
    return (last or 0) + 1


# --- Persons ---------------------------------------------------------------------


def build_persons(setup: Setup, count: int) -> int:
    """`count` persons with explicit ids from the returned first one."""
    started = time.perf_counter()
    rng, stamp, office_id = setup.rng, setup.stamp, setup.office.pk
    first = next_id(Person)
    persons = Rows(
        Person,
        [
            "id",
            "office_id",
            "family_name",
            "given_names",
            "name_original",
            "birth_date",
            "birth_date_precision",
            "gender",
            "residence_status",
            "municipality_id",
            "name_key",
            "created_at",
            "updated_at",
        ],
    )
    nationalities = Rows(Nationality, ["person_id", "country"])
    languages = Rows(PersonLanguage, ["person_id", "code"])
    origin = setup.picker([(ORIGINS[key], w) for key, w in ERZ.origins.items()])
    statuses = {id(o): setup.picker(o.statuses) for o in ORIGINS.values()}
    spoken = {id(o): setup.picker(o.languages) for o in ORIGINS.values()}
    gender = setup.picker(
        [(Gender.MALE.value, 53), (Gender.FEMALE.value, 45)]
        + [(Gender.UNSTATED.value, 1.8), (Gender.DIVERSE.value, 0.2)]
    )
    # Larger towns first in the demo's list: they get more people.
    places = setup.municipalities
    municipality = setup.picker([(pk, 1 + 1 / (i + 1)) for i, pk in enumerate(places)])
    middle = datetime.date(REPORT_YEAR, 7, 1)
    keys: dict[tuple[str, str, str], str] = {}
    rows: list[tuple] = []
    countries: list[tuple] = []
    codes: list[tuple] = []
    for pk in range(first, first + count):
        o = origin()
        sex = gender()
        pool = o.female if sex == Gender.FEMALE else o.male
        given_name = rng.choice(pool)
        family_name = rng.choice(o.family)
        given = spelling(rng, given_name[0])
        family = spelling(rng, family_name[0])
        original = ""
        if given_name[1] and family_name[1] and rng.random() < 0.85:
            original = f"{given_name[1]} {family_name[1]}"
        key = keys.get((family, given, original))
        if key is None:
            key = keys[family, given, original] = name_key(family, given, original)
        born, precision = birth(rng, o.year_only, middle)
        since = datetime.date(REPORT_YEAR - rng.randint(0, 8), 1, 1)
        created = stamp(since + datetime.timedelta(days=rng.randint(0, 364)), 9, 0)
        rows.append(
            (
                pk,
                office_id,
                family,
                given,
                original,
                born,
                precision,
                sex,
                statuses[id(o)](),
                municipality() if rng.random() < 0.97 else None,
                key,
                created,
                created,
            )
        )
        nation = dict.fromkeys(rng.choice(o.countries))
        if rng.random() < 0.08:
            nation[rng.choice(["DE", "RU", "TR", "UA", "PL", "SY"])] = None
        countries.extend((pk, country) for country in nation)
        languages_spoken = dict.fromkeys([spoken[id(o)]()])
        if rng.random() < 0.35:
            languages_spoken[spoken[id(o)]() if rng.random() < 0.5 else "deu"] = None
        codes.extend((pk, code) for code in languages_spoken)
        if len(rows) == BATCH:
            flush_persons(persons, rows, nationalities, countries, languages, codes)
            print(f"  persons: {persons.count:,} of {count:,}", flush=True)
    flush_persons(persons, rows, nationalities, countries, languages, codes)
    seconds = time.perf_counter() - started
    print(
        f"  {persons.count:,} persons, {nationalities.count:,} nationalities, "
        f"{languages.count:,} languages in {seconds:.0f} s",
        flush=True,
    )
    return first


def flush_persons(
    persons: Rows,
    rows: list[tuple],
    nationalities: Rows,
    countries: list[tuple],
    languages: Rows,
    codes: list[tuple],
) -> None:
    for table, batch in (
        (persons, rows),
        (nationalities, countries),
        (languages, codes),
    ):
        table.insert(batch)
        batch.clear()


def spelling(rng: random.Random, spellings: tuple[str, ...]) -> str:
    return spellings[0] if rng.random() < 0.6 else rng.choice(spellings)


def birth(
    rng: random.Random, year_only: float, middle: datetime.date
) -> tuple[str | None, str]:
    if rng.random() < 0.02:
        return None, DatePrecision.DAY.value
    if rng.random() < 0.25:
        age = rng.randint(0, 17)
    else:
        age = 18 + round(rng.betavariate(2, 4) * 60)
    born = middle - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
    if rng.random() < year_only:
        # Papers without a known birthday say 01.01.
        return born.replace(month=1, day=1).isoformat(), DatePrecision.YEAR.value
    if rng.random() < 0.05:
        return born.replace(day=1).isoformat(), DatePrecision.MONTH.value
    return born.isoformat(), DatePrecision.DAY.value


# --- Concerns ----------------------------------------------------------------------


def days_of_year(count: int) -> list[tuple[datetime.date, int]]:
    """How many concerns were opened on each day: workdays, a quieter summer
    and Christmas; the counts add up to `count` exactly."""
    first = datetime.date(REPORT_YEAR, 1, 1)
    days = [
        first + datetime.timedelta(days=n)
        for n in range((datetime.date(REPORT_YEAR + 1, 1, 1) - first).days)
    ]
    season = [1.0, 1.1, 1.1, 1.0, 1.0, 0.95, 0.85, 0.75, 1.05, 1.1, 1.05, 0.8]
    weights = [
        season[day.month - 1] * (1.0 if day.weekday() < 5 else 0.03) for day in days
    ]
    total = sum(weights)
    exact = [count * w / total for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(
        range(len(days)), key=lambda i: exact[i] - counts[i], reverse=True
    )
    for i in by_remainder[: count - sum(counts)]:
        counts[i] += 1
    return list(zip(days, counts, strict=True))


def build_concerns(setup: Setup, count: int, first_person: int, persons: int) -> None:
    started = time.perf_counter()
    rng, stamp = setup.rng, setup.stamp
    office_id, code = setup.office.pk, setup.office.code
    # Generated only while the model and the table have them.
    fields = {field.attname for field in Concern._meta.concrete_fields}
    responses = [
        column
        for column in FIRST_RESPONSE
        if column in fields and column in columns_of("cases_concern")
    ]
    concerns = Rows(
        Concern,
        [
            "id",
            "office_id",
            "number",
            "year",
            "sequence",
            "type",
            "channel",
            "subject",
            "description",
            "anonymous",
            "site_id",
            "assigned_to_id",
            "status",
            "outcome",
            "outcome_note",
            "justification",
            "opened_on",
            "closed_at",
            "version",
            "created_by_id",
            "created_at",
            "updated_at",
            *responses,
        ],
    )
    concern_persons = Rows(Concern.persons.through, ["concern_id", "person_id"])
    concern_topics = Rows(Concern.topics.through, ["concern_id", "topic_id"])
    referrals = Rows(
        Referral,
        [
            "concern_id",
            "partner_id",
            "shares_personal_data",
            "reason",
            "status",
            "result",
            "sent_on",
            "created_by_id",
        ],
    )
    submissions = Rows(
        Submission,
        [
            "concern_id",
            "kind",
            "portal_language",
            "text_language",
            "municipality_id",
            "on_behalf",
            "contact_name",
            "contact_email",
            "answer_language",
            "consent_at",
            "code_digest",
            "form_token",
            "challenge_solved",
            "public_answer",
            "public_answer_language",
            "answered_at",
            "created_at",
        ],
    )
    tables = [concerns, concern_persons, concern_topics, referrals, submissions]
    batches: list[list[tuple]] = [[] for _table in tables]
    rows, linked, tagged, referred, submitted = batches

    subject = setup.picker([((t, k, s), w) for t, k, s, w in data.SUBJECTS])
    channel = {k: setup.picker(pairs) for k, pairs in data.CHANNELS.items()}
    outcome = {k: setup.picker(pairs) for k, pairs in data.OUTCOMES.items()}
    justification = setup.picker(data.JUSTIFICATIONS)
    status = setup.picker(
        [
            (Status.CLOSED.value, 88),
            (Status.IN_PROGRESS.value, 6),
            (Status.WAITING.value, 4),
            (Status.NEW.value, 2),
        ]
    )
    staff = setup.staff
    assignee = setup.picker(
        [(pk, 2 if i < DESK_STAFF else 5) for i, pk in enumerate(staff)]
    )
    site = setup.picker([(pk, 4 - i) for i, pk in enumerate(setup.sites)])
    all_topics = list(setup.topics.values())
    all_partners = [pk for pks in setup.partners.values() for pk in pks]
    portal_language = setup.picker(
        [("de", 45), ("ls", 3), ("en", 8), ("ar", 15), ("fa", 8), ("uk", 14)]
        + [("ru", 5), ("tr", 2)]
    )
    descriptions = [
        " ".join(rng.sample(data.DESCRIPTIONS, 2))
        for _n in range(len(data.DESCRIPTIONS) * 4)
    ]
    sequence = 0
    pk = next_id(Concern)
    for day, today in days_of_year(count):
        opened = day.isoformat()
        for _n in range(today):
            sequence += 1
            topic, kind, text = subject()
            way = channel[kind]()
            hour, minute = rng.randint(7, 15), rng.randrange(0, 60, 5)
            created = stamp(day, hour, minute)
            draw = rng.random()
            named = 0 if draw < 0.07 else 1 if draw < 0.9 else 2
            for _person in range(named):
                # Some persons come often, most once or twice.
                person = first_person + int(persons * rng.random() ** 1.6)
                linked.append((pk, person))
            if named == 2 and linked[-1] == linked[-2]:
                linked.pop()
            if rng.random() < 0.6:
                chosen = dict.fromkeys([setup.topics.get(topic, all_topics[0])])
                if rng.random() < 0.2:
                    chosen[rng.choice(all_topics)] = None
                tagged.extend((pk, topic_pk) for topic_pk in chosen)
            place: int | None = None
            if way == "consultation_hour" or (way == "outreach" and rng.random() < 0.5):
                place = site()
            elif rng.random() < 0.2:
                place = site()
            owner = assignee() if rng.random() < 0.97 else None
            creator: int | None = owner or staff[0]
            if way in {"phone", "email", "letter"} and rng.random() < 0.4:
                creator = staff[rng.randrange(DESK_STAFF)]
            state = status()
            closed_at = note = result = judged = ""
            closed = None
            if state == Status.CLOSED:
                closed = day + datetime.timedelta(days=int(60 * rng.random() ** 2))
                closed_at = stamp(closed, rng.randint(8, 16), rng.randrange(60))
                result = outcome.get(kind, outcome["other"])()
                note = rng.choice(data.OUTCOME_NOTES[result])
            if kind == ConcernType.COMPLAINT and (
                state == Status.CLOSED or rng.random() < 0.3
            ):
                judged = justification()
            if rng.random() < 0.15:
                kinds = [
                    k for k in data.TOPIC_PARTNERS.get(topic, ()) if k in setup.partners
                ]
                for _referral in range(1 if rng.random() < 0.9 else 2):
                    if kinds and rng.random() < 0.85:
                        partner = rng.choice(setup.partners[rng.choice(kinds)])
                    else:
                        partner = rng.choice(all_partners)
                    referred.append(
                        referral_row(rng, pk, partner, day, state, owner or staff[0])
                    )
            if way == "portal":
                creator = None
                submitted.append(
                    submission_row(setup, pk, kind, day, created, portal_language)
                )
            rows.append(
                (
                    pk,
                    office_id,
                    f"{code}-{REPORT_YEAR}-{sequence:07d}",
                    REPORT_YEAR,
                    sequence,
                    kind,
                    way,
                    text,
                    rng.choice(descriptions),
                    named == 0 and kind == ConcernType.COMPLAINT and rng.random() < 0.5,
                    place,
                    owner,
                    state,
                    result,
                    note,
                    judged,
                    opened,
                    closed_at or None,
                    3 if closed_at else 1,
                    creator,
                    created,
                    closed_at or created,
                )
            )
            if responses:
                rows[-1] += first_response(pk, day, closed, closed_at, responses, stamp)
            pk += 1
            if len(rows) == BATCH:
                flush(tables, batches)
                print(f"  concerns: {concerns.count:,} of {count:,}", flush=True)
    flush(tables, batches)
    seconds = time.perf_counter() - started
    print(
        f"  {concerns.count:,} concerns with {concern_persons.count:,} persons, "
        f"{concern_topics.count:,} topics, {referrals.count:,} referrals and "
        f"{submissions.count:,} portal submissions in {seconds:.0f} s",
        flush=True,
    )


def flush(tables: list[Rows], batches: list[list[tuple]]) -> None:
    for table, batch in zip(tables, batches, strict=True):
        table.insert(batch)
        batch.clear()


def referral_row(
    rng: random.Random,
    concern: int,
    partner: int,
    day: datetime.date,
    state: str,
    sender: int,
) -> tuple:
    if state == Status.CLOSED:
        draw = rng.random()
        status = (
            ReferralStatus.DONE
            if draw < 0.7
            else ReferralStatus.DECLINED
            if draw < 0.8
            else ReferralStatus.ACCEPTED
        ).value
    else:
        status = rng.choice([ReferralStatus.SENT, ReferralStatus.ACCEPTED]).value
    result = ""
    if status in {ReferralStatus.DONE, ReferralStatus.DECLINED}:
        result = rng.choice(data.REFERRAL_RESULTS)
    sent = day + datetime.timedelta(days=rng.randint(0, 7))
    return (
        concern,
        partner,
        False,
        rng.choice(data.REFERRAL_REASONS),
        status,
        result,
        sent.isoformat(),
        sender,
    )


def submission_row(
    setup: Setup,
    concern: int,
    kind: str,
    day: datetime.date,
    created: str,
    portal_language: Callable[[], str],
) -> tuple:
    rng = setup.rng
    if kind == ConcernType.COMPLAINT:
        form = Kind.DISCRIMINATION if rng.random() < 0.15 else Kind.COMPLAINT
    elif kind == ConcernType.REQUEST:
        form = Kind.REQUEST
    else:
        form = Kind.ACCESSIBILITY if rng.random() < 0.03 else Kind.QUESTION
    language = portal_language()
    named = rng.random() < 0.7
    answered = rng.random() < 0.8
    answered_at = None
    if answered:
        later = day + datetime.timedelta(days=rng.randint(1, 20))
        answered_at = setup.stamp(later, rng.randint(8, 15), rng.randrange(60))
    digest = hashlib.sha256(f"{SEED}-code-{concern}".encode()).hexdigest()
    token = hashlib.sha256(f"{SEED}-form-{concern}".encode()).hexdigest()
    return (
        concern,
        # Plain text: psycopg would write an Enum's name, not its value.
        form.value,
        language,
        "deu" if language in {"de", "ls"} else "",
        rng.choice(setup.municipalities) if rng.random() < 0.6 else None,
        rng.random() < 0.1,
        "Bench" if named else "",
        f"bench{concern}@example.org" if named else "",
        language if named else "",
        created,
        digest,
        token,
        rng.random() < 0.95,
        "Vielen Dank, wir haben Ihr Anliegen bearbeitet." if answered else "",
        "de" if answered else "",
        answered_at,
        created,
    )


# --- Fields that arrive later ------------------------------------------------------

# A few days after opening (mostly fewer), derived from the id so that both
# databases get the same; SQL, so that a column added after the build (and
# left empty by its migration, which finds no activities here) is filled too.
RESPONSE_DAYS = "(((id * 7919) % 10) * ((id * 104729) % 10) / 10)"
RESPONSE_HOURS = "(7 + (id * 31) % 9)"
FIRST_RESPONSE = {
    # column: (SQLite, PostgreSQL)
    "first_response_on": (
        "min(coalesce(date(closed_at), '9999'), "
        f"date(opened_on, '+' || {RESPONSE_DAYS} || ' days'))",
        "LEAST((closed_at AT TIME ZONE 'Europe/Berlin')::date, "
        f"opened_on + {RESPONSE_DAYS}::int)",
    ),
    "first_response_at": (
        "min(coalesce(closed_at, '9999'), datetime(opened_on, "
        f"'+' || {RESPONSE_DAYS} || ' days', '+' || {RESPONSE_HOURS} || ' hours'))",
        f"LEAST(closed_at, (opened_on + make_interval(days => {RESPONSE_DAYS}::int, "
        f"hours => {RESPONSE_HOURS}::int)) AT TIME ZONE 'UTC')",
    ),
}


def first_response(
    pk: int,
    day: datetime.date,
    closed: datetime.date | None,
    closed_at: str,
    columns: list[str],
    stamp: Callable[[datetime.date, int, int], str],
) -> tuple:
    """The values FIRST_RESPONSE gives in SQL, computed while building."""
    if pk % 12 == 0:
        return (None,) * len(columns)
    later = day + datetime.timedelta(days=(pk * 7919 % 10) * (pk * 104729 % 10) // 10)
    values = []
    for column in columns:
        if column == "first_response_on":
            values.append(min(later, closed or later).isoformat())
        else:
            moment = stamp(later, 7 + pk * 31 % 9, 0)
            values.append(min(moment, closed_at or moment))
    return tuple(values)


def add_first_responses(office: Office) -> bool:
    """Fill the first response of eleven in twelve concerns, never after
    closing, in whichever of the columns exists and is still empty for the
    office; True when something was filled."""
    office_id = int(office.pk)
    filled = False
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(
            cursor, "cases_concern"
        )
        existing = {column.name for column in columns}
        for column, (sqlite, postgresql) in FIRST_RESPONSE.items():
            if column not in existing:
                continue
            cursor.execute(
                f"SELECT 1 FROM cases_concern WHERE office_id = {office_id} "
                f"AND {column} IS NOT NULL LIMIT 1"
            )
            if cursor.fetchone():
                continue
            started = time.perf_counter()
            value = sqlite if connection.vendor == "sqlite" else postgresql
            # Without parameters, so that "%" is the modulo on both databases.
            cursor.execute(
                f"UPDATE cases_concern SET {column} = {value} "
                f"WHERE office_id = {office_id} AND id % 12 <> 0"
            )
            print(
                f"  {column} of {cursor.rowcount:,} concerns filled in "
                f"{time.perf_counter() - started:.0f} s",
                flush=True,
            )
            filled = True
    return filled
