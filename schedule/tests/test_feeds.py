"""Calendar feeds, read back by two parsers: icalendar (which wrote them)
and vobject (which did not), so that a feed only one library understands
fails here."""

import datetime
import itertools
import zoneinfo

import pytest
import time_machine
import vobject
from icalendar import Calendar

from accounts.models import Site
from schedule.actions import (
    Booker,
    book,
    cancel_by_visitor,
    new_feed_token,
    revoke_feed_token,
)
from schedule.models import (
    Appointment,
    Cancellation,
    FeedToken,
    Frequency,
    HoursRule,
    OutreachEvent,
    WeekOfMonth,
)
from schedule.sessions import session_of

from .factories import make_room, make_rule, make_site

HOST = "lotse.example.org"
UTC = datetime.UTC
BEFORE_OCTOBER = "2026-09-20 09:00 +02:00"
NOVEMBER = "2026-11-02 09:00 +01:00"


@pytest.fixture(autouse=True)
def public_url(settings):
    settings.PUBLIC_URL = f"https://{HOST}"


def feed_url(cast, site: Site, lang: str = "en") -> str:
    return f"/p/{cast.erz.slug}/{lang}/hours/{site.pk}/calendar.ics"


def staff_url(token: str) -> str:
    return f"/calendar/{token}.ics"


def events_of(text: str) -> dict:
    """The feed's events by UID, as vobject reads them."""
    return {event.uid.value: event for event in vobject.readOne(text).vevent_list}


def occurrences(event, until: datetime.datetime) -> list[datetime.datetime]:
    return list(itertools.takewhile(lambda m: m < until, event.getrruleset()))


def utc(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def stollberg(cast) -> Site:
    site = make_site(cast.erz, "Stollberg")
    make_room(site)
    return site


@pytest.fixture
def tuesdays(cast, stollberg) -> HoursRule:
    """Carla every other Tuesday 14–17 from October; 10 November is off."""
    rule = make_rule(
        cast.carla,
        stollberg,
        room=stollberg.rooms.get(),
        weekday=1,
        interval=2,
        starts_on=datetime.date(2026, 10, 1),
        note="Bitte an der Seitentür klingeln.",
    )
    Cancellation.objects.create(
        office=cast.erz,
        rule=rule,
        first_day=datetime.date(2026, 11, 10),
        last_day=datetime.date(2026, 11, 10),
        reason="vacation",
        created_by=cast.olga,
    )
    return rule


@pytest.fixture
def wednesdays(cast, stollberg) -> HoursRule:
    """Dieter every Wednesday 9–12; 18 November is Buß- und Bettag in Saxony."""
    return make_rule(
        cast.dieter,
        stollberg,
        weekday=2,
        start="09:00",
        end="12:00",
        starts_on=datetime.date(2026, 10, 21),
    )


@time_machine.travel(BEFORE_OCTOBER, tick=False)
def test_public_feed_is_a_calendar_with_berlin_time(client, cast, tuesdays):
    response = client.get(feed_url(cast, tuesdays.site))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'inline; filename="hours-{tuesdays.site.pk}.ics"'
    )
    # First reader: the library that wrote it.
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert calendar["X-WR-CALNAME"] == "Consultation hours – Stollberg"
    assert calendar["X-WR-TIMEZONE"] == "Europe/Berlin"
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in response.content.decode()
    assert "X-PUBLISHED-TTL:PT6H" in response.content.decode()
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    [event] = calendar.walk("VEVENT")
    assert event["UID"] == f"hours-rule-{tuesdays.pk}@{HOST}"
    assert event["SUMMARY"] == "Consultation hours"
    assert event["LOCATION"] == (
        "Stollberg, Uhlmannstraße 1–3, 09366 Stollberg, Raum 1.12"
    )
    assert event["DESCRIPTION"] == "Bitte an der Seitentür klingeln."
    assert event["DTSTAMP"]
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event["DTEND"].params["TZID"] == "Europe/Berlin"
    assert event["EXDATE"].params["TZID"] == "Europe/Berlin"
    assert event["URL"] == (
        f"https://{HOST}/p/{cast.erz.slug}/en/hours/{tuesdays.site.pk}/"
    )


