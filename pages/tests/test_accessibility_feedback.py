"""The feedback form of the accessibility statement (BITV 2.0 § 7)."""

import re

import pytest
from django.core import signing

from cases.models import Concern
from portal.forms import TOKEN_SALT
from portal.models import Kind, Submission

STATEMENT = "/p/erzgebirgskreis/{lang}/page/barrierefreiheit/"
FEEDBACK = "/p/erzgebirgskreis/{lang}/accessibility/feedback/"


def fresh_token(client, lang="en") -> str:
    html = client.get(STATEMENT.format(lang=lang)).content.decode()
    match = re.search(r'name="token" value="([^"]+)"', html)
    assert match, "the statement has no feedback form"
    return match[1]


def post(client, lang="en", **fields):
    data = {
        "message": "Die PDF-Datei lässt sich nicht vorlesen.",
        "email": "",
        **fields,
    }
    data.setdefault("token", fresh_token(client, lang))
    return client.post(FEEDBACK.format(lang=lang), data)


def stored() -> int:
    return Submission.objects.count() + Concern.objects.count()


def test_a_valid_post_stores_one_portal_concern_of_kind_accessibility(
    client, cast, required
):
    response = post(client, lang="ar")
    assert response.status_code == 200
    assert not response.has_header("Location")
    submission = Submission.objects.get()
    assert submission.kind == Kind.ACCESSIBILITY
    assert submission.portal_language == "ar"
    assert submission.contact_email == ""
    concern = submission.concern
    assert concern.channel == "portal"
    assert concern.office == cast.erz
    assert concern.description == "Die PDF-Datei lässt sich nicht vorlesen."
    assert concern.anonymous
    # The receipt shows the tracking code.
    assert re.search(
        r"<code>[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}</code>", response.content.decode()
    )


def test_an_address_is_stored_with_consent(client, required):
    response = post(client, email="person@example.org", consent="on")
    assert response.status_code == 200
    assert Submission.objects.get().contact_email == "person@example.org"


def test_an_address_without_consent_is_refused(client, required):
    response = post(client, email="person@example.org")
    assert response.status_code == 200
    assert response.context["form"].errors["consent"]
    assert stored() == 0


def test_the_same_form_sent_twice_is_stored_once(client, required):
    token = fresh_token(client)
    first = post(client, token=token)
    second = post(client, token=token)
    assert first.status_code == second.status_code == 200
    assert Submission.objects.count() == 1
    assert Concern.objects.count() == 1
    assert "portal/already_received.html" in [t.name for t in second.templates]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"message": ""}, "message"),
        ({"message": "   \n  "}, "message"),
        ({"message": "Barriere\x00 hier"}, "message"),
        ({"message": "Barriere \u202e gedreht"}, "message"),
        ({"message": "x" * 5001}, "message"),
        ({"message": "x" * 1_000_000}, "message"),
        ({"email": "keine-adresse", "consent": "on"}, "email"),
        ({"token": "made-up"}, "__all__"),
        ({"token": ""}, "__all__"),
        ({"token": signing.dumps("x", salt="another.salt")}, "__all__"),
    ],
)
def test_bad_input_gives_form_errors_and_stores_nothing(
    client, required, fields, field
):
    response = post(client, **fields)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "There is a problem" in response.content.decode()
    assert stored() == 0


def test_a_refused_token_is_replaced_so_the_form_can_be_sent_again(client, required):
    response = post(client, token="made-up")
    form = response.context["form"]
    assert signing.loads(form.signed_token, salt=TOKEN_SALT)
    assert f'name="token" value="{form.signed_token}"' in response.content.decode()


def test_html_in_a_refused_message_is_shown_escaped(client, required):
    response = post(client, message="<script>alert(1)</script>", email="x")
    assert "<script>alert(1)" not in response.content.decode()
    assert stored() == 0


def test_the_honeypot_refuses_programs(client, required):
    response = post(client, website="http://spam.example")
    assert response.status_code == 429
    assert stored() == 0


def test_too_many_messages_from_one_address_are_refused(client, required, settings):
    settings.PORTAL_SUBMISSIONS_PER_HOUR = 1
    assert post(client).status_code == 200
    assert post(client).status_code == 429
    assert Submission.objects.count() == 1


def test_opening_the_feedback_address_leads_to_the_statement(client, required):
    response = client.get(FEEDBACK.format(lang="tr"))
    assert response.status_code == 302
    assert response["Location"] == STATEMENT.format(lang="tr")


def test_other_pages_have_no_feedback_form(client, required):
    html = client.get("/p/erzgebirgskreis/en/page/impressum/").content.decode()
    assert 'name="token"' not in html
