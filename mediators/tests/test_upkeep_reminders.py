"""Reminder e-mails on the 1st of the month: a summary to the pool's staff,
each mediator their own points, in German."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from accounts.models import Role
from conftest import make_user
from mediators.tasks import send_upkeep_reminders

from .factories import make_mediator, make_scheme

FIRST = "2026-03-01 06:30 +01:00"
SECOND = "2026-03-02 06:30 +01:00"


@pytest.fixture(autouse=True)
def public_url(settings):
    settings.PUBLIC_URL = "https://lotse.example"


@pytest.fixture
def pool(cast):
    """Olga and Carla keep the pool and have addresses; Gina is a guide."""
    for user, address in [(cast.olga, "olga@erz.example"), (cast.carla, "")]:
        user.email = address
        user.save()
    cast.gina.email = "gina@erz.example"
    cast.gina.save()
    cast.erz.email = "integration@erz.example"
    cast.erz.save()
    with time_machine.travel(FIRST, tick=False):
        scheme = make_scheme(cast.erz)
        make_mediator(cast.erz, "Fresh", "One", scheme=scheme)
        make_mediator(
            cast.erz,
            "Olena",
            "Koval",
            scheme=scheme,
            languages=(("ukr", "", 4),),
            confirmed_on=datetime.date(2025, 2, 1),
            email="olena@example.org",
        )
        make_mediator(
            cast.erz,
            "Farid",
            "Ahmadi",
            scheme=scheme,
            conduct_valid_until=datetime.date(2026, 4, 15),
        )
        make_mediator(
            cast.erz,
            "Amal",
            "Haddad",
            scheme=scheme,
            email="",
            pledge_valid_until=datetime.date(2026, 2, 1),
        )


def by_recipient() -> dict[str, mail.EmailMessage]:
    return {message.to[0]: message for message in mail.outbox}


@time_machine.travel(FIRST, tick=False)
def test_first_of_the_month_sends_summary_and_own_reminders(cast, pool):
    sent = send_upkeep_reminders.call(cast.erz.pk)
    messages = by_recipient()
    assert sent == 3
    assert set(messages) == {
        "olga@erz.example",
        "olena@example.org",
        "farid@example.org",
    }


@time_machine.travel(FIRST, tick=False)
def test_staff_summary_lists_everyone_due_most_urgent_first(cast, pool, settings):
    settings.LANGUAGE_CODE = "en"  # to read the source texts
    send_upkeep_reminders.call(cast.erz.pk)
    summary = by_recipient()["olga@erz.example"]
    assert summary.subject == (
        "Mediator pool: 3 mediators need upkeep – Erzgebirgskreis"
    )
    body = summary.body
    assert body.index("Haddad, Amal") < body.index("Koval, Olena")
    assert body.index("Koval, Olena") < body.index("Ahmadi, Farid")
    for line in (
        "Haddad, Amal – no e-mail address, so not reminded",
        "  - Confidentiality pledge expired on 02/01/2026",
        "  - Data not confirmed for a year (last confirmed on 02/01/2025)",
        "  - Certificate of good conduct expires on 04/15/2026",
        "https://lotse.example/mediators/upkeep/",
    ):
        assert line in body.splitlines()
    assert "Fresh" not in body
    assert summary.reply_to == ["integration@erz.example"]


@time_machine.travel(FIRST, tick=False)
def test_mediator_gets_only_their_own_points_and_data(cast, pool, settings):
    settings.LANGUAGE_CODE = "en"
    send_upkeep_reminders.call(cast.erz.pk)
    messages = by_recipient()
    olena = messages["olena@example.org"].body
    farid = messages["farid@example.org"].body
    assert "Please confirm that the data we keep about you are still correct" in olena
    assert "Languages: Ukrainian: Native speaker" in olena
    assert "Ahmadi" not in olena
    assert (
        "Your certificate of good conduct expires on 04/15/2026. "
        "Please send us a new one in time."
    ) in farid
    assert "Koval" not in farid
    assert "&" not in olena, "plain text, not HTML-escaped"


@time_machine.travel(FIRST, tick=False)
def test_mails_are_in_the_offices_language(cast, pool):
    send_upkeep_reminders.call(cast.erz.pk)
    messages = by_recipient()
    assert "01.02.2026" in messages["olga@erz.example"].body
    assert "Ukrainisch" in messages["olena@example.org"].body
    assert "15.04.2026" in messages["farid@example.org"].body


@time_machine.travel(SECOND, tick=False)
def test_no_mail_on_other_days(cast, pool):
    assert send_upkeep_reminders.call(cast.erz.pk) == 0
    assert mail.outbox == []


@time_machine.travel(FIRST, tick=False)
def test_inactive_staff_and_other_offices_get_nothing(cast, pool):
    cast.olga.is_active = False
    cast.olga.save()
    make_user("gerd", cast.gr, Role.OFFICE_STAFF, email="gerd@gr.example")
    send_upkeep_reminders.call(cast.erz.pk)
    assert set(by_recipient()) == {"olena@example.org", "farid@example.org"}


@time_machine.travel(FIRST, tick=False)
def test_nothing_due_sends_nothing(cast):
    cast.olga.email = "olga@erz.example"
    cast.olga.save()
    make_mediator(cast.erz)
    assert send_upkeep_reminders.call(cast.erz.pk) == 0
    assert mail.outbox == []


def test_command_queues_every_office_and_sends_on_the_first(cast, pool, capsys):
    with time_machine.travel(FIRST, tick=False):
        call_command("mediator_upkeep")
    assert len(mail.outbox) == 3
    assert "2 offices" in capsys.readouterr().out


def test_command_sends_nothing_on_other_days(cast, pool):
    with time_machine.travel(SECOND, tick=False):
        call_command("mediator_upkeep")
    assert mail.outbox == []


def test_a_worker_after_midnight_still_sends_the_firsts_reminders(cast, pool):
    with time_machine.travel(SECOND, tick=False):
        send_upkeep_reminders.call(cast.erz.pk, "2026-03-01")
    assert len(mail.outbox) == 3
