"""The whole cycle on the suite's engine: back up the test database while it
is open, restore into a new empty database, and the smoke checks pass there.

The backup runs in this process (SQLite's test database lives in memory);
restore and smoke check run as `manage.py` in a process of their own against
the new database, as an operator runs them.
"""

import hashlib
import io
import json
import re
import stat

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from backups.manifest import manifest_path
from cases.tests.factories import make_concern, make_person

from .helpers import manage, query, table_names

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def records(cast):
    person = make_person(cast.erz, family="Haddad", given="Ahmad")
    concern = make_concern(cast.erz, cast.carla, person, subject="Wohnungssuche")
    return person, concern


@pytest.fixture
def backup(records, tmp_path):
    path = tmp_path / "backups" / "lotse.backup"
    call_command("backup", output=path, stdout=io.StringIO())
    return path


def test_backup_file_and_manifest_are_private_and_count_every_row(backup):
    manifest = json.loads(manifest_path(backup).read_text())

    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(manifest_path(backup).stat().st_mode) == 0o600
    assert sorted(p.name for p in backup.parent.iterdir()) == [
        "lotse.backup",
        "lotse.backup.json",
    ]
    assert manifest["vendor"] == connection.vendor
    assert manifest["bytes"] == backup.stat().st_size
    assert manifest["tables"]["clients_person"] == 1
    assert manifest["tables"]["cases_concern"] == 1
    assert manifest["tables"]["accounts_user"] == 9
    applied = MigrationRecorder(connection).applied_migrations()
    assert manifest["migrations"]["clients"] == max(
        name for app, name in applied if app == "clients"
    )


def test_backup_goes_to_var_backups_with_a_utc_timestamp(records, settings, tmp_path):
    settings.BASE_DIR = tmp_path

    call_command("backup", stdout=io.StringIO())

    folder = tmp_path / "var" / "backups"
    (written,) = (p for p in folder.iterdir() if p.suffix != ".json")
    assert re.fullmatch(r"lotse-\d{8}T\d{6}Z\.(sqlite3|dump)", written.name)
    assert manifest_path(written).exists()


def test_restored_database_passes_the_smoke_check_and_holds_the_data(
    backup, empty_database
):
    restored = manage(empty_database, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "as many as the manifest says" in restored.stdout
    assert query(empty_database, "SELECT family_name FROM clients_person") == [
        ("Haddad",)
    ]
    assert query(empty_database, "SELECT subject FROM cases_concern") == [
        ("Wohnungssuche",)
    ]
    access_log = "SELECT count(*) FROM clients_personaccess"
    logged_before = query(empty_database, access_log)

    checked = manage(empty_database, "smoke_check")

    assert checked.returncode == 0, checked.stdout + checked.stderr
    for page in ("desk", "concern list", "person page", "concern page", "statistics"):
        assert re.search(rf"^ok +erzgebirgskreis +{page} ", checked.stdout, re.M)
    assert re.search(r"^ok +goerlitz +portal start page ", checked.stdout, re.M)
    assert "FAIL" not in checked.stdout
    # The smoke check's page views are no real reads of anyone's record.
    assert query(empty_database, access_log) == logged_before


def test_restore_refuses_a_database_that_is_not_empty_and_changes_nothing(
    backup, empty_database
):
    query(empty_database, "CREATE TABLE kept (note VARCHAR(20))")
    query(empty_database, "INSERT INTO kept VALUES ('still here')")

    restored = manage(empty_database, "restore", str(backup))

    assert restored.returncode != 0
    assert "is not empty" in restored.stderr
    assert "nothing was restored" in restored.stderr
    assert table_names(empty_database) == ["kept"]
    assert query(empty_database, "SELECT note FROM kept") == [("still here",)]


def test_truncated_backup_is_refused_with_a_clear_error(backup, empty_database):
    data = backup.read_bytes()
    backup.write_bytes(data[: len(data) // 2])

    restored = manage(empty_database, "restore", str(backup))

    assert restored.returncode != 0
    assert "damaged or incomplete" in restored.stderr
    assert "Traceback" not in restored.stderr
    assert table_names(empty_database) == []


def test_corrupt_backup_with_a_matching_manifest_is_refused(backup, empty_database):
    # The manifest cannot be trusted either: the engine itself must refuse.
    backup.write_bytes(b"this is no database at all\n" * 400)
    manifest = json.loads(manifest_path(backup).read_text())
    manifest["bytes"] = backup.stat().st_size
    manifest["sha256"] = hashlib.sha256(backup.read_bytes()).hexdigest()
    manifest_path(backup).write_text(json.dumps(manifest))

    restored = manage(empty_database, "restore", str(backup))

    assert restored.returncode != 0
    assert re.search(
        r"not a readable SQLite database|pg_restore failed", restored.stderr
    )
    assert "Traceback" not in restored.stderr
    assert table_names(empty_database) == []


def test_smoke_check_lists_a_missing_migration_and_fails(backup, empty_database):
    manage(empty_database, "restore", str(backup))
    (last,) = query(
        empty_database,
        "SELECT max(name) FROM django_migrations WHERE app = 'clients'",
    )[0]
    query(empty_database, f"DELETE FROM django_migrations WHERE name = '{last}'")

    checked = manage(empty_database, "smoke_check")

    assert checked.returncode != 0
    assert f"not applied: clients.{last}" in checked.stderr
    assert "Traceback" not in checked.stderr


def test_restore_without_a_manifest_is_refused(backup):
    manifest_path(backup).unlink()

    with pytest.raises(CommandError, match="manifest a backup cannot be checked"):
        call_command("restore", str(backup))


def test_backup_of_another_engine_is_refused(backup):
    manifest = json.loads(manifest_path(backup).read_text())
    manifest["vendor"] = "oracle"
    manifest_path(backup).write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match="is a backup of a oracle database"):
        call_command("restore", str(backup))


def test_backup_that_cannot_be_written_fails_clearly_and_leaves_nothing(
    records, tmp_path
):
    (tmp_path / "a-file").write_text("")

    with pytest.raises(CommandError, match="The backup failed and was not kept"):
        call_command("backup", output=tmp_path / "a-file" / "lotse.backup")

    assert [p.name for p in tmp_path.iterdir()] == ["a-file"]


def test_backup_never_overwrites_an_existing_file(records, tmp_path):
    earlier = tmp_path / "lotse.backup"
    earlier.write_text("an earlier backup")

    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", output=earlier)

    assert earlier.read_text() == "an earlier backup"
    assert [p.name for p in tmp_path.iterdir()] == ["lotse.backup"]
