"""Horizontal bar charts of one-column tables, as geometry for an inline SVG.

The numbers come from a Table that has passed the privacy rule: a hidden
cell gets no bar, only its text ("< 5", "hidden"), and the bars are scaled
to the largest shown number, so no bar length hints at a hidden one. The
chart is a picture of the table that follows it; the table carries the
numbers for screen readers.
"""

from dataclasses import dataclass

from django.utils.translation import gettext

from .statistics import Table

# Long labels are cut to fit the label column; the table has them in full.
LABEL_CHARS = 30


@dataclass(frozen=True)
class Bar:
    label: str
    # The cell as shown: "12", "1.234", "< 5", "hidden".
    text: str
    # 0 for a hidden cell: it has no bar.
    width: int
    # Top of the bar.
    y: int
    # Where the text after the bar starts, and the baseline of both texts.
    text_x: int
    baseline: int

    @property
    def shown(self) -> bool:
        return self.width > 0


@dataclass(frozen=True)
class BarChart:
    description: str
    bars: list[Bar]
    width: int = 640
    # Labels end here (drawn right-aligned); bars start a gap later.
    label_width: int = 230
    bar_area: int = 320
    bar_x: int = 238
    line: int = 24
    bar_height: int = 16
    font_size: int = 13

    @property
    def height(self) -> int:
        return self.line * len(self.bars) + self.line - self.bar_height


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def bar_chart(table: Table) -> BarChart:
    """One bar per row of a one-column table of counts (``table.chart``)."""
    values = [row.cells[0].value for row in table.rows]
    largest = max((value for value in values if value is not None), default=0)
    bars = []
    for index, row in enumerate(table.rows):
        value = row.cells[0].value
        width = 0
        if value is not None and value > 0:
            # At least one point, so a small shown number still has a bar.
            width = max(1, round(value * BarChart.bar_area / largest))
        y = (BarChart.line - BarChart.bar_height) + index * BarChart.line
        text_x = BarChart.bar_x + width + 6
        # The texts' baseline a little above the bar's bottom: centred on it.
        baseline = y + BarChart.bar_height - 4
        bars.append(
            Bar(_short(row.label), str(row.cells[0]), width, y, text_x, baseline)
        )
    description = gettext(
        "Bar chart of %(caption)s; the numbers are in the table that follows"
    ) % {"caption": table.caption}
    return BarChart(description, bars)
