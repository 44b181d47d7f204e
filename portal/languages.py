"""The eight languages of the public portal.

The portal picks its language from the address (``/p/<office>/<code>/``), so
that it needs no language cookie and every page has one shareable address.
Leichte Sprache is German written by easy-language rules: it has its own
catalogue under the code ``ls`` (gettext falls back to German for Django's
own messages) and is marked ``lang="de"`` in the page, which is what screen
readers and hyphenation need.
"""

from dataclasses import dataclass

from django.http import Http404
from django.utils import translation


@dataclass(frozen=True)
class Language:
    code: str  # in addresses and for gettext
    html_lang: str  # for the lang attribute
    name: str  # in the language itself, as the switcher shows it
    rtl: bool = False

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"


LANGUAGES = [
    Language("de", "de", "Deutsch"),
    Language("ls", "de", "Leichte Sprache"),
    Language("en", "en", "English"),
    Language("ar", "ar", "العربية", rtl=True),
    Language("fa", "fa", "فارسی / دری", rtl=True),
    Language("uk", "uk", "Українська"),
    Language("ru", "ru", "Русский"),
    Language("tr", "tr", "Türkçe"),
]
BY_CODE = {language.code: language for language in LANGUAGES}
CODES = [language.code for language in LANGUAGES]
SOURCE = BY_CODE["de"]  # staff write the office's texts in German first


def get_language(code: str) -> Language:
    try:
        return BY_CODE[code]
    except KeyError:
        raise Http404 from None


def choices() -> list[tuple[str, str]]:
    return [(language.code, language.name) for language in LANGUAGES]


def activate(code: str) -> Language:
    language = get_language(code)
    translation.activate(language.code)
    return language
