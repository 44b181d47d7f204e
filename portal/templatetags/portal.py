from django import template
from django.template.context import Context
from django.utils.safestring import mark_safe

from portal.languages import BY_CODE, Language

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_url(context: Context, name: str, **kwargs) -> str:
    """An address inside the current office's portal, in the current language."""
    return context["portal"].url(name, **kwargs)


@register.filter
def language_of(code: str) -> Language | None:
    return BY_CODE.get(code)


@register.simple_tag(takes_context=True)
def german(context: Context) -> str:
    """Attributes for German text (office data) on a page in another language."""
    portal = context.get("portal")
    if portal is None or portal.language.html_lang == "de":
        return ""
    return mark_safe(' lang="de" dir="ltr"')
