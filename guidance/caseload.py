"""Caseloads: how many clients a guide has, month by month (seed 004, question 3).

Counted in the database, one aggregate query per table with one conditional
``Count`` per month, so the number of queries stays the same whatever the
number of cares, spells or guides; Python only arranges the few result rows.

- per guide: the distinct cares with a spell of the guide that overlaps the
  month; a client transferred within a month counts for both guides.
- per full-time equivalent (FTE): that divided by weekly hours / 40; a guide
  without weekly hours has no FTE figure.
- per district (of the person's municipality) and residence status (the
  person's current one): the cares that ran in the month, whoever held them.

The numbers are exact, also below 5: they describe the office's staff, are
read only inside the office and name no client.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import pgettext_lazy

from accounts.models import Role, User
from clients.models import ResidenceStatus
from lib.months import month_end, month_index, month_of, months_between

from .models import Care, CareSpell

PERIOD_MONTHS = 12
MAX_MONTHS = 36
FULL_TIME_HOURS = Decimal(40)
UNKNOWN_DISTRICT = pgettext_lazy("district", "Unknown")
ONE_DECIMAL = Decimal("0.1")


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last twelve months, this one included."""
    last = today.replace(day=1)
    return month_of(month_index(last) - (PERIOD_MONTHS - 1)), last


# --- The figures -------------------------------------------------------------------


def per_fte(active: int, fte: Decimal | None) -> Decimal | None:
    if fte is None:
        return None
    return (Decimal(active) / fte).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def fte_of(weekly_hours: Decimal | None) -> Decimal | None:
    """Weekly hours / 40; none without (or with zero) weekly hours."""
    if not weekly_hours:
        return None
    return (weekly_hours / FULL_TIME_HOURS).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class GuideMonth:
    active: int
    per_fte: Decimal | None


@dataclass(frozen=True)
class GuideRow:
    guide_id: int
    name: str
    weekly_hours: Decimal | None
    fte: Decimal | None
    months: list[GuideMonth]


@dataclass(frozen=True)
class Row:
    """A district or a residence status with its cares per month."""

    label: str
    months: list[int]


@dataclass(frozen=True)
class OfficeMonth:
    cares: int
    # Sum of the guides' clients over the sum of their FTE, for the guides
    # with weekly hours who had a client in the month.
    per_fte: Decimal | None


@dataclass
class Caseload:
    first: datetime.date
    last: datetime.date
    months: list[datetime.date]
    guides: list[GuideRow]
    districts: list[Row]
    statuses: list[Row]
    office: list[OfficeMonth]

    @property
    def without_hours(self) -> list[GuideRow]:
        return [row for row in self.guides if row.fte is None]

    def chart(self) -> "Chart":
        return small_multiples(self)


def _overlapping(begins: str, ends: str, start: datetime.date, end: datetime.date) -> Q:
    return Q(**{f"{begins}__lte": end}) & (
        Q(**{f"{ends}__isnull": True}) | Q(**{f"{ends}__gte": start})
    )


def _per_month(
    months: list[datetime.date], field: str, begins: str, ends: str, distinct: bool
) -> dict[str, Any]:
    return {
        f"m{number}": Count(
            field,
            distinct=distinct,
            filter=_overlapping(begins, ends, month, month_end(month)),
        )
        for number, month in enumerate(months)
    }


