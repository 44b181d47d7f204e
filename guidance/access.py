"""The one way to fetch a care, a plan step, an import or a training.

Another office's object is 404 (its existence is not revealed); one of the
own office that the user's roles do not reach is 403. Guides reach the cares
they hold now and those they held before (their handover notes), nothing of
their colleagues'; the desk of the office reaches every care.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.access import require
from accounts.models import Role, User

from .models import Care, PlanStep, PlanTemplate, RecognitionImport, Training

# Who takes people in: single entry, list imports, assignment, transfer.
INTAKE_ROLES = {Role.COMMISSIONER, Role.DEPUTY, Role.OFFICE_STAFF}
# Who works with cares: the intake and the guides (their own).
CARE_ROLES = INTAKE_ROLES | {Role.GUIDE}
# Who reads caseloads: numbers per guide, no client.
CASELOAD_ROLES = INTAKE_ROLES | {Role.ANALYST}
# Who edits the office's plan templates.
TEMPLATE_ROLES = INTAKE_ROLES | {Role.ADMINISTRATOR}
# Who records training, team meetings and supervision.
TRAINING_ROLES = CARE_ROLES


def cares_visible_to(user: User) -> QuerySet[Care]:
    office_id = require(user, CARE_ROLES)
    found = Care.objects.filter(office_id=office_id)
    if user.has_role(*INTAKE_ROLES):
        return found
    return found.filter(Q(guide=user) | Q(spells__guide=user)).distinct()


def get_care_for(user: User, pk: int) -> Care:
    office_id = require(user, CARE_ROLES)
    found = Care.objects.filter(pk=pk).select_related("person", "guide").first()
    if found is None or found.office_id != office_id:
        raise Http404
    if not cares_visible_to(user).filter(pk=pk).exists():
        raise PermissionDenied
    return found


def get_step_for(user: User, pk: int) -> PlanStep:
    found = PlanStep.objects.filter(pk=pk).select_related("care").first()
    if found is None:
        raise Http404
    get_care_for(user, found.care_id)
    return found


def get_import_for(user: User, pk: int) -> RecognitionImport:
    office_id = require(user, INTAKE_ROLES)
    found = RecognitionImport.objects.filter(pk=pk).defer("original").first()
    if found is None or found.office_id != office_id:
        raise Http404
    return found


def get_template_for(user: User, pk: int) -> PlanTemplate:
    office_id = require(user, TEMPLATE_ROLES)
    found = PlanTemplate.objects.filter(pk=pk).first()
    if found is None or found.office_id != office_id:
        raise Http404
    return found


def get_training_for(user: User, pk: int) -> Training:
    """Guides change only what they recorded; the desk all of the office's."""
    office_id = require(user, TRAINING_ROLES)
    found = Training.objects.filter(pk=pk).first()
    if found is None or found.office_id != office_id:
        raise Http404
    if not user.has_role(*INTAKE_ROLES) and found.created_by_id != user.pk:
        raise PermissionDenied
    return found
