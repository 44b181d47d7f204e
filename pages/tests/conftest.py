import pytest

from pages.actions import create_page, ensure_required_pages, save_text
from pages.models import Kind, Page


@pytest.fixture
def required(cast) -> dict[str, Page]:
    """The Erzgebirgskreis's required pages with their German starter texts."""
    ensure_required_pages(cast.erz)
    return {page.kind: page for page in Page.objects.filter(office=cast.erz)}


@pytest.fixture
def guide(cast) -> Page:
    """A Wegweiser in German, English (current) and Ukrainian (outdated)."""
    page = create_page(
        cast.erz,
        Kind.GUIDE,
        "wegweiser",
        10,
        "Wegweiser",
        "# Anmelden\n\nMelden Sie Ihre Wohnung an.",
        cast.carla,
    )
    save_text(page, "uk", "Путівник", "# Реєстрація\n\nЗареєструйте житло.", cast.carla)
    save_text(
        page,
        "de",
        "Wegweiser",
        "# Anmelden\n\nMelden Sie Ihre Wohnung bald an.",
        cast.carla,
    )
    save_text(
        page, "en", "Guide", "# Registration\n\nRegister your flat soon.", cast.carla
    )
    return page
