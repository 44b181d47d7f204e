"""The e-mail a mediator gets with an offer: when, what, how, and where to
answer; never the concern."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from accounts.models import Municipality
from cases.tests.factories import make_concern
from clients.models import Person
from mediators import actions, notify
from mediators.models import AssignmentStatus, Mode

from .factories import make_mediator, make_request

NOW = "2026-03-02 09:00 +01:00"
THURSDAY = datetime.datetime(2026, 3, 5, 9, 30, tzinfo=timezone.get_default_timezone())

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen(settings):
    settings.PUBLIC_URL = "https://lotse.example"
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def request_(cast):
    cast.erz.phone = "03733 831-0"
    cast.erz.email = "integration@erz.example"
    cast.erz.save()
    person = Person.objects.create(
        office=cast.erz, family_name="Haddad", given_names="Mohammed"
    )
    concern = make_concern(cast.erz, cast.gina, person, subject="Streit mit dem Amt")
    return make_request(
        cast.erz,
        cast.gina,
        THURSDAY,
        dialect="Herati",
        mode=Mode.ON_SITE,
        municipality=Municipality.objects.create(
            office=cast.erz, name="Annaberg-Buchholz"
        ),
        concern=concern,
    )


def offered(request_, mediator, by, capture):
    with capture(execute=True):
        return actions.offer(request_, mediator, by)


def test_the_offer_says_when_what_and_how(
    cast, request_, django_capture_on_commit_callbacks
):
    mediator = make_mediator(cast.erz, login=True)
    assignment = offered(
        request_, mediator, cast.gina, django_capture_on_commit_callbacks
    )
    (message,) = mail.outbox
    assert message.to == ["farid@example.org"]
    assert message.reply_to == ["integration@erz.example"]
    assert "05.03.2026" in message.subject
    assert "Dari (Herati)" in message.body
    assert "09:30–10:30" in message.body
    assert "Annaberg-Buchholz" in message.body
    assert "03733 831-0" in message.body
    assert f"https://lotse.example/mediators/mine/{assignment.pk}/" in message.body


def test_the_offer_never_names_the_concern_or_the_person(
    cast, request_, django_capture_on_commit_callbacks
):
    offered(
        request_,
        make_mediator(cast.erz, login=True),
        cast.gina,
        django_capture_on_commit_callbacks,
    )
    (message,) = mail.outbox
    for secret in ("Streit mit dem Amt", "Haddad", "Mohammed", "Vertrauliche"):
        assert secret not in message.subject + message.body


def test_without_a_login_the_mediator_is_asked_to_answer_by_phone(
    cast, request_, django_capture_on_commit_callbacks
):
    offered(
        request_, make_mediator(cast.erz), cast.gina, django_capture_on_commit_callbacks
    )
    (message,) = mail.outbox
    assert "/mediators/mine/" not in message.body
    assert "03733 831-0" in message.body


def test_an_offer_withdrawn_before_the_worker_came_is_not_sent(cast, request_):
    assignment = actions.offer(request_, make_mediator(cast.erz), cast.gina)
    assignment.status = AssignmentStatus.WITHDRAWN
    assignment.save()
    notify.send_offer.call(assignment.pk)
    assert mail.outbox == []
