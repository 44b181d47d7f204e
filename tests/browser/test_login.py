"""The login page in a real browser: languages, errors, a full login."""

import re

from playwright.sync_api import Page, expect

from .helpers import assert_accessible, current_code

SUBMIT = "main form button[type=submit]"
DESK = re.compile(r"/desk/$")


def switch_language(page: Page, code: str) -> None:
    page.select_option("#language-select", code)
    page.locator(".language-form button[type=submit]").click()


def test_language_form_switches_to_english_without_javascript(open_context):
    page = open_context(java_script_enabled=False).new_page()
    page.goto("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "de")

    switch_language(page, "en")

    assert page.url.endswith("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Log in to Lotse")


def test_login_page_is_accessible_in_german_and_in_english(page, live_cast):
    page.goto("/accounts/login/")
    german = page.locator("h1").inner_text()
    assert_accessible(page)

    switch_language(page, "en")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).not_to_have_text(german)
    assert_accessible(page)


def test_failed_login_moves_focus_to_the_error_summary(page, live_cast):
    page.goto("/accounts/login/")
    page.fill("#id_username", "carla")
    page.fill("#id_password", "not-the-password")
    page.locator(SUBMIT).click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.locator("li")).to_have_count(1)
    assert_accessible(page)


def test_login_with_password_and_code_lands_on_the_desk(page, live_cast):
    page.goto("/accounts/login/")
    page.fill("#id_username", "carla")
    page.fill("#id_password", "carla-password-123")
    page.fill("#id_otp_token", current_code(live_cast.carla))

    with page.expect_response(lambda r: DESK.search(r.url) is not None) as desk:
        page.locator(SUBMIT).click()

    assert desk.value.status == 200
    expect(page).to_have_url(DESK)
    # The main navigation shows only with both factors.
    expect(page.locator("nav.site-nav")).to_be_visible()


def test_lockout_page_is_accessible(page, live_cast, settings):
    page.goto("/accounts/login/")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        page.fill("#id_username", "carla")
        page.fill("#id_password", "wrong-password")
        with page.expect_navigation():
            page.locator(SUBMIT).click()
    expect(page.locator("h1")).to_have_text(
        re.compile("Anmeldung gesperrt|Login locked")
    )
    assert_accessible(page)
