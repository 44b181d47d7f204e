"""Benchmark "hours": the public consultation hours and online booking.

Served like bench "portal" (gunicorn, production settings, the demo loaded
with --small; its server machinery is reused): the hours page of the
Erzgebirgskreis (four sites, the next weeks' sessions computed from the
rules with holidays and cancellations), one site's iCalendar feed, and the
bare Django view "hello" for the ratio. Then clients book free slots in
Ukrainian with an interpreter, each through the real form (proof of work
solved beforehand, not timed), and cancel them again with the link from
the confirmation page, which leaves the database as it was found.
"""

import datetime
import json
import re
import urllib.parse

from bench.machine import machine
from portal import challenge

from . import portal
from .load import Browser, Failed, Tally, drive

OFFICE = "erzgebirgskreis"
LANGUAGE = "uk"
HOURS = f"/p/{OFFICE}/de/hours/"
# A query string bypasses the page cache (portal/cache.py): the render that
# the first visitor of each hour and office version waits for.
HOURS_UNCACHED = f"{HOURS}?uncached=1"
HELLO = portal.HELLO
CLIENTS = 10
# Per client, timed, at most: the demo offers some 40-60 free slots in the
# weeks the portal shows, fewer in months with holidays; each client also
# books one untimed first.
BOOKINGS = 4
MIN_BOOKINGS = 2
GOAL_RATIO = 0.3

BOOK_LINK = re.compile(rf'href="(/p/{OFFICE}/{LANGUAGE}/book/\d+/[\d-]+/)"')
SITE_LINK = re.compile(rf'href="(/p/{OFFICE}/de/hours/\d+/)"')
FEED_LINK = re.compile(r'href="([^"]+/calendar\.ics)"')
SLOT = re.compile(r'name="slot" value="([^"]+)"')
CANCEL_LINK = re.compile(r'href="https?://[^"/]+(/p/[^"]+/appointment/[^"/]+/)"')


def run() -> dict:
    env = portal.server_env()
    portal.prepare_database(env)
    with portal.served(env) as port:
        feed = find_feed(port)
        pages = portal.measure_pages(
            port,
            {
                "hello": HELLO,
                "hours_page": HOURS,
                "hours_page_uncached": HOURS_UNCACHED,
                "site_feed": feed,
            },
        )
        slots = free_slots(port)
        booking, cancelling = measure_bookings(port, slots)
    tallies = {**pages, "booking": booking, "cancelling": cancelling}
    portal.check_errors(tallies)
    return {
        "figures": figures(tallies),
        "context": context(tallies, env, len(slots), feed),
    }


def find_feed(port: int) -> str:
    browser = Browser(port)
    try:
        hours, _ms = browser.timed("GET", HOURS)
        site = SITE_LINK.search(hours.text())
        if not site:
            raise RuntimeError("the hours page links no site")
        page, _ms = browser.timed("GET", site.group(1))
        feed = FEED_LINK.search(page.text())
        if not feed:
            raise RuntimeError("the site page links no calendar feed")
        return feed.group(1)
    finally:
        browser.close()


def free_slots(port: int) -> list[tuple[str, str]]:
    """(form address, slot) of every free slot the portal offers in Ukrainian."""
    browser = Browser(port, language=LANGUAGE)
    found = []
    try:
        hours, _ms = browser.timed("GET", f"/p/{OFFICE}/{LANGUAGE}/hours/")
        sites = set(
            re.findall(rf'href="(/p/{OFFICE}/{LANGUAGE}/hours/\d+/)"', hours.text())
        )
        for site in sorted(sites):
            page, _ms = browser.timed("GET", site)
            for form in sorted(set(BOOK_LINK.findall(page.text()))):
                reply, _ms = browser.timed("GET", form)
                found += [(form, slot) for slot in SLOT.findall(reply.text())]
    finally:
        browser.close()
    needed = CLIENTS * (MIN_BOOKINGS + 1)
    if len(found) < needed:
        raise RuntimeError(f"{len(found)} free slots; the benchmark needs {needed}")
    return found


