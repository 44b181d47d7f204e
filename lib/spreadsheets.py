"""CSV as German Excel opens it: semicolons, CRLF, UTF-8 with a byte order
mark, and no text that a spreadsheet would run as a formula."""

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defused(text: str) -> str:
    """Text that a spreadsheet would take for a formula, quoted as text."""
    return f"'{text}" if text.startswith(FORMULA_START) else text


def excel_csv(rows: Iterable[Sequence[str]]) -> bytes:
    """The rows, already turned into text, as the bytes of a CSV file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode()
