"""Accommodation controlling (seeds 002 and 003): the office's accommodations,
their occupancy and social care over time, the catalogue of minimum standards
(versioned), inspections with findings, photos and deficiencies."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Municipality, Office
from directory.models import Partner
from portal.models import attachment_storage

# Seed 002, section 8: at most 80 residents per full-time social care worker.
DEFAULT_MAX_RESIDENTS_PER_FTE = 80


class Kind(models.TextChoices):
    SHARED = "shared", _("Shared accommodation")
    FLAT = "flat", _("Decentral flat")
    RECEPTION = "reception", _("Reception facility")


class Accommodation(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="accommodations"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    address = models.TextField(_("address"))
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("municipality"),
    )
    operator = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="operated_accommodations",
        verbose_name=_("operator"),
    )
    social_care = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cared_accommodations",
        verbose_name=_("social care provider"),
    )
    capacity = models.PositiveIntegerField(
        _("places"), validators=[MinValueValidator(1)]
    )
    family_places = models.PositiveIntegerField(_("places for families"), default=0)
    accessible_places = models.PositiveIntegerField(
        _("places for people with disabilities"), default=0
    )
    # Residents may name it in the portal; its address is never published.
    on_portal = models.BooleanField(
        _("residents can name it in the portal"),
        default=False,
        help_text=_("Only the name is shown, never the address."),
    )
    active = models.BooleanField(_("in use"), default=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("accommodation")
        verbose_name_plural = _("accommodations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "name"], name="accommodation_name_once"
            ),
            models.CheckConstraint(
                condition=Q(family_places__lte=models.F("capacity"))
                & Q(accessible_places__lte=models.F("capacity")),
                name="accommodation_places_within_capacity",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def same_provider(self) -> bool:
        """Seed 002: operation and social care by different providers."""
        return bool(self.operator_id) and self.operator_id == self.social_care_id


class Occupancy(models.Model):
    """Residents on a day; valid until the next count."""

    accommodation = models.ForeignKey(
        Accommodation, on_delete=models.CASCADE, related_name="occupancies"
    )
    on = models.DateField(_("on"))
    residents = models.PositiveIntegerField(_("residents"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("occupancy")
        verbose_name_plural = _("occupancies")
        ordering = ["-on"]
        constraints = [
            models.UniqueConstraint(
                fields=["accommodation", "on"], name="occupancy_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.accommodation}: {self.residents} ({self.on:%d.%m.%Y})"


class Staffing(models.Model):
    """Social care staff in full-time equivalents from a day on."""

    accommodation = models.ForeignKey(
        Accommodation, on_delete=models.CASCADE, related_name="staffings"
    )
    on = models.DateField(_("from"))
    fte = models.DecimalField(
        _("social care staff (full-time equivalents)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("social care staffing")
        verbose_name_plural = _("social care staffing")
        ordering = ["-on"]
        constraints = [
            models.UniqueConstraint(
                fields=["accommodation", "on"], name="staffing_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.accommodation}: {self.fte} ({self.on:%d.%m.%Y})"


class Settings(models.Model):
    """The office's rule for the care ratio alert."""

    office = models.OneToOneField(
        Office, on_delete=models.CASCADE, related_name="housing_settings"
    )
    max_residents_per_fte = models.PositiveIntegerField(
        _("residents per social care worker at most"),
        default=DEFAULT_MAX_RESIDENTS_PER_FTE,
        validators=[MinValueValidator(1)],
        help_text=_("Seed 002: a care ratio of at most 1:80."),
    )

    class Meta:
        verbose_name = _("accommodation settings")
        verbose_name_plural = _("accommodation settings")

    def __str__(self) -> str:
        return f"{self.office}: 1:{self.max_residents_per_fte}"


# --- Minimum standards ---------------------------------------------------------


