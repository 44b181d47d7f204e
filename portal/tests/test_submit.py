"""Sending a concern through the portal, as the public does."""

import io
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from PIL import Image

from cases.models import Concern
from portal import actions
from portal.models import CODE_ALPHABET, RoutingRule, Submission

from .conftest import fields, form_token, jpeg_with_gps, receipt_code, send, solved


@pytest.mark.django_db
def test_an_anonymous_complaint_in_arabic_with_a_photo_gets_a_code(public, office):
    photo = SimpleUploadedFile("صورة.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = send(
        public,
        office.slug,
        "ar",
        text="التدفئة في السكن لا تعمل منذ أسبوعين والأطفال مرضى.",
        attachments=photo,
    )
    assert response.status_code == 200
    code = receipt_code(response.content.decode())
    submission = Submission.objects.get()
    concern = submission.concern
    assert concern.channel == "portal"
    assert concern.anonymous
    assert concern.created_by is None
    assert submission.portal_language == "ar"
    assert submission.text_language == "ara"
    assert submission.challenge_solved
    attachment = submission.attachments.get()
    stored = Image.open(attachment.file.open("rb"))
    assert not stored.getexif(), "GPS and other EXIF data are stripped"
    assert submission.code_digest != code, "only a digest of the code is stored"
    assert b'<html lang="ar" dir="rtl">' in response.content


@pytest.mark.django_db
def test_the_code_is_easy_to_read_out_and_unique(public, office):
    codes = {receipt_code(send(public, office.slug).content.decode()) for _ in range(3)}
    assert len(codes) == 3
    for code in codes:
        assert len(code) == 14 and code.count("-") == 2
        assert set(code.replace("-", "")) <= set(CODE_ALPHABET)
        assert not set(code) & set("01OIL")


@pytest.mark.django_db
def test_the_status_page_shows_state_and_answer_never_personal_data(
    public, office, cast
):
    response = send(
        public,
        office.slug,
        reply="contact",
        contact_name="Amira Haddad",
        contact_email="amira@example.org",
        text="Bitte rufen Sie mich an wegen meiner Wohnung.",
    )
    code = receipt_code(response.content.decode())
    page = public.get(f"/p/{office.slug}/de/status/", {"code": code.lower()})
    html = page.content.decode()
    assert "Eingegangen" in html or "Received" in html
    for private in ("Amira", "amira@example.org", "Wohnung"):
        assert private not in html
    concern = Concern.objects.get()
    actions.publish_answer(concern, "Wir rufen Sie am Montag an.", "de", cast.carla)
    page = public.get(f"/p/{office.slug}/en/status/", {"code": code.replace("-", "")})
    assert "Wir rufen Sie am Montag an." in page.content.decode()
    assert 'lang="de" dir="ltr"' in page.content.decode(), "marked German"


@pytest.mark.django_db
def test_a_wrong_code_is_not_found_with_an_error_summary(public, office):
    send(public, office.slug)
    page = public.get(f"/p/{office.slug}/en/status/", {"code": "2222-3333-4444"})
    assert "No concern was found under this code" in page.content.decode()
    assert "data-error-summary" in page.content.decode()


@pytest.mark.django_db
def test_a_code_only_works_on_its_own_offices_portal(public, office, cast):
    code = receipt_code(send(public, office.slug).content.decode())
    page = public.get(f"/p/{cast.gr.slug}/en/status/", {"code": code})
    assert "No concern was found" in page.content.decode()


@pytest.mark.django_db
def test_with_an_address_the_person_gets_the_code_and_later_the_answer_by_mail(
    public, office, cast
):
    response = send(
        public,
        office.slug,
        "uk",
        reply="contact",
        contact_email="olena@example.org",
        answer_language="uk",
        text="Доброго дня! Я шукаю курс німецької мови з дитячим садком.",
    )
    code = receipt_code(response.content.decode())
    assert "olena@example.org" in response.content.decode(), "the receipt says where"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["olena@example.org"]
    assert code in mail.outbox[0].body
    actions.publish_answer(
        Concern.objects.get(), "Курс є в Аннаберзі.", "uk", cast.carla
    )
    assert len(mail.outbox) == 2
    assert "Курс є в Аннаберзі." in mail.outbox[1].body


