"""The integration guide service (seed 004) and guided voluntary departure (seed 001).

A Care is one person in a guide's care from the handover to its end; who
cared when is kept in CareSpells, so that a caseload per guide and month
counts every client once per guide that month, also across transfers. The
first steps are PlanSteps copied from the office's template when the care
begins, so that a later change of the template leaves running plans alone.
Recognition lists come in as a RecognitionImport whose rows are checked
before anything is written, then committed in one transaction.
"""

import datetime
import hashlib
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Office
from cases.models import Activity
from clients.models import DatePrecision, Person
from lib.crypto import EncryptedTextField


class CareKind(models.TextChoices):
    RECOGNITION = "recognition", _("Guidance after recognition")
    DEPARTURE = "departure", _("Voluntary departure")


class Source(models.TextChoices):
    """How the county learnt of the person (seed 004, question 2)."""

    IMMIGRATION = "immigration", _("Immigration authority")
    JOBCENTER = "jobcenter", _("List agreed with the Jobcenter")
    ACCOMMODATION = "accommodation", _("Handover from the accommodation's social work")
    SELF = "self", _("Self-referral (flyer, word of mouth)")
    OTHER = "other", _("Other")


class EndReason(models.TextChoices):
    GOALS_REACHED = "goals", _("First steps done, care no longer needed")
    MOVED = "moved", _("Moved away")
    NO_CONTACT = "no_contact", _("No contact any more")
    DECLINED = "declined", _("The person declined further care")
    HANDED_OVER = "handed_over", _("Handed over to another service")
    DEPARTED = "departed", _("Departed")
    OTHER = "other", _("Other")


class CareQuerySet(models.QuerySet["Care"]):
    def of_office(self, office: Office) -> "CareQuerySet":
        return self.filter(office=office)

    def active(self) -> "CareQuerySet":
        return self.filter(ended_on__isnull=True)


