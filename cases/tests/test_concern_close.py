from cases.models import ConcernType, Status

from .factories import make_concern, make_person


def test_closing_needs_an_outcome(cast):
    concern = make_concern(cast.erz, cast.carla, make_person(cast.erz))
    client = cast.client("carla")
    response = client.post(
        f"/concerns/{concern.pk}/close/", {"version": concern.version}
    )
    assert response.status_code == 200
    concern.refresh_from_db()
    assert concern.status == Status.NEW


def test_closing_sets_status_outcome_and_time(cast):
    concern = make_concern(cast.erz, cast.carla, make_person(cast.erz))
    response = cast.client("carla").post(
        f"/concerns/{concern.pk}/close/",
        {"version": concern.version, "outcome": "advised"},
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == Status.CLOSED
    assert concern.outcome == "advised"
    assert concern.closed_at is not None


def test_closing_a_complaint_needs_the_justification(cast):
    concern = make_concern(
        cast.erz, cast.carla, make_person(cast.erz), type=ConcernType.COMPLAINT
    )
    client = cast.client("carla")
    missing = client.post(
        f"/concerns/{concern.pk}/close/",
        {"version": concern.version, "outcome": "resolved"},
    )
    assert missing.status_code == 200
    done = client.post(
        f"/concerns/{concern.pk}/close/",
        {"version": concern.version, "outcome": "resolved", "justification": "partly"},
    )
    assert done.status_code == 302
    concern.refresh_from_db()
    assert concern.justification == "partly"


def test_reopen_clears_the_closing_time(cast):
    concern = make_concern(cast.erz, cast.carla, make_person(cast.erz))
    client = cast.client("carla")
    client.post(f"/concerns/{concern.pk}/close/", {"version": 1, "outcome": "advised"})
    assert client.get(f"/concerns/{concern.pk}/reopen/").status_code == 405
    client.post(f"/concerns/{concern.pk}/reopen/")
    concern.refresh_from_db()
    assert concern.status == Status.IN_PROGRESS
    assert concern.closed_at is None
