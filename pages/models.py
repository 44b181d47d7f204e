"""The office's own pages on the public portal, written in German first.

A page has one text per portal language. The German text is the source:
every real change of it raises the page's ``source_revision``, and each
translation remembers the revision it was made from. That is all it takes
to tell staff (and readers) whether a translation is missing, outdated or
current.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Office
from portal import languages

BODY_MAX_LENGTH = 50_000


class Kind(models.TextChoices):
    START = "start", _("Introduction on the start page")
    GUIDE = "guide", _("Integration guide (Wegweiser)")
    FAQ = "faq", _("Questions and answers")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    EASY_LANGUAGE = "easy_language", _("About this site in Leichte Sprache")
    IMPRINT = "imprint", _("Imprint (Impressum)")
    PRIVACY = "privacy", _("Privacy notice")
    OTHER = "other", _("Other page")


# Every office has exactly one of each: German law asks for the statement,
# the Leichte Sprache page, the imprint and the privacy notice, and the
# start page has one introduction. They cannot be deleted.
REQUIRED_KINDS = (
    Kind.START,
    Kind.ACCESSIBILITY,
    Kind.EASY_LANGUAGE,
    Kind.IMPRINT,
    Kind.PRIVACY,
)
# Pages the reader finds in the main navigation and on the pages index.
NAV_KINDS = (Kind.GUIDE, Kind.FAQ, Kind.OTHER)
# The legal pages, in the order of the footer.
FOOTER_KINDS = (Kind.ACCESSIBILITY, Kind.EASY_LANGUAGE, Kind.IMPRINT, Kind.PRIVACY)


class Status(models.TextChoices):
    MISSING = "missing", _("Missing")
    OUTDATED = "outdated", _("Outdated")
    CURRENT = "current", _("Current")


class PageQuerySet(models.QuerySet):
    def published(self) -> "PageQuerySet":
        """Pages the public may read: those with a German text."""
        return self.filter(texts__language=languages.SOURCE.code)


class Page(models.Model):
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="pages")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    slug = models.SlugField(
        _("short name in the address"),
        max_length=80,
        help_text=_("Letters, digits and hyphens, e.g. “wegweiser”."),
    )
    position = models.PositiveSmallIntegerField(
        _("order"), default=10, help_text=_("Pages are listed from the lowest number.")
    )
    # Raised by each real change of the German text (see actions.save_text).
    source_revision = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("portal page")
        verbose_name_plural = _("portal pages")
        ordering = ["position", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "slug"], name="page_slug_unique_per_office"
            ),
            models.UniqueConstraint(
                fields=["office", "kind"],
                condition=Q(kind__in=[kind.value for kind in REQUIRED_KINDS]),
                name="page_required_kind_once_per_office",
            ),
        ]

    def __str__(self) -> str:
        return self.slug

    @property
    def required(self) -> bool:
        return self.kind in REQUIRED_KINDS

    def status_of(self, text: "PageText | None") -> Status:
        """Missing, outdated (translated from an older German text) or current."""
        if text is None:
            return Status.MISSING
        if text.language == languages.SOURCE.code:
            return Status.CURRENT
        if text.based_on_revision < self.source_revision:
            return Status.OUTDATED
        return Status.CURRENT

    def texts_by_language(self) -> dict[str, "PageText"]:
        # Uses prefetch_related("texts") when the caller did it.
        return {text.language: text for text in self.texts.all()}

    def status(self, language: str) -> Status:
        return self.status_of(self.texts_by_language().get(language))


class PageText(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(
        _("language"), max_length=5, choices=languages.choices()
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        max_length=BODY_MAX_LENGTH,
        help_text=_(
            "Markdown: an empty line between paragraphs, “# ” before a heading, "
            "“- ” before a list item, **bold**, [link text](https://…)."
        ),
    )
    # For the German text the revision it created; for a translation the
    # revision of the German text it was translated from.
    based_on_revision = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("page text")
        verbose_name_plural = _("page texts")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language"], name="page_text_once_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    @property
    def status(self) -> Status:
        return self.page.status_of(self)
