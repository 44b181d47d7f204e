from typing import Any

from django import template

from reports.charts import bar_chart as chart_of
from reports.statistics import Table

register = template.Library()


@register.inclusion_tag("reports/_chart.html")
def bar_chart(table: Table) -> dict[str, Any]:
    """``{% bar_chart table %}``: the table's bar chart, or nothing where the
    table is not one column of counts or has no rows."""
    return {"chart": chart_of(table) if table.chart and table.rows else None}
