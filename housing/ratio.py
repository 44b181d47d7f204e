"""The care ratio (seed 002, section 8: at most 80 residents per full-time
social care worker) from the two time series: on a day, the latest count of
residents and the latest staffing on or before it.

A ratio needs residents; with residents and no staff (0 FTE, or none ever
recorded) there is no number to divide by, and that is the worst case, not
an error: it raises the alert by itself. Exactly at the maximum is within it.

Also the geometry of the two step charts on an accommodation's page (SVG
drawn by the template, each followed by its data table).
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.formats import number_format

from accounts.models import Office
from lib.months import months_between, next_month

from .models import Accommodation, Occupancy, Settings, Staffing

ONE_PLACE = Decimal("0.1")


def max_residents_per_fte(office: Office | int) -> int:
    office_id = office if isinstance(office, int) else office.pk
    found, _ = Settings.objects.get_or_create(office_id=office_id)
    return found.max_residents_per_fte


@dataclass(frozen=True)
class Ratio:
    on: datetime.date
    residents: int | None
    fte: Decimal | None
    maximum: int

    @property
    def known(self) -> bool:
        return self.residents is not None

    @property
    def no_staff(self) -> bool:
        """Residents and nobody caring for them: 0 FTE or none recorded."""
        return bool(self.residents) and not self.fte

    @property
    def per_fte(self) -> Decimal | None:
        """Residents per full-time worker, one decimal; None without both."""
        if self.residents is None or not self.fte:
            return None
        exact = Decimal(self.residents) / self.fte
        return exact.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)

    @property
    def alert(self) -> bool:
        if self.no_staff:
            return True
        if self.residents is None or self.fte is None:
            return False
        # Compared unrounded: 80.04 per FTE is above 80 although shown as 80.0.
        return Decimal(self.residents) > self.maximum * self.fte

    @property
    def label(self) -> str:
        """As the seed writes it: "1:95", "1:82.5" (localised)."""
        value = self.per_fte
        if value is None:
            return ""
        places = 0 if value == value.to_integral_value() else 1
        return f"1:{number_format(value, places)}"


def ratio_on(accommodation: Accommodation, day: datetime.date) -> Ratio:
    occupancy = accommodation.occupancies.filter(on__lte=day).order_by("-on").first()
    staffing = accommodation.staffings.filter(on__lte=day).order_by("-on").first()
    return Ratio(
        on=day,
        residents=occupancy.residents if occupancy else None,
        fte=staffing.fte if staffing else None,
        maximum=max_residents_per_fte(accommodation.office_id),
    )


def ratio_series(
    accommodation: Accommodation,
    first: datetime.date,
    last: datetime.date,
    maximum: int | None = None,
) -> list[Ratio]:
    """The ratio at ``first`` and on every day up to ``last`` on which the
    residents or the staffing changed; two queries whatever the period."""
    if maximum is None:
        maximum = max_residents_per_fte(accommodation.office_id)
    counts = list(
        accommodation.occupancies.filter(on__lte=last)
        .order_by("on")
        .values_list("on", "residents")
    )
    staffing = list(
        accommodation.staffings.filter(on__lte=last)
        .order_by("on")
        .values_list("on", "fte")
    )
    days = {first} | {day for day, _ in counts + staffing if first < day <= last}
    series, residents, fte = [], None, None
    i = j = 0
    for day in sorted(days):
        while i < len(counts) and counts[i][0] <= day:
            residents = counts[i][1]
            i += 1
        while j < len(staffing) and staffing[j][0] <= day:
            fte = staffing[j][1]
            j += 1
        series.append(Ratio(on=day, residents=residents, fte=fte, maximum=maximum))
    return series


def with_current(
    accommodations: QuerySet[Accommodation], day: datetime.date
) -> QuerySet[Accommodation]:
    """Annotate the residents and FTE valid on the day, in the same query."""
    latest_count = Occupancy.objects.filter(
        accommodation=OuterRef("pk"), on__lte=day
    ).order_by("-on")
    latest_staffing = Staffing.objects.filter(
        accommodation=OuterRef("pk"), on__lte=day
    ).order_by("-on")
    return accommodations.annotate(
        residents_now=Subquery(latest_count.values("residents")[:1]),
        counted_on=Subquery(latest_count.values("on")[:1]),
        fte_now=Subquery(latest_staffing.values("fte")[:1]),
    )


def current_ratio(
    accommodation: Accommodation, day: datetime.date, maximum: int
) -> Ratio:
    """From the annotations of ``with_current``."""
    fte = getattr(accommodation, "fte_now", None)
    return Ratio(
        on=day,
        residents=getattr(accommodation, "residents_now", None),
        # SQLite hands back a float or int for a decimal subquery.
        fte=None if fte is None else Decimal(str(fte)),
        maximum=maximum,
    )


# --- The charts ------------------------------------------------------------------


@dataclass(frozen=True)
class Tick:
    label: str
    position: int


@dataclass(frozen=True)
class MonthTick:
    day: datetime.date
    x: int


@dataclass(frozen=True)
class StepChart:
    """A step line over the period, and a dashed reference line (the places,
    or the alert threshold); coordinates in the SVG's user units."""

    path: str
    line_y: int | None
    y_ticks: list[Tick]
    months: list[MonthTick]
    width: int = 640
    height: int = 240
    left: int = 48
    right: int = 16
    top: int = 16
    bottom: int = 32

    @property
    def plot_right(self) -> int:
        return self.width - self.right

    @property
    def plot_bottom(self) -> int:
        return self.height - self.bottom

    @property
    def label_x(self) -> int:
        return self.left - 6

    @property
    def month_label_y(self) -> int:
        return self.height - 10


