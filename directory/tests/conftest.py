import pytest

from accounts.models import Municipality
from directory.models import Partner, PartnerContact, PartnerKind


@pytest.fixture
def aue(cast) -> Municipality:
    return Municipality.objects.create(office=cast.erz, name="Aue-Bad Schlema")


@pytest.fixture
def stollberg(cast) -> Municipality:
    return Municipality.objects.create(office=cast.erz, name="Stollberg")


@pytest.fixture
def jobcenter(cast, aue) -> Partner:
    partner = Partner.objects.create(
        office=cast.erz,
        kind=PartnerKind.JOBCENTER,
        name="Jobcenter Erzgebirgskreis",
        phone="03733 1234",
        email="jobcenter@example.org",
    )
    partner.municipalities.add(aue)
    return partner


@pytest.fixture
def contact(jobcenter) -> PartnerContact:
    return PartnerContact.objects.create(
        partner=jobcenter, name="Petra Pfeiffer", role="Team lead"
    )


@pytest.fixture
def gr_partner(cast) -> Partner:
    return Partner.objects.create(
        office=cast.gr, kind=PartnerKind.JOBCENTER, name="Jobcenter Görlitz"
    )
