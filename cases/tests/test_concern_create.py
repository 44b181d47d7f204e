import datetime

from django.utils import timezone

from cases.models import Concern
from clients.models import PersonAccess

from .factories import make_concern, make_person, make_topic


def valid_post(person_pks=(), **extra):
    data = {
        "type": "visit",
        "channel": "consultation_hour",
        "subject": "Anmeldung beim Jobcenter",
        "description": "Kam mit dem Bescheid des BAMF.",
        "status": "new",
        "opened_on": timezone.localdate().isoformat(),
        "persons": [str(pk) for pk in person_pks],
    }
    data.update(extra)
    return data


def test_commissioner_records_walk_in_visit_for_client(cast):
    person = make_person(cast.erz)
    topic = make_topic(cast.erz)
    client = cast.client("carla")
    form_page = client.get(f"/concerns/new/?person={person.pk}")
    assert form_page.status_code == 200
    assert "Haddad, Mohammed" in form_page.content.decode()
    response = client.post("/concerns/new/", valid_post([person.pk], topics=[topic.pk]))
    concern = Concern.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/concerns/{concern.pk}/"
    assert concern.number == f"ERZ-{timezone.localdate().year}-00001"
    assert list(concern.persons.all()) == [person]
    assert list(concern.topics.all()) == [topic]
    assert concern.created_by == cast.carla
    assert concern.office == cast.erz


def test_case_numbers_count_up_per_office_and_year(cast):
    make_concern(cast.erz, cast.carla, anonymous=True)
    make_concern(cast.gr, cast.otto, anonymous=True)
    client = cast.client("carla")
    client.post("/concerns/new/", valid_post(anonymous="on"))
    numbers = sorted(
        Concern.objects.filter(office=cast.erz).values_list("number", flat=True)
    )
    year = timezone.localdate().year
    assert numbers == [f"ERZ-{year}-00001", f"ERZ-{year}-00002"]


def test_concern_needs_someone_it_is_about(cast):
    response = cast.client("carla").post("/concerns/new/", valid_post())
    assert response.status_code == 200
    assert "Say whom the concern is about" in response.content.decode()
    assert not Concern.objects.exists()


def test_anonymous_concern_cannot_name_persons(cast):
    person = make_person(cast.erz)
    response = cast.client("carla").post(
        "/concerns/new/", valid_post([person.pk], anonymous="on")
    )
    assert response.status_code == 200
    assert not Concern.objects.exists()


def test_group_concern_without_persons_is_accepted(cast):
    data = valid_post(group_description="Bewohner der Gemeinschaftsunterkunft Niesky")
    response = cast.client("carla").post("/concerns/new/", data)
    assert response.status_code == 302
    assert Concern.objects.get().group_description.endswith("Niesky")


def test_bad_input_gives_form_errors_and_stores_nothing(cast):
    person = make_person(cast.erz)
    client = cast.client("carla")
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    bad = [
        {"subject": "x" * 201},
        {"subject": "Bell\x07 in the text"},
        {"opened_on": "2026-02-31"},
        {"opened_on": tomorrow},
        {"type": "not-a-type"},
        {"subject": "Mixed \u202eevil\u202c direction"},
    ]
    for change in bad:
        response = client.post("/concerns/new/", valid_post([person.pk], **change))
        assert response.status_code == 200, change
        assert "There is a problem" in response.content.decode(), change
    assert not Concern.objects.exists()


def test_html_in_subject_is_shown_escaped(cast):
    person = make_person(cast.erz)
    client = cast.client("carla")
    client.post(
        "/concerns/new/", valid_post([person.pk], subject="<script>alert(1)</script>")
    )
    page = client.get(f"/concerns/{Concern.objects.get().pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_mixed_scripts_are_kept(cast):
    person = make_person(cast.erz)
    client = cast.client("carla")
    subject = "Брат Олександр und محمد wegen Wohnung"
    client.post("/concerns/new/", valid_post([person.pk], subject=subject))
    assert Concern.objects.get().subject == subject


def test_guide_cannot_attach_a_person_she_does_not_see(cast):
    stranger = make_person(cast.erz, "Fremd", "Person")
    response = cast.client("gustav").post(
        "/concerns/new/", valid_post([stranger.pk], group_description="x")
    )
    # The unseen person is not offered, so the choice is invalid.
    assert response.status_code == 200
    assert not Concern.objects.exists()


def test_office_staff_form_has_no_counselling_note(cast):
    page = cast.client("olga").get("/concerns/new/").content.decode()
    assert 'name="description"' not in page


def test_concern_page_logs_read_of_each_person(cast):
    first, second = (
        make_person(cast.erz),
        make_person(cast.erz, "Kovalenko", "Oleksandr"),
    )
    concern = make_concern(cast.erz, cast.carla, first, second)
    cast.client("dieter").get(f"/concerns/{concern.pk}/")
    logged = PersonAccess.objects.filter(user=cast.dieter)
    assert sorted(logged.values_list("person_id", flat=True)) == sorted(
        [first.pk, second.pk]
    )
    assert set(logged.values_list("path", flat=True)) == {f"/concerns/{concern.pk}/"}
