"""The bar charts: a bar for each shown number, none for a hidden one."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from reports.charts import LABEL_CHARS, BarChart, bar_chart
from reports.statistics import Table
from reports.suppression import HOURS, Cell, Row


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def nationalities() -> Table:
    # Afghanistan's true count was 3, Ukraine's 8: neither may show.
    return Table(
        "nationality",
        "Persons by nationality",
        "Nationality",
        ["Persons"],
        [
            Row("Syria", [Cell("Persons", 27)]),
            Row("Afghanistan", [Cell("Persons", None, small=True)]),
            Row("Ukraine", [Cell("Persons", None)]),
            Row("Eritrea", [Cell("Persons", 61)]),
        ],
        Row("Total", [Cell("Persons", 99)]),
    )


def draw(table: Table) -> str:
    template = Template("{% load report_charts %}{% bar_chart table %}")
    return template.render(Context({"table": table}))


def test_only_shown_numbers_get_a_bar():
    chart = bar_chart(nationalities())
    assert [bar.shown for bar in chart.bars] == [True, False, False, True]
    assert [bar.width for bar in chart.bars if not bar.shown] == [0, 0]


def test_hidden_rows_keep_their_label_and_text():
    chart = bar_chart(nationalities())
    assert [(bar.label, bar.text) for bar in chart.bars] == [
        ("Syria", "27"),
        ("Afghanistan", "< 5"),
        ("Ukraine", "hidden"),
        ("Eritrea", "61"),
    ]


def test_largest_shown_number_fills_the_bar_area_and_the_others_in_proportion():
    syria, _afghanistan, _ukraine, eritrea = bar_chart(nationalities()).bars
    assert eritrea.width == BarChart.bar_area
    assert syria.width == round(27 * BarChart.bar_area / 61)


def test_total_row_gets_no_bar():
    chart = bar_chart(nationalities())
    assert "Total" not in [bar.label for bar in chart.bars]


def test_bars_lie_one_below_the_other_inside_the_picture():
    chart = bar_chart(nationalities())
    tops = [bar.y for bar in chart.bars]
    assert tops == sorted(tops)
    assert len(set(tops)) == len(tops)
    assert tops[-1] + chart.bar_height < chart.height


def test_long_labels_are_cut_to_fit():
    table = Table(
        "topic",
        "Concerns by topic",
        "Topic",
        ["Concerns"],
        [Row("A topic with a very, very long name indeed", [Cell("Concerns", 9)])],
    )
    label = bar_chart(table).bars[0].label
    assert len(label) == LABEL_CHARS
    assert label.endswith("…")


def test_all_hidden_draws_no_bar_and_does_not_fail():
    table = Table(
        "type",
        "Concerns by type",
        "Type",
        ["Concerns"],
        [Row("Complaint", [Cell("Concerns", None, small=True)])],
    )
    chart = bar_chart(table)
    assert [bar.shown for bar in chart.bars] == [False]


def test_svg_is_an_image_named_after_the_table():
    svg = draw(nationalities())
    assert 'role="img"' in svg
    assert (
        'aria-label="Bar chart of Persons by nationality; '
        'the numbers are in the table that follows"'
    ) in svg
    # WeasyPrint takes a figure's alternative text in the PDF from <title>.
    assert "<title>Bar chart of Persons by nationality;" in svg


def test_svg_draws_one_rect_per_shown_number_with_all_labels_and_texts():
    svg = draw(nationalities())
    assert svg.count("<rect") == 2
    for text in ["Syria", "Afghanistan", "Ukraine", "Eritrea", "27", "61"]:
        assert f">{text}</text>" in svg
    assert ">&lt; 5</text>" in svg
    assert ">hidden</text>" in svg


def test_svg_has_no_inline_styles_for_the_content_security_policy():
    svg = draw(nationalities())
    assert not re.search(r"\sstyle=", svg)
    assert "<style" not in svg


def test_svg_never_shows_a_hidden_true_number():
    svg = draw(nationalities())
    texts = re.findall(r">([^<]*)</text>", svg)
    assert "3" not in "".join(texts)
    assert "8" not in "".join(texts)


def test_tables_that_are_not_one_column_of_counts_get_no_chart():
    hours = Table(
        "budget",
        "Hours",
        "Month",
        ["Hours"],
        [Row("January", [Cell("Hours", None, kind=HOURS)])],
    )
    grid = Table(
        "type",
        "Concerns by type",
        "Type",
        ["Görlitz", "Total"],
        [Row("Visit", [Cell("Görlitz", 20), Cell("Total", 20)])],
    )
    empty = Table("topic", "Concerns by topic", "Topic", ["Concerns"], [])
    assert draw(hours).strip() == ""
    assert draw(grid).strip() == ""
    assert draw(empty).strip() == ""
