"""What every portal page knows: the office, the language, the links."""

from dataclasses import dataclass
from functools import cached_property

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from accounts.models import Office

from .languages import LANGUAGES, Language


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    # Set when the label is not in the page's language (an untranslated title).
    lang: str = ""


@dataclass(frozen=True)
class LanguageLink:
    language: Language
    url: str
    current: bool


class Portal:
    def __init__(self, request: HttpRequest, office: Office, language: Language):
        self.request = request
        self.office = office
        self.language = language

    def url(self, name: str, **kwargs) -> str:
        return reverse(
            name,
            kwargs={"office": self.office.slug, "lang": self.language.code, **kwargs},
        )

    @cached_property
    def language_links(self) -> list[LanguageLink]:
        """The same page in every language (the start page if it has no twin)."""
        match = self.request.resolver_match
        links = []
        for language in LANGUAGES:
            kwargs = {**(match.kwargs if match else {}), "lang": language.code}
            try:
                url = reverse(match.view_name, kwargs=kwargs) if match else ""
            except NoReverseMatch:
                url = ""
            url = url or reverse(
                "portal:start",
                kwargs={"office": self.office.slug, "lang": language.code},
            )
            links.append(LanguageLink(language, url, language == self.language))
        return links

    @cached_property
    def nav(self) -> list[Link]:
        from pages.nav import nav_items

        from .cache import remember

        pages = remember(
            self.office,
            f"nav:{self.language.code}",
            lambda: nav_items(self.office, self.language),
        )
        return [
            Link(_("Start"), self.url("portal:start")),
            Link(_("Send a concern"), self.url("portal:submit")),
            Link(_("Follow your concern"), self.url("portal:status")),
            Link(_("Consultation hours"), self.url("hours:hours")),
            *pages,
        ]

    @cached_property
    def footer(self) -> list[Link]:
        from pages.nav import footer_items

        from .cache import remember

        return remember(
            self.office,
            f"footer:{self.language.code}",
            lambda: footer_items(self.office, self.language),
        )
