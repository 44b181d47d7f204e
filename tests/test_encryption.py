"""Counselling texts are encrypted at rest (lib/crypto.py).

The raw columns, read past the ORM, must never hold the text; the pages must
show it; nothing may filter on ciphertext by mistake.
"""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError, ValidationError
from django.db import connection
from django.db.models import Model, TextField, Value
from django.utils import timezone

from cases.management.commands.reencrypt import encrypted_columns
from cases.models import Activity, Concern, Referral
from cases.tests.factories import make_concern, make_partner, make_person
from guidance.models import CareSpell, PlanStep
from guidance.tests.factories import make_care
from lib import crypto
from portal.models import Submission
from schedule.models import Appointment, OutreachEvent, OutreachNote
from schedule.tests.factories import make_site

ROOT = Path(__file__).resolve().parent.parent
SECRET = "Depression nach der Flucht, Behandlung bei Dr. Weiß"

# Every encrypted column. A field encrypted later must be added here and get a
# row in fill_every_encrypted_column, so that its raw column is checked too.
ENCRYPTED = {
    "cases.Concern.description",
    "cases.Concern.outcome_note",
    "cases.HistoricalConcern.description",
    "cases.HistoricalConcern.outcome_note",
    "cases.Activity.notes",
    "cases.HistoricalActivity.notes",
    "cases.Referral.reason",
    "cases.Referral.result",
    "cases.HistoricalReferral.reason",
    "cases.HistoricalReferral.result",
    "guidance.Care.end_note",
    "guidance.HistoricalCare.end_note",
    "guidance.CareSpell.handover_note",
    "guidance.PlanStep.note",
    "guidance.HistoricalPlanStep.note",
    "portal.Submission.public_answer",
    "schedule.Appointment.subject",
    "schedule.HistoricalAppointment.subject",
    "schedule.OutreachNote.text",
}


