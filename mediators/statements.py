"""Monthly statements of a mediator and the office's payment export.

A month is a calendar month in local time (Europe/Berlin): an assignment
belongs to the month in which it starts there. Each assignment is priced at
the rate valid on its own day (billing.py), so a month in which the rate
changed shows both. Only paid assignments are listed: the done ones and
those the office cancelled late. Totals are sums of the rounded lines.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from accounts.models import Office
from lib.months import next_month

from .billing import TENTH, ZERO, Line, local_day, price
from .models import PAYABLE, Assignment, AssignmentStatus, Mediator, Rate

# Years a statement can be asked for; anything else is not a month of Lotse.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of the month and of the next one, in local time."""
    start = datetime.datetime.combine(month, datetime.time())
    end = datetime.datetime.combine(next_month(month), datetime.time())
    return timezone.make_aware(start), timezone.make_aware(end)


def hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def rate_for(rates: list[Rate], day: datetime.date) -> Rate | None:
    """RateScheme.rate_on for rates already loaded, newest first."""
    return next((rate for rate in rates if rate.valid_from <= day), None)


@dataclass
class Statement:
    mediator: Mediator
    month: datetime.date
    lines: list[Line]

    @property
    def fee(self) -> Decimal:
        return sum((line.fee for line in self.lines), ZERO)

    @property
    def travel_cost(self) -> Decimal:
        return sum((line.travel_cost for line in self.lines), ZERO)

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), ZERO)

    @property
    def minutes(self) -> int:
        return sum(line.minutes for line in self.lines)

    @property
    def hours(self) -> Decimal:
        return hours(self.minutes)

    @property
    def km(self) -> Decimal:
        return sum((line.km for line in self.lines), ZERO.quantize(TENTH))

    @property
    def rates(self) -> list[Rate]:
        """The rates applied this month, oldest first."""
        found = {line.rate.pk: line.rate for line in self.lines if line.rate}
        return sorted(found.values(), key=lambda rate: rate.valid_from)

    @property
    def unpriced(self) -> list[Line]:
        """Paid assignments before the first rate of the scheme."""
        return [line for line in self.lines if line.rate is None]


def _payable(month: datetime.date) -> QuerySet[Assignment]:
    start, end = month_bounds(month)
    return Assignment.objects.filter(
        status__in=PAYABLE, starts_at__gte=start, starts_at__lt=end
    ).order_by("starts_at", "pk")


def _lines(assignments: Iterable[Assignment], rates: list[Rate]) -> list[Line]:
    lines = []
    for assignment in assignments:
        rate = rate_for(rates, local_day(assignment))
        line = price(assignment, rate)
        # Paid, or not priceable: a missing rate must show, not vanish.
        if line.paid or (rate is None and _would_pay(assignment)):
            lines.append(line)
    return lines


def _would_pay(assignment: Assignment) -> bool:
    # Without a rate, a late cancellation cannot be told from an early one;
    # done assignments are the ones that certainly are owed.
    return assignment.status == AssignmentStatus.DONE


def lines_between(
    office_ids: Iterable[int], first: datetime.date, last: datetime.date
) -> list[tuple[int, Line]]:
    """(office id, line) of every paid assignment that starts from the first
    to the last day (local), priced as on the statements."""
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time()))
    following = last + datetime.timedelta(days=1)
    end = timezone.make_aware(datetime.datetime.combine(following, datetime.time()))
    assignments = (
        Assignment.objects.filter(
            status__in=PAYABLE,
            request__office_id__in=office_ids,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .select_related("request", "mediator")
        .prefetch_related(
            Prefetch(
                "mediator__rate_scheme__rates",
                queryset=Rate.objects.order_by("-valid_from"),
            )
        )
    )
    return [
        (assignment.request.office_id, line)
        for assignment in assignments
        for line in _lines(
            [assignment], list(assignment.mediator.rate_scheme.rates.all())
        )
    ]


def monthly_statement(mediator: Mediator, year: int, month: int) -> Statement:
    first = datetime.date(year, month, 1)
    assignments = _payable(first).filter(mediator=mediator).select_related("request")
    rates = list(mediator.rate_scheme.rates.order_by("-valid_from"))
    return Statement(mediator, first, _lines(assignments, rates))


@dataclass
class PaymentRow:
    mediator: Mediator
    count: int
    minutes: int
    km: Decimal
    total: Decimal
    unpriced: int

    @property
    def hours(self) -> Decimal:
        return hours(self.minutes)


@dataclass
class PaymentExport:
    office: Office
    month: datetime.date
    rows: list[PaymentRow]

    @property
    def count(self) -> int:
        return sum(row.count for row in self.rows)

    @property
    def hours(self) -> Decimal:
        return hours(sum(row.minutes for row in self.rows))

    @property
    def km(self) -> Decimal:
        return sum((row.km for row in self.rows), ZERO.quantize(TENTH))

    @property
    def total(self) -> Decimal:
        return sum((row.total for row in self.rows), ZERO)

    @property
    def unpriced(self) -> int:
        return sum(row.unpriced for row in self.rows)


def payment_export(office: Office, year: int, month: int) -> PaymentExport:
    """What the office pays each mediator for the month, from the same lines
    as the statements, so that the two always agree."""
    first = datetime.date(year, month, 1)
    assignments = (
        _payable(first)
        .filter(mediator__office=office)
        .select_related("request", "mediator__rate_scheme")
        .prefetch_related("mediator__rate_scheme__rates")
    )
    by_mediator: dict[int, list[Assignment]] = {}
    for assignment in assignments:
        by_mediator.setdefault(assignment.mediator_id, []).append(assignment)
    rows = []
    for found in by_mediator.values():
        mediator = found[0].mediator
        rates = sorted(
            mediator.rate_scheme.rates.all(),
            key=lambda rate: rate.valid_from,
            reverse=True,
        )
        statement = Statement(mediator, first, _lines(found, rates))
        if statement.lines:
            rows.append(
                PaymentRow(
                    mediator=mediator,
                    count=len(statement.lines),
                    minutes=statement.minutes,
                    km=statement.km,
                    total=statement.total,
                    unpriced=len(statement.unpriced),
                )
            )
    rows.sort(key=lambda row: (row.mediator.last_name, row.mediator.first_name))
    return PaymentExport(office, first, rows)