@time_machine.travel(BEFORE_OCTOBER, tick=False)
def test_public_feed_keeps_local_time_across_the_dst_change(
    client, cast, tuesdays, wednesdays
):
    text = client.get(feed_url(cast, tuesdays.site)).content.decode()
    events = events_of(text)
    every_other_tuesday = events[f"hours-rule-{tuesdays.pk}@{HOST}"]
    # Local wall-clock time, zoned by the feed's own VTIMEZONE.
    start = every_other_tuesday.dtstart.value
    assert start.replace(tzinfo=None) == datetime.datetime(2026, 10, 13, 14)
    assert start.tzinfo.tzname(start) == "CEST"
    # 14:00 in Berlin is 12:00 UTC in summer time and 13:00 UTC after
    # 25 October; 10 November is cancelled.
    assert occurrences(every_other_tuesday, utc("2027-01-01")) == [
        utc("2026-10-13 12:00"),
        utc("2026-10-27 13:00"),
        utc("2026-11-24 13:00"),
        utc("2026-12-08 13:00"),
        utc("2026-12-22 13:00"),
    ]
    every_wednesday = events[f"hours-rule-{wednesdays.pk}@{HOST}"]
    # Buß- und Bettag, 18 November, is left out.
    assert occurrences(every_wednesday, utc("2026-12-03")) == [
        utc("2026-10-21 07:00"),
        utc("2026-10-28 08:00"),
        utc("2026-11-04 08:00"),
        utc("2026-11-11 08:00"),
        utc("2026-11-25 08:00"),
        utc("2026-12-02 08:00"),
    ]
    # The days off are named at the series' local time, as apps require.
    assert "EXDATE;TZID=Europe/Berlin:20261110T140000" in text
    assert "EXDATE;TZID=Europe/Berlin:20261118T090000" in text


@time_machine.travel(BEFORE_OCTOBER, tick=False)
def test_public_feed_summary_is_in_the_page_language(client, cast, tuesdays):
    text = client.get(feed_url(cast, tuesdays.site, "de")).content.decode()
    [event] = Calendar.from_ical(text).walk("VEVENT")
    assert event["SUMMARY"] == "Sprechzeiten"


@time_machine.travel(BEFORE_OCTOBER, tick=False)
def test_public_feed_holds_no_appointments(client, cast, tuesdays):
    session = session_of(tuesdays, datetime.date(2026, 10, 13))
    assert session is not None
    book(
        session,
        "2026-10-13T14:00",
        Booker(name="Olena Kovalenko", email="olena@example.org", language="ukr"),
        source="portal",
    )
    response = client.get(feed_url(cast, tuesdays.site))
    assert response.status_code == 200
    text = response.content.decode()
    assert f"hours-rule-{tuesdays.pk}@" in text
    assert "Kovalenko" not in text
    assert "olena@example.org" not in text
    assert "appointment-" not in text


@time_machine.travel(NOVEMBER, tick=False)
def test_public_feed_leaves_out_ended_hours(client, cast, stollberg):
    ended = make_rule(
        cast.carla,
        stollberg,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 10, 31),
    )
    running = make_rule(cast.dieter, stollberg, weekday=3, starts_on=ended.starts_on)
    events = events_of(client.get(feed_url(cast, stollberg)).content.decode())
    assert list(events) == [f"hours-rule-{running.pk}@{HOST}"]
    # The series starts at most 30 days back, not on its first day in January.
    start = events[f"hours-rule-{running.pk}@{HOST}"].dtstart.value
    assert start.date() == datetime.date(2026, 10, 8)


@time_machine.travel(BEFORE_OCTOBER, tick=False)
def test_public_feed_served_again_keeps_its_type_and_shows_a_new_cancellation(
    client, cast, tuesdays
):
    first = client.get(feed_url(cast, tuesdays.site))
    again = client.get(feed_url(cast, tuesdays.site))
    assert again.content == first.content
    assert again["Content-Type"] == "text/calendar; charset=utf-8"
    assert again["Content-Disposition"] == first["Content-Disposition"]
    [event] = events_of(first.content.decode()).values()
    day = occurrences(event, utc("2026-12-31 00:00"))[0].date()
    Cancellation.objects.create(
        office=cast.erz,
        rule=tuesdays,
        first_day=day,
        last_day=day,
        reason="vacation",
        created_by=cast.olga,
    )
    text = client.get(feed_url(cast, tuesdays.site)).content.decode()
    assert f"EXDATE;TZID=Europe/Berlin:{day:%Y%m%d}T140000" in text


def test_public_feed_of_another_offices_site_is_404(client, cast):
    assert client.get(feed_url(cast, make_site(cast.erz))).status_code == 200
    elsewhere = make_site(cast.gr, "Görlitz")
    assert client.get(feed_url(cast, elsewhere)).status_code == 404


@pytest.fixture
def in_november(time_machine):
    """Before the fixtures that book: a slot must be in the future."""
    time_machine.move_to(NOVEMBER, tick=False)


