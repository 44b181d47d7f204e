from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backups.actions import restore_backup
from backups.errors import BackupError
from backups.schema import migration_gaps


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the configured "
        "database, which must be EMPTY (an existing database is never "
        "overwritten: drop it first, or move the SQLite file away). Stop Lotse "
        "first. The result is compared with the backup's manifest; then run "
        "`manage.py smoke_check`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup file.")

    def handle(self, *args, **options) -> None:
        path = options["path"]
        try:
            contents = restore_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {path}: {len(contents.tables)} tables, {contents.rows} rows, "
            "as many as the manifest says."
        )
        gaps = migration_gaps()
        if gaps.unknown:
            self.stdout.write(
                f"The backup holds {len(gaps.unknown)} migrations this version "
                "of Lotse does not know: run the version that made it."
            )
        elif gaps.unapplied:
            self.stdout.write(
                f"This version of Lotse has {len(gaps.unapplied)} newer "
                "migrations: run `manage.py migrate`."
            )
        self.stdout.write("Next: `manage.py smoke_check`.")
