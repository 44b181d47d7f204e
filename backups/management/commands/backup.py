from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backups.actions import make_backup
from backups.errors import BackupError
from backups.manifest import manifest_path


class Command(BaseCommand):
    help = (
        "Back up the configured database while Lotse runs: SQLite through its "
        "online backup API, PostgreSQL through pg_dump (custom format). Writes "
        "var/backups/lotse-<UTC time>.<sqlite3|dump> (mode 0600: it holds "
        "everything) and a manifest <file>.json to check a restore against; "
        "the backup is complete once the manifest is there."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", type=Path, help="File to write; it must not exist yet."
        )

    def handle(self, *args, **options) -> None:
        try:
            path = make_backup(options["output"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {path}")
        self.stdout.write(f"Manifest: {manifest_path(path)}")
