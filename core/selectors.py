"""Reads of what core owns: a person's notifications, paged, digests included.

A daily digest can list 21 000 obligations: lists never load it whole; its count is kept on the
notification and its lines (rows of their own) are read one page at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator

from .models import Notification, NotificationLine

NOTIFICATIONS_PER_PAGE = 20
LINES_PER_PAGE = 50
# A digest this short is shown whole in the list; a longer one opens on its own page.
INLINE_LINES = 10


def notification_page_for_user(user, number, *, kind: str = "", unread_only: bool = False):
    """One page of the user's notifications; short digests carry their lines, long ones a count."""
    queryset = Notification.objects.filter(user=user)
    if kind:
        queryset = queryset.filter(kind=kind)
    if unread_only:
        queryset = queryset.filter(read_at__isnull=True)
    page = Paginator(queryset.order_by("-day", "-id"), NOTIFICATIONS_PER_PAGE).get_page(number)
    short = [n.pk for n in page.object_list if n.line_count <= INLINE_LINES]
    lines: dict[int, list[dict]] = {pk: [] for pk in short}
    if short:
        rows = NotificationLine.objects.filter(notification_id__in=short).order_by(
            "notification_id", "position"
        )
        for pk, text, url in rows.values_list("notification_id", "text", "url"):
            lines[pk].append({"text": text, "url": url})
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
    """Lines of one digest, 50 a page, cut out by the database along (notification, position)."""
    page = LinesPage(object_list=[], number=1, count=notification.line_count)
    page.number = _page_number(number, page.num_pages)
    offset = (page.number - 1) * LINES_PER_PAGE
    # Positions run 1, 2, … without gaps (core.notifications): a page is a range, not an OFFSET scan.
    rows = notification.line_set.filter(position__gt=offset, position__lte=offset + LINES_PER_PAGE)
    page.object_list = list(rows.order_by("position").values("text", "url"))
    return page
