"""Demand for mediators and where the pool does not reach, for planning.

Counted in the database (``values()`` + ``annotate(Count)``), one query per
table; no request, person or mediator name is loaded. A request counts in
the months from ``first`` to ``last`` when it starts there (local time).

- filled: a mediator was found (status filled or done);
- unfilled: nobody was found, or the request is still open after its start;
- covered: an active mediator speaking the language goes on site to the
  municipality, named among their municipalities or covering the whole
  county (no municipalities named).

Exact numbers, also below 5: these tables are for the office's own staff
planning the pool, never published (reports/statistics.py hides small ones).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from lib.iso import language_name

from .models import Mediator, MediatorLanguage, Request, RequestStatus
from .statements import month_bounds

PERIOD_MONTHS = 12


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last twelve months, this one included."""
    last = today.replace(day=1)
    index = last.year * 12 + last.month - 1 - (PERIOD_MONTHS - 1)
    return datetime.date(index // 12, index % 12 + 1, 1), last


@dataclass(frozen=True)
class LanguageRow:
    language: str
    requests: int
    filled: int
    unfilled: int
    mediators: int

    @property
    def name(self) -> str:
        return language_name(self.language)


@dataclass(frozen=True)
class PlaceRow:
    municipality: str
    language: str
    requests: int
    unfilled: int
    covered: bool

    @property
    def language_label(self) -> str:
        return language_name(self.language)


@dataclass(frozen=True)
class Bar:
    label: str
    requests: int
    unfilled: int
    y: int
    requests_width: int
    unfilled_width: int


@dataclass(frozen=True)
class Chart:
    """Geometry of the horizontal bar chart, drawn as SVG by the template."""

    bars: list[Bar]
    width: int = 640
    label_width: int = 200
    bar_area: int = 360
    top: int = 36
    group: int = 40
    bar_height: int = 14

    @property
    def height(self) -> int:
        return self.top + self.group * len(self.bars)

    @property
    def bar_x(self) -> int:
        return self.label_width + 8


@dataclass
class Demand:
    first: datetime.date
    last: datetime.date
    languages: list[LanguageRow]
    places: list[PlaceRow]
    without_place: int

    @property
    def requests(self) -> int:
        return sum(row.requests for row in self.languages)

    @property
    def uncovered(self) -> list[PlaceRow]:
        return [row for row in self.places if not row.covered]

    def chart(self) -> Chart:
        asked = [row for row in self.languages if row.requests]
        most = max((row.requests for row in asked), default=1)
        scale = Chart.bar_area / most
        bars = [
            Bar(
                label=row.name,
                requests=row.requests,
                unfilled=row.unfilled,
                y=Chart.top + index * Chart.group,
                requests_width=round(row.requests * scale),
                unfilled_width=round(row.unfilled * scale),
            )
            for index, row in enumerate(asked)
        ]
        return Chart(bars=bars)


def demand(office_id: int, first: datetime.date, last: datetime.date) -> Demand:
    start, _ = month_bounds(first)
    _, end = month_bounds(last)
    now = timezone.now()
    requests = Request.objects.filter(
        office_id=office_id, starts_at__gte=start, starts_at__lt=end
    ).order_by()
    filled = Q(status__in=[RequestStatus.FILLED, RequestStatus.DONE])
    unfilled = Q(status=RequestStatus.UNFILLED) | Q(
        status=RequestStatus.OPEN, starts_at__lt=now
    )
    asked = {
        row["language"]: row
        for row in requests.values("language").annotate(
            requests=Count("id"),
            filled=Count("id", filter=filled),
            unfilled=Count("id", filter=unfilled),
        )
    }
    speakers = dict(
        MediatorLanguage.objects.filter(
            mediator__office_id=office_id, mediator__active=True
        )
        .order_by()
        .values("language")
        .annotate(mediators=Count("mediator", distinct=True))
        .values_list("language", "mediators")
    )
    languages = [
        LanguageRow(
            language=code,
            requests=asked.get(code, {}).get("requests", 0),
            filled=asked.get(code, {}).get("filled", 0),
            unfilled=asked.get(code, {}).get("unfilled", 0),
            mediators=speakers.get(code, 0),
        )
        for code in asked.keys() | speakers.keys()
    ]
    languages.sort(key=lambda row: (-row.requests, row.name))
    covering = Mediator.objects.filter(
        office_id=office_id,
        active=True,
        on_site=True,
        languages__language=OuterRef("language"),
    ).filter(
        Q(municipalities=OuterRef("municipality")) | Q(municipalities__isnull=True)
    )
    places = [
        PlaceRow(
            municipality=row["municipality__name"],
            language=row["language"],
            requests=row["requests"],
            unfilled=row["unfilled"],
            covered=row["covered"],
        )
        for row in requests.filter(municipality__isnull=False)
        .values("municipality", "municipality__name", "language")
        .annotate(
            requests=Count("id"),
            unfilled=Count("id", filter=unfilled),
            covered=Exists(covering),
        )
        .order_by("municipality__name", "language")
    ]
    without_place = requests.filter(municipality__isnull=True).count()
    return Demand(first, last, languages, places, without_place)
