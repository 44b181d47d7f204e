"""Calendar feeds (RFC 5545): a site's consultation hours for the public,
and a staff member's own hours, appointments and outreach.

Calendar apps copy what they subscribe to into third-party clouds, so
nothing here names a visitor: an appointment says only the language and
whether a mediator is needed, and links back to Lotse for the rest.

Everything in a feed starts at most ``PAST`` ago: a series begins at its
first date from then on, which keeps the list of dates that do not take
place (EXDATE) short and correct.
"""

import datetime
from collections import defaultdict
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vDuration,
)

from accounts.models import Site, User
from lib.iso import language_name
from portal.cache import cached_hourly
from portal.http import PortalRequest, portal_view

from .models import (
    BERLIN,
    Appointment,
    AppointmentStatus,
    Frequency,
    HoursRule,
    OutreachEvent,
    OutreachKind,
)
from .sessions import sessions

PRODID = "-//Lotse//Lotse calendar feed//DE"
PAST = datetime.timedelta(days=30)
# Holidays and cancellations are looked up this far ahead; the feed is
# fetched again long before the rest matters.
AHEAD = datetime.timedelta(days=400)
REFRESH = datetime.timedelta(hours=6)


@require_safe
@portal_view
@cached_hourly
def site_feed(request: PortalRequest, site: int) -> HttpResponse:
    """The consultation hours at one site, for anyone to subscribe to."""
    portal = request.portal
    found = get_object_or_404(Site, pk=site, office=portal.office)
    rules = _rules(HoursRule.objects.filter(site=found, office=portal.office))
    page = settings.PUBLIC_URL + portal.url("hours:site_hours", site=found.pk)
    calendar = new_calendar(
        _("Consultation hours – %(site)s") % {"site": found.name},
        hours_events(rules, url=page),
    )
    return ics_response(calendar, f"hours-{found.pk}.ics")


def staff_calendar(user: User) -> Calendar:
    """The user's own hours, appointments and outreach, in German."""
    since = timezone.now() - PAST
    with translation.override(settings.LANGUAGE_CODE):
        events = hours_events(_rules(HoursRule.objects.filter(staff=user)))
        appointments = (
            Appointment.objects.holding()
            .filter(staff=user, starts_at__gte=since)
            .select_related("site", "rule__room")
        )
        events += [appointment_event(a) for a in appointments]
        outreach = OutreachEvent.objects.filter(
            staff=user, ends_at__gte=since
        ).select_related("municipality")
        events += [outreach_event(o) for o in outreach]
        return new_calendar(_("Lotse: my calendar"), events)


def _rules(rules: QuerySet[HoursRule]) -> list[HoursRule]:
    """Rules active now or later."""
    today = timezone.localdate()
    return list(
        rules.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today)).select_related(
            "site", "room", "office"
        )
    )


def hours_events(rules: list[HoursRule], *, url: str = "") -> list[Event]:
    """One event a rule: a series with its holidays and cancellations left out."""
    first = timezone.localdate() - PAST
    off: dict[int, list[datetime.date]] = defaultdict(list)
    for session in sessions(rules, first, first + AHEAD):
        if not session.takes_place:
            off[session.rule.pk].append(session.day)
    events = []
    for rule in rules:
        start = _first_date(rule, first)
        if start is None:
            continue
        recurrence = rule.ical_recurrence()
        if recurrence is None and start in off[rule.pk]:
            # A single date that does not take place: nothing to show.
            continue
        event = _event(
            f"hours-rule-{rule.pk}",
            rule.starts_at(start),
            rule.ends_at(start),
            summary=_("Consultation hours"),
            location=_place(rule.site, rule.room.name if rule.room else ""),
            description="\n".join(
                filter(None, [rule.note, rule.room.notes if rule.room else ""])
            ),
            url=url,
        )
        if recurrence is not None:
            event.add("rrule", recurrence)
            exdates = [rule.starts_at(day) for day in off[rule.pk] if day >= start]
            if exdates:
                # Same local time and TZID as DTSTART, or apps ignore them.
                event.add("exdate", exdates)
        events.append(event)
    return events


def _first_date(rule: HoursRule, first: datetime.date) -> datetime.date | None:
    """The rule's first date from ``first`` on: a series' DTSTART must be
    one of its dates, and an every-other-week series keeps its rhythm."""
    begin = datetime.datetime.combine(max(first, rule.starts_on), datetime.time())
    if rule.frequency == Frequency.ONCE:
        return rule.starts_on if rule.starts_on >= first else None
    found = rule.recurrence().after(begin, inc=True)
    return found.date() if found else None


