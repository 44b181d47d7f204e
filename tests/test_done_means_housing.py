"""Issue 9's 'Done means', on the (small) demo through real URLs.

In the Landkreis Görlitz the accommodation controller records an unannounced
inspection of the shared accommodation in Niesky with two deficiencies; the
traffic light turns yellow with its reason, the care ratio alert shows 1:95,
and a resident's portal complaint about the site appears on its page.
"""

import time_machine
from django.test import Client

from accounts.models import User
from conftest import logged_in
from demo.build import load
from housing.models import Accommodation, Inspection, Light
from portal.tests.conftest import send

TODAY = "2026-12-07 09:00 +01:00"
DE = {"accept-language": "de"}


@time_machine.travel(TODAY, tick=False)
def test_demo_inspection_care_ratio_and_portal_complaint(db):
    load(small=True)
    niesky = Accommodation.objects.get(name="Gemeinschaftsunterkunft Niesky")
    controller = logged_in(User.objects.get(username="unterbringung-gr"))
    inspection = record_unannounced_inspection(controller, niesky)
    page = controller.get(f"/accommodation/inspections/{inspection.pk}/", headers=DE)
    html = page.content.decode()
    assert "Ampel: Gelb." in html
    assert "Nicht erfüllt: Wohnfläche je Person; Personen je Dusche." in html
    care_ratio_alert_shows(controller, niesky)
    portal_complaint_appears(controller, niesky)


def record_unannounced_inspection(client, niesky: Accommodation) -> Inspection:
    user = User.objects.get(username="unterbringung-gr")
    response = client.post(
        f"/accommodation/{niesky.pk}/inspections/new/",
        {"on": "2026-12-04", "inspectors": [user.pk], "residents_said": "Duschen kalt"},
    )
    assert response.status_code == 302
    inspection = Inspection.objects.get(accommodation=niesky, announced=False)
    url = f"/accommodation/inspections/{inspection.pk}/"
    standards = {s.title: s.pk for s in inspection.catalogue.standards.all()}
    data = {
        f"s{standards['Wohnfläche je Person']}": "6,5",
        f"s{standards['Personen je Dusche']}": "14",
        f"s{standards['Personen je Toilette']}": "7",
        f"s{standards['Zimmer sind abschließbar']}": "yes",
        f"s{standards['Die Brandschutzabnahme liegt vor']}": "yes",
    }
    assert client.post(url + "findings/", data, headers=DE).status_code == 302
    for text in ["Zu wenig Wohnfläche in Haus B", "Zwei Duschen im EG defekt"]:
        response = client.post(
            url + "deficiencies/new/",
            {
                "description": text,
                "deadline": "2027-01-31",
                "responsible": niesky.operator_id,
            },
        )
        assert response.status_code == 302
    client.post(url + "complete/", headers=DE)
    inspection.refresh_from_db()
    assert inspection.light == Light.YELLOW
    assert inspection.deficiencies.count() == 2
    return inspection


def care_ratio_alert_shows(client, niesky: Accommodation) -> None:
    html = client.get(f"/accommodation/{niesky.pk}/", headers=DE).content.decode()
    assert "1:95" in html
    overview = client.get("/accommodation/", headers=DE).content.decode()
    assert "1:95" in overview


def portal_complaint_appears(client, niesky: Accommodation) -> None:
    public = Client(headers=DE)
    send(
        public,
        niesky.office.slug,
        accommodation=niesky.pk,
        text="In unserer Unterkunft gibt es seit Tagen kein warmes Wasser.",
    )
    html = client.get(f"/accommodation/{niesky.pk}/", headers=DE).content.decode()
    concern = niesky.concerns.get()
    assert concern.number in html
    # Listed by number and kind: the text itself is kept encrypted and shown
    # on the concern's own page.
    assert concern.subject in html and concern.subject.startswith("Beschwerde")
