"""What one assignment earns, at the rate valid on its day.

Pure functions: nothing here reads or writes the database, so that every
figure can be checked by hand against the fee rules.

- Work is billed per started unit of the rate (``unit_minutes``): with 30,
  80 minutes worked are billed as 90; with 1, to the minute. When the minutes
  worked were not recorded, the planned duration counts (and the line says so).
- Travel time is paid like work up to ``travel_minutes_cap`` and is not
  rounded to the unit; kilometres are paid at ``per_km``.
- A cancellation by the office less than ``late_cancel_hours`` ahead pays the
  planned duration, at most ``late_cancel_minutes``, rounded up to the unit,
  plus the travel time and kilometres if any were recorded. An earlier
  cancellation, or one by the mediator, pays nothing.

Rounding: every amount is computed exactly with Decimal and rounded to cents
half up (0.005 becomes 0.01) once, per line: the fee (work and travel time)
and the travel cost (kilometres) each on their own. A line's total and a
statement's totals are sums of these rounded amounts, so the printed lines
always add up to the printed total.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from lib.iso import language_name

from .models import Assignment, AssignmentStatus, Rate

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
ZERO = Decimal("0")


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def round_up(minutes: int, unit: int) -> int:
    """Minutes rounded up to whole units: every started unit counts."""
    return -(-minutes // unit) * unit


def duration(minutes: int) -> str:
    """90 → "1 h 30 min"; 120 → "2 h"; 45 → "45 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)d min") % {"minutes": rest}
    if not rest:
        return _("%(hours)d h") % {"hours": hours}
    return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}


@dataclass(frozen=True)
class Line:
    """One assignment on a statement, priced."""

    day: datetime.date
    language: str
    # Work minutes as billed (rounded up to the unit) and travel minutes as
    # paid (capped): the fee is their sum at the hourly rate.
    work_minutes: int
    travel_minutes: int
    km: Decimal
    fee: Decimal
    travel_cost: Decimal
    rate: Rate | None
    why: str
    paid: bool

    @property
    def total(self) -> Decimal:
        return self.fee + self.travel_cost

    @property
    def minutes(self) -> int:
        return self.work_minutes + self.travel_minutes

    @property
    def rate_from(self) -> datetime.date | None:
        return self.rate.valid_from if self.rate else None

    @property
    def language_name(self) -> str:
        return language_name(self.language)


def local_day(assignment: Assignment) -> datetime.date:
    return timezone.localtime(assignment.starts_at).date()


def planned_minutes(assignment: Assignment) -> int:
    return int((assignment.ends_at - assignment.starts_at).total_seconds() // 60)


def is_paid(assignment: Assignment, rate: Rate) -> bool:
    if assignment.status == AssignmentStatus.DONE:
        return True
    return assignment.cancelled_late(rate)


def price(assignment: Assignment, rate: Rate | None) -> Line:
    """The line of an assignment; pass the rate valid on its local start day
    (``RateScheme.rate_on``)."""
    if rate is None:
        return _unpaid(
            assignment, None, _("No rate was valid on this day: not priced.")
        )
    if assignment.status == AssignmentStatus.DONE:
        return _done(assignment, rate)
    if assignment.status != AssignmentStatus.CANCELLED:
        return _unpaid(assignment, rate, _("Not done: nothing paid."))
    if not assignment.cancelled_by_office:
        return _unpaid(assignment, rate, _("Cancelled by the mediator: nothing paid."))
    if assignment.cancelled_at is None:
        why = _("Cancelled by the office, time unknown: nothing paid.")
        return _unpaid(assignment, rate, why)
    if not assignment.cancelled_late(rate):
        why = _("Cancelled %(ahead)s ahead: %(hours)d h notice or more, nothing paid.")
        return _unpaid(assignment, rate, why % _notice(assignment, rate))
    return _late_cancellation(assignment, rate)


def _done(assignment: Assignment, rate: Rate) -> Line:
    reasons = []
    worked = assignment.worked_minutes
    if worked is None:
        worked = planned_minutes(assignment)
        reasons.append(
            _("Minutes worked not recorded: the planned %(planned)s count.")
            % {"planned": duration(worked)}
        )
    work = round_up(worked, rate.unit_minutes)
    if work == worked:
        reasons.append(_("%(worked)s worked.") % {"worked": duration(worked)})
    else:
        reasons.append(
            _("%(worked)s worked, billed per started %(unit)d min: %(billed)s.")
            % {
                "worked": duration(worked),
                "unit": rate.unit_minutes,
                "billed": duration(work),
            }
        )
    return _paid(assignment, rate, work, reasons)


def _late_cancellation(assignment: Assignment, rate: Rate) -> Line:
    planned = planned_minutes(assignment)
    work = round_up(min(planned, rate.late_cancel_minutes), rate.unit_minutes)
    why = _("Cancelled %(ahead)s ahead: under %(hours)d h, %(paid)s paid.") % (
        _notice(assignment, rate) | {"paid": duration(work)}
    )
    return _paid(assignment, rate, work, [why])


def _paid(assignment: Assignment, rate: Rate, work: int, reasons: list[str]) -> Line:
    travelled = assignment.travel_minutes or 0
    travel = min(travelled, rate.travel_minutes_cap)
    if travelled and not travel:
        reasons.append(_("Travel time is not paid at this rate."))
    elif travel < travelled:
        reasons.append(
            _("Travel %(travelled)s, paid up to %(cap)s.")
            % {"travelled": duration(travelled), "cap": duration(travel)}
        )
    elif travelled:
        reasons.append(_("Travel %(travelled)s.") % {"travelled": duration(travel)})
    km = (assignment.km or ZERO).quantize(TENTH)
    return Line(
        day=local_day(assignment),
        language=assignment.request.language,
        work_minutes=work,
        travel_minutes=travel,
        km=km,
        fee=cents(Decimal(work + travel) * rate.hourly / 60),
        travel_cost=cents(km * rate.per_km),
        rate=rate,
        why=" ".join(reasons),
        paid=True,
    )


def _unpaid(assignment: Assignment, rate: Rate | None, why: str) -> Line:
    return Line(
        day=local_day(assignment),
        language=assignment.request.language,
        work_minutes=0,
        travel_minutes=0,
        km=ZERO.quantize(TENTH),
        fee=ZERO,
        travel_cost=ZERO,
        rate=rate,
        why=why,
        paid=False,
    )


def _notice(assignment: Assignment, rate: Rate) -> dict[str, object]:
    """How long ahead the cancellation came, for the line's explanation."""
    assert assignment.cancelled_at is not None
    ahead = assignment.starts_at - assignment.cancelled_at
    minutes = max(0, int(ahead.total_seconds() // 60))
    # Whole hours read better than "29 h 47 min"; under an hour, minutes.
    shown = duration(minutes - minutes % 60 if minutes >= 60 else minutes)
    return {"ahead": shown, "hours": rate.late_cancel_hours}
