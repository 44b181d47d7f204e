"""The public portal in all eight languages, as its readers use it.

Every public page in every language passes axe-core, calls no third party
and has the right ``lang`` and ``dir``, also on its parts in another
language. The issue's "Done means" walk is done with the keyboard alone on
a narrow screen, with JavaScript off and on. Arabic and Farsi pages are the
German ones mirrored (screenshots in test-results/screenshots/ for a human
to look at), and text at 200 % neither scrolls sideways nor gets cut off.
"""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from PIL import Image
from playwright.sync_api import Page

from portal.languages import BY_CODE, CODES, LANGUAGES, Language
from portal.models import Submission, code_digest, normalise_code

from .helpers import (
    accessibility_problems,
    assert_focus_visible,
    foreign_requests,
    matches,
    tab_until,
)
from .portal_data import DEMO_PAGES, GERMAN, PortalWorld, build_portal

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "screenshots"
NARROW = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = pytest.mark.parametrize(
    "viewport", [NARROW, DESKTOP], ids=["narrow", "desktop"]
)
CODE = re.compile(r"^[2-9B-Z]{4}-[2-9B-Z]{4}-[2-9B-Z]{4}$")
UNKNOWN_CODE = "2222-3333-4444"
COMPLAINT = "التدفئة في غرفتنا في السكن لا تعمل منذ أسبوعين. الأطفال مرضى."
ARABIC_ANSWER = "تحدثنا مع إدارة السكن. سيتم إصلاح التدفئة هذا الأسبوع."
RTL_LANGUAGES = sorted({language.html_lang for language in LANGUAGES if language.rtl})

# Words that mark a sentence as German and are no words of the portal's
# other languages written in Latin letters (English, Turkish).
GERMAN_WORDS = [
    "und", "der", "die", "das", "nicht", "sie", "wir", "für", "mit", "ist",
    "ein", "eine", "auf", "dem", "zu", "sich", "bei", "oder", "ihre", "werden",
    "können", "wird", "uns", "auch", "nach", "über", "von", "im",
]  # fmt: skip
# Every text that is German (one of the office's German texts, or a sentence
# of German words) must be inside lang="de" and, on a page written right to
# left, inside dir="ltr". A German name in brackets in an Arabic sentence is
# part of that sentence (WCAG 3.1.2 leaves proper names out), so a text
# counts as German only if German words make up a good part of it and most
# of its letters are Latin.
UNMARKED_GERMAN = """([known, stopwords, rtl]) => {
  const stop = new Set(stopwords);
  const isGerman = (text) => {
    if (known.includes(text)) return true;
    const words = text.match(/\\p{L}+/gu) || [];
    const hits = words.filter((w) => stop.has(w.toLowerCase())).length;
    const letters = text.match(/\\p{L}/gu) || [];
    const latin = text.match(/\\p{Script=Latin}/gu) || [];
    return hits >= 2 && hits >= words.length * 0.15
      && latin.length >= letters.length * 0.5;
  };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.replace(/\\s+/g, " ").trim();
    const element = walker.currentNode.parentElement;
    if (!text || element.closest("script, style") || !isGerman(text)) continue;
    const lang = element.closest("[lang]").getAttribute("lang");
    const dir = element.closest("[dir]").getAttribute("dir");
    if (lang.split("-")[0] !== "de" || (rtl && dir !== "ltr")) {
      found.push(`"${text.slice(0, 60)}" in <${element.tagName.toLowerCase()}>`
        + ` with lang="${lang}" dir="${dir}"`);
    }
  }
  return found;
}"""
# A part in another language runs in that language's direction: an Arabic
# name on a German page right to left, a German name on an Arabic page left
# to right.
WRONG_DIRECTION = """(rtlLanguages) => [...document.body.querySelectorAll("[lang]")]
  .filter((el) => {
    const rtl = rtlLanguages.includes(el.lang.split("-")[0]);
    return el.closest("[dir]").getAttribute("dir") !== (rtl ? "rtl" : "ltr");
  })
  .map((el) => el.outerHTML.slice(0, 100))"""


@pytest.fixture
def world(live_cast) -> PortalWorld:
    return build_portal(live_cast)


