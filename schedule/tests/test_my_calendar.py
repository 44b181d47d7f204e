"""The personal calendar page and its feed address."""

import datetime
import re

import pytest

from schedule.actions import Booker, book, new_feed_token
from schedule.models import FeedToken, OutreachEvent, token_digest
from schedule.sessions import session_of

from .factories import make_room, make_rule, make_site

URL = "/hours/calendar/"
TOKEN_URL = "/hours/calendar/feed/"
REVOKE_URL = "/hours/calendar/feed/revoke/"
FEED = re.compile(r'value="(http://testserver/calendar/([\w-]+)\.ics)"')


@pytest.fixture
def dates(cast, time_machine):
    """Carla's Tuesday hours with one booking, dieter's with one, an outreach
    day of carla's; seen on Monday 2 November."""
    time_machine.move_to("2026-11-02 09:00 +01:00", tick=False)
    site = make_site(cast.erz, "Stollberg")
    mine = make_rule(
        cast.carla,
        site,
        room=make_room(site),
        weekday=1,
        starts_on=datetime.date(2026, 11, 1),
    )
    session = session_of(mine, datetime.date(2026, 11, 10))
    assert session is not None
    booked, _ = book(
        session,
        "2026-11-10T14:00",
        Booker(name="Olena Kovalenko", language="ukr", mediator_needed=True),
        source="portal",
    )
    his = make_rule(cast.dieter, site, weekday=2, starts_on=datetime.date(2026, 11, 1))
    his_session = session_of(his, datetime.date(2026, 11, 11))
    assert his_session is not None
    book(
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
    return {"rule": mine, "booked": booked, "outreach": outreach}


def test_anonymous_is_sent_to_log_in(client, cast):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_state_view_has_no_calendar(cast):
    assert cast.client("stella").get(URL).status_code == 403
    assert cast.client("stella").post(TOKEN_URL).status_code == 403
    assert not FeedToken.objects.exists()


@pytest.mark.parametrize("name", ["carla", "gina", "olga", "anton", "ada", "otto"])
def test_staff_of_an_office_may_open_it(cast, name):
    response = cast.client(name).get(URL)
    assert response.status_code == 200
    assert response.context["nav"] == "calendar"


def test_carla_sees_her_sessions_appointments_and_outreach(cast, dates):
    html = " ".join(cast.client("carla").get(URL).content.decode().split())
    rule, booked = dates["rule"], dates["booked"]
    # Four Tuesdays: 3, 10, 17 and 24 November; 6 slots of 30 minutes each.
    for day in ["2026-11-03", "2026-11-10", "2026-11-17", "2026-11-24"]:
        assert f'href="/hours/sessions/{rule.pk}/{day}/"' in html
    assert f"/hours/sessions/{rule.pk}/2026-12-01/" not in html
    assert "1 booked, 5 free" in html
    assert f'href="/hours/appointments/{booked.pk}/"><bdi>Olena Kovalenko</bdi>' in html
    assert "Ukrainian" in html
    assert f'href="/hours/outreach/{dates["outreach"].pk}/"' in html
    # Dieter's hours and appointments are his own.
    assert "Shevchenko" not in html
    assert "/2026-11-11/" not in html


def test_a_new_feed_address_is_shown_once(cast, dates):
    client = cast.client("carla")
    assert "You have no feed address." in client.get(URL).content.decode()
    response = client.post(TOKEN_URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    match = FEED.search(html)
    assert match is not None
    url, token = match.groups()
    assert FeedToken.objects.get(user=cast.carla).digest == token_digest(token)
    assert "it is not shown again" in html
    assert token not in client.session.values()
    # The address works, and the page never shows it again.
    assert client.get(url).status_code == 200
    again = client.get(URL).content.decode()
    assert token not in again
    assert "You have a feed address since" in again
    assert "A calendar app last fetched it at" in again


def test_a_newer_address_replaces_the_old_one(cast):
    old = new_feed_token(cast.carla)
    client = cast.client("carla")
    html = client.post(TOKEN_URL).content.decode()
    match = FEED.search(html)
    assert match is not None
    assert match.group(2) != old
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(match.group(1)).status_code == 200


def test_feed_token_answers_only_post(cast):
    assert cast.client("carla").get(TOKEN_URL).status_code == 405
    assert not FeedToken.objects.exists()


def test_revoke_stops_the_feed(cast):
    token = new_feed_token(cast.carla)
    client = cast.client("carla")
    assert client.get(REVOKE_URL).status_code == 405
    response = client.post(REVOKE_URL)
    assert response.status_code == 302
    assert response["Location"] == URL
    page = client.get(URL).content.decode()
    assert "The feed address is switched off." in page
    assert "You have no feed address." in page
    assert not FeedToken.objects.filter(user=cast.carla).exists()
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_revoke_touches_only_the_own_address(cast):
    new_feed_token(cast.dieter)
    cast.client("carla").post(REVOKE_URL)
    assert FeedToken.objects.filter(user=cast.dieter).exists()
