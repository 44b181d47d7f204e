"""The numbers behind the statistics pages, and the rule that hides small ones.

Everything is counted in the database (``values()`` + ``annotate(Count)``), one
query per table; no concern or person is ever loaded into Python. A table is
described once as a ``Breakdown`` and shown either for one office (a column of
numbers) or for every office (a grid with one column per office).
"""

import datetime
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from django.db import models
from django.db.models import Count, F, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format, number_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Office
from cases.models import (
    Channel,
    Concern,
    ConcernType,
    Justification,
    Referral,
    ReferralStatus,
    Status,
)
from clients.models import ResidenceStatus
from directory.models import PartnerKind

# A number below this could point to a person; it is never shown.
THRESHOLD = 5

K = TypeVar("K", bound=Hashable)


# --- The privacy rule --------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    label: str
    # None when hidden: the true number never reaches a template.
    count: int | None
    # Hidden because it is below the threshold, not only to protect a total.
    small: bool = False

    def __str__(self) -> str:
        if self.count is not None:
            return number_format(self.count, force_grouping=True)
        if self.small:
            return gettext("< %(threshold)d") % {"threshold": THRESHOLD}
        # Not "< 5": the number may be large; it is hidden so that a total
        # minus the shown numbers does not give away a small one.
        return gettext("hidden")


def _cell(label: str, count: int, hidden: bool) -> Cell:
    if not hidden:
        return Cell(label, count)
    return Cell(label, None, small=count < THRESHOLD)


def _protect_line(
    values: dict[K, int], hidden: set[K], parts: Sequence[K], total: K
) -> bool:
    """Hide one more part of a line (parts adding up to a total) if the shown
    numbers would otherwise give a hidden one away; True when one was hidden.

    With a shown total, one hidden part is its difference to the shown parts,
    and several hidden parts that add up to less than the threshold are each
    small enough to guess, so the next-smallest shown part is hidden too.
    A hidden total whose parts are all shown is their sum, so one part goes.
    """
    hidden_parts = [part for part in parts if part in hidden]
    if total in hidden:
        needs_more = not hidden_parts
    else:
        hidden_sum = sum(values[part] for part in hidden_parts)
        needs_more = bool(hidden_parts) and (
            len(hidden_parts) == 1 or hidden_sum < THRESHOLD
        )
    shown = [part for part in parts if part not in hidden]
    if not needs_more or not shown:
        return False
    # min() keeps the first of equal numbers: the same table hides the same cells.
    hidden.add(min(shown, key=lambda part: values[part]))
    return True


def _hidden_cells(
    values: dict[K, int],
    lines: Sequence[tuple[Sequence[K], K]],
    hidden_already: Iterable[K] = (),
) -> set[K]:
    hidden = {key for key, count in values.items() if count < THRESHOLD}
    hidden.update(hidden_already)
    # Each pass hides at most one cell, so this ends; lines can affect each
    # other in a grid (a cell hidden for its row may expose its column).
    while any(_protect_line(values, hidden, parts, total) for parts, total in lines):
        pass
    return hidden


def suppress(
    rows: Sequence[tuple[str, int]], total: int | None, total_hidden: bool = False
) -> list[Cell]:
    """The rows of a one-column table as they may be shown.

    Pass ``total`` only when the table shows it and the rows add up to it; a
    table without total (topics: a concern may have several) needs no second
    hidden cell. ``total_hidden``: the total is a cell hidden in another table
    (the complaints in the table of types), so the rows must not add up to it.
    Zero counts as small; the pages leave rows of zero out instead.
    """
    values: dict[int | str, int] = dict(enumerate(count for _label, count in rows))
    lines: list[tuple[Sequence[int | str], int | str]] = []
    if total is not None:
        values["total"] = total
        lines.append((range(len(rows)), "total"))
    hidden = _hidden_cells(values, lines, ["total"] if total_hidden else [])
    return [
        _cell(label, count, index in hidden)
        for index, (label, count) in enumerate(rows)
    ]


