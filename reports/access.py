"""Who may see which report runs and texts; the only way views fetch them.

Statistics roles (commissioner, deputy, analyst) see the runs of their own
office; the state view sees the state-wide runs; only the commissioner and
the deputy write the report's texts.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from accounts.access import require
from accounts.models import STATISTICS_ROLES, Role, User

from .models import ReportRun, ReportText

TEXT_ROLES = {Role.COMMISSIONER, Role.DEPUTY}


def runs_for(user: User) -> QuerySet[ReportRun]:
    if user.is_state_viewer:
        return ReportRun.objects.filter(office__isnull=True, requested_by=user)
    office_id = require(user, STATISTICS_ROLES)
    return ReportRun.objects.filter(office_id=office_id)


def get_run_for(user: User, pk: int) -> ReportRun:
    run = runs_for(user).filter(pk=pk).first()
    if run is None:
        raise Http404
    return run


def texts_for(user: User) -> QuerySet[ReportText]:
    return ReportText.objects.filter(office_id=require(user, TEXT_ROLES))


def get_text_for(user: User, pk: int) -> ReportText:
    text = texts_for(user).filter(pk=pk).first()
    if text is None:
        raise Http404
    return text


def may_write_texts(user: User) -> bool:
    try:
        require(user, TEXT_ROLES)
    except PermissionDenied:
        return False
    return True
