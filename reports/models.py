"""The office's own words for its yearly report, and the report files made
in the background."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Office


class ReportText(models.Model):
    """A chapter in the office's own words (foreword, main topics, outlook)
    that the yearly activity report prints before its numbers."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="report_texts"
    )
    year = models.PositiveSmallIntegerField(_("year of the report"))
    position = models.PositiveSmallIntegerField(
        _("position"), default=1, help_text=_("Chapters are printed in this order.")
    )
    heading = models.CharField(_("heading"), max_length=200)
    body = models.TextField(
        _("text"), help_text=_("Paragraphs are separated by an empty line.")
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("report text")
        verbose_name_plural = _("report texts")
        ordering = ["year", "position", "id"]

    def __str__(self) -> str:
        return self.heading


class ReportKind(models.TextChoices):
    YEARLY = "yearly", _("Yearly activity report")
    COUNCIL = "council", _("Report to the county council")
    STATE = "state", _("Statistics of all offices")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportRun(models.Model):
    """One report asked for: made by a background task, its files kept here
    for download."""

    # Empty for the state-wide statistics.
    office = models.ForeignKey(
        Office,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_runs",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    compare = models.BooleanField(_("compared with the period before"), default=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.QUEUED,
    )
    # 0–100, and what is being done, for the progress page.
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True)
    # Written for the staff member who asked, in their language.
    language = models.CharField(max_length=10, default="de")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"

    @property
    def finished(self) -> bool:
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED)


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "Excel (XLSX)"
    ODS = "ods", "OpenDocument (ODS)"
    CSV = "csv", "CSV"


class ReportFile(models.Model):
    """A finished file, kept in the database: it is backed up with it and
    never lies in a public directory."""

    run = models.ForeignKey(ReportRun, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=4, choices=FileFormat.choices)
    content = models.BinaryField()
    size = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["run", "format"], name="one_file_per_format"
            )
        ]

    def __str__(self) -> str:
        return f"{self.run} ({self.format})"
