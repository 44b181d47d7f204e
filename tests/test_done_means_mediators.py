"""Issue 5's 'Done means', on the demo office through real URLs.

In the Erzgebirgskreis demo a guide asks for a Dari mediator for Thursday
10:00 in Annaberg-Buchholz and sees the ranked candidates with reasons; the
mediator accepts in their own view and records 1 h 20 min and 24 km; the
month's statement shows the amount under the office's fee scheme: 1 h 20 min
billed per started half hour as 1.5 h at 15 EUR = 22.50 EUR, 24 km at
0.30 EUR = 7.20 EUR, together 29.70 EUR.
"""

import re

import time_machine
from django.utils.html import escape

from accounts.models import Municipality, Office, User
from conftest import logged_in
from demo.build import add_later_staff, build_structure
from demo.mediators import seed_mediators
from mediators.models import Assignment, AssignmentStatus, Request

# A Monday; the Thursday asked for is 10 December 2026.
MONDAY = "2026-12-07 09:00 +01:00"
AFTER_THE_ASSIGNMENT = "2026-12-10 12:30 +01:00"
REQUEST_URL = re.compile(r"^/mediators/requests/(\d+)/$")


def test_demo_dari_request_ranking_acceptance_work_and_statement(db):
    with time_machine.travel(MONDAY, tick=False):
        build_structure()
        add_later_staff()
        erz = Office.objects.get(code="ERZ")
        seed_mediators(erz)
        request = ask_for_dari(erz)
        farid = see_candidates_and_offer(request)
        assignment = accept_as_mediator(request)
    with time_machine.travel(AFTER_THE_ASSIGNMENT, tick=False):
        record_work_as_mediator(assignment)
        statement_shows_the_amount(farid)


def ask_for_dari(erz: Office) -> Request:
    guide = User.objects.get(username="lotse-erz")
    annaberg = Municipality.objects.get(office=erz, name="Annaberg-Buchholz")
    client = logged_in(guide)
    assert client.get("/mediators/requests/new/").status_code == 200
    response = client.post(
        "/mediators/requests/new/",
        {
            "language": "prs",
            "dialect": "",
            "day": "2026-12-10",
            "time": "10:00",
            "minutes": "90",
            "mode": "on_site",
            "municipality": annaberg.pk,
            "place": "Landratsamt, Paulus-Jenisius-Weg 7, Raum 2.21",
            "contact": guide.pk,
        },
    )
    assert response.status_code == 302
    match = REQUEST_URL.match(response["Location"])
    assert match, response["Location"]
    return Request.objects.get(pk=match.group(1))


def see_candidates_and_offer(request: Request):
    guide = logged_in(request.created_by)
    page = guide.get(f"/mediators/requests/{request.pk}/").content.decode()
    farid = User.objects.get(username="sprachmittler-dari").mediator
    # Ranked: Farid (native Dari, on site, covers Annaberg-Buchholz, usually
    # there on Thursdays) before the others who speak Dari.
    names = [n for n in ("Farid Ahmadi", "Mina Rahimi", "Zalmai Noori") if n in page]
    assert names[0] == "Farid Ahmadi"
    assert page.index("Farid Ahmadi") < page.index("Mina Rahimi")
    assert page.index("Farid Ahmadi") < page.index("Zalmai Noori")
    for reason in (
        "Speaks Dari (native speaker)",
        "Works on site",
        "Covers Annaberg-Buchholz",
        "Thursdays",
    ):
        assert escape(reason) in page, reason
    assert "Mina Rahimi" in page and "Does not work on site" in page
    offered = guide.post(
        f"/mediators/requests/{request.pk}/offer/", {"mediator": farid.pk}
    )
    assert offered.status_code == 302
    assert Assignment.objects.get(request=request).mediator == farid
    return farid


def accept_as_mediator(request: Request) -> Assignment:
    mediator = logged_in(User.objects.get(username="sprachmittler-dari"))
    assert mediator.get("/").status_code == 302
    mine = mediator.get("/mediators/mine/").content.decode()
    assert "Dari" in mine and "Annaberg-Buchholz" in mine
    assignment = Assignment.objects.get(request=request)
    accepted = mediator.post(f"/mediators/mine/{assignment.pk}/accept/")
    assert accepted.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED
    detail = mediator.get(f"/mediators/mine/{assignment.pk}/").content.decode()
    assert "Maria Weber" in detail, "the contact person"
    return assignment


def record_work_as_mediator(assignment: Assignment) -> None:
    mediator = logged_in(User.objects.get(username="sprachmittler-dari"))
    response = mediator.post(
        f"/mediators/mine/{assignment.pk}/",
        {"hours": "1", "minutes": "20", "travel_minutes": "0", "km": "24"},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DONE
    assert assignment.worked_minutes == 80
    assert assignment.km == 24


def statement_shows_the_amount(farid) -> None:
    office = logged_in(User.objects.get(username="buero"))
    page = office.get(f"/mediators/{farid.pk}/statement/2026-12/").content.decode()
    assert "Honorarordnung Sprachmittlung" in page
    assert "22.50" in page, "1 h 20 min billed as 1.5 h at 15 EUR"
    assert "7.20" in page, "24 km at 0.30 EUR"
    assert "29.70" in page
