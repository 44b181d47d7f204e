"""The care page: the plan with overdue steps, the spells, who may open it."""

import pytest
import time_machine

from cases.tests.factories import make_person
from guidance.actions import start_care
from guidance.models import CareKind, Source

from .factories import make_care


def started(cast, guide=None):
    with time_machine.travel("2026-01-15 09:00 +01:00", tick=False):
        return start_care(
            cast.erz,
            make_person(cast.erz, "Nasser"),
            CareKind.RECOGNITION,
            Source.IMMIGRATION,
            cast.olga,
            guide=guide,
        )


def test_steps_past_their_due_date_are_marked_overdue(cast):
    care = started(cast, cast.gina)
    # Due after 7 days (22.01.) and 14 days (29.01.): on 25.01. only the first.
    with time_machine.travel("2026-01-25 09:00 +01:00", tick=False):
        page = cast.client("gina").get(f"/guidance/cares/{care.pk}/").content.decode()
    assert "1 step is overdue." in page
    assert page.count('<strong class="overdue">') == 1


def test_the_page_links_the_person_and_shows_the_guide(cast):
    care = started(cast, cast.gina)
    page = cast.client("olga").get(f"/guidance/cares/{care.pk}/").content.decode()
    assert f"/clients/{care.person_id}/" in page
    assert "Gina Test" in page
    assert "Anmeldung bei der Krankenkasse" in page


def test_a_guide_cannot_open_a_colleagues_care(cast):
    care = make_care(cast.erz, make_person(cast.erz), cast.gina, cast.olga)
    assert cast.client("gustav").get(f"/guidance/cares/{care.pk}/").status_code == 403
    assert cast.client("gina").get(f"/guidance/cares/{care.pk}/").status_code == 200


@pytest.mark.parametrize("name, status", [("otto", 404), ("anton", 403), ("ada", 403)])
def test_others_are_kept_out(cast, name, status):
    care = make_care(cast.erz, make_person(cast.erz), cast.gina, cast.olga)
    assert cast.client(name).get(f"/guidance/cares/{care.pk}/").status_code == status


def test_the_list_shows_a_guide_only_their_cares(cast):
    make_care(cast.erz, make_person(cast.erz, "Haddad"), cast.gina, cast.olga)
    make_care(cast.erz, make_person(cast.erz, "Karimi"), cast.gustav, cast.olga)
    page = cast.client("gina").get("/guidance/cares/").content.decode()
    assert "Haddad" in page
    assert "Karimi" not in page
    desk = cast.client("olga").get("/guidance/cares/").content.decode()
    assert "Haddad" in desk and "Karimi" in desk


def test_the_desk_filters_unassigned_and_overdue_cares(cast):
    make_care(cast.erz, make_person(cast.erz, "Haddad"), cast.gina, cast.olga)
    started(cast)  # Unassigned, with the default plan.
    client = cast.client("olga")
    page = client.get("/guidance/cares/?unassigned=on").content.decode()
    assert "Haddad" not in page
    assert "1 care" in page
    with time_machine.travel("2026-06-01 09:00 +02:00", tick=False):
        overdue = cast.client("olga").get("/guidance/cares/?overdue=on")
    assert "Haddad" not in overdue.content.decode()
    assert "1 care" in overdue.content.decode()
    ended = client.get("/guidance/cares/?state=ended").content.decode()
    assert "0 cares" in ended
