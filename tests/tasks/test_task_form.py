"""Nội vụ enters a task with its units and a structured deadline on a draft plan."""

import datetime as dt

from django.urls import reverse

from tasks.models import Task, TaskAssignment


def _post(org, **overrides):
    data = {
        "order_label": "II.9",
        "position": "5",
        "content": "Hội nghị tổ chức triển khai",
        "responsibility_text": "UBND xã chủ trì",
        "deadline_text": "Trước ngày 15/01/2022",
        "lead_units": [org.office_a.pk],
        "coordinating_units": [org.office_b.pk],
        "deadline-TOTAL_FORMS": "1",
        "deadline-INITIAL_FORMS": "0",
        "deadline-MIN_NUM_FORMS": "1",
        "deadline-MAX_NUM_FORMS": "1000",
        "deadline-0-kind": "date",
        "deadline-0-date": "15/01/2022",
        "deadline-0-before": "on",
    }
    data.update(overrides)
    return data


def test_coordinator_adds_a_task_with_units_and_deadline(client, org, draft_plan):
    # given
    client.force_login(org.coordinator)
    # when
    response = client.post(reverse("task_create", args=[draft_plan.pk]), _post(org))
    # then
    assert response.status_code == 302
    task = Task.objects.get(plan=draft_plan, order_label="II.9")
    roles = {(a.unit_id, a.role) for a in task.assignments.all()}
    assert roles == {
        (org.office_a.pk, TaskAssignment.Role.LEAD),
        (org.office_b.pk, TaskAssignment.Role.COORDINATING),
    }
    part = task.deadline_parts()[0]
    assert (part.date, part.before) == (dt.date(2022, 1, 15), True)


def test_a_deadline_missing_what_its_kind_needs_is_refused_and_nothing_saved(client, org, draft_plan):
    client.force_login(org.coordinator)
    data = _post(org, **{"deadline-0-kind": "month", "deadline-0-date": "", "deadline-0-year": "2022"})
    response = client.post(reverse("task_create", args=[draft_plan.pk]), data)
    assert response.status_code == 200
    assert "Thiếu tháng của thời hạn" in response.content.decode()
    assert not Task.objects.filter(plan=draft_plan, order_label="II.9").exists()


def test_a_wrong_date_is_named_in_the_form(client, org, draft_plan):
    client.force_login(org.coordinator)
    response = client.post(
        reverse("task_create", args=[draft_plan.pk]), _post(org, **{"deadline-0-date": "31/02/2022"})
    )
    assert "Ngày không hợp lệ" in response.content.decode()
    assert not Task.objects.filter(plan=draft_plan, order_label="II.9").exists()


def test_tasks_of_an_issued_plan_cannot_be_edited(client, org, issued_plan):
    client.force_login(org.coordinator)
    task = issued_plan.tasks.get()
    response = client.post(reverse("task_edit", args=[issued_plan.pk, task.pk]), _post(org), follow=True)
    assert "không sửa được nhiệm vụ" in response.content.decode()
    task.refresh_from_db()
    assert task.content == "Xây dựng kế hoạch khảo sát"


def test_a_unit_officer_cannot_open_the_task_form(client, org, draft_plan):
    client.force_login(org.officer_a)
    response = client.get(reverse("task_create", args=[draft_plan.pk]))
    assert response.status_code == 403


def test_interface_is_vietnamese_whatever_the_browser_asks(client, org):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()
