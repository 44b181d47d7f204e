"""Consultation hours, appointments, walk-ins, outreach and the hours budget.

Rules are stored; their sessions (one rule on one day) are computed, never
stored, so that a new holiday or a cancellation changes them everywhere at
once (see sessions.py).
"""

import datetime
import hashlib
from decimal import Decimal

from dateutil import rrule
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Municipality, Office, Site
from lib.crypto import EncryptedTextField
from lib.months import month_end

BERLIN = timezone.get_default_timezone()
# How far ahead an open-ended rule is looked at for dates and clashes.
HORIZON_DAYS = 2 * 366


def token_digest(token: str) -> str:
    """Secret links are stored only as their digest."""
    return hashlib.sha256(token.encode()).hexdigest()


class Room(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=100)
    step_free = models.BooleanField(_("reachable without steps"), default=False)
    notes = models.CharField(
        _("how to find it"),
        max_length=200,
        blank=True,
        help_text=_("Published, e.g. “2nd floor, lift at the back entrance”."),
    )

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "name"], name="room_unique_per_site"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Frequency(models.TextChoices):
    ONCE = "once", _("once")
    WEEKLY = "weekly", _("weekly")
    MONTHLY = "monthly", _("monthly")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, _("first")
    SECOND = 2, _("second")
    THIRD = 3, _("third")
    FOURTH = 4, _("fourth")
    LAST = -1, _("last")


ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class HoursRuleQuerySet(models.QuerySet["HoursRule"]):
    def active_between(
        self, first: datetime.date, last: datetime.date
    ) -> "HoursRuleQuerySet":
        return self.filter(starts_on__lte=last).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=first)
        )


