"""KERN rewritten with logical properties turns with the reading direction.

The same page in left-to-right and right-to-left: everything KERN puts at
the start of a line (the alert's icon, a field's label, the room for text
in a select) must be on the right in Arabic, and the select's arrow on the
left. With KERN's original physical stylesheet the arrow and the padding
would stay on the right.
"""

import pytest
from playwright.sync_api import Page

PAGE = """<!doctype html>
<html dir="{direction}" lang="{language}"><head><meta charset="utf-8">
<title>RTL</title>
<link rel="stylesheet" href="{server}/static/vendor/kern-logical/kern.css">
<link rel="stylesheet" href="{server}/static/css/lotse.css">
</head><body><main class="kern-container">
<div class="kern-alert kern-alert--info" role="status">
  <div class="kern-alert__header">
    <span class="kern-icon kern-icon--info" aria-hidden="true"></span>
    <p class="kern-title">{saved}</p>
  </div>
</div>
<div class="kern-form-input">
  <label class="kern-label" for="name">{name}</label>
  <input class="kern-form-input__input" id="name" type="text">
</div>
<div class="kern-form-input">
  <label class="kern-label" for="language">{language_label}</label>
  <div class="kern-form-input__select-wrapper">
    <select class="kern-form-input__select" id="language"><option>1</option></select>
  </div>
</div>
</main></body></html>"""
TEXTS = {
    "ltr": {
        "language": "en",
        "saved": "Saved",
        "name": "Name",
        "language_label": "Language",
    },
    "rtl": {
        "language": "ar",
        "saved": "تم الحفظ",
        "name": "الاسم",
        "language_label": "اللغة",
    },
}
# How far the element's box (or, for text, the text itself: a label's box is
# as wide as the line) starts and ends from the start edge of the page.
EDGES = """(el, [text, rtl]) => {
  let box = el.getBoundingClientRect();
  if (text) {
    const range = document.createRange();
    range.selectNodeContents(el);
    box = range.getBoundingClientRect();
  }
  const width = document.documentElement.clientWidth;
  return rtl ? [width - box.right, width - box.left] : [box.left, box.right];
}"""
ARROW = """(el) => {
  const arrow = getComputedStyle(el, "::after");
  return {left: parseFloat(arrow.left), right: parseFloat(arrow.right)};
}"""
SELECT_PADDING = """(el) => {
  const style = getComputedStyle(el);
  return {left: parseFloat(style.paddingLeft), right: parseFloat(style.paddingRight)};
}"""


def edges(page: Page, selector: str, rtl: bool, text: bool = False) -> list[float]:
    return page.locator(selector).evaluate(EDGES, [text, rtl])


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_kern_puts_the_start_on_the_reading_side(page, live_server, direction):
    rtl = direction == "rtl"
    page.set_content(
        PAGE.format(direction=direction, server=live_server.url, **TEXTS[direction])
    )
    header = page.locator(".kern-alert__header")
    styled = header.evaluate("el => getComputedStyle(el).display") == "flex"
    assert styled, "KERN's stylesheet did not load: run make assets"

    icon = edges(page, ".kern-alert .kern-icon", rtl)
    title = edges(page, ".kern-alert .kern-title", rtl, text=True)
    assert icon[1] <= title[0], "the alert's icon comes before its title"
    label = edges(page, "label[for=name]", rtl, text=True)
    field = edges(page, "#name", rtl)
    assert abs(label[0] - field[0]) < 1, "a label starts where its field starts"

    arrow = page.locator(".kern-form-input__select-wrapper").evaluate(ARROW)
    padding = page.locator(".kern-form-input__select").evaluate(SELECT_PADDING)
    end, start = ("left", "right") if rtl else ("right", "left")
    assert arrow[end] < arrow[start], "the select's arrow sits at the line's end"
    assert padding[end] > padding[start], "the select leaves room for the arrow"
