"""Planned and used hours against the monthly hours budget.

Planned: the sessions of the members' rules that take place (holidays and
cancellations removed) plus the outreach events they take part in.
Used: the minutes of the activities they recorded on concerns that month.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from accounts.models import Office, User
from cases.models import Activity
from lib.months import month_end, month_start, next_month

from .models import HoursBudget, HoursRule, OutreachEvent
from .sessions import sessions

MONTHS_AHEAD = 12


def hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"))


@dataclass
class MemberLine:
    user: User
    planned: Decimal
    used: Decimal


@dataclass
class BudgetMonth:
    budget: HoursBudget
    month: datetime.date
    lines: list[MemberLine]

    @property
    def limit(self) -> Decimal:
        return self.budget.hours_per_month

    @property
    def planned(self) -> Decimal:
        return sum((line.planned for line in self.lines), Decimal(0))

    @property
    def used(self) -> Decimal:
        return sum((line.used for line in self.lines), Decimal(0))

    @property
    def planned_over(self) -> bool:
        return self.planned > self.limit

    @property
    def used_over(self) -> bool:
        return self.used > self.limit

    @property
    def planned_share(self) -> int:
        """Planned hours as a percentage of the budget (for the bar)."""
        return round(self.planned * 100 / self.limit)

    @property
    def used_share(self) -> int:
        return round(self.used * 100 / self.limit)


def month_report(office: Office, month: datetime.date) -> list[BudgetMonth]:
    """Each budget in force that month, with planned and used hours per member."""
    budgets = (
        HoursBudget.objects.filter(office=office)
        .for_month(month)
        .prefetch_related("members")
    )
    report = []
    for budget in budgets:
        members = list(budget.members.all())
        planned = planned_minutes(members, month)
        used = used_minutes(members, month)
        lines = [
            MemberLine(user, hours(planned[user.pk]), hours(used[user.pk]))
            for user in members
        ]
        report.append(BudgetMonth(budget, month, lines))
    return report


def planned_minutes(
    members: list[User],
    month: datetime.date,
    *,
    candidate: HoursRule | None = None,
) -> dict[int, int]:
    """Minutes planned per member in the month; a candidate rule (being
    edited, not yet saved) counts instead of its stored version."""
    last = month_end(month)
    rules = list(
        HoursRule.objects.filter(staff__in=members)
        .active_between(month, last)
        .select_related("office", "site")
    )
    if candidate is not None:
        rules = [r for r in rules if r.pk != candidate.pk]
        if candidate.staff_id in {m.pk for m in members}:
            rules.append(candidate)
    found: dict[int, int] = defaultdict(int)
    for session in sessions(rules, month, last):
        if session.takes_place:
            found[session.rule.staff_id] += session.rule.minutes
    events = OutreachEvent.objects.filter(
        staff__in=members,
        starts_at__date__gte=month,
        starts_at__date__lte=last,
    ).values_list("staff", "starts_at", "ends_at")
    for staff_id, starts_at, ends_at in events:
        found[staff_id] += int((ends_at - starts_at).total_seconds() // 60)
    return found


def used_minutes(members: list[User], month: datetime.date) -> dict[int, int]:
    rows = (
        Activity.objects.filter(
            staff__in=members,
            occurred_at__date__gte=month,
            occurred_at__date__lte=month_end(month),
        )
        .values("staff")
        .annotate(minutes=Sum("minutes"))
    )
    found: dict[int, int] = defaultdict(int)
    for row in rows:
        found[row["staff"]] = row["minutes"]
    return found


@dataclass(frozen=True)
class Overrun:
    budget: HoursBudget
    month: datetime.date
    planned: Decimal


def overruns(rule: HoursRule, today: datetime.date) -> list[Overrun]:
    """Months of the coming year in which saving this rule would plan more
    hours than a budget of its staff member allows."""
    found = []
    month = month_start(today)
    budgets = list(
        HoursBudget.objects.filter(
            office_id=rule.office_id, members=rule.staff_id
        ).prefetch_related("members")
    )
    for _ in range(MONTHS_AHEAD):
        for budget in budgets:
            in_force = budget.valid_from <= month_end(month) and (
                budget.valid_until is None or budget.valid_until >= month
            )
            if not in_force:
                continue
            members = list(budget.members.all())
            planned = hours(
                sum(planned_minutes(members, month, candidate=rule).values())
            )
            if planned > budget.hours_per_month:
                found.append(Overrun(budget, month, planned))
        month = next_month(month)
    return found
