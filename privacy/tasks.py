"""The nightly retention run, one task per office (see apply_retention)."""

from django_tasks import task

from . import retention


@task()
def apply_retention(office_id: int) -> dict[str, int]:
    run = retention.apply(office_id)
    return dict(run.counts)
