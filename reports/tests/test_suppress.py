"""The privacy rule on its own: which numbers may be shown."""

import pytest
from django.utils import translation

from reports.suppression import THRESHOLD, suppress, suppress_grid, total_cell


@pytest.fixture(autouse=True)
def english():
    # The expected markers are the English source strings.
    with translation.override("en"):
        yield


def shown(cells) -> list[str]:
    return [str(cell) for cell in cells]


def test_numbers_from_the_threshold_on_are_shown():
    cells = suppress([("a", THRESHOLD), ("b", 9)], total=14)
    assert shown(cells) == ["5", "9"]


def test_number_below_threshold_shows_as_less_than_five():
    cells = suppress([("a", 4), ("b", 9), ("c", 12)], total=None)
    assert shown(cells) == ["< 5", "9", "12"]


def test_hidden_cell_keeps_its_label_but_not_its_number():
    cell = suppress([("Complaint", 3), ("Visit", 30)], total=None)[0]
    assert cell.label == "Complaint"
    assert cell.value is None
    assert cell.small


def test_without_total_one_small_cell_hides_nothing_else():
    cells = suppress([("a", 3), ("b", 6), ("c", 30)], total=None)
    assert shown(cells) == ["< 5", "6", "30"]


def test_with_total_the_next_smallest_cell_is_hidden_too():
    cells = suppress([("a", 3), ("b", 30), ("c", 6)], total=39)
    assert shown(cells) == ["< 5", "30", "hidden"]
    assert cells[2].value is None
    assert not cells[2].small


def test_of_equal_next_smallest_cells_the_first_is_hidden():
    cells = suppress([("a", 8), ("b", 3), ("c", 8)], total=19)
    assert shown(cells) == ["hidden", "< 5", "8"]


def test_zero_counts_as_small_and_is_protected_too():
    cells = suppress([("a", 0), ("b", 9), ("c", 12)], total=21)
    assert shown(cells) == ["< 5", "hidden", "12"]


def test_two_small_cells_adding_up_to_the_threshold_need_no_third():
    cells = suppress([("a", 3), ("b", 2), ("c", 20)], total=25)
    assert shown(cells) == ["< 5", "< 5", "20"]


def test_two_small_cells_below_the_threshold_together_hide_a_third():
    # 1 and 2 would be 3 together, and two rows of a few can only be 1 and 2.
    cells = suppress([("a", 1), ("b", 2), ("c", 20), ("d", 30)], total=53)
    assert shown(cells) == ["< 5", "< 5", "hidden", "30"]


def test_all_small_cells_are_hidden_and_so_is_their_small_total():
    cells = suppress([("a", 1), ("b", 2), ("c", 1)], total=4)
    assert shown(cells) == ["< 5", "< 5", "< 5"]
    assert str(total_cell(4)) == "< 5"


def test_single_small_row_with_its_total_hides_both():
    assert shown(suppress([("a", 3)], total=3)) == ["< 5"]
    assert str(total_cell(3)) == "< 5"


def test_total_from_the_threshold_on_is_shown():
    assert str(total_cell(16)) == "16"
    assert total_cell(16).value == 16


def test_no_rows_give_no_cells():
    assert suppress([], total=0) == []


def grid_text(rows, total) -> list[list[str]]:
    result = [[row.label, *shown(row.cells)] for row in rows]
    if total is not None:
        result.append([total.label, *shown(total.cells)])
    return result


def test_grid_protects_each_row_and_each_column():
    rows, total = suppress_grid(
        [("Visit", [7, 20]), ("Request", [6, 8]), ("Complaint", [3, 5])],
        ["ERZ", "GR"],
        column_totals=True,
    )
    assert grid_text(rows, total) == [
        ["Visit", "7", "20", "27"],
        ["Request", "hidden", "hidden", "14"],
        ["Complaint", "< 5", "hidden", "8"],
        ["Total", "16", "33", "49"],
    ]


def test_grid_hides_a_column_partner_of_a_cell_hidden_for_its_row():
    # Without the column rule, A's 3 would be 53 - 20 - 30.
    rows, total = suppress_grid(
        [("a", [3, 50]), ("b", [20, 40]), ("c", [30, 60])],
        ["ERZ", "GR"],
        column_totals=True,
    )
    assert grid_text(rows, total) == [
        ["a", "< 5", "hidden", "53"],
        ["b", "hidden", "hidden", "60"],
        ["c", "30", "60", "90"],
        ["Total", "53", "150", "203"],
    ]


def test_grid_hides_a_part_of_a_hidden_row_total():
    # B's total is hidden to protect A's small total in the total column;
    # shown cells of B would add up to it again.
    rows, total = suppress_grid(
        [("a", [1, 2]), ("b", [10, 20]), ("c", [15, 25])],
        ["ERZ", "GR"],
        column_totals=True,
    )
    text = grid_text(rows, total)
    assert text[0] == ["a", "< 5", "< 5", "< 5"]
    assert text[1][3] == "hidden"
    assert "hidden" in text[1][1:3]
    assert text[3] == ["Total", "26", "47", "73"]


def test_grid_zero_cell_shows_as_less_than_five():
    rows, _total = suppress_grid([("a", [0, 30])], ["ERZ", "GR"], column_totals=False)
    assert grid_text(rows, None) == [["a", "< 5", "hidden", "30"]]


def test_grid_without_column_totals_has_no_total_row():
    rows, total = suppress_grid(
        [("Housing", [12, 30]), ("Work", [3, 9])], ["ERZ", "GR"], column_totals=False
    )
    assert total is None
    assert grid_text(rows, None) == [
        ["Housing", "12", "30", "42"],
        ["Work", "< 5", "hidden", "12"],
    ]


def test_office_totals_are_hidden_alike_in_every_table_with_the_same_totals():
    # Tables of the same concerns share the office totals: hiding them
    # differently would let one table fill in the other's gap.
    columns = ["ERZ", "GR", "MV"]
    _rows, first = suppress_grid(
        [("a", [1, 20, 25]), ("b", [2, 20, 25])], columns, column_totals=True
    )
    _rows, second = suppress_grid(
        [("a", [3, 10, 10]), ("b", [0, 30, 40])], columns, column_totals=True
    )
    assert first is not None and second is not None
    assert shown(first.cells) == shown(second.cells) == ["< 5", "hidden", "50", "93"]


def test_total_hidden_in_another_table_hides_a_row_that_would_equal_it():
    # 6 complaints hidden in the table of types must not show up as the
    # total of the complaints, nor as the sum of their only row.
    cells = suppress([("Justified", 6)], total=6, total_hidden=True)
    assert shown(cells) == ["hidden"]
    assert str(total_cell(6, hidden=True)) == "hidden"


def test_grid_total_row_hidden_in_another_table_stays_hidden():
    rows, total = suppress_grid(
        [("Justified", [6, 9]), ("Not justified", [7, 8])],
        ["ERZ", "GR"],
        column_totals=True,
        hidden_totals=[True, True, False],
    )
    assert total is not None
    assert shown(total.cells) == ["hidden", "hidden", "30"]
    # Each column now has a hidden total: one cell of it must go as well.
    assert [shown(row.cells)[:2].count("hidden") for row in rows] == [2, 0]


def test_a_row_of_4_in_a_total_of_9_is_not_revealed_by_the_other_row():
    # The edge case: 9 - 5 would give the 4 away, so the 5 goes too.
    cells = suppress([("a", 4), ("b", 5)], total=9)
    assert shown(cells) == ["< 5", "hidden"]
    assert str(total_cell(9)) == "9"
    assert all(cell.value is None for cell in cells)
