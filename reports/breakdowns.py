"""What the statistics count, counted in the database.

Every table is described once as a ``Breakdown`` and counted with one
``values()`` + ``annotate(Count)`` query per table; no concern or person is
loaded into Python. The same description gives the column of one office
(``office_report``) and the grid of all offices (``state_report``), so the
dashboard, the report files and the state view always agree. The figures that
are not counts of concerns (guides, mediators, hours budget) are in
``measures.py``.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Count, F, QuerySet, Value
from django.db.models.functions import TruncMonth
from django.db.models.lookups import LessThanOrEqual
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.models import (
    Channel,
    ConcernType,
    Justification,
    Outcome,
    Referral,
    ReferralStatus,
    Status,
)
from clients.models import ResidenceStatus
from directory.models import PartnerKind
from guidance.models import CareKind
from lib.iso import country_name, language_name
from portal.models import Kind as PortalKind
from portal.models import Submission

from .scope import Scope

# --- Labels of the rows --------------------------------------------------------

# Found keys in, (key, label) pairs out, in the order the table shows them.
Labels = Callable[[Iterable[Any]], list[tuple[Any, str]]]


def choice_labels(
    choices: type[models.Choices] | Sequence[tuple[Any, Any]],
    blank: Promise | None = None,
) -> Labels:
    """Rows in the order of the choices (never by size: that order would tell
    which of two hidden cells is larger)."""
    pairs_given = choices if isinstance(choices, Sequence) else choices.choices

    def ordered(keys: Iterable[Any]) -> list[tuple[Any, str]]:
        found = set(keys)
        pairs = [(value, str(label)) for value, label in pairs_given]
        if blank is not None:
            pairs += [("", str(blank)), (None, str(blank))]
        known = [(key, label) for key, label in pairs if key in found]
        # Values no longer among the choices still count, under their key.
        rest = sorted(found - {key for key, _label in known}, key=str)
        return known + [(key, str(key)) for key in rest]

    return ordered


def month_labels(keys: Iterable[Any]) -> list[tuple[Any, str]]:
    return [(month, date_format(month, "YEAR_MONTH_FORMAT")) for month in sorted(keys)]


def name_labels(blank: Promise | None = None) -> Labels:
    def ordered(keys: Iterable[Any]) -> list[tuple[Any, str]]:
        names = sorted((key for key in keys if key), key=str.casefold)
        pairs = [(name, name) for name in names]
        nameless = [key for key in keys if not key]
        return pairs + [(key, str(blank)) for key in nameless if blank is not None]

    return ordered


def coded_labels(name: Callable[[str], str]) -> Labels:
    """Countries or languages by their name in the reader's language."""

    def ordered(keys: Iterable[Any]) -> list[tuple[Any, str]]:
        pairs = [(key, name(key)) for key in keys]
        return sorted(pairs, key=lambda pair: pair[1].casefold())

    return ordered


# --- Days until the first response and until closing -------------------------


class DaysBetween(models.Func):
    """Whole days from a date to a later date or moment (the moment's UTC
    day; NULL while there is none)."""

    arity = 2
    output_field = models.IntegerField()

    def _parts(self, compiler: Any, connection: Any) -> tuple[str, str, list[Any]]:
        start, start_params = compiler.compile(self.source_expressions[0])
        end, end_params = compiler.compile(self.source_expressions[1])
        return start, end, [*end_params, *start_params]

    def as_sql(  # type: ignore[override]
        self, compiler: Any, connection: Any, *args: Any, **extra: Any
    ) -> Any:
        start, end, params = self._parts(compiler, connection)
        return f"(CAST({end} AS date) - CAST({start} AS date))", params

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # julianday() is built into SQLite; Django's own date arithmetic would
        # call back into Python for every row.
        start, end, params = self._parts(compiler, connection)
        return f"CAST(julianday(date({end})) - julianday({start}) AS INTEGER)", params


# (key, label, up to this many days); then "longer" and "none yet".
WAITS = [
    ("0", _("The same day"), 0),
    ("2", _("1 to 2 days"), 2),
    ("7", _("3 to 7 days"), 7),
    ("30", _("8 to 30 days"), 30),
    ("90", _("31 to 90 days"), 90),
]
LONGER = ("longer", _("More than 90 days"))


def waiting(start: str, end: str) -> models.Case:
    days = DaysBetween(F(start), F(end))
    return models.Case(
        models.When(**{f"{end}__isnull": True}, then=Value("none")),
        *[
            models.When(LessThanOrEqual(days, limit), then=Value(key))
            for key, _label, limit in WAITS
        ],
        default=Value(LONGER[0]),
    )


def wait_labels(none: Promise) -> Labels:
    steps = [(key, label) for key, label, _limit in WAITS]
    return choice_labels([*steps, LONGER, ("none", none)])


# --- What is counted ---------------------------------------------------------

CONCERNS, PERSONS, REFERRALS = _("Concerns"), _("Persons concerned"), _("Referrals")
PORTAL, GUIDES = _("Public portal"), _("Integration guides")


