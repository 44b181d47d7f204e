"""Every page a person sees passes axe-core and calls no third party."""

from collections import defaultdict
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from .helpers import assert_accessible
from .pages import NOT_PAGES, PAGES, Entry


@pytest.mark.parametrize("entry", PAGES, ids=[e.name.replace(" ", "-") for e in PAGES])
def test_page_is_accessible(entry: Entry, page_data, open_context, staff_page):
    if entry.user is None:
        page = open_context().new_page()
    else:
        page = staff_page(page_data.user(entry.user), entry.second_factor)
    path = entry.path(page_data)
    response = page.goto(path)
    assert response is not None and response.status == entry.status, (
        f"{path}: {response}"
    )
    assert page.url.endswith(path), f"{path} went on to {page.url}"
    assert_accessible(page)


def url_names(patterns) -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= url_names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(pattern.name)
    return names


def test_every_page_is_in_the_registry():
    # Any id will do for resolving; a month must look like one.
    any_ids = SimpleNamespace(ids=defaultdict(lambda: 1, statement_month="2026-11"))
    registered = {
        resolve(e.path(any_ids).split("?")[0]).url_name
        for e in PAGES
        if e.status == 200
    }
    missing = url_names(get_resolver().url_patterns) - registered - NOT_PAGES
    assert missing == set(), "add these pages to tests/browser/pages.py"