class Catalogue(models.Model):
    """One version of the office's minimum standards. Once an inspection
    uses a version it is frozen; a change makes the next version."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="standard_catalogues"
    )
    version = models.PositiveIntegerField(_("version"))
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("catalogue of minimum standards")
        verbose_name_plural = _("catalogues of minimum standards")
        ordering = ["office", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "version"], name="catalogue_version_once"
            )
        ]

    def __str__(self) -> str:
        return _("Minimum standards, version %(version)s") % {"version": self.version}

    @property
    def frozen(self) -> bool:
        return self.inspections.exists()


class Measure(models.TextChoices):
    YES_NO = "yes_no", _("Yes or no")
    AT_LEAST = "at_least", _("At least a value")
    AT_MOST = "at_most", _("At most a value")


class Standard(models.Model):
    catalogue = models.ForeignKey(
        Catalogue, on_delete=models.CASCADE, related_name="standards"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    area = models.CharField(_("area"), max_length=100)
    title = models.CharField(_("standard"), max_length=300)
    measure = models.CharField(
        _("how it is checked"), max_length=10, choices=Measure.choices
    )
    target = models.DecimalField(
        _("value"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    # A failed critical standard makes the light red by itself.
    critical = models.BooleanField(_("critical"), default=False)
    applies_to = models.CharField(
        _("applies to"),
        max_length=10,
        choices=[("", _("All kinds")), *Kind.choices],
        blank=True,
    )

    class Meta:
        verbose_name = _("minimum standard")
        verbose_name_plural = _("minimum standards")
        ordering = ["catalogue", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(measure="yes_no", target__isnull=True)
                | (~Q(measure="yes_no") & Q(target__isnull=False)),
                name="standard_target_fits_measure",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def met_by(self, value: Decimal | None, yes: bool | None) -> bool | None:
        """None when nothing was found (not assessed)."""
        if self.measure == Measure.YES_NO:
            return yes
        if value is None or self.target is None:
            return None
        if self.measure == Measure.AT_LEAST:
            return value >= self.target
        return value <= self.target


# --- Inspections -----------------------------------------------------------------


class Light(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


class Inspection(models.Model):
    accommodation = models.ForeignKey(
        Accommodation, on_delete=models.PROTECT, related_name="inspections"
    )
    catalogue = models.ForeignKey(
        Catalogue, on_delete=models.PROTECT, related_name="inspections"
    )
    on = models.DateField(_("inspected on"))
    announced = models.BooleanField(_("announced"), default=False)
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="inspections",
        verbose_name=_("inspectors"),
    )
    residents_said = models.TextField(_("what residents said"), blank=True)
    staff_said = models.TextField(_("what staff said"), blank=True)
    # Computed from the findings when the inspection is completed; the
    # rule's wording is kept with it.
    light = models.CharField(
        _("traffic light"), max_length=6, choices=Light.choices, blank=True
    )
    light_reason = models.TextField(_("why"), blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    # A re-inspection follows up the deficiencies of an earlier one.
    follows_up = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("re-inspection of"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.accommodation} {self.on:%d.%m.%Y}"

    @property
    def completed(self) -> bool:
        return self.completed_at is not None


class Finding(models.Model):
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="findings"
    )
    standard = models.ForeignKey(
        Standard, on_delete=models.PROTECT, related_name="findings"
    )
    value = models.DecimalField(
        _("measured"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    yes = models.BooleanField(_("fulfilled"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["standard__position", "standard_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "standard"], name="finding_once_per_standard"
            )
        ]

    def __str__(self) -> str:
        return f"{self.standard}: {self.value if self.value is not None else self.yes}"

    @property
    def met(self) -> bool | None:
        return self.standard.met_by(self.value, self.yes)


class Photo(models.Model):
    """A photo taken at an inspection, checked and stripped of metadata."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="photos"
    )
    finding = models.ForeignKey(
        Finding, on_delete=models.SET_NULL, null=True, blank=True, related_name="photos"
    )
    file = models.FileField(storage=attachment_storage, upload_to="inspections/%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.name


class DeficiencyStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Remedied")
    ESCALATED = "escalated", _("Escalated")


class Deficiency(models.Model):
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="deficiencies"
    )
    standard = models.ForeignKey(
        Standard,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deficiencies",
        verbose_name=_("minimum standard"),
    )
    description = models.TextField(_("deficiency"))
    deadline = models.DateField(_("to be remedied by"))
    responsible = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeficiencyStatus.choices,
        default=DeficiencyStatus.OPEN,
    )
    # The re-inspection that closed or escalated it.
    settled_by = models.ForeignKey(
        Inspection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="settled",
        verbose_name=_("settled at the inspection of"),
    )
    settled_note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deficiency")
        verbose_name_plural = _("deficiencies")
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return self.description[:80]

    def overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == DeficiencyStatus.OPEN and self.deadline < today
