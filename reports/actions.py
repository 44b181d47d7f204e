"""Report runs: asked for in a request, made by the task worker."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import Office, User

from . import exports, tasks
from .models import (
    FileFormat,
    ReportFile,
    ReportKind,
    ReportRun,
    ReportStatus,
    ReportText,
)
from .scope import Period
from .statistics import Report, compare, office_report, state_report


def request_report(
    user: User, kind: str, period: Period, compare: bool, office: Office | None
) -> ReportRun:
    """Record the run; the worker starts it once the request has committed."""
    with transaction.atomic():
        run = ReportRun.objects.create(
            office=office,
            kind=kind,
            start=period.start,
            end=period.end,
            compare=compare,
            language=translation.get_language() or "de",
            requested_by=user,
        )
        transaction.on_commit(lambda: tasks.make_report.enqueue(run.pk))
    return run


def make_report(run: ReportRun) -> None:
    """Count, then write the four files; the progress is saved (and seen by
    the progress page) after each step."""
    with translation.override(run.language):
        _step(run, 5, gettext("Counting"), ReportStatus.RUNNING)
        report = _numbers(run)
        _step(run, 40, gettext("Writing the PDF"))
        files = {FileFormat.PDF: _pdf(run, report)}
        _step(run, 80, gettext("Writing the spreadsheets"))
        title = title_of(run)
        files[FileFormat.XLSX] = exports.xlsx(report, title=title)
        files[FileFormat.ODS] = exports.ods(report, title=title)
        files[FileFormat.CSV] = exports.csv(report, title=title)
    with transaction.atomic():
        ReportFile.objects.bulk_create(
            ReportFile(run=run, format=name, content=content, size=len(content))
            for name, content in files.items()
        )
        run.status, run.progress, run.step = ReportStatus.DONE, 100, ""
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "progress", "step", "finished_at"])


def fail(run: ReportRun) -> None:
    with translation.override(run.language):
        why = gettext("The report could not be made. Please ask for it again.")
    run.status, run.step, run.finished_at = ReportStatus.FAILED, why, timezone.now()
    run.save(update_fields=["status", "step", "finished_at"])


def _step(run: ReportRun, progress: int, step: str, status: str = "") -> None:
    run.progress, run.step = progress, step
    run.status = status or run.status
    run.save(update_fields=["progress", "step", "status"])


def period_of(run: ReportRun) -> Period:
    return Period(run.start, run.end)


def _numbers(run: ReportRun) -> Report:
    period = period_of(run)
    if run.office is None:
        return state_report(list(run.requested_by.state_offices()), period)
    report = office_report(run.office, period)
    if run.compare:
        return compare(report, office_report(run.office, period.previous()))
    return report


def title_of(run: ReportRun) -> str:
    period = period_of(run)
    if run.kind == ReportKind.YEARLY:
        return gettext("Activity report %(year)s") % {"year": period.start.year}
    return str(run.get_kind_display())


def subtitle_of(run: ReportRun) -> str:
    period = period_of(run)
    text = gettext("Concerns opened %(period)s") % {"period": period}
    if run.compare:
        text += ", " + gettext("compared with %(period)s") % {
            "period": period.previous()
        }
    return text


def _pdf(run: ReportRun, report: Report) -> bytes:
    texts = []
    if run.kind == ReportKind.YEARLY and run.office:
        texts = list(ReportText.objects.filter(office=run.office, year=run.start.year))
    name = run.office.name if run.office else gettext("All offices")
    return exports.pdf(
        report,
        title=title_of(run),
        subtitle=subtitle_of(run),
        office_name=name,
        texts=texts,
    )
