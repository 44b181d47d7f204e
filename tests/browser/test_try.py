from .helpers import assert_accessible


def test_a(open_context, live_cast):
    page = open_context(java_script_enabled=False).new_page()
    r = page.goto("/accounts/login/")
    print(page.locator("html").get_attribute("lang"))
    page.select_option("#language-select", "en")
    page.locator(".language-form button").click()
    print(page.url, page.locator("html").get_attribute("lang"))
    print(page.content()[:3000])
    print("before axe", flush=True); assert_accessible(page)
    assert 0
