"""Reading recognition lists and checking their rows (seed 004, question 2).

A list arrives as CSV (UTF-8 with or without BOM, or Windows-1252; comma,
semicolon or tab), XLSX or ODS. Its columns are found by their headers in
German or English, each row is cleaned into a plain dict (what ImportRow.data
stores) and then compared with the office's persons: the name folded as in
lib.names and the date of birth as precisely as both sides know it. Nothing
here writes; see intake_actions.
"""

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import charset_normalizer
import pycountry
import python_calamine
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Office
from clients.models import DatePrecision, Person
from dedupe.merge import merged_away_ids
from lib.iso import COMMON_LANGUAGES, STATELESS, _translation, is_language_code
from lib.names import name_tokens

from .models import Care, CareKind, RowOutcome

MAX_BYTES = 20 * 1024 * 1024
EXTENSIONS = (".csv", ".xlsx", ".ods")

Cell = (
    str
    | int
    | float
    | bool
    | datetime.date
    | datetime.datetime
    | datetime.time
    | datetime.timedelta
    | None
)

# Header spellings per column, folded by _fold_header.
HEADERS: dict[str, tuple[str, ...]] = {
    "family_name": (
        "name",
        "nachname",
        "familienname",
        "family name",
        "surname",
        "last name",
    ),
    "given_names": (
        "vorname",
        "vornamen",
        "given name",
        "given names",
        "first name",
        "first names",
        "forename",
    ),
    "birth_date": (
        "geburtsdatum",
        "geb",
        "geboren",
        "geboren am",
        "date of birth",
        "birth date",
        "birthdate",
        "dob",
    ),
    "nationality": (
        "staatsangehorigkeit",
        "staatsangehoerigkeit",
        "nationalitat",
        "nationality",
        "citizenship",
    ),
    "municipality": (
        "wohnort",
        "gemeinde",
        "wohngemeinde",
        "ort",
        "municipality",
        "place of residence",
        "residence",
    ),
    "recognised_on": (
        "anerkannt am",
        "datum der anerkennung",
        "anerkennungsdatum",
        "anerkennung",
        "recognised on",
        "recognized on",
        "date of recognition",
        "recognition date",
    ),
    "file_number": ("aktenzeichen", "az", "file number", "reference"),
    "phone": ("telefon", "tel", "telefonnummer", "phone", "phone number"),
    "language": ("sprache", "muttersprache", "language"),
}
REQUIRED = (
    "family_name",
    "given_names",
    "birth_date",
    "nationality",
    "municipality",
    "recognised_on",
)
# A cell of these may be empty (people with one name only).
MAY_BE_EMPTY = {"given_names"}


class ListError(Exception):
    """The file as a whole cannot be used; the message says why."""


@dataclass
class ParsedRow:
    number: int  # as the spreadsheet shows it: the header is row 1
    data: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


@dataclass
class CheckedRow:
    number: int
    data: dict[str, Any]
    outcome: str
    message: str = ""
    person_id: int | None = None


# --- Reading the file ----------------------------------------------------------


def read_table(content: bytes, name: str) -> list[list[Cell]]:
    """The first sheet's rows, header first; ListError when unreadable."""
    if not content.strip():
        raise ListError(_("The file is empty."))
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix == "csv":
        return _read_csv(content)
    if suffix in ("xlsx", "ods"):
        return _read_workbook(content)
    raise ListError(
        _("This kind of file cannot be read. Upload a CSV, XLSX or ODS file.")
    )


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, else the best guess.

    Lists from German Windows machines are cp1252; a guess on short German
    text often lands on a wrong code page, so the guess comes last.
    """
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            pass
    best = charset_normalizer.from_bytes(content[:200_000]).best()
    try:
        return content.decode(best.encoding if best else "cp1252", errors="replace")
    except LookupError:
        return content.decode("cp1252", errors="replace")


def _read_csv(content: bytes) -> list[list[Cell]]:
    text = decode(content)
    sample = text[:20_000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        delimiter = max(";,\t", key=first.count)
        dialect = type("Guessed", (csv.excel,), {"delimiter": delimiter})
    rows: list[list[Cell]] = []
    for row in csv.reader(io.StringIO(text, newline=""), dialect):
        rows.append(list(row))
    return rows


def _read_workbook(content: bytes) -> list[list[Cell]]:
    try:
        workbook = python_calamine.load_workbook(io.BytesIO(content))
        sheet = workbook.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises several kinds of its own
        raise ListError(
            _("The spreadsheet cannot be read. Is it damaged or protected?")
        ) from error
    return [list(row) for row in rows]


# --- Finding the columns -------------------------------------------------------


def _fold_header(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text).replace("ß", "ss"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^a-z0-9]+", " ", text.replace("(n)", "n"))
    return " ".join(text.split())


_HEADER_INDEX = {
    spelling: key for key, spellings in HEADERS.items() for spelling in spellings
}


def find_columns(header: list[Cell]) -> dict[str, int]:
    """Which column holds which field; ListError naming every missing one."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = _HEADER_INDEX.get(_fold_header(str(cell or "")))
        if key and key not in found:
            found[key] = index
    missing = [key for key in REQUIRED if key not in found]
    if missing:
        names = ", ".join(str(column_label(key)) for key in missing)
        raise ListError(
            _(
                "The list lacks these columns: %(names)s. The first row must "
                "name the columns, for example Name, Vorname, Geburtsdatum, "
                "Staatsangehörigkeit, Wohnort, Anerkannt am."
            )
            % {"names": names}
        )
    return found


