"""PostgreSQL's programs: found where Debian puts them, told clearly when
missing or failing, and never given the password on their command line."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections

from backups import postgres
from backups.errors import BackupError

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump backs up PostgreSQL only"
)


def test_missing_pg_dump_is_named_with_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(postgres, "PG_BIN", tmp_path / "postgresql" / "15" / "bin")

    with pytest.raises(BackupError, match="pg_dump was found neither on PATH"):
        postgres.find_program("pg_dump")


def test_pg_dump_is_found_in_debians_folder_when_path_lacks_it(monkeypatch, tmp_path):
    program = fake_program(tmp_path / "15" / "bin", "pg_dump", "exit 0")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(postgres, "PG_BIN", program.parent)

    assert postgres.find_program("pg_dump") == str(program)


def test_password_goes_through_the_environment_not_the_command_line(
    monkeypatch, tmp_path
):
    settings_dict = connections[DEFAULT_DB_ALIAS].settings_dict
    monkeypatch.setitem(settings_dict, "PASSWORD", "geheim-123")
    seen = tmp_path / "seen"
    program = fake_program(
        tmp_path, "pg_dump", f'echo "$* | $PGPASSWORD" > {seen}; exit 0'
    )

    postgres.run(str(program), "--format=custom")

    assert seen.read_text() == "--format=custom | geheim-123\n"


@on_postgresql
@pytest.mark.django_db
def test_failing_pg_dump_is_reported_and_leaves_no_file(monkeypatch, tmp_path):
    fake_program(
        tmp_path / "bin",
        "pg_dump",
        "echo 'pg_dump: error: could not write: No space left on device' >&2; exit 1",
    )
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    output = tmp_path / "backups" / "lotse.dump"

    with pytest.raises(CommandError, match="pg_dump failed .*No space left"):
        call_command("backup", output=output, stdout=io.StringIO())

    assert list(output.parent.iterdir()) == []


def fake_program(folder, name, script):
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / name
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(0o700)
    return program