def open_reader(
    open_context, language: Language, viewport: dict | None = None, **options
) -> Page:
    """A reader's browser that prefers the language."""
    page = open_context(locale=language.html_lang, **options).new_page()
    if viewport:
        page.set_viewport_size(viewport)
    return page


def language_problems(page: Page, language: Language) -> list[str]:
    found = page.evaluate(
        "() => [document.documentElement.lang, document.documentElement.dir]"
    )
    problems = []
    if found != [language.html_lang, language.dir]:
        problems.append(
            f'<html lang="{found[0]}" dir="{found[1]}">, expected '
            f'lang="{language.html_lang}" dir="{language.dir}"'
        )
    if language.html_lang != "de":
        unmarked = page.evaluate(UNMARKED_GERMAN, [GERMAN, GERMAN_WORDS, language.rtl])
        problems += [f"German text not marked: {text}" for text in unmarked]
    wrong = page.evaluate(WRONG_DIRECTION, RTL_LANGUAGES)
    problems += [f"lang without its direction: {html}" for html in wrong]
    return problems


class Reader:
    """A reader going through the portal; the problems of every page they
    see are collected and reported together at the end."""

    def __init__(self, page: Page, language: Language) -> None:
        self.page = page
        self.language = language
        self.problems: list[str] = []

    def open(self, path: str) -> None:
        response = self.page.goto(path)
        assert response is not None and response.status == 200, f"{path}: {response}"
        self.check(path)

    def check(self, what: str) -> None:
        found = accessibility_problems(self.page) + language_problems(
            self.page, self.language
        )
        if found:
            self.problems.append(f"{what}:\n" + "\n".join(found))

    def expect(self, condition: bool, problem: str) -> None:
        if not condition:
            self.problems.append(f"{self.page.url}: {problem}")

    def assert_no_problems(self) -> None:
        foreign = foreign_requests(self.page)
        if foreign:
            self.problems.append("Requests to third parties:\n" + "\n".join(foreign))
        assert not self.problems, "\n\n".join(self.problems)


def wait_for_proof_of_work(page: Page) -> None:
    """The ALTCHA widget solved its challenge and put the payload in the form."""
    page.wait_for_function(
        "() => document.querySelector('input[name=altcha]')?.value.length > 0"
    )


def send_in_browser(page: Page, text: str) -> str:
    """Fill in what the send form needs, send it, return the receipt's code."""
    page.locator("input[name=kind]").first.check()
    page.locator("#id_text").fill(text)
    page.locator("#id_consent").check()
    wait_for_proof_of_work(page)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    return page.locator(".portal-code code").inner_text()


@pytest.mark.parametrize("code", CODES)
def test_every_public_page_is_accessible_in(code, world, open_context):
    language = BY_CODE[code]
    page = open_reader(open_context, language)
    reader = Reader(page, language)
    status = world.url("portal:status", code)

    reader.open(world.url("portal:start", code))
    reader.open(world.url("portal:submit", code))
    reader.open(status)
    reader.open(f"{status}?code={UNKNOWN_CODE}")
    reader.expect(
        page.locator("[data-error-summary]").count() == 1,
        "an unknown code shows no error summary",
    )
    reader.open(f"{status}?code={world.answered_code.lower()}")
    reader.expect(
        page.locator(".portal-answer").count() == 1, "a known code shows no answer"
    )
    reader.open(world.url("pages:index", code))
    for slug in DEMO_PAGES:
        reader.open(world.url("pages:page", code, slug=slug))

    page.goto(world.url("portal:submit", code))
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    reader.expect(
        page.evaluate("() => document.activeElement.matches('[data-error-summary]')"),
        "the error summary does not take the focus",
    )
    reader.check("the send form with errors")

    page.goto(world.url("portal:submit", code))
    receipt = send_in_browser(page, "Die Heizung ist kaputt.")
    reader.expect(
        CODE.match(receipt) is not None, f"no code on the receipt: {receipt!r}"
    )
    reader.check("the receipt")

    page.goto(world.url("pages:page", code, slug="barrierefreiheit"))
    page.locator("#id_message").fill("Die Schrift ist zu klein.")
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    reader.expect(
        page.locator(".portal-code").count() == 1, "no thank-you after the feedback"
    )
    reader.check("the accessibility feedback's thank-you")
    book_and_cancel(reader, world, code)
    reader.assert_no_problems()


