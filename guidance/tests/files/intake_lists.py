"""Small recognition lists built in code: CSV, XLSX and ODS."""

import csv
import io
import zipfile
from xml.sax.saxutils import escape

from openpyxl import Workbook

from accounts.models import Municipality, Office

HEADER = [
    "Name",
    "Vorname(n)",
    "Geburtsdatum",
    "Staatsangehörigkeit",
    "Wohnort",
    "Anerkannt am",
    "Aktenzeichen",
]
ROWS = [
    [
        "Haddad",
        "Rania",
        "31.12.1990",
        "Syrien",
        "Annaberg-Buchholz",
        "02.03.2026",
        "AZ-1",
    ],
    ["Ahmadi", "Zalmai", "1985", "AF", "Marienberg", "2026-03-02", "AZ-2"],
    ["Kovalenko", "Olena", "01.01.1990", "Ukraine", "Aue-Bad Schlema", "02.03.26", ""],
]
MUNICIPALITIES = ["Annaberg-Buchholz", "Aue-Bad Schlema", "Marienberg"]


def add_municipalities(office: Office) -> None:
    for name in MUNICIPALITIES:
        Municipality.objects.get_or_create(office=office, name=name)


def csv_bytes(
    rows: list[list[str]] | None = None,
    header: list[str] | None = None,
    delimiter: str = ";",
    encoding: str = "utf-8",
) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER if header is None else header)
    writer.writerows(ROWS if rows is None else rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list], merge: tuple[str, ...] = ()) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    for cells in merge:
        sheet.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_NS = "urn:oasis:names:tc:opendocument:xmlns"
_ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<manifest:manifest xmlns:manifest="{_NS}:manifest:1.0" manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{_ODS_TYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" '
    'manifest:media-type="text/xml"/></manifest:manifest>'
)
_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<office:document-content xmlns:office="{_NS}:office:1.0" '
    f'xmlns:table="{_NS}:table:1.0" xmlns:text="{_NS}:text:1.0" office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="Liste">{rows}'
    "</table:table></office:spreadsheet></office:body></office:document-content>"
)


def _ods_cell(value: object) -> str:
    if isinstance(value, tuple):  # ("date", "1990-12-31")
        kind, iso = value
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{iso}">'
            f"<text:p>{iso}</text:p></table:table-cell>"
        )
    return (
        '<table:table-cell office:value-type="string">'
        f"<text:p>{escape(str(value))}</text:p></table:table-cell>"
    )


def ods_bytes(rows: list[list]) -> bytes:
    body = "".join(
        "<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>"
        for row in [HEADER, *rows]
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
        )
        archive.writestr("META-INF/manifest.xml", _MANIFEST)
        archive.writestr("content.xml", _CONTENT.format(rows=body))
    return out.getvalue()


def upload(
    client, content: bytes, name: str = "liste.csv", source: str = "immigration"
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    return client.post(
        reverse("guidance:import_create"),
        {"file": SimpleUploadedFile(name, content), "source": source},
    )
