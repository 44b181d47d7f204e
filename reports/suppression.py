"""The privacy rule: which numbers of a table may be shown.

A count below THRESHOLD could point to a person; it is shown as "< 5".
Where a total (of a row, a column or the table) would give a hidden count
away, one more count is hidden ("hidden", secondary suppression). The true
number of a hidden cell never leaves this module: templates, files and
charts only ever get None.
"""

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from django.utils.formats import number_format
from django.utils.translation import gettext

THRESHOLD = 5

# How a cell's value reads; counts are the only protected kind, the others
# (hours, money, ratios) are hidden together with the count they belong to.
COUNT, HOURS, MONEY, RATIO = "count", "hours", "money", "ratio"
PLACES = {COUNT: 0, HOURS: 1, MONEY: 2, RATIO: 1}

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Cell:
    label: str
    # None when hidden or unknown.
    value: int | Decimal | None
    # Hidden because it is below the threshold, not only to protect a total.
    small: bool = False
    kind: str = COUNT

    def __str__(self) -> str:
        value = self.rounded
        if value is not None:
            text = number_format(
                value, decimal_pos=PLACES[self.kind], force_grouping=True
            )
            return f"{text} €" if self.kind == MONEY else text
        if self.small:
            return gettext("< %(threshold)d") % {"threshold": THRESHOLD}
        if self.kind != COUNT:
            # A figure without a basis (hours of a hidden count, a ratio
            # without staff): nothing to show.
            return "–"
        # Not "< 5": the number may be large; it is hidden so that a total
        # minus the shown numbers does not give away a small one.
        return gettext("hidden")

    @property
    def rounded(self) -> int | Decimal | None:
        """The value to the places it is shown with, rounded half up as
        money is (number_format would cut digits off); files use it too."""
        if not isinstance(self.value, Decimal):
            return self.value
        places = Decimal(10) ** -PLACES[self.kind]
        return self.value.quantize(places, rounding=ROUND_HALF_UP)

    @property
    def hidden(self) -> bool:
        return self.value is None


def shown_if(cell: Cell, label: str, value: Decimal | None, kind: str) -> Cell:
    """A figure that belongs to a count (hours of assignments): hidden with it."""
    return Cell(label, None if cell.hidden else value, kind=kind)


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
class Row:
    label: str
    cells: list[Cell]
    # What the row stands for (a type, a month, a language), to find it again.
    key: Any = None


def suppress_grid(
    rows: Sequence[tuple[str, Sequence[int]]],
    columns: Sequence[str],
    column_totals: bool,
    hidden_totals: Sequence[bool] = (),
) -> tuple[list[Row], Row | None]:
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
        Row(
            label,
            [_cell(labels[j], values[i, j], (i, j) in hidden) for j in range(m + 1)],
        )
        for i, label in enumerate([label for label, _counts in rows])
    ]
    if not column_totals:
        return grid, None
    total = [_cell(labels[j], values[n, j], (n, j) in hidden) for j in range(m + 1)]
    return grid, Row(gettext("Total"), total)
