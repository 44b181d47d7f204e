"""The portal's read-only pages are cached, and every edit shows at once."""

import pytest
from django.core.cache import cache

from accounts.models import Site
from pages.actions import save_text
from pages.demo import seed_demo_pages
from pages.models import Page


@pytest.mark.django_db
def test_a_changed_consultation_hour_shows_at_once(public, office):
    url = f"/p/{office.slug}/de/"
    site = Site.objects.get(office=office)
    site.hours = "Dienstag 9–12 Uhr"
    site.save()
    assert "Dienstag 9–12 Uhr" in public.get(url).content.decode()
    assert len(cache._cache) >= 1, "the start page is now cached"  # type: ignore[attr-defined]
    site.hours = "Donnerstag 13–16 Uhr"
    site.save()
    html = public.get(url).content.decode()
    assert "Donnerstag 13–16 Uhr" in html
    assert "Dienstag 9–12 Uhr" not in html


@pytest.mark.django_db
def test_an_edited_page_shows_at_once(public, office, cast):
    seed_demo_pages(office)
    page = Page.objects.get(office=office, slug="wegweiser")
    url = f"/p/{office.slug}/de/page/wegweiser/"
    public.get(url)
    save_text(page, "de", "Wegweiser", "Ganz neuer Text.", cast.carla)
    assert "Ganz neuer Text." in public.get(url).content.decode()


@pytest.mark.django_db
def test_pages_with_a_form_are_not_cached(public, office):
    """The accessibility statement carries the feedback form and its CSRF token."""
    seed_demo_pages(office)
    statement = Page.objects.get(office=office, kind="accessibility")
    url = f"/p/{office.slug}/de/page/{statement.slug}/"
    assert "csrfmiddlewaretoken" in public.get(url).content.decode()
    guide = f"/p/{office.slug}/de/page/wegweiser/"
    public.get(guide)
    keys = list(cache._cache)  # type: ignore[attr-defined]
    assert any(guide in key for key in keys)
    assert not any(url in key for key in keys)