@pytest.mark.django_db
def test_contact_chosen_but_none_given_keeps_what_was_typed(public, office):
    response = send(public, office.slug, "en", reply="contact", text="Mein Text")
    html = response.content.decode()
    assert "Give an e-mail address or a phone number" in html
    assert "Mein Text" in html
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_contact_data_is_dropped_when_sending_anonymously(public, office):
    send(public, office.slug, reply="anonymous", contact_email="x@example.org")
    submission = Submission.objects.get()
    assert submission.contact_email == ""
    assert submission.concern.anonymous


@pytest.mark.django_db
def test_routing_rules_assign_by_topic_and_place(public, office, cast):
    housing = office.topics.get(source="Housing and accommodation")
    aue = office.municipalities.get(name="Aue-Bad Schlema")
    RoutingRule.objects.create(
        office=office, position=1, topic=housing, assign_to=cast.gina
    )
    RoutingRule.objects.create(
        office=office, position=2, municipality=aue, assign_to=cast.dieter
    )
    RoutingRule.objects.create(office=office, position=9, assign_to=cast.carla)
    send(public, office.slug, topic=str(housing.pk), municipality=str(aue.pk))
    send(public, office.slug, municipality=str(aue.pk))
    send(public, office.slug)
    assigned = list(
        Concern.objects.order_by("pk").values_list("assigned_to", flat=True)
    )
    assert assigned == [cast.gina.pk, cast.dieter.pk, cast.carla.pk]


@pytest.mark.django_db
def test_topics_appear_in_the_readers_language_and_own_topics_marked_german(
    public, office
):
    office.topics.create(name="Gartenprojekt")
    html = public.get(f"/p/{office.slug}/en/send/").content.decode()
    assert "Housing and accommodation" in html
    assert 'lang="de" dir="ltr">Gartenprojekt</option>' in html


@pytest.mark.django_db
def test_without_javascript_fewer_messages_pass(public, office, settings):
    settings.PORTAL_UNSOLVED_PER_HOUR = 2
    assert receipt_code(send(public, office.slug, js=False).content.decode())
    assert receipt_code(send(public, office.slug, js=False).content.decode())
    refused = send(public, office.slug, "en", js=False, text="Noch einmal")
    assert refused.status_code == 429
    assert "Many messages were sent from your connection" in refused.content.decode()
    assert "Noch einmal" in refused.content.decode(), "what was typed is kept"
    assert Submission.objects.count() == 2
    assert not Submission.objects.filter(challenge_solved=True).exists()


@pytest.mark.django_db
def test_a_forged_or_reused_proof_of_work_is_refused(public, office):
    page = public.get(f"/p/{office.slug}/en/send/")
    payload = solved(public, office.slug)
    first = fields(form_token=form_token(page.content.decode()), altcha=payload)
    public.post(f"/p/{office.slug}/en/send/", first)
    again = public.get(f"/p/{office.slug}/en/send/")
    second = fields(form_token=form_token(again.content.decode()), altcha=payload)
    response = public.post(f"/p/{office.slug}/en/send/", second)
    assert "The automatic check against spam failed" in response.content.decode()
    forged = fields(form_token=form_token(again.content.decode()), altcha="e30=")
    response = public.post(f"/p/{office.slug}/en/send/", forged)
    assert "The automatic check against spam failed" in response.content.decode()
    assert Submission.objects.count() == 1


@pytest.mark.django_db
def test_the_honeypot_refuses_programs(public, office):
    response = send(public, office.slug, "en", website="http://spam.example")
    assert "Leave the last field empty" in response.content.decode()
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_the_same_form_sent_twice_is_stored_once(public, office):
    page = public.get(f"/p/{office.slug}/en/send/")
    token = form_token(page.content.decode())
    public.post(
        f"/p/{office.slug}/en/send/",
        fields(form_token=token, altcha=solved(public, office.slug)),
    )
    again = public.post(
        f"/p/{office.slug}/en/send/",
        fields(form_token=token, altcha=solved(public, office.slug)),
    )
    assert "We already received this message" in again.content.decode()
    assert Submission.objects.count() == 1


