"""Keyboard-only use: every step reachable with Tab, typing and Enter."""

import re

from .helpers import (
    assert_focus_visible,
    assert_focused,
    current_code,
    matches,
    tab_until,
)

DESK = re.compile(r"/desk/$")


def test_login_works_with_the_keyboard_alone(page, live_cast):
    page.goto("/accounts/login/")

    tab_until(page, matches("#id_username"))
    assert_focus_visible(page)
    page.keyboard.type("carla")
    page.keyboard.press("Tab")
    assert_focused(page, "#id_password")
    page.keyboard.type("carla-password-123")
    page.keyboard.press("Tab")
    assert_focused(page, "#id_otp_token")
    page.keyboard.type(current_code(live_cast.carla))
    with page.expect_response(lambda r: DESK.search(r.url) is not None) as desk:
        page.keyboard.press("Enter")

    assert desk.value.status == 200


def test_a_concern_is_created_with_the_keyboard_alone(staff_page, live_cast):
    from cases.models import Concern
    from cases.tests.factories import make_person

    person = make_person(live_cast.erz, "Haddad", "Mohammed")
    page = staff_page(live_cast.carla, locale="en-GB")
    page.goto(f"/clients/{person.pk}/")

    tab_until(page, matches(f'a[href="/concerns/new/?person={person.pk}"]'))
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/concerns/new/"))

    # The first type radio is "Walk-in visit"; Space picks it.
    tab_until(page, matches("#id_type_0"))
    page.keyboard.press("Space")
    tab_until(page, matches("#id_channel"))
    # A native select moves its choice with the arrow keys.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert_focused(page, "#id_subject")
    page.keyboard.type("Fragen zur Anmeldung beim Jobcenter")
    page.keyboard.press("Tab")
    assert_focused(page, "#id_description")
    page.keyboard.type("Kam mit dem Bescheid.")
    tab_until(page, matches('button[type="submit"]:not(.kern-btn--x-small)'))
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("[data-error-summary]").count() == 0, page.inner_text("main")
    assert re.search(r"/concerns/\d+/$", page.url)

    concern = Concern.objects.get(subject="Fragen zur Anmeldung beim Jobcenter")
    assert concern.type == "visit"
    assert concern.channel == "consultation_hour"
    assert list(concern.persons.all()) == [person]
