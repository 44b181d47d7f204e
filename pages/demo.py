"""Demo content for an office's portal pages; every step can run again.

The required pages keep their starter texts in German and get translations
(``texts/demo/<kind>.<language>.md``) that were made from the starter of a
Saxon office. A translation is added only while the office's German text is
still the one it was made from, so a changed German text never gets a stale
translation passed off as current. The Wegweiser is in four languages; the
answers from the residents' assembly are in German and in an English
translation of an earlier German version, so the demo shows a missing and
an outdated translation.
"""

from django.db import transaction

from accounts.models import Office
from portal.languages import SOURCE

from .actions import create_page, ensure_required_pages, save_text
from .models import Kind, Page, PageText
from .starter import TEXTS, read_text, starter

DEMO = TEXTS / "demo"
# The starter texts the demo translations were made from are the Saxon ones.
TRANSLATED_FROM_STATE = "SN"
TRANSLATED_KINDS = (Kind.START, Kind.PRIVACY, Kind.ACCESSIBILITY)
GUIDE_SLUG = "wegweiser"
FAQ_SLUG = "einwohnerversammlung"


def seed_demo_pages(office: Office) -> None:
    with transaction.atomic():
        ensure_required_pages(office)
        for kind in TRANSLATED_KINDS:
            page = Page.objects.get(office=office, kind=kind)
            source = starter(kind, TRANSLATED_FROM_STATE)
            _add_translations(page, kind, (source.title, source.body))
        guide = _guide(office)
        _add_translations(guide, GUIDE_SLUG, read_text(DEMO / f"{GUIDE_SLUG}.de.md"))
        _assembly_answers(office)


def _add_translations(page: Page, name: str, source: tuple[str, str]) -> None:
    """Add the demo's translations that ``page`` lacks, if its German text is
    still the ``source`` (title, body) they were made from."""
    german = PageText.objects.filter(page=page, language=SOURCE.code).first()
    if german is None or (german.title, german.body) != source:
        return
    have = set(page.texts.values_list("language", flat=True))
    for path in sorted(DEMO.glob(f"{name}.*.md")):
        language = path.name.split(".")[1]
        if language not in have:
            title, body = read_text(path)
            save_text(page, language, title, body, None)


def _guide(office: Office) -> Page:
    page = Page.objects.filter(office=office, slug=GUIDE_SLUG).first()
    if page is None:
        title, body = read_text(DEMO / f"{GUIDE_SLUG}.de.md")
        page = create_page(office, Kind.GUIDE, GUIDE_SLUG, 10, title, body, None)
    return page


def _assembly_answers(office: Office) -> None:
    if Page.objects.filter(office=office, slug=FAQ_SLUG).exists():
        return
    # Written as it happened: German, then English, then the German answers
    # were brought up to date and the English translation fell behind.
    title, body = read_text(DEMO / f"{FAQ_SLUG}-alt.de.md")
    page = create_page(office, Kind.FAQ, FAQ_SLUG, 20, title, body, None)
    save_text(page, "en", *read_text(DEMO / f"{FAQ_SLUG}-alt.en.md"), None)
    save_text(page, SOURCE.code, *read_text(DEMO / f"{FAQ_SLUG}.de.md"), None)