@pytest.mark.django_db
def test_a_forged_form_token_brings_the_form_back_with_the_text(public, office):
    response = send(public, office.slug, "en", form_token="forged", text="Mein Text")
    html = response.content.decode()
    assert "This form was open too long" in html
    assert "Mein Text" in html
    assert not Submission.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "This field is required."),
        ("   \n ", "This field is required."),
        ("x" * 1_000_000, "Ensure this value has at most 10000 characters"),
        ("Hallo\u202egnaf", "invisible control characters"),
        ("Hallo\x00Welt", "Null characters are not allowed."),
    ],
)
def test_bad_text_gets_a_message_and_stores_nothing(public, office, text, message):
    response = send(public, office.slug, "en", text=text)
    assert message in response.content.decode()
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_emoji_and_html_are_kept_as_text_and_shown_escaped(public, office, cast):
    send(public, office.slug, text="Danke 🙏 <script>alert(1)</script>")
    concern = Concern.objects.get()
    assert concern.description == "Danke 🙏 <script>alert(1)</script>"
    page = cast.client("carla").get(f"/concerns/{concern.pk}/")
    assert "<script>alert(1)</script>" not in page.content.decode()
    assert "&lt;script&gt;" in page.content.decode()


@pytest.mark.django_db
def test_errors_come_in_the_persons_language(public, office):
    response = send(public, office.slug, "ar", text="")
    html = response.content.decode()
    assert "هذا الحقل مطلوب" in html  # Django's own Arabic "This field is required."
    assert 'dir="rtl"' in html


def zip_named_jpg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "upload",
    [
        zip_named_jpg,
        lambda: SimpleUploadedFile("notiz.pdf", b"just text", "application/pdf"),
        lambda: SimpleUploadedFile("leer.png", b"", "image/png"),
    ],
)
def test_wrong_files_get_a_message_and_nothing_is_stored(public, office, upload):
    response = send(public, office.slug, "en", attachments=upload(), text="Mein Text")
    html = response.content.decode()
    assert "data-error-summary" in html
    assert "choose your files again" in html
    assert "Mein Text" in html
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_a_failed_save_says_so_keeps_the_text_and_leaves_no_file(
    public, office, monkeypatch, settings
):
    def broken(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("portal.actions._attach", broken)
    photo = SimpleUploadedFile("a.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = send(public, office.slug, "en", attachments=photo, text="Mein Text")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Your message could not be saved, so nothing was stored." in html
    assert "Mein Text" in html
    assert not Submission.objects.exists()
    media = settings.PORTAL_MEDIA_ROOT
    assert not [p for p in media.rglob("*") if p.is_file()]


@pytest.mark.django_db
def test_public_pages_set_no_cookies_but_the_form_its_csrf_cookie(public, office):
    for path in ("/", "/de/", "/de/status/", "/en/status/?code=2222"):
        response = public.get(f"/p/{office.slug}{path}")
        assert not response.cookies, path
    form = public.get(f"/p/{office.slug}/de/send/")
    assert set(form.cookies) == {"csrftoken"}


@pytest.mark.django_db
def test_unknown_language_or_office_is_not_found(public, office):
    assert public.get(f"/p/{office.slug}/xx/").status_code == 404
    assert public.get("/p/nowhere/de/").status_code == 404


@pytest.mark.django_db
def test_the_office_address_picks_the_browsers_language(office):
    from django.test import Client

    response = Client(headers={"accept-language": "uk,en;q=0.5"}).get(
        f"/p/{office.slug}/"
    )
    assert response.url == f"/p/{office.slug}/uk/"


@pytest.mark.django_db
def test_look_ups_are_limited_per_address(public, office, settings):
    settings.PORTAL_LOOKUPS_PER_HOUR = 2
    for _ in range(2):
        public.get(f"/p/{office.slug}/en/status/", {"code": "2222-3333-4444"})
    response = public.get(f"/p/{office.slug}/en/status/", {"code": "2222-3333-4444"})
    assert response.status_code == 429