def bookings_per_client(slots: int) -> int:
    return min(BOOKINGS, slots // CLIENTS - 1)


def measure_bookings(port: int, slots: list[tuple[str, str]]) -> tuple[Tally, Tally]:
    """Each client books its share of the slots, then cancels each booking."""
    clients = [Browser(port, language=LANGUAGE) for _n in range(CLIENTS)]
    origin = f"http://127.0.0.1:{port}"
    each = bookings_per_client(len(slots))
    for index, client in enumerate(clients):
        client.ready = [{"slot": slot} for slot in slots[index::CLIENTS][: each + 1]]
    try:
        drive(clients, prepare, steps=each + 1)

        def book(browser: Browser) -> float:
            booking = next(b for b in browser.ready if "body" in b and "done" not in b)
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
                "Referer": f"{origin}{booking['form']}",
            }
            reply, ms = browser.timed("POST", booking["form"], booking["body"], headers)
            portal.expect_ok(reply)
            link = CANCEL_LINK.search(reply.text())
            if not link:
                raise Failed("no cancellation link")
            booking["done"] = link.group(1)
            return ms

        drive(clients, book, steps=1)
        booked = drive(clients, book, steps=each)
        return booked, drive(clients, cancel, steps=each + 1)
    finally:
        for client in clients:
            client.close()


def prepare(browser: Browser) -> float:
    """The form, its tokens and a solved challenge: what a browser does first."""
    booking = next(b for b in browser.ready if "body" not in b)
    form, slot = booking["slot"]
    page, ms = browser.timed("GET", form)
    portal.expect_ok(page)
    html = page.text()
    token, csrf = portal.TOKEN.search(html), portal.CSRF.search(html)
    if not (token and csrf):
        raise Failed("booking form without token")
    puzzle, _ms = browser.timed("GET", f"/p/{OFFICE}/{LANGUAGE}/challenge/")
    portal.expect_ok(puzzle)
    booking["form"] = form
    booking["body"] = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": csrf.group(1),
            "form_token": token.group(1),
            "altcha": challenge.solve(json.loads(puzzle.body)),
            "slot": slot,
            "name": "Олена Коваленко",
            "email": "olena@example.org",
            "language": "ukr",
            "mediator_needed": "on",
            "consent": "on",
            "website": "",
        }
    ).encode()
    return ms


def cancel(browser: Browser) -> float:
    """The link from the confirmation: its page, then the cancel button."""
    booking = next(b for b in browser.ready if "done" in b and "cancelled" not in b)
    page, _ms = browser.timed("GET", booking["done"])
    portal.expect_ok(page)
    csrf = portal.CSRF.search(page.text())
    if not csrf:
        raise Failed("appointment page without form")
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf.group(1)}).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": f"http://127.0.0.1:{browser.port}",
        "Referer": f"http://127.0.0.1:{browser.port}{booking['done']}",
    }
    reply, ms = browser.timed("POST", booking["done"], body, headers)
    portal.expect_ok(reply)
    booking["cancelled"] = True
    return ms


def figures(tallies: dict[str, Tally]) -> dict[str, float]:
    hello, hours = tallies["hello"], tallies["hours_page"]
    found: dict[str, float] = {
        "hello_rps": round(hello.rps, 1),
        # How much of Django's bare speed the computed hours page keeps.
        "hours_page_ratio": round(hours.rps / hello.rps, 3),
        "hours_page_ratio_goal": GOAL_RATIO,
    }
    names = ("hours_page", "hours_page_uncached", "site_feed", "booking", "cancelling")
    for name in names:
        tally = tallies[name]
        found |= {
            f"{name}_rps": round(tally.rps, 1),
            f"{name}_p50_ms": round(tally.percentile(50), 2),
            f"{name}_p95_ms": round(tally.percentile(95), 2),
        }
    return found


def context(tallies: dict[str, Tally], env: dict, slots: int, feed: str) -> dict:
    facts = portal.database_facts(env)
    return {
        "rows": {
            "office": OFFICE,
            "sites": 4,
            "free_slots_offered": slots,
            "bookings_per_client": bookings_per_client(slots),
        },
        "database": {"vendor": facts["vendor"], "version": facts["version"]},
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "server": f"gunicorn {' '.join(portal.worker_options())}, DEBUG off",
        "clients": CLIENTS,
        "pages": {
            "hours_page": HOURS,
            "hours_page_uncached": HOURS_UNCACHED,
            "site_feed": feed,
            "hello": HELLO,
        },
        "cache": (
            "the hours page and the feed are cached per office version and "
            "hour; _uncached is the same page rendered afresh every time"
        ),
        "seconds_per_page": portal.SECONDS,
        "booking": (
            "timed: the POST of the booking form (Ukrainian, interpreter, "
            "e-mail) until the confirmation page; form and challenge fetched "
            "before. Cancelling: the link's page and its POST, the POST timed."
        ),
        "measured": {name: portal.summary(tally) for name, tally in tallies.items()},
    }
