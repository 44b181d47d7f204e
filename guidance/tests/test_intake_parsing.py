"""Reading lists: encodings, separators, spreadsheets, headers and dates."""

import datetime

import pytest
from django.utils import translation

from clients.models import DatePrecision
from guidance.intake import (
    ListError,
    decode,
    parse_country,
    parse_date,
    parse_list,
    same_birth_date,
)

from .files.intake_lists import (
    HEADER,
    ROWS,
    add_municipalities,
    csv_bytes,
    ods_bytes,
    xlsx_bytes,
)

TODAY = datetime.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def erz(cast):
    add_municipalities(cast.erz)
    return cast.erz


def names(rows) -> list[str]:
    return [row.data["family_name"] for row in rows]


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("31.12.1990", datetime.date(1990, 12, 31), DatePrecision.DAY),
        ("1990-12-31", datetime.date(1990, 12, 31), DatePrecision.DAY),
        ("31.12.90", datetime.date(1990, 12, 31), DatePrecision.DAY),
        ("02.03.21", datetime.date(2021, 3, 2), DatePrecision.DAY),
        ("1990", datetime.date(1990, 1, 1), DatePrecision.YEAR),
        ("01.01.1990", datetime.date(1990, 1, 1), DatePrecision.DAY),
        ("12/1990", datetime.date(1990, 12, 1), DatePrecision.MONTH),
        (1990, datetime.date(1990, 1, 1), DatePrecision.YEAR),
        (
            datetime.datetime(1990, 5, 4, 0, 0),
            datetime.date(1990, 5, 4),
            DatePrecision.DAY,
        ),
    ],
)
def test_dates_are_read_as_text_or_cells(text, expected, precision):
    assert parse_date(text, TODAY) == (expected, precision)


@pytest.mark.parametrize("text", ["31.02.1990", "gestern", "", "1990/12/31", 12.5])
def test_what_is_no_date_is_refused(text):
    with pytest.raises(ValueError):
        parse_date(text, TODAY)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("SY", "SY"),
        ("sy", "SY"),
        ("Syrien", "SY"),
        ("Syria", "SY"),
        ("Syrian Arab Republic", "SY"),
        ("Afghanistan", "AF"),
        ("Irak", "IQ"),
        ("Iran", "IR"),
        ("Türkei", "TR"),
        ("Russische Föderation", "RU"),
        ("syrisch", "SY"),
        ("staatenlos", "XX"),
        ("ERI", "ER"),
    ],
)
def test_countries_by_code_or_german_or_english_name(text, code):
    assert parse_country(text) == code


def test_unknown_country_is_refused():
    with pytest.raises(ValueError):
        parse_country("Atlantis")


def test_year_only_matches_any_day_of_that_year():
    day = datetime.date(1990, 7, 4)
    year = datetime.date(1990, 1, 1)
    assert same_birth_date(day, DatePrecision.DAY, year, DatePrecision.YEAR)
    assert not same_birth_date(day, DatePrecision.DAY, year, DatePrecision.DAY)


def test_utf8_with_bom_and_windows_1252_read_alike():
    with_bom = b"\xef\xbb\xbf" + "Staatsangehörigkeit;Müller".encode()
    windows = "Staatsangehörigkeit;Müller".encode("cp1252")
    assert decode(with_bom) == decode(windows) == "Staatsangehörigkeit;Müller"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_in_any_encoding_and_separator(erz, encoding, delimiter):
    content = csv_bytes(delimiter=delimiter, encoding=encoding)
    rows = parse_list(content, "liste.csv", erz, TODAY)
    assert names(rows) == ["Haddad", "Ahmadi", "Kovalenko"]
    assert all(not row.errors for row in rows)
    assert rows[0].data["nationality"] == "SY"
    assert rows[0].data["municipality"] == "Annaberg-Buchholz"
    assert rows[1].data["birth_date_precision"] == DatePrecision.YEAR
    assert rows[2].data["birth_date"] == "1990-01-01"
    assert rows[2].data["birth_date_precision"] == DatePrecision.DAY
    assert rows[2].data["recognised_on"] == "2026-03-02"


def test_umlauts_survive_windows_1252(erz):
    rows = [
        ["Müller-Öztürk", "Ayşe", "31.12.1990", "TR", "Marienberg", "02.03.2026", ""]
    ]
    # ş has no place in cp1252: a real Windows list spells it s.
    rows[0][1] = "Ayse"
    content = csv_bytes(rows, encoding="cp1252")
    parsed = parse_list(content, "liste.csv", erz, TODAY)
    assert parsed[0].data["family_name"] == "Müller-Öztürk"