def caseload(office_id: int, first: datetime.date, last: datetime.date) -> Caseload:
    """Four queries: spells per guide, the guides, districts, statuses."""
    months = months_between(first, last)
    if not 1 <= len(months) <= MAX_MONTHS:
        raise ValueError(f"between 1 and {MAX_MONTHS} months, not {len(months)}")
    start, end = months[0], month_end(months[-1])
    slots = [f"m{number}" for number in range(len(months))]

    spells = (
        CareSpell.objects.filter(care__office_id=office_id)
        .filter(_overlapping("began_on", "ended_on", start, end))
        .order_by()
        .values("guide")
        .annotate(**_per_month(months, "care", "began_on", "ended_on", True))
    )
    counts = {row["guide"]: [row[slot] for slot in slots] for row in spells}
    # Every guide of the office, also one without a client yet, and whoever
    # held a care in the period, also one who has left since.
    guides = (
        User.objects.filter(
            Q(office_id=office_id, is_active=True, role_grants__role=Role.GUIDE)
            | Q(pk__in=counts.keys())
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
    rows = []
    for guide in guides:
        fte = fte_of(guide.weekly_hours)
        active = counts.get(guide.pk, [0] * len(months))
        rows.append(
            GuideRow(
                guide_id=guide.pk,
                name=str(guide),
                weekly_hours=guide.weekly_hours,
                fte=fte,
                months=[GuideMonth(count, per_fte(count, fte)) for count in active],
            )
        )

    cares = (
        Care.objects.filter(office_id=office_id)
        .filter(_overlapping("started_on", "ended_on", start, end))
        .order_by()
    )
    per_month = _per_month(months, "id", "started_on", "ended_on", False)
    districts = _rows(
        cares.values("person__municipality__district").annotate(**per_month),
        "person__municipality__district",
        slots,
        lambda district: district or str(UNKNOWN_DISTRICT),
    )
    labels = dict(ResidenceStatus.choices)
    statuses = _rows(
        cares.values("person__residence_status").annotate(**per_month),
        "person__residence_status",
        slots,
        lambda status: str(labels.get(status, status)),
    )
    totals = [
        sum(row.months[number] for row in districts) for number in range(len(slots))
    ]
    office = [
        OfficeMonth(cares=totals[number], per_fte=_office_per_fte(rows, number))
        for number in range(len(slots))
    ]
    return Caseload(first, last, months, rows, districts, statuses, office)


def _rows(found: Any, key: str, slots: list[str], label: Any) -> list[Row]:
    """One row per label (no municipality and no district are both unknown);
    rows without any care in the period are left out."""
    merged: dict[str, list[int]] = {}
    for row in found:
        name = label(row[key])
        counts = merged.setdefault(name, [0] * len(slots))
        for number, slot in enumerate(slots):
            counts[number] += row[slot]
    return [
        Row(name, counts)
        for name, counts in sorted(merged.items(), key=lambda item: item[0].casefold())
        if any(counts)
    ]


def _office_per_fte(rows: list[GuideRow], number: int) -> Decimal | None:
    working = [
        (row.months[number].active, row.fte)
        for row in rows
        if row.fte is not None and row.months[number].active
    ]
    if not working:
        return None
    clients = sum(active for active, _fte in working)
    ftes = sum((fte for _active, fte in working), Decimal(0))
    return per_fte(clients, ftes)


# --- The chart ----------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    x: int
    y: int
    active: int
    month: datetime.date


@dataclass(frozen=True)
class Panel:
    """One guide's line in its own small chart, at the panel's origin."""

    name: str
    x: int
    y: int
    points: list[Point]

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.points)

    @property
    def last(self) -> Point:
        return self.points[-1]


@dataclass(frozen=True)
class Chart:
    """Small multiples: a panel per guide on one common scale, so that 30
    lines neither tangle nor rely on 30 colours; the name labels each line."""

    panels: list[Panel]
    most: int
    columns: int = 3
    panel_width: int = 210
    panel_height: int = 110
    # Inside a panel: the name on top, the plot below, the scale on the left.
    plot_left: int = 30
    plot_top: int = 24
    plot_width: int = 160
    plot_height: int = 64

    @property
    def width(self) -> int:
        return self.columns * self.panel_width

    @property
    def height(self) -> int:
        rows = -(-len(self.panels) // self.columns)
        return rows * self.panel_height

    @property
    def plot_bottom(self) -> int:
        return self.plot_top + self.plot_height

    @property
    def plot_right(self) -> int:
        return self.plot_left + self.plot_width


def small_multiples(found: Caseload) -> Chart:
    most = max((cell.active for row in found.guides for cell in row.months), default=0)
    scale = max(most, 1)
    chart = Chart(panels=[], most=most)
    steps = max(len(found.months) - 1, 1)
    for number, row in enumerate(found.guides):
        points = [
            Point(
                x=chart.plot_left + round(chart.plot_width * index / steps),
                y=chart.plot_bottom - round(chart.plot_height * cell.active / scale),
                active=cell.active,
                month=month,
            )
            for index, (month, cell) in enumerate(
                zip(found.months, row.months, strict=True)
            )
        ]
        chart.panels.append(
            Panel(
                name=row.name,
                x=(number % chart.columns) * chart.panel_width,
                y=(number // chart.columns) * chart.panel_height,
                points=points,
            )
        )
    return chart
