"""Notifications: grouped by day, paged, filtered by kind or unread, all marked read at once."""

import datetime as dt

import pytest
from django.urls import reverse

from core.models import Notification
from core.selectors import NOTIFICATIONS_PER_PAGE as PER_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(org):
    start = dt.date(2022, 1, 1)
    rows = [
        Notification(user=org.officer_a, kind="reminder", day=start + dt.timedelta(days=i), title=f"Nhắc {i}")
        for i in range(60)
    ]
    rows += [Notification(user=org.officer_a, kind="review", day=start, title="Xem xét")]
    rows += [Notification(user=org.officer_b, kind="review", day=start, title="Của người khác")]
    return Notification.objects.bulk_create(rows)


def test_paged_grouped_and_counted_by_kind(client, org, many):
    client.force_login(org.officer_a)
    first = client.get(reverse("notification_list"))
    assert sum(len(items) for _, items in first.context["days"]) == PER_PAGE
    assert first.context["days"][0][0] == dt.date(2022, 3, 1)  # newest day first
    assert {k: n for k, _, n in first.context["kinds"]} == {"reminder": 60, "review": 1}
    last = -(-61 // PER_PAGE)
    second = client.get(reverse("notification_list"), {"trang": last})
    assert sum(len(items) for _, items in second.context["days"]) == 61 - (last - 1) * PER_PAGE
    review = client.get(reverse("notification_list"), {"loai": "review"})
    assert [n.title for _, items in review.context["days"] for n in items] == ["Xem xét"]
    assert "Của người khác" not in first.content.decode() + second.content.decode()


def test_mark_all_read_only_mine_and_only_to_this_site(client, org, many):
    client.force_login(org.officer_a)
    response = client.post(reverse("notification_read_all"), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("notification_list")
    assert not Notification.objects.filter(user=org.officer_a, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=org.officer_b, read_at__isnull=True).count() == 1
    unread = client.get(reverse("notification_list"), {"chua_doc": "1"})
    assert unread.context["days"] == []
