"""The Content-Security-Policy holds in a real browser and breaks nothing.

Every page of the registry (pages.py) is opened in Chromium with the policy
the server sends; any violation it reports, as a securitypolicyviolation
event or as a console message, fails the test. The portal's send form is
then sent with ALTCHA's proof of work solved under the same policy.
"""

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page

from .pages import PAGES, Entry
from .portal_data import OFFICE_SLUG
from .test_portal import send_in_browser

# Set up in every page before its own scripts run (Playwright's init
# scripts are not subject to the page's policy).
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
    + (event.sample ? ` (${event.sample})` : "")
  );
});
"""
CSP_WORDS = ("content security policy", "content-security-policy")


class PolicyWatch:
    """What the browser refused in one context: its events and console."""

    def __init__(self, context: BrowserContext) -> None:
        self.console: list[str] = []
        context.add_init_script(COLLECT_VIOLATIONS)
        context.on("console", self._console)

    def _console(self, message: ConsoleMessage) -> None:
        if any(word in message.text.lower() for word in CSP_WORDS):
            self.console.append(message.text)

    def problems(self, page: Page) -> list[str]:
        events = page.evaluate("() => window.__cspViolations || []")
        return [*events, *self.console]


def watched(context: BrowserContext) -> tuple[Page, PolicyWatch]:
    watch = PolicyWatch(context)
    return context.new_page(), watch


def assert_strict_policy(header: str | None) -> None:
    assert header, "no Content-Security-Policy header"
    directives = {
        part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()
    }
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert "unsafe" not in header


@pytest.mark.parametrize("entry", PAGES, ids=[e.name.replace(" ", "-") for e in PAGES])
def test_page_keeps_the_content_security_policy(
    entry: Entry, page_data, open_context, staff_page
):
    if entry.user is None:
        context = open_context()
    else:
        user = page_data.user(entry.user)
        context = staff_page(user, entry.second_factor).context
    page, watch = watched(context)
    path = entry.path(page_data)
    response = page.goto(path)
    assert response is not None and response.status == entry.status, path
    assert_strict_policy(response.headers.get("content-security-policy"))
    page.wait_for_load_state("load")
    problems = watch.problems(page)
    assert not problems, f"{path}:\n" + "\n".join(problems)


def test_portal_form_is_sent_with_the_proof_of_work_under_the_policy(
    page_data, open_context
):
    page, watch = watched(open_context())
    page.goto(f"/p/{OFFICE_SLUG}/de/send/")
    # The widget's stylesheet is linked, not injected: it styles the widget.
    assert page.locator("altcha-widget .altcha").count() == 1

    code = send_in_browser(page, "Die Heizung in unserer Unterkunft ist kaputt.")

    assert code
    assert not watch.problems(page), "\n".join(watch.problems(page))
