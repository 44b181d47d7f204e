"""Report files are made by the task worker (manage.py db_worker), so that
a long report neither holds up the request nor times out."""

from django_tasks import task

from .models import ReportRun, ReportStatus


@task()
def make_report(run_id: int) -> None:
    from . import actions

    run = ReportRun.objects.filter(pk=run_id, status=ReportStatus.QUEUED).first()
    if run is None:
        # Made already (a task delivered twice) or deleted meanwhile.
        return
    try:
        actions.make_report(run)
    except Exception:
        actions.fail(run)
        raise
