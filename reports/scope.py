"""Whose numbers: a period, offices, and on the dashboard a site or a staff member."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.formats import date_format

from cases.models import Concern
from guidance.models import Care
from lib.months import month_end, month_start, months_between


@dataclass(frozen=True)
class Period:
    """Concerns opened from ``start`` to ``end``, both days included."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def year_so_far(cls, today: datetime.date) -> "Period":
        return cls(today.replace(month=1, day=1), today)

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @classmethod
    def month_of(cls, day: datetime.date) -> "Period":
        return cls(month_start(day), month_end(day))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period before, for comparison: the year, the month or the same
        number of days before."""
        if self == Period.year(self.start.year):
            return Period.year(self.start.year - 1)
        if self == Period.month_of(self.start):
            return Period.month_of(self.start - datetime.timedelta(days=1))
        end = self.start - datetime.timedelta(days=1)
        return Period(end - datetime.timedelta(days=self.days - 1), end)

    def months(self) -> list[datetime.date]:
        return months_between(self.start, self.end)

    def __str__(self) -> str:
        if self == Period.year(self.start.year):
            return str(self.start.year)
        start = date_format(self.start, "SHORT_DATE_FORMAT")
        return f"{start} – {date_format(self.end, 'SHORT_DATE_FORMAT')}"


@dataclass(frozen=True)
class Scope:
    """Whose numbers: offices, a period, and on the dashboard a site or a
    staff member (who the concerns are assigned to)."""

    office_ids: tuple[int, ...]
    period: Period
    site_id: int | None = None
    staff_id: int | None = None

    @property
    def filtered(self) -> bool:
        return bool(self.site_id or self.staff_id)

    def concerns(self) -> QuerySet[Concern]:
        concerns = Concern.objects.filter(
            office_id__in=self.office_ids,
            opened_on__range=(self.period.start, self.period.end),
        )
        if self.site_id:
            concerns = concerns.filter(site_id=self.site_id)
        if self.staff_id:
            concerns = concerns.filter(assigned_to_id=self.staff_id)
        return concerns

    def cares(self) -> QuerySet[Care]:
        """Cares of the guide service that ran at some time in the period."""
        return Care.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=self.period.start),
            office_id__in=self.office_ids,
            started_on__lte=self.period.end,
        )
