"""The one way to fetch a concern and what hangs on it."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.http import StaffRequest

from .models import Concern, FollowUp, Referral, Topic


def get_concern_for(request: StaffRequest, pk: int) -> Concern:
    """Another office's concern is 404; one of the own office that the user
    may not see (a guide without assignment) is 403."""
    user = request.user
    if not user.sees_persons or user.office_id is None:
        raise PermissionDenied
    # One query on the usual path; the second only tells 403 from 404.
    concern = Concern.objects.visible_to(user).filter(pk=pk).first()
    if concern is None:
        if Concern.objects.filter(pk=pk, office_id=user.office_id).exists():
            raise PermissionDenied
        raise Http404
    return concern


def get_follow_up_for(request: StaffRequest, pk: int) -> FollowUp:
    follow_up = FollowUp.objects.filter(pk=pk).first()
    if follow_up is None:
        raise Http404
    get_concern_for(request, follow_up.concern_id)
    return follow_up


def get_referral_for(request: StaffRequest, pk: int) -> Referral:
    referral = Referral.objects.filter(pk=pk).first()
    if referral is None:
        raise Http404
    get_concern_for(request, referral.concern_id)
    return referral


def get_topic_for(request: StaffRequest, pk: int) -> Topic:
    user = request.user
    if not user.manages_settings or user.office_id is None:
        raise PermissionDenied
    topic = Topic.objects.filter(pk=pk, office_id=user.office_id).first()
    if topic is None:
        raise Http404
    return topic
