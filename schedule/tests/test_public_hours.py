"""The consultation hours on the public portal, as anyone sees them."""

import datetime
import re

import pytest
import time_machine

from accounts.models import Site
from schedule.actions import Booker, book
from schedule.models import Cancellation, OutreachEvent
from schedule.sessions import session_of

from .factories import make_room, make_rule, make_site

# A Sunday: the hours page runs until the end of next month, 31 December.
NOW = "2026-11-22 09:00 +01:00"
NOVEMBER = datetime.date(2026, 11, 1)
TZ = datetime.timezone(datetime.timedelta(hours=1))


def hours_url(cast, lang: str = "en") -> str:
    return f"/p/{cast.erz.slug}/{lang}/hours/"


def site_url(cast, site: Site, lang: str = "en") -> str:
    return f"/p/{cast.erz.slug}/{lang}/hours/{site.pk}/"


def rows(html: str) -> list[str]:
    """The table rows of the page as text, one string a row."""
    found = re.findall(r"<tr class=\"kern-table__row\">(.*?)</tr>", html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in found[1:]]


@pytest.fixture
def stollberg(cast):
    """Carla on Tuesdays 14–17 in Stollberg, room 1.12 without steps."""
    site = make_site(cast.erz, "Stollberg")
    site.accessibility = "Eingang mit Rampe"
    site.save()
    room = make_room(site)
    return make_rule(cast.carla, site, room=room, weekday=1, starts_on=NOVEMBER)


@pytest.fixture
def annaberg(cast):
    """Dieter on Fridays 9–12 in Annaberg-Buchholz: Christmas Day is a Friday."""
    site = Site.objects.get(office=cast.erz, name="Annaberg-Buchholz")
    return make_rule(
        cast.dieter, site, weekday=4, start="09:00", end="12:00", starts_on=NOVEMBER
    )


@time_machine.travel(NOW, tick=False)
def test_the_hours_page_runs_to_the_end_of_next_month(client, cast, stollberg):
    html = client.get(hours_url(cast)).content.decode()
    listed = rows(html)
    assert [row.split(" 14:00")[0] for row in listed] == [
        "Tuesday, 24 November 2026",
        "Tuesday, 1 December 2026",
        "Tuesday, 8 December 2026",
        "Tuesday, 15 December 2026",
        "Tuesday, 22 December 2026",
        "Tuesday, 29 December 2026",
    ]
    assert "14:00–17:00 Raum 1.12 (step-free) Carla Test Free appointments" in listed[0]
    assert "Uhlmannstraße 1–3" in html and "Eingang mit Rampe" in html
    assert "5 January 2027" not in html


@time_machine.travel(NOW, tick=False)
def test_holidays_and_cancellations_are_listed_and_marked(
    client, cast, stollberg, annaberg
):
    Cancellation.objects.create(
        office=cast.erz,
        rule=stollberg,
        first_day=datetime.date(2026, 12, 8),
        last_day=datetime.date(2026, 12, 8),
        reason="illness",
        public_note="Bitte kommen Sie nach Aue.",
        created_by=cast.olga,
    )
    html = client.get(hours_url(cast)).content.decode()
    listed = rows(html)
    christmas = next(r for r in listed if r.startswith("Friday, 25 December"))
    assert "Cancelled – public holiday: Erster Weihnachtstag" in christmas
    assert '<span lang="de" dir="ltr">Erster Weihnachtstag</span>' in html
    cancelled = next(r for r in listed if r.startswith("Tuesday, 8 December"))
    assert "Cancelled – Bitte kommen Sie nach Aue." in cancelled
    changes = html.split('id="changes-title"')[1]
    assert "Tuesday, 8 December 2026" in changes
    assert "Stollberg (Carla Test)" in changes
    assert "Bitte kommen Sie nach Aue." in changes
    assert "illness" not in html.lower(), "the reason is not published"


@time_machine.travel(NOW, tick=False)
def test_only_public_outreach_days_are_announced(client, cast, stollberg):
    day = datetime.datetime(2026, 12, 3, 10, tzinfo=TZ)
    for title, public in (("Sprechtag Schneeberg", True), ("Besuch Familie K.", False)):
        OutreachEvent.objects.create(
            office=cast.erz,
            kind="day",
            title=title,
            starts_at=day,
            ends_at=day + datetime.timedelta(hours=2),
            place="Gemeinschaftsunterkunft",
            public=public,
            created_by=cast.olga,
        )
    html = client.get(hours_url(cast)).content.decode()
    assert "Sprechtag Schneeberg" in html
    assert "Thursday, 3 December 2026" in html
    assert "Besuch Familie K." not in html


