"""What a reader sees of a page: the text in their language, or the German one.

One code path for the page view and the start page: both ask ``read`` and
show its note (not yet translated, or translated from an older German
text) the same way.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.safestring import SafeString

from accounts.models import Office
from portal.languages import SOURCE, Language

from .markdown import render
from .models import Page, PageQuerySet, PageText, Status


@dataclass(frozen=True)
class Reading:
    page: Page
    title: str
    body: SafeString
    # The language the text is written in: the reader's, or German.
    language: Language
    # The reader's language has no text yet; the German one is shown.
    fallback: bool
    # Translated from a German text that has changed since.
    outdated: bool


def read(page: Page, language: Language) -> Reading | None:
    """The page for a reader of ``language``; None while it has no German text."""
    texts = page.texts_by_language()
    source = texts.get(SOURCE.code)
    if source is None:
        return None
    own = texts.get(language.code)
    if own is None:
        return Reading(
            page=page,
            title=source.title,
            body=render(source.body),
            language=SOURCE,
            fallback=language != SOURCE,
            outdated=False,
        )
    return Reading(
        page=page,
        title=own.title,
        body=render(own.body),
        language=language,
        fallback=False,
        outdated=page.status_of(own) == Status.OUTDATED,
    )


def pages_for_reader(office: Office, language: Language) -> PageQuerySet:
    """The office's published pages with only the two texts a reader may see."""
    texts = PageText.objects.filter(language__in={SOURCE.code, language.code})
    return (
        Page.objects.filter(office=office)
        .published()
        .prefetch_related(Prefetch("texts", queryset=texts))
    )
