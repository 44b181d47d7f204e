"""The Nu Html Checker finds no error in the portal's pages.

Every public page in every language (with the send form's errors, the
receipt and the accessibility feedback's thank-you) and the portal's staff
pages are rendered with the test client and checked in one run of vnu.jar
(the checker behind validator.w3.org, from npm): Java starts slowly, so
one run for all files.
"""

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import User
from conftest import Cast, logged_in
from portal import challenge
from portal.languages import CODES

from .portal_data import DEMO_PAGES, PortalWorld, build_portal

VNU = (
    Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
UNKNOWN_CODE = "2222-3333-4444"
# What shows that a page is the one meant (a refused form is a 200 too).
MARKS = {
    "status-unknown": "data-error-summary",
    "status-answered": "portal-answer",
    "send-errors": "data-error-summary",
    "receipt": "portal-code",
    "feedback": "portal-code",
    "book-errors": "data-error-summary",
}
STAFF_PAGES = [
    "/accommodation/",
    "/accommodation/{accommodation}/",
    "/accommodation/new/",
    "/accommodation/{accommodation}/edit/",
    "/accommodation/settings/",
    "/accommodation/standards/",
    "/accommodation/standards/history/",
    "/accommodation/standards/{catalogue}/",
    "/accommodation/standards/{catalogue}/new/",
    "/accommodation/standards/{catalogue}/{standard}/edit/",
    "/accommodation/standards/{catalogue}/{standard}/remove/",
    "/accommodation/{accommodation}/inspections/new/",
    "/accommodation/inspections/{inspection}/",
    "/accommodation/inspections/{inspection}/edit/",
    "/accommodation/inspections/{inspection}/findings/",
    "/accommodation/inspections/{inspection}/photos/",
    "/accommodation/inspections/{inspection}/deficiencies/new/",
    "/accommodation/inspections/{reinspection}/deficiencies/{deficiency}/settle/",
    "/privacy/",
    "/privacy/requests/{access_request}/",
    "/privacy/requests/{restriction}/",
    "/privacy/persons/{privacy_person}/access/",
    "/privacy/persons/{privacy_person}/erase/",
    "/privacy/persons/{privacy_person}/restrict/",
    "/privacy/retention/",
    "/privacy/retention/due/",
    "/clients/duplicates/",
    "/clients/duplicates/{dup_first}/merge/{dup_second}/",
    "/clients/{dup_first}/",
    "/statistics/?start=2025-01-01&end=2026-12-31&compare=on",
    "/statistics/reports/",
    "/statistics/reports/{report_run}/",
    "/statistics/texts/",
    "/statistics/texts/new/",
    "/statistics/texts/{report_text}/",
    "/office/portal/inbox/",
    "/office/portal/concerns/{portal_concern}/answer/",
    "/office/portal/rules/",
    "/office/portal/rules/{rule}/",
    "/office/portal/replies/",
    "/office/portal/replies/{reply_template}/",
    "/concerns/{portal_concern}/",
    "/office/pages/",
    "/office/pages/new/",
    "/office/pages/{portal_page}/settings/",
    "/office/pages/{portal_page}/delete/",
    "/office/pages/{portal_page}/de/",
    "/office/pages/{portal_page}/ar/",
    "/hours/",
    "/hours/sites/new/",
    "/hours/sites/{site}/",
    "/hours/sites/{site}/rooms/new/",
    "/hours/rooms/{room}/",
    "/hours/rules/new/",
    "/hours/rules/{hours_rule}/",
    "/hours/rules/{hours_rule}/end/",
    "/hours/cancellations/new/",
    "/hours/budget/",
    "/hours/budget/new/",
    "/hours/budget/{budget}/",
    "/hours/sessions/{hours_rule}/{session_day}/",
    "/hours/appointments/",
    "/hours/appointments/new/",
    "/hours/appointments/{appointment}/",
    "/hours/outreach/",
    "/hours/outreach/new/",
    "/hours/outreach/{outreach}/",
    "/hours/outreach/{outreach}/edit/",
    "/hours/calendar/",
    "/mediators/",
    "/mediators/new/",
    "/mediators/{mediator}/",
    "/mediators/{mediator}/edit/",
    "/mediators/upkeep/",
    "/mediators/rates/",
    "/mediators/rates/new/",
    "/mediators/rates/{rate_scheme}/",
    "/mediators/rates/{rate_scheme}/edit/",
    "/mediators/rates/{rate_scheme}/add/",
    "/mediators/requests/",
    "/mediators/requests/new/",
    "/mediators/requests/{mediator_request}/",
    "/mediators/{mediator}/statement/{statement_month}/",
    "/mediators/payments/{statement_month}/",
    "/mediators/demand/",
    "/guidance/cares/",
    "/guidance/cares/new/?person={care_person}",
    "/guidance/cares/{care}/",
    "/guidance/cares/{care}/assign/",
    "/guidance/cares/{care}/transfer/",
    "/guidance/cares/{care}/end/",
    "/guidance/steps/{plan_step}/",
    "/guidance/templates/",
    "/guidance/templates/{plan_template}/",
    "/guidance/trainings/",
    "/guidance/trainings/new/",
    "/guidance/trainings/{training}/",
    "/guidance/caseload/",
    "/guidance/imports/",
    "/guidance/imports/new/",
    "/guidance/imports/{recognition_import}/",
    "/guidance/intake/new/",
]


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]+)"', html)
    assert match, f"the form carries {name}"
    return match.group(1)