def column_label(key: str) -> str:
    labels = {
        "family_name": _("family name"),
        "given_names": _("given names"),
        "birth_date": _("date of birth"),
        "nationality": _("nationality"),
        "municipality": _("municipality"),
        "recognised_on": _("recognised on"),
        "file_number": _("file number"),
        "phone": _("phone"),
        "language": _("language"),
    }
    return labels[key]


# --- Cleaning the cells --------------------------------------------------------

_DOTTED = re.compile(r"^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4}|\d{2})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?$")
_MONTH = re.compile(r"^(\d{1,2})[./](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")


def parse_date(value: Cell, today: datetime.date) -> tuple[datetime.date, str]:
    """A date and its precision; ValueError when it is none.

    01.01.1990 stays a full date: only "1990" alone means year only.
    """
    if isinstance(value, datetime.datetime):
        return value.date(), DatePrecision.DAY
    if isinstance(value, datetime.date):
        return value, DatePrecision.DAY
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1900 <= value <= 2100:
            return datetime.date(int(value), 1, 1), DatePrecision.YEAR
        raise ValueError(value)
    text = str(value or "").strip()
    if match := _DOTTED.match(text):
        day, month, year = (int(part) for part in match.groups())
        if len(match.group(3)) == 2:
            # 31.12.90 is 1990; 03.04.21 is 2021.
            year += 2000 if year <= today.year % 100 else 1900
        return datetime.date(year, month, day), DatePrecision.DAY
    if match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
        return datetime.date(year, month, day), DatePrecision.DAY
    if match := _MONTH.match(text):
        month, year = (int(part) for part in match.groups())
        return datetime.date(year, month, 1), DatePrecision.MONTH
    if match := _YEAR.match(text):
        return datetime.date(int(match.group(1)), 1, 1), DatePrecision.YEAR
    raise ValueError(text)


