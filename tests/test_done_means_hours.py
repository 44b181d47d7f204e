"""Issue 4's 'Done means', on the demo office through real URLs.

The Erzgebirgskreis demo's four sites show next month's hours on the
portal; a visitor books a slot in Ukrainian and asks for an interpreter; the
deputy finds it in her calendar feed; the month's page sets planned and
used hours against the 24-hour budget.
"""

import datetime
import re

import vobject
from django.test import Client
from django.utils import timezone, translation

from accounts.models import Office, Site, User
from cases.models import Activity
from cases.tests.factories import make_concern
from conftest import logged_in
from demo.build import build_structure
from demo.schedule import seed_schedule
from lib.months import month_end, next_month
from schedule.budget import month_report
from schedule.models import Appointment, HoursRule
from schedule.sessions import sessions
from schedule.templatetags.hours import long_date

FOUR_SITES = ["Aue-Bad Schlema", "Stollberg", "Annaberg-Buchholz", "Marienberg"]
BOOK_LINK = re.compile(r'href="(/p/erzgebirgskreis/uk/book/(\d+)/([\d-]+)/)"')
FEED_URL = re.compile(r'id="feed-url" type="text" value="([^"]+)"')


def test_demo_hours_booking_feed_and_budget(db):
    build_structure()
    erz = Office.objects.get(code="ERZ")
    seed_schedule(erz)
    deputy = User.objects.get(username="stellvertreterin")
    commissioner = User.objects.get(username="beauftragter")
    visitor = Client()

    # 1. The four sites with next month's hours, in public.
    hours = visitor.get("/p/erzgebirgskreis/de/hours/").content.decode()
    following = next_month(timezone.localdate().replace(day=1))
    rules = list(HoursRule.objects.filter(office=erz).select_related("site", "office"))
    coming = sessions(rules, following, month_end(following))
    for name in FOUR_SITES:
        assert name in hours
        at_site = [s for s in coming if s.rule.site.name == name and s.takes_place]
        assert at_site, f"{name} has hours next month"
        with translation.override("de"):
            assert long_date(at_site[0].day) in hours

    # 2. A booking in Ukrainian, with an interpreter, at the deputy's hours.
    stollberg = Site.objects.get(office=erz, name="Stollberg")
    site_page = visitor.get(f"/p/erzgebirgskreis/uk/hours/{stollberg.pk}/")
    assert site_page["Content-Language"] == "uk"
    link, _rule, day = BOOK_LINK.findall(site_page.content.decode())[0]
    form = visitor.get(link).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', form)
    slot = re.search(r'name="slot" value="([^"]+)"', form)
    assert token and slot
    booked = visitor.post(
        link,
        {
            "form_token": token[1],
            "slot": slot[1],
            "name": "Олена Коваленко",
            "email": "olena@example.org",
            "language": "ukr",
            "mediator_needed": "on",
            "consent": "on",
            "website": "",
        },
    )
    assert booked.status_code == 200, booked.content.decode()[:2000]
    appointment = Appointment.objects.get(name="Олена Коваленко")
    assert appointment.staff == deputy
    assert appointment.language == "ukr"
    assert appointment.mediator_needed
    assert appointment.portal_language == "uk"

    # 3. The deputy's personal calendar feed shows it, without the name.
    desk = logged_in(deputy)
    made = desk.post("/hours/calendar/feed/").content.decode()
    feed_url = FEED_URL.search(made)
    assert feed_url
    feed = Client().get(feed_url[1].split("testserver", 1)[-1])
    assert feed.status_code == 200
    text = feed.content.decode()
    assert "Коваленко" not in text and "olena@example.org" not in text
    calendar = vobject.readOne(text)
    starts = {
        event.dtstart.value.astimezone(datetime.UTC): event.summary.value
        for event in calendar.vevent_list
        if event.uid.value.startswith("appointment-")
    }
    summary = starts[appointment.starts_at.astimezone(datetime.UTC)]
    assert "Ukrainisch" in summary
    assert "Sprachmittl" in summary or "language mediator" in summary

    # 4. Next month's page: planned against the 24-hour budget, and used
    #    hours from the concerns' activities.
    concern = make_concern(erz, commissioner)
    Activity.objects.create(
        concern=concern,
        kind="counselling",
        minutes=90,
        staff=commissioner,
        occurred_at=timezone.now(),
    )
    this_month = timezone.localdate().replace(day=1)
    page = (
        logged_in(commissioner)
        .get(f"/hours/budget/?month={following:%Y-%m}")
        .content.decode()
    )
    [report] = month_report(erz, following)
    assert report.limit == 24
    assert 0 < report.planned <= 24
    assert f"{_num(report.planned)} of 24.0 h" in page
    [now] = month_report(erz, this_month)
    assert now.used >= 1.5
    assert (
        f"{_num(now.used)} of 24.0 h"
        in logged_in(commissioner)
        .get(f"/hours/budget/?month={this_month:%Y-%m}")
        .content.decode()
    )


def _num(value) -> str:
    return f"{value:.1f}"
