"""Small builders for the objects the concern tests need."""

import datetime

from accounts.models import Office, User
from cases.models import Concern, ConcernType, Topic
from clients.models import Consent, ConsentForm, ConsentPurpose, Person
from directory.models import Partner, PartnerKind


def make_person(
    office: Office, family: str = "Haddad", given: str = "Mohammed", **extra
) -> Person:
    return Person.objects.create(
        office=office, family_name=family, given_names=given, **extra
    )


def make_concern(office: Office, by: User, *persons: Person, **extra) -> Concern:
    fields = {
        "type": ConcernType.VISIT,
        "channel": "consultation_hour",
        "subject": "Frage zum Bürgergeld",
        "description": "Vertrauliche Notiz",
        "created_by": by,
        **extra,
    }
    concern = Concern(office=office, **fields)
    concern.assign_number()
    concern.save()
    concern.persons.add(*persons)
    return concern


def make_partner(office: Office, name: str = "Jobcenter Erzgebirgskreis") -> Partner:
    return Partner.objects.create(office=office, kind=PartnerKind.JOBCENTER, name=name)


def make_topic(office: Office, name: str = "Arbeit") -> Topic:
    return Topic.objects.create(office=office, name=name)


def give_sharing_consent(person: Person, partner: Partner, by: User) -> Consent:
    return Consent.objects.create(
        person=person,
        purpose=ConsentPurpose.SHARE_WITH_PARTNER,
        partner=partner,
        form=ConsentForm.WRITTEN,
        given_on=datetime.date.today(),
        recorded_by=by,
    )
