"""The bell, the notification list, e-mail choices and a job's progress page."""

import datetime as dt

from django.urls import reverse

from core.models import Job, Notification, NotificationPreference
from tasks.services.notifications import Kind
from tasks.services.reminders import reminders_send

DUE = dt.date(2022, 1, 31)


def test_the_bell_counts_unread_and_the_list_links_to_the_deliverable(client, deliverable, org):
    reminders_send(today=DUE)
    client.force_login(org.officer_a)
    page = client.get(reverse("inbox")).content.decode()
    assert 'class="count">1' in page
    listing = client.get(reverse("notification_list")).content.decode()
    assert reverse("deliverable_detail", args=[deliverable.pk]) in listing
    assert "đến hạn hôm nay" in listing


def test_marking_read_clears_the_count(client, deliverable, org):
    reminders_send(today=DUE)
    client.force_login(org.officer_a)
    client.post(reverse("notification_read_all"))
    assert Notification.objects.get(user=org.officer_a).read_at is not None
    assert 'class="count"' not in client.get(reverse("inbox")).content.decode()


def test_people_only_read_their_own_notifications(client, deliverable, org):
    reminders_send(today=DUE)
    mine = Notification.objects.get(user=org.officer_a)
    client.force_login(org.officer_b)
    client.post(reverse("notification_read", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.read_at is None
    assert "đến hạn hôm nay" not in client.get(reverse("notification_list")).content.decode()


def test_a_coordinator_cannot_turn_off_escalation_emails(client, org):
    client.force_login(org.coordinator)
    client.post(
        reverse("notification_preferences"), {"reminder": "", "escalation": "", "leaders": "", "review": ""}
    )
    prefs = dict(NotificationPreference.objects.filter(user=org.coordinator).values_list("kind", "by_email"))
    assert prefs["escalation"] is True
    assert prefs["reminder"] is False


def test_a_job_page_shows_progress_and_result(client, org):
    job = Job.objects.create(
        kind="send_reminders",
        state=Job.State.DONE,
        rows_done=3,
        rows_total=3,
        result={"steps": 3},
        created_by=org.coordinator,
    )
    client.force_login(org.coordinator)
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "100%" in page and "steps: 3" in page
    client.force_login(org.officer_a)
    assert client.get(reverse("job_detail", args=[job.pk])).status_code == 403


def test_a_submitted_report_tells_noi_vu_and_a_return_tells_the_unit(deliverable, org):
    from tasks.services.deliverables import deliverable_return, deliverable_submit

    deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="Đã xong.")
    to_noivu = Notification.objects.get(user=org.coordinator, kind=Kind.REVIEW)
    assert "đơn vị đã gửi báo cáo" in to_noivu.lines[0]["text"]
    deliverable_return(deliverable=deliverable, actor=org.coordinator, comment="Thiếu số liệu.")
    to_unit = Notification.objects.get(user=org.officer_a, kind=Kind.REVIEW)
    assert "Nội vụ trả lại: Thiếu số liệu." in to_unit.lines[-1]["text"]
    # the other province's Nội vụ hears nothing
    assert not Notification.objects.filter(user=org.other_coordinator).exists()
