"""The statistics of one office or of all offices, as they may be shown.

``office_report`` gives the dashboard and the report files their numbers,
``state_report`` the state view's, ``compare`` sets two periods side by side.
Each table has already passed the privacy rule (suppression.py): a hidden
number is None from here on.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext

from accounts.models import Office

from .breakdowns import BREAKDOWNS, GUIDES, Breakdown, Counts, count_all
from .measures import (
    ZERO,
    budget_rows,
    housing_rows,
    mediator_rows,
    mediator_use,
    ratio,
    staffing,
    staffing_rows,
)
from .scope import Period, Scope
from .suppression import (
    COUNT,
    MONEY,
    RATIO,
    Cell,
    Row,
    shown_if,
    suppress,
    suppress_grid,
    total_cell,
)

MEDIATORS, BUDGET = "mediators", "budget"


@dataclass(frozen=True)
class Table:
    slug: str
    caption: str
    # The heading of the column of row labels.
    header: str
    columns: list[str]
    rows: list[Row]
    total: Row | None = None
    note: str = ""
    section: str = ""
    # Key figures mix units: no chart for them.
    drawn: bool = True

    def hidden_in_row(self, key: Any) -> list[bool]:
        """Which cells of the row with this key are hidden (none: no row)."""
        for row in self.rows:
            if row.key == key:
                return [cell.hidden for cell in row.cells]
        return []

    @property
    def chart(self) -> bool:
        """Counts in one column make a bar chart; grids stay tables."""
        return (
            self.drawn
            and len(self.columns) == 1
            and all(row.cells[0].kind == COUNT for row in self.rows)
        )


@dataclass(frozen=True)
class Section:
    title: str
    tables: list[Table]


@dataclass(frozen=True)
class Report:
    period: Period
    # Key figures: one row per figure, the report's columns.
    figures: Table
    sections: list[Section]
    offices: list[str] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]

    def table(self, slug: str) -> Table | None:
        return next((table for table in self.tables if table.slug == slug), None)


def _sections(tables: list[Table]) -> list[Section]:
    sections: dict[str, list[Table]] = {}
    for table in tables:
        sections.setdefault(table.section, []).append(table)
    return [Section(title, found) for title, found in sections.items()]


def _figures(rows: list[Row], columns: list[str]) -> Table:
    caption, header = gettext("Key figures"), gettext("Figure")
    return Table("figures", caption, header, columns, rows, drawn=False)


# --- One office -----------------------------------------------------------------


def office_report(
    office: Office,
    period: Period,
    *,
    site_id: int | None = None,
    staff_id: int | None = None,
) -> Report:
    scope = Scope((office.pk,), period, site_id, staff_id)
    tables: dict[str, Table] = {}
    figures = []
    chosen = [b for b in BREAKDOWNS if b.by_concern or not scope.filtered]
    counts = count_all(chosen, scope)
    for breakdown in chosen:
        total_hidden = False
        if breakdown.part_of and breakdown.part_of[0] in tables:
            slug, key = breakdown.part_of
            total_hidden = any(tables[slug].hidden_in_row(key))
        counted = {key: n for (_office, key), n in counts[breakdown.slug].items()}
        table = _office_table(breakdown, counted, total_hidden)
        tables[breakdown.slug] = table
        if breakdown.figure and table.total:
            label = str(breakdown.figure)
            figures.append(Row(label, [replace(table.total.cells[0], label=label)]))
    found = list(tables.values())
    if not scope.filtered:
        found += _office_measures(office, scope, tables)
    return Report(period, _figures(figures, [gettext("Count")]), _sections(found))


def _office_table(
    breakdown: Breakdown, counts: dict[Any, int], total_hidden: bool
) -> Table:
    # Categories with zero are left out entirely rather than shown as "< 5":
    # the database only returns the groups it found.
    total = sum(counts.values()) if breakdown.partition else None
    ordered = breakdown.labels(counts)
    unit = str(breakdown.unit)
    cells = suppress(
        [(label, counts[key]) for key, label in ordered], total, total_hidden
    )
    rows = [
        Row(label, [replace(cell, label=unit)], key)
        for cell, (key, label) in zip(cells, ordered, strict=True)
    ]
    total_row = None
    if total is not None and rows:
        total_row = Row(
            gettext("Total"), [replace(total_cell(total, total_hidden), label=unit)]
        )
    return Table(
        breakdown.slug,
        str(breakdown.caption),
        str(breakdown.header),
        [unit],
        rows,
        total_row,
        str(breakdown.note or ""),
        str(breakdown.section),
    )


def _office_measures(
    office: Office, scope: Scope, tables: dict[str, Table]
) -> list[Table]:
    found = []
    guides = staffing(scope)[office.pk]
    persons = tables["care_residence"].total
    persons_cell = persons.cells[0] if persons else Cell("", 0, small=True)
    if guides.guides or guides.persons:
        found.append(
            Table(
                "guide_staff",
                gettext("Integration guides and their clients"),
                gettext("Figure"),
                [gettext("Count")],
                staffing_rows(guides, persons_cell),
                note=gettext(
                    "Full-time equivalents from the guides' weekly hours today "
                    "(40 hours are one)."
                ),
                section=str(GUIDES),
            )
        )
    rows, total = mediator_rows(mediator_use(scope).get(office.pk, {}))
    if rows:
        found.append(
            Table(
                MEDIATORS,
                gettext("Language mediators by language"),
                gettext("Language"),
                [cell.label for cell in rows[0].cells],
                rows,
                total,
                gettext(
                    "Paid assignments (done, or cancelled late by the office) as on "
                    "the mediators' statements; hours are work and travel as paid."
                ),
                gettext("Language mediators"),
            )
        )
    housing = housing_rows(office, scope)
    if housing:
        found.append(
            Table(
                "accommodations",
                gettext("Accommodations"),
                gettext("Figure"),
                [gettext("Count")],
                housing,
                note=gettext(
                    "Accommodations, residents and care ratio at the end of the "
                    "period; inspections completed in it; deficiencies open at its end."
                ),
                section=gettext("Accommodations"),
            )
        )
    budget = budget_rows(office, scope)
    if budget:
        found.append(
            Table(
                BUDGET,
                gettext("Consultation hours: budget, planned and used hours per month"),
                gettext("Month"),
                [cell.label for cell in budget[0].cells],
                budget,
                note=gettext(
                    "Planned: consultation hours and outreach days of the budget's "
                    "members; used: minutes recorded on concerns' activities."
                ),
                section=gettext("Consultation hours"),
            )
        )
    return found


# --- All offices -------------------------------------------------------------------


def state_report(offices: Sequence[Office], period: Period) -> Report:
    scope = Scope(tuple(office.pk for office in offices), period)
    names = [office.name for office in offices]
    tables: dict[str, Table] = {}
    figures = []
    counts = count_all(BREAKDOWNS, scope)
    for breakdown in BREAKDOWNS:
        hidden_totals: list[bool] = []
        if breakdown.part_of and breakdown.part_of[0] in tables:
            slug, key = breakdown.part_of
            hidden_totals = tables[slug].hidden_in_row(key)
        grid = _state_grid(breakdown, counts[breakdown.slug], offices, hidden_totals)
        tables[breakdown.slug] = grid
        if breakdown.figure and grid.total:
            figures.append(Row(str(breakdown.figure), grid.total.cells))
    figures += _state_measures(scope, offices, tables)
    columns = [*names, gettext("Total")]
    return Report(
        period, _figures(figures, columns), _sections(list(tables.values())), names
    )


def _state_grid(
    breakdown: Breakdown,
    counts: Counts,
    offices: Sequence[Office],
    hidden_totals: Sequence[bool],
) -> Table:
    ordered = breakdown.labels({key for _office, key in counts})
    rows = [
        (label, [counts.get((office.pk, key), 0) for office in offices])
        for key, label in ordered
    ]
    names = [office.name for office in offices]
    body, total = suppress_grid(rows, names, breakdown.partition, hidden_totals)
    return Table(
        breakdown.slug,
        str(breakdown.caption),
        str(breakdown.header),
        [*names, gettext("Total")],
        [
            replace(row, key=key)
            for row, (key, _label) in zip(body, ordered, strict=True)
        ],
        total,
        str(breakdown.note or ""),
        str(breakdown.section),
    )


def _state_measures(
    scope: Scope, offices: Sequence[Office], tables: dict[str, Table]
) -> list[Row]:
    """Guides' full-time equivalents and clients per FTE, and the mediators'
    assignments and cost, per office."""
    staff = staffing(scope)
    persons = tables["care_residence"].total
    persons_cells = persons.cells if persons else []
    fte = [staff[office.pk].fte for office in offices]
    fte.append(sum(fte, ZERO))
    rows = [Row(gettext("Full-time equivalents of guides"), _ratio_cells(fte))]
    if persons_cells:
        numbers = [staff[office.pk].persons for office in offices]
        numbers.append(sum(numbers))
        ratios = [
            shown_if(cell, cell.label, ratio(count, base), RATIO)
            for cell, count, base in zip(persons_cells, numbers, fte, strict=True)
        ]
        rows.append(Row(gettext("Persons in the guide service per FTE"), ratios))
    use = mediator_use(scope)
    counts = [
        sum(u.assignments for u in use.get(office.pk, {}).values())
        for office in offices
    ]
    assignments, _total = suppress_grid(
        [(gettext("Language mediator assignments"), counts)],
        [office.name for office in offices],
        column_totals=False,
    )
    rows += assignments
    costs = [
        sum((u.cost for u in use.get(office.pk, {}).values()), ZERO)
        for office in offices
    ]
    costs.append(sum(costs, ZERO))
    rows.append(
        Row(
            gettext("Language mediator cost"),
            [
                shown_if(cell, cell.label, cost, MONEY)
                for cell, cost in zip(assignments[0].cells, costs, strict=True)
            ],
        )
    )
    return rows


def _ratio_cells(values: list[Any]) -> list[Cell]:
    return [Cell("", value, kind=RATIO) for value in values]


# --- Two periods ----------------------------------------------------------------------


def compare(now: Report, before: Report) -> Report:
    """Each table with the columns of both periods side by side; each period
    keeps its own protection."""
    earlier = {table.slug: table for table in before.tables}
    tables = [
        _compare_table(table, earlier.get(table.slug), now.period, before.period)
        for table in now.tables
    ]
    figures = _compare_table(now.figures, before.figures, now.period, before.period)
    return Report(now.period, figures, _sections(tables), now.offices)


def _compare_table(
    now: Table, before: Table | None, this: Period, last: Period
) -> Table:
    width = len(now.columns)
    columns = [
        f"{column} {period}" if width > 1 else str(period)
        for column in now.columns
        for period in (this, last)
    ]
    earlier = {
        row.key if row.key is not None else row.label: row
        for row in (before.rows if before else [])
    }
    rows = []
    for row in now.rows:
        other = earlier.pop(row.key if row.key is not None else row.label, None)
        rows.append(Row(row.label, _pair(row, other, width), row.key))
    for other in earlier.values():
        rows.append(Row(other.label, _pair(None, other, width), other.key))
    total = None
    if now.total or (before and before.total):
        total = Row(
            gettext("Total"), _pair(now.total, before.total if before else None, width)
        )
    return replace(now, columns=columns, rows=rows, total=total)


def _pair(this: Row | None, last: Row | None, width: int) -> list[Cell]:
    """Cells of both rows, interleaved. A row missing in one period had none
    there: a count reads like any small number, other figures as none."""
    cells = []
    for index in range(width):
        mine = this.cells[index] if this else None
        theirs = last.cells[index] if last else None
        cells += [mine or _missing(theirs), theirs or _missing(mine)]
    return cells


def _missing(other: Cell | None) -> Cell:
    kind = other.kind if other else COUNT
    return Cell(other.label if other else "", None, small=kind == COUNT, kind=kind)
