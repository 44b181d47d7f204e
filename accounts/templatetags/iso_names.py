from django import template

from lib.iso import country_name as _country_name
from lib.iso import language_name as _language_name

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """ISO 639-3 code → the language's name in the reader's language."""
    return _language_name(code) if code else ""


@register.filter
def country_name(code: str) -> str:
    return _country_name(code) if code else ""
