from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.models import Office, Role, User
from cases.models import Topic

ARGS = [
    "--name=Landkreis Bautzen",
    "--code=BZ",
    "--slug=bautzen",
    "--state=SN",
    "--admin=bea",
    "--admin-email=bea@example.org",
]


def run(*args: str) -> str:
    out = StringIO()
    call_command("create_office", *args, stdout=out)
    return out.getvalue()


def test_creates_office_topics_and_first_administrator(db):
    output = run(*ARGS)
    office = Office.objects.get(slug="bautzen")
    bea = User.objects.get(username="bea")
    assert (office.name, office.code, office.federal_state) == (
        "Landkreis Bautzen",
        "BZ",
        "SN",
    )
    assert bea.office == office
    assert bea.roles == {Role.ADMINISTRATOR}
    assert bea.email == "bea@example.org"
    assert Topic.objects.filter(office=office).count() > 3
    assert "authenticator app" in output


def test_printed_password_logs_in_and_asks_for_an_authenticator(db):
    output = run(*ARGS)
    password = output.split("shown only now): ")[1].split()[0]
    client = Client(headers={"accept-language": "en"})
    response = client.post(
        "/accounts/login/", {"username": "bea", "password": password, "otp_token": ""}
    )
    assert response["Location"] == "/accounts/second-factor/"


def test_existing_short_name_is_refused_and_nothing_created(db):
    run(*ARGS)
    with pytest.raises(CommandError, match="exists already"):
        run("--name=Other", "--code=OT", "--slug=bautzen", "--state=SN", "--admin=olaf")
    assert Office.objects.count() == 1
    assert not User.objects.filter(username="olaf").exists()


def test_taken_user_name_creates_nothing(db):
    run(*ARGS)
    with pytest.raises(CommandError, match="username"):
        run(
            "--name=Görlitz",
            "--code=GR",
            "--slug=goerlitz",
            "--state=SN",
            "--admin=bea",
        )
    assert not Office.objects.filter(slug="goerlitz").exists()
    assert not Topic.objects.filter(office__slug="goerlitz").exists()