def total_cell(total: int, hidden: bool = False) -> Cell:
    return _cell(gettext("Total"), total, hidden or total < THRESHOLD)


@dataclass(frozen=True)
class GridRow:
    label: str
    # One cell per column, then the total of the row.
    cells: list[Cell]


def suppress_grid(
    rows: Sequence[tuple[str, Sequence[int]]],
    columns: Sequence[str],
    column_totals: bool,
    hidden_totals: Sequence[bool] = (),
) -> tuple[list[GridRow], GridRow | None]:
    """A table with one column per office and a total column, as it may be shown.

    A row always adds up to its total (a concern belongs to one office).
    With ``column_totals`` the columns add up too, and a total row is returned;
    the office totals are then hidden only by their own row, so every table
    over the same things (concerns, persons, ...) hides the same office totals.
    ``hidden_totals`` (office totals, then the grand total) marks totals that
    are cells hidden in another table. Zero cells count as small: "< 5" must
    not tell 0 from 3.
    """
    n, m = len(rows), len(columns)
    values: dict[tuple[int, int], int] = {}
    for i, (_label, counts) in enumerate(rows):
        values.update({(i, j): count for j, count in enumerate(counts)})
        values[i, m] = sum(counts)
    lines = [([(i, j) for j in range(m)], (i, m)) for i in range(n)]
    if column_totals:
        for j in range(m + 1):
            values[n, j] = sum(values[i, j] for i in range(n))
        lines += [([(i, j) for i in range(n)], (n, j)) for j in range(m + 1)]
        lines.append(([(n, j) for j in range(m)], (n, m)))
    already = [(n, j) for j, hide in enumerate(hidden_totals) if hide]
    hidden = _hidden_cells(values, lines, already)
    labels = [*columns, gettext("Total")]
    grid = [
        GridRow(
            label,
            [_cell(labels[j], values[i, j], (i, j) in hidden) for j in range(m + 1)],
        )
        for i, label in enumerate([label for label, _counts in rows])
    ]
    if not column_totals:
        return grid, None
    total = [_cell(labels[j], values[n, j], (n, j) in hidden) for j in range(m + 1)]
    return grid, GridRow(gettext("Total"), total)


# --- What is counted ---------------------------------------------------------

# Found keys in, (key, label) pairs out, in the order the table shows them.
Labels = Callable[[Iterable[Any]], list[tuple[Any, str]]]


def choice_labels(
    choices: type[models.Choices], blank: Promise | None = None
) -> Labels:
    """Rows in the order of the choices (never by size: that order would tell
    which of two hidden cells is larger)."""

    def ordered(keys: Iterable[Any]) -> list[tuple[Any, str]]:
        found = set(keys)
        pairs = [(value, str(label)) for value, label in choices.choices]
        if blank is not None:
            pairs.append(("", str(blank)))
        known = [(key, label) for key, label in pairs if key in found]
        # Values no longer among the choices still count, under their key.
        rest = sorted(found - {key for key, _label in known}, key=str)
        return known + [(key, str(key)) for key in rest]

    return ordered


def month_labels(keys: Iterable[Any]) -> list[tuple[Any, str]]:
    return [(month, date_format(month, "YEAR_MONTH_FORMAT")) for month in sorted(keys)]


def name_labels(keys: Iterable[Any]) -> list[tuple[Any, str]]:
    return [(name, name) for name in sorted(keys, key=str.casefold)]


def _concerns(concerns: QuerySet[Concern]) -> QuerySet[Any]:
    return concerns


def _complaints(concerns: QuerySet[Concern]) -> QuerySet[Any]:
    return concerns.filter(type=ConcernType.COMPLAINT)


def _referrals(concerns: QuerySet[Concern]) -> QuerySet[Any]:
    return Referral.objects.filter(concern__in=concerns)


