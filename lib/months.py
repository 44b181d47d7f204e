"""Calendar months, each named by its first day: one set of rules for the
hours budget, the caseloads, the mediators' statements and the statistics."""

import datetime


def month_index(day: datetime.date) -> int:
    """Months since year 0: consecutive months have consecutive indexes."""
    return day.year * 12 + day.month - 1


def month_of(index: int) -> datetime.date:
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(day: datetime.date) -> datetime.date:
    return month_of(month_index(day) + 1)


def month_end(day: datetime.date) -> datetime.date:
    return next_month(day) - datetime.timedelta(days=1)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first days of the months from first to last, both included."""
    return [
        month_of(index) for index in range(month_index(first), month_index(last) + 1)
    ]