def appointment_event(appointment: Appointment) -> Event:
    """An appointment without the visitor's name, contact or subject."""
    link = settings.PUBLIC_URL + reverse(
        "schedule:appointment_detail", kwargs={"pk": appointment.pk}
    )
    room = appointment.rule.room if appointment.rule else None
    event = _event(
        f"appointment-{appointment.pk}",
        appointment.starts_at,
        appointment.ends_at,
        summary=appointment_summary(appointment),
        location=_place(appointment.site, room.name if room else "", address=False),
        description=_("Details in Lotse: %(url)s") % {"url": link},
        url=link,
    )
    if appointment.status == AppointmentStatus.BOOKED:
        event.add("status", "CONFIRMED")
    return event


def appointment_summary(appointment: Appointment) -> str:
    language = language_name(appointment.language) if appointment.language else ""
    if language and appointment.mediator_needed:
        return _("Appointment (%(language)s, language mediator needed)") % {
            "language": language
        }
    if language:
        return _("Appointment (%(language)s)") % {"language": language}
    if appointment.mediator_needed:
        return _("Appointment (language mediator needed)")
    return _("Appointment")


def outreach_event(outreach: OutreachEvent) -> Event:
    """An outreach day with its title and place; a visit may be to a
    person at home, so it shows only the kind and the municipality."""
    link = settings.PUBLIC_URL + reverse(
        "schedule:outreach_detail", kwargs={"pk": outreach.pk}
    )
    municipality = outreach.municipality.name if outreach.municipality else ""
    if outreach.kind == OutreachKind.VISIT:
        summary, location = str(OutreachKind.VISIT.label), municipality
    else:
        summary, location = outreach.title, outreach.place
    return _event(
        f"outreach-{outreach.pk}",
        outreach.starts_at,
        outreach.ends_at,
        summary=summary,
        location=location,
        description=_("Details in Lotse: %(url)s") % {"url": link},
        url=link,
    )


def _event(
    key: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    *,
    summary: str,
    location: str,
    description: str,
    url: str,
) -> Event:
    event = Event()
    # The domain keeps our UIDs apart from others in the same calendar app.
    event.add("uid", f"{key}@{urlsplit(settings.PUBLIC_URL).hostname or 'lotse'}")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    # Local wall-clock times with TZID: 14:00 stays 14:00 across DST.
    event.add("dtstart", starts_at.astimezone(BERLIN))
    event.add("dtend", ends_at.astimezone(BERLIN))
    event.add("summary", summary)
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    return event


def _place(site: Site, room: str, *, address: bool = True) -> str:
    parts = [site.name]
    if address and site.address:
        parts += [line.strip() for line in site.address.splitlines() if line.strip()]
    if room:
        parts.append(room)
    return ", ".join(parts)


def new_calendar(name: str, events: list[Event]) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(BERLIN))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    calendar.add_component(_berlin())
    for event in events:
        calendar.add_component(event)
    return calendar


def _berlin() -> Timezone:
    """Europe/Berlin by the EU rule (since 1996): summer time from the last
    Sunday in March to the last Sunday in October.

    Written as yearly RRULEs, the form every calendar app reads; the
    RDATE lists that icalendar derives from tzdata are misread by some
    (dateutil, and so vobject, takes only the first date of such a list).
    test_feeds checks this against tzdata for the coming years: if the EU
    ends summer time, that test fails and this must change.
    """
    zone = Timezone()
    zone.add("tzid", str(BERLIN))
    zone.add("x-lic-location", str(BERLIN))
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", datetime.timedelta(hours=1))
    summer.add("tzoffsetto", datetime.timedelta(hours=2))
    summer.add("dtstart", datetime.datetime(1970, 3, 29, 2))
    summer.add("rrule", {"FREQ": "YEARLY", "BYMONTH": 3, "BYDAY": "-1SU"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", datetime.timedelta(hours=2))
    winter.add("tzoffsetto", datetime.timedelta(hours=1))
    winter.add("dtstart", datetime.datetime(1970, 10, 25, 3))
    winter.add("rrule", {"FREQ": "YEARLY", "BYMONTH": 10, "BYDAY": "-1SU"})
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def ics_response(calendar: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(
        calendar.to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
