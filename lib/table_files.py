"""Uploaded tables recognised by their content, not by their name.

A list named ``liste.csv`` may be a workbook saved under the wrong name, a
PDF or a program; only the bytes tell. XLSX and ODS are zip archives with a
known member, CSV is text. lib/uploads.py does the same for photos and PDFs.
"""

import zipfile
from io import BytesIO

CSV = "csv"
XLSX = "xlsx"
ODS = "ods"
# A zip archive that cannot be opened: a truncated or damaged workbook.
DAMAGED = "damaged"

ZIP_MAGIC = b"PK\x03\x04"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# Control characters that no text file holds (tab, line feed, form feed and
# carriage return are text); a few may be noise, more mean binary.
BINARY_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}
SAMPLE = 64 * 1024


def table_kind(content: bytes) -> str:
    """CSV, XLSX, ODS or DAMAGED by the content; "" for anything else."""
    if content.startswith(ZIP_MAGIC):
        return _workbook_kind(content)
    if _is_text(content[:SAMPLE]):
        return CSV
    return ""


def _workbook_kind(content: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                return XLSX
            if "mimetype" in names and _member(archive, "mimetype") == ODS_MIMETYPE:
                return ODS
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError):
        return DAMAGED
    return ""


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    # A hostile archive may hide gigabytes behind a small name.
    if archive.getinfo(name).file_size > 200:
        return b""
    return archive.read(name).strip()


def _is_text(sample: bytes) -> bool:
    if b"\x00" in sample or sample.startswith(b"%PDF-"):
        return False
    binary = sum(1 for byte in sample if byte in BINARY_BYTES)
    return binary <= len(sample) // 1000
