"""Issue 6's 'Done means', on the demo MV installation through real URLs.

In the Landkreis Nordwestmecklenburg the coordinator imports the demo's
recognition list (Windows-1252, semicolons, one unreadable date), the rows
are assigned to the district's guides, a guide works through a client's
first steps, and the caseload page shows active clients per guide and per
full-time equivalent by month.
"""

import re
from pathlib import Path

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Office, User
from conftest import logged_in
from demo.build import add_later_staff, build_structure
from guidance.models import Care, PlanStep, RecognitionImport, StepStatus

LIST = Path(__file__).resolve().parent.parent / "demo/files/anerkennungsliste-nwm.csv"
TODAY = "2026-12-07 09:00 +01:00"


@time_machine.travel(TODAY, tick=False)
def test_demo_district_imports_assigns_works_and_counts(db):
    build_structure()
    add_later_staff()
    nwm = Office.objects.get(code="NWM")
    desk = logged_in(User.objects.get(username="koordination-nwm"))
    cares = import_the_list(desk, nwm)
    guides = assign_to_the_guides(desk, nwm, cares)
    work_through_first_steps(guides[0], cares[0])
    caseload_shows_the_guides(desk, guides)


def import_the_list(desk, nwm: Office) -> list[Care]:
    upload = SimpleUploadedFile("anerkennungsliste-nwm.csv", LIST.read_bytes())
    response = desk.post(
        "/guidance/imports/new/", {"file": upload, "source": "immigration"}
    )
    assert response.status_code == 302
    found = RecognitionImport.objects.get(office=nwm)
    preview = desk.get(f"/guidance/imports/{found.pk}/").content.decode()
    assert "Hamidi" in preview and "Al-Khatib" in preview
    outcomes = list(found.rows.values_list("outcome", flat=True))
    assert outcomes.count("new") == 11
    assert outcomes.count("error") == 1, "the row with the date 'gestern'"
    # Refused while a row has an error, unless those rows are left out.
    desk.post(f"/guidance/imports/{found.pk}/commit/")
    assert not Care.objects.filter(office=nwm).exists()
    desk.post(f"/guidance/imports/{found.pk}/commit/", {"skip_errors": "on"})
    cares = list(Care.objects.filter(office=nwm).order_by("pk"))
    assert len(cares) == 11
    assert all(care.guide is None for care in cares)
    return cares


def assign_to_the_guides(desk, nwm: Office, cares: list[Care]) -> list[User]:
    guides = list(
        User.objects.filter(office=nwm, role_grants__role="guide").order_by("username")
    )
    assert len(guides) == 3
    page = desk.get(f"/guidance/cares/{cares[0].pk}/assign/").content.decode()
    for guide in guides:
        assert guide.get_full_name() in page, "every guide is suggested with reasons"
    for index, care in enumerate(cares):
        guide = guides[index % len(guides)]
        response = desk.post(f"/guidance/cares/{care.pk}/assign/", {"guide": guide.pk})
        assert response.status_code == 302
        care.refresh_from_db()
        assert care.guide == guide
        assert care.steps.count() == 12, "the plan comes with the guide"
    return guides


def work_through_first_steps(guide: User, care: Care) -> None:
    client = logged_in(guide)
    page = client.get(f"/guidance/cares/{care.pk}/").content.decode()
    assert "Jobcenter" in page
    for step in care.steps.order_by("position")[:3]:
        response = client.post(
            f"/guidance/steps/{step.pk}/", {"status": "done", "note": "erledigt"}
        )
        assert response.status_code == 302
    done = PlanStep.objects.filter(care=care, status=StepStatus.DONE)
    assert done.count() == 3
    assert all(step.done_on is not None for step in done)


def caseload_shows_the_guides(desk, guides: list[User]) -> None:
    page = desk.get("/guidance/caseload/").content.decode()
    assert "December 2026" in page or "Dec" in page
    for guide in guides:
        assert guide.get_full_name() in page
    # 40 h = 1.0 FTE with 4 clients; the 25-hour guide (0.625 FTE) has 3.
    text = re.sub(r"<[^>]+>", " ", page)
    assert "4" in text and "4.8" in text
