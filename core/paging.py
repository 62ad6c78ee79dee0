"""Pages of long lists: the page's ids first, then its rows with what they show.

A list of obligations joins five tables for its columns (task, plan, section, unit, former unit)
and filters on the unit tree: PostgreSQL spends ~20 ms choosing a join order for that one query,
more than running it. Asking for the 50 ids of the page (the filter and the order only), then for
those 50 rows with their joins by primary key, costs two plans of ~1 ms each and the same rows.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.db.models.query import ModelIterable


def _ids_first(queryset: QuerySet) -> bool:
    """Only plain model rows with joins or prefetches gain; annotated rows keep one query."""
    query = queryset.query
    return (
        queryset._iterable_class is ModelIterable
        and not query.annotations
        and not query.distinct
        and bool(query.select_related or queryset._prefetch_related_lookups)
    )


def rows_of_slice(queryset: QuerySet, bottom: int, top: int) -> list:
    """``list(queryset[bottom:top])``, as two light queries when that plans faster."""
    if not _ids_first(queryset):
        return list(queryset[bottom:top])
    ids = list(queryset.values_list("pk", flat=True)[bottom:top])
    if not ids:
        return []
    rows = queryset.model._base_manager.filter(pk__in=ids)
    rows.query.select_related = queryset.query.select_related
    rows.query.deferred_loading = queryset.query.deferred_loading  # the same columns: .only(), .defer()
    rows = rows.prefetch_related(*queryset._prefetch_related_lookups)
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


class _IdsFirst:
    """A queryset seen by the paginator: counted as usual, sliced ids first."""

    def __init__(self, queryset: QuerySet, count: int | None = None):
        self.queryset, self._count = queryset, count
        self.ordered = queryset.ordered

    def count(self) -> int:
        return self.queryset.count() if self._count is None else self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        if isinstance(item, slice):
            return rows_of_slice(self.queryset, item.start or 0, item.stop)
        return self.queryset[item]


class IdsFirstPaginator(Paginator):
    """Django's paginator; a queryset's page is read ids first (``rows_of_slice``).

    ``count``: the length when the caller knows it already (from a summary): no COUNT query.
    """

    def __init__(self, object_list, per_page, *args, count: int | None = None, **kwargs):
        if isinstance(object_list, QuerySet):
            object_list = _IdsFirst(object_list, count)
        elif count is not None:
            raise ValueError("count is for querysets")
        super().__init__(object_list, per_page, *args, **kwargs)