def _concerns(scope: Scope) -> QuerySet[Any]:
    return scope.concerns()


def _referrals(scope: Scope) -> QuerySet[Any]:
    return Referral.objects.filter(concern__in=scope.concerns())


def _submissions(scope: Scope) -> QuerySet[Any]:
    return Submission.objects.filter(concern__in=scope.concerns())


def _cares(scope: Scope) -> QuerySet[Any]:
    return scope.cares()


@dataclass(frozen=True)
class Breakdown:
    # Names the table in the page (anchors) and for part_of.
    slug: str
    caption: Promise
    header: Promise
    # What one row counts, e.g. "Concerns" or "Persons".
    unit: Promise
    # The field or expression a row stands for.
    key: str | models.Expression
    labels: Labels
    section: Promise = CONCERNS
    source: Callable[[Scope], QuerySet[Any]] = _concerns
    office: str = "office"
    counted: str = "id"
    # Needed where a join repeats the counted thing (a person on two concerns).
    distinct: bool = False
    # Each counted thing falls in exactly one row, so the rows add up to a
    # total that is shown (and can give a hidden row away).
    partition: bool = True
    # Shown among the key figures under this name, with the table's total.
    figure: Promise | None = None
    note: Promise | None = None
    # The total is one row of an earlier table, (its slug, the row's key):
    # where that row is hidden, this total is hidden too.
    part_of: tuple[str, Any] | None = None
    # Rows without a key (no site, no outcome yet) are a row of their own.
    keeps_blank: bool = False
    # Counts only concerns (so a site or staff filter applies to it).
    by_concern: bool = True
    # Breakdowns of one scan are counted in one query (scan the rows once,
    # see count_all); ``only`` keeps the rows where the keys of other
    # breakdowns of the scan have these values, e.g. the closed concerns.
    scan: str = ""
    only: tuple[tuple[str, Any], ...] = ()


Counts = dict[tuple[int, Any], int]


def count_all(breakdowns: Sequence[Breakdown], scope: Scope) -> dict[str, Counts]:
    """{slug: {(office id, key): number}}; zeros are left out, and rows
    without a key (no person, no topic) unless the table keeps them."""
    scans: dict[str, list[Breakdown]] = {}
    for breakdown in breakdowns:
        scans.setdefault(breakdown.scan or breakdown.slug, []).append(breakdown)
    counts: dict[str, Counts] = {}
    for members in scans.values():
        counts.update(_count_scan(members, scope))
    return counts


def _count_scan(members: list[Breakdown], scope: Scope) -> dict[str, Counts]:
    """One query grouped by the keys of all members at once, then summed per
    member. Each key has few values, so the groups stay few; a table of a
    million concerns is read once instead of once per table. Counting
    distinct things this way is right only where each has one value of each
    key (a person's residence status and municipality)."""
    first = members[0]
    keys = {
        f"key_{member.slug}": F(member.key)
        if isinstance(member.key, str)
        else member.key
        for member in members
    }
    rows = (
        first.source(scope)
        .values(by_office=F(first.office), **keys)
        .annotate(number=Count(first.counted, distinct=first.distinct))
        .order_by()
    )
    counts: dict[str, Counts] = {member.slug: defaultdict(int) for member in members}
    for row in rows:
        for member in members:
            key = row[f"key_{member.slug}"]
            wanted = all(row[f"key_{slug}"] == value for slug, value in member.only)
            if wanted and (member.keeps_blank or key is not None):
                counts[member.slug][row["by_office"], key] += row["number"]
    return {
        slug: {key: number for key, number in found.items() if number}
        for slug, found in counts.items()
    }


class MonthStart(TruncMonth):
    """The first day of the month; on SQLite with its own date() instead of
    Django's function, which calls back into Python for every row."""

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.lhs)
        return f"date({sql}, 'start of month')", params


def _persons(
    slug: str, caption: Promise, header: Promise, key: str, labels: Labels, **more: Any
) -> Breakdown:
    return Breakdown(
        slug,
        caption,
        header,
        _("Persons"),
        key,
        labels,
        section=PERSONS,
        counted="persons",
        distinct=True,
        **more,
    )


