"""Issue 10's 'Done means', on the (small) demo through real URLs.

The demo commissioner makes Oksana Petrenko's access report (PDF in her
language, JSON), erases her record at her request while the office's
statistics stay the same, and the retention dry run lists exactly the
records past their period: Reza Karimi's concerns closed four years ago
and his record, Oksana's appointment of eight months ago, and nothing
else of the kinds the office keeps for three years.
(The load-and-kill run is `make bench NAME=load`.)
"""

import io
import json

import time_machine
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import Office, User
from cases.models import Concern, Status
from clients.models import Person
from conftest import logged_in
from demo.build import load
from privacy.models import DataRequest, RequestKind
from reports.breakdowns import BREAKDOWNS, count_all
from reports.scope import Period, Scope
from reports.statistics import office_report

TODAY = "2026-12-07 09:00 +01:00"


@time_machine.travel(TODAY, tick=False)
def test_demo_access_report_erasure_and_retention_dry_run(db):
    load(small=True)
    erz = Office.objects.get(code="ERZ")
    desk = logged_in(User.objects.get(username="beauftragter"))
    oksana = Person.objects.get(family_name="Petrenko")
    access_report(desk, oksana)
    erasure_keeps_the_statistics(desk, erz, oksana)
    dry_run_lists_what_is_past(desk, erz)


def access_report(desk, oksana) -> None:
    form = desk.get(f"/privacy/persons/{oksana.pk}/access/").content.decode()
    # She speaks Ukrainian: the report is preset to it.
    assert '<option value="uk" selected>' in form
    desk.post(f"/privacy/persons/{oksana.pk}/access/", {"language": "uk"})
    made = DataRequest.objects.get(kind=RequestKind.ACCESS, person=oksana)
    document = json.loads(desk.get(f"/privacy/requests/{made.pk}/report.json").content)
    tables = {section["table"] for section in document["sections"]}
    assert {
        "clients.person",
        "clients.consent",
        "clients.personaccess",
        "cases.concern",
        "cases.activity",
        "schedule.appointment",
    } <= tables
    pdf = desk.get(f"/privacy/requests/{made.pk}/report.pdf").content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Petrenko" in text and "Оксана Петренко" in text
    assert "Ваші дані" in text  # the title in Ukrainian


def statistics(erz) -> dict:
    today = timezone.localdate()
    scope = Scope((erz.pk,), Period(today.replace(year=today.year - 5), today))
    return {slug: dict(v) for slug, v in count_all(BREAKDOWNS, scope).items()}


def erasure_keeps_the_statistics(desk, erz, oksana) -> None:
    before = statistics(erz)
    period = Period.year(2026)
    report = office_report(erz, period)
    response = desk.post(
        f"/privacy/persons/{oksana.pk}/erase/",
        {"received_on": "2026-12-01", "confirm": "on", "note": "Brief vom 30.11."},
    )
    assert response.status_code == 302
    erased = Person.objects.get(pk=oksana.pk)
    assert erased.family_name == "–" and erased.phone == "" and erased.anonymised_at
    assert not Concern.objects.filter(persons=erased).exclude(description="").exists()
    assert statistics(erz) == before
    # The published tables, small numbers hidden, are the same too.
    assert office_report(erz, period) == report


def dry_run_lists_what_is_past(desk, erz) -> None:
    page = desk.get("/privacy/retention/due/").content.decode()
    cutoff = timezone.now() - relativedelta(months=36)
    past = Concern.objects.filter(
        office=erz, status=Status.CLOSED, closed_at__lt=cutoff, anonymised_at=None
    )
    assert past.count() == 2  # Reza Karimi's
    for concern in past:
        assert f"<li>{concern}</li>" in page
    recent = Concern.objects.filter(office=erz, closed_at__gte=cutoff)
    for concern in recent[:50]:
        assert f"<li>{concern}</li>" not in page
    assert "<li>Karimi, Reza</li>" in page
