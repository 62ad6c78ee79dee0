"""A notification's lines are rows of their own: a digest grows by INSERT, in order, paged by position."""

import datetime as dt

import pytest
from django.urls import reverse

from core.models import Notification, NotificationLine
from core.notifications import notification_add, notification_append

DAY = dt.date(2022, 8, 10)


def _lines(first: int, count: int) -> list[dict]:
    return [
        {"text": f"Nghĩa vụ số {i} quá hạn", "url": f"/nghia-vu/{i}/"} for i in range(first, first + count)
    ]


@pytest.mark.django_db
def test_appending_to_a_digest_keeps_every_line_in_order(org):
    # given
    assert notification_append(user=org.coordinator, kind="escalation", lines=_lines(0, 3), day=DAY)
    # when
    again = notification_append(user=org.coordinator, kind="escalation", lines=_lines(3, 2), day=DAY)
    # then
    digest = Notification.objects.get(user=org.coordinator)
    assert not again and digest.line_count == 5
    assert digest.lines == _lines(0, 5)
    assert list(digest.line_set.values_list("position", flat=True)) == [1, 2, 3, 4, 5]
    assert digest.title == "Đôn đốc ngày 10/08/2022: 5 nghĩa vụ quá hạn cần Nội vụ xử lý"


@pytest.mark.django_db
def test_adding_a_line_already_there_adds_nothing(org):
    notification_add(user=org.officer_a, kind="review", lines=_lines(0, 2), day=DAY)
    notification, created = notification_add(user=org.officer_a, kind="review", lines=_lines(1, 2), day=DAY)
    assert not created and notification.lines == _lines(0, 3)
    assert NotificationLine.objects.filter(notification=notification).count() == notification.line_count == 3


@pytest.mark.django_db
def test_digest_page_shows_its_lines_fifty_at_a_time(client, org):
    # given: a digest of 120 lines appended in three runs
    for first in (0, 50, 100):
        notification_append(
            user=org.coordinator, kind="escalation", lines=_lines(first, 50 if first < 100 else 20), day=DAY
        )
    digest = Notification.objects.get(user=org.coordinator)
    client.force_login(org.coordinator)
    url = reverse("notification_detail", args=[digest.pk])
    # when
    pages = [client.get(f"{url}?trang={n}").content.decode() for n in (1, 2, 3, 9)]
    # then
    assert [page.count("quá hạn</a>") for page in pages] == [50, 50, 20, 20]  # past the end: the last page
    assert "Nghĩa vụ số 49 quá hạn" in pages[0] and "Nghĩa vụ số 50 quá hạn" not in pages[0]
    assert "Nghĩa vụ số 50 quá hạn" in pages[1] and "Nghĩa vụ số 119 quá hạn" in pages[2]
    listing = client.get(reverse("notification_list")).content.decode()
    assert "Xem 120 dòng nội dung" in listing


@pytest.mark.django_db(transaction=True)
def test_migration_moves_json_lines_into_rows_in_order(django_user_model):
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    user = django_user_model.objects.create(username="noivu")
    executor = MigrationExecutor(connection)
    before = [("core", "0003_vietnamese_labels_and_date_bounds")]
    after = [("core", "0004_notification_lines")]
    try:
        executor.migrate(before)
        old = executor.loader.project_state(before).apps.get_model("core", "Notification")
        old.objects.create(user_id=user.pk, kind="escalation", day=DAY, title="t", lines=_lines(0, 7))
        executor.loader.build_graph()
        executor.migrate(after)
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    digest = apps.get_model("core", "Notification").objects.get(user_id=user.pk)
    assert digest.line_count == 7 and digest.lines == _lines(0, 7)