def book_and_cancel(reader: "Reader", world: PortalWorld, code: str) -> None:
    """The consultation hours, a booking with an interpreter, and its cancelling."""
    page = reader.page
    ids = world.ids
    reader.open(world.url("hours:hours", code))
    reader.open(world.url("hours:site_hours", code, site=ids["site"]))
    reader.open(world.url("hours:appointment", code, token=ids["appointment_token"]))
    book = world.url("hours:book", code, rule=ids["hours_rule"], day=ids["session_day"])
    reader.open(book)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    reader.check("the booking form with errors")

    page.goto(book)
    page.locator("input[name=slot]").first.check()
    page.locator("#id_name").fill("Olena Kovalenko")
    page.locator("#id_email").fill("olena@example.org")
    page.locator("#id_mediator_needed").check()
    page.locator("#id_consent").check()
    wait_for_proof_of_work(page)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    reader.check("the booking confirmation")
    cancel = page.locator("a[href*='/appointment/']").first.get_attribute("href")
    reader.expect(bool(cancel), "the confirmation has no cancellation link")
    page.goto(cancel or "")
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    reader.check("the cancelled appointment")


def test_without_javascript_the_send_forms_errors_link_to_their_fields(
    world, open_context
):
    page = open_reader(open_context, BY_CODE["de"], java_script_enabled=False)
    for language in LANGUAGES:
        page.goto(world.url("portal:submit", language.code))
        with page.expect_navigation():
            page.locator("form button[type=submit]").click()

        links = page.locator("[data-error-summary] a").evaluate_all(
            "links => links.map((a) => a.getAttribute('href'))"
        )
        assert links == ["#id_kind_0", "#id_text", "#id_consent"], language.code
        for target in links:
            assert page.locator(target).count() == 1, f"{target} is on the page"
        assert language_problems(page, language) == []


def photo() -> dict:
    """A small JPEG as a phone sends it, with the place it was taken."""
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (50.0, 35.0, 0.0), 3: "E", 4: (12.0, 42.0, 0.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (150, 150, 150)).save(buffer, "JPEG", exif=exif)
    return {
        "name": "heizung.jpg",
        "mimeType": "image/jpeg",
        "buffer": buffer.getvalue(),
    }


def choose_by_keyboard(page: Page, selector: str, value: str) -> None:
    """Move the focused native select with the arrow keys to the value."""
    select = page.locator(selector)
    for _ in range(select.locator("option").count()):
        if select.input_value() == value:
            return
        page.keyboard.press("ArrowDown")
    assert select.input_value() == value, f"{value} not reached in {selector}"


def received_in(code: str) -> str:
    with translation.override(code):
        return translation.gettext("Received")


