"""A staff member's own calendar: the next weeks on a page, and the secret
feed address that brings them into a calendar app."""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import staff_required
from accounts.http import StaffRequest

from . import actions
from .access import DESK_ROLES, OFFICE_ROLES, appointments_visible_to, require
from .feeds import ics_response, staff_calendar
from .models import (
    BERLIN,
    AppointmentStatus,
    FeedToken,
    HoursRule,
    OutreachEvent,
    token_digest,
)
from .sessions import Session, sessions

DAYS = 28
# Writing on every fetch would turn each calendar app's poll into a write.
LAST_USED_STEP = datetime.timedelta(hours=1)


@dataclass
class SessionRow:
    session: Session
    booked: int
    free: int


@staff_required(*OFFICE_ROLES)
def my_calendar(request: StaffRequest) -> HttpResponse:
    return _page(request)


@staff_required(*OFFICE_ROLES)
@require_POST
@never_cache
def feed_token(request: StaffRequest) -> HttpResponse:
    """A new feed address, shown once on the page: only its digest is kept,
    and it never goes into the session or an address."""
    require(request.user, OFFICE_ROLES)
    token = actions.new_feed_token(request.user)
    url = request.build_absolute_uri(
        reverse("feeds:staff_feed", kwargs={"token": token})
    )
    return _page(request, feed_url=url)


@staff_required(*OFFICE_ROLES)
@require_POST
def feed_revoke(request: StaffRequest) -> HttpResponse:
    require(request.user, OFFICE_ROLES)
    actions.revoke_feed_token(request.user)
    messages.success(request, _("The feed address is switched off."))
    return redirect("schedule:my_calendar")


@require_safe
@never_cache
def staff_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret address is the key; an unknown, revoked or former one
    answers alike, so nobody can tell which addresses once existed."""
    found = (
        FeedToken.objects.select_related("user")
        .filter(digest=token_digest(token))
        .first()
    )
    if found is None:
        raise Http404
    user = found.user
    if user.office_id is None or not user.has_role(*OFFICE_ROLES):
        raise Http404
    now = timezone.now()
    if found.last_used_at is None or now - found.last_used_at >= LAST_USED_STEP:
        found.last_used_at = now
        found.save(update_fields=["last_used_at"])
    return ics_response(staff_calendar(user), "lotse.ics")


def _page(request: StaffRequest, feed_url: str = "") -> HttpResponse:
    user = request.user
    require(user, OFFICE_ROLES)
    first = timezone.localdate()
    last = first + datetime.timedelta(days=DAYS - 1)
    begin = datetime.datetime.combine(first, datetime.time(), BERLIN)
    end = begin + datetime.timedelta(days=DAYS)
    rules = HoursRule.objects.filter(staff=user).active_between(first, last)
    found = sessions(
        list(rules.select_related("site", "room", "office")),
        first,
        last,
        with_bookings=True,
    )
    now = timezone.now()
    context = {
        "nav": "calendar",
        "first": first,
        "last": last,
        "sessions": [
            SessionRow(s, sum(slot.taken for slot in s.slots()), len(s.free_slots(now)))
            for s in found
        ],
        # Names only where the user may read them anyway.
        "appointments": appointments_visible_to(user)
        .filter(staff=user, starts_at__gte=begin, starts_at__lt=end)
        .exclude(status=AppointmentStatus.CANCELLED)
        .select_related("site", "client", "rule__room"),
        "outreach": OutreachEvent.objects.filter(
            staff=user, ends_at__gt=begin, starts_at__lt=end
        ).select_related("municipality"),
        "works_desk": user.has_role(*DESK_ROLES),
        "feed": FeedToken.objects.filter(user=user).first(),
        "feed_url": feed_url,
    }
    return render(request, "schedule/calendar.html", context)
