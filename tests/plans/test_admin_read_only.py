"""/admin/ shows plans, tasks and deliverables but changes none of them: the screens' services do."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from plans.models import Plan
from tasks.models import Deliverable, Task, TaskAssignment


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("quantri", "quantri@example.vn", "mat-khau-thu")
    client.force_login(user)
    return client


def _pages(name: str, pk: int) -> dict[str, str]:
    return {
        "add": reverse(f"admin:{name}_add"),
        "change": reverse(f"admin:{name}_change", args=[pk]),
        "delete": reverse(f"admin:{name}_delete", args=[pk]),
    }


@pytest.mark.parametrize("record", ["plan", "task", "deliverable"])
def test_issued_plan_and_its_rows_are_read_only(admin_client, issued_plan, deliverable, record):
    """The superuser sees the issued plan, its task and its obligation, and every change is refused."""
    # given
    obj, name = {
        "plan": (issued_plan, "plans_plan"),
        "task": (issued_plan.tasks.get(), "tasks_task"),
        "deliverable": (deliverable, "tasks_deliverable"),
    }[record]
    pages = _pages(name, obj.pk)

    # when
    shown = admin_client.get(pages["change"])
    posted = admin_client.post(pages["change"], {"title": "Sửa trong trang quản trị", "content": "Sửa"})
    added = admin_client.get(pages["add"])
    deleted = admin_client.post(pages["delete"], {"post": "yes"})

    # then
    assert shown.status_code == 200
    assert 'name="_save"' not in shown.content.decode()
    assert (posted.status_code, added.status_code, deleted.status_code) == (403, 403, 403)
    assert Plan.objects.get(pk=issued_plan.pk).title == issued_plan.title
    assert Task.objects.get(pk=issued_plan.tasks.get().pk).content == "Xây dựng kế hoạch khảo sát"
    assert Deliverable.objects.filter(pk=deliverable.pk).exists()


def test_draft_task_units_and_deadlines_are_not_edited_in_admin(admin_client, draft_plan):
    """Even a draft's units and deadlines change only in the task editor, where the plan is checked."""
    task = draft_plan.tasks.get()
    url = reverse("admin:tasks_task_change", args=[task.pk])
    page = admin_client.get(url).content.decode()
    posted = admin_client.post(url, {"content": "Sửa", "assignments-TOTAL_FORMS": "0"})
    assert 'name="assignments-0-unit"' not in page
    assert posted.status_code == 403
    assert TaskAssignment.objects.filter(task=task).count() == 2