@dataclass(frozen=True)
class Breakdown:
    # Names the table in the page (anchors) and for part_of.
    slug: str
    caption: Promise
    header: Promise
    # What one row counts, e.g. "Concerns" or "Persons".
    unit: Promise
    # The field or expression a row stands for.
    key: str | models.Func
    labels: Labels
    source: Callable[[QuerySet[Concern]], QuerySet[Any]] = _concerns
    office: str = "office"
    counted: str = "id"
    # Each counted thing falls in exactly one row, so the rows add up to a
    # total that is shown (and can give a hidden row away).
    partition: bool = True
    # Shown among the key figures under this name, with the table's total.
    figure: Promise | None = None
    note: Promise | None = None
    # The total is one row of an earlier table, (its slug, the row's key):
    # where that row is hidden, this total is hidden too.
    part_of: tuple[str, Any] | None = None

    def count(self, concerns: QuerySet[Concern]) -> dict[tuple[int, Any], int]:
        """{(office id, key): number}; rows without a key (no person, no topic)
        and zeros are left out."""
        key = F(self.key) if isinstance(self.key, str) else self.key
        rows = (
            self.source(concerns)
            .values(by_office=F(self.office), by_key=key)
            .annotate(number=Count(self.counted, distinct=True))
            .order_by()
        )
        return {
            (row["by_office"], row["by_key"]): row["number"]
            for row in rows
            if row["by_key"] is not None and row["number"]
        }


CONCERNS = _("Concerns")
BREAKDOWNS = [
    Breakdown(
        "type",
        _("Concerns by type"),
        _("Type"),
        CONCERNS,
        "type",
        choice_labels(ConcernType),
        figure=_("Concerns opened"),
    ),
    Breakdown(
        "channel",
        _("Concerns by channel"),
        _("Channel"),
        CONCERNS,
        "channel",
        choice_labels(Channel),
    ),
    Breakdown(
        "status",
        _("Concerns by current status"),
        _("Status"),
        CONCERNS,
        "status",
        choice_labels(Status),
    ),
    Breakdown(
        "month",
        _("Concerns by month opened"),
        _("Month"),
        CONCERNS,
        TruncMonth("opened_on"),
        month_labels,
    ),
    Breakdown(
        "topic",
        _("Concerns by topic"),
        _("Topic"),
        CONCERNS,
        "topics__name",
        name_labels,
        partition=False,
        note=_("A concern may have several topics, so there is no total."),
    ),
    Breakdown(
        "residence",
        _("Persons concerned by residence status"),
        _("Residence status"),
        _("Persons"),
        "persons__residence_status",
        choice_labels(ResidenceStatus),
        counted="persons",
        figure=_("Persons concerned"),
    ),
    Breakdown(
        "justification",
        _("Complaints by justification"),
        _("Justification"),
        _("Complaints"),
        "justification",
        choice_labels(Justification, blank=_("Not assessed yet")),
        source=_complaints,
        figure=_("Complaints"),
        part_of=("type", ConcernType.COMPLAINT),
    ),
    Breakdown(
        "referral_kind",
        _("Referrals of these concerns by kind of partner"),
        _("Kind of partner"),
        _("Referrals"),
        "partner__kind",
        choice_labels(PartnerKind),
        source=_referrals,
        office="concern__office",
        figure=_("Referrals"),
    ),
    Breakdown(
        "referral_status",
        _("Referrals of these concerns by status"),
        _("Status"),
        _("Referrals"),
        "status",
        choice_labels(ReferralStatus),
        source=_referrals,
        office="concern__office",
    ),
]


# --- The pages' contents -----------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Concerns opened from ``start`` to ``end``, both days included."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def year_so_far(cls, today: datetime.date) -> "Period":
        return cls(today.replace(month=1, day=1), today)

    def concerns(self) -> QuerySet[Concern]:
        return Concern.objects.filter(opened_on__range=(self.start, self.end))