def public_pages(client: Client, world: PortalWorld, lang: str) -> Iterator[tuple]:
    """(name, response) of every page a reader of ``lang`` may see."""
    status = world.url("portal:status", lang)
    yield "start", client.get(world.url("portal:start", lang))
    yield "status", client.get(status)
    yield "status-unknown", client.get(status, {"code": UNKNOWN_CODE})
    yield "status-answered", client.get(status, {"code": world.answered_code})
    yield "pages", client.get(world.url("pages:index", lang))
    for slug in DEMO_PAGES:
        yield f"page-{slug}", client.get(world.url("pages:page", lang, slug=slug))
    send = world.url("portal:submit", lang)
    form = client.get(send)
    yield "send", form
    yield "send-errors", client.post(send, {"reply": "anonymous"})
    token = hidden(form.content.decode(), "form_token")
    solved = challenge.solve(client.get(world.url("portal:challenge", lang)).json())
    sent = {
        "kind": "complaint",
        "text": "Die Heizung ist kaputt.",
        "reply": "anonymous",
        "consent": "on",
        "form_token": token,
        "altcha": solved,
    }
    yield "receipt", client.post(send, sent)
    statement = client.get(world.url("pages:page", lang, slug="barrierefreiheit"))
    feedback = {
        "message": "Die Schrift ist zu klein.",
        "token": hidden(statement.content.decode(), "token"),
    }
    yield (
        "feedback",
        client.post(world.url("pages:accessibility_feedback", lang), feedback),
    )
    yield from hours_pages(client, world, lang)


def hours_pages(client: Client, world: PortalWorld, lang: str) -> Iterator[tuple]:
    ids = world.ids
    yield "hours", client.get(world.url("hours:hours", lang))
    yield (
        "site-hours",
        client.get(world.url("hours:site_hours", lang, site=ids["site"])),
    )
    book = world.url("hours:book", lang, rule=ids["hours_rule"], day=ids["session_day"])
    yield "book", client.get(book)
    yield "book-errors", client.post(book, {"website": ""})
    token = ids["appointment_token"]
    yield "appointment", client.get(world.url("hours:appointment", lang, token=token))


# The pages of a mediator's own login (farid of mediators/tests/world.py).
MEDIATOR_PAGES = ["/mediators/mine/", "/mediators/mine/{assignment}/"]


def staff_pages(cast: Cast, world: PortalWorld) -> Iterator[tuple]:
    client = logged_in(cast.carla)
    for template in STAFF_PAGES:
        path = template.format_map(world.ids)
        yield path.strip("/").replace("/", "-"), client.get(path)
    farid = logged_in(User.objects.get(username="farid"))
    for template in MEDIATOR_PAGES:
        path = template.format_map(world.ids)
        yield path.strip("/").replace("/", "-"), farid.get(path)


def write_pages(cast: Cast, world: PortalWorld, folder: Path) -> list[Path]:
    client = Client()
    pages = [("offices", client.get("/p/"))]
    for lang in CODES:
        pages += [
            (f"{lang}-{name}", page) for name, page in public_pages(client, world, lang)
        ]
    pages += list(staff_pages(cast, world))
    names = [name for name, _response in pages]
    assert len(set(names)) == len(names), "each page gets a file of its own"
    files = []
    for name, response in pages:
        assert response.status_code == 200, f"{name}: {response.status_code}"
        assert response["Content-Type"].startswith("text/html"), name
        mark = MARKS.get(name.partition("-")[2], "")
        assert mark in response.content.decode(), f"{name} shows no {mark}"
        path = folder / f"{name}.html"
        path.write_bytes(response.content)
        files.append(path)
    return files


def check_html(files: list[Path]) -> list[str]:
    """Every error the Nu Html Checker finds, as "file:line: message"."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", "--stdout"]
        + [str(path) for path in files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout, f"vnu.jar did not run: {result.stderr}"
    messages = json.loads(result.stdout)["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}"
        f"\n    {' '.join(m.get('extract', '').split())}"
        for m in messages
    ]


@pytest.fixture
def many_senders(settings) -> None:
    # Every language sends a concern and feedback from the same address.
    settings.PORTAL_SUBMISSIONS_PER_HOUR = 100


def test_the_portal_pages_are_valid_html(cast, many_senders, tmp_path):
    world = build_portal(cast)
    files = write_pages(cast, world, tmp_path)

    errors = check_html(files)

    assert errors == [], f"{len(errors)} errors in {len(files)} pages:\n" + "\n".join(
        errors
    )


def test_the_checker_finds_errors(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!doctype html><html lang="de"><title>x</title><p id="a"><p id="a"></html>'
    )
    assert any("Duplicate ID" in error for error in check_html([broken]))