def nice_ceiling(value: Decimal | int) -> int:
    """The next round number at or above the value: 1, 2, 5 times a power of ten."""
    value = max(Decimal(value), Decimal(1))
    power = Decimal(1)
    while True:
        for step in (1, 2, 5):
            if value <= step * power:
                return int(step * power)
        power *= 10


def step_chart(
    points: list[tuple[datetime.date, Decimal | int | None]],
    first: datetime.date,
    last: datetime.date,
    reference: Decimal | int | None,
) -> StepChart | None:
    """Each value holds until the next point; a None breaks the line.
    None when nothing at all is known in the period."""
    known = [value for _, value in points if value is not None]
    if not known:
        return None
    chart = StepChart(path="", line_y=None, y_ticks=[], months=[])
    top = nice_ceiling(max([*known, reference or 0]) * Decimal("1.1"))
    span = max((last - first).days, 1)
    plot_width = chart.plot_right - chart.left
    plot_height = chart.plot_bottom - chart.top

    def x(day: datetime.date) -> int:
        return chart.left + round((day - first).days * plot_width / span)

    def y(value: Decimal | int) -> int:
        return chart.plot_bottom - round(Decimal(value) * plot_height / top)

    parts: list[str] = []
    ends = [day for day, _ in points[1:]] + [last]
    drawing = False
    for (day, value), until in zip(points, ends, strict=True):
        if value is None:
            drawing = False
            continue
        if drawing:
            parts.append(f"V {y(value)}")
        else:
            parts.append(f"M {x(day)} {y(value)}")
        parts.append(f"H {x(until)}")
        drawing = True
    months = [
        MonthTick(day=month, x=x(month))
        for month in months_between(next_month(first), last)
    ]
    steps = [Decimal(top) * share / 4 for share in range(5)]
    ticks = [Tick(label=number_format(step, 0), position=y(step)) for step in steps]
    return StepChart(
        path=" ".join(parts),
        line_y=None if reference is None else y(reference),
        y_ticks=ticks,
        months=months,
    )


def year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)
