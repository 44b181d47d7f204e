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


@register.filter
def long_date(value: datetime.date | datetime.datetime | None) -> str:
    """E.g. "Dienstag, 8. Dezember 2026" or "8 Aralık 2026 Salı".

    The language is the active one (the portal's, also in e-mails);
    Leichte Sprache uses the German names.
    """
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    language = BY_CODE.get(translation.get_language() or "", SOURCE)
    with translation.override(language.html_lang):
        text = formats.date_format(value, DAY_FORMATS.get(language.html_lang))
    return capfirst(text)


@register.simple_tag
def public_url(name: str, **kwargs) -> str:
    """A full portal address for e-mails, which have no request to build on."""
    return f"{settings.PUBLIC_URL}{reverse(name, kwargs=kwargs)}"