class HoursRule(models.Model):
    """Recurring consultation hours of one staff member at one site,
    e.g. every 2nd Tuesday of the month 14:00–17:00."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="hours_rules"
    )
    site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        related_name="hours_rules",
        verbose_name=_("site"),
    )
    room = models.ForeignKey(
        Room,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hours_rules",
        verbose_name=_("room"),
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="hours_rules",
        verbose_name=_("staff member"),
    )
    frequency = models.CharField(
        _("repeats"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=Weekday.choices, null=True, blank=True
    )
    interval = models.PositiveSmallIntegerField(
        _("every how many weeks"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    week_of_month = models.SmallIntegerField(
        _("which one in the month"), choices=WeekOfMonth.choices, null=True, blank=True
    )
    starts_on = models.DateField(
        _("first day"), help_text=_("For a single date: that date.")
    )
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("length of an appointment (minutes)"),
        default=30,
        validators=[MinValueValidator(10), MaxValueValidator(240)],
    )
    bookable = models.BooleanField(_("appointments can be booked online"), default=True)
    note = models.CharField(
        _("public note"),
        max_length=200,
        blank=True,
        help_text=_("Shown on the portal, e.g. “please ring at the side entrance”."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = HoursRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation hours rule")
        verbose_name_plural = _("consultation hours rules")
        ordering = ["site__name", "weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="hours_rule_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="hours_rule_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site}: {self.describe()}"

    def clean(self) -> None:
        self._check_values()
        if None in (self.starts_on, self.start_time, self.end_time, self.staff_id):
            return  # the form reports the missing field; nothing to compute
        if not self.future_dates(limit=1):
            raise ValidationError(
                _(
                    "These hours would never take place: from today on, the rule "
                    "gives no date that is not a public holiday."
                )
            )
        clash = self.first_clash()
        if clash is not None:
            other, day = clash
            raise ValidationError(
                _("On %(day)s this overlaps with other hours: %(other)s.")
                % {"day": f"{day:%d.%m.%Y}", "other": other}
            )

    def _check_values(self) -> None:
        errors = {}
        if self.frequency != Frequency.ONCE and self.weekday is None:
            errors["weekday"] = _("Choose the weekday.")
        if self.frequency == Frequency.MONTHLY and self.week_of_month is None:
            errors["week_of_month"] = _("Choose which one in the month.")
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end must be after the beginning.")
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The last day must not be before the first day.")
        if errors:
            raise ValidationError(errors)

    def future_dates(self, limit: int) -> list[datetime.date]:
        """Up to ``limit`` dates from today on that are not public holidays."""
        from .sessions import holiday

        first = max(self.starts_on, timezone.localdate())
        last = self.ends_on or first + datetime.timedelta(days=HORIZON_DAYS)
        found = []
        for day in self.dates(first, last):
            if not holiday(self.office, day):
                found.append(day)
            if len(found) == limit:
                break
        return found

    def first_clash(self) -> tuple["HoursRule", datetime.date] | None:
        """Another rule of the same person or room at an overlapping time."""
        same = Q(staff_id=self.staff_id)
        if self.room_id:
            same |= Q(room_id=self.room_id)
        others = (
            HoursRule.objects.filter(same, office_id=self.office_id)
            .exclude(pk=self.pk)
            .filter(start_time__lt=self.end_time, end_time__gt=self.start_time)
            .select_related("site")
        )
        for other in others:
            first = max(self.starts_on, other.starts_on, timezone.localdate())
            ends = [d for d in (self.ends_on, other.ends_on) if d]
            last = min(ends, default=first + datetime.timedelta(days=HORIZON_DAYS))
            if last < first:
                continue
            common = set(self.dates(first, last)) & set(other.dates(first, last))
            if common:
                return other, min(common)
        return None

    def describe(self) -> str:
        """In the staff's language, e.g. "every 2nd Tuesday 14:00–17:00"."""
        from .describe import describe_rule

        return describe_rule(self)

    @property
    def minutes(self) -> int:
        start = datetime.datetime.combine(datetime.date.min, self.start_time)
        end = datetime.datetime.combine(datetime.date.min, self.end_time)
        return int((end - start).total_seconds() // 60)

    @property
    def hours(self) -> Decimal:
        return Decimal(self.minutes) / 60

    def recurrence(self, until: datetime.date | None = None) -> rrule.rrule:
        """The dates of the rule from its first day (holidays not removed)."""
        last = min(filter(None, [self.ends_on, until]), default=None)
        start = datetime.datetime.combine(self.starts_on, datetime.time())
        end = datetime.datetime.combine(last, datetime.time()) if last else None
        if self.frequency == Frequency.ONCE:
            return rrule.rrule(rrule.DAILY, dtstart=start, count=1)
        day = rrule.weekdays[self.weekday or 0]
        if self.frequency == Frequency.MONTHLY:
            return rrule.rrule(
                rrule.MONTHLY,
                dtstart=start,
                until=end,
                byweekday=day(self.week_of_month or 1),
            )
        return rrule.rrule(
            rrule.WEEKLY,
            dtstart=start,
            until=end,
            interval=self.interval,
            byweekday=day,
        )

    def dates(self, first: datetime.date, last: datetime.date) -> list[datetime.date]:
        if last < self.starts_on or (self.ends_on and first > self.ends_on):
            return []
        found = self.recurrence(until=last).between(
            datetime.datetime.combine(first, datetime.time()),
            datetime.datetime.combine(last, datetime.time()),
            inc=True,
        )
        return [moment.date() for moment in found]

    def ical_recurrence(self) -> dict | None:
        """The RRULE of this rule for calendar apps (RFC 5545), None for once."""
        if self.frequency == Frequency.ONCE:
            return None
        day = ICAL_DAYS[self.weekday or 0]
        if self.frequency == Frequency.MONTHLY:
            value: dict = {"FREQ": "MONTHLY", "BYDAY": f"{self.week_of_month}{day}"}
        else:
            value = {"FREQ": "WEEKLY", "INTERVAL": self.interval, "BYDAY": day}
        if self.ends_on:
            # With a zoned DTSTART, UNTIL must be in UTC (RFC 5545 3.3.10).
            value["UNTIL"] = self.ends_at(self.ends_on).astimezone(datetime.UTC)
        return value

    def starts_at(self, day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, self.start_time, tzinfo=BERLIN)

    def ends_at(self, day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, self.end_time, tzinfo=BERLIN)


class CancellationReason(models.TextChoices):
    VACATION = "vacation", _("Vacation")
    ILLNESS = "illness", _("Illness")
    CLOSURE = "closure", _("Building closed")
    OTHER = "other", _("Other reason")


class CancellationQuerySet(models.QuerySet["Cancellation"]):
    def overlapping(
        self, first: datetime.date, last: datetime.date
    ) -> "CancellationQuerySet":
        return self.filter(first_day__lte=last, last_day__gte=first)


class Cancellation(models.Model):
    """Hours that do not take place: one rule's sessions, all hours of a
    staff member (vacation) or all hours at a site, for a span of days."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="hours_cancellations"
    )
    rule = models.ForeignKey(
        HoursRule,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="cancellations",
        verbose_name=_("consultation hours"),
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hours_cancellations",
        verbose_name=_("all hours of"),
    )
    site = models.ForeignKey(
        Site,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hours_cancellations",
        verbose_name=_("all hours at"),
    )
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    reason = models.CharField(
        _("reason"), max_length=20, choices=CancellationReason.choices
    )
    public_note = models.CharField(
        _("public note"),
        max_length=200,
        blank=True,
        help_text=_("Shown on the portal, e.g. “Please come to Aue instead”."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = CancellationQuerySet.as_manager()

    class Meta:
        verbose_name = _("cancellation")
        verbose_name_plural = _("cancellations")
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")),
                name="cancellation_days_in_order",
            ),
            # Exactly one of rule, staff member and site says what is off.
            models.CheckConstraint(
                condition=(
                    Q(rule__isnull=False, staff__isnull=True, site__isnull=True)
                    | Q(rule__isnull=True, staff__isnull=False, site__isnull=True)
                    | Q(rule__isnull=True, staff__isnull=True, site__isnull=False)
                ),
                name="cancellation_has_one_scope",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_day:%d.%m.%Y}–{self.last_day:%d.%m.%Y}"

    def covers(self, rule: HoursRule, day: datetime.date) -> bool:
        if not self.first_day <= day <= self.last_day:
            return False
        if self.rule_id is not None:
            return self.rule_id == rule.pk
        if self.staff_id is not None:
            return self.staff_id == rule.staff_id
        return self.site_id == rule.site_id


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    ATTENDED = "attended", _("Attended")
    MISSED = "missed", _("Did not come")
    CANCELLED = "cancelled", _("Cancelled")


class AppointmentSource(models.TextChoices):
    STAFF = "staff", _("Booked by staff")
    PORTAL = "portal", _("Booked online")


class AppointmentQuerySet(models.QuerySet["Appointment"]):
    def holding(self) -> "AppointmentQuerySet":
        """Appointments that occupy their slot (all but the cancelled)."""
        return self.exclude(status=AppointmentStatus.CANCELLED)

    def upcoming(self) -> "AppointmentQuerySet":
        return self.filter(
            status=AppointmentStatus.BOOKED, starts_at__gte=timezone.now()
        )


class Appointment(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="appointments"
    )
    rule = models.ForeignKey(
        HoursRule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
    )
    site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("site"),
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("with"),
    )
    starts_at = models.DateTimeField(_("begins"))
    ends_at = models.DateTimeField(_("ends"))
    client = models.ForeignKey(
        "clients.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("client"),
    )
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail address"), max_length=254, blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    language = models.CharField(
        _("language spoken"), max_length=3, blank=True, help_text=_("ISO 639-3 code.")
    )
    mediator_needed = models.BooleanField(_("needs a language mediator"), default=False)
    # Made together with the booking when a mediator is needed and the
    # language is known (mediators app); staff then choose the mediator.
    mediator_request = models.ForeignKey(
        "mediators.Request",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("mediator request"),
    )
    # Free text from the visitor, often about health or family: encrypted.
    subject = EncryptedTextField(
        _("what it is about"),
        max_length=300,
        blank=True,
    )
    # The portal language the visitor booked in: e-mails go out in it.
    portal_language = models.CharField(max_length=5, blank=True)
    source = models.CharField(max_length=10, choices=AppointmentSource.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.BOOKED,
    )
    # The visitor's cancellation link; only its digest is kept.
    cancel_digest = models.CharField(max_length=64, blank=True, db_index=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["cancel_digest"])

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at"]
        constraints = [
            # The guarantee that two people never get the same slot, also
            # when both press "book" at the same moment.
            models.UniqueConstraint(
                fields=["staff", "starts_at"],
                condition=~Q(status="cancelled"),
                name="one_appointment_per_slot",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="appointment_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{local:%d.%m.%Y %H:%M} {self.site}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == AppointmentStatus.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.starts_at < timezone.now()

    def who(self) -> str:
        """The person as staff may call them: the client's name or the booker's."""
        return self.client.full_name if self.client else self.name


class WalkInStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    SERVING = "serving", _("Being seen")
    DONE = "done", _("Done")
    LEFT = "left", _("Left without being seen")


class WalkIn(models.Model):
    """Someone who came to open consultation hours without an appointment."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="walk_ins"
    )
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="walk_ins")
    day = models.DateField(_("day"))
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(
        _("name or description"),
        max_length=120,
        blank=True,
        help_text=_("Optional, e.g. a first name."),
    )
    language = models.CharField(
        _("language spoken"), max_length=3, blank=True, help_text=_("ISO 639-3 code.")
    )
    mediator_needed = models.BooleanField(_("needs a language mediator"), default=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=WalkInStatus.choices,
        default=WalkInStatus.WAITING,
    )
    arrived_at = models.DateTimeField(_("arrived"), default=timezone.now)
    called_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("walk-in")
        verbose_name_plural = _("walk-ins")
        ordering = ["day", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "day", "number"], name="walk_in_number_once_a_day"
            )
        ]

    # Who waits is called in or leaves; who is being seen is done or leaves.
    MOVES = {
        WalkInStatus.WAITING: (WalkInStatus.SERVING, WalkInStatus.LEFT),
        WalkInStatus.SERVING: (WalkInStatus.DONE, WalkInStatus.LEFT),
    }

    def __str__(self) -> str:
        return f"{self.number} ({self.day:%d.%m.%Y})"

    def can_move_to(self, status: str) -> bool:
        return status in self.MOVES.get(WalkInStatus(self.status), ())

    def next_steps(self) -> tuple[str, ...]:
        return self.MOVES.get(WalkInStatus(self.status), ())