@time_machine.travel(NOW, tick=False)
def test_the_site_page_offers_free_times_and_the_booking_form(client, cast, stollberg):
    session = session_of(stollberg, datetime.date(2026, 11, 24))
    assert session is not None
    for slot in session.slots():
        book(session, slot.key, Booker(name="X"), source="staff")
    html = client.get(site_url(cast, stollberg.site)).content.decode()
    listed = rows(html)
    assert "Fully booked" in listed[0]
    assert "6 free times" in listed[1]
    assert f"/book/{stollberg.pk}/2026-12-01/" in html
    assert f"/book/{stollberg.pk}/2026-11-24/" not in html
    assert f"/hours/{stollberg.site.pk}/calendar.ics" in html
    assert "Annaberg-Buchholz" not in html.split("</header>")[1], "one site only"


@time_machine.travel(NOW, tick=False)
def test_hours_that_cannot_be_booked_online_have_no_booking_link(
    client, cast, stollberg
):
    stollberg.bookable = False
    stollberg.save()
    html = client.get(site_url(cast, stollberg.site)).content.decode()
    assert "No online booking. Please come by or call us." in html
    assert "/book/" not in html


@pytest.mark.parametrize(
    "lang,html_lang,direction,weekday",
    [
        ("de", "de", "ltr", "Dienstag, 24. November 2026"),
        ("ls", "de", "ltr", "Dienstag, 24. November 2026"),
        ("en", "en", "ltr", "Tuesday, 24 November 2026"),
        ("ar", "ar", "rtl", "الثلاثاء، 24 نوفمبر 2026"),
        ("fa", "fa", "rtl", "24 نوامبر 2026"),
        ("uk", "uk", "ltr", "Вівторок, 24 листопада 2026"),
        ("ru", "ru", "ltr", "Вторник, 24 ноября 2026"),
        ("tr", "tr", "ltr", "24 Kasım 2026 Salı"),
    ],
)
@time_machine.travel(NOW, tick=False)
def test_the_pages_read_in_every_portal_language(
    client, cast, stollberg, lang, html_lang, direction, weekday
):
    for url in (hours_url(cast, lang), site_url(cast, stollberg.site, lang)):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert f'<html lang="{html_lang}" dir="{direction}">' in html
        assert weekday in html
        german = "" if html_lang == "de" else ' lang="de" dir="ltr"'
        assert f"<span{german}>Raum 1.12</span>" in html


@pytest.mark.parametrize(
    "lang,sentence",
    [
        ("de", "Unsere Sprechzeiten bis 31. Dezember 2026"),
        ("uk", "до 31 грудня 2026"),
        ("ru", "до 31 декабря 2026"),
        ("en", "Our consultation hours until 31 December 2026"),
    ],
)
@time_machine.travel(NOW, tick=False)
def test_a_date_inside_a_sentence_has_no_weekday(
    client, cast, stollberg, lang, sentence
):
    html = client.get(hours_url(cast, lang)).content.decode()
    assert sentence in html


@time_machine.travel(NOW, tick=False)
def test_unknown_office_language_or_foreign_site_is_not_found(client, cast, stollberg):
    other = make_site(cast.gr, "Görlitz")
    assert client.get("/p/nowhere/en/hours/").status_code == 404
    assert client.get(f"/p/{cast.erz.slug}/xx/hours/").status_code == 404
    assert client.get(site_url(cast, other)).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_the_hours_page_needs_few_queries_whatever_the_number_of_sites(
    client, cast, stollberg, annaberg, django_assert_max_num_queries
):
    aue = make_site(cast.erz, "Aue-Bad Schlema")
    make_rule(cast.gina, aue, weekday=2, starts_on=NOVEMBER, room=make_room(aue))
    client.get(hours_url(cast))  # the navigation is cached after the first page
    with django_assert_max_num_queries(6):
        response = client.get(hours_url(cast))
    assert response.status_code == 200


@time_machine.travel(NOW, tick=False)
def test_the_start_page_links_each_site_to_its_hours(client, cast, stollberg):
    html = client.get(f"/p/{cast.erz.slug}/en/").content.decode()
    assert f'href="/p/{cast.erz.slug}/en/hours/{stollberg.site.pk}/"' in html
    assert f'href="/p/{cast.erz.slug}/en/hours/"' in html
