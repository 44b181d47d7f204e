"""A new key without downtime: put it first, `manage.py reencrypt`, drop the old.

Written under the old key, read under both, moved by the command, read under
the new key alone; the command can be interrupted and run again.
"""

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db.models import TextField, Value

from cases.management.commands.reencrypt import encrypted_columns
from cases.models import Concern
from cases.tests.factories import make_concern, make_person
from lib import crypto

from .test_encryption import raw_values

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()


def reencrypt(*args: str) -> str:
    out = StringIO()
    call_command("reencrypt", *args, stdout=out)
    return out.getvalue()


def under(key: str, stored: str) -> bool:
    try:
        Fernet(key).decrypt(stored)
    except Exception:
        return False
    return True


def every_stored_value() -> list[str]:
    return [
        value
        for column in encrypted_columns()
        for value in raw_values(column.model, column.field.column)
        if value
    ]


@pytest.fixture
def old_concerns(cast, settings):
    settings.FIELD_KEYS = [OLD]
    return [
        make_concern(cast.erz, cast.carla, make_person(cast.erz), description=text)
        for text in ["Asthma", "Schwanger", "Konvertiert"]
    ]


def test_rotation_moves_every_value_to_the_new_key(old_concerns, settings):
    settings.FIELD_KEYS = [NEW, OLD]
    assert Concern.objects.get(pk=old_concerns[0].pk).description == "Asthma"
    with pytest.raises(CommandError, match="still under an old key"):
        reencrypt("--check")

    output = reencrypt()

    assert "cases.Concern.description: 3 re-encrypted" in output
    # Each concern was saved twice (created, then its persons): six versions.
    assert "cases.HistoricalConcern.description: 6 re-encrypted" in output
    assert "under the current key" in reencrypt("--check")
    for model in (Concern, Concern.history.model):
        stored = [value for value in raw_values(model, "description") if value]
        assert stored and all(under(NEW, value) for value in stored)
    settings.FIELD_KEYS = [NEW]
    descriptions = Concern.objects.order_by("pk").values_list("description", flat=True)
    assert list(descriptions) == ["Asthma", "Schwanger", "Konvertiert"]


def test_a_second_run_changes_nothing(old_concerns, settings):
    settings.FIELD_KEYS = [NEW, OLD]
    reencrypt()
    stored = raw_values(Concern, "description")
    assert "0 values re-encrypted" in reencrypt()
    assert raw_values(Concern, "description") == stored


def test_an_interrupted_run_keeps_its_batches_and_goes_on(
    old_concerns, settings, monkeypatch
):
    settings.FIELD_KEYS = [NEW, OLD]
    monkeypatch.setattr(crypto, "BATCH_SIZE", 2)
    rotate, calls = crypto.rotate, []

    def failing_rotate(stored: str) -> str:
        calls.append(stored)
        if len(calls) == 3:
            raise RuntimeError("power cut")
        return rotate(stored)

    monkeypatch.setattr(crypto, "rotate", failing_rotate)
    with pytest.raises(RuntimeError):
        reencrypt()
    # The first batch of two was committed, the second rolled back.
    assert sum(under(NEW, value) for value in every_stored_value()) == 2

    monkeypatch.setattr(crypto, "rotate", rotate)
    reencrypt()
    assert "under the current key" in reencrypt("--check")


def test_a_value_no_key_opens_is_reported_and_left_alone(old_concerns, settings):
    settings.FIELD_KEYS = [NEW, OLD]
    lost = Fernet(Fernet.generate_key()).encrypt(b"verloren").decode()
    Concern.objects.filter(pk=old_concerns[0].pk).update(
        description=Value(lost, output_field=TextField())
    )
    with pytest.raises(CommandError, match="1 values cannot be decrypted"):
        reencrypt()
    stored = raw_values(Concern, "description")
    assert lost in stored
    assert sum(under(NEW, value) for value in stored) == 2
    with pytest.raises(CommandError, match="1 values cannot be decrypted"):
        reencrypt("--check")