@pytest.mark.parametrize("javascript", [False, True], ids=["js-off", "js-on"])
def test_done_means_in_arabic_on_a_narrow_screen_with_the_keyboard_alone(
    javascript, world, open_context, staff_page
):
    page = open_reader(
        open_context, BY_CODE["ar"], viewport=NARROW, java_script_enabled=javascript
    )
    page.goto(world.url("portal:start", "ar"))

    tab_until(page, matches(f'main a[href="{world.url("portal:submit", "ar")}"]'))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_until(page, matches("#id_kind_0"))
    page.keyboard.press("Space")
    tab_until(page, matches("#id_topic"))
    choose_by_keyboard(page, "#id_topic", str(world.housing))
    tab_until(page, matches("#id_text"))
    page.keyboard.type(COMPLAINT)
    # Enter would open the browser's file dialog, which is outside the page.
    tab_until(page, matches("#id_attachments")).set_input_files(files=[photo()])
    tab_until(page, matches("#id_consent"))
    page.keyboard.press("Space")
    tab_until(page, matches("form button[type=submit]"))
    assert_focus_visible(page)
    if javascript:
        wait_for_proof_of_work(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    code = page.locator(".portal-code code").inner_text()
    assert CODE.match(code), page.inner_text("main")
    tab_until(page, matches(f'nav a[href="{world.url("portal:status", "ar")}"]'))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_until(page, matches("#id_code"))
    page.keyboard.type(code)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert received_in("ar") in page.locator(".portal-status").inner_text()

    # The text is encrypted at rest: found by the code the sender was given.
    submission = Submission.objects.get(code_digest=code_digest(normalise_code(code)))
    assert submission.concern.description == COMPLAINT
    assert submission.challenge_solved == javascript
    assert submission.portal_language == "ar"
    assert submission.attachments.count() == 1
    office = staff_page(world.carla, locale="en-GB")
    office.goto("/office/portal/inbox/")
    row = office.locator("tr", has_text=submission.concern.number).inner_text()
    assert "Arabic" in row
    assert "mediator may be needed" in row
    assert "Dieter" in row, "routed to the deputy by its topic"

    office.goto(f"/office/portal/concerns/{submission.concern.pk}/answer/")
    office.locator("textarea").fill(ARABIC_ANSWER)
    office.locator("#id_language").select_option("ar")
    with office.expect_navigation():
        office.locator("main form button[type=submit]").click()
    page.reload()
    answer = page.locator(".portal-answer")
    assert answer.inner_text() == ARABIC_ANSWER
    assert (answer.get_attribute("lang"), answer.get_attribute("dir")) == ("ar", "rtl")


# How far an element's box (or, for text, the text itself: a label's box is
# as wide as the line) starts from the start edge of the page: the left edge
# left to right, the right edge right to left. The page is the body, which
# leaves out the scroll bar.
START_OFFSET = """([selector, text]) => {
  const el = document.querySelector(selector);
  let box = el.getBoundingClientRect();
  if (text) {
    const range = document.createRange();
    range.selectNodeContents(el);
    box = range.getBoundingClientRect();
  }
  const page = document.body.getBoundingClientRect();
  const rtl = document.documentElement.dir === "rtl";
  return rtl ? page.right - box.right : box.left - page.left;
}"""
# A row of links: how far its first item is from the row's start edge, and
# whether the second item follows in the reading direction.
LIST_FLOW = """(selector) => {
  const list = document.querySelector(selector);
  const [first, second] = [...list.children].map((li) => li.getBoundingClientRect());
  const box = list.getBoundingClientRect();
  const rtl = getComputedStyle(list).direction === "rtl";
  const sameLine = Math.abs(first.top - second.top) < 2;
  const onward = rtl ? second.right <= first.left + 1 : second.left >= first.right - 1;
  return [rtl ? box.right - first.right : first.left - box.left, !sameLine || onward];
}"""
# Per page: (selector, measure the text) that starts where the German starts.
MIRRORED = {
    "start": [
        (".site-header__brand", True),
        ("main h1", False),
        (".portal-actions .kern-btn", False),
        (".portal-contact dt", True),
    ],
    "submit": [
        ("main h1", False),
        ("#id_kind_0", False),
        ("label[for=id_text]", True),
        ("#id_text", False),
        ("#id_consent", False),
    ],
}
ROWS = [".portal-languages ul", ".site-nav__list", ".portal-footer__list"]
# Short texts whose lines begin at the page's start edge, German ones too: a
# value beside its label, a site's name and address at the card's border.
FLUSH = [".portal-contact dd", ".portal-site h3", ".portal-site p"]
NOT_FLUSH = """(selectors) => [...document.querySelectorAll(selectors)].filter((el) => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const text = range.getBoundingClientRect();
  const box = el.getBoundingClientRect();
  const rtl = document.documentElement.dir === "rtl";
  return (rtl ? box.right - text.right : text.left - box.left) > 1;
}).map((el) => el.outerHTML.slice(0, 100))"""


def start_offset(page: Page, selector: str, text: bool = False) -> float:
    return page.evaluate(START_OFFSET, [selector, text])


def layout(page: Page, name: str) -> dict[str, float]:
    found = {
        selector: start_offset(page, selector, text)
        for selector, text in MIRRORED[name]
    }
    for selector in ROWS:
        found[selector], onward = page.evaluate(LIST_FLOW, selector)
        assert onward, f"{page.url}: {selector} runs against the reading direction"
    apart = page.evaluate(NOT_FLUSH, ", ".join(FLUSH))
    assert apart == [], f"{page.url}: these do not start at the start edge: {apart}"
    return found


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


@pytest.mark.parametrize("code", ["ar", "fa"])
@VIEWPORTS
def test_right_to_left_pages_mirror_the_german_ones(
    code, viewport, world, open_context
):
    page = open_reader(open_context, BY_CODE[code], viewport=viewport)
    width = viewport["width"]
    for name in MIRRORED:
        page.goto(world.url(f"portal:{name}", "de"))
        expected = layout(page, name)
        if code == "ar":
            screenshot(page, f"portal-de-{name}-{width}")
        page.goto(world.url(f"portal:{name}", code))
        screenshot(page, f"portal-{code}-{name}-{width}")
        found = layout(page, name)

        for selector, start in expected.items():
            assert found[selector] == pytest.approx(start, abs=1), (
                f"{name}: {selector} starts {found[selector]:.0f} px from the right "
                f"edge, in German {start:.0f} px from the left"
            )
    label = start_offset(page, "label[for=id_text]", text=True)
    assert label == pytest.approx(start_offset(page, "#id_text"), abs=1), (
        "a label is right-aligned with its field"
    )
    radio = page.locator("#id_kind_0").bounding_box()
    radio_label = page.locator("label[for=id_kind_0]").bounding_box()
    assert radio and radio_label and radio["x"] > radio_label["x"], (
        "a radio button sits right of its label"
    )
    form = page.locator("main form").bounding_box()
    field = page.locator("#id_text").bounding_box()
    assert form and field and field["width"] == pytest.approx(form["width"], abs=1), (
        "the message field is as wide as the form"
    )


# Elements whose content is cut off: overflow hidden or clip sideways and
# wider inside than their box. The honeypot and visually hidden texts are
# cut off on purpose. Fields one types in are left out: the browser clips
# every input, and what is typed scrolls inside the field with the cursor
# (a 14-character code in 36 px type is wider than a phone at 200 %). The
# file field is checked: its button and the chosen file's name do not scroll.
CLIPPED = """() => [...document.querySelectorAll("body *")].filter((el) => {
  if (el.closest(".visually-hidden, .portal-hp")) return false;
  if (el.matches("textarea, select, input:not([type=file])")) return false;
  if (!["hidden", "clip"].includes(getComputedStyle(el).overflowX)) return false;
  if (!el.getClientRects().length) return false;
  return el.scrollWidth > el.clientWidth + 1;
}).map((el) => el.outerHTML.slice(0, 120))"""
# What sticks out of the screen when the page scrolls sideways.
SIDEWAYS = """() => {
  if (document.documentElement.scrollWidth <= window.innerWidth + 1) return [];
  return [...document.querySelectorAll("body *")].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.right > window.innerWidth + 1 || box.left < -1;
  }).map((el) => el.outerHTML.slice(0, 120)).slice(0, 5);
}"""
TEXT_SIZE = (
    "() => parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)"
)


@VIEWPORTS
@pytest.mark.parametrize("code", ["de", "ar", "ru"])
def test_text_at_200_percent_is_neither_cut_off_nor_scrolled_sideways(
    code, viewport, world, open_context
):
    page = open_reader(open_context, BY_CODE[code], viewport=viewport)
    status = world.url("portal:status", code)
    pages = {
        "start": world.url("portal:start", code),
        "submit": world.url("portal:submit", code),
        "status": f"{status}?code={world.answered_code}",
    }
    problems = []
    for name, path in pages.items():
        page.goto(path)
        normal = page.evaluate(TEXT_SIZE)
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
        if page.evaluate(TEXT_SIZE) < 2 * normal:
            problems.append(f"{path}: the text does not grow with the root font size")
        problems += [f"{path}: sticks out: {html}" for html in page.evaluate(SIDEWAYS)]
        problems += [f"{path}: cut off: {html}" for html in page.evaluate(CLIPPED)]
        screenshot(page, f"portal-{code}-{name}-200pct-{viewport['width']}")
    assert problems == [], "\n".join(problems)
