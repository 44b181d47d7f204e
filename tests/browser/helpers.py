"""Assertions for browser tests: accessibility, third-party requests, keyboard."""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from axe_playwright_python.sync_playwright import Axe
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import BrowserContext, ElementHandle, Page, Request

from accounts.otp import current_code as device_code

# axe-core ships inside axe-playwright-python: nothing is fetched at run time.
AXE = Axe()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_TAGS},
    "resultTypes": ["violations"],
}
SHOWN_NODES = 3
# Schemes that never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about"}


@dataclass
class RequestLog:
    origin: str
    javascript: bool
    urls: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        return [url for url in self.urls if not self.is_own(url)]

    def is_own(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            return True
        return f"{parts.scheme}://{parts.netloc}" == self.origin


_LOGS: WeakKeyDictionary[BrowserContext, RequestLog] = WeakKeyDictionary()


def record_requests(context: BrowserContext, origin: str, javascript: bool) -> None:
    """Log every request of every page of the context, before any navigation."""
    log = RequestLog(origin=origin.rstrip("/"), javascript=javascript)
    _LOGS[context] = log

    def remember(request: Request) -> None:
        log.urls.append(request.url)

    context.on("request", remember)


def request_log(page: Page) -> RequestLog:
    log = _LOGS.get(page.context)
    if log is None:
        raise AssertionError(
            "This page's requests were not recorded: open it through the "
            "page, open_context or staff_page fixtures."
        )
    return log


def foreign_requests(page: Page) -> list[str]:
    return request_log(page).foreign()


def describe_violation(violation: dict) -> str:
    lines = [
        f"{violation['id']} ({violation['impact']}): {violation['help']}",
        f"  {violation['helpUrl']}",
    ]
    nodes = violation["nodes"]
    for node in nodes[:SHOWN_NODES]:
        target = ", ".join(str(part) for part in node["target"])
        lines.append(f"  - at {target}")
        lines.append(f"    {' '.join(node['html'].split())[:300]}")
    if len(nodes) > SHOWN_NODES:
        lines.append(f"  ... and {len(nodes) - SHOWN_NODES} more elements")
    return "\n".join(lines)


def accessibility_problems(page: Page) -> list[str]:
    if not request_log(page).javascript:
        # With scripts off axe.run never settles (its timers do not run).
        raise AssertionError("Check accessibility in a context with JavaScript on.")
    violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    return [describe_violation(violation) for violation in violations]


def assert_accessible(page: Page) -> None:
    """WCAG 2.1 A/AA by axe-core, and no request to a third party."""
    problems = accessibility_problems(page)
    foreign = foreign_requests(page)
    if foreign:
        problems.append(
            "Requests to hosts other than the live server:\n"
            + "\n".join(f"  - {url}" for url in foreign)
        )
    assert not problems, f"{page.url}:\n" + "\n\n".join(problems)


DESCRIBE_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el) return "nothing";
  const name = el.getAttribute("name");
  const text = (el.innerText || el.value || "").trim().slice(0, 40);
  return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (name ? `[name=${name}]` : "") + (text ? ` "${text}"` : "");
}"""


def assert_focused(page: Page, selector: str) -> None:
    focused = page.evaluate_handle("document.activeElement").as_element()
    assert focused is not None and matches(selector)(focused), (
        f"Focus is on {page.evaluate(DESCRIBE_FOCUSED)}, not on {selector}."
    )


def matches(selector: str) -> Callable[[ElementHandle], bool]:
    """A tab_until predicate: the focused element matches a CSS selector."""
    return lambda element: element.evaluate("(el, s) => el.matches(s)", selector)


def tab_until(
    page: Page, predicate: Callable[[ElementHandle], bool], max_tabs: int = 80
) -> ElementHandle:
    """Press Tab until the focused element satisfies the predicate."""
    visited = []
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement").as_element()
        if focused is not None and predicate(focused):
            return focused
        visited.append(page.evaluate(DESCRIBE_FOCUSED))
    raise AssertionError(
        f"Not reached with {max_tabs} Tab presses; focus went through:\n"
        + "\n".join(visited)
    )


# Reads the focus indicator, blurs to read the resting style, focuses again.
FOCUS_STYLES = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const read = () => {
    const s = getComputedStyle(el);
    return {outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth),
            outlineColor: s.outlineColor, boxShadow: s.boxShadow};
  };
  const focused = read();
  el.blur();
  const resting = read();
  el.focus();
  return {focused, resting};
}"""
TRANSPARENT = {"transparent", "rgba(0, 0, 0, 0)"}


def _indicator(style: dict) -> tuple:
    outline = (
        style["outlineStyle"] != "none"
        and style["outlineWidth"] > 0
        and style["outlineColor"] not in TRANSPARENT
    )
    return (
        (style["outlineStyle"], style["outlineWidth"], style["outlineColor"])
        if outline
        else None,
        style["boxShadow"] if style["boxShadow"] != "none" else None,
    )


def assert_focus_visible(page: Page) -> None:
    """The focused element shows an outline or shadow it lacks when not focused."""
    what = page.evaluate(DESCRIBE_FOCUSED)
    styles = page.evaluate(FOCUS_STYLES)
    assert styles is not None, "No element has the focus."
    focused, resting = _indicator(styles["focused"]), _indicator(styles["resting"])
    assert focused != (None, None), f"{what} shows no outline or shadow on focus."
    assert focused != resting, f"{what} looks the same with and without focus."


def current_code(user) -> str:
    """What the user's authenticator app shows right now."""
    return device_code(TOTPDevice.objects.get(user=user, confirmed=True))
