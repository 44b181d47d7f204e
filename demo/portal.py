"""The demo's public portal: consultation hours, routing, templates, messages.

The messages are invented; they show the inbox with texts in several
languages, one answered, one with a photo.
"""

import io
import secrets

from PIL import Image

from accounts.models import Municipality, Office, User
from cases.models import Status, Topic
from lib.uploads import CleanFile
from pages.demo import seed_demo_pages
from portal import actions
from portal.languages import BY_CODE
from portal.models import ReplyTemplate, RoutingRule, Submission

# Seed 000: regular hours at the four sites, 24 hours a month in all.
TEMPLATES = [
    (
        "Eingang bestätigt",
        "de",
        "Vielen Dank für Ihre Nachricht. Wir haben sie erhalten und kümmern uns "
        "darum. Wir melden uns, sobald wir mehr wissen.",
    ),
    (
        "Eingang bestätigt",
        "ar",
        "شكرًا لرسالتك. لقد استلمناها وسنهتم بها. سنتواصل معك عندما نعرف المزيد.",
    ),
    (
        "Eingang bestätigt",
        "uk",
        "Дякуємо за ваше повідомлення. Ми його отримали і займаємося ним. "
        "Ми зв'яжемося з вами, щойно дізнаємося більше.",
    ),
    (
        "Weitergeleitet an die Unterkunftsverwaltung",
        "de",
        "Wir haben Ihr Anliegen an die zuständige Stelle im Landratsamt "
        "weitergegeben und um Abhilfe gebeten.",
    ),
]

# (portal language, kind, topic source, municipality, text, with photo,
#  (language, public answer) or None)
MESSAGES = [
    (
        "ar",
        "complaint",
        "Housing and accommodation",
        "Aue-Bad Schlema",
        "التدفئة في غرفتنا في السكن لا تعمل منذ أسبوعين. الأطفال مرضى.",
        True,
        ("ar", "تحدثنا مع إدارة السكن. سيتم إصلاح التدفئة هذا الأسبوع."),
    ),
    (
        "uk",
        "request",
        "Language courses",
        "Annaberg-Buchholz",
        "Доброго дня! Я шукаю інтеграційний курс з дитячим садком. Чи є такий "
        "курс у місті?",
        False,
        None,
    ),
    (
        "de",
        "discrimination",
        "Discrimination and racism",
        "Stollberg/Erzgeb.",
        "Meine Nachbarin wurde im Bus wegen ihres Kopftuchs beschimpft. Der "
        "Fahrer hat nichts getan.",
        False,
        None,
    ),
    (
        "fa",
        "question",
        "Family reunification",
        "",
        "سلام، همسرم در افغانستان است. برای پیوستن خانواده چه مدارکی لازم است؟",
        False,
        None,
    ),
]


def seed_portal(office: Office) -> None:
    seed_demo_pages(office)
    for title, language, text in TEMPLATES:
        ReplyTemplate.objects.get_or_create(
            office=office, title=title, language=language, defaults={"text": text}
        )
    _seed_rules(office)
    if not Submission.objects.filter(concern__office=office).exists():
        for message in MESSAGES:
            _send(office, *message)


def _seed_rules(office: Office) -> None:
    """Aue's region to the deputy, housing to the commissioner, the rest to
    the commissioner, or, in offices of guides only, to the first guide."""
    if RoutingRule.objects.filter(office=office).exists():
        return
    staff = User.objects.filter(office=office, is_active=True).order_by("username")
    deputy = staff.filter(role_grants__role="deputy").first()
    lead = (
        staff.filter(role_grants__role="commissioner").first()
        or staff.filter(role_grants__role="guide").first()
    )
    housing = Topic.objects.filter(
        office=office, source="Housing and accommodation"
    ).first()
    aue = Municipality.objects.filter(office=office, name="Aue-Bad Schlema").first()
    if deputy and aue:
        RoutingRule.objects.create(
            office=office, position=10, municipality=aue, assign_to=deputy
        )
    if lead and housing:
        RoutingRule.objects.create(
            office=office, position=20, topic=housing, assign_to=lead
        )
    if lead:
        RoutingRule.objects.create(office=office, position=90, assign_to=lead)


def _send(office, language, kind, topic, place, text, photo, answer) -> None:
    sent = actions.Sent(
        kind=kind,
        text=text,
        form_token=secrets.token_urlsafe(24),
        topic=Topic.objects.filter(office=office, source=topic).first(),
        municipality=Municipality.objects.filter(office=office, name=place).first(),
        challenge_solved=True,
        files=[_photo()] if photo else [],
    )
    receipt = actions.submit(office, BY_CODE[language], sent)
    if answer:
        concern = receipt.concern
        concern.status = Status.IN_PROGRESS
        concern.save(update_fields=["status"])
        author = concern.assigned_to or User.objects.filter(office=office).first()
        assert author is not None
        answer_language, answer_text = answer
        actions.publish_answer(concern, answer_text, answer_language, author)


def _photo() -> CleanFile:
    """A plain grey picture standing in for a photo of a cold radiator."""
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (150, 150, 150)).save(buffer, "JPEG")
    return CleanFile("heizung.jpg", buffer.getvalue(), "image/jpeg")
