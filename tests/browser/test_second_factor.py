"""First login of a user without an authenticator app, with JavaScript off."""

import re
from base64 import b32decode

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

SUBMIT = "main form button[type=submit]"
DESK = re.compile(r"/desk/$")


def test_first_login_pairs_an_authenticator_app_without_javascript(
    open_context, newcomer
):
    page = open_context(java_script_enabled=False).new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", newcomer.username)
    page.fill("#id_password", f"{newcomer.username}-password-123")
    page.locator(SUBMIT).click()
    expect(page).to_have_url(re.compile(r"/accounts/second-factor/$"))

    # Typed into the app by hand: the key shown on the page.
    key = b32decode(page.locator("main code").inner_text())
    page.fill("#id_otp_token", f"{totp(key):06d}")
    with page.expect_response(lambda r: DESK.search(r.url) is not None) as desk:
        page.locator(SUBMIT).click()

    assert desk.value.status == 200
    assert TOTPDevice.objects.get(user=newcomer).confirmed
