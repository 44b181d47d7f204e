"""An existing installation upgrades in place: the migrations encrypt the
texts written before, batch by batch, and going back decrypts them."""

import datetime

import pytest

from cases.models import Activity, Concern
from guidance.models import Care
from lib import crypto
from schedule.models import Appointment, OutreachNote
from tests.migrations import latest, migrate

from .test_encryption import raw_values

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BEFORE = [
    ("cases", "0005_concern_accommodation"),
    ("guidance", "0001_guide_service"),
    ("portal", "0003_throttle_sweep_index"),
    ("schedule", "0002_appointment_mediator_request"),
]
NOTE = "Angst vor der Abschiebung, schläft schlecht"
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def write_plain_texts(old, cast) -> None:
    """Rows as they were before the upgrade, through the old models."""
    concern = old.get_model("cases", "Concern").objects.create(
        office_id=cast.erz.pk,
        number="ERZ-2026-00001",
        year=2026,
        sequence=1,
        type="visit",
        channel="phone",
        subject="Beratung",
        description=NOTE,
        created_by_id=cast.carla.pk,
    )
    activities = old.get_model("cases", "Activity").objects
    for minutes in range(1, 6):
        activities.create(
            concern=concern,
            kind="call",
            minutes=minutes,
            notes=NOTE,
            staff_id=cast.carla.pk,
        )
    activities.create(
        concern=concern, kind="call", minutes=9, notes="", staff_id=cast.carla.pk
    )
    person = old.get_model("clients", "Person").objects.create(
        office_id=cast.erz.pk, family_name="Haddad", name_key=" hdd "
    )
    old.get_model("guidance", "Care").objects.create(
        office_id=cast.erz.pk,
        person=person,
        source="self",
        end_note=NOTE,
        created_by_id=cast.carla.pk,
    )
    site = old.get_model("accounts", "Site").objects.create(
        office_id=cast.erz.pk, name="Stollberg"
    )
    old.get_model("schedule", "Appointment").objects.create(
        office_id=cast.erz.pk,
        site=site,
        staff_id=cast.carla.pk,
        starts_at=START,
        ends_at=START + datetime.timedelta(minutes=30),
        source="staff",
        subject=NOTE,
    )
    event = old.get_model("schedule", "OutreachEvent").objects.create(
        office_id=cast.erz.pk,
        kind="visit",
        title="Besuch",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=1),
        place="Schneeberg",
        created_by_id=cast.carla.pk,
    )
    old.get_model("schedule", "OutreachNote").objects.create(
        event=event, text=NOTE, author_id=cast.carla.pk
    )


COLUMNS = [
    (Concern, "description"),
    (Activity, "notes"),
    (Care, "end_note"),
    (Appointment, "subject"),
    (OutreachNote, "text"),
]


def test_upgrade_encrypts_existing_texts_and_going_back_decrypts(cast, monkeypatch):
    # Small batches, so that the rows of one table span several.
    monkeypatch.setattr(crypto, "BATCH_SIZE", 2)
    old = migrate(BEFORE)
    try:
        write_plain_texts(old, cast)
        migrate(latest())

        for model, column in COLUMNS:
            stored = raw_values(model, column)
            assert all(NOTE not in value for value in stored), model
            assert {crypto.decrypt(v) for v in stored if v} == {NOTE}, model
        assert raw_values(Activity, "notes").count("") == 1
        assert Concern.objects.get().description == NOTE
        assert set(Activity.objects.values_list("notes", flat=True)) == {NOTE, ""}
        assert Appointment.objects.get().subject == NOTE

        migrate(BEFORE)
        for model, column in COLUMNS:
            assert set(raw_values(model, column)) - {""} == {NOTE}, model
    finally:
        migrate(latest())