@dataclass(frozen=True)
class Table:
    slug: str
    caption: str
    header: str
    unit: str
    rows: list[Cell]
    total: Cell | None
    note: str = ""
    # The key of each row, for tables whose total is one of these rows.
    keys: list[Any] = field(default_factory=list)

    def hides(self, key: Any) -> bool:
        return key in self.keys and self.rows[self.keys.index(key)].count is None


@dataclass(frozen=True)
class OfficeReport:
    figures: list[Cell]
    tables: list[Table]


def office_report(office: Office, period: Period) -> OfficeReport:
    concerns = period.concerns().filter(office=office)
    tables: dict[str, Table] = {}
    figures = []
    for breakdown in BREAKDOWNS:
        total_hidden = False
        if breakdown.part_of:
            slug, key = breakdown.part_of
            total_hidden = tables[slug].hides(key)
        table = _office_table(breakdown, concerns, total_hidden)
        tables[breakdown.slug] = table
        if breakdown.figure and table.total:
            figures.append(replace(table.total, label=str(breakdown.figure)))
    return OfficeReport(figures, list(tables.values()))


def _office_table(
    breakdown: Breakdown, concerns: QuerySet[Concern], total_hidden: bool
) -> Table:
    # Categories with zero are left out entirely rather than shown as "< 5":
    # the database only returns the groups it found.
    counts = {key: n for (_office, key), n in breakdown.count(concerns).items()}
    total = sum(counts.values()) if breakdown.partition else None
    ordered = breakdown.labels(counts)
    rows = [(label, counts[key]) for key, label in ordered]
    return Table(
        breakdown.slug,
        str(breakdown.caption),
        str(breakdown.header),
        str(breakdown.unit),
        suppress(rows, total, total_hidden),
        total_cell(total, total_hidden) if total is not None else None,
        str(breakdown.note or ""),
        [key for key, _label in ordered],
    )


@dataclass(frozen=True)
class Grid:
    slug: str
    caption: str
    header: str
    rows: list[GridRow]
    total: GridRow | None
    note: str = ""
    keys: list[Any] = field(default_factory=list)

    def hidden_in_row(self, key: Any) -> list[bool]:
        if key not in self.keys:
            return []
        return [cell.count is None for cell in self.rows[self.keys.index(key)].cells]


@dataclass(frozen=True)
class StateReport:
    columns: list[str]
    figures: list[GridRow]
    tables: list[Grid]


def state_report(offices: Sequence[Office], period: Period) -> StateReport:
    concerns = period.concerns().filter(office__in=offices)
    columns = [office.name for office in offices]
    tables: dict[str, Grid] = {}
    figures = []
    for breakdown in BREAKDOWNS:
        hidden_totals: list[bool] = []
        if breakdown.part_of:
            slug, key = breakdown.part_of
            hidden_totals = tables[slug].hidden_in_row(key)
        grid = _state_grid(breakdown, concerns, offices, hidden_totals)
        tables[breakdown.slug] = grid
        if breakdown.figure and grid.total:
            figures.append(GridRow(str(breakdown.figure), grid.total.cells))
    return StateReport([*columns, gettext("Total")], figures, list(tables.values()))


def _state_grid(
    breakdown: Breakdown,
    concerns: QuerySet[Concern],
    offices: Sequence[Office],
    hidden_totals: Sequence[bool],
) -> Grid:
    counts = breakdown.count(concerns)
    ordered = breakdown.labels({key for _office, key in counts})
    rows = [
        (label, [counts.get((office.pk, key), 0) for office in offices])
        for key, label in ordered
    ]
    names = [office.name for office in offices]
    body, total = suppress_grid(rows, names, breakdown.partition, hidden_totals)
    return Grid(
        breakdown.slug,
        str(breakdown.caption),
        str(breakdown.header),
        body,
        total,
        str(breakdown.note or ""),
        [key for key, _label in ordered],
    )
