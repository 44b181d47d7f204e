import datetime

from django.apps import apps
from django.utils import translation
from django.utils.formats import date_format

from clients.models import (
    Consent,
    Household,
    HouseholdRole,
    Nationality,
    Person,
    PersonAccess,
    PersonLanguage,
)


def url(person: Person) -> str:
    return f"/clients/{person.pk}/"


def make_concern(cast, subject: str, **extra):
    concern_model = apps.get_model("cases", "Concern")
    sequence = concern_model.objects.count() + 1
    return concern_model.objects.create(
        office=cast.erz,
        number=f"ERZ-2026-{sequence:05d}",
        year=2026,
        sequence=sequence,
        type="request",
        channel="phone",
        subject=subject,
        created_by=cast.carla,
        **extra,
    )


def test_detail_shows_names_nationalities_and_languages(cast, ahmad):
    Nationality.objects.create(person=ahmad, country="SY")
    PersonLanguage.objects.create(person=ahmad, code="ara")
    ahmad.birth_date = datetime.date(1985, 1, 1)
    ahmad.birth_date_precision = "year"
    ahmad.save()
    response = cast.client("gina").get(url(ahmad), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<bdi dir="auto" class="original-script">أحمد حداد</bdi>' in page
    assert "Syria" in page
    assert "Arabic" in page
    assert "1985" in page
    assert "01.01.1985" not in page


def test_html_in_a_name_is_shown_escaped(cast):
    person = Person.objects.create(
        office=cast.erz, family_name="<script>alert(1)</script>", given_names="<b>x"
    )
    page = cast.client("carla").get(url(person)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>x" not in page


def test_detail_writes_one_access_log_row(cast, ahmad):
    cast.client("gina").get(url(ahmad))
    access = PersonAccess.objects.get()
    assert access.user == cast.gina
    assert access.person == ahmad
    assert access.office == cast.erz
    assert access.path == url(ahmad)


def test_guide_without_assignment_gets_403(cast, ahmad):
    assert cast.client("gustav").get(url(ahmad)).status_code == 403
    assert not PersonAccess.objects.exists()


def test_other_office_gets_404(cast, ahmad):
    assert cast.client("otto").get(url(ahmad)).status_code == 404
    assert not PersonAccess.objects.exists()


def test_missing_or_huge_id_gets_404(cast):
    client = cast.client("carla")
    assert client.get("/clients/999999/").status_code == 404
    assert client.get("/clients/99999999999999999999999/").status_code == 404


def test_office_staff_may_open_a_person(cast, ahmad):
    assert cast.client("olga").get(url(ahmad)).status_code == 200


def test_household_shows_only_members_visible_to_the_user(cast, ahmad):
    home = Household.objects.create(office=cast.erz, name="Family Haddad")
    ahmad.household = home
    ahmad.household_role = HouseholdRole.HEAD
    ahmad.save()
    Person.objects.create(
        office=cast.erz, family_name="Haddad", given_names="Lina", household=home
    )
    mine = Person.objects.create(
        office=cast.erz, family_name="Haddad", given_names="Rami", household=home
    )
    mine.guides.add(cast.gina)
    guide_page = cast.client("gina").get(url(ahmad)).content.decode()
    assert "Family Haddad" in guide_page
    assert "Rami" in guide_page
    assert "Lina" not in guide_page
    assert "Lina" in cast.client("carla").get(url(ahmad)).content.decode()


def test_concerns_listed_are_those_visible_to_the_user(cast, ahmad):
    visible = make_concern(cast, "Jobcenter registration", assigned_to=cast.gina)
    visible.persons.add(ahmad)
    make_concern(cast, "Unrelated concern", assigned_to=cast.gina)
    page = cast.client("gina").get(url(ahmad)).content.decode()
    assert "Jobcenter registration" in page
    assert "Unrelated concern" not in page
    assert f'href="/concerns/{visible.pk}/"' in page


def test_detail_links_to_new_concern_for_the_person(cast, ahmad):
    page = cast.client("gina").get(url(ahmad)).content.decode()
    assert f'href="/concerns/new/?person={ahmad.pk}"' in page


def test_consents_show_active_and_withdrawn_with_withdraw_button(cast, ahmad):
    active = Consent.objects.create(
        person=ahmad, purpose="counselling", form="written", recorded_by=cast.gina
    )
    withdrawn = Consent.objects.create(
        person=ahmad,
        purpose="contact_email",
        form="oral",
        recorded_by=cast.gina,
        withdrawn_at=datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC),
    )
    page = cast.client("gina").get(url(ahmad)).content.decode()
    assert f'action="/clients/consents/{active.pk}/withdraw/"' in page
    assert f'action="/clients/consents/{withdrawn.pk}/withdraw/"' not in page
    with translation.override("en"):
        shown = date_format(datetime.date(2025, 5, 1), "SHORT_DATE_FORMAT")
    assert shown in page


def test_commissioner_sees_access_log_and_changes(cast, ahmad):
    ahmad.family_name = "Hadad"
    ahmad.save()
    cast.client("gina").get(url(ahmad))
    response = cast.client("carla").get(url(ahmad))
    page = response.content.decode()
    assert 'id="access-log"' in page
    assert 'id="change-history"' in page
    assert [a.user for a in response.context["accesses"]] == [cast.carla, cast.gina]
    [change, created] = response.context["changes"]
    assert [(c.old, c.new) for c in change.changes] == [("Haddad", "Hadad")]
    assert created.changes == []


def test_changes_show_who_changed_choices_readably(cast, ahmad):
    cast.client("carla").post(
        f"/clients/{ahmad.pk}/edit/",
        {
            "family_name": "Haddad",
            "given_names": "Ahmad",
            "name_original": "أحمد حداد",
            "birth_date_precision": "day",
            "gender": "unstated",
            "residence_status": "tolerated",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    response = cast.client("dieter").get(url(ahmad), HTTP_ACCEPT_LANGUAGE="en")
    newest = response.context["changes"][0]
    assert newest.user == cast.carla
    [change] = newest.changes
    assert (change.old, change.new) == ("Unknown", "Tolerated (Duldung)")


def test_changes_of_household_read_as_names(cast, ahmad):
    home = Household.objects.create(office=cast.erz, name="Family Haddad")
    ahmad.household = home
    ahmad.save()
    moved = Household.objects.create(office=cast.erz, name="Family Karimi")
    ahmad.household = moved
    ahmad.save()
    moved_id = moved.pk
    moved.delete()
    changes = cast.client("carla").get(url(ahmad)).context["changes"]
    values = [(c.old, c.new) for entry in changes for c in entry.changes]
    assert values[1] == ("–", "Family Haddad")
    assert values[0][0] == "Family Haddad"
    assert str(moved_id) not in values[0][1]
    assert values[0][1] != "–"


def test_guide_and_office_staff_see_no_access_log(cast, ahmad):
    for name in ("gina", "olga"):
        response = cast.client(name).get(url(ahmad))
        assert 'id="access-log"' not in response.content.decode()
        assert 'id="change-history"' not in response.content.decode()
        assert "accesses" not in response.context


def test_query_count_does_not_grow_with_consents_and_accesses(cast, ahmad):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = cast.client("carla")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(url(ahmad))
        return len(queries)

    def add_consents(n: int) -> None:
        for _ in range(n):
            Consent.objects.create(
                person=ahmad, purpose="counselling", form="oral", recorded_by=cast.gina
            )

    add_consents(1)
    count()
    first = count()
    add_consents(5)
    cast.client("gina").get(url(ahmad))
    assert count() == first