BREAKDOWNS = [
    Breakdown(
        "type",
        _("Concerns by type"),
        _("Type"),
        CONCERNS,
        "type",
        choice_labels(ConcernType),
        figure=_("Concerns opened"),
        scan="concern",
    ),
    Breakdown(
        "channel",
        _("Concerns by channel"),
        _("Channel"),
        CONCERNS,
        "channel",
        choice_labels(Channel),
        scan="concern",
    ),
    Breakdown(
        "month",
        _("Concerns by month opened"),
        _("Month"),
        CONCERNS,
        MonthStart("opened_on"),
        month_labels,
        scan="times",
    ),
    Breakdown(
        "topic",
        _("Concerns by topic"),
        _("Topic"),
        CONCERNS,
        "topics__name",
        name_labels(),
        distinct=True,
        partition=False,
        note=_("A concern may have several topics, so there is no total."),
    ),
    Breakdown(
        "site",
        _("Concerns by site"),
        _("Site"),
        CONCERNS,
        "site__name",
        name_labels(blank=_("No site")),
        keeps_blank=True,
        scan="times",
    ),
    Breakdown(
        "status",
        _("Concerns by current status"),
        _("Status"),
        CONCERNS,
        "status",
        choice_labels(Status),
        scan="concern",
    ),
    Breakdown(
        "outcome",
        _("Closed concerns by outcome"),
        _("Outcome"),
        CONCERNS,
        "outcome",
        choice_labels(Outcome, blank=_("Not recorded")),
        figure=_("Concerns closed"),
        part_of=("status", Status.CLOSED),
        keeps_blank=True,
        scan="concern",
        only=(("status", Status.CLOSED),),
    ),
    Breakdown(
        "first_response",
        _("Time from opening to the first response"),
        _("First response"),
        CONCERNS,
        waiting("opened_on", "first_response_on"),
        wait_labels(_("No response recorded yet")),
        note=_(
            "The first response is the first activity, referral or public answer "
            "recorded on the concern."
        ),
        scan="times",
    ),
    Breakdown(
        "closing",
        _("Time from opening to closing"),
        _("Closed after"),
        CONCERNS,
        waiting("opened_on", "closed_at"),
        wait_labels(_("Still open")),
        scan="times",
    ),
    Breakdown(
        "justification",
        _("Complaints by justification"),
        _("Justification"),
        _("Complaints"),
        "justification",
        choice_labels(Justification, blank=_("Not assessed yet")),
        figure=_("Complaints"),
        part_of=("type", ConcernType.COMPLAINT),
        keeps_blank=True,
        scan="concern",
        only=(("type", ConcernType.COMPLAINT),),
    ),
    _persons(
        "residence",
        _("Persons concerned by residence status"),
        _("Residence status"),
        "persons__residence_status",
        choice_labels(ResidenceStatus, blank=_("Not recorded")),
        figure=PERSONS,
        scan="persons",
    ),
    _persons(
        "nationality",
        _("Persons concerned by nationality"),
        _("Nationality"),
        "persons__nationalities__country",
        coded_labels(country_name),
        partition=False,
        note=_("A person may have several nationalities, so there is no total."),
    ),
    _persons(
        "language",
        _("Persons concerned by language"),
        _("Language"),
        "persons__languages__code",
        coded_labels(language_name),
        partition=False,
        note=_("A person may speak several languages, so there is no total."),
    ),
    _persons(
        "municipality",
        _("Persons concerned by municipality"),
        _("Municipality"),
        "persons__municipality__name",
        name_labels(),
        partition=False,
        note=_("Only persons whose municipality is known."),
        scan="persons",
    ),
    Breakdown(
        "referral_kind",
        _("Referrals of these concerns by kind of partner"),
        _("Kind of partner"),
        REFERRALS,
        "partner__kind",
        choice_labels(PartnerKind),
        section=REFERRALS,
        source=_referrals,
        office="concern__office",
        figure=REFERRALS,
        scan="referrals",
    ),
    Breakdown(
        "referral_status",
        _("Referrals of these concerns by result"),
        _("Result"),
        REFERRALS,
        "status",
        choice_labels(ReferralStatus),
        section=REFERRALS,
        source=_referrals,
        office="concern__office",
        scan="referrals",
    ),
    Breakdown(
        "portal_kind",
        _("Portal submissions by kind"),
        _("Kind"),
        _("Submissions"),
        "kind",
        choice_labels(PortalKind),
        section=PORTAL,
        source=_submissions,
        office="concern__office",
        figure=_("Portal submissions"),
        part_of=("channel", Channel.PORTAL),
        scan="portal",
    ),
    Breakdown(
        "portal_answer",
        _("Portal submissions with a public answer"),
        _("Public answer"),
        _("Submissions"),
        models.Case(
            models.When(answered_at__isnull=True, then=Value("open")),
            default=Value("answered"),
        ),
        choice_labels([("answered", _("Answered")), ("open", _("Not answered yet"))]),
        section=PORTAL,
        source=_submissions,
        office="concern__office",
        part_of=("channel", Channel.PORTAL),
        scan="portal",
    ),
    Breakdown(
        "accommodation",
        _("Concerns about an accommodation"),
        _("Accommodation"),
        CONCERNS,
        "accommodation__name",
        name_labels(),
        section=_("Accommodations"),
        partition=False,
        note=_("Only concerns that name an accommodation, from the portal too."),
    ),
    Breakdown(
        "care_residence",
        _("Persons in the guide service by residence status"),
        _("Residence status"),
        _("Persons"),
        "person__residence_status",
        choice_labels(ResidenceStatus),
        section=GUIDES,
        source=_cares,
        counted="person",
        distinct=True,
        figure=_("Persons in the guide service"),
        by_concern=False,
    ),
    Breakdown(
        "care_kind",
        _("Cares of the guide service by kind"),
        _("Kind"),
        _("Cares"),
        "kind",
        choice_labels(CareKind),
        section=GUIDES,
        source=_cares,
        by_concern=False,
    ),
]
