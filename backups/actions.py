"""Make a backup of the configured database, and restore one into it."""

import datetime
import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.utils import timezone

from . import postgres, sqlite
from .contents import Contents, differences
from .errors import BackupError
from .files import make_private_dir, partial_file, publish
from .manifest import check_file, describe, read_manifest, write_manifest

ENGINES: dict[str, ModuleType] = {"sqlite": sqlite, "postgresql": postgres}
# What a dump or restore raises when the disk is full, a file cannot be
# written or the database refuses; told to the operator as it is.
FAILURES = (OSError, sqlite3.Error, DatabaseError)


def make_backup(output: Path | None = None) -> Path:
    """Copy the database to a new private file with its manifest beside it."""
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    engine = engine_for(vendor)
    now = timezone.now()
    final = output or default_path(engine.SUFFIX, now)
    if final.exists():
        raise BackupError(f"{final} exists already; nothing was overwritten.")
    try:
        make_private_dir(final.parent)
        with partial_file(final) as partial:
            contents = engine.dump(partial)
            manifest = describe(partial, final.name, vendor, contents, now)
            publish(partial, final)
        write_manifest_or_drop(final, manifest)
    except FAILURES as error:
        raise BackupError(f"The backup failed and was not kept: {error}") from error
    return final


def write_manifest_or_drop(backup: Path, manifest: dict[str, Any]) -> None:
    # A backup without its manifest cannot be restored; it does not stay.
    try:
        write_manifest(backup, manifest)
    except BaseException:
        backup.unlink(missing_ok=True)
        raise


def restore_backup(backup: Path) -> Contents:
    """Restore into the configured database, which must be empty; the result
    is checked table by table against the manifest."""
    manifest = read_manifest(backup)
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    if manifest.get("vendor") != vendor:
        raise BackupError(
            f"{backup} is a backup of a {manifest.get('vendor')} database; the "
            f"configured database is {vendor}. Nothing was restored."
        )
    engine = engine_for(vendor)
    try:
        engine.ensure_empty()
        check_file(backup, manifest)
        contents = engine.restore(backup)
    except FAILURES as error:
        raise BackupError(f"The restore failed: {error}") from error
    wrong = differences(manifest.get("tables", {}), contents.tables)
    if wrong:
        raise BackupError(
            "The restored database differs from the backup's manifest:\n  "
            + "\n  ".join(wrong)
            + "\nDo not use it: empty the database and restore again, or "
            "restore an older backup."
        )
    return contents


def engine_for(vendor: str) -> ModuleType:
    if vendor not in ENGINES:
        raise BackupError(f"Backups of {vendor} databases are not supported.")
    return ENGINES[vendor]


def default_path(suffix: str, at: datetime.datetime) -> Path:
    stamp = at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return Path(settings.BASE_DIR) / "var" / "backups" / f"lotse-{stamp}.{suffix}"
