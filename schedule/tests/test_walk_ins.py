"""The walk-in queue on the session page: numbers, steps, and the day."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from schedule.models import Cancellation, WalkIn, WalkInStatus

from .factories import make_rule, make_site

TUESDAY = datetime.date(2026, 12, 8)
DURING = "2026-12-08 14:10 +01:00"


@pytest.fixture
def rule(cast):
    """Carla on Tuesdays 14–17 in Stollberg."""
    return make_rule(
        cast.carla,
        make_site(cast.erz, "Stollberg"),
        weekday=1,
        starts_on=datetime.date(2026, 11, 1),
    )


def page(rule, day=TUESDAY) -> str:
    return reverse("schedule:session", args=[rule.pk, day.isoformat()])


def add_url(rule, day=TUESDAY) -> str:
    return reverse("schedule:walk_in_add", args=[rule.pk, day.isoformat()])


def add(client, rule, day=TUESDAY, **fields):
    data = {f"walk_in-{key}": value for key, value in fields.items()}
    return client.post(add_url(rule, day), data, follow=True)


def move(client, walk_in, status, next_url=""):
    url = reverse("schedule:walk_in_move", args=[walk_in.pk])
    return client.post(url, {"status": status, "next": next_url}, follow=True)


@time_machine.travel(DURING)
def test_numbers_count_per_site_and_day(cast, rule):
    client = cast.client("olga")
    response = add(client, rule, name="Herr A.", language="prs", mediator_needed="on")
    assert response.redirect_chain == [(page(rule), 302)]
    assert "Number 1 is in the queue." in response.content.decode()
    add(client, rule)
    add(client, rule, name="Frau B.")
    aue = make_rule(cast.gina, make_site(cast.erz, "Aue"), weekday=1, start="09:00")
    add(client, aue, name="Herr C.")
    stollberg = WalkIn.objects.filter(site=rule.site).order_by("number")
    assert [(w.number, w.name) for w in stollberg] == [
        (1, "Herr A."),
        (2, ""),
        (3, "Frau B."),
    ]
    first = stollberg[0]
    assert (first.language, first.mediator_needed, first.day) == ("prs", True, TUESDAY)
    assert first.created_by == cast.olga
    assert [w.number for w in WalkIn.objects.filter(site=aue.site)] == [1]
    html = client.get(page(rule)).content.decode()
    assert "Herr A." in html and "Dari" in html and "Herr C." not in html


@time_machine.travel(DURING)
def test_a_bad_language_is_a_form_error(cast, rule):
    response = add(cast.client("olga"), rule, language="xyz")
    assert response.status_code == 200
    assert "language" in response.context["walk_in_form"].errors
    assert "There is a problem" in response.content.decode()
    assert not WalkIn.objects.exists()


@time_machine.travel(DURING)
def test_waiting_then_called_in_then_done(cast, rule):
    client = cast.client("gina")
    add(client, rule, name="Herr A.")
    walk_in = WalkIn.objects.get()
    response = move(client, walk_in, "serving", page(rule))
    assert response.redirect_chain == [(page(rule), 302)]
    walk_in.refresh_from_db()
    assert walk_in.status == WalkInStatus.SERVING
    assert walk_in.seen_by == cast.gina and walk_in.called_at is not None
    move(client, walk_in, "done", page(rule))
    walk_in.refresh_from_db()
    assert walk_in.status == WalkInStatus.DONE and walk_in.done_at is not None


@time_machine.travel(DURING)
def test_someone_waiting_may_leave(cast, rule):
    client = cast.client("olga")
    add(client, rule)
    walk_in = WalkIn.objects.get()
    move(client, walk_in, "left", page(rule))
    walk_in.refresh_from_db()
    assert walk_in.status == WalkInStatus.LEFT


@time_machine.travel(DURING)
@pytest.mark.parametrize(
    ("start", "status"),
    [
        ("waiting", "done"),
        ("serving", "serving"),
        ("done", "left"),
        ("left", "serving"),
        ("waiting", "waiting"),
        ("waiting", "nonsense"),
    ],
)
def test_an_impossible_step_is_refused(cast, rule, start, status):
    client = cast.client("olga")
    add(client, rule)
    walk_in = WalkIn.objects.get()
    WalkIn.objects.filter(pk=walk_in.pk).update(status=start)
    response = move(client, walk_in, status, page(rule))
    assert response.redirect_chain == [(page(rule), 302)]
    assert "kern-alert--danger" in response.content.decode()
    walk_in.refresh_from_db()
    assert walk_in.status == start


@time_machine.travel(DURING)
def test_only_the_possible_steps_are_offered(cast, rule):
    client = cast.client("olga")
    add(client, rule)
    html = client.get(page(rule)).content.decode()
    assert 'value="serving"' in html and 'value="left"' in html
    assert 'value="done"' not in html


@time_machine.travel(DURING)
def test_a_foreign_next_address_is_ignored(cast, rule):
    client = cast.client("olga")
    add(client, rule)
    walk_in = WalkIn.objects.get()
    response = move(client, walk_in, "serving", "https://evil.example/")
    assert response.redirect_chain == [(page(rule), 302)]


@time_machine.travel("2026-12-01 09:00 +01:00")
def test_queue_opens_only_on_the_day_itself(cast, rule):
    client = cast.client("olga")
    html = client.get(page(rule)).content.decode()
    assert "only on the day of the hours itself" in html
    assert add_url(rule) not in html
    response = add(client, rule, name="Herr A.")
    assert "People can join the queue only on the day" in response.content.decode()
    assert not WalkIn.objects.exists()


@time_machine.travel(DURING)
def test_no_queue_at_cancelled_hours(cast, rule):
    Cancellation.objects.create(
        office=cast.erz,
        site=rule.site,
        first_day=TUESDAY,
        last_day=TUESDAY,
        reason="closure",
        created_by=cast.olga,
    )
    client = cast.client("olga")
    assert "nobody can join the queue" in client.get(page(rule)).content.decode()
    add(client, rule, name="Herr A.")
    assert not WalkIn.objects.exists()


@time_machine.travel(DURING)
def test_queue_forms_are_post_only(cast, rule):
    client = cast.client("olga")
    assert client.get(add_url(rule)).status_code == 405
    add(client, rule)
    walk_in = WalkIn.objects.get()
    url = reverse("schedule:walk_in_move", args=[walk_in.pk])
    assert client.get(url).status_code == 405


@time_machine.travel(DURING)
def test_another_office_and_other_roles_cannot_touch_the_queue(cast, rule):
    add(cast.client("olga"), rule)
    walk_in = WalkIn.objects.get()
    url = reverse("schedule:walk_in_move", args=[walk_in.pk])
    assert cast.client("otto").post(url, {"status": "serving"}).status_code == 404
    assert cast.client("otto").post(add_url(rule)).status_code == 404
    assert cast.client("anton").post(url, {"status": "serving"}).status_code == 403
    assert cast.client("anton").post(add_url(rule)).status_code == 403
    walk_in.refresh_from_db()
    assert walk_in.status == WalkInStatus.WAITING
    assert WalkIn.objects.count() == 1
