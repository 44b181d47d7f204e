"""Links to the office's pages in the portal's navigation and footer."""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Office
from portal.context import Link
from portal.languages import BY_CODE, SOURCE, Language

from .models import FOOTER_KINDS, NAV_KINDS, Kind, Page, PageText
from .reading import Reading, pages_for_reader, read

EASY = BY_CODE["ls"]


def nav_items(office: Office, language: Language) -> list[Link]:
    return [
        _link(office, language, entry)
        for entry in _entries(office, language, NAV_KINDS)
    ]


def footer_items(office: Office, language: Language) -> list[Link]:
    entries = {entry.kind: entry for entry in _entries(office, language, FOOTER_KINDS)}
    links = [
        _link(office, language, entries[kind])
        for kind in FOOTER_KINDS
        if kind in entries
    ]
    links.append(Link(_("Staff login"), reverse("accounts:login")))
    return links


def start_text(office: Office, language: Language) -> Reading | None:
    """The introduction of the start page, or None while the office has none."""
    page = pages_for_reader(office, language).filter(kind=Kind.START).first()
    return read(page, language) if page else None


def kind_url(office: Office, language: Language, kind: str) -> str:
    """The address of the office's page of this kind (e.g. the privacy
    notice for the submission form), or "" while it has none."""
    page = Page.objects.filter(office=office, kind=kind).published().first()
    return page_url(office, language, page.slug) if page else ""


def page_url(office: Office, language: Language, slug: str) -> str:
    return reverse(
        "pages:page",
        kwargs={"office": office.slug, "lang": language.code, "slug": slug},
    )


@dataclass(frozen=True)
class _Entry:
    kind: str
    slug: str
    source_title: str
    own_title: str | None
    easy_title: str | None


def _entries(office: Office, language: Language, kinds) -> list[_Entry]:
    """Published pages of these kinds with their titles, in one query."""

    def title_in(code: str) -> Subquery:
        texts = PageText.objects.filter(page=OuterRef("pk"), language=code)
        return Subquery(texts.values("title")[:1])

    rows = (
        Page.objects.filter(office=office, kind__in=kinds)
        .annotate(
            source_title=title_in(SOURCE.code),
            own_title=title_in(language.code),
            easy_title=title_in(EASY.code),
        )
        .filter(source_title__isnull=False)
        .order_by("position", "slug")
        .values("kind", "slug", "source_title", "own_title", "easy_title")
    )
    return [_Entry(**row) for row in rows]


def _link(office: Office, language: Language, entry: _Entry) -> Link:
    if entry.kind == Kind.EASY_LANGUAGE and entry.easy_title:
        # The page explains the site in Leichte Sprache: whatever language
        # the reader is in, the link leads to that version of it.
        url = page_url(office, EASY, entry.slug)
        return Link(entry.easy_title, url, lang=_german_mark(language))
    url = page_url(office, language, entry.slug)
    if entry.own_title:
        return Link(entry.own_title, url)
    return Link(entry.source_title, url, lang=_german_mark(language))


def _german_mark(language: Language) -> str:
    """``lang`` for a German label: needed only where the page is not German."""
    return "" if language.html_lang == SOURCE.html_lang else SOURCE.html_lang
