"""Sessions: one rule on one day, computed from the rules.

A session may be cancelled (vacation, closure) or fall on a public holiday
of the office's federal state; both are kept in the list with the reason,
so that the portal can say why there are no hours that day.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import holidays
from django.utils import timezone

from accounts.models import Office

from .models import (
    Appointment,
    Cancellation,
    HoursRule,
)


@lru_cache(maxsize=64)
def _holidays_of(state: str, year: int) -> dict[datetime.date, str]:
    found = holidays.country_holidays(
        "DE", subdiv=state or None, years=year, language="de"
    )
    return dict(found.items())


def holiday(office: Office, day: datetime.date) -> str:
    """The name of the public holiday on that day in the office's state, or ""."""
    return _holidays_of(office.federal_state.upper(), day.year).get(day, "")


@dataclass(frozen=True)
class Slot:
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    taken: bool

    @property
    def key(self) -> str:
        """How a slot travels in a form: its local start, e.g. 2026-12-08T14:30."""
        return timezone.localtime(self.starts_at).strftime("%Y-%m-%dT%H:%M")


@dataclass
class Session:
    rule: HoursRule
    day: datetime.date
    holiday: str = ""
    cancellation: Cancellation | None = None
    taken: set[datetime.datetime] = field(default_factory=set)

    @property
    def starts_at(self) -> datetime.datetime:
        return self.rule.starts_at(self.day)

    @property
    def ends_at(self) -> datetime.datetime:
        return self.rule.ends_at(self.day)

    @property
    def takes_place(self) -> bool:
        return not self.holiday and self.cancellation is None

    @property
    def key(self) -> str:
        return f"{self.rule.pk}/{self.day.isoformat()}"

    def slots(self) -> list[Slot]:
        if not self.takes_place:
            return []
        step = datetime.timedelta(minutes=self.rule.slot_minutes)
        found = []
        start = self.starts_at
        while start + step <= self.ends_at:
            found.append(Slot(start, start + step, start in self.taken))
            start += step
        return found

    def free_slots(self, now: datetime.datetime | None = None) -> list[Slot]:
        now = now or timezone.now()
        return [s for s in self.slots() if not s.taken and s.starts_at > now]

    def slot(self, key: str) -> Slot | None:
        return next((s for s in self.slots() if s.key == key), None)


def sessions(
    rules: list[HoursRule],
    first: datetime.date,
    last: datetime.date,
    *,
    with_bookings: bool = False,
) -> list[Session]:
    """Every session of these rules from first to last day, in time order.

    Queries: cancellations once, appointments once (if asked), whatever the
    number of rules; holidays come from the ``holidays`` package.
    """
    if not rules:
        return []
    office_ids = {rule.office_id for rule in rules}
    cancellations = list(
        Cancellation.objects.filter(office_id__in=office_ids).overlapping(first, last)
    )
    taken: dict[int, set[datetime.datetime]] = defaultdict(set)
    if with_bookings:
        booked = Appointment.objects.holding().filter(
            rule__in=rules,
            starts_at__gte=_start_of(first),
            starts_at__lt=_start_of(last + datetime.timedelta(days=1)),
        )
        for rule_id, starts_at in booked.values_list("rule_id", "starts_at"):
            taken[rule_id].add(starts_at)
    found = []
    for rule in rules:
        for day in rule.dates(first, last):
            found.append(
                Session(
                    rule=rule,
                    day=day,
                    holiday=holiday(rule.office, day),
                    cancellation=next(
                        (c for c in cancellations if c.covers(rule, day)), None
                    ),
                    taken=taken[rule.pk],
                )
            )
    found.sort(key=lambda s: (s.starts_at, s.rule.site.name))
    return found


def session_of(rule: HoursRule, day: datetime.date) -> Session | None:
    """The rule's session on that day with its bookings, or None if it has none."""
    found = sessions([rule], day, day, with_bookings=True)
    return found[0] if found else None


def rules_of(office: Office, first: datetime.date, last: datetime.date, **filters):
    return list(
        HoursRule.objects.filter(office=office, **filters)
        .active_between(first, last)
        .select_related("site", "room", "staff", "office")
    )


def _start_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(), tzinfo=timezone.get_default_timezone()
    )
