from cases.models import Concern

from .factories import make_concern, make_person


def edit_post(concern: Concern, **changes):
    data = {
        "type": concern.type,
        "channel": concern.channel,
        "subject": concern.subject,
        "description": concern.description,
        "status": concern.status,
        "opened_on": concern.opened_on.isoformat(),
        "persons": [str(p.pk) for p in concern.persons.all()],
        "version": str(concern.version),
    }
    data.update(changes)
    return data


def test_edit_saves_and_raises_version(cast):
    concern = make_concern(cast.erz, cast.carla, make_person(cast.erz))
    response = cast.client("carla").post(
        f"/concerns/{concern.pk}/edit/", edit_post(concern, subject="Neuer Betreff")
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.subject == "Neuer Betreff"
    assert concern.version == 2


def test_second_save_of_same_version_is_refused_showing_changes(cast):
    concern = make_concern(cast.erz, cast.carla, make_person(cast.erz))
    carla, dieter = cast.client("carla"), cast.client("dieter")
    # Both open the form at version 1.
    first = edit_post(concern, subject="Carlas Betreff", status="in_progress")
    second = edit_post(concern, subject="Dieters Betreff", description="Dieters Notiz")
    assert carla.post(f"/concerns/{concern.pk}/edit/", first).status_code == 302
    response = dieter.post(f"/concerns/{concern.pk}/edit/", second)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this concern in the meantime" in page
    # What Carla saved and what Dieter typed are both shown; Dieter's input stays.
    assert "Carlas Betreff" in page
    assert 'value="Dieters Betreff"' in page
    assert "Dieters Notiz" in page
    concern.refresh_from_db()
    assert concern.subject == "Carlas Betreff"
    assert concern.version == 2


def test_resubmitting_after_conflict_knowingly_overwrites(cast):
    concern = make_concern(cast.erz, cast.carla, make_person(cast.erz))
    carla, dieter = cast.client("carla"), cast.client("dieter")
    carla.post(
        f"/concerns/{concern.pk}/edit/", edit_post(concern, subject="Carlas Betreff")
    )
    dieter.post(
        f"/concerns/{concern.pk}/edit/", edit_post(concern, subject="Dieters Betreff")
    )
    concern.refresh_from_db()
    response = dieter.post(
        f"/concerns/{concern.pk}/edit/", edit_post(concern, subject="Dieters Betreff")
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.subject == "Dieters Betreff"
    assert concern.version == 3


def test_every_change_is_kept_in_the_history_with_its_author(cast):
    concern = make_concern(cast.erz, cast.carla, make_person(cast.erz))
    before = concern.history.count()
    cast.client("dieter").post(
        f"/concerns/{concern.pk}/edit/", edit_post(concern, subject="Geändert")
    )
    latest = concern.history.first()
    assert latest.history_user == cast.dieter
    assert latest.subject == "Geändert"
    assert latest.prev_record.subject == "Frage zum Bürgergeld"
    assert concern.history.count() > before
    page = cast.client("carla").get(f"/concerns/{concern.pk}/").content.decode()
    assert "Subject: “<bdi>Frage zum Bürgergeld</bdi>” → “<bdi>Geändert</bdi>”" in page
    cast.gina.assigned_concerns.add(concern)
    guide_page = cast.client("gina").get(f"/concerns/{concern.pk}/").content.decode()
    assert "Change history" not in guide_page


def test_office_staff_edit_keeps_the_note_they_cannot_see(cast):
    concern = make_concern(cast.erz, cast.carla, make_person(cast.erz))
    data = edit_post(concern, subject="Termin verlegt")
    del data["description"]
    response = cast.client("olga").post(f"/concerns/{concern.pk}/edit/", data)
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.description == "Vertrauliche Notiz"
    page = cast.client("olga").get(f"/concerns/{concern.pk}/").content.decode()
    assert "Vertrauliche Notiz" not in page