class Care(models.Model):
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="cares")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cares")
    kind = models.CharField(
        _("kind"), max_length=12, choices=CareKind.choices, default=CareKind.RECOGNITION
    )
    # The current guide; who cared when is in the spells.
    guide = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cares",
        verbose_name=_("integration guide"),
    )
    source = models.CharField(
        _("how we learnt of it"), max_length=15, choices=Source.choices
    )
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    started_on = models.DateField(_("care began on"), default=timezone.localdate)
    ended_on = models.DateField(_("care ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("why the care ended"), max_length=12, choices=EndReason.choices, blank=True
    )
    end_note = EncryptedTextField(_("note on the end"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when erasure or retention removed what identified it; the row stays
    # for the statistics (privacy.anonymise).
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = CareQuerySet.as_manager()

    class Meta:
        verbose_name = _("care")
        verbose_name_plural = _("cares")
        ordering = ["-started_on"]
        indexes = [models.Index(fields=["office", "ended_on"])]
        constraints = [
            # A person is in one running care of a kind at a time.
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=Q(ended_on__isnull=True),
                name="one_running_care_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="care_ends_after_it_began",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | ~Q(end_reason=""),
                name="care_end_has_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_kind_display()})"

    @property
    def is_active(self) -> bool:
        return self.ended_on is None


class CareSpell(models.Model):
    """One guide's time with one care: from the assignment to the transfer
    or the end. Caseloads count these."""

    care = models.ForeignKey(Care, on_delete=models.CASCADE, related_name="spells")
    guide = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="care_spells"
    )
    began_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    # What the previous guide handed over (empty for the first spell).
    handover_note = EncryptedTextField(_("handover note"), blank=True)

    class Meta:
        verbose_name = _("guide's spell of care")
        verbose_name_plural = _("guides' spells of care")
        ordering = ["care", "began_on"]
        indexes = [models.Index(fields=["guide", "began_on", "ended_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["care"],
                condition=Q(ended_on__isnull=True),
                name="one_open_spell_per_care",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(ended_on__gte=models.F("began_on")),
                name="spell_ends_after_it_began",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.guide}: {self.began_on:%d.%m.%Y}–"


class PlanTemplate(models.Model):
    """The office's list of first steps for a kind of care; editable."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="plan_templates"
    )
    kind = models.CharField(_("kind of care"), max_length=12, choices=CareKind.choices)
    name = models.CharField(_("name"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan template")
        verbose_name_plural = _("plan templates")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "kind"], name="one_template_per_kind"
            )
        ]

    def __str__(self) -> str:
        return self.name


class TemplateStep(models.Model):
    template = models.ForeignKey(
        PlanTemplate, on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("step"), max_length=200)
    description = models.TextField(_("what it means"), blank=True)
    # Due this many days after the care began.
    due_after_days = models.PositiveSmallIntegerField(
        _("due after (days)"), default=14, validators=[MaxValueValidator(730)]
    )
    # Voluntary departure: this step passes data to the authority.
    needs_consent = models.BooleanField(
        _("shares data with an authority (needs consent)"), default=False
    )

    class Meta:
        verbose_name = _("template step")
        verbose_name_plural = _("template steps")
        ordering = ["template", "position"]

    def __str__(self) -> str:
        return self.title


class StepStatus(models.TextChoices):
    OPEN = "open", _("Open")
    STARTED = "started", _("Started")
    DONE = "done", _("Done")
    NOT_NEEDED = "not_needed", _("Not needed")


class PlanStepQuerySet(models.QuerySet["PlanStep"]):
    def overdue(self, today: datetime.date) -> "PlanStepQuerySet":
        return self.filter(
            status__in=[StepStatus.OPEN, StepStatus.STARTED], due_on__lt=today
        )


class PlanStep(models.Model):
    care = models.ForeignKey(Care, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("step"), max_length=200)
    description = models.TextField(_("what it means"), blank=True)
    needs_consent = models.BooleanField(default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=StepStatus.choices, default=StepStatus.OPEN
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True)
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="plan_steps", verbose_name=_("activities")
    )
    history = HistoricalRecords()

    objects = PlanStepQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")
        ordering = ["care", "position"]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: datetime.date) -> bool:
        open_ = self.status in (StepStatus.OPEN, StepStatus.STARTED)
        return open_ and self.due_on is not None and self.due_on < today


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("Being checked")
    CHECKED = "checked", _("Checked: waiting for your decision")
    FAILED = "failed", _("Could not be read")
    IMPORTING = "importing", _("Being imported")
    DONE = "done", _("Imported")
    DISCARDED = "discarded", _("Discarded")


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class RecognitionImport(models.Model):
    """A recognition list as uploaded: the original file is kept with it."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="recognition_imports"
    )
    source = models.CharField(
        _("where the list comes from"),
        max_length=15,
        choices=Source.choices,
        default=Source.IMMIGRATION,
    )
    file_name = models.CharField(_("file name"), max_length=255)
    # The original bytes, as the attachment of the import.
    original = models.BinaryField(_("original file"))
    digest = models.CharField(max_length=64, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ImportStatus.choices,
        default=ImportStatus.CHECKING,
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    problem = models.TextField(_("problem"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("recognition list import")
        verbose_name_plural = _("recognition list imports")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.file_name


class RowOutcome(models.TextChoices):
    NEW = "new", _("New person")
    EXISTING = "existing", _("Likely existing person")
    ALREADY = "already", _("Already in care: nothing to do")
    DUPLICATE = "duplicate", _("Same as an earlier row of this list")
    ERROR = "error", _("Error")


class ImportRow(models.Model):
    """One row of a list as checked: what will happen, and why."""

    source = models.ForeignKey(
        RecognitionImport, on_delete=models.CASCADE, related_name="rows"
    )
    number = models.PositiveIntegerField(_("row"))
    # The row as read, cleaned: family_name, given_names, birth_date, ...
    data = models.JSONField(default=dict)
    outcome = models.CharField(_("outcome"), max_length=10, choices=RowOutcome.choices)
    message = models.TextField(_("message"), blank=True)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    care = models.ForeignKey(
        Care, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("imported row")
        verbose_name_plural = _("imported rows")
        ordering = ["source", "number"]
        constraints = [
            models.UniqueConstraint(fields=["source", "number"], name="import_row_once")
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.number}"

    @property
    def birth_date_display(self) -> str:
        """The date as read, only as precisely as the list gave it."""
        value = self.data.get("birth_date")
        if not value:
            return ""
        born = datetime.date.fromisoformat(value)
        precision = self.data.get("birth_date_precision", DatePrecision.DAY)
        if precision == DatePrecision.YEAR:
            return str(born.year)
        if precision == DatePrecision.MONTH:
            return born.strftime("%m/%Y")
        return born.strftime("%d.%m.%Y")


class TrainingKind(models.TextChoices):
    TRAINING = "training", _("Training")
    TEAM = "team", _("Team meeting")
    SUPERVISION = "supervision", _("Supervision")


class Training(models.Model):
    """Guides' training, team meetings and supervision (seed 004, question 7)."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="trainings"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=TrainingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    day = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        validators=[
            MinValueValidator(Decimal("0.5")),
            MaxValueValidator(Decimal("40")),
        ],
    )
    guides = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="trainings",
        verbose_name=_("who took part"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("training or meeting")
        verbose_name_plural = _("trainings and meetings")
        ordering = ["-day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=Decimal("0.5")) & Q(hours__lte=Decimal("40")),
                name="training_hours_plausible",
            )
        ]

    def __str__(self) -> str:
        return self.title