def raw_values(model: type[Model], column: str) -> list[str]:
    """The column as stored, read past the ORM."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote(column)} FROM {quote(model._meta.db_table)}")
        return [row[0] for row in cursor.fetchall()]


def assert_encrypted(model: type[Model], column: str, text: str) -> None:
    stored = [value for value in raw_values(model, column) if value]
    assert stored, f"{model._meta.label}.{column} holds no value to check"
    for value in stored:
        assert text not in value
        assert text.split()[0] not in value
        assert crypto.decrypt(value) == text


def test_concern_description_and_activity_note_are_stored_encrypted(cast):
    person = make_person(cast.erz)
    client = cast.client("carla")
    created = client.post(
        "/concerns/new/",
        {
            "type": "visit",
            "channel": "consultation_hour",
            "subject": "Anmeldung beim Jobcenter",
            "description": SECRET,
            "status": "new",
            "opened_on": timezone.localdate().isoformat(),
            "persons": [str(person.pk)],
        },
    )
    assert created.status_code == 302
    concern = Concern.objects.get()
    noted = client.post(
        f"/concerns/{concern.pk}/activities/new/",
        {
            "kind": "counselling",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "minutes": "30",
            "notes": SECRET,
        },
    )
    assert noted.status_code == 302

    assert_encrypted(Concern, "description", SECRET)
    assert_encrypted(Concern.history.model, "description", SECRET)
    assert_encrypted(Activity, "notes", SECRET)
    assert_encrypted(Activity.history.model, "notes", SECRET)
    page = client.get(f"/concerns/{concern.pk}/").content.decode()
    assert page.count("Weiß") >= 2  # description and activity, decrypted


def fill_every_encrypted_column(cast) -> None:
    person = make_person(cast.erz)
    concern = make_concern(
        cast.erz, cast.carla, person, description=SECRET, outcome_note=SECRET
    )
    Activity.objects.create(
        concern=concern, kind="call", minutes=5, notes=SECRET, staff=cast.carla
    )
    Referral.objects.create(
        concern=concern,
        partner=make_partner(cast.erz),
        shares_personal_data=False,
        reason=SECRET,
        result=SECRET,
        created_by=cast.carla,
    )
    care = make_care(cast.erz, person, cast.gina, cast.carla, end_note=SECRET)
    CareSpell.objects.filter(care=care).update(handover_note=SECRET)
    PlanStep.objects.create(care=care, position=1, title="Jobcenter", note=SECRET)
    Submission.objects.create(
        concern=concern,
        kind="complaint",
        portal_language="de",
        consent_at=timezone.now(),
        code_digest="c" * 64,
        form_token="t" * 64,
        public_answer=SECRET,
    )
    start = timezone.now() + datetime.timedelta(days=1)
    Appointment.objects.create(
        office=cast.erz,
        site=make_site(cast.erz),
        staff=cast.carla,
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=30),
        source="staff",
        subject=SECRET,
    )
    event = OutreachEvent.objects.create(
        office=cast.erz,
        kind="visit",
        title="Besuch",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        place="Gemeinschaftsunterkunft Schneeberg",
        created_by=cast.carla,
    )
    OutreachNote.objects.create(event=event, author=cast.carla, text=SECRET)


def test_no_encrypted_column_holds_its_text(cast):
    fill_every_encrypted_column(cast)
    columns = encrypted_columns()
    assert {str(column) for column in columns} == ENCRYPTED
    for column in columns:
        assert_encrypted(column.model, column.field.column, SECRET)


def test_text_comes_back_as_written(cast):
    texts = ["Kopftuch, Ramadan: Termin nach 18 Uhr", "Травма, лікар", "صداع", "x"]
    concern = make_concern(cast.erz, cast.carla, anonymous=True)
    for text in texts:
        concern.description = text
        concern.save()
        concern.refresh_from_db()
        assert concern.description == text
    assert Concern.objects.values_list("description", flat=True).get() == "x"


def test_same_text_is_stored_differently_each_time(cast):
    first = make_concern(cast.erz, cast.carla, anonymous=True, description=SECRET)
    second = make_concern(cast.erz, cast.carla, anonymous=True, description=SECRET)
    stored = raw_values(Concern, "description")
    assert len(set(stored)) == 2
    assert first.description == second.description == SECRET


def test_empty_text_stays_empty_so_there_is_a_note_can_be_asked(cast):
    without = make_concern(cast.erz, cast.carla, anonymous=True, description="")
    with_note = make_concern(cast.erz, cast.carla, anonymous=True, description="Ja")
    assert raw_values(Concern, "description").count("") == 1
    assert list(Concern.objects.filter(description="")) == [without]
    assert list(Concern.objects.exclude(description="")) == [with_note]
    assert not Concern.objects.filter(description__isnull=True).exists()


@pytest.mark.parametrize(
    "lookup",
    [
        {"description": "Ja"},
        {"description__icontains": "ja"},
        {"description__startswith": "J"},
        {"description__in": ["Ja"]},
        {"description__lower": "ja"},
        {"notes__contains": "x"},
    ],
)
def test_filtering_on_the_text_of_an_encrypted_field_raises(cast, lookup):
    model = Activity if "notes__contains" in lookup else Concern
    with pytest.raises(FieldError, match="is encrypted"):
        list(model.objects.filter(**lookup))


def test_a_value_no_key_opens_raises_an_error_naming_the_field(cast):
    concern = make_concern(cast.erz, cast.carla, anonymous=True, description="Ja")
    foreign = Fernet(Fernet.generate_key()).encrypt(b"Ja").decode()
    for stored in [foreign, "Klartext aus einer alten Sicherung"]:
        Concern.objects.filter(pk=concern.pk).update(
            description=Value(stored, output_field=TextField())
        )
        with pytest.raises(crypto.DecryptionError, match="cases.Concern.description"):
            Concern.objects.get(pk=concern.pk)


def test_a_limited_field_checks_the_length_of_the_text(cast):
    field = Appointment._meta.get_field("subject")
    assert field.max_length == 300
    with pytest.raises(ValidationError) as refused:
        field.clean("x" * 301, None)
    assert refused.value.error_list[0].code == "max_length"
    assert field.clean("x" * 300, None) == "x" * 300


def test_staff_search_by_name_and_number_still_works(cast):
    person = make_person(cast.erz, "Haddad", "Mohammed")
    concern = make_concern(cast.erz, cast.carla, person, description=SECRET)
    client = cast.client("carla")
    by_name = client.get("/search/", {"q": "Muhammad Hadad"}).content.decode()
    assert "Haddad, Mohammed" in by_name
    by_number = client.get("/search/", {"q": concern.number})
    assert by_number["Location"] == f"/concerns/{concern.pk}/"
    persons = client.get("/clients/", {"q": "Mohammed"}).content.decode()
    assert "Haddad, Mohammed" in persons


def test_keys_in_settings_are_checked(settings):
    settings.FIELD_KEYS = [Fernet.generate_key().decode()]
    assert crypto.check_field_keys() == []
    settings.FIELD_KEYS = []
    assert [error.id for error in crypto.check_field_keys()] == ["lotse.E101"]
    settings.FIELD_KEYS = [Fernet.generate_key().decode(), "geheim"]
    errors = crypto.check_field_keys()
    assert [error.id for error in errors] == ["lotse.E102"]
    assert "Key number 2" in errors[0].msg
    assert "geheim" not in errors[0].msg


def manage_check(**env: str) -> subprocess.CompletedProcess:
    """`manage.py check` as production starts it: no debug, no demo."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LOTSE_")}
    clean |= {
        "LOTSE_PRODUCTION": "1",
        "LOTSE_SECRET_KEY": "a-production-secret-key-" + "x" * 40,
        "LOTSE_ALLOWED_HOSTS": "lotse.example.org",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_a_key_fails_the_system_check():
    missing = manage_check()
    assert missing.returncode != 0
    assert "lotse.E101" in missing.stderr
    assert "LOTSE_FIELD_KEYS is not set" in missing.stderr
    malformed = manage_check(LOTSE_FIELD_KEYS="not-a-key")
    assert malformed.returncode != 0
    assert "lotse.E102" in malformed.stderr
    given = manage_check(LOTSE_FIELD_KEYS=Fernet.generate_key().decode())
    assert "lotse.E10" not in given.stdout + given.stderr
