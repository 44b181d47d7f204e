"""The one way staff fetch portal records: through the concern they belong to."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.http import StaffRequest
from accounts.models import SETTINGS_ROLES
from cases.access import get_concern_for

from .models import Attachment, ReplyTemplate, RoutingRule, Submission

# Who writes the office's routing rules and reply templates.
PORTAL_SETTINGS_ROLES = SETTINGS_ROLES


def get_submission_for(request: StaffRequest, concern_pk: int) -> Submission:
    concern = get_concern_for(request, concern_pk)
    submission = Submission.objects.filter(concern=concern).first()
    if submission is None:
        raise Http404
    return submission


def get_attachment_for(request: StaffRequest, pk: int) -> Attachment:
    """Attachments belong to the message text: only those who read notes see them."""
    attachment = Attachment.objects.select_related("submission").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    get_concern_for(request, attachment.submission.concern_id)
    if not request.user.sees_notes:
        raise PermissionDenied
    return attachment


def _office_settings(request: StaffRequest) -> int:
    user = request.user
    if user.office_id is None or not user.has_role(*PORTAL_SETTINGS_ROLES):
        raise PermissionDenied
    return user.office_id


def get_rule_for(request: StaffRequest, pk: int) -> RoutingRule:
    office_id = _office_settings(request)
    rule = RoutingRule.objects.filter(pk=pk, office_id=office_id).first()
    if rule is None:
        raise Http404
    return rule


def get_reply_template_for(request: StaffRequest, pk: int) -> ReplyTemplate:
    office_id = _office_settings(request)
    template = ReplyTemplate.objects.filter(pk=pk, office_id=office_id).first()
    if template is None:
        raise Http404
    return template
