"""What the public sends through the portal, and how the office answers it.

A submission is the portal's side of a concern: the concern holds what staff
work on (text, topics, status, assignment); the submission holds what only
the portal needs (contact, consent, tracking code, attachments, the public
answer).
"""

import hashlib
import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Office
from cases.models import Concern, ConcernType, Status, Topic
from lib.crypto import EncryptedTextField

from . import languages

# Readable on the phone: no 0/O, 1/I/L, no vowels that would spell words.
CODE_ALPHABET = "23456789BCDFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 28**12 ≈ 2**58: unguessable even without the rate limit


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(text: str) -> str:
    """What a person types or reads out: any case, with spaces or dashes."""
    return "".join(c for c in text.upper() if c.isalnum())


def code_digest(code: str) -> str:
    # Only the digest is stored: the code is the person's key, not ours.
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    REQUEST = "request", _("Request for help")
    QUESTION = "question", _("Question")
    DISCRIMINATION = "discrimination", _("Report of discrimination")
    # From the feedback form of the accessibility statement (BITV 2.0 § 7).
    ACCESSIBILITY = "accessibility", _("Feedback on accessibility")

    @property
    def concern_type(self) -> str:
        return {
            "complaint": ConcernType.COMPLAINT,
            "request": ConcernType.REQUEST,
            "question": ConcernType.INQUIRY,
            "discrimination": ConcernType.COMPLAINT,
            "accessibility": ConcernType.INQUIRY,
        }[self.value]


class Submission(models.Model):
    concern = models.OneToOneField(
        Concern, on_delete=models.CASCADE, related_name="submission"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    portal_language = models.CharField(
        _("language of the portal"), max_length=5, choices=languages.choices()
    )
    # ISO 639-3 code of the language the text is written in, detected offline.
    text_language = models.CharField(
        _("language of the text"), max_length=8, blank=True
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("municipality"),
    )
    on_behalf = models.BooleanField(_("sent on behalf of someone else"), default=False)
    contact_name = models.CharField(_("name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    answer_language = models.CharField(
        _("language for the answer"),
        max_length=5,
        choices=languages.choices(),
        blank=True,
    )
    # The person read the privacy notice in this language and agreed at this
    # moment (the portal form cannot be sent without it).
    consent_at = models.DateTimeField(_("consent given at"))
    code_digest = models.CharField(max_length=64, unique=True, editable=False)
    # One per form shown: the same form sent twice is stored once.
    form_token = models.CharField(max_length=64, unique=True, editable=False)
    challenge_solved = models.BooleanField(
        _("proof-of-work solved"),
        default=False,
        help_text=_("Not solved when the browser ran without JavaScript."),
    )
    public_answer = EncryptedTextField(_("public answer"), blank=True)
    public_answer_language = models.CharField(
        _("language of the answer"),
        max_length=5,
        choices=languages.choices(),
        blank=True,
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("portal submission")
        verbose_name_plural = _("portal submissions")

    def __str__(self) -> str:
        return str(self.concern)

    @property
    def anonymous(self) -> bool:
        return not (self.contact_email or self.contact_phone)

    @property
    def public_status(self) -> str:
        """The state as the public sees it: received, being worked on, done."""
        status = self.concern.status
        if status == Status.CLOSED:
            return gettext("Completed")
        if status == Status.NEW:
            return gettext("Received")
        return gettext("Being worked on")


class AttachmentStorage(FileSystemStorage):
    """Files under PORTAL_MEDIA_ROOT, read at each use (tests move it)."""

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.PORTAL_MEDIA_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def deconstruct(self):
        return ("portal.models.AttachmentStorage", (), {})


attachment_storage = AttachmentStorage()


class Attachment(models.Model):
    """A photo or PDF, checked and stripped of metadata before it is stored."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(storage=attachment_storage, upload_to="%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """Sends new portal concerns by topic and place to the responsible staff."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="routing_rules"
    )
    position = models.PositiveSmallIntegerField(
        _("order"), default=10, help_text=_("Rules are tried from the lowest number.")
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("topic"),
        help_text=_("Empty: any topic."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("municipality"),
        help_text=_("Empty: any place."),
    )
    assign_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("assign to"),
    )

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.topic or '*'} / {self.municipality or '*'} → {self.assign_to}"

    def matches(self, topic_ids: set[int], municipality_id: int | None) -> bool:
        topic_ok = self.topic_id is None or self.topic_id in topic_ids
        place_ok = (
            self.municipality_id is None or self.municipality_id == municipality_id
        )
        return topic_ok and place_ok


class ReplyTemplate(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="reply_templates"
    )
    title = models.CharField(_("title"), max_length=120)
    language = models.CharField(
        _("language"), max_length=5, choices=languages.choices(), default="de"
    )
    text = models.TextField(_("text"), max_length=5000)

    class Meta:
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")
        ordering = ["title", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "title", "language"], name="reply_template_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_language_display()})"


class Throttle(models.Model):
    """One event per row (a submission, a status look-up, a used challenge).

    The key is a digest of the address or challenge, never the address
    itself; rows older than a day are deleted as new ones come in.
    """

    scope = models.CharField(max_length=20)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        # The second index serves the sweep of old rows after each submission.
        indexes = [
            models.Index(fields=["scope", "key", "at"]),
            models.Index(fields=["at"]),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.at:%Y-%m-%d %H:%M}"
