"""Once issued, a change to the task table is an amendment: a reason, a history line, and the
obligations follow — new ones created, those no longer owed waived with the reason, none deleted."""

import datetime as dt

import pytest
from django.urls import reverse

from core.errors import ApplicationError
from plans.models import Plan, PlanTransition
from tasks.models import Deliverable, Task, TaskAssignment
from tasks.services.lifecycle import MSG_NOT_DRAFT, plan_close, task_remove

DState = Deliverable.State


def _form(org, task, **overrides):
    data = {
        "order_label": task.order_label,
        "position": str(task.position),
        "content": task.content,
        "deadline_text": "Tháng 02/2022",
        "lead_units": [org.office_a.pk],
        "coordinating_units": [org.office_b.pk],
        "deadline-TOTAL_FORMS": "0",
        "deadline-INITIAL_FORMS": "0",
        "deadline-MIN_NUM_FORMS": "0",
        "deadline-MAX_NUM_FORMS": "1000",
        "reason": "Theo Công văn số 12/UBND ngày 05/01/2022.",
    }
    data.update(overrides)
    return data


def test_changing_a_deadline_after_issue_moves_the_obligation_and_keeps_the_old_one(
    client, org, issued_plan, deliverable
):
    """January becomes February: a February obligation is created, the January one is waived
    with the reason, and the plan's history records the amendment."""
    # given
    client.force_login(org.coordinator)
    task = issued_plan.tasks.get()

    # when
    response = client.post(reverse("task_edit", args=[issued_plan.pk, task.pk]), _form(org, task))

    # then
    assert response.status_code == 302
    rows = {d.original_due_date: d for d in Deliverable.objects.filter(task=task)}
    assert set(rows) == {dt.date(2022, 1, 31), dt.date(2022, 2, 28)}
    assert rows[dt.date(2022, 1, 31)].state == DState.WAIVED
    assert rows[dt.date(2022, 2, 28)].state == DState.PENDING
    log = rows[dt.date(2022, 1, 31)].transitions.get()
    assert (log.name, log.comment, log.actor) == (
        "waive_with_amendment",
        "Theo Công văn số 12/UBND ngày 05/01/2022.",
        org.coordinator,
    )
    amend = PlanTransition.objects.filter(plan=issued_plan).order_by("-id").first()
    assert amend.name == "amend"
    assert "Theo Công văn số 12/UBND" in amend.comment
    page = client.get(reverse("plan_detail", args=[issued_plan.pk])).content.decode()
    assert "Điều chỉnh" in page and "28/02/2022" in page


def test_an_amendment_without_a_reason_changes_nothing(client, org, issued_plan, deliverable):
    # given
    client.force_login(org.coordinator)
    task = issued_plan.tasks.get()

    # when
    response = client.post(reverse("task_edit", args=[issued_plan.pk, task.pk]), _form(org, task, reason=""))

    # then
    assert MSG_NOT_DRAFT in response.content.decode()
    assert Deliverable.objects.filter(task=task).count() == 1
    assert Task.objects.get(pk=task.pk).deadline_text == "Tháng 01/2022"
    assert not PlanTransition.objects.filter(plan=issued_plan, name="amend").exists()


def test_a_task_added_after_issue_creates_its_obligations(client, org, issued_plan):
    client.force_login(org.coordinator)
    data = _form(
        org, Task(order_label="2", position=1, content="Tập huấn nghiệp vụ"), deadline_text="Quý I/2022"
    )
    data["lead_units"] = [org.office_b.pk]
    data["coordinating_units"] = []
    response = client.post(reverse("task_create", args=[issued_plan.pk]), data)
    assert response.status_code == 302
    added = Task.objects.get(plan=issued_plan, content="Tập huấn nghiệp vụ")
    assert list(added.deliverables.values_list("unit_id", "due_date")) == [
        (org.office_b.pk, dt.date(2022, 3, 31))
    ]


def test_a_removed_task_is_kept_withdrawn_and_its_open_obligations_waived(org, issued_plan, deliverable):
    task = issued_plan.tasks.get()
    task_remove(task=task, actor=org.coordinator, reason="Nhiệm vụ đã gộp vào kế hoạch khác.")
    assert Task.objects.get(pk=task.pk).withdrawn
    deliverable.refresh_from_db()
    assert deliverable.state == DState.WAIVED
    assert deliverable.transitions.get().comment == "Nhiệm vụ đã gộp vào kế hoạch khác."


def test_removing_a_task_of_an_issued_plan_needs_a_reason(org, issued_plan, deliverable):
    with pytest.raises(ApplicationError):
        task_remove(task=issued_plan.tasks.get(), actor=org.coordinator, reason=" ")
    assert Deliverable.objects.get(pk=deliverable.pk).state == DState.PENDING


@pytest.mark.parametrize(("waive", "state"), [(False, DState.PENDING), (True, DState.WAIVED)])
def test_closing_keeps_or_waives_the_open_obligations(org, issued_plan, deliverable, waive, state):
    plan_close(plan=issued_plan, actor=org.coordinator, comment="Hết năm.", waive_open=waive)
    deliverable.refresh_from_db()
    assert Plan.objects.get(pk=issued_plan.pk).state == Plan.State.CLOSED
    assert deliverable.state == state
    assert list(deliverable.transitions.values_list("name", "comment")) == (
        [("waive_at_close", "Hết năm.")] if waive else []
    )


def test_units_changed_after_issue_give_the_new_lead_its_obligation(client, org, issued_plan, deliverable):
    client.force_login(org.coordinator)
    task = issued_plan.tasks.get()
    data = _form(
        org, task, deadline_text="Tháng 01/2022", lead_units=[org.office_b.pk], coordinating_units=[]
    )
    client.post(reverse("task_edit", args=[issued_plan.pk, task.pk]), data)
    owed = {(d.unit_id, d.state) for d in Deliverable.objects.filter(task=task)}
    assert owed == {(org.office_a.pk, DState.WAIVED), (org.office_b.pk, DState.PENDING)}
    assert TaskAssignment.objects.get(task=task).unit == org.office_b
