from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


class KeysetFirstPaginator(Paginator):
    """Pages over primary keys first, then loads only that page's rows.

    With OFFSET over whole rows the database reads and discards every row
    before a deep page; over the keys alone it walks an index. The page is
    then fetched by key, keeping the query's select_related/prefetch.
    """

    def __init__(self, queryset: QuerySet, per_page: int) -> None:
        super().__init__(queryset, per_page)
        self.queryset = queryset

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = list(
            self.queryset.values_list("pk", flat=True)[bottom : bottom + self.per_page]
        )
        rows = self.queryset.order_by().in_bulk(keys)
        return Page([rows[key] for key in keys if key in rows], number, self)
