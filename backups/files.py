"""Backup files: private from the start, complete or not there at all."""

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import BackupError


def make_private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)


@contextmanager
def partial_file(final: Path) -> Iterator[Path]:
    """A temporary file beside ``final``, mode 0600 from its creation on
    (mkstemp), removed with its SQLite journal unless it was published."""
    handle, name = tempfile.mkstemp(
        dir=final.parent, prefix=f".{final.name}.", suffix=".partial"
    )
    os.close(handle)
    path = Path(name)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)
        Path(f"{path}-journal").unlink(missing_ok=True)


def publish(partial: Path, final: Path) -> None:
    """Move a finished file to its name, on disk before anyone sees it there."""
    with partial.open("rb") as written:
        os.fsync(written.fileno())
    if final.exists():
        raise BackupError(f"{final} exists already; nothing was overwritten.")
    os.replace(partial, final)
    directory = os.open(final.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
