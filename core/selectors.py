"""Reads of what core owns: a person's notifications, paged, digests included.

A daily digest can list 21 000 obligations (2 MB of JSON): lists never load it whole; the
database counts the lines and hands out one page of them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Func, IntegerField

from .models import Notification

NOTIFICATIONS_PER_PAGE = 20
LINES_PER_PAGE = 50
# A digest this short is shown whole in the list; a longer one opens on its own page.
INLINE_LINES = 10


class JsonLength(Func):
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="json_array_length", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="jsonb_array_length", **extra)


def notification_page_for_user(user, number, *, kind: str = "", unread_only: bool = False):
    """One page of the user's notifications; short digests carry their lines, long ones a count."""
    queryset = Notification.objects.filter(user=user).defer("lines").annotate(line_count=JsonLength("lines"))
    if kind:
        queryset = queryset.filter(kind=kind)
    if unread_only:
        queryset = queryset.filter(read_at__isnull=True)
    page = Paginator(queryset.order_by("-day", "-id"), NOTIFICATIONS_PER_PAGE).get_page(number)
    short = [n.pk for n in page.object_list if n.line_count <= INLINE_LINES]
    lines = dict(Notification.objects.filter(pk__in=short).values_list("id", "lines")) if short else {}
    for notification in page.object_list:
        notification.shown_lines = lines.get(notification.pk)
    return page


@dataclass
class LinesPage:
    """A page of one digest's lines, shaped like a Paginator page for the pager template."""

    object_list: list[dict]
    number: int
    count: int
    per_page: int = LINES_PER_PAGE

    @property
    def paginator(self):
        return self

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.per_page))

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.num_pages

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def _page_number(number, pages: int) -> int:
    try:
        return min(max(int(number), 1), pages)
    except (TypeError, ValueError):
        return 1


def notification_lines_page(notification: Notification, number) -> LinesPage:
    """Lines of one digest, 50 a page, cut out by the database (json_each / jsonb_array_elements)."""
    counted = Notification.objects.filter(pk=notification.pk).values_list(JsonLength("lines"), flat=True)
    count = counted[0] or 0
    page = LinesPage(object_list=[], number=1, count=count)
    page.number = _page_number(number, page.num_pages)
    offset = (page.number - 1) * LINES_PER_PAGE
    table = connection.ops.quote_name(Notification._meta.db_table)
    # Only the table name is formatted in; ids and bounds are parameters.
    if connection.vendor == "postgresql":
        source, order = "jsonb_array_elements(n.lines) WITH ORDINALITY e(value, i)", "e.i"
        value = "e.value::text"
    else:
        source, order, value = "json_each(n.lines) e", "e.key", "e.value"
    sql = f"SELECT {value} FROM {table} n, {source} WHERE n.id = %s ORDER BY {order} LIMIT %s OFFSET %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [notification.pk, LINES_PER_PAGE, offset])
        rows = cursor.fetchall()
    page.object_list = [json.loads(text) if isinstance(text, str) else text for (text,) in rows]
    return page