def test_english_headers_are_understood(erz):
    header = [
        "Family name",
        "Given names",
        "Date of birth",
        "Nationality",
        "Municipality",
        "Date of recognition",
    ]
    rows = parse_list(csv_bytes([r[:6] for r in ROWS], header), "l.csv", erz, TODAY)
    assert names(rows) == ["Haddad", "Ahmadi", "Kovalenko"]


def test_missing_columns_give_one_message_for_the_file(erz):
    header = ["Name", "Vorname", "geb.", "Wohnort"]
    content = csv_bytes([r[:2] + [r[2], r[4]] for r in ROWS], header)
    with pytest.raises(ListError) as error:
        parse_list(content, "l.csv", erz, TODAY)
    assert "nationality, recognised on" in str(error.value)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "leer.csv", "The file is empty."),
        (b"   \r\n", "leer.csv", "The file is empty."),
        (b"%PDF-1.4", "liste.pdf", "This kind of file cannot be read."),
        (b"PK\x03\x04broken", "liste.xlsx", "The spreadsheet cannot be read."),
    ],
)
def test_empty_or_unknown_files_are_refused_clearly(erz, content, name, message):
    with pytest.raises(ListError) as error:
        parse_list(content, name, erz, TODAY)
    assert str(error.value).startswith(message)


def test_header_without_rows_is_refused(erz):
    with pytest.raises(ListError) as error:
        parse_list(csv_bytes([]), "l.csv", erz, TODAY)
    assert "holds no rows" in str(error.value)


def test_xlsx_with_date_cells(erz):
    rows = [["Haddad", "Rania", datetime.date(1990, 12, 31), "SY", "Marienberg",
             datetime.datetime(2026, 3, 2), "AZ 7"]]  # fmt: skip
    parsed = parse_list(xlsx_bytes(rows), "liste.xlsx", erz, TODAY)
    assert parsed[0].data["birth_date"] == "1990-12-31"
    assert parsed[0].data["recognised_on"] == "2026-03-02"
    assert parsed[0].data["file_number"] == "AZ 7"


def test_merged_cells_in_xlsx_are_errors_on_the_rows_after_the_first(erz):
    rows = [
        ["Haddad", "Rania", "31.12.1990", "SY", "Marienberg", "02.03.2026"],
        ["Haddad", "Omar", "01.02.1988", "SY", None, "02.03.2026"],
        ["Haddad", "Nour", "05.06.2015", "SY", None, "02.03.2026"],
    ]
    parsed = parse_list(xlsx_bytes(rows, merge=("E2:E4",)), "l.xlsx", erz, TODAY)
    assert parsed[0].errors == []
    assert parsed[0].data["municipality"] == "Marienberg"
    for row in parsed[1:]:
        assert row.errors == [
            "Empty: municipality (merged cells count as empty after the first)."
        ]
    assert [row.number for row in parsed] == [2, 3, 4]


def test_ods_is_read(erz):
    rows = [["Haddad", "Rania", ("date", "1990-12-31"), "Syrien", "Marienberg",
             "02.03.2026", "AZ-1"]]  # fmt: skip
    parsed = parse_list(ods_bytes(rows), "liste.ods", erz, TODAY)
    assert parsed[0].errors == []
    assert parsed[0].data["birth_date"] == "1990-12-31"
    assert parsed[0].data["nationality"] == "SY"


def test_bad_cells_are_errors_of_their_row(erz):
    rows = [["Haddad", "Rania", "gestern", "Atlantis", "Berlin", "02.03.2030", ""]]
    parsed = parse_list(csv_bytes(rows), "l.csv", erz, TODAY)
    assert parsed[0].errors == [
        "The date of birth gestern is not a date.",
        "The date of recognition lies in the future.",
        "Unknown nationality: Atlantis.",
        "Berlin is not one of the office's municipalities.",
    ]


def test_header_spellings_are_matched_loosely():
    from guidance.intake import find_columns

    columns = find_columns(
        [
            "NACHNAME",
            "Vorname(n)",
            "geb.",
            "Staatsangehoerigkeit",
            "Gemeinde",
            "Datum der Anerkennung",
            "AZ",
            "Tel.",
            "Sprache",
        ]  # fmt: skip
    )
    assert list(columns) == [
        "family_name", "given_names", "birth_date", "nationality", "municipality",
        "recognised_on", "file_number", "phone", "language",
    ]  # fmt: skip
    assert HEADER[0] == "Name"
