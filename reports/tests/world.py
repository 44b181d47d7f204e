"""The report records the permission matrix needs: a finished run and a
chapter of the Erzgebirgskreis."""

from reports.models import ReportFile, ReportRun, ReportStatus, ReportText


def build_reports(cast) -> dict:
    run = ReportRun.objects.create(
        office=cast.erz,
        kind="yearly",
        start="2025-01-01",
        end="2025-12-31",
        status=ReportStatus.DONE,
        progress=100,
        requested_by=cast.carla,
    )
    ReportFile.objects.create(run=run, format="csv", content=b"a;b\n", size=4)
    text = ReportText.objects.create(
        office=cast.erz,
        year=2025,
        heading="Vorwort",
        body="Text",
        updated_by=cast.carla,
    )
    return {"report_run": run.pk, "report_text": text.pk}