def _fold_name(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


# Adjectives and short forms that lists use instead of country names.
_COUNTRY_ALIASES = {
    "syrisch": "SY",
    "afghanisch": "AF",
    "irakisch": "IQ",
    "iranisch": "IR",
    "ukrainisch": "UA",
    "russisch": "RU",
    "russland": "RU",
    "russia": "RU",
    "turkisch": "TR",
    "turkey": "TR",
    "eritreisch": "ER",
    "somalisch": "SO",
    "georgisch": "GE",
    "venezolanisch": "VE",
    "kolumbianisch": "CO",
    "nigerianisch": "NG",
    "pakistanisch": "PK",
    "libanesisch": "LB",
    "palastinensisch": "PS",
    "jemenitisch": "YE",
    "athiopisch": "ET",
    "staatenlos": STATELESS,
    "ungeklart": STATELESS,
    "ungeklaert": STATELESS,
    "stateless": STATELESS,
    "unknown": STATELESS,
    "unbekannt": STATELESS,
}


@cache
def _country_names() -> dict[str, str]:
    german = _translation("iso3166-1", "de")
    names: dict[str, str] = {}
    for country in pycountry.countries:
        spellings = [country.name]
        spellings += [
            getattr(country, attr, "") for attr in ("common_name", "official_name")
        ]
        spellings += [german.gettext(s) for s in list(spellings) if s]
        for spelling in spellings:
            if not spelling:
                continue
            names.setdefault(_fold_name(spelling), country.alpha_2)
            # "Iran, Islamische Republik" is also written "Iran".
            names.setdefault(_fold_name(spelling.split(",")[0]), country.alpha_2)
        names.setdefault(country.alpha_3.lower(), country.alpha_2)
    return names | _COUNTRY_ALIASES


def parse_country(text: str) -> str:
    """ISO 3166-1 alpha-2 from a code or a German or English name."""
    value = text.strip()
    if len(value) == 2 and value.isalpha():
        code = value.upper()
        if code == STATELESS or pycountry.countries.get(alpha_2=code):
            return code
    found = _country_names().get(_fold_name(value))
    if found is None:
        raise ValueError(value)
    return found


@cache
def _language_names() -> dict[str, str]:
    german = _translation("iso639-3", "de")
    names: dict[str, str] = {}
    for code in COMMON_LANGUAGES:
        language = pycountry.languages.get(alpha_3=code)
        if language is None:
            continue
        for spelling in (language.name, german.gettext(language.name)):
            names.setdefault(_fold_name(spelling), code)
    return names


def parse_language(text: str) -> str:
    value = text.strip()
    if len(value) == 3 and is_language_code(value.lower()):
        return value.lower()
    found = _language_names().get(_fold_name(value))
    if found is None:
        raise ValueError(value)
    return found


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone or file number typed as a number
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d.%m.%Y")
    return " ".join(str(value).split())


def municipality_index(office: Office) -> dict[str, tuple[int, str]]:
    return {
        _fold_name(name): (pk, name)
        for pk, name in office.municipalities.values_list("pk", "name")
    }


def clean_row(
    number: int,
    cells: list[Cell],
    columns: dict[str, int],
    municipalities: dict[str, tuple[int, str]],
    today: datetime.date,
) -> ParsedRow:
    row = ParsedRow(number)

    def cell(key: str) -> Cell:
        index = columns.get(key)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    empty = [
        key for key in REQUIRED if key not in MAY_BE_EMPTY and not _text(cell(key))
    ]
    if empty:
        names = ", ".join(column_label(key) for key in empty)
        row.errors.append(
            _("Empty: %(names)s (merged cells count as empty after the first).")
            % {"names": names}
        )
    data = row.data
    data["family_name"] = _text(cell("family_name"))[:120]
    data["given_names"] = _text(cell("given_names"))[:120]
    data["file_number"] = _text(cell("file_number"))[:100]
    data["phone"] = _text(cell("phone"))[:50]
    _clean_dates(row, cell("birth_date"), cell("recognised_on"), today)
    nationality = _text(cell("nationality"))
    if nationality:
        try:
            data["nationality"] = parse_country(nationality)
        except ValueError:
            row.errors.append(
                _("Unknown nationality: %(value)s.") % {"value": nationality}
            )
    place = _text(cell("municipality"))
    if place:
        found = municipalities.get(_fold_name(place))
        if found is None:
            row.errors.append(
                _("%(value)s is not one of the office's municipalities.")
                % {"value": place}
            )
        else:
            data["municipality_id"], data["municipality"] = found
    language = _text(cell("language"))
    if language:
        try:
            data["language"] = parse_language(language)
        except ValueError:
            row.errors.append(_("Unknown language: %(value)s.") % {"value": language})
    return row


def _clean_dates(
    row: ParsedRow, born: Cell, recognised: Cell, today: datetime.date
) -> None:
    if _text(born):
        try:
            birth_date, precision = parse_date(born, today)
        except ValueError:
            row.errors.append(
                _("The date of birth %(value)s is not a date.") % {"value": _text(born)}
            )
        else:
            if birth_date > today or birth_date.year < 1900:
                row.errors.append(_("The date of birth is not plausible."))
            row.data["birth_date"] = birth_date.isoformat()
            row.data["birth_date_precision"] = str(precision)
    if _text(recognised):
        try:
            recognised_on, precision = parse_date(recognised, today)
        except ValueError:
            precision = ""
        if precision != DatePrecision.DAY:
            row.errors.append(
                _("Recognised on %(value)s is not a full date.")
                % {"value": _text(recognised)}
            )
        elif recognised_on > today:
            row.errors.append(_("The date of recognition lies in the future."))
        else:
            row.data["recognised_on"] = recognised_on.isoformat()


def parse_list(
    content: bytes, name: str, office: Office, today: datetime.date | None = None
) -> list[ParsedRow]:
    """Every data row of the file, cleaned; ListError for the whole file."""
    return list(iter_rows(read_table(content, name), office, today))


def iter_rows(
    table: list[list[Cell]], office: Office, today: datetime.date | None = None
) -> Iterator[ParsedRow]:
    today = today or timezone.localdate()
    header_at = next(
        (i for i, row in enumerate(table) if any(_text(c) for c in row)), None
    )
    if header_at is None:
        raise ListError(_("The file is empty."))
    columns = find_columns(table[header_at])
    municipalities = municipality_index(office)
    rows = table[header_at + 1 :]
    if not any(any(_text(c) for c in row) for row in rows):
        raise ListError(_("The list names the columns but holds no rows."))
    for offset, cells in enumerate(rows, start=header_at + 2):
        if any(_text(c) for c in cells):
            yield clean_row(offset, cells, columns, municipalities, today)


def count_rows(table: list[list[Cell]]) -> int:
    return max(0, sum(1 for row in table if any(_text(c) for c in row)) - 1)


# --- Checking against the office's persons -------------------------------------


def folded_name(family_name: str, given_names: str) -> str:
    """The name as lib.names folds it, in any order of its parts."""
    return " ".join(sorted(name_tokens(family_name, given_names)))


_COARSENESS: dict[str, int] = {
    DatePrecision.DAY: 0,
    DatePrecision.MONTH: 1,
    DatePrecision.YEAR: 2,
}


def same_birth_date(
    a: datetime.date | None, a_precision: str, b: datetime.date | None, b_precision: str
) -> bool:
    """Equal as far as the less precise of the two dates goes."""
    if a is None or b is None:
        return a is b
    coarse = max(_COARSENESS.get(a_precision, 0), _COARSENESS.get(b_precision, 0))
    if coarse == 2:
        return a.year == b.year
    if coarse == 1:
        return (a.year, a.month) == (b.year, b.month)
    return a == b


@dataclass
class Known:
    pk: int
    label: str
    birth_date: datetime.date | None
    precision: str


class PersonIndex:
    """The office's persons by folded name, loaded with one query."""

    def __init__(self, office: Office, kind: str = CareKind.RECOGNITION) -> None:
        # By name and year of birth: a common name has thousands of bearers.
        self.by_name: dict[tuple[str, int], list[Known]] = {}
        persons = (
            Person.objects.filter(office=office)
            .exclude(pk__in=merged_away_ids())
            .values_list(
                "pk", "family_name", "given_names", "birth_date", "birth_date_precision"
            )
        )
        for pk, family, given, born, precision in persons.iterator(chunk_size=5000):
            label = f"{family}, {given}" if given else family
            known = Known(pk, label, born, precision)
            key = (folded_name(family, given), born.year if born else 0)
            self.by_name.setdefault(key, []).append(known)
        self.in_care = set(
            Care.objects.filter(office=office, kind=kind)
            .active()
            .values_list("person_id", flat=True)
        )

    def matches(
        self, family: str, given: str, born: datetime.date | None, precision: str
    ) -> list[Known]:
        return [
            known
            for known in self.by_name.get(
                (folded_name(family, given), born.year if born else 0), []
            )
            if same_birth_date(known.birth_date, known.precision, born, precision)
        ]


def _birth(data: dict[str, Any]) -> tuple[datetime.date | None, str]:
    born = data.get("birth_date")
    date = datetime.date.fromisoformat(born) if born else None
    return date, data.get("birth_date_precision", DatePrecision.DAY)


def check_rows(rows: Iterable[ParsedRow], index: PersonIndex) -> Iterator[CheckedRow]:
    """Each row's outcome; the first row of a person wins over later ones."""
    # Keyed by name and year: every precision agrees on the year at least.
    seen: dict[tuple[str, int], list[tuple[datetime.date | None, str, int]]] = {}
    for row in rows:
        data = row.data
        if row.errors:
            yield CheckedRow(row.number, data, RowOutcome.ERROR, " ".join(row.errors))
            continue
        born, precision = _birth(data)
        name = (
            folded_name(data["family_name"], data["given_names"]),
            born.year if born else 0,
        )
        earlier = next(
            (
                number
                for other, other_precision, number in seen.get(name, [])
                if same_birth_date(other, other_precision, born, precision)
            ),
            None,
        )
        if earlier is not None:
            message = _("Same person as in row %(number)s.") % {"number": earlier}
            yield CheckedRow(row.number, data, RowOutcome.DUPLICATE, message)
            continue
        seen.setdefault(name, []).append((born, precision, row.number))
        found = index.matches(data["family_name"], data["given_names"], born, precision)
        if not found:
            yield CheckedRow(row.number, data, RowOutcome.NEW)
            continue
        in_care = [known for known in found if known.pk in index.in_care]
        person = (in_care or found)[0]
        if in_care:
            message = _("%(name)s is already in care.") % {"name": person.label}
            yield CheckedRow(row.number, data, RowOutcome.ALREADY, message, person.pk)
            continue
        if len(found) > 1:
            message = _(
                "Likely %(name)s, already known; %(count)s persons of that name "
                "and date of birth are known."
            ) % {"name": person.label, "count": len(found)}
        else:
            message = _("Likely %(name)s, already known.") % {"name": person.label}
        yield CheckedRow(row.number, data, RowOutcome.EXISTING, message, person.pk)
