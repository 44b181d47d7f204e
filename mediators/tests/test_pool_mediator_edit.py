"""Editing a mediator with languages and times: all saved, or nothing."""

import datetime

import time_machine
from django.urls import reverse

from accounts.models import Role
from conftest import make_user
from mediators.models import Mediator

from .factories import available, make_mediator
from .test_pool_mediator_create import mediator_data, rows

TODAY = datetime.date(2026, 3, 10)


def url(mediator) -> str:
    return reverse("mediators:mediator_edit", args=[mediator.pk])


def edit_data(mediator, languages, times, **fields) -> dict:
    """The mediator's current rows plus the given changes, as the page posts them."""
    names = {"first_name": mediator.first_name, "last_name": mediator.last_name}
    data = mediator_data(mediator.rate_scheme, **(names | fields))
    existing_languages = list(mediator.languages.order_by("pk"))
    existing_times = list(mediator.availability.order_by("pk"))
    data |= rows("languages", languages, initial=len(existing_languages))
    data |= rows("times", times, initial=len(existing_times))
    return data


@time_machine.travel(TODAY, tick=False)
def test_edit_changes_adds_and_removes_rows_in_one_save(cast):
    farid = make_mediator(
        cast.erz,
        languages=(("prs", "", 4), ("fas", "", 2)),
        confirmed_on=datetime.date(2025, 9, 1),
    )
    dari, persian = farid.languages.order_by("pk")
    monday = available(farid, 0, "08:00", "12:00")
    languages = [
        {"id": dari.pk, "language": "prs", "dialect": "Herati", "level": "4"},
        {"id": persian.pk, "language": "fas", "dialect": "", "level": "2"},
        {"language": "pus", "dialect": "", "level": "3"},
    ]
    languages[1]["DELETE"] = "on"
    times = [{"id": monday.pk, "weekday": "1", "start": "09:00", "end": "13:00"}]
    data = edit_data(farid, languages, times, phone="0172 1")
    response = cast.client("olga").post(url(farid), data)
    assert response.status_code == 302
    farid.refresh_from_db()
    assert farid.phone == "0172 1"
    assert sorted(farid.languages.values_list("language", "dialect")) == [
        ("prs", "Herati"),
        ("pus", ""),
    ]
    assert list(farid.availability.values_list("weekday", "start")) == [
        (1, datetime.time(9))
    ]
    assert farid.confirmed_on == datetime.date(2025, 9, 1), "only the button confirms"


def test_removing_the_last_language_is_refused_and_nothing_changes(cast):
    farid = make_mediator(cast.erz)
    (dari,) = farid.languages.all()
    languages = [{"id": dari.pk, "language": "prs", "level": "4", "DELETE": "on"}]
    data = edit_data(farid, languages, [], phone="0172 2")
    response = cast.client("olga").post(url(farid), data)
    assert response.status_code == 200
    assert "Enter at least one language." in response.content.decode()
    farid.refresh_from_db()
    assert farid.phone == ""
    assert farid.languages.count() == 1


def test_a_bad_time_keeps_every_other_change_unsaved(cast):
    farid = make_mediator(cast.erz)
    (dari,) = farid.languages.all()
    languages = [{"id": dari.pk, "language": "prs", "dialect": "", "level": "2"}]
    times = [{"weekday": "3", "start": "18:00", "end": "08:00"}]
    data = edit_data(farid, languages, times, last_name="Changed")
    response = cast.client("olga").post(url(farid), data)
    assert response.status_code == 200
    farid.refresh_from_db()
    assert farid.last_name == "Ahmadi"
    assert farid.languages.get().level == 4
    assert not farid.availability.exists()


def test_own_login_stays_choosable_and_can_be_removed(cast):
    farid = make_mediator(cast.erz, login=True)
    login = farid.user
    other = make_user("lena", cast.erz, Role.MEDIATOR)
    field = cast.client("olga").get(url(farid)).context["form"].fields["user"]
    assert set(field.queryset) == {login, other}
    (dari,) = farid.languages.all()
    languages = [{"id": dari.pk, "language": "prs", "dialect": "", "level": "4"}]
    response = cast.client("olga").post(url(farid), edit_data(farid, languages, []))
    assert response.status_code == 302
    farid.refresh_from_db()
    assert farid.user is None


def test_another_offices_mediator_is_404(cast):
    foreign = make_mediator(cast.gr, "Olena", "Koval")
    client = cast.client("carla")
    assert client.get(url(foreign)).status_code == 404
    assert client.post(url(foreign), {"last_name": "X"}).status_code == 404
    assert Mediator.objects.get(pk=foreign.pk).last_name == "Koval"


def test_guide_cannot_edit(cast):
    farid = make_mediator(cast.erz)
    client = cast.client("gina")
    assert client.get(url(farid)).status_code == 403
    assert client.post(url(farid), {"last_name": "X"}).status_code == 403
    farid.refresh_from_db()
    assert farid.last_name == "Ahmadi"


def test_analyst_cannot_edit(cast):
    farid = make_mediator(cast.erz)
    assert cast.client("anton").get(url(farid)).status_code == 403
