"""Issue 8's 'Done means', on the (small) demo through real URLs.

At intake in the Erzgebirgskreis, "Abdulrahman Al Hussein, 1993" brings up
the existing "Abd al-Rahman Hussein, 01.01.1993" and "عبد الرحمن الحسين", not
"Hassan Rahmani"; merging the two records moves everything to the kept one
and undoing the merge puts everything back.
"""

import time_machine

from accounts.models import User
from cases.models import Concern
from cases.tests.factories import make_concern
from clients.models import Consent, Person
from conftest import logged_in
from dedupe.models import Merge
from demo.build import load

TODAY = "2026-12-07 09:00 +01:00"


@time_machine.travel(TODAY, tick=False)
def test_demo_intake_warning_merge_and_undo(db):
    load(small=True)
    desk = logged_in(User.objects.get(username="beauftragter"))
    latin = Person.objects.get(family_name="Hussein", given_names="Abd al-Rahman")
    arabic = Person.objects.get(name_original="عبد الرحمن الحسين")
    other = Person.objects.get(family_name="Rahmani", given_names="Hassan")
    intake_shows_the_two_records_only(desk, latin, arabic, other)
    merge_and_undo(desk, latin, arabic)


def intake_shows_the_two_records_only(desk, latin, arabic, other) -> None:
    before = Person.objects.count()
    response = desk.post(
        "/clients/new/",
        {
            "family_name": "Al Hussein",
            "given_names": "Abdulrahman",
            "birth_date": "1993",
            "birth_date_precision": "year",
            "gender": "male",
            "residence_status": "protection",
        },
        headers={"accept-language": "de"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="/clients/{latin.pk}/"' in page
    assert f'href="/clients/{arabic.pk}/"' in page
    assert f'href="/clients/{other.pk}/"' not in page
    # With the reasons, in the staff member's language.
    assert "andere Schrift" in page
    assert "Platzhalterdatum" in page
    assert Person.objects.count() == before


def merge_and_undo(desk, latin, arabic) -> None:
    carla = User.objects.get(username="beauftragter")
    concern = make_concern(latin.office, carla, arabic)
    consent = Consent.objects.create(
        person=arabic, purpose="counselling", form="oral", recorded_by=carla
    )
    url = f"/clients/duplicates/{latin.pk}/merge/{arabic.pk}/"
    assert desk.get(url).status_code == 200
    response = desk.post(url, {"keep": latin.pk, "reason": "Gleicher Pass"})
    assert response["Location"] == f"/clients/{latin.pk}/"
    assert list(Concern.objects.get(pk=concern.pk).persons.all()) == [latin]
    consent.refresh_from_db()
    assert consent.person == latin
    latin.refresh_from_db()
    # The empty field of the kept record was filled from the merged one.
    assert latin.name_original == "عبد الرحمن الحسين"
    record = Merge.objects.get()
    undo = desk.post(f"/clients/duplicates/merges/{record.pk}/undo/")
    assert undo["Location"] == f"/clients/{arabic.pk}/"
    assert list(Concern.objects.get(pk=concern.pk).persons.all()) == [arabic]
    consent.refresh_from_db()
    assert consent.person == arabic
    latin.refresh_from_db()
    assert latin.name_original == ""
    page = desk.get(f"/clients/{latin.pk}/", headers={"accept-language": "de"})
    assert "rückgängig gemacht am" in page.content.decode()
