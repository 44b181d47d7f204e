"""Data protection requests and the office's retention rules.

A request (access, erasure, restriction) is kept as proof that it was
answered and how, but without the personal data: it names the person's
record by number only, and after an erasure that record holds nothing
personal any more.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Office
from clients.models import Person


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Access (Art. 15 GDPR)")
    ERASURE = "erasure", _("Erasure (Art. 17 GDPR)")
    RESTRICTION = "restriction", _("Restriction of processing (Art. 18 GDPR)")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    REFUSED = "refused", _("Refused")


class KeepGround(models.TextChoices):
    """Art. 17(3) GDPR: why something may be kept despite a request."""

    LEGAL_OBLIGATION = (
        "legal_obligation",
        _("A legal duty to keep it (Art. 17(3)(b)), e.g. payment records"),
    )
    OFFICIAL_TASK = (
        "official_task",
        _("Needed for a public task of the office (Art. 17(3)(b))"),
    )
    ARCHIVING = (
        "archiving",
        _("Archiving in the public interest or statistics (Art. 17(3)(d))"),
    )
    LEGAL_CLAIMS = (
        "legal_claims",
        _("Needed for legal claims (Art. 17(3)(e))"),
    )


class DataRequestQuerySet(models.QuerySet["DataRequest"]):
    def restricting(self) -> "DataRequestQuerySet":
        """Restrictions in force."""
        return self.filter(
            kind=RequestKind.RESTRICTION,
            status=RequestStatus.DONE,
            lifted_at__isnull=True,
        )


class DataRequest(models.Model):
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("reference"), max_length=30, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=RequestKind.choices)
    # The record concerned, by number only; after an erasure it is an empty
    # stub kept for the statistics.
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("person"),
    )
    received_on = models.DateField(_("received on"), default=datetime.date.today)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RequestStatus.choices,
        default=RequestStatus.OPEN,
    )
    # What the law allows to keep, and why: [{"part": ..., "ground": ...}].
    kept = models.JSONField(_("kept"), default=list, blank=True)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("Without names or other personal data: this record is kept."),
    )
    # Counts per table of what was disclosed, anonymised or deleted.
    outcome = models.JSONField(default=dict, encoder=DjangoJSONEncoder, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    # A restriction ends when lifted; the record of it stays.
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)

    objects = DataRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("data protection request")
        verbose_name_plural = _("data protection requests")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "number"], name="data_request_number_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} · {self.get_kind_display()}"

    @property
    def due_on(self) -> datetime.date:
        """Art. 12(3): an answer within one month of receipt."""
        return self.received_on + relativedelta(months=1)


class RetentionKind(models.TextChoices):
    CLOSED_CONCERNS = "closed_concerns", _("Closed concerns")
    PORTAL_CONTACTS = (
        "portal_contacts",
        _("Contact data of portal submissions not linked to a person"),
    )
    APPOINTMENTS = "appointments", _("Appointments")
    WALK_INS = "walk_ins", _("Waiting list at the door")
    MEDIATOR_ASSIGNMENTS = "mediator_assignments", _("Language mediator requests")
    GUIDE_PLANS = "guide_plans", _("Ended guide services and their plans")
    PERSONS = "persons", _("Persons with nothing open")
    ACCESS_LOGS = "access_logs", _("Log of who opened a record")


class RetentionAction(models.TextChoices):
    ANONYMISE = "anonymise", _("Anonymise and keep the numbers for statistics")
    DELETE = "delete", _("Delete")


class RetentionRule(models.Model):
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("records"), max_length=30, choices=RetentionKind.choices)
    months = models.PositiveSmallIntegerField(
        _("kept for months"),
        help_text=_("Counted from the day the matter ended."),
    )
    action = models.CharField(_("then"), max_length=10, choices=RetentionAction.choices)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "kind"], name="retention_rule_once"
            ),
            models.CheckConstraint(
                condition=Q(months__gte=1), name="retention_at_least_a_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.months}"

    def cutoff(self, now: datetime.datetime | None = None) -> datetime.datetime:
        """Matters that ended before this moment are past their period."""
        return (now or timezone.now()) - relativedelta(months=self.months)


class RetentionRun(models.Model):
    """One application of the rules: counts only, never names."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    counts = models.JSONField(_("records"), default=dict)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.office} {self.at:%Y-%m-%d}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())
