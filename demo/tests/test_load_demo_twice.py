from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Office, RoleGrant, Site, User
from cases.models import Activity, Concern, FollowUp, Referral, Topic
from clients.models import Consent, Household, Person
from directory.models import Partner

COUNTED = [
    Office,
    Site,
    User,
    RoleGrant,
    TOTPDevice,
    Partner,
    Topic,
    Person,
    Household,
    Consent,
    Concern,
    Activity,
    FollowUp,
    Referral,
]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


# At full scale on purpose: the only test that pays for the whole demo.
def test_load_demo_twice_creates_nothing_twice(db):
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first
    assert first["Concern"] > 1000
