"""The browser assertions fail, and say why, when a page breaks the rules."""

import pytest

from .helpers import assert_accessible, assert_focus_visible, matches, tab_until

# 127.0.0.2 is not the live server's host: a third party that refuses at once.
BROKEN_PAGE = """<!doctype html><html><head><title>Broken</title></head><body>
<img src="http://127.0.0.2:9/tracker.png">
<input id="nameless" type="text">
</body></html>"""


def test_assert_accessible_names_each_violation_and_foreign_request(page):
    page.set_content(BROKEN_PAGE, wait_until="domcontentloaded")

    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)

    message = str(failure.value)
    assert "html-has-lang" in message
    assert "image-alt" in message
    assert '<input id="nameless" type="text">' in message
    assert "http://127.0.0.2:9/tracker.png" in message


def test_assert_focus_visible_fails_for_a_hidden_focus(page):
    page.set_content(
        "<style>button:focus { outline: none; }</style><button>Save</button>"
    )
    tab_until(page, matches("button"))

    with pytest.raises(AssertionError, match="no outline or shadow"):
        assert_focus_visible(page)
