"""Outreach days and visits, and the notes only counsellors read."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Municipality
from schedule.models import OutreachEvent, OutreachNote

NOW = "2026-12-01 09:00 +01:00"
BERLIN = datetime.timezone(datetime.timedelta(hours=1))
CREATE = reverse("schedule:outreach_create")
LIST = reverse("schedule:outreach_list")


def fields(cast, **overrides) -> dict:
    data = {
        "kind": "day",
        "title": "Außensprechtag Schneeberg",
        "day": "2026-12-10",
        "start_time": "10:00",
        "end_time": "12:30",
        "municipality": "",
        "place": "Gemeinschaftsunterkunft Schneeberg",
        "staff": [cast.carla.pk, cast.gina.pk],
        "public": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_event(cast, office=None, day=datetime.date(2026, 12, 10), **extra):
    event = OutreachEvent.objects.create(
        office=office or cast.erz,
        kind=extra.pop("kind", "visit"),
        title=extra.pop("title", "Besuch Familie R."),
        starts_at=datetime.datetime.combine(day, datetime.time(10), BERLIN),
        ends_at=datetime.datetime.combine(day, datetime.time(11), BERLIN),
        place="Am Markt 1, Aue",
        created_by=cast.carla if office is None else cast.otto,
        **extra,
    )
    event.staff.set([cast.gina] if office is None else [cast.otto])
    return event


def detail(event) -> str:
    return reverse("schedule:outreach_detail", args=[event.pk])


@time_machine.travel(NOW)
def test_office_staff_plan_an_outreach_day(cast):
    schneeberg = Municipality.objects.create(office=cast.erz, name="Schneeberg")
    response = cast.client("olga").post(
        CREATE, fields(cast, municipality=schneeberg.pk)
    )
    event = OutreachEvent.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(event)
    assert event.office == cast.erz
    assert event.created_by == cast.olga
    assert event.municipality == schneeberg
    assert event.public
    assert set(event.staff.all()) == {cast.carla, cast.gina}
    assert event.starts_at == datetime.datetime(2026, 12, 10, 10, 0, tzinfo=BERLIN)
    assert event.ends_at == datetime.datetime(2026, 12, 10, 12, 30, tzinfo=BERLIN)


@time_machine.travel("2026-07-01 09:00 +02:00")
def test_times_are_berlin_summer_time(cast):
    cast.client("carla").post(CREATE, fields(cast, day="2026-07-02"))
    event = OutreachEvent.objects.get()
    assert event.starts_at == datetime.datetime(2026, 7, 2, 8, 0, tzinfo=datetime.UTC)


@time_machine.travel(NOW)
def test_a_visit_may_be_recorded_afterwards(cast):
    response = cast.client("gina").post(
        CREATE, fields(cast, kind="visit", day="2026-11-20", public=None)
    )
    assert response.status_code == 302
    assert OutreachEvent.objects.get().kind == "visit"


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"start_time": "12:00", "end_time": "11:00"},
            "end_time",
            "The end must be after the beginning.",
        ),
        (
            {"start_time": "12:00", "end_time": "12:00"},
            "end_time",
            "The end must be after the beginning.",
        ),
        (
            {"kind": "visit"},
            "public",
            "A visit to people must not be announced on the portal.",
        ),
        ({"place": ""}, "place", "This field is required."),
        ({"staff": []}, "staff", "This field is required."),
        ({"day": "tomorrow"}, "day", "Enter a valid date."),
    ],
)
def test_bad_input_is_refused_with_a_message(cast, overrides, field, message):
    response = cast.client("carla").post(CREATE, fields(cast, **overrides))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert message in response.content.decode()
    assert not OutreachEvent.objects.exists()


@time_machine.travel(NOW)
def test_staff_to_choose_are_the_desk_of_the_own_office(cast):
    cast.dieter.is_active = False
    cast.dieter.save()
    form = cast.client("carla").get(CREATE).context["form"]
    offered = set(form.fields["staff"].queryset)
    assert offered == {cast.carla, cast.gina, cast.gustav, cast.olga}
    response = cast.client("carla").post(CREATE, fields(cast, staff=[cast.otto.pk]))
    assert "staff" in response.context["form"].errors


@time_machine.travel(NOW)
def test_editing_moves_the_event(cast):
    event = make_event(cast)
    url = reverse("schedule:outreach_edit", args=[event.pk])
    form = cast.client("olga").get(url).context["form"]
    assert form["day"].value() == datetime.date(2026, 12, 10)
    assert str(form["start_time"].value()) == "10:00:00"
    response = cast.client("olga").post(
        url,
        fields(cast, kind="visit", public=None, day="2026-12-11", end_time="15:00"),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.ends_at == datetime.datetime(2026, 12, 11, 15, 0, tzinfo=BERLIN)
    assert event.created_by == cast.carla


@time_machine.travel(NOW)
def test_list_shows_coming_and_recent_events(cast):
    make_event(cast, title="Kommender Besuch")
    make_event(cast, day=datetime.date(2026, 10, 1), title="Besuch im Oktober")
    make_event(cast, day=datetime.date(2026, 8, 1), title="Besuch im August")
    make_event(cast, office=cast.gr, title="Görlitzer Besuch")
    response = cast.client("olga").get(LIST)
    html = response.content.decode()
    assert response.context["nav"] == "outreach"
    assert [e.title for e in response.context["upcoming"]] == ["Kommender Besuch"]
    assert [e.title for e in response.context["past_page"]] == ["Besuch im Oktober"]
    assert "Besuch im August" not in html
    assert "Görlitzer Besuch" not in html


@time_machine.travel(NOW)
@pytest.mark.parametrize("name", ["carla", "gina"])
def test_counsellors_read_and_write_notes(cast, name):
    event = make_event(cast)
    OutreachNote.objects.create(event=event, author=cast.carla, text="Viele Fragen.")
    client = cast.client(name)
    assert "Viele Fragen." in client.get(detail(event)).content.decode()
    response = client.post(detail(event), {"text": "Zwei Familien brauchen Hilfe."})
    assert response.status_code == 302
    note = OutreachNote.objects.latest("pk")
    assert (note.text, note.author) == (
        "Zwei Familien brauchen Hilfe.",
        getattr(cast, name),
    )


@time_machine.travel(NOW)
def test_office_staff_see_the_event_but_not_its_notes(cast):
    event = make_event(cast)
    OutreachNote.objects.create(event=event, author=cast.carla, text="Viele Fragen.")
    client = cast.client("olga")
    response = client.get(detail(event))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Besuch Familie R." in html
    assert "Viele Fragen." not in html
    assert 'name="text"' not in html
    assert client.post(detail(event), {"text": "Ein Versuch."}).status_code == 403
    assert OutreachNote.objects.count() == 1


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    ("text", "message"),
    [("", "This field is required."), ("x" * 5001, "at most 5000 characters")],
)
def test_a_bad_note_is_refused(cast, text, message):
    event = make_event(cast)
    response = cast.client("carla").post(detail(event), {"text": text})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not OutreachNote.objects.exists()


@time_machine.travel(NOW)
def test_another_office_gets_404_on_every_event_page(cast):
    event = make_event(cast)
    otto = cast.client("otto")
    edit = reverse("schedule:outreach_edit", args=[event.pk])
    assert otto.get(detail(event)).status_code == 404
    assert otto.post(detail(event), {"text": "x"}).status_code == 404
    assert otto.get(edit).status_code == 404
    assert otto.post(edit, fields(cast)).status_code == 404
    assert "Besuch Familie R." not in otto.get(LIST).content.decode()


@time_machine.travel(NOW)
@pytest.mark.parametrize("name", ["anton", "ada", "stella"])
def test_only_the_desk_works_with_outreach(cast, name):
    event = make_event(cast)
    client = cast.client(name)
    assert client.get(LIST).status_code == 403
    assert client.get(CREATE).status_code == 403
    assert client.get(detail(event)).status_code == 403