class OutreachKind(models.TextChoices):
    DAY = "day", _("Outreach day")
    VISIT = "visit", _("Outreach visit")


class OutreachEvent(models.Model):
    """An outreach day at an accommodation or municipality, or a visit."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="outreach_events"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=OutreachKind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("begins"))
    ends_at = models.DateTimeField(_("ends"))
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("municipality"),
    )
    place = models.CharField(
        _("place"),
        max_length=200,
        help_text=_("The accommodation or address."),
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="outreach_events",
        verbose_name=_("staff taking part"),
    )
    public = models.BooleanField(
        _("announce on the portal"),
        default=False,
        help_text=_("Outreach days open to everyone; never for a visit to a person."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outreach event")
        verbose_name_plural = _("outreach events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="outreach_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class OutreachNote(models.Model):
    """What happened at an outreach event; read like counselling notes."""

    event = models.ForeignKey(
        OutreachEvent, on_delete=models.CASCADE, related_name="notes"
    )
    text = EncryptedTextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("outreach note")
        verbose_name_plural = _("outreach notes")
        ordering = ["written_at"]

    def __str__(self) -> str:
        return f"{self.event}: {self.written_at:%d.%m.%Y}"


class HoursBudgetQuerySet(models.QuerySet["HoursBudget"]):
    def for_month(self, month: datetime.date) -> "HoursBudgetQuerySet":
        """Budgets in force on any day of the month that begins on ``month``."""
        last = month_end(month)
        return self.filter(valid_from__lte=last).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=month)
        )


class HoursBudget(models.Model):
    """Hours a month for a group of staff, e.g. 24 h for the honorary
    commissioner and the deputy together (seed 000)."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="hours_budgets"
    )
    name = models.CharField(_("name"), max_length=120)
    hours_per_month = models.DecimalField(
        _("hours per month"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="hours_budgets", verbose_name=_("staff")
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    history = HistoricalRecords()

    objects = HoursBudgetQuerySet.as_manager()

    class Meta:
        verbose_name = _("hours budget")
        verbose_name_plural = _("hours budgets")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_month__gt=0), name="hours_budget_positive"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="hours_budget_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FeedToken(models.Model):
    """The secret address of a staff member's calendar feed.

    Only the digest is stored: the address is shown once, when it is made;
    revoking deletes the row, and the old address answers 404 from then on.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token"
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed address")
        verbose_name_plural = _("calendar feed addresses")

    def __str__(self) -> str:
        return str(self.user)
