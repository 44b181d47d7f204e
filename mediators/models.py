"""Language mediators, their languages and rates, requests and assignments.

A request is what staff need (a language at a time and place); an
assignment is one mediator's part in it, from the offer to the paid work.
Money is never stored: statements compute it from the assignment and the
rate that was valid on its day (billing.py), so a corrected rate or a
corrected assignment never leaves a stale amount behind.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Municipality, Office
from cases.models import Concern
from lib.iso import language_name

# Data that nobody has confirmed for this long counts as stale (seed 002:
# "contacts maintained regularly"; the issue asks for at least yearly).
CONFIRM_EVERY = datetime.timedelta(days=365)
# Documents that run out within this time are listed as expiring.
EXPIRY_WARNING = datetime.timedelta(days=60)


class Qualification(models.TextChoices):
    CERTIFIED = "certified", _("Certified interpreter")
    TRAINED = "trained", _("Trained language and integration mediator")
    VOLUNTEER = "volunteer", _("Volunteer")


class Mode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    PHONE = "phone", _("By phone")
    VIDEO = "video", _("By video")


class Level(models.IntegerChoices):
    BASIC = 1, _("Basic (A2)")
    GOOD = 2, _("Good (B1–B2)")
    FLUENT = 3, _("Fluent (C1–C2)")
    NATIVE = 4, _("Native speaker")


class RateScheme(models.Model):
    """A way of paying mediators, e.g. the county's fee rules; several per office."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="rate_schemes"
    )
    name = models.CharField(_("name"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rate scheme")
        verbose_name_plural = _("rate schemes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "name"], name="rate_scheme_unique_per_office"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def rate_on(self, day: datetime.date) -> "Rate | None":
        """The rate valid on the day: the latest that started on or before it."""
        return self.rates.filter(valid_from__lte=day).order_by("-valid_from").first()


class Rate(models.Model):
    """The figures of a scheme from a day on; a change is a new Rate, so that
    assignments before the change keep being paid at the old figures."""

    scheme = models.ForeignKey(
        RateScheme, on_delete=models.CASCADE, related_name="rates"
    )
    valid_from = models.DateField(_("valid from"))
    hourly = models.DecimalField(
        _("per hour (EUR)"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    unit_minutes = models.PositiveSmallIntegerField(
        _("billed per started … minutes"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("30 bills every started half hour; 1 bills to the minute."),
    )
    per_km = models.DecimalField(
        _("per kilometre (EUR)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    travel_minutes_cap = models.PositiveSmallIntegerField(
        _("travel time paid up to (minutes)"),
        default=0,
        help_text=_("Travel time is paid like work up to this limit; 0 pays none."),
    )
    late_cancel_hours = models.PositiveSmallIntegerField(
        _("late cancellation: less than … hours ahead"), default=24
    )
    late_cancel_minutes = models.PositiveSmallIntegerField(
        _("late cancellation pays up to (minutes)"),
        default=120,
        help_text=_("Paid as work, at most the planned duration, plus travel."),
    )

    class Meta:
        verbose_name = _("rate")
        verbose_name_plural = _("rates")
        ordering = ["scheme", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "valid_from"], name="rate_once_per_day"
            ),
            models.CheckConstraint(
                condition=Q(hourly__gte=0) & Q(per_km__gte=0),
                name="rate_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(unit_minutes__gte=1) & Q(unit_minutes__lte=60),
                name="rate_unit_within_an_hour",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme}: {self.valid_from:%d.%m.%Y}"


class MediatorQuerySet(models.QuerySet["Mediator"]):
    def of_office(self, office: Office) -> "MediatorQuerySet":
        return self.filter(office=office)

    def active(self) -> "MediatorQuerySet":
        return self.filter(active=True)

    def stale(self, today: datetime.date) -> "MediatorQuerySet":
        """Whose data nobody confirmed within CONFIRM_EVERY."""
        since = today - CONFIRM_EVERY
        return self.filter(Q(confirmed_on__isnull=True) | Q(confirmed_on__lt=since))

    def documents_expiring(self, today: datetime.date) -> "MediatorQuerySet":
        """Whose pledge or certificate of good conduct runs out soon or has."""
        soon = today + EXPIRY_WARNING
        return self.filter(
            Q(pledge_valid_until__lte=soon) | Q(conduct_valid_until__lte=soon)
        )

    def speaking(self, language: str) -> "MediatorQuerySet":
        return self.filter(languages__language=language).distinct()


class Mediator(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="mediators"
    )
    # The login, when the mediator has one: they then see their assignments.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mediator",
        verbose_name=_("login"),
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    qualification = models.CharField(
        _("qualification"), max_length=20, choices=Qualification.choices
    )
    on_site = models.BooleanField(_("on site"), default=True)
    by_phone = models.BooleanField(_("by phone"), default=False)
    by_video = models.BooleanField(_("by video"), default=False)
    municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="mediators",
        verbose_name=_("municipalities covered"),
        help_text=_("Where they go on site. None: the whole county."),
    )
    rate_scheme = models.ForeignKey(
        RateScheme,
        on_delete=models.PROTECT,
        related_name="mediators",
        verbose_name=_("rate scheme"),
    )
    pledge_signed_on = models.DateField(
        _("confidentiality pledge signed on"), null=True, blank=True
    )
    pledge_valid_until = models.DateField(
        _("confidentiality pledge valid until"), null=True, blank=True
    )
    conduct_valid_until = models.DateField(
        _("certificate of good conduct valid until"), null=True, blank=True
    )
    confirmed_on = models.DateField(_("data last confirmed on"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    objects = MediatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("language mediator")
        verbose_name_plural = _("language mediators")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def modes(self) -> list[str]:
        flags = {Mode.ON_SITE: self.on_site, Mode.PHONE: self.by_phone}
        flags[Mode.VIDEO] = self.by_video
        return [mode for mode, offered in flags.items() if offered]

    def works_in(self, mode: str) -> bool:
        return mode in self.modes

    def is_stale(self, today: datetime.date) -> bool:
        return self.confirmed_on is None or self.confirmed_on < today - CONFIRM_EVERY

    def documents_valid_on(self, day: datetime.date) -> bool:
        """Both the pledge and the certificate of good conduct hold on the day."""
        return all(
            until is not None and until >= day
            for until in (self.pledge_valid_until, self.conduct_valid_until)
        )


class MediatorLanguage(models.Model):
    mediator = models.ForeignKey(
        Mediator, on_delete=models.CASCADE, related_name="languages"
    )
    # ISO 639-3, as every language in Lotse (lib/iso.py).
    language = models.CharField(_("language"), max_length=3, db_index=True)
    dialect = models.CharField(
        _("dialect or variety"),
        max_length=100,
        blank=True,
        help_text=_("E.g. Levantine, Kurmanji, Sorani."),
    )
    level = models.PositiveSmallIntegerField(
        _("level"), choices=Level.choices, default=Level.FLUENT
    )

    class Meta:
        verbose_name = _("language of a mediator")
        verbose_name_plural = _("languages of a mediator")
        ordering = ["mediator", "-level", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["mediator", "language", "dialect"],
                name="mediator_language_once",
            )
        ]

    def __str__(self) -> str:
        name = language_name(self.language)
        return f"{name} – {self.dialect}" if self.dialect else name


class Availability(models.Model):
    """A weekly window in which the mediator can usually take assignments."""

    mediator = models.ForeignKey(
        Mediator, on_delete=models.CASCADE, related_name="availability"
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), validators=[MaxValueValidator(6)]
    )
    start = models.TimeField(_("from"))
    end = models.TimeField(_("until"))

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availability")
        ordering = ["mediator", "weekday", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")), name="availability_start_first"
            ),
            models.CheckConstraint(
                condition=Q(weekday__lte=6), name="availability_weekday"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.weekday}: {self.start:%H:%M}–{self.end:%H:%M}"

    def covers(self, start: datetime.datetime, end: datetime.datetime) -> bool:
        """Whether the window holds the whole local time span."""
        start, end = timezone.localtime(start), timezone.localtime(end)
        return (
            start.weekday() == self.weekday
            and start.date() == end.date()
            and self.start <= start.time()
            and end.time() <= self.end
        )


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FILLED = "filled", _("Mediator found")
    UNFILLED = "unfilled", _("Nobody found")
    CANCELLED = "cancelled", _("Cancelled")
    DONE = "done", _("Done")


class RequestQuerySet(models.QuerySet["Request"]):
    def of_office(self, office: Office) -> "RequestQuerySet":
        return self.filter(office=office)


class Request(models.Model):
    """Staff need a mediator: a language at a time, on site or remote."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="mediator_requests"
    )
    language = models.CharField(_("language"), max_length=3, db_index=True)
    dialect = models.CharField(_("dialect or variety"), max_length=100, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    minutes = models.PositiveSmallIntegerField(
        _("expected duration (minutes)"),
        validators=[MinValueValidator(15), MaxValueValidator(600)],
    )
    mode = models.CharField(
        _("mode"), max_length=10, choices=Mode.choices, default=Mode.ON_SITE
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mediator_requests",
        verbose_name=_("municipality"),
    )
    # What the mediator is told: where to go and whom to ask for. Never the
    # concern's content (DOMAIN.md: mediators see time, place, language).
    place = models.CharField(_("place"), max_length=300, blank=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mediator_requests",
        verbose_name=_("contact person"),
    )
    concern = models.ForeignKey(
        Concern,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mediator_requests",
        verbose_name=_("concern"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RequestStatus.choices,
        default=RequestStatus.OPEN,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("mediator request")
        verbose_name_plural = _("mediator requests")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["office", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=15) & Q(minutes__lte=600),
                name="request_duration_plausible",
            )
        ]

    def __str__(self) -> str:
        return f"{self.language} {timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.minutes)


class AssignmentStatus(models.TextChoices):
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Offer withdrawn")
    CANCELLED = "cancelled", _("Cancelled")
    DONE = "done", _("Done")


# An assignment in these states holds the mediator's time.
HOLDING = [AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED, AssignmentStatus.DONE]
# These are paid (a cancellation only when it came late, see billing.py).
PAYABLE = [AssignmentStatus.DONE, AssignmentStatus.CANCELLED]


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def holding(self) -> "AssignmentQuerySet":
        return self.filter(status__in=HOLDING)

    def overlapping(
        self, start: datetime.datetime, end: datetime.datetime
    ) -> "AssignmentQuerySet":
        return self.filter(starts_at__lt=end, ends_at__gt=start)


class Assignment(models.Model):
    """One mediator's part in a request, from the offer to the paid work."""

    request = models.ForeignKey(
        Request, on_delete=models.CASCADE, related_name="assignments"
    )
    mediator = models.ForeignKey(
        Mediator, on_delete=models.PROTECT, related_name="assignments"
    )
    # Copied from the request so that overlaps and statements are one
    # indexed query on this table.
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.OFFERED,
    )
    # Why the ranking put this mediator where it did, when the offer was made.
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    offered_at = models.DateTimeField(_("offered at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by_office = models.BooleanField(
        _("cancelled by the office"), default=False
    )
    worked_minutes = models.PositiveSmallIntegerField(
        _("minutes worked"), null=True, blank=True
    )
    travel_minutes = models.PositiveSmallIntegerField(
        _("travel time (minutes)"), null=True, blank=True
    )
    km = models.DecimalField(
        _("kilometres"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    rating = models.PositiveSmallIntegerField(
        _("feedback (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    history = HistoricalRecords()

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["mediator", "starts_at"])]
        constraints = [
            # One mediator per request at a time.
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status__in=["accepted", "done"]),
                name="one_mediator_per_request",
            ),
            models.UniqueConstraint(
                fields=["request", "mediator"],
                condition=Q(status="offered"),
                name="one_open_offer_per_mediator",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__lt=models.F("ends_at")),
                name="assignment_starts_first",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="assignment_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mediator}: {self.request}"

    def cancelled_late(self, rate: Rate) -> bool:
        """Cancelled by the office within the rate's notice period."""
        if self.status != AssignmentStatus.CANCELLED or self.cancelled_at is None:
            return False
        notice = datetime.timedelta(hours=rate.late_cancel_hours)
        return self.cancelled_by_office and self.starts_at - self.cancelled_at < notice