@pytest.fixture
def carlas_dates(cast, stollberg, in_november):
    """Carla's Tuesday hours with a booked and a cancelled appointment,
    dieter's Wednesday hours with one of his, and an outreach day."""
    mine = make_rule(
        cast.carla,
        stollberg,
        room=stollberg.rooms.get(),
        weekday=1,
        starts_on=datetime.date(2026, 11, 1),
    )
    session = session_of(mine, datetime.date(2026, 11, 10))
    assert session is not None
    booked, _ = book(
        session,
        "2026-11-10T14:00",
        Booker(
            name="Olena Kovalenko",
            email="olena@example.org",
            phone="0151 2345678",
            language="ukr",
            mediator_needed=True,
            subject="Aufenthaltstitel verlängern",
        ),
        source="portal",
    )
    cancelled, _ = book(
        session, "2026-11-10T14:30", Booker(name="Hasan Yilmaz"), source="portal"
    )
    cancel_by_visitor(cancelled)
    his = make_rule(
        cast.dieter, stollberg, weekday=2, starts_on=datetime.date(2026, 11, 1)
    )
    his_session = session_of(his, datetime.date(2026, 11, 11))
    assert his_session is not None
    others, _ = book(
        his_session,
        "2026-11-11T14:00",
        Booker(name="Dmytro Shevchenko"),
        source="portal",
    )
    tz = datetime.timezone(datetime.timedelta(hours=1))
    outreach = OutreachEvent.objects.create(
        office=cast.erz,
        kind="day",
        title="Außensprechtag Schneeberg",
        starts_at=datetime.datetime(2026, 11, 12, 10, tzinfo=tz),
        ends_at=datetime.datetime(2026, 11, 12, 12, tzinfo=tz),
        place="Gemeinschaftsunterkunft Schneeberg",
        created_by=cast.carla,
    )
    outreach.staff.set([cast.carla])
    return {
        "rule": mine,
        "booked": booked,
        "cancelled": cancelled,
        "others": others,
        "outreach": outreach,
    }


