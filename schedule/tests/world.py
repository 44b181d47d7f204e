"""One of everything the schedule keeps, for the permission matrix and the
browser tests: a room, carla's weekly hours on Tuesdays, a booked
appointment next Tuesday, a walk-in, a cancellation, a budget and an
outreach day with a note."""

import datetime

from accounts.models import Site
from conftest import Cast
from schedule.actions import Booker, add_walk_in, book
from schedule.models import Cancellation, OutreachEvent, OutreachNote
from schedule.sessions import session_of
from schedule.tests.factories import make_budget, make_room, make_rule, next_weekday


def build_schedule(cast: Cast) -> dict:
    site = Site.objects.get(office=cast.erz, name="Annaberg-Buchholz")
    room = make_room(site)
    rule = make_rule(cast.carla, site, room=room, weekday=1)
    # The Tuesday after next: a session in the future that takes place.
    day = next_weekday(1, after=datetime.date.today() + datetime.timedelta(days=7))
    session = session_of(rule, day)
    assert session is not None
    appointment, token = book(
        session,
        session.slots()[0].key,
        Booker(name="Olena Kovalenko", language="ukr", mediator_needed=True),
        source="portal",
    )
    walk_in = add_walk_in(
        site, cast.olga, name="Herr A.", language="prs", mediator_needed=True
    )
    later = day + datetime.timedelta(days=28)
    cancellation = Cancellation.objects.create(
        office=cast.erz,
        rule=rule,
        first_day=later,
        last_day=later,
        reason="vacation",
        created_by=cast.olga,
    )
    tz = datetime.timezone(datetime.timedelta(hours=1))
    event = OutreachEvent.objects.create(
        office=cast.erz,
        kind="day",
        title="Außensprechtag Schneeberg",
        starts_at=datetime.datetime.combine(day, datetime.time(10), tz),
        ends_at=datetime.datetime.combine(day, datetime.time(12), tz),
        place="Gemeinschaftsunterkunft Schneeberg",
        public=True,
        created_by=cast.carla,
    )
    event.staff.set([cast.carla])
    OutreachNote.objects.create(event=event, author=cast.carla, text="Viele Fragen.")
    return {
        "site": site.pk,
        "room": room.pk,
        "hours_rule": rule.pk,
        "session_day": day.isoformat(),
        "appointment": appointment.pk,
        "appointment_token": token,
        "walk_in": walk_in.pk,
        "cancellation": cancellation.pk,
        "budget": make_budget(cast.erz, 24, cast.carla, cast.dieter).pk,
        "outreach": event.pk,
    }
