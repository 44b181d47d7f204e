from accounts.models import Municipality
from directory.models import Partner
from directory.seed import seed_partners

ENTRIES = [
    ("jobcenter", "Jobcenter Erzgebirgskreis", []),
    ("club", "Sportverein Stollberg", ["Stollberg", "Aue-Bad Schlema"]),
]


def test_seed_creates_partners_with_municipalities(cast):
    seed_partners(cast.erz, ENTRIES)
    club = Partner.objects.get(office=cast.erz, name="Sportverein Stollberg")
    assert sorted(m.name for m in club.municipalities.all()) == [
        "Aue-Bad Schlema",
        "Stollberg",
    ]
    assert not Partner.objects.get(
        name="Jobcenter Erzgebirgskreis"
    ).municipalities.exists()


def test_seed_twice_changes_nothing(cast):
    seed_partners(cast.erz, ENTRIES)
    Partner.objects.filter(name="Jobcenter Erzgebirgskreis").update(phone="0815")
    seed_partners(cast.erz, ENTRIES)
    assert Partner.objects.count() == 2
    assert Municipality.objects.count() == 2
    assert Partner.objects.get(name="Jobcenter Erzgebirgskreis").phone == "0815"


def test_seed_keeps_offices_apart(cast):
    seed_partners(cast.erz, ENTRIES)
    seed_partners(cast.gr, ENTRIES)
    assert Partner.objects.filter(office=cast.gr).count() == 2
    gr_club = Partner.objects.get(office=cast.gr, name="Sportverein Stollberg")
    assert {m.office for m in gr_club.municipalities.all()} == {cast.gr}
