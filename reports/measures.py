"""Figures that are not counts of concerns: the guide service's staff, the
language mediators' hours and cost, and the consultation-hours budget.

Counts in these tables are protected like every other count; hours, money and
ratios that belong to a hidden count are hidden with it. Staff time (the hours
budget, guides' full-time equivalents) is not about clients and is shown as is.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Office, User
from guidance.caseload import FULL_TIME_HOURS
from guidance.models import CareSpell
from housing.models import (
    Accommodation,
    Deficiency,
    DeficiencyStatus,
    Inspection,
    Light,
)
from housing.ratio import current_ratio, max_residents_per_fte, with_current
from lib.iso import language_name
from mediators.statements import lines_between
from schedule.budget import month_report

from .scope import Scope
from .suppression import HOURS, MONEY, RATIO, Cell, Row, shown_if, suppress, total_cell

ZERO = Decimal(0)


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def ratio(count: int, base: Decimal) -> Decimal | None:
    if not base:
        return None
    return (count / base).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- Integration guides --------------------------------------------------------


@dataclass(frozen=True)
class Staffing:
    guides: int
    fte: Decimal
    persons: int


def staffing(scope: Scope) -> dict[int, Staffing]:
    """Per office: the guides who held a care in the period, their full-time
    equivalents (weekly hours / 40, now), and the persons they cared for."""
    period = scope.period
    spells = CareSpell.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=period.start),
        care__office_id__in=scope.office_ids,
        began_on__lte=period.end,
    )
    guides = {
        row["office"]: row
        for row in User.objects.filter(pk__in=spells.values("guide"))
        .values("office")
        .annotate(guides=Count("id"), hours=Sum("weekly_hours"))
        .order_by()
    }
    persons = dict(
        scope.cares()
        .values("office")
        .annotate(persons=Count("person", distinct=True))
        .values_list("office", "persons")
        .order_by()
    )
    return {
        office: Staffing(
            guides=guides.get(office, {}).get("guides", 0),
            fte=(
                (guides.get(office, {}).get("hours") or ZERO) / FULL_TIME_HOURS
            ).quantize(Decimal("0.01")),
            persons=persons.get(office, 0),
        )
        for office in scope.office_ids
    }


def staffing_rows(found: Staffing, persons_cell: Cell) -> list[Row]:
    """The guide service of one office as rows of one column; the persons'
    cell comes protected from its table (persons by residence status)."""
    label = str(_("Count"))
    return [
        Row(gettext("Integration guides with clients"), [Cell(label, found.guides)]),
        Row(gettext("Full-time equivalents"), [Cell(label, found.fte, kind=RATIO)]),
        Row(gettext("Persons in the guide service"), [persons_cell]),
        Row(
            gettext("Persons per full-time equivalent"),
            [shown_if(persons_cell, label, ratio(found.persons, found.fte), RATIO)],
        ),
    ]


# --- Language mediators ----------------------------------------------------------


@dataclass
class MediatorUse:
    assignments: int = 0
    minutes: int = 0
    cost: Decimal = ZERO


def mediator_use(scope: Scope) -> dict[int, dict[str, MediatorUse]]:
    """Per office and language: paid assignments, their hours (work and
    travel as billed) and cost, from the same lines as the statements."""
    found: dict[int, dict[str, MediatorUse]] = defaultdict(dict)
    period = scope.period
    for office, line in lines_between(scope.office_ids, period.start, period.end):
        use = found[office].setdefault(line.language, MediatorUse())
        use.assignments += 1
        use.minutes += line.minutes
        use.cost += line.total
    return found


def mediator_rows(uses: dict[str, MediatorUse]) -> tuple[list[Row], Row | None]:
    """One row per language: assignments (protected), hours and cost."""
    columns = mediator_columns()
    ordered = sorted(uses.items(), key=lambda item: language_name(item[0]).casefold())
    counts = [(language_name(code), use.assignments) for code, use in ordered]
    total = sum(use.assignments for use in uses.values())
    cells = suppress(counts, total)
    rows = [
        Row(
            cell.label,
            [
                Cell(columns[0], cell.value, cell.small),
                shown_if(cell, columns[1], _hours(use.minutes), HOURS),
                shown_if(cell, columns[2], use.cost, MONEY),
            ],
            key=code,
        )
        for cell, (code, use) in zip(cells, ordered, strict=True)
    ]
    if not rows:
        return [], None
    count = total_cell(total)
    minutes = sum(use.minutes for use in uses.values())
    cost = sum((use.cost for use in uses.values()), ZERO)
    total_row = Row(
        gettext("Total"),
        [
            Cell(columns[0], count.value, count.small),
            shown_if(count, columns[1], _hours(minutes), HOURS),
            shown_if(count, columns[2], cost, MONEY),
        ],
    )
    return rows, total_row


def mediator_columns() -> list[str]:
    return [gettext("Assignments"), gettext("Hours"), gettext("Cost")]


# --- Consultation-hours budget ---------------------------------------------------


def budget_rows(office: Office, scope: Scope) -> list[Row]:
    """Per month of the period: the budget, the planned and the used hours of
    the budgets in force (staff time, not protected)."""
    columns = [gettext("Budget"), gettext("Planned"), gettext("Used")]
    rows = []
    for month in scope.period.months():
        budgets = month_report(office, month)
        if not budgets:
            continue
        values = [
            sum((budget.limit for budget in budgets), ZERO),
            sum((budget.planned for budget in budgets), ZERO),
            sum((budget.used for budget in budgets), ZERO),
        ]
        rows.append(
            Row(
                date_format(month, "YEAR_MONTH_FORMAT"),
                [
                    Cell(column, value, kind=HOURS)
                    for column, value in zip(columns, values, strict=True)
                ],
                key=month,
            )
        )
    return rows


# --- Accommodations ---------------------------------------------------------------


def housing_rows(office: Office, scope: Scope) -> list[Row]:
    """The accommodations in use at the end of the period: places, residents,
    those above the care ratio limit; the inspections of the period by their
    traffic light; the deficiencies open at its end and of those overdue."""
    day = scope.period.end
    places = list(
        with_current(Accommodation.objects.filter(office=office, active=True), day)
    )
    if not places:
        return []
    limit = max_residents_per_fte(office)
    ratios = [current_ratio(place, day, limit) for place in places]
    residents = sum(ratio.residents or 0 for ratio in ratios)
    lights = dict(
        Inspection.objects.filter(
            accommodation__office=office,
            completed_at__isnull=False,
            on__range=(scope.period.start, day),
        )
        .values("light")
        .annotate(n=Count("id"))
        .values_list("light", "n")
        .order_by()
    )
    deficiencies = Deficiency.objects.filter(
        inspection__accommodation__office=office,
        inspection__on__lte=day,
        status=DeficiencyStatus.OPEN,
    )
    label = gettext("Count")
    residents_cell = total_cell(residents)
    figures = [
        (gettext("Accommodations in use"), len(places)),
        (gettext("Places"), sum(place.capacity for place in places)),
        (
            gettext("Above the care ratio limit or without staff"),
            sum(r.alert for r in ratios),
        ),
        (gettext("Inspections with a green light"), lights.get(Light.GREEN, 0)),
        (gettext("Inspections with a yellow light"), lights.get(Light.YELLOW, 0)),
        (gettext("Inspections with a red light"), lights.get(Light.RED, 0)),
        (gettext("Open deficiencies"), deficiencies.count()),
        (gettext("Of them overdue"), deficiencies.filter(deadline__lt=day).count()),
    ]
    rows = [Row(name, [Cell(label, value)]) for name, value in figures]
    # Residents are persons: a small number is not shown.
    rows.insert(2, Row(gettext("Residents"), [replace(residents_cell, label=label)]))
    return rows
