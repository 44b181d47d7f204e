"""What happens when the public sends something, and when the office answers."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import Truncator

from accounts.models import Municipality, Office, User
from cases.actions import note_response, save_numbered
from cases.models import Concern, Status, Topic
from housing.models import Accommodation
from lib.uploads import CleanFile

from . import detect, tasks
from .languages import Language
from .models import (
    Attachment,
    Kind,
    RoutingRule,
    Submission,
    attachment_storage,
    code_digest,
    new_tracking_code,
)


@dataclass
class Sent:
    """What a person sent through the portal, checked by the form."""

    kind: str
    text: str
    form_token: str
    topic: Topic | None = None
    municipality: Municipality | None = None
    accommodation: Accommodation | None = None
    place: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    answer_language: str = ""
    on_behalf: bool = False
    challenge_solved: bool = False
    files: Sequence[CleanFile] = field(default_factory=list)


@dataclass(frozen=True)
class Receipt:
    concern: Concern
    code: str


def submit(office: Office, language: Language, sent: Sent) -> Receipt:
    """Store a portal concern with its attachments in one transaction.

    The receipt (with the tracking code, which is stored only as a digest)
    is handed back after the commit; the confirmation e-mail is queued in
    the same transaction, so it goes out only if the concern was stored.
    """
    code = new_tracking_code()
    # Files are written first and removed again if the transaction fails, so
    # that neither a row without its file nor a stray file remains.
    written = _write_files(sent.files)
    try:
        with transaction.atomic():
            submission = _store(office, language, sent, code)
            _attach(submission, written)
            if submission.contact_email:
                tasks.enqueue_confirmation(submission, code)
    except BaseException:
        _remove_files(written)
        raise
    return Receipt(submission.concern, code)


def _store(office: Office, language: Language, sent: Sent, code: str) -> Submission:
    concern = save_numbered(_new_concern(office, sent))
    if sent.topic:
        concern.topics.add(sent.topic)
    return Submission.objects.create(
        concern=concern,
        kind=sent.kind,
        portal_language=language.code,
        text_language=detect.detect(sent.text),
        place=sent.place,
        municipality=sent.municipality,
        on_behalf=sent.on_behalf,
        contact_name=sent.contact_name,
        contact_email=sent.contact_email,
        contact_phone=sent.contact_phone,
        answer_language=sent.answer_language or language.code,
        consent_at=timezone.now(),
        code_digest=code_digest(code),
        form_token=sent.form_token,
        challenge_solved=sent.challenge_solved,
    )


def _new_concern(office: Office, sent: Sent) -> Concern:
    kind = Kind(sent.kind)
    # Staff read the inbox in German, whatever language the portal was in.
    with translation.override("de"):
        label = str(kind.label)
    # Not the message's first line: subjects are stored in plain text for
    # lists and sorting, the message itself is encrypted (lib.crypto).
    subject = f"{label}: {sent.topic.name}" if sent.topic else label
    return Concern(
        office=office,
        type=kind.concern_type,
        channel="portal",
        subject=Truncator(subject).chars(200),
        description=sent.text,
        anonymous=not (sent.contact_email or sent.contact_phone),
        accommodation=sent.accommodation,
        assigned_to=route(office, sent.topic, sent.municipality),
        status=Status.NEW,
    )


def route(office: Office, topic: Topic | None, municipality: Municipality | None):
    """The first of the office's rules that fits topic and place, else nobody."""
    topic_ids = {topic.pk} if topic else set()
    municipality_id = municipality.pk if municipality else None
    for rule in RoutingRule.objects.filter(office=office, assign_to__is_active=True):
        if rule.matches(topic_ids, municipality_id):
            return rule.assign_to
    return None


def _write_files(files: Sequence[CleanFile]) -> list[tuple[CleanFile, str]]:
    now = timezone.now()
    return [
        (
            clean,
            attachment_storage.save(
                f"{now:%Y/%m}/{clean.name}", ContentFile(clean.content)
            ),
        )
        for clean in files
    ]


def _remove_files(written: list[tuple[CleanFile, str]]) -> None:
    for _clean, name in written:
        attachment_storage.delete(name)


def _attach(submission: Submission, written: list[tuple[CleanFile, str]]) -> None:
    Attachment.objects.bulk_create(
        Attachment(
            submission=submission,
            file=name,
            name=clean.name,
            content_type=clean.content_type,
            size=len(clean.content),
        )
        for clean, name in written
    )


def publish_answer(
    concern: Concern, text: str, language: str, user: User
) -> Submission:
    """Put the office's answer on the status page and send it by e-mail."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(concern=concern)
        submission.public_answer = text
        submission.public_answer_language = language
        submission.answered_at = timezone.now()
        submission.save(
            update_fields=["public_answer", "public_answer_language", "answered_at"]
        )
        note_response(concern.pk, timezone.localdate(submission.answered_at))
        if submission.contact_email:
            tasks.enqueue_answer(submission)
    return submission
