"""The office's side: inbox, answer, attachments, rules and templates."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import Concern
from portal.models import ReplyTemplate, RoutingRule, Submission

from .conftest import jpeg_with_gps, send


@pytest.fixture
def arabic_complaint(public, office, cast):
    RoutingRule.objects.create(office=office, position=1, assign_to=cast.gina)
    photo = SimpleUploadedFile(
        "heizung.jpg", jpeg_with_gps(), content_type="image/jpeg"
    )
    send(
        public,
        office.slug,
        "ar",
        text="التدفئة في السكن لا تعمل منذ أسبوعين.",
        attachments=photo,
    )
    return Concern.objects.get()


@pytest.mark.django_db
def test_the_inbox_shows_portal_concerns_with_their_language(cast, arabic_complaint):
    html = cast.client("carla").get("/office/portal/inbox/").content.decode()
    assert arabic_complaint.number in html
    assert "Arabic" in html
    assert "mediator may be needed" in html
    assert "1 file" in html


@pytest.mark.django_db
def test_the_guide_it_was_routed_to_sees_it_another_guide_does_not(
    cast, arabic_complaint
):
    assert (
        arabic_complaint.number
        in cast.client("gina").get("/office/portal/inbox/").content.decode()
    )
    assert (
        arabic_complaint.number
        not in cast.client("gustav").get("/office/portal/inbox/").content.decode()
    )
    assert (
        cast.client("gustav").get(f"/concerns/{arabic_complaint.pk}/").status_code
        == 403
    )


@pytest.mark.django_db
def test_the_concern_page_shows_the_portal_details(cast, arabic_complaint):
    html = cast.client("gina").get(f"/concerns/{arabic_complaint.pk}/").content.decode()
    assert "Sent through the public portal" in html
    assert "Arabic" in html
    assert "heizung.jpg" in html
    assert 'dir="auto"' in html, "the Arabic text is shown right to left"


@pytest.mark.django_db
def test_attachments_only_for_those_who_read_notes(cast, arabic_complaint):
    attachment = arabic_complaint.submission.attachments.get()
    url = f"/office/portal/attachments/{attachment.pk}/"
    response = cast.client("gina").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "attachment" in response["Content-Disposition"]
    assert cast.client("olga").get(url).status_code == 403
    assert cast.client("gustav").get(url).status_code == 403
    assert cast.client("otto").get(url).status_code == 404


@pytest.mark.django_db
def test_publishing_an_answer_from_a_template(cast, arabic_complaint, public, office):
    template = ReplyTemplate.objects.create(
        office=office, title="Eingang", language="ar", text="شكرا لرسالتك."
    )
    carla = cast.client("carla")
    url = f"/office/portal/concerns/{arabic_complaint.pk}/answer/"
    form = carla.get(url, {"template": template.pk}).content.decode()
    assert "شكرا لرسالتك." in form
    assert '<option value="ar" selected>' in form, "the template's language"
    response = carla.post(
        url, {"text": "شكرا لرسالتك. سنصلح التدفئة.", "language": "ar"}
    )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.public_answer == "شكرا لرسالتك. سنصلح التدفئة."
    assert submission.public_answer_language == "ar"
    assert submission.answered_at is not None


@pytest.mark.django_db
def test_an_empty_answer_is_refused(cast, arabic_complaint):
    url = f"/office/portal/concerns/{arabic_complaint.pk}/answer/"
    response = cast.client("carla").post(url, {"text": "", "language": "de"})
    assert "This field is required." in response.content.decode()
    assert Submission.objects.get().answered_at is None


@pytest.mark.django_db
def test_office_staff_may_not_write_the_answer(cast, arabic_complaint):
    url = f"/office/portal/concerns/{arabic_complaint.pk}/answer/"
    assert cast.client("olga").get(url).status_code == 403
    assert cast.client("otto").get(url).status_code == 404


@pytest.mark.django_db
def test_a_concern_entered_by_staff_has_no_answer_page(cast, office):
    from cases.tests.factories import make_concern

    concern = make_concern(office, cast.carla)
    url = f"/office/portal/concerns/{concern.pk}/answer/"
    assert cast.client("carla").get(url).status_code == 404


@pytest.mark.django_db
def test_rules_are_managed_by_the_commissioner(cast, office):
    carla = cast.client("carla")
    response = carla.post(
        "/office/portal/rules/", {"position": "5", "assign_to": cast.gina.pk}
    )
    assert response.status_code == 302
    rule = RoutingRule.objects.get()
    assert rule.office == office and rule.topic is None
    response = carla.post(
        f"/office/portal/rules/{rule.pk}/",
        {"position": "7", "assign_to": cast.anton.pk},
    )
    assert "Select a valid choice" in response.content.decode(), "analysts get no cases"
    carla.post(f"/office/portal/rules/{rule.pk}/delete/")
    assert not RoutingRule.objects.exists()
    assert cast.client("gina").get("/office/portal/rules/").status_code == 403
    assert (
        cast.client("otto").get(f"/office/portal/rules/{rule.pk}/").status_code == 404
    )


@pytest.mark.django_db
def test_reply_templates_are_unique_per_title_and_language(cast, office):
    carla = cast.client("carla")
    data = {"title": "Eingang", "language": "de", "text": "Danke."}
    assert carla.post("/office/portal/replies/", data).status_code == 302
    response = carla.post("/office/portal/replies/", data)
    assert (
        "A template with this title and language exists." in response.content.decode()
    )
    assert ReplyTemplate.objects.count() == 1
