"""The consultation hours on the public portal, and booking online.

The hours pages are rendered fresh on every request (not through the
portal's page cache): a booking changes the free slots at once. The
booking and appointment pages carry personal data and are never cached.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Office, Site
from lib.months import month_end
from pages.models import Kind as PageKind
from pages.nav import kind_url
from portal import throttle
from portal.cache import cached_hourly
from portal.forms import new_form_token, valid_form_token
from portal.http import PortalRequest, portal_view

from . import actions
from .models import (
    AppointmentSource,
    Cancellation,
    HoursRule,
    OutreachEvent,
    OutreachKind,
)
from .public_forms import BookingForm
from .sessions import Session, rules_of, session_of, sessions


@dataclass
class SiteHours:
    site: Site
    sessions: list[Session] = field(default_factory=list)

    @property
    def bookable(self) -> bool:
        return any(s.takes_place and s.rule.bookable for s in self.sessions)


@dataclass
class Change:
    """A cancellation as the public sees it: when, where, whose hours, the note."""

    cancellation: Cancellation
    places: list[str] = field(default_factory=list)


def period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """From today to the end of next month, e.g. 22 Nov – 31 Dec."""
    next_month = month_end(today) + datetime.timedelta(days=1)
    return today, month_end(next_month)


@require_GET
@portal_view
@cached_hourly
def hours(request: PortalRequest) -> HttpResponse:
    office = request.portal.office
    sites = list(office.sites.all())
    return _hours_page(request, "schedule/public/hours.html", office, sites)


@require_GET
@portal_view
@cached_hourly
def site_hours(request: PortalRequest, site: int) -> HttpResponse:
    office = request.portal.office
    found = get_object_or_404(Site, pk=site, office=office)
    return _hours_page(
        request, "schedule/public/site_hours.html", office, [found], site=found
    )


def _hours_page(
    request: PortalRequest,
    template: str,
    office: Office,
    sites: list[Site],
    **filters,
) -> HttpResponse:
    first, last = period(timezone.localdate())
    now = timezone.now()
    by_site = {site.pk: SiteHours(site) for site in sites}
    found = sessions(
        rules_of(office, first, last, **filters), first, last, with_bookings=True
    )
    found = [s for s in found if s.ends_at > now and s.rule.site_id in by_site]
    for session in found:
        by_site[session.rule.site_id].sessions.append(session)
    context = {
        "sites": list(by_site.values()),
        "last": last,
        "changes": _changes(found),
        "outreach": _outreach(office, first, last),
    }
    return render(request, template, context)


def _changes(found: list[Session]) -> list[Change]:
    changes: dict[int, Change] = {}
    for session in found:
        cancellation = session.cancellation
        if cancellation is None:
            continue
        change = changes.setdefault(cancellation.pk, Change(cancellation))
        place = f"{session.rule.site.name} ({session.rule.staff.get_full_name()})"
        if place not in change.places:
            change.places.append(place)
    return sorted(changes.values(), key=lambda c: c.cancellation.first_day)


def _outreach(
    office: Office, first: datetime.date, last: datetime.date
) -> list[OutreachEvent]:
    tz = timezone.get_default_timezone()
    after = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time(), tz
    )
    return list(
        OutreachEvent.objects.filter(
            office=office,
            public=True,
            kind=OutreachKind.DAY,
            ends_at__gt=timezone.now(),
            starts_at__lt=after,
        ).select_related("municipality")
    )


@never_cache
@require_http_methods(["GET", "POST"])
@portal_view
def book(request: PortalRequest, rule: int, day: str) -> HttpResponse:
    portal = request.portal
    session = _session(portal.office, rule, day)
    over = session.ends_at <= timezone.now()
    if over or not (session.takes_place and session.rule.bookable):
        context = {"session": session, "over": over}
        return render(request, "schedule/public/no_booking.html", context, status=404)
    if request.method != "POST":
        form = BookingForm(
            session=session,
            language=portal.language,
            initial={"form_token": new_form_token()},
        )
        return _form_page(request, session, form)
    data = request.POST.copy()
    token_ok = valid_form_token(data.get("form_token", ""))
    if not token_ok:
        data["form_token"] = new_form_token()
    form = BookingForm(data, session=session, language=portal.language)
    if not form.is_valid():
        return _form_page(request, session, form)
    if not token_ok:
        problem = _("This form was open too long. Please send it again.")
        return _form_page(request, session, form, problem=problem)
    problem = throttle.refusal(request, "book")
    if problem:
        return _form_page(request, session, form, problem=problem, status=429)
    return _book(request, session, form)


def _session(office: Office, rule_pk: int, day: str) -> Session:
    rule = (
        HoursRule.objects.select_related("site", "room", "staff", "office")
        .filter(pk=rule_pk, office=office)
        .first()
    )
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    session = session_of(rule, date) if rule else None
    if session is None:
        raise Http404
    return session


def _book(request: PortalRequest, session: Session, form: BookingForm) -> HttpResponse:
    portal = request.portal
    data = form.cleaned_data
    booker = actions.Booker(
        name=data["name"],
        email=data["email"],
        phone=data["phone"],
        language=data["language"],
        mediator_needed=data["mediator_needed"],
        subject=data["subject"],
        portal_language=portal.language.code,
    )
    try:
        appointment, token = actions.book(
            session, data["slot"], booker, source=AppointmentSource.PORTAL
        )
    except actions.BookingError as refused:
        # The slots as they are now: a time just taken is no longer offered.
        fresh = session_of(session.rule, session.day) or session
        form = BookingForm(request.POST, session=fresh, language=portal.language)
        form.add_error("slot", str(refused))
        return _form_page(request, fresh, form, status=409)
    throttle.sweep()
    cancel_url = request.build_absolute_uri(
        portal.url("hours:appointment", token=token)
    )
    context = {"appointment": appointment, "session": session, "cancel_url": cancel_url}
    return render(request, "schedule/public/booked.html", context)


def _form_page(
    request: PortalRequest,
    session: Session,
    form: BookingForm,
    *,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    portal = request.portal
    context = {
        "session": session,
        "form": form,
        "free": session.free_slots(),
        "problem": problem,
        "privacy_url": kind_url(portal.office, portal.language, PageKind.PRIVACY),
    }
    return render(request, "schedule/public/book.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@portal_view
def appointment(request: PortalRequest, token: str) -> HttpResponse:
    # The link's token is the only key to the booking: limit the guessing.
    if not throttle.allowed_once(
        request, "appointment", settings.PORTAL_APPOINTMENT_LOOKUPS_PER_HOUR
    ):
        return render(request, "portal/too_many.html", status=429)
    found = actions.find_by_token(token[:100])
    if found is None or found.office_id != request.portal.office.pk:
        raise Http404
    context: dict = {"appointment": found}
    if request.method == "POST":
        try:
            actions.cancel_by_visitor(found)
        except actions.BookingError as refused:
            context["problem"] = str(refused)
            return render(
                request, "schedule/public/appointment.html", context, status=409
            )
        return render(request, "schedule/public/appointment_cancelled.html", context)
    return render(request, "schedule/public/appointment.html", context)
