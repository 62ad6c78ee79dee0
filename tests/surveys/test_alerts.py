"""Negative answers raise alerts to the unit head and Nội vụ, who mark them handled."""

import pytest
from django.core import mail
from django.urls import reverse

from core.errors import AccessDenied, ApplicationError
from surveys.models import Alert
from surveys.services import alert_handle


@pytest.fixture
def with_emails(org):
    for user, email in [
        (org.head_a, "lanhdao@example.vn"),
        (org.coordinator, "noivu@example.vn"),
        (org.officer_a, "cb@example.vn"),
    ]:
        user.email = email
        user.save(update_fields=["email"])


def test_not_satisfied_raises_alert_and_mails_head_and_noi_vu(
    submit, with_emails, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = submit({"1": "Không hài lòng", "2": 1})
    # then
    alert = Alert.objects.get()
    assert alert.response == response and alert.state == Alert.State.OPEN
    assert "Không hài lòng" in alert.reasons[0]
    # each recipient is told on their own (the notification service), the officer is not
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "lanhdao@example.vn",
        "noivu@example.vn",
    ]


def test_late_result_raises_alert(submit):
    submit({"1": 1, "2": "Không đúng hẹn"})
    assert Alert.objects.count() == 1


def test_positive_answers_raise_nothing(submit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit({"1": 2, "2": "Chậm hẹn nhưng chấp nhận được"})
    assert Alert.objects.count() == 0
    assert mail.outbox == []


def test_head_marks_alert_handled_with_note(submit, org):
    submit({"1": 3})
    alert = Alert.objects.get()
    alert_handle(alert=alert, actor=org.head_a, note="Đã gọi điện xin lỗi người dân.")
    alert = Alert.objects.get(pk=alert.pk)
    assert (alert.state, alert.handled_by, alert.note) == (
        "handled",
        org.head_a,
        "Đã gọi điện xin lỗi người dân.",
    )
    with pytest.raises(ApplicationError, match="đã được xử lý"):
        alert_handle(alert=alert, actor=org.coordinator, note="lần hai")


def test_note_required_and_only_head_or_noi_vu(submit, org):
    submit({"1": 3})
    alert = Alert.objects.get()
    with pytest.raises(ApplicationError, match="ghi kết quả"):
        alert_handle(alert=alert, actor=org.coordinator, note="  ")
    with pytest.raises(AccessDenied):
        alert_handle(alert=alert, actor=org.officer_b, note="x")


def test_alert_page_lists_and_handles(client, submit, org):
    submit({"1": 3}, contact={"name": "Phạm Văn Liên Hệ", "phone": "0912"})
    alert = Alert.objects.get()
    # the head sees the alert but not the personal details
    client.force_login(org.head_a)
    html = client.get(reverse("survey_alerts")).content.decode()
    assert "Không hài lòng" in html and "Liên Hệ" not in html
    response = client.post(reverse("survey_alert_handle", args=[alert.pk]), {"note": "Đã xử lý"})
    assert response.status_code == 302
    alert = Alert.objects.get(pk=alert.pk)
    assert alert.state == "handled"
    # the coordinator sees the contact
    client.force_login(org.coordinator)
    assert "Liên Hệ" in client.get(reverse("survey_alerts") + "?state=handled").content.decode()
    # someone from another tree does not see it
    client.force_login(org.other_coordinator)
    assert "Không hài lòng" not in client.get(reverse("survey_alerts") + "?state=handled").content.decode()


@pytest.mark.parametrize("target", ["https://evil.example/phish", "//evil.example/phish"])
def test_handling_an_alert_goes_back_only_to_this_site(client, submit, org, target):
    submit({"1": 3})
    alert = Alert.objects.get()
    client.force_login(org.head_a)
    response = client.post(
        reverse("survey_alert_handle", args=[alert.pk]),
        {"note": "Đã gọi điện", "version": alert.version, "next": target},
    )
    assert response["Location"] == reverse("survey_alerts")
    assert Alert.objects.get(pk=alert.pk).state == "handled"
    # a page of this site, with its filters, is kept
    submit({"1": 3})
    second = Alert.objects.filter(state="open").get()
    back = reverse("survey_alerts") + "?state=open&page=2"
    response = client.post(
        reverse("survey_alert_handle", args=[second.pk]),
        {"note": "Xong", "version": second.version, "next": back},
    )
    assert response["Location"] == back


def test_an_alert_is_an_in_app_notification_of_its_own_kind(submit, org, django_capture_on_commit_callbacks):
    from core.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        submit({"1": "Không hài lòng", "2": 1})
    told = Notification.objects.filter(kind="survey_alert")
    assert {n.user for n in told} == {org.head_a, org.coordinator}
    assert all("Không hài lòng" in n.lines[0]["text"] for n in told)
