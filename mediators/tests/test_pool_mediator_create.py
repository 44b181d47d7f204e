"""A new mediator: one page with languages and weekly times, all or nothing."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Municipality, Role
from conftest import make_user
from mediators.models import Availability, Mediator, MediatorLanguage

from .factories import make_mediator, make_scheme

URL = reverse("mediators:mediator_create")
TODAY = datetime.date(2026, 3, 10)


def rows(prefix: str, entries: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(entries)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, entry in enumerate(entries):
        data.update({f"{prefix}-{index}-{k}": v for k, v in entry.items()})
    return data


def mediator_data(scheme, languages=None, times=None, **fields) -> dict:
    if languages is None:
        languages = [{"language": "prs", "dialect": "", "level": "4"}]
    if times is None:
        times = [{"weekday": "0", "start": "08:00", "end": "12:00"}]
    data = {
        "first_name": "Leyla",
        "last_name": "Karimi",
        "email": "leyla@example.org",
        "phone": "0371 555 0102",
        "qualification": "trained",
        "user": "",
        "on_site": "on",
        "rate_scheme": str(scheme.pk),
        "pledge_signed_on": "2026-01-10",
        "pledge_valid_until": "2028-01-10",
        "conduct_valid_until": "2027-06-30",
        "active": "on",
        "note": "",
    }
    data.update(fields)
    data = {k: v for k, v in data.items() if v is not None}
    return data | rows("languages", languages) | rows("times", times)


@pytest.fixture
def scheme(cast):
    return make_scheme(cast.erz)


@time_machine.travel(TODAY, tick=False)
def test_create_stores_mediator_languages_times_and_municipalities(cast, scheme):
    aue = Municipality.objects.create(office=cast.erz, name="Aue-Bad Schlema")
    languages = [
        {"language": "prs", "dialect": "", "level": "4"},
        {"language": "fas", "dialect": "Tehrani", "level": "3"},
        {"language": "", "dialect": "", "level": "3"},
    ]
    times = [
        {"weekday": "0", "start": "08:00", "end": "12:00"},
        {"weekday": "4", "start": "13:00", "end": "17:00"},
        {"weekday": "", "start": "", "end": ""},
    ]
    data = mediator_data(scheme, languages, times, municipalities=[aue.pk])
    response = cast.client("olga").post(URL, data)
    leyla = Mediator.objects.get(last_name="Karimi")
    assert response.status_code == 302
    assert response["Location"] == reverse("mediators:mediator_detail", args=[leyla.pk])
    assert leyla.office == cast.erz
    assert leyla.confirmed_on == TODAY, "data entered now count as confirmed"
    assert list(leyla.municipalities.all()) == [aue]
    assert sorted(leyla.languages.values_list("language", "dialect", "level")) == [
        ("fas", "Tehrani", 3),
        ("prs", "", 4),
    ]
    assert sorted(leyla.availability.values_list("weekday", "start", "end")) == [
        (0, datetime.time(8), datetime.time(12)),
        (4, datetime.time(13), datetime.time(17)),
    ]


def test_form_page_offers_common_languages_and_weekdays(cast, scheme):
    html = cast.client("carla").get(URL).content.decode()
    assert "Language 1" in html
    assert '<option value="ukr">Ukrainian</option>' in html
    assert '<option value="6">Sunday</option>' in html
    assert "Time window 3" in html


def test_at_least_one_language_is_needed(cast, scheme):
    data = mediator_data(scheme, languages=[{"language": "", "level": "3"}])
    response = cast.client("olga").post(URL, data)
    assert response.status_code == 200
    assert "Enter at least one language." in response.content.decode()
    assert not Mediator.objects.exists()


def test_same_language_and_dialect_twice_is_refused(cast, scheme):
    languages = [
        {"language": "apc", "dialect": "Levantine", "level": "4"},
        {"language": "apc", "dialect": " levantine", "level": "3"},
    ]
    response = cast.client("olga").post(URL, mediator_data(scheme, languages))
    assert response.status_code == 200
    assert "is entered twice" in response.content.decode()
    assert not Mediator.objects.exists()


def test_same_language_in_two_dialects_is_fine(cast, scheme):
    languages = [
        {"language": "ara", "dialect": "Levantine", "level": "4"},
        {"language": "ara", "dialect": "Gulf", "level": "2"},
    ]
    response = cast.client("olga").post(URL, mediator_data(scheme, languages))
    assert response.status_code == 302
    assert MediatorLanguage.objects.count() == 2


def test_availability_must_end_after_it_starts(cast, scheme):
    times = [{"weekday": "2", "start": "14:00", "end": "09:00"}]
    response = cast.client("olga").post(URL, mediator_data(scheme, times=times))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The end must be after the start." in html
    assert "Time window 1, Until: The end must be after the start." in html
    assert not Mediator.objects.exists()
    assert not Availability.objects.exists()


def test_overlapping_windows_on_one_day_are_refused(cast, scheme):
    times = [
        {"weekday": "2", "start": "08:00", "end": "12:00"},
        {"weekday": "2", "start": "11:00", "end": "15:00"},
    ]
    response = cast.client("olga").post(URL, mediator_data(scheme, times=times))
    assert response.status_code == 200
    assert "Two time windows on Wednesday overlap" in response.content.decode()
    assert not Mediator.objects.exists()


def test_pledge_cannot_run_out_before_it_was_signed(cast, scheme):
    data = mediator_data(scheme, pledge_valid_until="2025-12-31")
    response = cast.client("olga").post(URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors["pledge_valid_until"] == [
        "The pledge cannot run out before the day it was signed."
    ]
    assert not Mediator.objects.exists()


def test_implausible_dates_are_refused(cast, scheme):
    data = mediator_data(scheme, conduct_valid_until="1026-06-30")
    response = cast.client("olga").post(URL, data)
    assert response.context["form"].errors["conduct_valid_until"]
    assert not Mediator.objects.exists()


def test_some_way_of_working_is_needed(cast, scheme):
    response = cast.client("olga").post(URL, mediator_data(scheme, on_site=None))
    assert response.status_code == 200
    assert "Choose at least one way of working" in response.content.decode()
    assert not Mediator.objects.exists()


def test_unknown_language_code_is_refused(cast, scheme):
    languages = [{"language": "xyz", "dialect": "", "level": "4"}]
    response = cast.client("olga").post(URL, mediator_data(scheme, languages))
    assert response.status_code == 200
    assert not Mediator.objects.exists()


def test_foreign_rate_scheme_and_municipality_are_refused(cast, scheme):
    foreign_scheme = make_scheme(cast.gr, name="Görlitzer Sätze")
    zittau = Municipality.objects.create(office=cast.gr, name="Zittau")
    Municipality.objects.create(office=cast.erz, name="Aue-Bad Schlema")
    html = cast.client("carla").get(URL).content.decode()
    assert "Görlitzer Sätze" not in html
    assert "Zittau" not in html
    data = mediator_data(scheme, rate_scheme=foreign_scheme.pk)
    data["municipalities"] = [zittau.pk]
    response = cast.client("carla").post(URL, data)
    errors = response.context["form"].errors
    assert "rate_scheme" in errors
    assert "municipalities" in errors
    assert not Mediator.objects.exists()


def test_login_offers_only_free_mediator_accounts_of_the_office(cast, scheme):
    free = make_user("lena", cast.erz, Role.MEDIATOR)
    taken = make_mediator(cast.erz, "Karim", "Said", login=True).user
    make_user("goran", cast.gr, Role.MEDIATOR)
    field = cast.client("olga").get(URL).context["form"].fields["user"]
    assert list(field.queryset) == [free]
    response = cast.client("olga").post(URL, mediator_data(scheme, user=taken.pk))
    assert response.context["form"].errors["user"]
    response = cast.client("olga").post(URL, mediator_data(scheme, user=free.pk))
    assert response.status_code == 302
    assert Mediator.objects.get(last_name="Karimi").user == free


def test_office_without_scheme_is_pointed_to_rate_schemes(cast):
    html = cast.client("olga").get(URL).content.decode()
    assert reverse("mediators:rate_create") in html


def test_guide_cannot_create_a_mediator(cast, scheme):
    client = cast.client("gina")
    assert client.get(URL).status_code == 403
    assert client.post(URL, mediator_data(scheme)).status_code == 403
    assert not Mediator.objects.exists()


def test_analyst_and_state_view_cannot_create(cast, scheme):
    for name in ["anton", "stella"]:
        assert cast.client(name).post(URL, mediator_data(scheme)).status_code == 403
    assert not Mediator.objects.exists()


def test_pool_roles_may_create(cast, scheme):
    for name in ["carla", "dieter", "olga", "ada"]:
        data = mediator_data(scheme, last_name=f"Of {name}")
        assert cast.client(name).post(URL, data).status_code == 302, name
    assert Mediator.objects.count() == 4


def test_a_failing_row_leaves_no_half_saved_mediator(cast, scheme, monkeypatch):
    from django.db import IntegrityError

    from mediators.pool_forms import AvailabilityFormSet

    def clash(self, commit=True):
        raise IntegrityError("availability_start_first")

    monkeypatch.setattr(AvailabilityFormSet, "save", clash)
    response = cast.client("olga").post(URL, mediator_data(scheme))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed this mediator" in html
    assert '<h1 class="kern-heading-large">New mediator</h1>' in html
    assert not Mediator.objects.exists()
    assert not MediatorLanguage.objects.exists()


def test_post_without_the_rows_is_an_error_not_a_crash(cast, scheme):
    data = {k: v for k, v in mediator_data(scheme).items() if "-" not in k}
    response = cast.client("olga").post(URL, data)
    assert response.status_code == 200
    assert not Mediator.objects.exists()
