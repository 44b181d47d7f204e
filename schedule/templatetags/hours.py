"""Dates for the public hours pages and e-mails, in the reader's language."""

import datetime

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import capfirst

from portal.languages import BY_CODE, SOURCE

register = template.Library()

# Weekday and date as a reader of each language writes them; Django's
# DATE_FORMATs have no weekday and, in English, abbreviate the month.
DAY_FORMATS = {
    "de": "l, j. F Y",
    "en": "l, j F Y",
    "ar": "l، j F Y",
    "fa": "l j F Y",
    "uk": "l, j E Y",
    "ru": "l, j E Y",
    "tr": "j F Y l",
}
# The date alone, for running text: a weekday inside a sentence would need a
# case and a lower-case initial that Django's names do not have ("до неділі").
TEXT_FORMATS = {
    "de": "j. F Y",
    "uk": "j E Y",
    "ru": "j E Y",
}


@register.filter
def long_date(value: datetime.date | datetime.datetime | None) -> str:
    """E.g. "Dienstag, 8. Dezember 2026" or "8 Aralık 2026 Salı".

    The language is the active one (the portal's, also in e-mails);
    Leichte Sprache uses the German names.
    """
    return capfirst(_formatted(value, DAY_FORMATS))


@register.filter
def date_in_text(value: datetime.date | datetime.datetime | None) -> str:
    """E.g. "8. Dezember 2026", "8 грудня 2026", for inside a sentence."""
    return _formatted(value, TEXT_FORMATS)


def _formatted(
    value: datetime.date | datetime.datetime | None, formats_by_language: dict
) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    language = BY_CODE.get(translation.get_language() or "", SOURCE)
    with translation.override(language.html_lang):
        shape = formats_by_language.get(language.html_lang, "j F Y")
        return formats.date_format(value, shape)


@register.simple_tag
def public_url(name: str, **kwargs) -> str:
    """A full portal address for e-mails, which have no request to build on."""
    return f"{settings.PUBLIC_URL}{reverse(name, kwargs=kwargs)}"
