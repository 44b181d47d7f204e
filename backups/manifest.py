"""The manifest beside each backup: what the file holds, to check a restore.

It is written last, so a backup without its manifest is incomplete.
"""

import datetime
import json
from pathlib import Path
from typing import Any

from .contents import Contents
from .errors import BackupError
from .files import partial_file, publish, sha256_of

FORMAT = 1


def manifest_path(backup: Path) -> Path:
    return backup.with_name(f"{backup.name}.json")


def describe(
    backup: Path, name: str, vendor: str, contents: Contents, at: datetime.datetime
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "file": name,
        "bytes": backup.stat().st_size,
        "sha256": sha256_of(backup),
        "vendor": vendor,
        "created_at": at.astimezone(datetime.UTC).isoformat(timespec="seconds"),
        "migrations": contents.migrations,
        "tables": contents.tables,
    }


def write_manifest(backup: Path, manifest: dict[str, Any]) -> Path:
    path = manifest_path(backup)
    with partial_file(path) as partial:
        partial.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        publish(partial, path)
    return path


def read_manifest(backup: Path) -> dict[str, Any]:
    path = manifest_path(backup)
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise BackupError(
            f"{path} is missing. Without its manifest a backup cannot be checked "
            "and is taken as incomplete; nothing was restored."
        ) from error
    except (OSError, ValueError) as error:
        raise BackupError(f"{path} cannot be read: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a manifest of format {FORMAT}.")
    return manifest


def check_file(backup: Path, manifest: dict[str, Any]) -> None:
    """The file is the one that was written: not truncated, not altered."""
    try:
        size, digest = backup.stat().st_size, sha256_of(backup)
    except OSError as error:
        raise BackupError(f"{backup} cannot be read: {error}") from error
    if (size, digest) != (manifest.get("bytes"), manifest.get("sha256")):
        raise BackupError(
            f"{backup} does not match its manifest ({size} bytes, expected "
            f"{manifest.get('bytes')}; the SHA-256 checksum differs): the file is "
            "damaged or incomplete. Nothing was restored."
        )
