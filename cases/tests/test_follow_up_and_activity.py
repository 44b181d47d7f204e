import datetime

from django.utils import timezone

from cases.models import Activity, FollowUp

from .factories import make_concern, make_person


def test_activity_is_recorded_with_minutes_language_and_mediator(cast):
    concern = make_concern(cast.erz, cast.carla, make_person(cast.erz))
    response = cast.client("carla").post(
        f"/concerns/{concern.pk}/activities/new/",
        {
            "kind": "counselling",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "minutes": "45",
            "language": "prs",
            "mediator_needed": "on",
            "notes": "Beratung zur Wohnungssuche",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.minutes, activity.language, activity.mediator_needed) == (
        45,
        "prs",
        True,
    )
    assert activity.staff == cast.carla


def test_activity_with_impossible_minutes_is_refused(cast):
    concern = make_concern(cast.erz, cast.carla, make_person(cast.erz))
    client = cast.client("carla")
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    for minutes in ["0", "-5", "100000", "abc"]:
        response = client.post(
            f"/concerns/{concern.pk}/activities/new/",
            {"kind": "call", "occurred_at": now, "minutes": minutes},
        )
        assert response.status_code == 200, minutes
    assert not Activity.objects.exists()


def test_follow_up_shows_on_desk_and_can_be_marked_done_with_htmx(cast):
    concern = make_concern(
        cast.erz, cast.carla, make_person(cast.erz), assigned_to=cast.carla
    )
    client = cast.client("carla")
    due = timezone.localdate() + datetime.timedelta(days=2)
    client.post(
        f"/concerns/{concern.pk}/follow-ups/new/",
        {
            "due_on": due.isoformat(),
            "note": "Bescheid nachreichen",
            "assigned_to": cast.carla.pk,
        },
    )
    follow_up = FollowUp.objects.get()
    assert "Bescheid nachreichen" in client.get("/desk/").content.decode()
    response = client.post(
        f"/follow-ups/{follow_up.pk}/done/", headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert f'id="follow-up-{follow_up.pk}"' in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.done_at is not None
    assert "Bescheid nachreichen" not in client.get("/desk/").content.decode()


def test_marking_done_without_javascript_redirects_back(cast):
    concern = make_concern(cast.erz, cast.carla, make_person(cast.erz))
    follow_up = FollowUp.objects.create(
        concern=concern,
        due_on=timezone.localdate(),
        note="Anrufen",
        created_by=cast.carla,
    )
    response = cast.client("carla").post(
        f"/follow-ups/{follow_up.pk}/done/", {"next": f"/concerns/{concern.pk}/"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/concerns/{concern.pk}/"


def test_done_redirect_does_not_leave_the_site(cast):
    concern = make_concern(cast.erz, cast.carla, make_person(cast.erz))
    follow_up = FollowUp.objects.create(
        concern=concern,
        due_on=timezone.localdate(),
        note="Anrufen",
        created_by=cast.carla,
    )
    response = cast.client("carla").post(
        f"/follow-ups/{follow_up.pk}/done/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == f"/concerns/{concern.pk}/"