def test_staff_feed_shows_own_dates_without_the_visitors_data(
    client, cast, carlas_dates
):
    response = client.get(staff_url(new_feed_token(cast.carla)))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    for personal in [
        "Olena",
        "Kovalenko",
        "olena@example.org",
        "0151",
        "Aufenthaltstitel",
        "Hasan",
    ]:
        assert personal not in text
    events = {str(e["UID"]): e for e in Calendar.from_ical(text).walk("VEVENT")}
    booked = carlas_dates["booked"]
    assert set(events) == {
        f"hours-rule-{carlas_dates['rule'].pk}@{HOST}",
        f"appointment-{booked.pk}@{HOST}",
        f"outreach-{carlas_dates['outreach'].pk}@{HOST}",
    }
    appointment = events[f"appointment-{booked.pk}@{HOST}"]
    # In German: the feed has no page language to follow.
    assert "Ukrainisch" in appointment["SUMMARY"]
    assert appointment["LOCATION"] == "Stollberg, Raum 1.12"
    assert appointment["URL"] == f"https://{HOST}/hours/appointments/{booked.pk}/"
    assert appointment["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert appointment.decoded("DTSTART") == booked.starts_at
    outreach = events[f"outreach-{carlas_dates['outreach'].pk}@{HOST}"]
    assert outreach["SUMMARY"] == "Außensprechtag Schneeberg"
    assert outreach["LOCATION"] == "Gemeinschaftsunterkunft Schneeberg"
    # vobject reads it too.
    assert f"appointment-{booked.pk}@{HOST}" in events_of(text)


def test_staff_feed_holds_nothing_of_colleagues(client, cast, carlas_dates):
    text = client.get(staff_url(new_feed_token(cast.carla))).content.decode()
    assert f"appointment-{carlas_dates['others'].pk}@" not in text
    assert "Shevchenko" not in text
    dieter = client.get(staff_url(new_feed_token(cast.dieter))).content.decode()
    assert f"appointment-{carlas_dates['others'].pk}@" in dieter
    assert f"appointment-{carlas_dates['booked'].pk}@" not in dieter
    assert f"outreach-{carlas_dates['outreach'].pk}@" not in dieter


@time_machine.travel(NOVEMBER, tick=False)
def test_an_outreach_visit_shows_neither_title_nor_place(client, cast):
    visit = OutreachEvent.objects.create(
        office=cast.erz,
        kind="visit",
        title="Besuch bei Familie Haddad",
        starts_at=datetime.datetime(2026, 11, 12, 10, tzinfo=UTC),
        ends_at=datetime.datetime(2026, 11, 12, 11, tzinfo=UTC),
        place="Lindenstraße 4, Aue",
        created_by=cast.carla,
    )
    visit.staff.set([cast.carla])
    text = client.get(staff_url(new_feed_token(cast.carla))).content.decode()
    [event] = Calendar.from_ical(text).walk("VEVENT")
    assert event["UID"] == f"outreach-{visit.pk}@{HOST}"
    assert "Haddad" not in text
    assert "Lindenstraße" not in text


@time_machine.travel(NOVEMBER, tick=False)
def test_old_feed_address_stops_working(client, cast):
    old = new_feed_token(cast.carla)
    assert client.get(staff_url(old)).status_code == 200
    new = new_feed_token(cast.carla)
    assert client.get(staff_url(old)).status_code == 404
    assert client.get(staff_url(new)).status_code == 200
    revoke_feed_token(cast.carla)
    assert client.get(staff_url(new)).status_code == 404


def test_unknown_feed_address_is_404(client, cast):
    new_feed_token(cast.carla)
    assert client.get(staff_url("guessed-token")).status_code == 404


def test_feed_of_an_inactive_user_is_404(client, cast):
    token = new_feed_token(cast.carla)
    cast.carla.is_active = False
    cast.carla.save()
    assert client.get(staff_url(token)).status_code == 404


def test_feed_records_its_use_at_most_once_an_hour(client, cast):
    token = new_feed_token(cast.carla)
    with time_machine.travel("2026-11-02 09:00 +01:00", tick=False) as traveller:
        client.get(staff_url(token))
        first = FeedToken.objects.get(user=cast.carla).last_used_at
        assert first == datetime.datetime(2026, 11, 2, 8, tzinfo=UTC)
        traveller.shift(datetime.timedelta(minutes=30))
        client.get(staff_url(token))
        assert FeedToken.objects.get(user=cast.carla).last_used_at == first
        traveller.shift(datetime.timedelta(minutes=31))
        client.get(staff_url(token))
        later = FeedToken.objects.get(user=cast.carla).last_used_at
        assert later == datetime.datetime(2026, 11, 2, 9, 1, tzinfo=UTC)


@time_machine.travel(NOVEMBER, tick=False)
def test_monthly_last_tuesday_round_trips(client, cast, stollberg):
    rule = make_rule(
        cast.carla,
        stollberg,
        frequency=Frequency.MONTHLY,
        week_of_month=WeekOfMonth.LAST,
        weekday=1,
        starts_on=datetime.date(2026, 11, 1),
        ends_on=datetime.date(2027, 6, 30),
    )
    text = client.get(staff_url(new_feed_token(cast.carla))).content.decode()
    [event] = Calendar.from_ical(text).walk("VEVENT")
    assert event["RRULE"]["BYDAY"] == ["-1TU"]
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    expected = [
        datetime.datetime(*day, 14, tzinfo=berlin)
        for day in [
            (2026, 11, 24),
            (2026, 12, 29),
            (2027, 1, 26),
            (2027, 2, 23),
            (2027, 3, 30),
            (2027, 4, 27),
            (2027, 5, 25),
            (2027, 6, 29),
        ]
    ]
    last = datetime.date(2027, 12, 31)
    assert [rule.starts_at(d) for d in rule.dates(rule.starts_on, last)] == expected
    # The series ends with the rule (UNTIL), so no limit is needed here.
    found = list(events_of(text)[f"hours-rule-{rule.pk}@{HOST}"].getrruleset())
    assert found == expected


def test_cancelled_appointments_are_left_out(client, cast, carlas_dates):
    text = client.get(staff_url(new_feed_token(cast.carla))).content.decode()
    assert f"appointment-{carlas_dates['cancelled'].pk}@" not in text
    assert Appointment.objects.filter(pk=carlas_dates["cancelled"].pk).exists()


@time_machine.travel(NOVEMBER, tick=False)
def test_the_time_zone_agrees_with_tzdata_for_years(client, cast, stollberg):
    text = client.get(feed_url(cast, stollberg)).content.decode()
    berlin = vobject.readOne(text).vtimezone.gettzinfo()
    tzdata = zoneinfo.ZoneInfo("Europe/Berlin")
    moment = datetime.datetime(2026, 1, 1, tzinfo=UTC)
    while moment.year < 2037:
        # Each day at 01:30 UTC: the EU switches at 01:00 UTC on Sundays.
        local = (moment + datetime.timedelta(minutes=90)).astimezone(tzdata)
        naive = local.replace(tzinfo=None)
        assert naive.replace(tzinfo=berlin).utcoffset() == local.utcoffset(), naive
        moment += datetime.timedelta(days=1)
