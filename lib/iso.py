"""Country and language names from ISO 3166-1 and ISO 639-3 (pycountry).

Names come in the staff member's language from the translations pycountry
ships; codes are what the database stores.
"""

import gettext
from functools import cache

import pycountry
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

STATELESS = "XX"

# The languages an integration office meets most; any other ISO 639-3 code
# can still be entered. Ordered by code so the list is stable.
COMMON_LANGUAGES = [
    "aii",
    "amh",
    "apc",
    "ara",
    "arz",
    "aze",
    "bos",
    "bul",
    "ces",
    "ckb",
    "deu",
    "ell",
    "eng",
    "fas",
    "fra",
    "hrv",
    "hun",
    "hye",
    "ita",
    "kat",
    "kir",
    "kmr",
    "lit",
    "mkd",
    "pol",
    "por",
    "prs",
    "pus",
    "ron",
    "rus",
    "sdh",
    "som",
    "spa",
    "sqi",
    "srp",
    "swa",
    "tgk",
    "tir",
    "tur",
    "ukr",
    "urd",
    "uzb",
    "vie",
    "zho",
]


@cache
def _translation(domain: str, language: str) -> gettext.NullTranslations:
    return gettext.translation(
        domain, pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def _lang() -> str:
    return (get_language() or "de").split("-")[0]


def country_name(code: str) -> str:
    if code == STATELESS:
        return str(_("Stateless or unclear"))
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return _translation("iso3166-1", _lang()).gettext(country.name)


def language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_3=code)
    if language is None:
        return code
    return _translation("iso639-3", _lang()).gettext(language.name)


def is_language_code(code: str) -> bool:
    return pycountry.languages.get(alpha_3=code) is not None


def country_choices() -> list[tuple[str, str]]:
    names = [(c.alpha_2, country_name(c.alpha_2)) for c in pycountry.countries]
    names.append((STATELESS, country_name(STATELESS)))
    return sorted(names, key=lambda item: item[1])


def language_choices() -> list[tuple[str, str]]:
    return sorted(((c, language_name(c)) for c in COMMON_LANGUAGES), key=lambda i: i[1])
